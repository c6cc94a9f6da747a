/** Tables of places/: places stories are datelined in or about, and which stories they are. */
import type { Generated } from 'kysely';

/** A place a story is datelined in or about: a GeoNames place once a story used it, or one an editor added. */
export interface PlacesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  /** Other names (other scripts, former names), separated by " | ". */
  alt_names: string;
  /** Lower-case, accent-free name and other names, for lookups in any script. */
  search_key: string;
  /** ISO 3166-1 alpha-2, or '' for a place in no recognised country (the demo's fictional one). */
  country_code: string;
  /** The country or region as shown when there is no ISO code ('' otherwise). */
  region: string;
  lat: number;
  lon: number;
  population: number;
  geonames_id: number | null;
  /** 1 for a place an editor added, 0 for one from the gazetteer. */
  custom: number;
  created_at: string;
  /** The place this one was merged into: its address then redirects there. Null for a live place. */
  merged_into_id: number | null;
}

export interface StoryPlacesTable {
  article_id: number;
  place_id: number;
  /** 1 for the story's dateline (at most one per story). */
  dateline: number;
  position: number;
}
