/** Comment moderation through the API: the newsroom's rule (editors and admins) and the same change announcements. */
import type { SessionUser } from '../accounts/sessions.js';
import { authorize } from '../accounts/policies.js';
import { findQueueItem, setCommentStatus } from '../comments/moderation.js';
import type { AppContext } from '../context.js';
import type { CommentStatus } from '../db/schema.js';
import { notFound } from '../http/errors.js';

export const moderationStatuses = ['approved', 'pending', 'spam', 'trash'] as const satisfies readonly CommentStatus[];

export async function moderateFromApi(ctx: AppContext, user: SessionUser, commentId: number, status: CommentStatus): Promise<{ id: number; status: CommentStatus }> {
  authorize(user, 'comment.moderate');
  const comment = await findQueueItem(ctx.store.db, commentId);
  if (!comment) throw notFound('That comment');
  const [change] = await setCommentStatus(ctx.store.db, [commentId], status);
  if (change && (change.to === 'approved' || change.from === 'approved')) {
    ctx.events.emit('comment.changed', { articleId: change.articleId, commentId, kind: change.to === 'approved' ? 'approved' : 'removed' });
  }
  return { id: commentId, status };
}
