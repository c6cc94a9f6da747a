/** The newsroom's view of stories: lists in any workflow state with counts by state, and tag look-ups for the editor. */
import type { Db } from '../db/index.js';
import type { ArticleStatus } from '../db/schema.js';
import { authorsFor, type AuthorRef } from './queries.js';

export interface DeskFilter {
  status?: ArticleStatus;
  /** Only stories this user is an author of. */
  authorId?: number;
  limit: number;
  offset: number;
}

export interface DeskStory {
  id: number;
  title: string;
  status: ArticleStatus;
  sectionName: string;
  authors: AuthorRef[];
  updatedAt: string;
  publishedAt: string | null;
}

function deskQuery(db: Db, filter: Omit<DeskFilter, 'limit' | 'offset' | 'status'>) {
  let query = db.selectFrom('articles').innerJoin('sections', 'sections.id', 'articles.section_id');
  if (filter.authorId !== undefined) {
    const authorId = filter.authorId;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('article_authors').select('article_authors.article_id').whereRef('article_authors.article_id', '=', 'articles.id').where('article_authors.user_id', '=', authorId)),
    );
  }
  return query;
}

/** Most recently changed first. */
export async function listDeskStories(db: Db, filter: DeskFilter): Promise<DeskStory[]> {
  let query = deskQuery(db, filter);
  if (filter.status) query = query.where('articles.status', '=', filter.status);
  const rows = await query
    .select(['articles.id', 'articles.title', 'articles.status', 'articles.updated_at', 'articles.published_at', 'sections.name as section_name'])
    .orderBy('articles.updated_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const authors = await authorsFor(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    sectionName: r.section_name,
    authors: authors.get(r.id) ?? [],
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
  }));
}

export async function countDeskStories(db: Db, filter: { authorId?: number }): Promise<Record<ArticleStatus, number>> {
  const rows = await deskQuery(db, filter)
    .select(['articles.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('articles.status')
    .execute();
  const counts: Record<ArticleStatus, number> = { draft: 0, review: 0, scheduled: 0, published: 0, archived: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

/** Tags whose name starts with (or, failing that, contains) the typed text, most used first. */
export async function suggestTags(db: Db, typed: string, limit = 10): Promise<{ name: string; slug: string }[]> {
  const text = typed.trim().toLowerCase().replace(/[%_\\]/g, '');
  if (!text) return [];
  const base = db
    .selectFrom('tags')
    .leftJoin('article_tags', 'article_tags.tag_id', 'tags.id')
    .select(['tags.name', 'tags.slug', (eb) => eb.fn.count('article_tags.article_id').as('uses')])
    .groupBy(['tags.id', 'tags.name', 'tags.slug'])
    .orderBy('uses', 'desc')
    .orderBy('tags.name')
    .limit(limit);
  const starts = await base.where((eb) => eb(eb.fn('lower', ['tags.name']), 'like', `${text}%`)).execute();
  const rows = starts.length ? starts : await base.where((eb) => eb(eb.fn('lower', ['tags.name']), 'like', `%${text}%`)).execute();
  return rows.map((r) => ({ name: r.name, slug: r.slug }));
}
