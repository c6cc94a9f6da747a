/** Saving a story from the editor or the API, with the workflow move made in the same save, and restoring an older revision. */
import { can } from '../../accounts/policies.js';
import type { SessionUser } from '../../accounts/sessions.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/index.js';
import { now } from '../../db/index.js';
import type { Article, ArticleStatus } from '../../db/schema.js';
import { conflict, invalid } from '../../errors.js';
import { requireAltTextForPublishing } from '../alt-text.js';
import { insertArticle, writeArticleUpdate, type ArticleUpdate } from '../articles.js';
import type { Story } from '../queries.js';
import { findRevision } from '../revisions.js';
import { draftOfStory, loadEditableStory, statusLabels, transitions, type EditableStory, type SaveAction, type StoryDraft, type WorkflowAction } from '../workflow.js';
import { permit } from '../../accounts/actor.js';
import { announce, describeChange } from './story-change.js';

export interface SaveResult {
  id: number;
  version: number;
  status: ArticleStatus;
  message: string;
  /** The story as committed when it is or was on the site (the API answers with it); null otherwise. */
  story: Story | null;
}

export interface SaveOptions {
  /** The editor's own periodic save: drafts and stories in review only, never a move or a correction. */
  autosave?: boolean;
}

/** Whoever may not edit others' stories stays among the authors of what they write. */
function keepSelfAmongAuthors(user: SessionUser, authorIds: number[]): number[] {
  const ids = [...new Set(authorIds)];
  if (ids.length === 0 || (!ids.includes(user.id) && !can(user, 'story.edit-any'))) ids.unshift(user.id);
  return ids;
}

function refuseMove(action: WorkflowAction, status: ArticleStatus) {
  return conflict(`A story that is ${statusLabels[status].toLowerCase()} cannot be ${transitions[action].done}.`, {}, 'invalid_transition');
}

