/** Many published stories written straight into the table, a minute apart and oldest first (as an import would), for tests that need more stories than a page or a ranking pool holds. */
import type { Db } from '../../src/db/index.js';

export interface BulkStory {
  slug: string;
  title: string;
  bodyHtml: string;
}

/** Writes `count` stories in batches of 500; `story(n)` gives the nth (0 the oldest). Not indexed for search: rebuild the index after. */
export async function insertBulkStories(db: Db, sectionId: number, count: number, story: (n: number) => BulkStory, start = Date.UTC(2020, 0, 1)): Promise<void> {
  for (let offset = 0; offset < count; offset += 500) {
    const rows = Array.from({ length: Math.min(500, count - offset) }, (_, i) => {
      const n = offset + i;
      const at = new Date(start + n * 60_000).toISOString();
      const { slug, title, bodyHtml } = story(n);
      return {
        slug, title, dek: '', body_html: bodyHtml, section_id: sectionId, status: 'published' as const,
        published_at: at, updated_at: at, created_at: at, comments_open: 1, seo_title: '', seo_description: '', canonical_url: '', version: 1,
      };
    });
    await db.insertInto('articles').values(rows).execute();
  }
}
