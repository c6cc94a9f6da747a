/** What the search interface speaks: a reader's query with filters, and ranked hits with highlighted text. */

export interface SearchFilters {
  sectionId?: number;
  tagId?: number;
  authorId?: number;
  /** Stories citing this source (the sources directory). */
  sourceId?: number;
  /** Stories datelined in or about this place (places/). */
  placeId?: number;
  /** Inclusive lower and exclusive upper bound on the publication time (ISO strings). */
  from?: string;
  to?: string;
}

export interface SearchQuery extends SearchFilters {
  q: string;
  sort?: 'relevance' | 'newest';
  limit: number;
  offset?: number;
  /** Mark the matched words in each hit's headline. */
  highlight?: boolean;
  /** Also load a highlighted body excerpt for each hit (the results page). */
  snippets?: boolean;
  /** How many of the newest matches are ranked when more match (default rankingPool; tests lower it). */
  pool?: number;
  /** Where counting stops when filters narrow the search (default countCap; tests lower it). */
  countCap?: number;
  /** The fewest stories a common word is held by (default commonWordMinStories; tests lower it). */
  commonFrom?: number;
}

/** What an engine is asked to rank: the plan, and the words rare enough that all their matches are ranked. */
export interface RankRequest {
  plan: MatchPlan;
  /** Terms of the plan whose matches (all of them) join the candidates when more stories match than the pool. */
  selective: TermPlan[];
  /** The query's total as the first page found it moments ago: later pages do not count again. */
  known?: MatchCount;
  /**
   * Every word of the query is common (held by a fifth of a large index or more) and no phrase is asked for: BM25
   * would weigh them all next to nothing, so an engine may rank the newest matches by the tiers and freshness alone.
   */
  commonOnly?: boolean;
}

/**
 * Past this many matches the results page does not rank every match (scoring every match of a word that most stories
 * contain took 0.3–0.5 s at 100k stories). It ranks the newest this many, and with them every match of the query's
 * selective words: the rarest words, together matching at most selectiveShare times this many stories, whatever their
 * age. BM25 weighs a story by its rare words, so the best answer holds one of them unless every word of the query is
 * common. It was 2,000 until 2026-12-07: with 1,000 (and the selective words' room kept at 6,000 stories) the judged
 * collections rank exactly as before, alone and mixed into 100,000 and 1,000,000 stories, while finding the newest
 * matches costs half as much (PostgreSQL reads an id window of the GIN index half as wide).
 */
export const rankingPool = 1000;

/**
 * The selective words may together match up to this many times the pool (by the word list's counts). Measured with the
 * judged collections mixed into a 10,000-story corpus and a pool of 2,000: CISI's MAP was 0.088 with room for 2,000
 * stories, 0.156 with 6,000 (as with every match ranked), while a two-word query of common words took 16 ms with 2,000
 * and 54 ms with 12,000. With the pool at 1,000, 6× keeps the room at 6,000: at 3× CISI mixed into 1,000,000 stories
 * fell from MAP 0.138 to 0.134.
 */
export const selectiveShare = 6;

/**
 * How many candidates beyond the page's reach (offset + limit) BM25 ranks when more stories match than that, on both
 * engines: the best by the idf of the query's words they hold, then the newest. BM25 reads each ranked candidate's
 * words (PostgreSQL its tsvector from the toast table, FTS5 its position lists): at a million stories that was most of
 * a page's time on PostgreSQL, and at 100,000 ranking every candidate took 4-5 ms of a SQLite page. For a first page,
 * 200 in all ranked the judged collections as 300 did, alone and mixed into 100,000 and 1,000,000 stories (nDCG@10
 * equal to the third decimal; 150 lost 0.002 on CISI at a million). A deeper page needs as many more as it reaches: the
 * generated collection's top 100 ranked from 200 candidates lost 2% of MAP, from 300 none.
 */
export const shortlistMargin = 200;

/** How many of a query's other (not selective) words are looked up among the newest candidates to choose the shortlist. */
export const maxPresenceTerms = 8;

/** What a query word in a candidate's headline adds to its presence in the shortlist, as a share of the word's idf. */
export const headlineShare = 0.5;

/** BM25's idf of a stem held by `n` of `docs` stories (the form that stays positive for the commonest stems). */
export function bm25Idf(docs: number, n: number): number {
  return Math.log(1 + (docs - n + 0.5) / (n + 0.5));
}

/**
 * Whether a story holding any one of the plan's terms matches it: with no phrases and no excluded words the match is its
 * terms joined with OR, so one term alone lists the same stories as the whole match and that term together.
 */
export function matchesAnyTerm(plan: MatchPlan): boolean {
  return plan.phrases.length === 0 && plan.excluded.length === 0;
}

