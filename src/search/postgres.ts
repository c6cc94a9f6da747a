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

/** How many candidates, the best by the idf of the stems they hold, the BM25 ranks. */
const rerankPool = 300;

/** Past this many stories the figures (and each word's story count) are reused for a minute: they move slowly. */
const cacheFrom = 10_000;
const cacheMs = 60_000;
const corpusStats = new WeakMap<Db, CorpusStats>();
const wordCounts = new WeakMap<Db, Map<string, { n: number; at: number }>>();

async function statsOf(db: Db): Promise<CorpusStats> {
  const cached = corpusStats.get(db);
  if (cached && Date.now() - cached.at < cacheMs) return cached;
  // The mean length from the newest 2,000 stories: reading every tsvector to average them would cost seconds at scale.
  const row = (await sql<{ docs: number; mean: number | null }>`
    select (select count(*) from search_documents) as docs,
      (select avg(length(document)) from (select document from search_documents order by article_id desc limit 2000) r) as mean`.execute(db)).rows[0];
  const stats = { docs: Number(row?.docs ?? 0), meanLength: Math.max(1, Number(row?.mean ?? 1)), at: Date.now() };
  if (stats.docs >= cacheFrom) corpusStats.set(db, stats);
  return stats;
}

/** How many stories hold each lexeme (through the GIN index). */
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
      select l.lexeme, (select count(*) from search_documents d where d.document @@ plainto_tsquery('simple', l.lexeme)) as n
      from unnest(${missing}::text[]) as l(lexeme)`.execute(db);
    for (const row of rows.rows) {
      counts.set(row.lexeme, Number(row.n));
      if (stats.docs >= cacheFrom) {
        if (cache.size > 50_000) cache.clear();
        cache.set(row.lexeme, { n: Number(row.n), at: Date.now() });
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

/**
 * BM25 written in SQL over the weighted tsvector, with the same field weights as FTS5's bm25 (ts_rank has no notion of how
 * rare a word is, which is what ranks the right story first for a sentence): each query stem's weighted count in the
 * story (title A, summary B, body C, tags D), saturated with k1, normalised by the story's length against the mean.
 */
async function bm25Expressions(db: Db, plan: MatchPlan, document: RawBuilder<unknown>, presenceDocument: RawBuilder<unknown>): Promise<{ bm25: RawBuilder<unknown>; presence: RawBuilder<unknown> }> {
  const lexemes = await rankedLexemes(db, plan);
  if (!lexemes.length) return { bm25: sql`0.0`, presence: sql`0.0` };
  const stats = await statsOf(db);
  const counts = await lexemeCounts(db, lexemes, stats);
  const docs = Math.max(stats.docs, ...counts.values());
  const idf = lexemes.map((l) => {
    const n = counts.get(l) ?? 0;
    return Math.log(1 + (docs - n + 0.5) / (n + 0.5));
  });
  const { fields, b } = ranking;
  const k1 = ranking.postgresK1;
  const weight = sql`case w when 'A' then ${sql.lit(fields.title)} when 'B' then ${sql.lit(fields.dek)} when 'C' then ${sql.lit(fields.body)} else ${sql.lit(fields.tags)} end`;
  const norm = sql`${sql.lit(k1)} * (${sql.lit(1 - b)} + ${sql.lit(b)} * length(${document}) / ${sql.lit(stats.meanLength)})`;
  const bm25 = sql`coalesce((select sum(q.idf * t.tf * ${sql.lit(k1 + 1)} / (t.tf + ${norm}))
    from unnest(${document}) v
    cross join lateral (select sum(${weight}) as tf from unnest(v.weights) w) t
    join unnest(${lexemes}::text[], ${idf}::float8[]) as q(lexeme, idf) on q.lexeme = v.lexeme), 0.0)`;
  // The sum of the idf of the query stems a story holds: a C-level test per stem, no unnest; picks whom BM25 ranks.
  const presence = sql.join(lexemes.map((l, i) => sql`(case when ${presenceDocument} @@ plainto_tsquery('simple', ${l}) then ${sql.lit(idf[i] as number)} else 0.0 end)`), sql` + `);
  return { bm25, presence };
}

export async function searchPostgres(db: Db, request: RankRequest, query: SearchQuery): Promise<{ total: number; estimated: boolean; hits: SearchHit[] }> {
  const { plan, selective } = request;
  const q = tsQueries(plan);
  if (!q) return { total: 0, estimated: false, hits: [] };
  const flag = (tsq: TsQuery | null) => (tsq ? sql`(case when s.document @@ ${tsq} then 1 else 0 end)` : sql`0`);
  const age = sql`greatest(0, extract(epoch from (now() - a.published_at::timestamptz)) / 86400.0)`;
  const share = ranking.freshnessShare;
  const freshness = sql`(${sql.lit(1 - share)} + ${sql.lit(share)} / (1.0 + ${age} / 365.0))`;
  const boost = sql`(1.0 + ${sql.lit(ranking.allWordsBoost)} * ${flag(q.allWords)} + ${sql.lit(ranking.phraseBoost)} * ${flag(q.phrase)})`;
  const order = query.sort === 'newest' ? sql`a.published_at desc, a.id desc` : sql`score desc, a.published_at desc`;
  // The index holds published stories only, so without filters the index alone finds (and counts) the matches.
  const matching = (tsq: TsQuery) =>
    hasFilters(query)
      ? sql`select s.article_id as id from search_documents s join articles a on a.id = s.article_id where s.document @@ ${tsq} and ${filterConditions(query)}`
      : sql`select s.article_id as id from search_documents s where s.document @@ ${tsq}`;
  const cap = query.countCap ?? countCap;
  const counted = await sql<{ n: number }>`select count(*) as n from (${matching(q.match)} limit ${cap}) m`.execute(db);
  const total = Number(counted.rows[0]?.n ?? 0);
  if (total === 0) return { total: 0, estimated: false, hits: [] };
  // Many matches: rank the newest pool of them (ids follow publication) and every match of the selective words, as FTS5 does.
  const pool = poolFor(query);
  let within = sql``;
  if (total > pool) {
    const newest = (await sql<{ id: number }>`${matching(q.match)} order by id desc limit ${pool}`.execute(db)).rows.map((r) => r.id);
    const found = new Set(newest);
    // Rarest word first, so that when the word list undercounts (it does not know stems) the rarest words' matches are kept.
    for (const term of query.sort === 'newest' ? [] : selective) {
      const room = pool * (selectiveShare + 1) - found.size;
      if (room <= 0) break;
      const rows = await sql<{ id: number }>`${matching(sql`(${q.match} && ${termQuery(term)})`)} order by id desc limit ${room}`.execute(db);
      for (const row of rows.rows) found.add(row.id);
    }
    within = sql`and s.article_id = any(${[...found]}::int[])`;
  }
  const { bm25, presence } = await bm25Expressions(db, plan, sql`c.document`, sql`s.document`);
  // BM25 in SQL unnests each story's tsvector; it runs on the best few hundred by the stems they hold, not every candidate.
  const shortlist = Math.max(rerankPool, (query.offset ?? 0) + query.limit);
  const rows = query.sort === 'newest'
    ? await sql<{ id: number; score: number }>`
      select a.id, 0.0 as score from search_documents s join articles a on a.id = s.article_id
      where s.document @@ ${q.match} ${within} and ${filterConditions(query)}
      order by ${order} limit ${query.limit} offset ${query.offset ?? 0}`.execute(db)
    : await sql<{ id: number; score: number }>`
      with c as (
        select s.article_id, s.document, a.published_at, ${boost} * ${freshness} as factor
        from search_documents s join articles a on a.id = s.article_id
        where s.document @@ ${q.match} ${within} and ${filterConditions(query)}
        order by (${presence}) * ${boost} * ${freshness} desc, s.article_id desc limit ${shortlist})
      select c.article_id as id, ${bm25} * c.factor as score from c
      order by score desc, c.published_at desc
      limit ${query.limit} offset ${query.offset ?? 0}`.execute(db);
  const ids = rows.rows.map((r) => r.id);
  const marked = ids.length && (query.highlight || query.snippets) ? await headlines(db, q.ranked, ids, query.snippets === true) : new Map<number, { title: string; body: string }>();
  return {
    total,
    estimated: total >= cap,
    hits: rows.rows.map((r) => {
      const text = marked.get(r.id);
      return { id: r.id, score: Number(r.score), title: toSegments(text?.title ?? ''), snippet: toSegments(text?.body ?? '') };
    }),
  };
}

/** As-you-type: looks only at the newest `pool` matching stories and counts matches up to `countCap`, like the FTS5 engine. */
export async function suggestPostgres(db: Db, plan: MatchPlan, limit: number, pool: number, countCap: number): Promise<{ total: number; hits: SearchHit[] }> {
  const q = tsQueries(plan);
  if (!q) return { total: 0, hits: [] };
  const flag = (tsq: TsQuery | null) => (tsq ? sql`(case when c.document @@ ${tsq} then 1 else 0 end)` : sql`0`);
  const candidates = await sql<{ id: number; title: string; dek: string; published_at: string; tier: number }>`
    select c.id, a.title, a.dek, a.published_at, ${flag(q.allWords)} + ${flag(q.phrase)} as tier
    from (select s.article_id as id, s.document from search_documents s where s.document @@ ${q.match} order by s.article_id desc limit ${pool}) c
    join articles a on a.id = c.id
    where a.status = 'published'`.execute(db);
  if (!candidates.rows.length) return { total: 0, hits: [] };
  const total = candidates.rows.length < pool
    ? candidates.rows.length
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

export async function clearPostgres(db: Db): Promise<void> {
  await sql`delete from search_documents`.execute(db);
}
