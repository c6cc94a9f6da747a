/** A comment read with its story's path, and the announcement built from it: what every comment command emits. */
import { storyPath } from '../content/urls.js';
import type { Db } from '../db/index.js';
import type { CommentStatus } from '../db/schema.js';
import { changeKind, type CommentChanged } from './events.js';

/** A comment with its story's path: what a change announcement is built from. */
export function commentsWithStory(db: Db) {
  return db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'comments.id', 'comments.article_id', 'comments.parent_id', 'comments.author_name', 'comments.author_email', 'comments.body',
      'comments.status', 'comments.ip_hash', 'comments.created_at',
      'articles.slug as story_slug', 'articles.published_at as story_published_at', 'articles.updated_at as story_updated_at', 'sections.slug as section_slug',
    ]);
}

export type CommentRow = Awaited<ReturnType<ReturnType<typeof commentsWithStory>['executeTakeFirstOrThrow']>>;

export function changeOf(row: CommentRow, from: CommentStatus | null, to: CommentStatus | null): CommentChanged {
  return {
    articleId: row.article_id,
    commentId: row.id,
    kind: changeKind(from, to),
    from,
    to,
    storyPath: storyPath(row.section_slug, row.story_published_at ?? row.story_updated_at, row.story_slug),
    comment: { parentId: row.parent_id, authorName: row.author_name, body: row.body, createdAt: row.created_at },
  };
}
