/** The editorial workflow: draft → review → scheduled → published → archived, who may move a story where, and saving a story with its move. */
import { authorize, can } from '../accounts/policies.js';
import type { SessionUser } from '../accounts/sessions.js';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../context.js';
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import type { Article, ArticleStatus } from '../db/schema.js';
import { HttpError } from '../http/errors.js';
import { requireAltTextForPublishing } from '../media/library.js';
import { syncSearchDocument } from '../search/index.js';
import { syncRelatedLists } from './related.js';
import { createArticle, updateArticle } from './articles.js';
import { authorsFor, findStory, tagsFor } from './queries.js';
import { findRevision } from './revisions.js';
import { authorPath, sectionPath, tagPath } from './urls.js';

export type WorkflowAction = 'submit' | 'return' | 'schedule' | 'unschedule' | 'publish' | 'unpublish';
export type SaveAction = 'save' | WorkflowAction;
type PolicyAction = 'story.submit' | 'story.edit' | 'story.schedule' | 'story.publish' | 'story.unpublish';

interface Transition {
  from: ArticleStatus[];
  to: ArticleStatus;
  policy: PolicyAction;
  /** What the move is called in messages ("submitted for review"). */
  done: string;
}

export const transitions: Record<WorkflowAction, Transition> = {
  submit: { from: ['draft'], to: 'review', policy: 'story.submit', done: 'submitted for review' },
  return: { from: ['review'], to: 'draft', policy: 'story.edit', done: 'sent back to draft' },
  schedule: { from: ['draft', 'review', 'scheduled'], to: 'scheduled', policy: 'story.schedule', done: 'scheduled' },
  unschedule: { from: ['scheduled'], to: 'draft', policy: 'story.schedule', done: 'taken off the schedule' },
  publish: { from: ['draft', 'review', 'scheduled', 'archived'], to: 'published', policy: 'story.publish', done: 'published' },
  unpublish: { from: ['published'], to: 'archived', policy: 'story.unpublish', done: 'unpublished' },
};

export const statusLabels: Record<ArticleStatus, string> = {
  draft: 'Draft',
  review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  archived: 'Unpublished',
};

export function isSaveAction(value: string): value is SaveAction {
  return value === 'save' || Object.hasOwn(transitions, value);
}

/** The moves this user may make on a story in its current state, in the order the editor offers them. */
export function allowedActions(user: SessionUser, story: { authorIds: number[]; status: ArticleStatus }): WorkflowAction[] {
  return (Object.keys(transitions) as WorkflowAction[]).filter((action) => {
    const transition = transitions[action];
    return transition.from.includes(story.status) && can(user, 'story.edit', story) && can(user, transition.policy, story);
  });
}

export interface EditableStory {
  article: Article;
  authorIds: number[];
  tagNames: string[];
}

export async function loadEditableStory(db: Db, id: number): Promise<EditableStory> {
  const article = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!article) throw new HttpError(404, 'That story could not be found. It may have been deleted.');
  const [authors, tags] = await Promise.all([authorsFor(db, [id]), tagsFor(db, id)]);
  return { article, authorIds: (authors.get(id) ?? []).map((a) => a.id), tagNames: tags.map((t) => t.name) };
}

/** Everything the editor form sends about a story. */
export interface StoryDraft {
  title: string;
  dek: string;
  bodyHtml: string;
  slug: string;
  sectionId: number;
  tagNames: string[];
  authorIds: number[];
  featuredMediaId: number | null;
  seoTitle: string;
  seoDescription: string;
  canonicalUrl: string;
  commentsOpen: boolean;
  /** When a scheduled story goes out (ISO, UTC). */
  publishAt: string | null;
  /** The version the editor was opened at; a save based on an older one is refused. */
  expectedVersion?: number;
  /** A public correction note to attach to this save of a published story. */
  correction: string;
}

export interface SaveResult {
  id: number;
  version: number;
  status: ArticleStatus;
  message: string;
}

/** Whoever may not edit others' stories stays among the authors of what they write. */
function keepSelfAmongAuthors(user: SessionUser, authorIds: number[]): number[] {
  const ids = [...new Set(authorIds)];
  if (ids.length === 0 || (!ids.includes(user.id) && !can(user, 'story.edit', { authorIds: [], status: 'draft' }))) ids.unshift(user.id);
  return ids;
}

function refuseMove(action: WorkflowAction, status: ArticleStatus): HttpError {
  return new HttpError(409, `A story that is ${statusLabels[status].toLowerCase()} cannot be ${transitions[action].done}.`, 'invalid_transition');
}

function publishTime(action: SaveAction, draft: StoryDraft, current: Article | null, at: string): string | null | undefined {
  switch (action) {
    case 'schedule': {
      if (!draft.publishAt) throw new HttpError(422, 'Choose when the story should be published.', 'invalid', { publish_at: 'Required to schedule.' });
      if (draft.publishAt <= at) throw new HttpError(422, 'A scheduled time must be in the future; to publish now, use Publish.', 'invalid', { publish_at: 'In the past.' });
      return draft.publishAt;
    }
    case 'unschedule':
      return null;
    case 'publish':
      if (!current || current.status === 'scheduled' || current.published_at === null) return at;
      return current.published_at;
    default:
      return undefined;
  }
}