function publishTime(action: SaveAction, draft: StoryDraft, current: Article | null, at: string): string | null | undefined {
  switch (action) {
    case 'schedule': {
      if (!draft.publishAt) throw invalid('Choose when the story should be published.', { publish_at: 'Required to schedule.' });
      if (draft.publishAt <= at) throw invalid('A scheduled time must be in the future; to publish now, use Publish.', { publish_at: 'In the past.' });
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

/** The featured image must be in the library; a story going out needs alt text on its images. */
async function checkImages(db: Db, draft: StoryDraft, goingOut: boolean): Promise<void> {
  if (draft.featuredMediaId !== null) {
    const image = await db.selectFrom('media').select('id').where('id', '=', draft.featuredMediaId).executeTakeFirst();
    if (!image) throw invalid(`There is no image number ${draft.featuredMediaId} in the media library.`, { featuredMediaId: 'No such image.' });
  }
  if (goingOut) await requireAltTextForPublishing(db, draft);
}

/**
 * Saves a story (a new one when `id` is null) and makes the requested move in one transaction, a correction note
 * included: the story is read, the user authorized and the invariants checked inside it, so nothing changes between
 * the check and the write. Every refusal is a CommandError naming what is wrong; nothing is stored when one is thrown.
 * After commit it announces one story.changed.
 */
export async function saveStory(
  ctx: AppContext,
  user: SessionUser,
  id: number | null,
  draft: StoryDraft,
  action: SaveAction,
  options: SaveOptions = {},
): Promise<SaveResult> {
  const at = now();
  const saved = await ctx.store.db.transaction().execute(async (trx) => {
    const current = id === null ? null : await loadEditableStory(trx, id);
    const plan = planSave(user, current, draft, action, options, at);
    await checkImages(trx, plan.draft, plan.status === 'published' || plan.status === 'scheduled');
    const written = current
      ? await update(trx, current, plan)
      : { articleId: await insertArticle(trx, plan.input), version: 1, known: {} };
    const change = await describeChange(trx, written.articleId, current?.article.status ?? null, plan.status, current?.placement ?? null, written.known);
    if (plan.correction) {
      const row = await trx.selectFrom('corrections').select(['id', 'text', 'created_at']).where('article_id', '=', written.articleId).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      change.correction = { id: row.id, text: row.text, createdAt: row.created_at };
    }
    return { ...written, action: plan.action, status: plan.status, change };
  });
  announce(ctx, saved.change);
  const message = saved.action === 'save' ? 'Saved.' : `Saved and ${transitions[saved.action].done}.`;
  return { id: saved.articleId, version: saved.version, status: saved.status, message, story: saved.change.story };
}

interface SavePlan {
  action: SaveAction;
  status: ArticleStatus;
  draft: StoryDraft;
  correction: string;
  input: ArticleUpdate;
}

/** Who may do this, which move it is, and what will be stored; refuses before anything is written. */
function planSave(user: SessionUser, current: EditableStory | null, draft: StoryDraft, action: SaveAction, options: SaveOptions, at: string): SavePlan {
  const from: ArticleStatus = current?.article.status ?? 'draft';
  const resource = { authorIds: current ? current.authorIds : [user.id], status: from };
  permit(user, current ? 'story.edit' : 'story.create', current ? resource : undefined);
  if (options.autosave) {
    if (current && from !== 'draft' && from !== 'review') {
      throw conflict('Only drafts save themselves; this story is past that stage, so save it with the Save button.', {}, 'not_a_draft');
    }
    action = 'save';
    draft = { ...draft, correction: '', ...(current ? {} : { expectedVersion: undefined }) };
  }
  let status = from;
  if (action === 'save' && current && from === 'scheduled' && draft.publishAt && draft.publishAt.slice(0, 16) !== current.article.published_at?.slice(0, 16)) {
    // A new time on a scheduled story's form is a reschedule.
    action = 'schedule';
  }
  if (action !== 'save') {
    const transition = transitions[action];
    if (!transition.from.includes(from)) throw refuseMove(action, from);
    permit(user, transition.policy, resource);
    status = transition.to;
  }
  const correction = draft.correction.trim();
  if (correction) {
    if (!current || from !== 'published' || status !== 'published') {
      throw invalid('A correction note can only be added to a change of a published story.', { correction: 'Only for published stories.' });
    }
    permit(user, 'story.correct', resource);
  }
  const input: ArticleUpdate = {
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
    change: action === 'save' && !current ? 'create' : action,
  };
  return { action, status, draft, correction, input };
}

async function update(trx: Db, current: EditableStory, plan: SavePlan) {
  const articleId = current.article.id;
  const { version, kept } = await writeArticleUpdate(
    trx,
    articleId,
    {
      ...plan.input,
      expectedVersion: plan.draft.expectedVersion,
      correction: plan.correction || undefined,
      relationsAsOf: { version: current.article.version, authorIds: current.authorIds, tagSlugs: current.tags.map((t) => t.slug) },
    },
    { ...current.article, section_slug: current.sectionSlug },
  );
  const known = { ...(kept.authors ? { authors: current.authors } : {}), ...(kept.tags ? { tags: current.tags } : {}) };
  return { articleId, version, known };
}

/** Saves the text of an older revision as the newest one; the story's other fields stay as they are. */
export async function restoreRevision(ctx: AppContext, user: SessionUser, articleId: number, revisionId: number, expectedVersion?: number): Promise<SaveResult> {
  const current = await loadEditableStory(ctx.store.db, articleId);
  permit(user, 'story.edit', { authorIds: current.authorIds, status: current.article.status });
  const revision = await findRevision(ctx.store.db, articleId, revisionId);
  // The revision's words over the story as it stands: everything else stays as it is now.
  const draft: StoryDraft = {
    ...draftOfStory(current),
    title: revision.title,
    dek: revision.dek,
    bodyHtml: revision.bodyHtml,
    expectedVersion: expectedVersion ?? current.article.version,
  };
  const result = await saveStory(ctx, user, articleId, draft, 'save');
  return { ...result, message: `Restored the revision of ${revision.createdAt.slice(0, 16).replace('T', ' ')} UTC as the newest version.` };
}
