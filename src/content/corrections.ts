/** Every correction on the site, newest first, with the story it corrects: the public /corrections page and its feed. */
import type { Db } from '../db/index.js';
import { storyPath } from './urls.js';

export interface CorrectionEntry {
  id: number;
  text: string;
  createdAt: string;
  story: { id: number; title: string; url: string; section: string };
}

/** Corrections of published stories only: a story taken down takes its corrections off the list. */
export async function listCorrections(db: Db, options: { limit: number; offset?: number }): Promise<{ entries: CorrectionEntry[]; total: number }> {
  const base = db.selectFrom('corrections')
    .innerJoin('articles', 'articles.id', 'corrections.article_id')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .where('articles.status', '=', 'published');
  const [rows, count] = await Promise.all([
    base.select(['corrections.id', 'corrections.text', 'corrections.created_at', 'articles.id as article_id', 'articles.title', 'articles.slug', 'articles.published_at', 'sections.slug as section_slug', 'sections.name as section_name'])
      .orderBy('corrections.created_at', 'desc').orderBy('corrections.id', 'desc').limit(options.limit).offset(options.offset ?? 0).execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst(),
  ]);
  return {
    total: Number(count?.n ?? 0),
    entries: rows.map((r) => ({
      id: r.id, text: r.text, createdAt: r.created_at,
      story: { id: r.article_id, title: r.title, url: storyPath(r.section_slug, r.published_at, r.slug), section: r.section_name },
    })),
  };
}
