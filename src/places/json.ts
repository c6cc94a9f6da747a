/** A story's places as the content API gives them. */
import type { Place } from '../db/schema.js';
import type { StoryPlaces } from './store.js';
import { placePath } from './urls.js';

export interface PlaceJson {
  slug: string;
  name: string;
  /** ISO 3166-1 alpha-2, or '' for a place in no recognised country (then `region` names it). */
  countryCode: string;
  region: string;
  lat: number;
  lon: number;
  geonamesId: number | null;
  url: string;
}

export function placeJson(siteUrl: string, place: Place): PlaceJson {
  return { slug: place.slug, name: place.name, countryCode: place.country_code, region: place.region, lat: place.lat, lon: place.lon, geonamesId: place.geonames_id, url: `${siteUrl}${placePath(place.slug)}` };
}

export function storyPlacesJson(siteUrl: string, places: StoryPlaces): { dateline: PlaceJson | null; about: PlaceJson[] } {
  return { dateline: places.dateline ? placeJson(siteUrl, places.dateline) : null, about: places.about.map((p) => placeJson(siteUrl, p)) };
}
