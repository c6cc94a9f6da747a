/**
 * Reads the whole site for `gazette export`: every story in any state with its people, tags, comments and media,
 * plus sections, tags, users and redirects. Stories come in batches so a large archive is never all in memory.
 */
import type { Db } from '../db/index.js';
import type { ArticleStatus, CommentStatus, Role } from '../db/schema.js';
import { storyPath } from '../content/urls.js';

export interface DumpUser {
  id: number;
  slug: string;
  email: string;
  name: string;
  bio: string;
  role: Role;
}

export interface DumpComment {
  id: number;
  parentId: number | null;
  authorName: string;
  authorEmail: string;
  body: string;
  status: CommentStatus;
  createdAt: string;
}

export interface DumpMedia {
  id: number;
  path: string;
  mime: string;
  alt: string;
  caption: string;
  credit: string;
  /** Where the subject is, in percent from the left and the top; null when crops take the middle. */
  focal: { x: number; y: number } | null;
  createdAt: string;
}

export interface DumpStory {
  id: number;
  slug: string;
  title: string;
  dek: string;
  bodyHtml: string;
  status: ArticleStatus;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  section: { slug: string; name: string };
  authors: string[];
  tags: { slug: string; name: string }[];
  commentsOpen: boolean;
  seoTitle: string;
  seoDescription: string;
  canonicalUrl: string;
  /** Public path, for published stories. */
  path: string | null;
  featuredMedia: DumpMedia | null;
  thread: { slug: string; title: string; description: string } | null;
  corrections: { text: string; createdAt: string }[];
  comments: DumpComment[];
}

export async function dumpSections(db: Db) {
  return db.selectFrom('sections').select(['id', 'slug', 'name', 'description', 'position']).orderBy('position').orderBy('id').execute();
}

export async function dumpTags(db: Db) {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).orderBy('id').execute();
}

export async function dumpUsers(db: Db): Promise<DumpUser[]> {
  return db.selectFrom('users').select(['id', 'slug', 'email', 'name', 'bio', 'role']).orderBy('id').execute();
}

/** Users with a byline on at least one story: the people a WordPress export lists. */
export async function dumpAuthors(db: Db): Promise<DumpUser[]> {
  return db
    .selectFrom('users')
    .select(['id', 'slug', 'email', 'name', 'bio', 'role'])
    .where((eb) => eb.exists(eb.selectFrom('article_authors').select('article_authors.user_id').whereRef('article_authors.user_id', '=', 'users.id')))
    .orderBy('id')
    .execute();
}

export async function dumpRedirects(db: Db) {
  return db.selectFrom('redirects').select(['from_path', 'to_path', 'created_at']).orderBy('from_path').execute();
}

export async function countStories(db: Db): Promise<number> {
  const row = await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

function mediaOf(row: { id: number; path: string; mime: string; alt: string; caption: string; credit: string; focal_x: number | null; focal_y: number | null; created_at: string }): DumpMedia {
  const focal = row.focal_x !== null && row.focal_y !== null ? { x: row.focal_x, y: row.focal_y } : null;
  return { id: row.id, path: row.path, mime: row.mime, alt: row.alt, caption: row.caption, credit: row.credit, focal, createdAt: row.created_at };
}

/** Every story, oldest id first, `batch` at a time. */
export async function* dumpStories(db: Db, batch = 200): AsyncGenerator<DumpStory> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .selectAll('articles')
      .select(['sections.slug as section_slug', 'sections.name as section_name'])
      .where('articles.id', '>', after)
      .orderBy('articles.id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    const ids = rows.map((r) => r.id);
    const mediaIds = rows.map((r) => r.featured_media_id).filter((id): id is number => id !== null);
    const threadIds = [...new Set(rows.map((r) => r.thread_id).filter((id): id is number => id !== null))];
    const [authors, tags, comments, media, threads, corrections] = await Promise.all([
      db.selectFrom('article_authors').innerJoin('users', 'users.id', 'article_authors.user_id')
        .select(['article_authors.article_id', 'users.slug']).where('article_authors.article_id', 'in', ids).orderBy('article_authors.position').execute(),
      db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select(['article_tags.article_id', 'tags.slug', 'tags.name']).where('article_tags.article_id', 'in', ids).orderBy('tags.name').execute(),
      db.selectFrom('comments').selectAll().where('article_id', 'in', ids).orderBy('created_at').orderBy('id').execute(),
      mediaIds.length ? db.selectFrom('media').selectAll().where('id', 'in', mediaIds).execute() : Promise.resolve([]),
      threadIds.length ? db.selectFrom('threads').selectAll().where('id', 'in', threadIds).execute() : Promise.resolve([]),
      db.selectFrom('corrections').select(['article_id', 'text', 'created_at']).where('article_id', 'in', ids).orderBy('created_at').orderBy('id').execute(),
    ]);
    const threadById = new Map(threads.map((t) => [t.id, { slug: t.slug, title: t.title, description: t.description }]));
    const mediaById = new Map(media.map((m) => [m.id, mediaOf(m)]));
    for (const row of rows) {
      yield {
        id: row.id,
        slug: row.slug,
        title: row.title,
        dek: row.dek,
        bodyHtml: row.body_html,
        status: row.status,
        publishedAt: row.published_at,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        section: { slug: row.section_slug, name: row.section_name },
        authors: authors.filter((a) => a.article_id === row.id).map((a) => a.slug),
        tags: tags.filter((t) => t.article_id === row.id).map((t) => ({ slug: t.slug, name: t.name })),
        commentsOpen: row.comments_open === 1,
        seoTitle: row.seo_title,
        seoDescription: row.seo_description,
        canonicalUrl: row.canonical_url,
        path: row.status === 'published' && row.published_at ? storyPath(row.section_slug, row.published_at, row.slug) : null,
        featuredMedia: row.featured_media_id !== null ? (mediaById.get(row.featured_media_id) ?? null) : null,
        thread: row.thread_id !== null ? (threadById.get(row.thread_id) ?? null) : null,
        corrections: corrections.filter((c) => c.article_id === row.id).map((c) => ({ text: c.text, createdAt: c.created_at })),
        comments: comments
          .filter((c) => c.article_id === row.id)
          .map((c) => ({ id: c.id, parentId: c.parent_id, authorName: c.author_name, authorEmail: c.author_email, body: c.body, status: c.status, createdAt: c.created_at })),
      };
    }
  }
}
