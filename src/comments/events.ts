/** Events the comments capability announces after a change has committed. */
export interface CommentEvents {
  /** A comment became visible (approved) or stopped being visible. */
  'comment.changed': [{ articleId: number; commentId: number; kind: 'posted' | 'approved' | 'removed' }];
}
