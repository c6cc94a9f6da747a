/** The scale-out engine's reading side: PostgreSQL full text over a weighted tsvector (postgres-writes.ts), same plan and ranking as FTS5. */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/index.js';
import { filterConditions } from './filters.js';
import { markHits, rankCandidates, wordMatcher } from './highlight.js';
import { suggestCandidate, suggestColumns, suggestHit, type SuggestRow } from './suggest.js';
import { stopWords } from './query.js';
import { wordDocs } from './vocabulary.js';
import { bm25Idf, exactCount, hasFilters, headlineShare, idList, matchesAnyTerm, maxPresenceTerms, selectiveShare, shortlistByPresence, shortlistMargin, poolFor, poolTotal, ranking, totalPastPool, type MatchCount, type MatchPlan, type RankRequest, type SearchHit, type SearchQuery, type Segment, type SuggestHit, type TermPlan } from './types.js';

type TsQuery = RawBuilder<unknown>;

function any(queries: TsQuery[]): TsQuery {
  return queries.length === 1 ? (queries[0] as TsQuery) : sql`(${sql.join(queries, sql` || `)})`;
}

function all(queries: TsQuery[]): TsQuery {
  return queries.length === 1 ? (queries[0] as TsQuery) : sql`(${sql.join(queries, sql` && `)})`;
}

function termQuery(term: TermPlan): TsQuery {
  // plainto_tsquery treats its whole argument as words, so nothing a reader types is read as tsquery syntax.
  const options = term.forms.map((form) => sql`plainto_tsquery('english', ${form})`);
  // A word being typed is matched as a prefix of the stored stems ('simple' keeps it unstemmed); it is letters and digits only.
  if (term.prefix) options.push(sql`to_tsquery('simple', ${`${term.prefix}:*`})`);
  return any(options);
}

/**
 * The reader's words as one phrase. A last word still being typed ends it as any of its completions from the word
 * list, not as an index prefix, which would merge the posting lists of every stem with that beginning.
 */
function sequencePhrase(plan: MatchPlan): TsQuery {
  if (!plan.sequenceTyping) return sql`phraseto_tsquery('english', ${plan.sequence.join(' ')})`;
  const head = plan.sequence.slice(0, -1).join(' ');
  const last = plan.sequence[plan.sequence.length - 1] as string;
  const endings = plan.terms.find((t) => t.forms.includes(last))?.forms ?? [last];
  return any(endings.map((ending) => sql`phraseto_tsquery('english', ${`${head} ${ending}`})`));
}

export interface PostgresQueries {
  match: TsQuery;
  allWords: TsQuery | null;
  phrase: TsQuery | null;
}

/**
 * A tsquery the planner does not look into: a subquery, evaluated once per statement. In the open, each
 * `document @@ tsquery` condition was costed against the column's lexeme statistics, about half a millisecond of
 * planning per condition (a statement has up to five, more than its execution took), and each row test evaluated the
 * tsquery functions again. The plan does not depend on the estimate: the results page runs with the GIN index as the
 * only way in (withIndexScans), and as-you-type orders its matches by an expression no other index gives.
 */
function evaluatedOnce(tsq: TsQuery): TsQuery {
  return sql`(select ${tsq})`;
}

export function tsQueries(plan: MatchPlan): PostgresQueries | null {
  const terms = plan.terms.map(termQuery);
  const required = plan.phrases.map((p) => sql`phraseto_tsquery('english', ${p.join(' ')})`);
  if (terms.length) required.push(any(terms));
  if (!required.length) return null;
  let match = all(required);
  if (plan.excluded.length) match = sql`(${match} && !! ${any(plan.excluded.map((w) => sql`plainto_tsquery('english', ${w})`))})`;
  return {
    match: evaluatedOnce(match),
    allWords: terms.length > 1 ? evaluatedOnce(all(terms)) : null,
    // As on SQLite (tierExpressions): a query of one word has no phrase tier.
    phrase: terms.length > 1 && plan.sequence.length > 1 ? evaluatedOnce(sequencePhrase(plan)) : null,
  };
}

/** Lexicon figures BM25 needs: the number of indexed stories and their mean length (distinct lexemes). */
interface CorpusStats {
  docs: number;
  meanLength: number;
  /** The highest story id indexed (a lower bound once cached: id windows leave the newest one open-ended). */
  maxId: number;
  /** The lowest story id indexed. */
  minId: number;
  at: number;
}

/** Past this many stories the figures (and each word's story count) are reused for a minute: they move slowly. */
const cacheFrom = 10_000;
const cacheMs = 60_000;
const corpusStats = new WeakMap<Db, CorpusStats>();
const wordCounts = new WeakMap<Db, Map<string, { n: number; at: number }>>();

