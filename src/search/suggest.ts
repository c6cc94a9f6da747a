/** An as-you-type candidate as both engines read it (its story and section, for ranking and for the panel's link) and the hit it becomes. */
import { sql } from 'kysely';
import { highlightText, type WordMatcher } from './highlight.js';
import type { SuggestHit } from './types.js';

/** The columns of a candidate, from `articles a` joined with `sections sec`. */
export const suggestColumns = sql`a.id, a.title, a.dek, a.slug, a.published_at, sec.slug as section_slug, sec.name as section_name`;

export interface SuggestRow {
  id: number;
  title: string;
  dek: string;
  slug: string;
  published_at: string;
  section_slug: string;
  section_name: string;
}

/** What rankCandidates reads of a row and its tier (how many of the stricter forms it matches), and the row itself for the hit. */
export function suggestCandidate(row: SuggestRow, tier: number) {
  return { id: row.id, title: row.title, dek: row.dek, publishedAt: row.published_at, tier, row };
}

export function suggestHit(ranked: { id: number; score: number; title: string; row: SuggestRow }, matcher: WordMatcher): SuggestHit {
  const { row } = ranked;
  return {
    id: ranked.id,
    score: ranked.score,
    title: highlightText(ranked.title, matcher),
    snippet: [],
    story: { title: row.title, slug: row.slug, publishedAt: row.published_at, section: { slug: row.section_slug, name: row.section_name } },
  };
}
