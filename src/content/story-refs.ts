/** A story's address and state in one small query, for writers that only need to know where a story is and whether it is live. */
import type { Db } from '../db/index.js';
import type { ArticleStatus } from '../db/schema.js';
import { storyPath } from './urls.js';

export interface StoryRef {
  id: number;
  status: ArticleStatus;
  /** The public path, as the story page and its links use it. */
  path: string;
  commentsOpen: boolean;
  publishedAt: string | null;
}

export async function findStoryRef(db: Db, id: number): Promise<StoryRef | null> {
  const row = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.status', 'articles.slug', 'articles.comments_open', 'articles.published_at', 'articles.updated_at', 'sections.slug as section_slug'])
    .where('articles.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    path: storyPath(row.section_slug, row.published_at ?? row.updated_at, row.slug),
    commentsOpen: row.comments_open === 1,
    publishedAt: row.published_at,
  };
}
