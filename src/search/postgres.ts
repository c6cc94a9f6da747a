/** The scale-out engine: PostgreSQL full text over a weighted tsvector (A title, B dek, C body, D tags), same plan and ranking as FTS5. */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/index.js';
import { filterConditions, type IndexDocument } from './filters.js';
import { highlightText, rankCandidates, wordMatcher } from './highlight.js';
import { foldText } from './query.js';
import { countCap, hasFilters, selectiveShare, markEnd, markStart, poolFor, ranking, toSegments, type MatchPlan, type RankRequest, type SearchHit, type SearchQuery, type TermPlan } from './types.js';

type TsQuery = RawBuilder<unknown>;

/** A tsvector holds at most 1 MB; longer bodies are indexed by their beginning. */
const maxIndexedBody = 300_000;

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

/** The reader's words as one phrase; a last word still being typed matches as a prefix. */
function sequencePhrase(plan: MatchPlan): TsQuery {
  if (!plan.sequenceTyping) return sql`phraseto_tsquery('english', ${plan.sequence.join(' ')})`;
  const last = plan.sequence[plan.sequence.length - 1] as string;
  return sql`(phraseto_tsquery('english', ${plan.sequence.slice(0, -1).join(' ')}) <-> to_tsquery('simple', ${`${last}:*`}))`;
}

export interface PostgresQueries {
  match: TsQuery;
  ranked: TsQuery;
  allWords: TsQuery | null;
  phrase: TsQuery | null;
}

export function tsQueries(plan: MatchPlan): PostgresQueries | null {
  const terms = plan.terms.map(termQuery);
  const required = plan.phrases.map((p) => sql`phraseto_tsquery('english', ${p.join(' ')})`);
  if (terms.length) required.push(any(terms));
  if (!required.length) return null;
  let match = all(required);
  if (plan.excluded.length) match = sql`(${match} && !! ${any(plan.excluded.map((w) => sql`plainto_tsquery('english', ${w})`))})`;
  return {
    match,
    ranked: terms.length ? any(terms) : match,
    allWords: terms.length > 1 ? all(terms) : null,
    phrase: plan.sequence.length > 1 ? sequencePhrase(plan) : null,
  };
}

/** Lexicon figures BM25 needs: the number of indexed stories and their mean length (distinct lexemes). */
interface CorpusStats {
  docs: number;
  meanLength: number;
  at: number;
}

/**
 * How many candidates the BM25 ranks when more stories match than the pool: the best by the idf of the selective words
 * they hold, then the newest. Each ranked candidate's tsvector is read once.
 */
const rerankPool = 300;

/** Past this many stories the figures (and each word's story count) are reused for a minute: they move slowly. */
const cacheFrom = 10_000;
const cacheMs = 60_000;
const corpusStats = new WeakMap<Db, CorpusStats>();
const wordCounts = new WeakMap<Db, Map<string, { n: number; at: number }>>();

