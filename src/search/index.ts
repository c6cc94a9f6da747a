/** Search behind one interface: SQLite FTS5 in the embedded mode, PostgreSQL full text at scale. */
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import { isPostgres } from '../db/dialect.js';
import { htmlToText } from '../content/sanitize.js';

export interface SearchQuery {
  q: string;
  sectionId?: number;
  tagId?: number;
  authorId?: number;
  from?: string;
  to?: string;
  sort?: 'relevance' | 'newest';
  limit: number;
  offset?: number;
}

export interface SearchHit {
  id: number;
  score: number;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  /** The words that were searched for, after dropping operators and punctuation. */
  terms: string[];
}

/** Words of a reader's query: letters and digits only, so no query can carry FTS or SQL syntax. */
export function queryTerms(q: string): string[] {
  const words = q
    .slice(0, 500)
    .normalize('NFKC')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  return [...new Set(words ?? [])].slice(0, 24);
}

/** Keeps the index row of one story in step with the story; call inside the transaction that changed it. */
export async function syncSearchDocument(db: Db, articleId: number): Promise<void> {
  const pg = isPostgres(db);
  const article = await db
    .selectFrom('articles')
    .select(['id', 'title', 'dek', 'body_html', 'status'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (pg) await sql`delete from search_documents where article_id = ${articleId}`.execute(db);
  else await sql`delete from search_fts where rowid = ${articleId}`.execute(db);
  if (!article || article.status !== 'published') return;
  const tags = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select('tags.name')
    .where('article_tags.article_id', '=', articleId)
    .execute();
  const tagText = tags.map((t) => t.name).join(' ');
  const body = htmlToText(article.body_html);
  if (pg) {
    await sql`insert into search_documents (article_id, title, dek, body, tags, document) values (
      ${articleId}, ${article.title}, ${article.dek}, ${body}, ${tagText},
      setweight(to_tsvector('english', ${article.title}), 'A') ||
      setweight(to_tsvector('english', ${article.dek}), 'B') ||
      setweight(to_tsvector('english', ${tagText}), 'B') ||
      setweight(to_tsvector('english', ${body}), 'C'))`.execute(db);
  } else {
    await sql`insert into search_fts (rowid, title, dek, body, tags) values (${articleId}, ${article.title}, ${article.dek}, ${body}, ${tagText})`.execute(db);
  }
}

export async function searchStories(db: Db, query: SearchQuery): Promise<SearchResult> {
  const terms = queryTerms(query.q);
  if (terms.length === 0) return { total: 0, hits: [], terms };
  const pg = isPostgres(db);
  const filters = [sql`a.status = 'published'`];
  if (query.sectionId !== undefined) filters.push(sql`a.section_id = ${query.sectionId}`);
  if (query.from) filters.push(sql`a.published_at >= ${query.from}`);
  if (query.to) filters.push(sql`a.published_at < ${query.to}`);
  if (query.tagId !== undefined) filters.push(sql`exists (select 1 from article_tags t where t.article_id = a.id and t.tag_id = ${query.tagId})`);
  if (query.authorId !== undefined) filters.push(sql`exists (select 1 from article_authors w where w.article_id = a.id and w.user_id = ${query.authorId})`);
  const where = sql.join(filters, sql` and `);
  const order = query.sort === 'newest' ? sql`a.published_at desc` : sql`score desc, a.published_at desc`;
  const limit = query.limit;
  const offset = query.offset ?? 0;

  if (pg) {
    const tsquery = terms.map((t) => `${t}:*`).join(' | ');
    const match = sql`s.document @@ to_tsquery('english', ${tsquery})`;
    const rows = await sql<{ id: number; score: number; total: number }>`
      select a.id, ts_rank(s.document, to_tsquery('english', ${tsquery})) as score, count(*) over () as total
      from search_documents s join articles a on a.id = s.article_id
      where ${match} and ${where}
      order by ${order} limit ${limit} offset ${offset}`.execute(db);
    return { total: Number(rows.rows[0]?.total ?? 0), hits: rows.rows.map((r) => ({ id: r.id, score: Number(r.score) })), terms };
  }
  const matchExpr = terms.map((t) => `"${t}"*`).join(' OR ');
  const rows = await sql<{ id: number; score: number; total: number }>`
    select a.id, -bm25(search_fts, 10.0, 4.0, 1.0, 3.0) as score, count(*) over () as total
    from search_fts join articles a on a.id = search_fts.rowid
    where search_fts match ${matchExpr} and ${where}
    order by ${order} limit ${limit} offset ${offset}`.execute(db);
  return { total: Number(rows.rows[0]?.total ?? 0), hits: rows.rows.map((r) => ({ id: r.id, score: Number(r.score) })), terms };
}
