/** Reads of live coverage: a story's live state, its updates and key events, and the public change log readers resume from. */
import type { Db } from '../db/index.js';
import type { LiveCoverageTable, LiveUpdatesTable } from '../db/schema.js';
import type { Selectable } from 'kysely';
import type { LiveCoverage, LiveUpdateView } from './events.js';

type UpdateRow = Selectable<LiveUpdatesTable>;

export function updateView(row: UpdateRow): LiveUpdateView {
  return {
    id: row.id,
    storyId: row.article_id,
    headline: row.headline,
    bodyHtml: row.body_html,
    authorName: row.author_name,
    authorId: row.author_id,
    status: row.status,
    pinned: row.pinned === 1,
    createdAt: row.created_at,
    publishedAt: row.published_at,
    editedAt: row.edited_at,
    correction: row.correction,
    correctedAt: row.corrected_at,
  };
}

function coverageView(row: Selectable<LiveCoverageTable>): LiveCoverage {
  return { storyId: row.article_id, summaryHtml: row.summary_html, approvalRequired: row.approval_required === 1, startedAt: row.started_at, endedAt: row.ended_at };
}

export async function findCoverage(db: Db, storyId: number): Promise<LiveCoverage | null> {
  const row = await db.selectFrom('live_coverage').selectAll().where('article_id', '=', storyId).executeTakeFirst();
  return row ? coverageView(row) : null;
}

/** The coverage of a story readers can see: null when there is none or the story is not published (taken down, a draft). */
export async function findPublicCoverage(db: Db, storyId: number): Promise<LiveCoverage | null> {
  const row = await db
    .selectFrom('live_coverage')
    .innerJoin('articles', 'articles.id', 'live_coverage.article_id')
    .selectAll('live_coverage')
    .where('live_coverage.article_id', '=', storyId)
    .where('articles.status', '=', 'published')
    .executeTakeFirst();
  return row ? coverageView(row) : null;
}

export async function findUpdate(db: Db, id: number): Promise<LiveUpdateView | null> {
  const row = await db.selectFrom('live_updates').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? updateView(row) : null;
}

/** Updates readers see (or, for the desk, pending ones too), newest first unless asked otherwise. */
export async function listUpdates(db: Db, storyId: number, options: { oldestFirst?: boolean; withPending?: boolean; limit?: number } = {}): Promise<LiveUpdateView[]> {
  const rows = await db
    .selectFrom('live_updates')
    .selectAll()
    .where('article_id', '=', storyId)
    .where('status', 'in', options.withPending ? ['published', 'pending'] : ['published'])
    .orderBy('published_at', options.oldestFirst ? 'asc' : 'desc')
    .orderBy('id', options.oldestFirst ? 'asc' : 'desc')
    .limit(options.limit ?? 1000)
    .execute();
  return rows.map(updateView);
}

export async function findUpdates(db: Db, ids: number[]): Promise<Map<number, LiveUpdateView>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('live_updates').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, updateView(r)]));
}

export interface LiveStreamEvent {
  id: number;
  storyId: number;
  kind: string;
  updateId: number | null;
  createdAt: string;
}

/** Change-log rows of a story after an id, oldest first. */
export async function eventsAfter(db: Db, storyId: number, afterId: number, limit: number): Promise<LiveStreamEvent[]> {
  const rows = await db
    .selectFrom('live_events')
    .selectAll()
    .where('article_id', '=', storyId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, storyId: r.article_id, kind: r.kind, updateId: r.update_id, createdAt: r.created_at }));
}

/** The newest change-log id of a story; 0 when none. */
export async function lastEventId(db: Db, storyId: number): Promise<number> {
  const row = await db.selectFrom('live_events').select((eb) => eb.fn.max('id').as('last')).where('article_id', '=', storyId).executeTakeFirst();
  return Number(row?.last ?? 0);
}

/** Which of these stories are live right now (coverage started and not ended). */
export async function liveStoryIds(db: Db, ids?: number[]): Promise<Set<number>> {
  if (ids && ids.length === 0) return new Set();
  let query = db.selectFrom('live_coverage').select('article_id').where('ended_at', 'is', null);
  if (ids) query = query.where('article_id', 'in', ids);
  return new Set((await query.execute()).map((r) => r.article_id));
}

export interface LiveStoryListing {
  storyId: number;
  title: string;
  startedAt: string;
  endedAt: string | null;
  updates: number;
  pending: number;
}

/** Every story that is or was live, live ones first, for the newsroom's desk list. */
export async function listCoverage(db: Db): Promise<LiveStoryListing[]> {
  const rows = await db
    .selectFrom('live_coverage')
    .innerJoin('articles', 'articles.id', 'live_coverage.article_id')
    .select(['live_coverage.article_id', 'articles.title', 'live_coverage.started_at', 'live_coverage.ended_at'])
    .orderBy('live_coverage.started_at', 'desc')
    .limit(200)
    .execute();
  const ids = rows.map((r) => r.article_id);
  const counts = ids.length
    ? await db
        .selectFrom('live_updates')
        .select(['article_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('article_id', 'in', ids)
        .groupBy(['article_id', 'status'])
        .execute()
    : [];
  const count = (id: number, status: string) => Number(counts.find((c) => c.article_id === id && c.status === status)?.n ?? 0);
  const list = rows.map((r) => ({ storyId: r.article_id, title: r.title, startedAt: r.started_at, endedAt: r.ended_at, updates: count(r.article_id, 'published'), pending: count(r.article_id, 'pending') }));
  return [...list.filter((l) => !l.endedAt), ...list.filter((l) => l.endedAt)];
}

export interface LiveRevision {
  headline: string;
  bodyHtml: string;
  createdAt: string;
}

export async function listUpdateRevisions(db: Db, updateId: number): Promise<LiveRevision[]> {
  const rows = await db.selectFrom('live_update_revisions').select(['headline', 'body_html', 'created_at']).where('update_id', '=', updateId).orderBy('id', 'desc').execute();
  return rows.map((r) => ({ headline: r.headline, bodyHtml: r.body_html, createdAt: r.created_at }));
}