async function statsOf(db: Db): Promise<CorpusStats> {
  const cached = corpusStats.get(db);
  if (cached && Date.now() - cached.at < cacheMs) return cached;
  // The story count from the planner's estimate past cacheFrom (exact below it), the mean length from the newest 2,000
  // stories: counting or reading every row would cost tens of milliseconds at scale.
  const estimate = Number((await sql<{ n: number }>`select reltuples::bigint as n from pg_class where oid = 'search_documents'::regclass`.execute(db)).rows[0]?.n ?? -1);
  const row = (await sql<{ docs: number; mean: number | null }>`
    select ${estimate >= cacheFrom ? sql`${estimate}::bigint` : sql`(select count(*) from search_documents)`} as docs,
      (select avg(length(document)) from (select document from search_documents order by article_id desc limit 2000) r) as mean`.execute(db)).rows[0];
  const stats = { docs: Number(row?.docs ?? 0), meanLength: Math.max(1, Number(row?.mean ?? 1)), at: Date.now() };
  if (stats.docs >= cacheFrom) corpusStats.set(db, stats);
  return stats;
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
 * How many stories hold each lexeme: counted through the GIN index up to lexemeCountCap (cheap: the rows are narrow and
 * few), past it the share the statistics give for the stem (or the cap, if the statistics do not know it).
 */
async function lexemeCounts(db: Db, lexemes: string[], stats: CorpusStats): Promise<Map<string, number>> {
  const cache = wordCounts.get(db) ?? new Map<string, { n: number; at: number }>();
  wordCounts.set(db, cache);
  const counts = new Map<string, number>();
  const missing: string[] = [];
  for (const lexeme of lexemes) {
    const hit = cache.get(lexeme);
    if (hit && Date.now() - hit.at < cacheMs) counts.set(lexeme, hit.n);
    else missing.push(lexeme);
  }
  if (missing.length) {
    const rows = await sql<{ lexeme: string; n: number }>`
      select l.lexeme, (select count(*) from (select 1 from search_documents d where d.document @@ plainto_tsquery('simple', l.lexeme) limit ${lexemeCountCap}) m) as n
      from unnest(${missing}::text[]) as l(lexeme)`.execute(db);
    const shares = rows.rows.some((r) => Number(r.n) >= lexemeCountCap) ? await commonStemShares(db) : new Map<string, number>();
    for (const row of rows.rows) {
      let n = Number(row.n);
      if (n >= lexemeCountCap) n = Math.max(n, Math.round((shares.get(row.lexeme) ?? 0) * stats.docs));
      counts.set(row.lexeme, n);
      if (stats.docs >= cacheFrom) {
        if (cache.size > 50_000) cache.clear();
        cache.set(row.lexeme, { n, at: Date.now() });
      }
    }
  }
  return counts;
}

/** The stems the ranking scores: every form of every term (the word, its correction, completions), as the index stems them. */
async function rankedLexemes(db: Db, plan: MatchPlan): Promise<string[]> {
  const forms = [...new Set(plan.terms.flatMap((t) => t.forms))];
  if (!forms.length) return [];
  const rows = await sql<{ lexeme: string }>`select distinct unnest(tsvector_to_array(to_tsvector('english', ${forms.join(' ')}))) as lexeme`.execute(db);
  return rows.rows.map((r) => r.lexeme);
}

/** ts_rank_cd's weights are at most 1: the field weights scaled down by the largest (and the score scaled back up). */
const largestField = Math.max(...Object.values(ranking.fields));
const fieldWeights = `{${[ranking.fields.tags, ranking.fields.body, ranking.fields.dek, ranking.fields.title].map((w) => w / largestField).join(',')}}`;

/**
 * BM25 over the weighted tsvector without unnesting it: for each query stem, ts_rank_cd of that stem alone (C code, a
 * binary search in the tsvector) is exactly its field-weighted frequency in the story — with one query word every
 * occurrence is a cover of its own, worth its field's weight — which goes through BM25's saturation with k1 and length
 * normalisation (a story's length is its number of distinct stems) and is weighted by the stem's idf. The same figure
 * as unnesting the tsvector and summing each position's weight, at a fraction of the cost. `document` must be the
 * tsvector already read (not a toasted pointer), or each call would fetch it again.
 */
async function bm25Expression(db: Db, plan: MatchPlan, document: RawBuilder<unknown>): Promise<RawBuilder<unknown>> {
  const lexemes = await rankedLexemes(db, plan);
  if (!lexemes.length) return sql`0.0`;
  const stats = await statsOf(db);
  const counts = await lexemeCounts(db, lexemes, stats);
  const docs = Math.max(stats.docs, ...counts.values());
  const { b } = ranking;
  const k1 = ranking.postgresK1;
  const norm = sql`${sql.lit(k1)} * (${sql.lit(1 - b)} + ${sql.lit(b)} * length(${document}) / ${sql.lit(stats.meanLength)})`;
  const parts = lexemes.map((lexeme) => {
    const n = counts.get(lexeme) ?? 0;
    const idf = Math.log(1 + (docs - n + 0.5) / (n + 0.5));
    const tf = sql`(ts_rank_cd(${fieldWeights}::float4[], ${document}, plainto_tsquery('simple', ${lexeme}), 0) * ${sql.lit(largestField)})`;
    return sql`(${sql.lit(idf * (k1 + 1))} * ${tf} / (${tf} + ${norm}))`;
  });
  return sql.join(parts, sql` + `);
}

/** Candidate ids ranked by the idf of the selective words they hold (per-word id lists from the GIN index), then newest first. */
function shortlistByPresence(newest: number[], selectiveMatches: { ids: number[]; idf: number }[], size: number): number[] {
  const presence = new Map<number, number>();
  for (const id of newest) presence.set(id, 0);
  for (const { ids, idf } of selectiveMatches) for (const id of ids) presence.set(id, (presence.get(id) ?? 0) + idf);
  return [...presence].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, size).map(([id]) => id);
}