async function statsOf(db: Db): Promise<CorpusStats> {
  const cached = corpusStats.get(db);
  if (cached && Date.now() - cached.at < cacheMs) return cached;
  // The story count from the planner's estimate past cacheFrom (exact below it), the mean length from the newest 500
  // stories: counting or reading every row would cost tens of milliseconds at scale.
  const estimate = Number((await sql<{ n: number }>`select reltuples::bigint as n from pg_class where oid = 'search_documents'::regclass`.execute(db)).rows[0]?.n ?? -1);
  const row = (await sql<{ docs: number; mean: number | null; max_id: number | null; min_id: number | null }>`
    select ${estimate >= cacheFrom ? sql`${estimate}::bigint` : sql`(select count(*) from search_documents)`} as docs,
      (select avg(length(document)) from (select document from search_documents order by article_id desc limit 500) r) as mean,
      (select max(article_id) from search_documents) as max_id, (select min(article_id) from search_documents) as min_id`.execute(db)).rows[0];
  const stats = { docs: Number(row?.docs ?? 0), meanLength: Math.max(1, Number(row?.mean ?? 1)), maxId: Number(row?.max_id ?? 0), minId: Number(row?.min_id ?? 0), at: Date.now() };
  if (stats.docs >= cacheFrom) corpusStats.set(db, stats);
  return stats;
}

/** How many stories the index holds (the planner's estimate past cacheFrom, cached for a minute). */
export async function postgresStoryCount(db: Db): Promise<number> {
  return (await statsOf(db)).docs;
}

/** Counting a stem's stories stops here; a stem this common takes its share from the planner's statistics. */
const lexemeCountCap = 5000;
const commonStems = new WeakMap<Db, { shares: Map<string, number>; at: number }>();

/** The story share of the commonest stems, from the statistics ANALYZE keeps on the tsvector column (most common elements). */
async function commonStemShares(db: Db): Promise<Map<string, number>> {
  const cached = commonStems.get(db);
  if (cached && Date.now() - cached.at < 10 * cacheMs) return cached.shares;
  const row = (await sql<{ elems: string[] | null; freqs: number[] | null }>`
    select most_common_elems::text::text[] as elems, most_common_elem_freqs as freqs from pg_stats
    where schemaname = current_schema() and tablename = 'search_documents' and attname = 'document'`.execute(db)).rows[0];
  const shares = new Map<string, number>();
  (row?.elems ?? []).forEach((elem, i) => shares.set(elem, Number(row?.freqs?.[i] ?? 0)));
  commonStems.set(db, { shares, at: Date.now() });
  return shares;
}

/**
 * How many stories hold each lexeme. A stem among the commonest (the statistics ANALYZE keeps on the tsvector column)
 * takes its share from there; any other is counted through the GIN index up to lexemeCountCap, which is cheap because
 * a stem outside the commonest few thousand has a short posting list (counting "said" that way took 19 ms at 100k).
 */
async function lexemeCounts(db: Db, lexemes: string[], stats: CorpusStats): Promise<Map<string, number>> {
  const cache = wordCounts.get(db) ?? new Map<string, { n: number; at: number }>();
  wordCounts.set(db, cache);
  const counts = new Map<string, number>();
  const missing: string[] = [];
  const shares = stats.docs >= cacheFrom ? await commonStemShares(db) : new Map<string, number>();
  for (const lexeme of lexemes) {
    const hit = cache.get(lexeme);
    const share = shares.get(lexeme);
    if (hit && Date.now() - hit.at < cacheMs) counts.set(lexeme, hit.n);
    else if (share !== undefined) counts.set(lexeme, Math.round(share * stats.docs));
    else missing.push(lexeme);
  }
  if (missing.length) {
    const rows = await sql<{ lexeme: string; n: number }>`
      select l.lexeme, (select count(*) from (select from search_documents d where d.document @@ plainto_tsquery('simple', l.lexeme) limit ${lexemeCountCap}) m) as n
      from unnest(${missing}::text[]) as l(lexeme)`.execute(db);
    for (const row of rows.rows) {
      const n = Number(row.n);
      counts.set(row.lexeme, n);
      if (stats.docs >= cacheFrom) {
        if (cache.size > 50_000) cache.clear();
        cache.set(row.lexeme, { n, at: Date.now() });
      }
    }
  }
  return counts;
}

/** Each word's stems as PostgreSQL's English configuration gives them; they never change, so a page need not ask again. */
const formStems = new Map<string, string[]>();
const formStemsKept = 50_000;

