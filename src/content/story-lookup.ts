/** Finding published stories by headline, for the editor's "related story" block. */
import type { Db } from '../db/index.js';
import { storyPath } from './urls.js';

export interface StoryLink {
  id: number;
  title: string;
  url: string;
  publishedAt: string | null;
}

/** Published stories whose headline contains the words typed (newest first); the newest stories when nothing is typed. */
export async function lookUpPublishedStories(db: Db, typed: string, limit = 12): Promise<StoryLink[]> {
  const text = typed.trim().toLowerCase().replace(/[%_\\]/g, '').slice(0, 120);
  let query = db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.title', 'articles.slug', 'articles.published_at', 'sections.slug as section_slug'])
    .where('articles.status', '=', 'published')
    .orderBy('articles.published_at', 'desc')
    .limit(limit);
  if (text) query = query.where((eb) => eb(eb.fn('lower', ['articles.title']), 'like', `%${text}%`));
  const rows = await query.execute();
  return rows.map((row) => ({ id: row.id, title: row.title, url: storyPath(row.section_slug, row.published_at, row.slug), publishedAt: row.published_at }));
}
