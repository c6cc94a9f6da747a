/** The newsroom's view of stories: lists in any workflow state with counts by state, and tag look-ups for the editor. */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../db/index.js';
import type { Database } from '../db/schema.js';
import type { ArticleStatus } from '../db/schema.js';
import { authorsFor, type AuthorRef } from './queries.js';

export const deskSorts = ['updated', 'oldest', 'created', 'published', 'title'] as const;
export type DeskSort = (typeof deskSorts)[number];

/** What narrows a desk list; every field is optional and they combine with AND. */
export interface DeskScope {
  /** Only stories this user is an author of (the scope of people who may not see everyone's stories, and "mine"). */
  authorId?: number;
  /** Only stories with this author (the author filter). */
  byAuthorId?: number;
  sectionId?: number;
  /** Words in the headline or the summary. */
  query?: string;
  /** In review and not written by this user: waiting for this editor's review. */
  reviewerId?: number;
  /** Only these stories. */
  ids?: number[];
}

export interface DeskFilter extends DeskScope {
  status?: ArticleStatus;
  /** Newest change first unless told otherwise. */
  sort?: DeskSort;
  limit: number;
  offset: number;
}

export interface DeskStory {
  id: number;
  title: string;
  status: ArticleStatus;
  sectionId: number;
  sectionName: string;
  authors: AuthorRef[];
  updatedAt: string;
  createdAt: string;
  publishedAt: string | null;
}

/** The words a desk search looks for, lower-cased, without LIKE's wildcards. */
function searchPattern(query: string): string | null {
  const text = query.trim().toLowerCase().replace(/[%_\\]/g, ' ').replace(/\s+/g, ' ').trim();
  return text ? `%${text}%` : null;
}

function deskQuery(db: Db, filter: DeskScope) {
  let query = db.selectFrom('articles').innerJoin('sections', 'sections.id', 'articles.section_id');
  const hasAuthor = (userId: number) => (eb: ExpressionBuilder<Database, 'articles' | 'sections'>) =>
    eb.exists(eb.selectFrom('article_authors').select('article_authors.article_id').whereRef('article_authors.article_id', '=', 'articles.id').where('article_authors.user_id', '=', userId));
  if (filter.authorId !== undefined) query = query.where(hasAuthor(filter.authorId));
  if (filter.byAuthorId !== undefined) query = query.where(hasAuthor(filter.byAuthorId));
  if (filter.ids !== undefined) query = query.where('articles.id', 'in', filter.ids.length ? filter.ids : [0]);
  if (filter.sectionId !== undefined) query = query.where('articles.section_id', '=', filter.sectionId);
  if (filter.reviewerId !== undefined) {
    const reviewer = filter.reviewerId;
    query = query.where('articles.status', '=', 'review').where((eb) => eb.not(hasAuthor(reviewer)(eb)));
  }
  const pattern = filter.query === undefined ? null : searchPattern(filter.query);
  if (pattern) {
    query = query.where((eb) => eb.or([eb(eb.fn('lower', ['articles.title']), 'like', pattern), eb(eb.fn('lower', ['articles.dek']), 'like', pattern)]));
  }
  return query;
}

/** Most recently changed first, or in the order asked for; ties go to the newest story. */
export async function listDeskStories(db: Db, filter: DeskFilter): Promise<DeskStory[]> {
  let query = deskQuery(db, filter);
  if (filter.status) query = query.where('articles.status', '=', filter.status);
  switch (filter.sort ?? 'updated') {
    case 'oldest':
      query = query.orderBy('articles.updated_at', 'asc');
      break;
    case 'created':
      query = query.orderBy('articles.created_at', 'desc');
      break;
    case 'published':
      // Stories never published go last; ISO times sort as text on both engines.
      query = query.orderBy(sql`coalesce(articles.published_at, '')`, 'desc');
      break;
    case 'title':
      query = query.orderBy(sql`lower(articles.title)`, 'asc');
      break;
    default:
      query = query.orderBy('articles.updated_at', 'desc');
  }
  const rows = await query.select(deskColumns).orderBy('articles.id', 'desc').limit(filter.limit).offset(filter.offset).execute();
  return withAuthors(db, rows);
}

const deskColumns = ['articles.id', 'articles.title', 'articles.status', 'articles.updated_at', 'articles.created_at', 'articles.published_at', 'articles.section_id', 'sections.name as section_name'] as const;

interface DeskRow {
  id: number;
  title: string;
  status: ArticleStatus;
  updated_at: string;
  created_at: string;
  published_at: string | null;
  section_id: number;
  section_name: string;
}

async function withAuthors(db: Db, rows: DeskRow[]): Promise<DeskStory[]> {
  const authors = await authorsFor(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    sectionId: r.section_id,
    sectionName: r.section_name,
    authors: authors.get(r.id) ?? [],
    updatedAt: r.updated_at,
    createdAt: r.created_at,
    publishedAt: r.published_at,
  }));
}

export async function countDeskStories(db: Db, filter: DeskScope): Promise<Record<ArticleStatus, number>> {
  const rows = await deskQuery(db, filter)
    .select(['articles.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('articles.status')
    .execute();
  const counts: Record<ArticleStatus, number> = { draft: 0, review: 0, scheduled: 0, published: 0, archived: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

/** Scheduled stories going out between two times (ISO, UTC, the end excluded), soonest first. */
export async function listScheduledBetween(db: Db, scope: DeskScope, from: string, to: string, limit: number): Promise<DeskStory[]> {
  const rows = await deskQuery(db, scope)
    .where('articles.status', '=', 'scheduled')
    .where('articles.published_at', '>=', from)
    .where('articles.published_at', '<', to)
    .select(deskColumns)
    .orderBy('articles.published_at', 'asc')
    .orderBy('articles.id', 'asc')
    .limit(limit)
    .execute();
  return withAuthors(db, rows);
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
