/** Desk notes on a story: what the newsroom says about it internally. Never part of a public page, feed or API answer. */
import type { Db } from '../db/index.js';

export const noteLimits = { body: 4000 } as const;

export interface StoryNote {
  id: number;
  body: string;
  authorName: string | null;
  createdAt: string;
  /** The revision that was newest when the note was written (null when it has since been deleted). */
  revisionId: number | null;
}

/** The notes on a story, newest first. */
export async function listStoryNotes(db: Db, articleId: number): Promise<StoryNote[]> {
  const rows = await db
    .selectFrom('story_notes')
    .leftJoin('users', 'users.id', 'story_notes.author_id')
    .select(['story_notes.id', 'story_notes.body', 'story_notes.created_at', 'story_notes.revision_id', 'users.name'])
    .where('story_notes.article_id', '=', articleId)
    .orderBy('story_notes.id', 'desc')
    .execute();
  return rows.map((row) => ({ id: row.id, body: row.body, authorName: row.name, createdAt: row.created_at, revisionId: row.revision_id }));
}
