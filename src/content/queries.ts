/** Read queries for the public site and API: published stories with their sections, authors, tags and media. */
import type { Db } from '../db/index.js';
import type { Article, Media, Tag, Thread } from '../db/schema.js';
import { reusableQuery } from '../db/reusable.js';
import { computeRelatedIds, relatedCount, storedRelatedIds } from './related.js';
import { storyPath } from './urls.js';

export interface AuthorRef {
  id: number;
  slug: string;
  name: string;
  /** The short biography for the story's author box (empty when none is written). */
  bio?: string;
  /** The person's photo from the media library, for bylines, the author box and the author page. */
  photo?: MediaView | null;
}

export interface MediaVariant {
  width: number;
  format: string;
  path: string;
}

export interface MediaView {
  id: number;
  path: string;
  mime: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  variants: MediaVariant[];
  /** Size of the original file (feed enclosures give it). */
  bytes?: number;
  /** Where crops centre, in percent from the left and the top; null for the middle. */
  focal?: { x: number; y: number } | null;
}

export interface StoryCard {
  id: number;
  slug: string;
  title: string;
  dek: string;
  url: string;
  publishedAt: string;
  updatedAt: string;
  section: { id: number; slug: string; name: string };
  authors: AuthorRef[];
  image: MediaView | null;
  commentCount: number;
}

export interface Story extends StoryCard {
  bodyHtml: string;
  tags: Tag[];
  thread: Thread | null;
  corrections: { text: string; createdAt: string }[];
  commentsOpen: boolean;
  seoTitle: string;
  seoDescription: string;
  canonicalUrl: string;
  status: Article['status'];
}

export function mediaView(row: Media): MediaView {
  let variants: MediaVariant[] = [];
  try {
    variants = JSON.parse(row.variants) as MediaVariant[];
  } catch {
    variants = [];
  }
  return {
    id: row.id, path: row.path, mime: row.mime, width: row.width, height: row.height,
    alt: row.alt, caption: row.caption, credit: row.credit, variants, bytes: row.bytes,
    focal: row.focal_x !== null && row.focal_x !== undefined && row.focal_y !== null && row.focal_y !== undefined ? { x: row.focal_x, y: row.focal_y } : null,
  };
}

export interface ListFilter {
  sectionId?: number;
  tagId?: number;
  authorId?: number;
  threadId?: number;
  /** Inclusive lower and exclusive upper bound on published_at. */
  from?: string;
  to?: string;
  excludeIds?: number[];
  limit: number;
  offset?: number;
  /** Oldest first (story threads read in order). */
  ascending?: boolean;
}

/** Published stories joined to their sections, narrowed by a filter: the base of every public list query. */
export function publishedArticles(db: Db, filter: Omit<ListFilter, 'limit' | 'offset' | 'ascending'>) {
  let query = db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .where('articles.status', '=', 'published');
  if (filter.sectionId !== undefined) query = query.where('articles.section_id', '=', filter.sectionId);
  if (filter.threadId !== undefined) query = query.where('articles.thread_id', '=', filter.threadId);
  if (filter.tagId !== undefined) {
    const tagId = filter.tagId;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('article_tags').select('article_tags.article_id').whereRef('article_tags.article_id', '=', 'articles.id').where('article_tags.tag_id', '=', tagId)),
    );
  }
  if (filter.authorId !== undefined) {
    const authorId = filter.authorId;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('article_authors').select('article_authors.article_id').whereRef('article_authors.article_id', '=', 'articles.id').where('article_authors.user_id', '=', authorId)),
    );
  }
  if (filter.from) query = query.where('articles.published_at', '>=', filter.from);
  if (filter.to) query = query.where('articles.published_at', '<', filter.to);
  if (filter.excludeIds?.length) query = query.where('articles.id', 'not in', filter.excludeIds);
  return query;
}