/**
 * Runs a search's statements with sequential scans off. The index rows are narrow (the tsvector is out of line), so the
 * planner judges the table small and scans it, testing each row's tsvector, which it must first fetch from the toast
 * table: 35 ms to count 1,000 matches of a common word at 100k stories. The GIN index answers the same from its
 * posting lists without reading a single tsvector.
 */
async function withIndexScans<T>(db: Db, run: (db: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    await sql`set local enable_seqscan = off`.execute(db);
    return run(db);
  }
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    return run(trx);
  });
}

export async function searchPostgres(db: Db, request: RankRequest, query: SearchQuery): Promise<{ total: number; estimated: boolean; hits: SearchHit[] }> {
  return withIndexScans(db, (trx) => searchIndexed(trx, request, query));
}

async function searchIndexed(db: Db, request: RankRequest, query: SearchQuery): Promise<{ total: number; estimated: boolean; hits: SearchHit[] }> {
  const { plan, selective } = request;
  const q = tsQueries(plan);
  if (!q) return { total: 0, estimated: false, hits: [] };
  // The index holds published stories only, so without filters the index alone finds (and counts) the matches.
  const matching = (tsq: TsQuery) =>
    hasFilters(query)
      ? sql`select s.article_id as id from search_documents s join articles a on a.id = s.article_id where s.document @@ ${tsq} and ${filterConditions(query)}`
      : sql`select s.article_id as id from search_documents s where s.document @@ ${tsq}`;
  const cap = query.countCap ?? countCap;
  const counted = await sql<{ n: number }>`select count(*) as n from (${matching(q.match)} limit ${cap}) m`.execute(db);
  const total = Number(counted.rows[0]?.n ?? 0);
  if (total === 0) return { total: 0, estimated: false, hits: [] };
  const pool = poolFor(query);
  const shortlist = Math.max(rerankPool, (query.offset ?? 0) + query.limit);
  let within = sql``;
  if (total > pool) {
    // Many matches: the newest pool of them (ids follow publication) and every match of the selective words, whatever
    // their age, as FTS5 does; only ids are read (the index rows are narrow), and the best `shortlist` by the idf of the
    // selective words they hold are ranked.
    const newest = (await sql<{ id: number }>`${matching(q.match)} order by id desc limit ${pool}`.execute(db)).rows.map((r) => r.id);
    const selectiveMatches: { ids: number[]; idf: number }[] = [];
    let room = pool * selectiveShare;
    const docs = Math.max(total, (await statsOf(db)).docs);
    for (const term of query.sort === 'newest' ? [] : selective) {
      if (room <= 0) break;
      const ids = (await sql<{ id: number }>`${matching(sql`(${q.match} && ${termQuery(term)})`)} order by id desc limit ${room}`.execute(db)).rows.map((r) => r.id);
      room -= ids.length;
      selectiveMatches.push({ ids, idf: Math.log(1 + (docs - ids.length + 0.5) / (ids.length + 0.5)) });
    }
    const candidates = query.sort === 'newest' ? newest : shortlistByPresence(newest, selectiveMatches, shortlist);
    within = sql`and s.article_id = any(${candidates}::int[])`;
  }
  const rows = query.sort === 'newest' ? await newestPage(db, q, query, within) : await rankedPage(db, plan, q, query, within);
  const ids = rows.map((r) => r.id);
  const marked = ids.length && (query.highlight || query.snippets) ? await headlines(db, q.ranked, ids, query.snippets === true) : new Map<number, { title: string; body: string }>();
  return {
    total,
    estimated: total >= cap,
    hits: rows.map((r) => {
      const text = marked.get(r.id);
      return { id: r.id, score: Number(r.score), title: toSegments(text?.title ?? ''), snippet: toSegments(text?.body ?? '') };
    }),
  };
}

async function newestPage(db: Db, q: PostgresQueries, query: SearchQuery, within: RawBuilder<unknown>): Promise<{ id: number; score: number }[]> {
  return (await sql<{ id: number; score: number }>`
    select a.id, 0.0 as score from search_documents s join articles a on a.id = s.article_id
    where s.document @@ ${q.match} ${within} and ${filterConditions(query)}
    order by a.published_at desc, a.id desc limit ${query.limit} offset ${query.offset ?? 0}`.execute(db)).rows;
}

