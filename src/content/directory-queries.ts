/** Public lookups of the site's directories: sections, tags, threads, authors, trending tags and the archive's months. */
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { Section, Tag, Thread, User } from '../db/schema.js';
import { reusableQuery } from '../db/reusable.js';
import { photoView, type MediaView } from './queries.js';

const sectionsInOrder = reusableQuery((db) => db.selectFrom('sections').selectAll().orderBy('position').orderBy('name'));

export async function listSections(db: Db): Promise<Section[]> {
  return sectionsInOrder(db);
}

export async function findSection(db: Db, slug: string): Promise<Section | null> {
  return (await db.selectFrom('sections').selectAll().where('slug', '=', slug).executeTakeFirst()) ?? null;
}

export async function findTag(db: Db, slug: string): Promise<Tag | null> {
  return (await db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst()) ?? null;
}

export async function findThread(db: Db, slug: string): Promise<Thread | null> {
  return (await db.selectFrom('threads').selectAll().where('slug', '=', slug).executeTakeFirst()) ?? null;
}

export type PublicAuthor = Pick<User, 'id' | 'slug' | 'name' | 'bio'> & { photo: MediaView | null };

const photoColumns = [
  'photo.id as photo_id', 'photo.path as photo_path', 'photo.mime as photo_mime', 'photo.width as photo_width', 'photo.height as photo_height',
  'photo.alt as photo_alt', 'photo.variants as photo_variants',
] as const;

export async function findAuthor(db: Db, slug: string): Promise<PublicAuthor | null> {
  const row = await db
    .selectFrom('users')
    .leftJoin('media as photo', 'photo.id', 'users.avatar_media_id')
    .select(['users.id', 'users.slug', 'users.name', 'users.bio', ...photoColumns])
    .where('users.slug', '=', slug)
    .executeTakeFirst();
  return row ? { id: row.id, slug: row.slug, name: row.name, bio: row.bio, photo: photoView(row) } : null;
}

/** Authors with at least one published story (the public masthead). */
export async function listPublicAuthors(db: Db): Promise<(PublicAuthor & { stories: number })[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('article_authors', 'article_authors.user_id', 'users.id')
    .innerJoin('articles', 'articles.id', 'article_authors.article_id')
    .leftJoin('media as photo', 'photo.id', 'users.avatar_media_id')
    .select(['users.id', 'users.slug', 'users.name', 'users.bio', ...photoColumns, (eb) => eb.fn.countAll<number>().as('stories')])
    .where('articles.status', '=', 'published')
    .groupBy(['users.id', 'users.slug', 'users.name', 'users.bio', 'photo.id', 'photo.path', 'photo.mime', 'photo.width', 'photo.height', 'photo.alt', 'photo.variants'])
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, bio: r.bio, photo: photoView(r), stories: Number(r.stories) }));
}

const authorsWithStories = reusableQuery((db) =>
  db
    .selectFrom('users')
    .select(['users.slug', 'users.name'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('article_authors')
          .select('article_authors.article_id')
          .whereRef('article_authors.user_id', '=', 'users.id')
          // The story's status read per row rather than joined: joined, PostgreSQL builds a hash or merge join over
          // every story of the author before it finds the first published one (44 ms at 100,000 stories; 0.3 ms so).
          .where((eb) => eb(eb.selectFrom('articles').select('articles.status').whereRef('articles.id', '=', 'article_authors.article_id'), '=', 'published')),
      ),
    )
    .orderBy('users.name'),
);

/**
 * The authors with at least one published story, without counting them (the search page's author filter):
 * each author's check stops at their first published story, where counting reads every story on the site.
 */
export async function listAuthorsWithStories(db: Db): Promise<{ slug: string; name: string }[]> {
  return authorsWithStories(db);
}

/** Tags used most by stories published since `since`. */
export async function trendingTags(db: Db, since: string, limit = 12): Promise<(Tag & { uses: number })[]> {
  const rows = await db
    .selectFrom('article_tags')
    .innerJoin('articles', 'articles.id', 'article_tags.article_id')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['tags.id', 'tags.slug', 'tags.name', (eb) => eb.fn.countAll<number>().as('uses')])
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '>=', since)
    .groupBy(['tags.id', 'tags.slug', 'tags.name'])
    .orderBy('uses', 'desc')
    .orderBy('tags.name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, uses: Number(r.uses) }));
}

/** Months that have published stories, newest first, with counts (the date archive's index). */
export async function archiveMonths(db: Db): Promise<{ year: number; month: number; stories: number }[]> {
  const rows = await db
    .selectFrom('articles')
    .select([sql<string>`substr(published_at, 1, 7)`.as('ym'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'published')
    .groupBy(sql`substr(published_at, 1, 7)`)
    .orderBy('ym', 'desc')
    .execute();
  return rows.map((r) => ({ year: Number(r.ym.slice(0, 4)), month: Number(r.ym.slice(5, 7)), stories: Number(r.n) }));
}