/**
 * The shortlist: the candidates (the newest matches, and every match of the selective words) ranked by the idf of the
 * query's words each is known to hold (`held`: per word, the ids holding it), then newest first. An id in `held` but not
 * in `candidates` joins them (PostgreSQL passes the newest alone and the selective words' matches as held lists).
 */
export function shortlistByPresence(candidates: Iterable<number>, held: { ids: number[]; idf: number }[], size: number): number[] {
  const listed = Array.isArray(candidates) ? candidates : [...candidates];
  const presence = new PresenceTable(held.reduce((n, { ids }) => n + ids.length, listed.length));
  for (const id of listed) presence.add(id, 0);
  for (const { ids, idf } of held) for (const id of ids) presence.add(id, idf);
  const { count, ids, figures } = presence;
  const byPresence = (a: number, b: number) => (figures[b] as number) - (figures[a] as number) || (ids[b] as number) - (ids[a] as number);
  const entries = (filter: (i: number) => boolean) => {
    const chosen: number[] = [];
    for (let i = 0; i < count; i++) if (filter(i)) chosen.push(i);
    return chosen;
  };
  if (count <= size) return entries(() => true).sort(byPresence).map((i) => ids[i] as number);
  // The size-th highest presence, from a numeric sort of the figures alone: sorting every candidate with a comparator
  // (thousands where a selective word is common) cost more than all the rest of the choice.
  const cut = figures.slice(0, count).sort()[count - size] as number;
  const above = entries((i) => (figures[i] as number) > cut).sort(byPresence);
  const at = entries((i) => figures[i] === cut).sort((a, b) => (ids[b] as number) - (ids[a] as number));
  return [...above, ...at.slice(0, size - above.length)].map((i) => ids[i] as number);
}

/**
 * Each candidate's presence, summed in typed arrays: an open-addressing table of story ids pointing at their entry in
 * the order first seen. A Map took 1.8 ms for 7,000 candidates and the selective word's 6,000 matches again.
 */