/** The stems the ranking scores: every form of every term (the word, its correction, completions), as the index stems them. */
async function rankedLexemes(db: Db, plan: MatchPlan): Promise<string[]> {
  const forms = [...new Set(plan.terms.flatMap((t) => t.forms))];
  const missing = forms.filter((form) => !formStems.has(form));
  if (missing.length) {
    const rows = await sql<{ form: string; stems: string[] }>`
      select f.form, tsvector_to_array(to_tsvector('english', f.form)) as stems from unnest(${missing}::text[]) as f(form)`.execute(db);
    if (formStems.size + rows.rows.length > formStemsKept) formStems.clear();
    for (const row of rows.rows) formStems.set(row.form, row.stems);
  }
  // Sorted, so that the BM25's sum (floating point) and with it the order of near-equal stories does not follow the
  // order in which the reader typed the words.
  return [...new Set(forms.flatMap((form) => formStems.get(form) ?? []))].sort();
}

/** ts_rank_cd's weights are at most 1: the field weights scaled down by the largest (and the score scaled back up). */
const largestField = Math.max(...Object.values(ranking.fields));
const fieldWeights = `{${[ranking.fields.tags, ranking.fields.body, ranking.fields.dek, ranking.fields.title].map((w) => w / largestField).join(',')}}`;

/** What the BM25 and the id windows need to know about a query's stems: their story counts and the corpus figures. */
interface TermStats {
  lexemes: string[];
  counts: Map<string, number>;
  stats: CorpusStats;
}

async function termStatsOf(db: Db, plan: MatchPlan): Promise<TermStats> {
  const lexemes = await rankedLexemes(db, plan);
  const stats = await statsOf(db);
  return { lexemes, counts: lexemes.length ? await lexemeCounts(db, lexemes, stats) : new Map<string, number>(), stats };
}

/**
 * The expected share of stories matching any of the stems, as if they occurred independently (their sum would count
 * twice the many stories holding two forms of a word, and the first id window would then fall short).
 */
function matchShare(counts: Iterable<number>, docs: number): number {
  let none = 1;
  for (const n of counts) none *= 1 - Math.min(1, n / Math.max(1, docs));
  return 1 - none;
}

/**
 * BM25 over the weighted tsvector without unnesting it: for each query stem, ts_rank_cd of that stem alone (C code, a
 * binary search in the tsvector) is exactly its field-weighted frequency in the story — with one query word every
 * occurrence is a cover of its own, worth its field's weight — which goes through BM25's saturation with k1 and length
 * normalisation (a story's length is its number of distinct stems) and is weighted by the stem's idf. The same figure
 * as unnesting the tsvector and summing each position's weight, at a fraction of the cost. `document` must be the
 * tsvector already read (not a toasted pointer), or each call would fetch it again. In two parts: `frequencies`, the
 * columns `tf` (each stem's frequency) and `norm` for a row of their own, and `score` over a row `c` holding them, so
 * that each frequency is computed once (an expression written twice in one select list is computed twice).
 */
function bm25Expression({ lexemes, counts, stats }: TermStats, document: RawBuilder<unknown>): { frequencies: RawBuilder<unknown>; score: RawBuilder<unknown> } {
  if (!lexemes.length) return { frequencies: sql`null::float8[] as tf, 0.0 as norm`, score: sql`0.0` };
  const { b } = ranking;
  const k1 = ranking.postgresK1;
  const norm = sql`${sql.lit(k1)} * (${sql.lit(1 - b)} + ${sql.lit(b)} * length(${document}) / ${sql.lit(stats.meanLength)})`;
  const docs = Math.max(stats.docs, ...counts.values());
  // Each stem's frequency once, in a row of its own (PostgreSQL would compute an expression written twice twice).
  const frequencies = sql.join(lexemes.map((lexeme) => sql`ts_rank_cd(${fieldWeights}::float4[], ${document}, plainto_tsquery('simple', ${lexeme}), 0) * ${sql.lit(largestField)}`));
  const parts = lexemes.map((lexeme, i) => {
    const n = counts.get(lexeme) ?? 0;
    const idf = bm25Idf(docs, n);
    const tf = sql`c.tf[${sql.lit(i + 1)}]`;
    return sql`(${sql.lit(idf * (k1 + 1))} * ${tf} / (${tf} + c.norm))`;
  });
  // In parentheses: the boosts and freshness multiply the whole sum, not its last word's share.
  return { frequencies: sql`array[${frequencies}]::float8[] as tf, ${norm} as norm`, score: sql`(${sql.join(parts, sql` + `)})` };
}

/**
 * Runs a search's statements with sequential and plain index scans off, leaving the GIN index. The index rows are
 * narrow (the tsvector is out of line), so the planner judges the table small and scans it, or walks the primary key
 * from the newest story, testing each row's tsvector, which it must first fetch from the toast table (37 ms to find
 * the newest 200 matches of a word in one story in fifteen at 100k stories). The GIN index answers the same from its
 * posting lists, within an id window (idWindow), without reading a single tsvector.
 */
