/**
 * Bulk actions on the stories list: submit for review, unpublish, move to a section, delete. Each story goes through
 * the same command as one at a time (saveStory, deleteStory), so each is authorized on its own, saved in its own
 * transaction and announced with its own story.changed; a story that is refused (not yours, the wrong state, gone)
 * is reported with the command's own words and the others go on.
 */
import type { SessionUser } from '../../accounts/sessions.js';
import { permit } from '../../accounts/actor.js';
import { can } from '../../accounts/policies.js';
import type { AppContext } from '../../context.js';
import { CommandError, invalid } from '../../errors.js';
import { draftOfStory, loadEditableStory } from '../workflow.js';
import { deleteStory } from './delete-story.js';
import { saveStory } from './save-story.js';

export const bulkActions = ['submit', 'unpublish', 'move', 'delete'] as const;
export type BulkAction = (typeof bulkActions)[number];

/** At most this many stories per request (two pages of the list). */
export const bulkLimit = 100;

export interface BulkInput {
  action: BulkAction;
  articleIds: number[];
  /** The section to move to (action 'move'). */
  sectionId?: number;
}

export interface BulkOutcome {
  articleId: number;
  title: string;
  /** 'done', 'unchanged' (already so), or the refusal's kind. */
  result: 'done' | 'unchanged' | CommandError['kind'];
  message: string;
}

export interface BulkResult {
  action: BulkAction;
  done: BulkOutcome[];
  unchanged: BulkOutcome[];
  refused: BulkOutcome[];
}

export function isBulkAction(value: string): value is BulkAction {
  return (bulkActions as readonly string[]).includes(value);
}

/** Checks the request as a whole before touching any story: an action, some stories, a section that exists. */
async function checkInput(ctx: AppContext, input: BulkInput): Promise<string | null> {
  if (!isBulkAction(input.action)) {
    throw invalid('Choose what to do with the selected stories.', { action: 'Choose an action.' });
  }
  const ids = [...new Set(input.articleIds)];
  if (ids.length === 0) throw invalid('Select at least one story first.', { ids: 'No story selected.' });
  if (ids.length > bulkLimit) throw invalid(`Select at most ${bulkLimit} stories at a time.`, { ids: `More than ${bulkLimit}.` });
  if (input.action !== 'move') return null;
  if (input.sectionId === undefined) throw invalid('Choose the section to move the stories to.', { section: 'Choose a section.' });
  const section = await ctx.store.db.selectFrom('sections').select('name').where('id', '=', input.sectionId).executeTakeFirst();
  if (!section) throw invalid('That section does not exist (any more).', { section: 'No such section.' });
  return section.name;
}

export async function applyToStories(ctx: AppContext, user: SessionUser, input: BulkInput): Promise<BulkResult> {
  permit(user, 'story.create');
  const sectionName = await checkInput(ctx, input);
  const result: BulkResult = { action: input.action, done: [], unchanged: [], refused: [] };
  for (const articleId of [...new Set(input.articleIds)]) {
    let title = `Story ${articleId}`;
    try {
      const story = await loadEditableStory(ctx.store.db, articleId);
      // Name the story only to someone who may see it in their list; others learn nothing about it from a refusal.
      if (can(user, 'story.edit-any') || story.authorIds.includes(user.id)) title = story.article.title || 'Untitled story';
      if (input.action === 'delete') {
        await deleteStory(ctx, user, articleId);
        result.done.push({ articleId, title, result: 'done', message: 'Deleted.' });
        continue;
      }
      if (input.action === 'move' && story.article.section_id === input.sectionId) {
        result.unchanged.push({ articleId, title, result: 'unchanged', message: `Already in ${sectionName}.` });
        continue;
      }
      const draft = draftOfStory(story);
      const moved = input.action === 'move' ? { ...draft, sectionId: input.sectionId! } : draft;
      const saved = await saveStory(ctx, user, articleId, moved, input.action === 'move' ? 'save' : input.action);
      result.done.push({ articleId, title, result: 'done', message: input.action === 'move' ? `Moved to ${sectionName}.` : saved.message });
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      result.refused.push({ articleId, title, result: error.kind, message: error.message });
    }
  }
  return result;
}
