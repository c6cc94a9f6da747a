/** Comment moderation through the API: the newsroom's command, so the same rule (editors and admins) and the same announcements. */
import type { SessionUser } from '../accounts/sessions.js';
import { moderateComment } from '../comments/moderate.js';
import type { AppContext } from '../context.js';
import type { CommentStatus } from '../db/schema.js';

export const moderationStatuses = ['approved', 'pending', 'spam', 'trash'] as const satisfies readonly CommentStatus[];

export async function moderateFromApi(ctx: AppContext, user: SessionUser, commentId: number, status: CommentStatus): Promise<{ id: number; status: CommentStatus }> {
  await moderateComment(ctx, user, { id: commentId, status });
  return { id: commentId, status };
}