/**
 * Saves a story from the editor (a new one when `id` is null) and makes the requested move in the same save.
 * Every refusal is an HttpError that names what is wrong; nothing is stored when it is thrown.
 */
export async function saveStory(ctx: AppContext, user: SessionUser, id: number | null, draft: StoryDraft, action: SaveAction): Promise<SaveResult> {
  const db = ctx.store.db;
  const at = now();
  const current = id === null ? null : await loadEditableStory(db, id);
  const from: ArticleStatus = current?.article.status ?? 'draft';
  const resource = { authorIds: current ? current.authorIds : [user.id], status: from };
  if (current) authorize(user, 'story.edit', resource);
  else authorize(user, 'story.create');
  let status = from;
  if (action === 'save' && current && from === 'scheduled' && draft.publishAt && draft.publishAt.slice(0, 16) !== current.article.published_at?.slice(0, 16)) {
    // A new time on a scheduled story's form is a reschedule.
    action = 'schedule';
  }
  if (action !== 'save') {
    const transition = transitions[action];
    if (!transition.from.includes(from)) throw refuseMove(action, from);
    authorize(user, transition.policy, resource);
    status = transition.to;
  }
  if (status === 'published' || status === 'scheduled') await requireAltTextForPublishing(db, draft);
  const correction = draft.correction.trim();
  if (correction) {
    if (!current || from !== 'published' || status !== 'published') {
      throw new HttpError(422, 'A correction note can only be added to a change of a published story.', 'invalid', { correction: 'Only for published stories.' });
    }
    authorize(user, 'story.correct', resource);
  }
  const input = {
    title: draft.title,
    dek: draft.dek,
    bodyHtml: draft.bodyHtml,
    sectionId: draft.sectionId,
    slug: draft.slug,
    status,
    publishedAt: publishTime(action, draft, current?.article ?? null, at),
    authorIds: keepSelfAmongAuthors(user, draft.authorIds),
    tagNames: draft.tagNames,
    featuredMediaId: draft.featuredMediaId,
    commentsOpen: draft.commentsOpen,
    seoTitle: draft.seoTitle,
    seoDescription: draft.seoDescription,
    canonicalUrl: draft.canonicalUrl,
    editorId: user.id,
    savedAt: at,
  };
  const oldPaths = current && from === 'published' ? await publicPaths(ctx, current.article.id) : [];
  let articleId: number;
  let version: number;
  if (current) {
    articleId = current.article.id;
    ({ version } = await updateArticle(db, articleId, { ...input, expectedVersion: draft.expectedVersion, correction: correction || undefined }));
  } else {
    articleId = await createArticle(db, input);
    version = 1;
  }
  await announce(ctx, articleId, from, status, oldPaths, current !== null);
  if (status === 'scheduled') wakeScheduler(ctx);
  const message = action === 'save' ? 'Saved.' : `Saved and ${transitions[action].done}.`;
  return { id: articleId, version, status, message };
}

/** Saves the text of an older revision as the newest one; the story's other fields stay as they are. */
export async function restoreRevision(ctx: AppContext, user: SessionUser, articleId: number, revisionId: number, expectedVersion?: number): Promise<SaveResult> {
  const current = await loadEditableStory(ctx.store.db, articleId);
  const revision = await findRevision(ctx.store.db, articleId, revisionId);
  const { article } = current;
  const draft: StoryDraft = {
    title: revision.title,
    dek: revision.dek,
    bodyHtml: revision.bodyHtml,
    slug: article.slug,
    sectionId: article.section_id,
    tagNames: current.tagNames,
    authorIds: current.authorIds,
    featuredMediaId: article.featured_media_id,
    seoTitle: article.seo_title,
    seoDescription: article.seo_description,
    canonicalUrl: article.canonical_url,
    commentsOpen: article.comments_open === 1,
    publishAt: null,
    expectedVersion: expectedVersion ?? article.version,
    correction: '',
  };
  const result = await saveStory(ctx, user, articleId, draft, 'save');
  return { ...result, message: `Restored the revision of ${revision.createdAt.slice(0, 16).replace('T', ' ')} UTC as the newest version.` };
}

/** Deletes a story that is not on the site, with its revisions, tags, authors and comments. */
export async function deleteStory(ctx: AppContext, user: SessionUser, articleId: number): Promise<void> {
  const db = ctx.store.db;
  const story = await loadEditableStory(db, articleId);
  authorize(user, 'story.delete', { authorIds: story.authorIds, status: story.article.status });
  if (story.article.status === 'published') {
    throw new HttpError(409, 'A published story cannot be deleted: unpublish it first, so readers following a link get a clear answer.', 'invalid_transition');
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('articles').where('id', '=', articleId).execute();
    await syncSearchDocument(trx, articleId);
  });
}

