/** Deleting a story that is not on the site. */
import type { SessionUser } from '../../accounts/sessions.js';
import type { AppContext } from '../../context.js';
import { conflict } from '../../errors.js';
import { syncSearchDocument } from '../../search/index.js';
import { loadEditableStory } from '../workflow.js';
import { permit } from '../../accounts/actor.js';
import { announce, describeChange } from './story-change.js';

/** Deletes a story with its revisions, tags, authors and comments; a published one must be unpublished first. */
export async function deleteStory(ctx: AppContext, user: SessionUser, articleId: number): Promise<void> {
  const db = ctx.store.db;
  const story = await loadEditableStory(db, articleId);
  permit(user, 'story.delete', { authorIds: story.authorIds, status: story.article.status });
  if (story.article.status === 'published') {
    throw conflict('A published story cannot be deleted: unpublish it first, so readers following a link get a clear answer.', {}, 'invalid_transition');
  }
  const change = await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('articles').where('id', '=', articleId).execute();
    await syncSearchDocument(trx, articleId);
    return describeChange(trx, articleId, story.article.status, null, null);
  });
  announce(ctx, change);
}
