/** Tables of sources/: the organisations, people and documents stories rest on, and the attributions in stories. */
import type { Generated } from 'kysely';

export type SourceKind = 'organisation' | 'person' | 'document';

/** An organisation, person or document stories rest on; a merged source keeps its row to redirect to `merged_into_id`. */
export interface SourcesTable {
  id: Generated<number>;
  kind: SourceKind;
  slug: string;
  name: string;
  /** Organisations: agency, ministry, ngo, monitoring, company, broadcaster, think-tank, court, other. */
  org_type: string;
  /** People: their role or title. */
  role: string;
  /** People: the organisation they speak for; documents: their publisher. */
  affiliation_id: number | null;
  /** Documents: the date published, YYYY-MM-DD (or '' when unknown). */
  published_on: string;
  /** A document's link, or an organisation's or person's own page. */
  url: string;
  description: string;
  merged_into_id: number | null;
  created_at: string;
  updated_at: string;
}

/** A folded name (see sources/names.ts) and the live source it means. */
export interface SourceKeysTable {
  name_key: string;
  source_id: number;
}

/** One attribution in a story's body: a quote block's or an inline `<cite data-source>`. */
export interface StorySourcesTable {
  article_id: number;
  position: number;
  source_id: number;
  kind: 'quote' | 'inline';
  quote: string;
  role: string;
  /** The original document's address (a quote's `cite`). */
  link: string;
}

/** An attribution name the backfill found without a source, for the desk to confirm or merge. */
export interface SourceProposalsTable {
  id: Generated<number>;
  name_key: string;
  name: string;
  /** JSON array of the spellings seen. */
  variants: string;
  /** JSON array of the story ids it appears in. */
  article_ids: string;
  /** The existing source the name already matches, if any. */
  source_id: number | null;
  status: 'open' | 'confirmed' | 'dismissed';
  created_at: string;
  updated_at: string;
}