/**
 * BM25 × boosts × freshness over the candidates (every match when they are few). Each candidate's tsvector is read
 * once in the inner query (`|| ''` makes a plain copy), so the per-stem ts_rank calls and the tier tests do not each
 * fetch it again from the toast table.
 */
async function rankedPage(db: Db, plan: MatchPlan, q: PostgresQueries, query: SearchQuery, within: RawBuilder<unknown>): Promise<{ id: number; score: number }[]> {
  const flag = (tsq: TsQuery | null) => (tsq ? sql`(case when c.document @@ ${tsq} then 1 else 0 end)` : sql`0`);
  const age = sql`greatest(0, extract(epoch from (now() - c.published_at::timestamptz)) / 86400.0)`;
  const share = ranking.freshnessShare;
  const freshness = sql`(${sql.lit(1 - share)} + ${sql.lit(share)} / (1.0 + ${age} / 365.0))`;
  const boost = sql`(1.0 + ${sql.lit(ranking.allWordsBoost)} * ${flag(q.allWords)} + ${sql.lit(ranking.phraseBoost)} * ${flag(q.phrase)})`;
  const bm25 = await bm25Expression(db, plan, sql`c.document`);
  return (await sql<{ id: number; score: number }>`
    select c.id, ${bm25} * ${boost} * ${freshness} as score
    from (select s.article_id as id, s.document || ''::tsvector as document, a.published_at
      from search_documents s join articles a on a.id = s.article_id
      where s.document @@ ${q.match} ${within} and ${filterConditions(query)} offset 0) c
    order by score desc, c.published_at desc, c.id desc
    limit ${query.limit} offset ${query.offset ?? 0}`.execute(db)).rows;
}

/**
 * As-you-type: looks only at the newest `pool` matching stories and counts matches up to `countCap`, like the FTS5 engine.
 * The newest are found by id alone (narrow index rows); only those few have their tsvector read, once each, for the tiers.
 */
export async function suggestPostgres(db: Db, plan: MatchPlan, limit: number, pool: number, countCap: number): Promise<{ total: number; hits: SearchHit[] }> {
  return withIndexScans(db, (trx) => suggestIndexed(trx, plan, limit, pool, countCap));
}

async function suggestIndexed(db: Db, plan: MatchPlan, limit: number, pool: number, countCap: number): Promise<{ total: number; hits: SearchHit[] }> {
  const q = tsQueries(plan);
  if (!q) return { total: 0, hits: [] };
  const newest = (await sql<{ id: number }>`select s.article_id as id from search_documents s where s.document @@ ${q.match} order by s.article_id desc limit ${pool}`.execute(db)).rows.map((r) => r.id);
  if (!newest.length) return { total: 0, hits: [] };
  const flag = (tsq: TsQuery | null) => (tsq ? sql`(case when c.document @@ ${tsq} then 1 else 0 end)` : sql`0`);
  const tiers = q.allWords || q.phrase
    ? sql`select s.article_id as id, s.document || ''::tsvector as document from search_documents s where s.article_id = any(${newest}::int[]) offset 0`
    : sql`select unnest(${newest}::int[]) as id, null::tsvector as document`;
  const candidates = await sql<{ id: number; title: string; dek: string; published_at: string; tier: number }>`
    select a.id, a.title, a.dek, a.published_at, ${flag(q.allWords)} + ${flag(q.phrase)} as tier
    from (${tiers}) c join articles a on a.id = c.id
    where a.status = 'published'`.execute(db);
  const total = newest.length < pool
    ? newest.length
    : Number((await sql<{ n: number }>`select count(*) as n from (select 1 from search_documents s where s.document @@ ${q.match} limit ${countCap}) m`.execute(db)).rows[0]?.n ?? 0);
  const matcher = wordMatcher(plan);
  const ranked = rankCandidates(
    candidates.rows.map((r) => ({ id: r.id, title: r.title, dek: r.dek, publishedAt: r.published_at, tier: Number(r.tier) })),
    matcher,
    limit,
  );
  return { total, hits: ranked.map((r) => ({ id: r.id, score: r.score, title: highlightText(r.title, matcher), snippet: [] })) };
}