/** The public addresses a story's change touches: its page, home, its section, tags and authors. */
async function publicPaths(ctx: AppContext, articleId: number): Promise<string[]> {
  const story = await findStory(ctx.store.db, { id: articleId }, true);
  if (!story) return [];
  return [
    story.url, '/', sectionPath(story.section.slug),
    ...story.tags.map((t) => tagPath(t.slug)),
    ...story.authors.map((a) => authorPath(a.slug)),
  ];
}

async function announce(ctx: AppContext, articleId: number, from: ArticleStatus, to: ArticleStatus, oldPaths: string[], existed: boolean): Promise<void> {
  const wasPublic = existed && from === 'published';
  const isPublic = to === 'published';
  if (!wasPublic && !isPublic) return;
  const kind = !wasPublic ? 'published' : isPublic ? 'updated' : 'unpublished';
  const paths = [...new Set([...oldPaths, ...(isPublic ? await publicPaths(ctx, articleId) : [])])];
  ctx.events.emit('story.changed', { articleId, kind, paths });
}

/**
 * Publishes every scheduled story whose time has come, as of `at`. The update is conditional on the story still
 * being scheduled, so two instances running this together publish (and announce) each story once.
 */
export async function publishDueStories(ctx: AppContext, at = now()): Promise<number[]> {
  const db = ctx.store.db;
  const due = await db
    .selectFrom('articles')
    .select(['id', 'published_at'])
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', at)
    .orderBy('published_at')
    .execute();
  const published: number[] = [];
  for (const story of due) {
    const changed = await db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('articles')
        .set((eb) => ({ status: 'published', updated_at: story.published_at ?? at, version: eb('version', '+', 1) }))
        .where('id', '=', story.id)
        .where('status', '=', 'scheduled')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await syncSearchDocument(trx, story.id);
      await syncRelatedLists(trx, story.id);
      return true;
    });
    if (!changed) continue;
    published.push(story.id);
    await announce(ctx, story.id, 'scheduled', 'published', [], true);
  }
  return published;
}

/** The next time a scheduled story is due, or null when none is waiting. */
async function nextDueTime(db: Db): Promise<string | null> {
  const row = await db.selectFrom('articles').select((eb) => eb.fn.min('published_at').as('due')).where('status', '=', 'scheduled').executeTakeFirst();
  return (row?.due as string | null | undefined) ?? null;
}

/** Longest sleep between checks, so stories scheduled by another instance still go out within this time. */
const maxSleepMs = 30_000;

interface Scheduler {
  timer: NodeJS.Timeout | null;
  stopped: boolean;
  running: Promise<void> | null;
}

const schedulers = new WeakMap<AppContext, Scheduler>();

async function tick(ctx: AppContext, scheduler: Scheduler, log: (err: unknown) => void): Promise<void> {
  if (scheduler.timer) clearTimeout(scheduler.timer);
  scheduler.timer = null;
  try {
    await publishDueStories(ctx);
  } catch (err) {
    log(err);
  }
  if (scheduler.stopped) return;
  let sleep = maxSleepMs;
  try {
    const due = await nextDueTime(ctx.store.db);
    if (due) sleep = Math.min(maxSleepMs, Math.max(50, new Date(due).getTime() - Date.now() + 20));
  } catch (err) {
    log(err);
  }
  if (!scheduler.stopped) scheduler.timer = setTimeout(() => run(ctx, scheduler, log), sleep);
}

function run(ctx: AppContext, scheduler: Scheduler, log: (err: unknown) => void): void {
  if (scheduler.running || scheduler.stopped) return;
  scheduler.running = tick(ctx, scheduler, log).finally(() => {
    scheduler.running = null;
  });
}

/** Re-checks the schedule now (after a story was scheduled) instead of at the next planned check. */
export function wakeScheduler(ctx: AppContext): void {
  const scheduler = schedulers.get(ctx);
  if (scheduler && !scheduler.running && !scheduler.stopped) {
    if (scheduler.timer) clearTimeout(scheduler.timer);
    scheduler.timer = setTimeout(() => run(ctx, scheduler, () => undefined), 0);
  }
}

/** Publishes scheduled stories on time while the server runs; on start it first catches up on what fell due while it was down. */
export function schedulerPlugin(ctx: AppContext) {
  return fp(
    async function scheduledPublishing(app: FastifyInstance): Promise<void> {
      const scheduler: Scheduler = { timer: null, stopped: false, running: null };
      const log = (err: unknown) => app.log.error({ err }, 'scheduled publishing failed');
      app.addHook('onReady', async () => {
        schedulers.set(ctx, scheduler);
        run(ctx, scheduler, log);
        await scheduler.running;
      });
      app.addHook('onClose', async () => {
        scheduler.stopped = true;
        if (scheduler.timer) clearTimeout(scheduler.timer);
        await scheduler.running;
        schedulers.delete(ctx);
      });
    },
    { name: 'gazette-scheduled-publishing' },
  );
}