async function withIndexScans<T>(db: Db, run: (db: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    await sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`.execute(db);
    return run(db);
  }
  // The transaction and its settings in one round trip (of a page's dozen): a text without parameters goes to the
  // server as a simple query, which may hold several statements.
  return db.connection().execute(async (connection) => {
    await sql`begin; set local enable_seqscan = off; set local enable_indexscan = off`.execute(connection);
    let result: T;
    try {
      result = await run(connection);
    } catch (error) {
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
    await sql`commit`.execute(connection);
    return result;
  });
}

/**
 * A range of story ids as the GIN index holds them (`article_id + 0`, migration 511): GIN intersects it with the
 * words' posting lists. Without btree_gin the same condition is a filter on the GIN index's matches: still correct.
 */
function idWindow(low: number, high: number | null): RawBuilder<unknown> {
  return high === null ? sql`s.article_id + 0 > ${low}` : sql`s.article_id + 0 > ${low} and s.article_id + 0 <= ${high}`;
}

/**
 * Past this many ids in the first window for each expected match in the whole index, no window is used: one ratio for
 * finding the newest matches, which without a window must fetch and sort every match, and a lower one for counting,
 * which without a window reads the words' posting lists and stops at the cap. Measured at 100,000 stories: the newest
 * 200 cost the same either way at 14 ids per expected match; a count up to 1,000 at 1.3 (at 8 ids per match the
 * window took 2.8 ms, the posting lists 1.1 ms). At a million, a count up to 10,000 at 2.3 ids per match took 14.8 ms
 * windowed and 11.2 ms without.
 */
const windowlessRatio = 8;
const countWindowlessRatio = 1.5;

/** The first id window for finding `want` matches at the expected share of matching stories, with half again to spare. */
function firstWindowSize(want: number, share: number): number {
  return Math.ceil((want * 1.5) / Math.max(share, 1e-6));
}

/**
 * Whether the first id window for `want` matches takes in every story. A window is a range of ids the GIN index reads
 * entry by entry (about 0.1 µs each), while each match found costs a table row (about 2 µs): for a rare word the window
 * would span far more ids than the word has matches (59,000 ids for 526 matches, 5.8 ms against 1 ms without it), so
 * its matches are read whole.
 */
function firstWindowCoversAll(want: number, share: number, maxId: number, ratio = windowlessRatio): boolean {
  const size = firstWindowSize(want, share);
  return size > ratio * share * maxId || maxId - size <= 0;
}

/**
 * Id windows from the newest story down, for finding the newest `want` matches or counting up to `want`: the first is
 * sized to hold `want` matches at the expected share of matching stories (open-ended upwards, so a story added since
 * the figures were read is included), each next one four times larger, the last reaching the oldest story. A query
 * matching few stories gets one window holding everything.
 */
function* idWindows(want: number, share: number, maxId: number, ratio = windowlessRatio): Generator<RawBuilder<unknown>> {
  let size = firstWindowSize(want, share);
  if (firstWindowCoversAll(want, share, maxId, ratio)) {
    yield sql`true`;
    return;
  }
  let high: number | null = null;
  let top = maxId;
  for (;;) {
    const low = top - size;
    if (low <= 0) {
      yield high === null ? sql`true` : sql`s.article_id + 0 <= ${high}`;
      return;
    }
    yield idWindow(low, high);
    high = low;
    top = low;
    size *= 4;
  }
}

/** The newest `want` stories `matching` a window's condition, newest first. */
async function newestMatches(db: Db, matching: (window: RawBuilder<unknown>) => RawBuilder<unknown>, want: number, share: number, maxId: number): Promise<number[]> {
  const ids: number[] = [];
  for (const window of idWindows(want, share, maxId)) {
    const row = (await sql<{ ids: string | null }>`select string_agg(m.id::text, ',') as ids from (${matching(window)} order by s.article_id + 0 desc limit ${want - ids.length}) m`.execute(db)).rows[0];
    ids.push(...idList(row?.ids));
    if (ids.length >= want) break;
  }
  return ids;
}

/** How many stories match, counting up to `cap` (window by window from the newest: past the cap the rest is never read). */
async function countMatches(db: Db, matching: (window: RawBuilder<unknown>) => RawBuilder<unknown>, cap: number, share: number, maxId: number): Promise<number> {
  let total = 0;
  for (const window of idWindows(cap, share, maxId, countWindowlessRatio)) {
    const rows = await sql<{ n: number }>`select count(*) as n from (${matching(window)} limit ${cap - total}) m`.execute(db);
    total += Number(rows.rows[0]?.n ?? 0);
    if (total >= cap) break;
  }
  return total;
}

export async function searchPostgres(db: Db, request: RankRequest, query: SearchQuery): Promise<MatchCount & { hits: SearchHit[] }> {
  const q = tsQueries(request.plan);
  if (!q) return { ...exactCount(0), hits: [] };
  // Read through the caller's database, not the transaction: the figures are cached per database for a minute.
  const terms = await termStatsOf(db, request.plan);
  const texts: PageTexts = query.snippets ? 'body' : query.highlight ? 'title' : 'none';
  const found = await withIndexScans(db, (trx) => searchIndexed(trx, request, q, terms, query, texts));
  const marked = texts === 'none' ? new Map<number, { title: Segment[]; body: Segment[] }>() : markHits(found.rows, request.plan, texts === 'body');
  return {
    ...found.count,
    hits: found.rows.map((r) => {
      const text = marked.get(r.id);
      return { id: r.id, score: Number(r.score), title: text?.title ?? [], snippet: text?.body ?? [] };
    }),
  };
}

/** Which of the index's texts a page's rows carry, for marking the query's words in Node: none, the headline, or the headline and body. */
type PageTexts = 'none' | 'title' | 'body';

/** A page's rows: each story's id and score, and the texts asked for ('' where not). */
type PageRow = { id: number; score: number; title: string; body: string };

/**
 * The page's texts read in the statement that picks the page (one round trip fewer than asking for them after), from
 * the index row of each story on the page only: `s` must be that story's search_documents row.
 */
function textColumns(texts: PageTexts): RawBuilder<unknown> {
  return sql`${texts === 'none' ? sql`''` : sql`s.title`} as title, ${texts === 'body' ? sql`s.body` : sql`''`} as body`;
}

async function searchIndexed(db: Db, request: RankRequest, q: PostgresQueries, terms: TermStats, query: SearchQuery, texts: PageTexts): Promise<{ count: MatchCount; rows: PageRow[] }> {
  // The index holds published stories only, so without filters the index alone finds (and counts) the matches.
  const listing: Listing = (condition) => (window) =>
    hasFilters(query)
      ? sql`select s.article_id as id from search_documents s join articles a on a.id = s.article_id where ${condition} and ${window} and ${filterConditions(query)}`
      : sql`select s.article_id as id from search_documents s where ${condition} and ${window}`;
  const matching = (tsq: TsQuery) => listing(sql`s.document @@ ${tsq}`);
  const share = matchShare(terms.counts.values(), terms.stats.docs);
  const pool = poolFor(query);
  const shortlist = (query.offset ?? 0) + query.limit + shortlistMargin;
  // Past this many matches only some are ranked: the newest pool for the newest first, a shortlist by relevance.
  const ranksAll = query.sort === 'newest' ? pool : shortlist;
  const known = request.known;
  // The newest pool of matches (ids follow publication): fewer than the pool are every match, counted exactly; past it
  // the total is estimated or counted (totalPastPool). A later page that knows its total is small ranks every match.
  let newest: number[] = [];
  let count: MatchCount;
  if (known && !known.estimated && known.total <= ranksAll) count = known;
  else {
    newest = await newestMatches(db, matching(q.match), pool, share, terms.stats.maxId);
    const { minId, maxId } = terms.stats;
    count =
      known ??
      (await totalPastPool(newest, pool, query, {
        // The figures' highest id may be a minute old: a story added since is among the newest.
        ids: async () => ({ first: minId, last: Math.max(maxId, ...newest) }),
        count: (cap) => countMatches(db, matching(q.match), cap, share, maxId),
      }));
  }
  if (count.total === 0) return { count, rows: [] };
  let candidates: number[] | null = null;
  if (newest.length >= pool || newest.length > ranksAll) {
    // Many matches: the newest pool and every match of the selective words, whatever their age, as FTS5 does; only ids
    // are read (the index rows are narrow), and the best `shortlist` by the idf of the selective words they hold are ranked.
    const docs = Math.max(count.total, terms.stats.docs);
    candidates = query.sort === 'newest' ? newest : shortlistByPresence(newest, await wordMatches(db, request, q, listing, { newest, total: count.total }, pool * selectiveShare, docs, terms.stats.maxId), shortlist);
  }
  const rows = query.sort === 'newest' ? await newestPage(db, q, query, candidates, texts) : await rankedPage(db, terms, q, query, candidates, texts);
  return { count, rows };
}

/** The stories meeting a condition within an id window, with the search's filters. */
type Listing = (condition: RawBuilder<unknown>) => (window: RawBuilder<unknown>) => RawBuilder<unknown>;

/** A word in the headline, from the GIN index over the tsvector's A-weighted part (migration 514). */
function inHeadline(term: TermPlan): RawBuilder<unknown> {
  return sql`ts_filter(s.document, '{a}') @@ ${evaluatedOnce(termQuery(term))}`;
}

/**
 * The id lists the shortlist weighs, in one statement: every match of each selective word, whatever its age (rarest
 * first, `pool * selectiveShare` ids in all), and for each other word (up to maxPresenceTerms) which of the newest
 * matches hold it, from GIN over the newest ids' range (the window they came from, so cheap), weighted by the word's
 * share there. Without the other words a query of two common words shortlisted the newest stories holding either,
 * mostly only the commoner one. A word in a candidate's headline adds headlineShare of its idf again, as on SQLite:
 * without it a one-word query ranked only its newest matches, and an older story named by its headline was never shown.
 * With one word every match holds it, so only its headlines tell candidates apart: its matches are not listed (4–5 ms).
 */
async function wordMatches(
  db: Db,
  request: RankRequest,
  q: PostgresQueries,
  listing: Listing,
  found: { newest: number[]; total: number },
  room: number,
  docs: number,
  maxId: number,
): Promise<{ ids: number[]; idf: number }[]> {
  const { selective, plan } = request;
  const { newest } = found;
  const others = plan.terms.filter((t) => !selective.includes(t)).slice(0, maxPresenceTerms);
  const lowest = newest.length ? Math.min(...newest) : 0;
  const single = plan.terms.length === 1;
  // The term alone lists the same stories when any term matches, and GIN need not walk the other words' postings; a
  // word in the headline is then a match without the story's tsvector being read to check it.
  const anyTerm = matchesAnyTerm(plan);
  const holding = (term: TermPlan) => listing(sql`s.document @@ ${evaluatedOnce(anyTerm ? termQuery(term) : sql`${q.match} && ${termQuery(term)}`)}`);
  const headlining = (term: TermPlan) => listing(anyTerm ? inHeadline(term) : sql`${inHeadline(term)} and s.document @@ ${q.match}`);
  const newestOnly = idWindow(lowest - 1, null);
  const everyAge = (list: ReturnType<Listing>) => sql`(select m.id from (${list(sql`true`)} order by id desc limit ${room}) m)`;
  // Each selective word may fill the whole room here; the room is shared out below, rarest first, as if asked in turn.
  const lookups = [
    ...selective.map((term) => ({ term, headline: false, statement: single ? null : everyAge(holding(term)) })),
    ...selective.map((term) => ({ term, headline: true, statement: everyAge(headlining(term)) })),
    ...others.map((term) => ({ term, headline: false, statement: single || !newest.length ? null : sql`(${holding(term)(newestOnly)})` })),
    ...others.map((term) => ({ term, headline: true, statement: newest.length ? sql`(${headlining(term)(newestOnly)})` : null })),
  ];
  const asked = lookups.flatMap((lookup, k) => (lookup.statement ? [sql`select ${sql.lit(k)} as k, (select string_agg(l.id::text, ',') from ${lookup.statement} l) as ids`] : []));
  if (!asked.length) return [];
  // Each list as one text of ids (idList).
  const rows = await sql<{ k: number; ids: string | null }>`${sql.join(asked, sql` union all `)}`.execute(db);
  const listed = lookups.map(() => [] as number[]);
  for (const row of rows.rows) listed[row.k] = idList(row.ids);
  const idfOf = new Map<TermPlan, number>();
  const lists: { ids: number[]; idf: number }[] = [];
  // With one word every candidate holds it: only its headlines, weighted by its idf over every match, set some apart.
  if (single) for (const term of plan.terms) idfOf.set(term, bm25Idf(docs, found.total));
  const candidates = new Set(newest);
  let left = room;
  lookups.forEach((lookup, k) => {
    if (lookup.headline || !lookup.statement || !selective.includes(lookup.term) || left <= 0) return;
    const ids = (listed[k] ?? []).sort((a, b) => b - a).slice(0, left);
    left -= ids.length;
    for (const id of ids) candidates.add(id);
    const idf = bm25Idf(docs, ids.length);
    idfOf.set(lookup.term, idf);
    lists.push({ ids, idf });
  });
  const span = Math.max(1, maxId - lowest + 1);
  lookups.forEach((lookup, k) => {
    if (lookup.headline || !lookup.statement || selective.includes(lookup.term)) return;
    const ids = listed[k] ?? [];
    const idf = bm25Idf(docs, (ids.length / span) * docs);
    idfOf.set(lookup.term, idf);
    lists.push({ ids, idf });
  });
  lookups.forEach((lookup, k) => {
    const idf = idfOf.get(lookup.term);
    if (!lookup.headline || idf === undefined) return;
    // A selective word's headlines count among its matches that found room (with one word, among all of them).
    const ids = single ? (listed[k] ?? []) : (listed[k] ?? []).filter((id) => candidates.has(id));
    lists.push({ ids, idf: idf * headlineShare });
  });
  return lists;
}

/**
 * The stories to list: every match, or the candidates already found among the matches. Candidates are found by id
 * alone: asked to match the query too, the planner intersected them with the GIN index's bitmap of every match, a whole
 * posting list for a common word (924,000 stories for "years" at a million, 40–78 ms). The ranked page checks the match
 * again on the tsvector it reads anyway (a story edited since the candidates were found); the newest page does not.
 */
function listed(q: PostgresQueries, candidates: number[] | null): RawBuilder<unknown> {
  return candidates ? sql`s.article_id = any(${candidates}::int[])` : sql`s.document @@ ${q.match}`;
}

async function newestPage(db: Db, q: PostgresQueries, query: SearchQuery, candidates: number[] | null, texts: PageTexts): Promise<PageRow[]> {
  // Only the page's rows are projected, so only their texts are read from the toast table.
  return (await sql<PageRow>`
    select a.id, 0.0 as score, ${textColumns(texts)} from search_documents s join articles a on a.id = s.article_id
    where ${listed(q, candidates)} and ${filterConditions(query)}
    order by a.published_at desc, a.id desc limit ${query.limit} offset ${query.offset ?? 0}`.execute(db)).rows;
}

/**
 * BM25 × boosts × freshness over the candidates (every match when they are few). Each candidate's tsvector is read
 * once in the inner query (`|| ''` makes a plain copy), so the per-stem ts_rank calls and the tier tests do not each
 * fetch it again from the toast table.
 */
async function rankedPage(db: Db, terms: TermStats, q: PostgresQueries, query: SearchQuery, candidates: number[] | null, texts: PageTexts): Promise<PageRow[]> {
  const flag = (tsq: TsQuery | null) => (tsq ? sql`(case when c.document @@ ${tsq} then 1 else 0 end)` : sql`0`);
  const age = sql`greatest(0, extract(epoch from (now() - c.published_at::timestamptz)) / 86400.0)`;
  const share = ranking.freshnessShare;
  const freshness = sql`(${sql.lit(1 - share)} + ${sql.lit(share)} / (1.0 + ${age} / 365.0))`;
  const boost = sql`(1.0 + ${sql.lit(ranking.allWordsBoost)} * ${flag(q.allWords)} + ${sql.lit(ranking.phraseBoost)} * ${flag(q.phrase)})`;
  const bm25 = bm25Expression(terms, sql`d.document`);
  const page = sql`
    select c.id, ${bm25.score} * ${boost} * ${freshness} as score, c.published_at
    from (select d.*, ${bm25.frequencies} from (select s.article_id as id, s.document || ''::tsvector as document, a.published_at
      from search_documents s join articles a on a.id = s.article_id
      where ${listed(q, candidates)} and ${filterConditions(query)} offset 0) d
      ${candidates ? sql`where d.document @@ ${q.match}` : sql``} offset 0) c
    order by score desc, c.published_at desc, c.id desc
    limit ${query.limit} offset ${query.offset ?? 0}`;
  if (texts === 'none') return (await sql<{ id: number; score: number }>`${page}`.execute(db)).rows.map((r) => ({ id: r.id, score: r.score, title: '', body: '' }));
  // The texts of the page's stories alone, joined once the page is chosen.
  return (await sql<PageRow>`
    select p.id, p.score, ${textColumns(texts)} from (${page}) p join search_documents s on s.article_id = p.id
    order by p.score desc, p.published_at desc, p.id desc`.execute(db)).rows;
}

/**
 * As-you-type: looks only at the newest `pool` matching stories and counts matches up to `countCap`, like the FTS5 engine.
 * The newest are found by id windows in the GIN index; the tiers are two more GIN lookups over the candidates' id
 * range, so no tsvector is read except to check a phrase's word order among stories holding all its words.
 */
export async function suggestPostgres(db: Db, plan: MatchPlan, limit: number, pool: number): Promise<MatchCount & { hits: SuggestHit[] }> {
  // A prefix matched in the index merges the posting lists of every stem with that beginning (81,000 stories for
  // "nea" at 100k): the word being typed is matched through its completions from the word list when it has any.
  const completed = { ...plan, terms: plan.terms.map((t) => (t.prefix && t.forms.length > 1 ? { ...t, prefix: null } : t)) };
  const q = tsQueries(completed);
  if (!q) return { ...exactCount(0), hits: [] };
  const stats = await statsOf(db);
  // Stop words match nothing in the index ('english' drops them), so they must not make the first window small: typing
  // "the" went window after window through the whole index, 70 ms.
  const forms = [...new Set(completed.terms.flatMap((t) => t.forms))].filter((form) => !stopWords.has(form));
  const share = matchShare((await wordDocs(db, forms, plan.counts)).values(), stats.docs);
  // No transaction with the other scans turned off (three round trips, a tenth of a keystroke's time): the tsqueries
  // are opaque to the planner (evaluatedOnce) and the newest are ordered by `article_id + 0`, which the primary key
  // cannot give, so the GIN index within the id window is the plan.
  const found = await suggestIndexed(db, q, share, stats.maxId, pool);
  const ids = found.candidates.map((c) => c.id);
  // No candidate left to reach back to (none published) leaves the count exact: lowest 0 is the oldest story.
  const count = await poolTotal(found.newest, pool, ids.length ? Math.min(...ids) : 0, async () => ({ first: stats.minId, last: Math.max(stats.maxId, ...ids) }));
  const matcher = wordMatcher(completed);
  const ranked = rankCandidates(
    found.candidates.map((r) => suggestCandidate(r, Number(r.tier))),
    matcher,
    limit,
  );
  return { ...count, hits: ranked.map((r) => suggestHit(r, matcher)) };
}

interface SuggestCandidate extends SuggestRow {
  tier: number;
}

/**
 * One statement in the usual case, since every round trip to the server costs more than the work under load: the
 * newest `pool` matches in the first id window, their tiers by GIN lookups over the candidates' id range, and their
 * headlines. Only when a first window falls short without reaching the oldest story do the next windows follow, one
 * statement each. `newest` is how many of the newest matches were found, up to the pool.
 */
async function suggestIndexed(db: Db, q: PostgresQueries, share: number, maxId: number, pool: number): Promise<{ candidates: SuggestCandidate[]; newest: number }> {
  const matching = (tsq: TsQuery) => (window: RawBuilder<unknown>) => sql`select s.article_id as id from search_documents s where s.document @@ ${tsq} and ${window}`;
  const firstNewest = idWindows(pool, share, maxId).next().value as RawBuilder<unknown>;
  const holding = (tsq: TsQuery) => sql`select s.article_id as id from search_documents s where s.document @@ ${tsq} and s.article_id + 0 >= (select min(id) from newest)`;
  // A story holding the phrase holds every word, so the phrase is looked for only once a candidate holds them all: each
  // `in` is a hashed subplan, built the first time it is asked, and `and` stops at the first false. Looking for a phrase
  // reads the word positions of the candidates holding its words: 0.6 of a two-word keystroke's 2.3 ms of execution.
  const allWords = q.allWords ? sql`, all_words as materialized (${holding(q.allWords)})` : sql``;
  const allWordsTier = q.allWords ? sql`(case when n.id in (select id from all_words) then 1 else 0 end)` : sql`0`;
  const phraseTier = q.allWords && q.phrase ? sql`(case when n.id in (select id from all_words) and n.id in (${holding(q.phrase)}) then 1 else 0 end)` : sql`0`;
  const rows = await sql<SuggestCandidate & { found: number }>`
    with newest as (${matching(q.match)(firstNewest)} order by s.article_id + 0 desc limit ${pool})${allWords}
    select ${suggestColumns}, ${allWordsTier} + ${phraseTier} as tier,
      (select count(*) from newest) as found
    from newest n join articles a on a.id = n.id join sections sec on sec.id = a.section_id
    where a.status = 'published'`.execute(db);
  const found = Number(rows.rows[0]?.found ?? 0);
  // A first window that takes in every story (a rare word's is no window at all) leaves nothing older to look at.
  if (found >= pool || firstWindowCoversAll(pool, share, maxId)) return { candidates: rows.rows, newest: found };
  // The first window held fewer than the pool: the expected share was too high. Window by window, as the results page does.
  const newest = await newestMatches(db, matching(q.match), pool, share, maxId);
  if (!newest.length) return { candidates: [], newest: 0 };
  const lowest = Math.min(...newest);
  const tier = new Map<number, number>();
  for (const tsq of [q.allWords, q.phrase]) {
    if (!tsq) continue;
    const ids = await sql<{ id: number }>`${matching(tsq)(idWindow(lowest - 1, null))}`.execute(db);
    for (const row of ids.rows) tier.set(row.id, (tier.get(row.id) ?? 0) + 1);
  }
  const candidates = await sql<SuggestRow>`
    select ${suggestColumns} from articles a join sections sec on sec.id = a.section_id where a.id = any(${newest}::int[]) and a.status = 'published'`.execute(db);
  return { candidates: candidates.rows.map((r) => ({ ...r, tier: tier.get(r.id) ?? 0 })), newest: newest.length };
}

/** Whether any story in the index contains the word. */
export async function postgresHasWord(db: Db, word: string): Promise<boolean> {
  const rows = await sql`select 1 from search_documents where document @@ plainto_tsquery('english', ${word}) limit 1`.execute(db);
  return rows.rows.length > 0;
}