async function headlines(db: Db, tsq: TsQuery, ids: number[], withBody: boolean): Promise<Map<number, { title: string; body: string }>> {
  const marks = `StartSel=${markStart}, StopSel=${markEnd}`;
  const body = withBody
    ? sql`ts_headline('english', s.body, ${tsq}, ${`${marks}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`})`
    : sql`''`;
  const rows = await sql<{ id: number; title: string; body: string }>`
    select s.article_id as id, ts_headline('english', s.title, ${tsq}, ${`${marks}, HighlightAll=true`}) as title, ${body} as body
    from search_documents s where s.article_id in (${sql.join(ids)})`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, r]));
}

/** Whether any story in the index contains the word. */
export async function postgresHasWord(db: Db, word: string): Promise<boolean> {
  const rows = await sql`select 1 from search_documents where document @@ plainto_tsquery('english', ${word}) limit 1`.execute(db);
  return rows.rows.length > 0;
}

export async function writePostgres(db: Db, articleId: number, doc: IndexDocument | null): Promise<void> {
  await sql`delete from search_documents where article_id = ${articleId}`.execute(db);
  if (!doc) return;
  // Accents are folded here rather than with the unaccent extension, which may not be installed.
  await sql`insert into search_documents (article_id, title, dek, body, tags, document) values (
    ${doc.id}, ${doc.title}, ${doc.dek}, ${doc.body}, ${doc.tags},
    setweight(to_tsvector('english', ${foldText(doc.title)}), 'A') ||
    setweight(to_tsvector('english', ${foldText(doc.dek)}), 'B') ||
    setweight(to_tsvector('english', ${foldText(doc.body).slice(0, maxIndexedBody)}), 'C') ||
    setweight(to_tsvector('english', ${foldText(doc.tags)}), 'D'))`.execute(db);
}

/** Replaces the index rows of many stories with two statements (a bulk load's batch). */
export async function writePostgresMany(db: Db, docs: IndexDocument[]): Promise<void> {
  if (!docs.length) return;
  await sql`delete from search_documents where article_id = any(${docs.map((d) => d.id)}::int[])`.execute(db);
  const column = (pick: (d: IndexDocument) => string) => docs.map(pick);
  await sql`insert into search_documents (article_id, title, dek, body, tags, document)
    select d.id, d.title, d.dek, d.body, d.tags,
      setweight(to_tsvector('english', d.ftitle), 'A') || setweight(to_tsvector('english', d.fdek), 'B') ||
      setweight(to_tsvector('english', d.fbody), 'C') || setweight(to_tsvector('english', d.ftags), 'D')
    from unnest(${docs.map((d) => d.id)}::int[], ${column((d) => d.title)}::text[], ${column((d) => d.dek)}::text[], ${column((d) => d.body)}::text[],
      ${column((d) => d.tags)}::text[], ${column((d) => foldText(d.title))}::text[], ${column((d) => foldText(d.dek))}::text[],
      ${column((d) => foldText(d.body).slice(0, maxIndexedBody))}::text[], ${column((d) => foldText(d.tags))}::text[])
      as d(id, title, dek, body, tags, ftitle, fdek, fbody, ftags)`.execute(db);
}

/** Drops the index rows of stories that are no longer published (after a bulk load that replaced rows in place). */
export async function dropUnpublishedPostgres(db: Db): Promise<void> {
  await sql`delete from search_documents s where not exists (select 1 from articles a where a.id = s.article_id and a.status = 'published')`.execute(db);
}

/**
 * A bulk load. Into an empty index (a first load) the GIN index is dropped and built once at the end, several times
 * faster than updating it row by row, and nothing is lost: an empty index answers nothing anyway. Into a live index
 * the GIN index stays, so searches keep answering while rows are replaced batch by batch. Either way the table is
 * analysed at the end so that the planner sees the new row count.
 */
export async function beginPostgresBulk(db: Db): Promise<{ finish(): Promise<void> }> {
  const empty = (await sql`select 1 from search_documents limit 1`.execute(db)).rows.length === 0;
  if (empty) await sql`drop index if exists search_documents_document`.execute(db);
  return {
    async finish() {
      // Also recreates the index if an interrupted first load left it dropped.
      await sql`create index if not exists search_documents_document on search_documents using gin (document)`.execute(db);
      // Vacuum too: a freshly loaded table's pages are not yet marked all-visible, and counting matches reads them.
      await sql`vacuum (analyze) search_documents`.execute(db).catch(() => sql`analyze search_documents`.execute(db));
    },
  };
}
