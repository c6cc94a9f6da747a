/** Events the comments capability announces after a change has committed. */
import type { CommentStatus } from '../db/schema.js';

/**
 * What a change did, seen from the public page:
 * - posted: a new comment waits for moderation (pending);
 * - held: a new comment was held as suspected spam;
 * - approved: a comment became visible (a known commenter's post, a staff reply, a moderator's approval);
 * - removed: a visible comment was hidden (back to pending, spam or trash);
 * - moved: a comment moved between statuses nobody sees (pending, spam, trash), or old spam was deleted.
 */
export type CommentChangeKind = 'posted' | 'held' | 'approved' | 'removed' | 'moved';

export interface CommentChanged {
  articleId: number;
  commentId: number;
  kind: CommentChangeKind;
  /** The status before the change; null for a new comment. */
  from: CommentStatus | null;
  /** The status after the change; null when the comment was deleted. */
  to: CommentStatus | null;
  /** The public path of the story the comment belongs to (what the page cache purges). */
  storyPath: string;
  /** What webhooks send about the comment, as it is after the change; never the email address or IP. */
  comment: { parentId: number | null; authorName: string; body: string; createdAt: string };
}

export interface CommentEvents {
  /** One comment changed: posted, moderated, replied to, or deleted as old spam. Listeners need nothing else. */
  'comment.changed': [CommentChanged];
}

export function changeKind(from: CommentStatus | null, to: CommentStatus | null): CommentChangeKind {
  if (to === 'approved') return 'approved';
  if (from === 'approved') return 'removed';
  if (from === null && to === 'pending') return 'posted';
  if (from === null && to === 'spam') return 'held';
  return 'moved';
}

/** Whether readers see a difference: a comment appeared on or disappeared from the story page. */
export function changesPublicPage(change: Pick<CommentChanged, 'from' | 'to'>): boolean {
  return change.from !== change.to && (change.from === 'approved' || change.to === 'approved');
}