class PresenceTable {
  readonly ids: Int32Array;
  readonly figures: Float64Array;
  count = 0;
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(most: number) {
    let capacity = 1024;
    while (capacity < most * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    this.ids = new Int32Array(most);
    this.figures = new Float64Array(most);
  }

  add(id: number, figure: number): void {
    let slot = Math.imul(id, 0x9e3779b1) & this.mask;
    for (;;) {
      const entry = this.slots[slot] as number;
      if (entry < 0) break;
      if (this.ids[entry] === id) {
        this.figures[entry] = (this.figures[entry] as number) + figure;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
    this.slots[slot] = this.count;
    this.ids[this.count] = id;
    this.figures[this.count++] = figure;
  }
}

/**
 * When filters narrow a search that matches more stories than the pool, its matches are counted up to this many; past
 * it the total is a lower bound. Without filters the total past the pool is estimated instead (estimatedCount).
 */
export const countCap = 10_000;

/** How many stories match a search, and how far to trust the figure. */
export interface MatchCount {
  total: number;
  /** Not an exact count: an estimate (estimatedCount), or a lower bound when `totalIsLowerBound`. */
  estimated: boolean;
  /** Counting stopped at the cap: at least `total` stories match. */
  totalIsLowerBound: boolean;
}

/**
 * Story ids a statement returned as one comma-separated text (SQLite's group_concat, PostgreSQL's string_agg): both
 * drivers build an object per row, which for the thousands of ids of a common word's matches cost more than finding them.
 */
export function idList(text: string | null | undefined): number[] {
  const ids: number[] = [];
  if (!text) return ids;
  // Read digit by digit: splitting made a string per id for the collector to reclaim.
  let id = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 44) {
      ids.push(id);
      id = 0;
    } else id = id * 10 + code - 48;
  }
  ids.push(id);
  return ids;
}

export function exactCount(total: number): MatchCount {
  return { total, estimated: false, totalIsLowerBound: false };
}

/** A count that stopped at `cap`: exact below it, a lower bound at it. */
export function cappedCount(total: number, cap: number): MatchCount {
  return { total, estimated: total >= cap, totalIsLowerBound: total >= cap };
}

/** A figure rounded to two significant digits (48,213 → 48,000): an estimate should not look more precise than it is. */
function twoSignificant(n: number): number {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

/**
 * The total of an unfiltered search that matched at least `found` stories, the newest `found` of them reaching back to
 * story id `lowest`, out of an index holding ids `first` to `last`. Story ids follow publication, so the newest matches
 * cover a share of the index's ids and the rest match at about the same rate: counting them instead read every match
 * up to countCap, the largest part of a results page at a million stories (8–10 ms on PostgreSQL). A word whose
 * stories bunch in time (an election) is over- or underestimated, which "about" owns up to. Exact when the newest
 * matches reach the oldest story.
 */
export function estimatedCount(found: number, lowest: number, index: { first: number; last: number }): MatchCount {
  if (lowest <= index.first) return exactCount(found);
  const share = (index.last - lowest + 1) / Math.max(1, index.last - index.first + 1);
  return { total: Math.max(found, twoSignificant(found / Math.min(1, share))), estimated: true, totalIsLowerBound: false };
}

/**
 * The total of an unfiltered search from its newest matches, up to `pool` of them: `found` below the pool is every match,
 * an exact count; a full pool reaching back to story id `lowest` is estimated past (estimatedCount over the index's ids).
 */
export async function poolTotal(found: number, pool: number, lowest: number, ids: () => Promise<{ first: number; last: number }>): Promise<MatchCount> {
  return found < pool ? exactCount(found) : estimatedCount(found, lowest, await ids());
}

/**
 * The results page's ranking, one set of weights for both engines, chosen on the judged collections (bench:search):
 * BM25 over the reader's content words joined with OR, fields weighted lightly (title 2, summary 1.5, body 1, tags 0.5);
 * stories holding every word, or the reader's words as a phrase, get a bounded boost rather than a tier of their own
 * (hard tiers put a story sharing three common words above the one sharing the rare word that matters); and freshness
 * moves a score by at most 1%, enough to order near-equal stories newest first and no more.
 */
export const ranking = {
  fields: { title: 2, dek: 1.5, body: 1, tags: 0.5 },
  allWordsBoost: 0.25,
  phraseBoost: 0.5,
  freshnessShare: 0.01,
  /** BM25's length normalisation (FTS5's built-in value, used by the PostgreSQL BM25 too). */
  b: 0.75,
  /**
   * Term-frequency saturation of the PostgreSQL BM25. FTS5's is fixed at 1.2; PostgreSQL measures a story's length in
   * distinct stems (a tsvector keeps no token count), which shortens long stories, and 2.0 measured better there
   * (MAP 0.180 → 0.188 on CISI, 0.308 → 0.311 on Cranfield, 0.539 → 0.546 on MED).
   */
  postgresK1: 2.0,
} as const;

/**
 * The total of a search whose newest matches, up to the pool, are `newest`: exact below the pool; past it, estimated
 * from how far back the newest reach without filters (estimatedCount over the index's `ids`), counted up to the cap
 * with them: filters such as dates gather their stories in part of the id range, which would skew the estimate.
 */
export async function totalPastPool(
  newest: number[],
  pool: number,
  query: SearchQuery,
  engine: { ids: () => Promise<{ first: number; last: number }>; count: (cap: number) => Promise<number> },
): Promise<MatchCount> {
  if (newest.length < pool || !hasFilters(query)) return poolTotal(newest.length, pool, Math.min(...newest), engine.ids);
  const cap = Math.max(query.countCap ?? countCap, pool);
  return cappedCount(await engine.count(cap), cap);
}

/** The pool for a page of results: never smaller than the results asked for. */
export function poolFor(query: SearchQuery): number {
  return Math.max(query.pool ?? rankingPool, (query.offset ?? 0) + query.limit);
}

/** Whether the query narrows by anything other than being published. */
export function hasFilters(query: SearchQuery): boolean {
  return query.sectionId !== undefined || query.tagId !== undefined || query.authorId !== undefined || query.sourceId !== undefined || query.placeId !== undefined || !!query.from || !!query.to;
}

/** A piece of highlighted text: `hit` marks the words that matched. Rendered as text, never as HTML. */
export interface Segment {
  text: string;
  hit: boolean;
}

export interface SearchHit {
  id: number;
  score: number;
  title: Segment[];
  snippet: Segment[];
}

/** An as-you-type hit, with what the panel shows and links to, read in the same statement as the candidates. */
export interface SuggestHit extends SearchHit {
  story: { title: string; slug: string; publishedAt: string; section: { slug: string; name: string } };
}

export interface SearchResult extends MatchCount {
  hits: SearchHit[];
  /** Misspelled words and the indexed words they were also searched as. */
  corrections: Map<string, string>;
}

/** One query word and everything it may match: the word, its correction, and completions of a word still being typed. */
export interface TermPlan {
  forms: string[];
  /** A word still being typed: also matched as a prefix of indexed stems. */
  prefix: string | null;
}

/** An engine-neutral description of what to match, built once from the parsed query and the vocabulary. */
export interface MatchPlan {
  terms: TermPlan[];
  phrases: string[][];
  excluded: string[];
  /** The reader's words in order; stories containing them as a phrase rank first. */
  sequence: string[];
  /** The last word of `sequence` is still being typed. */
  sequenceTyping: boolean;
  /** Story counts of forms, as the word list gave them while the plan was made (so they are not asked for again). */
  counts?: ReadonlyMap<string, number>;
}

