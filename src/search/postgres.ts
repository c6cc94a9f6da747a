/** The scale-out engine: PostgreSQL full text over a weighted tsvector (A title, B dek, C body, D tags), same plan and ranking as FTS5. */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/index.js';
import { filterConditions, type IndexDocument } from './filters.js';
import { highlightText, rankCandidates, wordMatcher } from './highlight.js';
import { foldText } from './query.js';
import { hasFilters, markEnd, markStart, poolFor, toSegments, type MatchPlan, type SearchHit, type SearchQuery, type TermPlan } from './types.js';

// ts_rank weights are listed {D, C, B, A}.
const weights = sql.raw(`'{0.1, 0.3, 0.5, 1.0}'::float4[]`);

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

export async function searchPostgres(db: Db, plan: MatchPlan, query: SearchQuery): Promise<{ total: number; hits: SearchHit[] }> {
  const q = tsQueries(plan);
  if (!q) return { total: 0, hits: [] };
  const flag = (tsq: TsQuery | null) => (tsq ? sql`(case when s.document @@ ${tsq} then 1 else 0 end)` : sql`0`);
  const age = sql`greatest(0, extract(epoch from (now() - a.published_at::timestamptz)) / 86400.0)`;
  const freshness = sql`(0.8 + 0.2 / (1.0 + ${age} / 365.0))`;
  const order = query.sort === 'newest' ? sql`a.published_at desc, a.id desc` : sql`tier desc, score desc, a.published_at desc`;
  // The index holds published stories only, so without filters the index alone finds (and counts) the matches.
  const matches = hasFilters(query)
    ? sql`select s.article_id as id from search_documents s join articles a on a.id = s.article_id where s.document @@ ${q.match} and ${filterConditions(query)}`
    : sql`select s.article_id as id from search_documents s where s.document @@ ${q.match}`;
  const counted = await sql<{ n: number }>`select count(*) as n from (${matches}) m`.execute(db);
  const total = Number(counted.rows[0]?.n ?? 0);
  if (total === 0) return { total: 0, hits: [] };
  // Many matches: rank only the newest pool of them (ids follow publication), as the FTS5 engine does.
  const pool = poolFor(query);
  const lowest = total > pool
    ? (await sql<{ id: number }>`${matches} order by id desc limit 1 offset ${pool - 1}`.execute(db)).rows[0]?.id ?? 0
    : 0;
  const rows = await sql<{ id: number; score: number }>`
    select a.id, ${flag(q.allWords)} + ${flag(q.phrase)} as tier,
      ts_rank(${weights}, s.document, ${q.ranked}, 1) * ${freshness} as score
    from search_documents s join articles a on a.id = s.article_id
    where s.document @@ ${q.match} and s.article_id >= ${lowest} and ${filterConditions(query)}
    order by ${order}
    limit ${query.limit} offset ${query.offset ?? 0}`.execute(db);
  const ids = rows.rows.map((r) => r.id);
  const marked = ids.length && (query.highlight || query.snippets) ? await headlines(db, q.ranked, ids, query.snippets === true) : new Map<number, { title: string; body: string }>();
  return {
    total,
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