/** Counts the published stories a filter selects; with `upTo`, stops counting there (the cost of a count grows with the set). */
export async function countPublished(db: Db, filter: Omit<ListFilter, 'limit'>, upTo?: number): Promise<number> {
  const row = upTo === undefined
    ? await publishedArticles(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
    : await db
      .selectFrom(publishedArticles(db, filter).select('articles.id').limit(upTo).as('counted'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function listPublished(db: Db, filter: ListFilter): Promise<StoryCard[]> {
  const rows = await publishedArticles(db, filter)
    .select([
      'articles.id', 'articles.slug', 'articles.title', 'articles.dek', 'articles.published_at', 'articles.updated_at',
      'articles.featured_media_id', 'sections.id as section_id', 'sections.slug as section_slug', 'sections.name as section_name',
    ])
    .orderBy('articles.published_at', filter.ascending ? 'asc' : 'desc')
    .orderBy('articles.id', filter.ascending ? 'asc' : 'desc')
    .limit(filter.limit)
    .offset(filter.offset ?? 0)
    .execute();
  return cardsFromRows(db, rows);
}

interface CardRow {
  id: number;
  slug: string;
  title: string;
  dek: string;
  published_at: string | null;
  updated_at: string;
  featured_media_id: number | null;
  section_id: number;
  section_slug: string;
  section_name: string;
}

const mediaByIds = reusableQuery((db, ids: readonly number[]) => db.selectFrom('media').selectAll().where('id', 'in', ids));
const approvedCommentCounts = reusableQuery((db, ids: readonly number[]) =>
  db
    .selectFrom('comments')
    .select(['article_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('article_id', 'in', ids)
    .where('status', '=', 'approved')
    .groupBy('article_id'),
);

/** Loads authors, images and comment counts for a page of stories in three queries, whatever its length. */
export async function cardsFromRows(db: Db, rows: CardRow[], knownAuthors?: Map<number, AuthorRef[]>): Promise<StoryCard[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const mediaIds = rows.map((r) => r.featured_media_id).filter((id): id is number => id !== null);
  const [authors, media, counts] = await Promise.all([
    knownAuthors ?? authorsFor(db, ids),
    mediaIds.length ? mediaByIds(db, mediaIds) : Promise.resolve([]),
    approvedCommentCounts(db, ids),
  ]);
  const mediaById = new Map(media.map((m) => [m.id, mediaView(m)]));
  const countById = new Map(counts.map((c) => [c.article_id, Number(c.n)]));
  return rows.map((r) => {
    const publishedAt = r.published_at ?? r.updated_at;
    return {
      id: r.id,
      slug: r.slug,
      title: r.title,
      dek: r.dek,
      url: storyPath(r.section_slug, publishedAt, r.slug),
      publishedAt,
      updatedAt: r.updated_at,
      section: { id: r.section_id, slug: r.section_slug, name: r.section_name },
      authors: authors.get(r.id) ?? [],
      image: r.featured_media_id !== null ? (mediaById.get(r.featured_media_id) ?? null) : null,
      commentCount: countById.get(r.id) ?? 0,
    };
  });
}

const authorRows = reusableQuery((db, articleIds: readonly number[]) =>
  db
    .selectFrom('article_authors')
    .innerJoin('users', 'users.id', 'article_authors.user_id')
    .leftJoin('media as photo', 'photo.id', 'users.avatar_media_id')
    .select(['article_authors.article_id', 'users.id', 'users.slug', 'users.name', 'users.bio'])
    .select(['photo.id as photo_id', 'photo.path as photo_path', 'photo.mime as photo_mime', 'photo.width as photo_width', 'photo.height as photo_height', 'photo.alt as photo_alt', 'photo.variants as photo_variants'])
    .where('article_authors.article_id', 'in', articleIds)
    .orderBy('article_authors.position'),
);

/** A person's photo from the columns of a left join on media (`photo_*`), or null when they have none. */
export function photoView(row: {
  photo_id: number | null; photo_path: string | null; photo_mime: string | null; photo_width: number | null; photo_height: number | null;
  photo_alt: string | null; photo_variants: string | null;
}): MediaView | null {
  if (row.photo_id === null || row.photo_path === null) return null;
  return mediaView({
    id: row.photo_id, path: row.photo_path, mime: row.photo_mime ?? '', width: Number(row.photo_width ?? 0), height: Number(row.photo_height ?? 0),
    alt: row.photo_alt ?? '', caption: '', credit: '', variants: row.photo_variants ?? '[]', bytes: 0, created_at: '', focal_x: null, focal_y: null,
  });
}

export async function authorsFor(db: Db, articleIds: number[]): Promise<Map<number, AuthorRef[]>> {
  const byArticle = new Map<number, AuthorRef[]>();
  if (articleIds.length === 0) return byArticle;
  const rows = await authorRows(db, articleIds);
  for (const row of rows) {
    const list = byArticle.get(row.article_id) ?? [];
    list.push({ id: row.id, slug: row.slug, name: row.name, bio: row.bio, photo: photoView(row) });
    byArticle.set(row.article_id, list);
  }
  return byArticle;
}

const tagRows = reusableQuery((db, articleId: number) =>
  db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['tags.id', 'tags.slug', 'tags.name'])
    .where('article_tags.article_id', '=', articleId)
    .orderBy('tags.name'),
);

export async function tagsFor(db: Db, articleId: number): Promise<Tag[]> {
  return tagRows(db, articleId);
}

const storyColumns = (db: Db) =>
  db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .selectAll('articles')
    .select(['sections.slug as section_slug', 'sections.name as section_name']);
const publishedStoryAt = reusableQuery((db, sectionSlug: string, slug: string) =>
  storyColumns(db).where('sections.slug', '=', sectionSlug).where('articles.slug', '=', slug).where('articles.status', '=', 'published'),
);
const publishedStoryById = reusableQuery((db, id: number) => storyColumns(db).where('articles.id', '=', id).where('articles.status', '=', 'published'));
const anyStoryById = reusableQuery((db, id: number) => storyColumns(db).where('articles.id', '=', id));
const threadById = reusableQuery((db, id: number) => db.selectFrom('threads').selectAll().where('id', '=', id));
const correctionsOf = reusableQuery((db, articleId: number) => db.selectFrom('corrections').select(['text', 'created_at']).where('article_id', '=', articleId).orderBy('created_at'));

/** A story by its public address; `includeUnpublished` serves newsroom previews. */
export async function findStory(
  db: Db,
  where: { sectionSlug: string; slug: string } | { id: number },
  includeUnpublished = false,
  /** Authors and tags the caller has just read or stored, so they are not read again. */
  known: { authors?: AuthorRef[]; tags?: Tag[] } = {},
): Promise<Story | null> {
  const [row] = 'id' in where
    ? await (includeUnpublished ? anyStoryById : publishedStoryById)(db, where.id)
    : includeUnpublished
      ? await storyColumns(db).where('sections.slug', '=', where.sectionSlug).where('articles.slug', '=', where.slug).execute()
      : await publishedStoryAt(db, where.sectionSlug, where.slug);
  if (!row) return null;
  const [card] = await cardsFromRows(db, [row], known.authors && new Map([[row.id, known.authors]]));
  const [tags, [thread], corrections] = await Promise.all([
    known.tags ?? tagsFor(db, row.id),
    row.thread_id !== null ? threadById(db, row.thread_id) : Promise.resolve([]),
    correctionsOf(db, row.id),
  ]);
  if (!card) return null;
  return {
    ...card,
    bodyHtml: row.body_html,
    tags,
    thread: thread ?? null,
    corrections: corrections.map((c) => ({ text: c.text, createdAt: c.created_at })),
    commentsOpen: row.comments_open === 1,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    canonicalUrl: row.canonical_url,
    status: row.status,
  };
}

/** Stories sharing the most tags with this one (see related.ts), topped up with the newest in its section. */
export async function relatedStories(db: Db, story: Story, limit = relatedCount): Promise<StoryCard[]> {
  const picked = (await storedRelatedIds(db, story.id)) ?? (await computeRelatedIds(db, story.id, limit));
  // A stored list may name a story unpublished since: listByIds shows published stories only.
  const ordered = picked.length ? (await listByIds(db, picked)).slice(0, limit) : [];
  if (ordered.length < limit) {
    const more = await listPublished(db, { sectionId: story.section.id, excludeIds: [story.id, ...ordered.map((s) => s.id)], limit: limit - ordered.length });
    ordered.push(...more);
  }
  return ordered;
}

const publishedCardRows = reusableQuery((db, ids: readonly number[]) =>
  publishedArticles(db, {})
    .where('articles.id', 'in', ids)
    .select([
      'articles.id', 'articles.slug', 'articles.title', 'articles.dek', 'articles.published_at', 'articles.updated_at',
      'articles.featured_media_id', 'sections.id as section_id', 'sections.slug as section_slug', 'sections.name as section_name',
    ]),
);

export async function listByIds(db: Db, ids: number[]): Promise<StoryCard[]> {
  if (ids.length === 0) return [];
  const rows = await publishedCardRows(db, ids);
  const cards = await cardsFromRows(db, rows);
  const position = new Map(ids.map((id, i) => [id, i]));
  return cards.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
}

export async function findRedirect(db: Db, fromPath: string): Promise<string | null> {
  const row = await db.selectFrom('redirects').select('to_path').where('from_path', '=', fromPath).executeTakeFirst();
  return row?.to_path ?? null;
}

/** Time of the newest published change, for Last-Modified on lists and feeds. */
export async function lastPublishedChange(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.max('updated_at').as('t'))
    .where('status', '=', 'published')
    .executeTakeFirst();
  return (row?.t as string | null | undefined) ?? null;
}
