/** Writing stories: create and update in one transaction with tags, authors, a revision, redirects and the search index. */
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import type { Article, ArticleStatus } from '../db/schema.js';
import { conflict, invalid, notFound } from '../errors.js';
import { syncSearchDocument } from '../search/index.js';
import { syncCitations } from '../sources/citations.js';
import { syncRelatedLists } from './related.js';
import { sanitizeBody } from './sanitize.js';
import { isSlug, slugify } from '../slugs.js';
import { storyPath } from './urls.js';

export interface ArticleInput {
  title: string;
  dek?: string;
  bodyHtml: string;
  sectionId: number;
  slug?: string;
  status: ArticleStatus;
  publishedAt?: string | null;
  authorIds: number[];
  tagNames?: string[];
  featuredMediaId?: number | null;
  threadId?: number | null;
  commentsOpen?: boolean;
  seoTitle?: string;
  seoDescription?: string;
  canonicalUrl?: string;
  /** Who saved; recorded on the revision. */
  editorId?: number | null;
  /** The move this save made, recorded on the revision ('save' unless told; see revisions.change). */
  change?: string;
  /** Override the save time (imports and the demo seeder keep historical times). */
  savedAt?: string;
  /** Bulk imports store related lists once at the end (storeRelatedLists) instead of story by story. */
  deferRelatedLists?: boolean;
}

/** A save of an existing story. */
export interface ArticleUpdate extends ArticleInput {
  /** Refuse the save (409) when the story is no longer at this version. */
  expectedVersion?: number;
  /** A public correction note, stored in the save's transaction: both are stored or neither. */
  correction?: string;
  /**
   * The authors and tags the caller read at this version: when the story is still at it and they are unchanged,
   * they are not rewritten.
   */
  relationsAsOf?: { version: number; authorIds: number[]; tagSlugs: string[] };
}

export const limits = { title: 300, dek: 600, body: 2_000_000, tag: 80, tags: 30, correction: 2000 } as const;

/** What is wrong with a correction note, or null when it may be stored. */
function correctionProblem(text: string): string | null {
  const note = text.trim();
  if (!note) return 'A correction needs a note saying what was corrected.';
  if (note.length > limits.correction) return `Correction notes can be at most ${limits.correction.toLocaleString('en')} characters.`;
  return null;
}

function validate(input: ArticleUpdate): void {
  const problems: Record<string, string> = {};
  if (!input.title.trim()) problems.title = 'A story needs a headline.';
  else if (input.title.length > limits.title) problems.title = `The headline is longer than ${limits.title} characters.`;
  if ((input.dek ?? '').length > limits.dek) problems.dek = `The summary is longer than ${limits.dek} characters.`;
  if (input.bodyHtml.length > limits.body) problems.body = 'The story body is too large.';
  if (input.slug !== undefined && input.slug !== '' && !isSlug(input.slug)) {
    problems.slug = 'A slug may contain lower-case letters, digits and single hyphens only.';
  }
  if (input.authorIds.length === 0) problems.authors = 'A story needs at least one author.';
  if ((input.tagNames ?? []).length > limits.tags) problems.tags = `A story may have at most ${limits.tags} tags.`;
  if ((input.tagNames ?? []).some((t) => t.trim().length > limits.tag)) problems.tags = `A tag name is longer than ${limits.tag} characters.`;
  const correction = input.correction === undefined ? null : correctionProblem(input.correction);
  if (correction) problems.correction = correction;
  if (Object.keys(problems).length) throw invalid(Object.values(problems)[0] ?? 'Invalid story.', problems);
}

/** Finds or creates tags by name; returns their ids in the given order. */
export async function ensureTags(db: Db, names: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (!name) continue;
    const slug = slugify(name);
    const existing = await db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst();
    const id = existing?.id ?? (await db.insertInto('tags').values({ slug, name }).returning('id').executeTakeFirstOrThrow()).id;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

async function uniqueSlug(db: Db, sectionId: number, wanted: string, exceptId: number | null): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? wanted : `${wanted}-${n}`;
    let query = db.selectFrom('articles').select('id').where('section_id', '=', sectionId).where('slug', '=', candidate);
    if (exceptId !== null) query = query.where('id', '!=', exceptId);
    if (!(await query.executeTakeFirst())) return candidate;
  }
}

async function publicPath(db: Db, articleId: number): Promise<string | null> {
  const row = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.slug', 'articles.published_at', 'articles.status', 'sections.slug as section_slug'])
    .where('articles.id', '=', articleId)
    .executeTakeFirst();
  if (!row || row.published_at === null) return null;
  return storyPath(row.section_slug, row.published_at, row.slug);
}

/** The slug each tag name is stored under, the way ensureTags finds or makes it. */
function tagSlugsOf(names: string[]): string[] {
  return [...new Set(names.map((raw) => raw.trim().replace(/\s+/g, ' ')).filter(Boolean).map((name) => slugify(name)))];
}

const sameSet = (a: string[], b: string[]): boolean => a.length === b.length && new Set([...a, ...b]).size === a.length;

async function setRelations(db: Db, articleId: number, input: ArticleInput, keep: { authors: boolean; tags: boolean } = { authors: false, tags: false }): Promise<void> {
  if (!keep.authors) {
    await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
    const authorIds = [...new Set(input.authorIds)];
    await db
      .insertInto('article_authors')
      .values(authorIds.map((userId, position) => ({ article_id: articleId, user_id: userId, position })))
      .execute();
  }
  if (input.tagNames !== undefined && !keep.tags) {
    await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
    const tagIds = await ensureTags(db, input.tagNames);
    if (tagIds.length) await db.insertInto('article_tags').values(tagIds.map((tagId) => ({ article_id: articleId, tag_id: tagId }))).execute();
  }
}

export async function createArticle(db: Db, input: ArticleInput): Promise<number> {
  validate(input);
  return db.transaction().execute((trx) => insertArticle(trx, input));
}

/** The columns a save writes the same way whether it creates or updates a story. */
function storedText(input: { title: string; dek?: string; sectionId: number; status: ArticleStatus }, slug: string, bodyHtml: string) {
  return { slug, title: input.title.trim(), dek: (input.dek ?? '').trim(), body_html: bodyHtml, section_id: input.sectionId, status: input.status };
}

/** createArticle's writes, inside the caller's transaction (a command that also reads back what it stored). */
export async function insertArticle(trx: Db, input: ArticleInput): Promise<number> {
  validate(input);
  const at = input.savedAt ?? now();
  const bodyHtml = sanitizeBody(input.bodyHtml);
  const slug = await uniqueSlug(trx, input.sectionId, input.slug || slugify(input.title), null);
  const publishedAt = input.publishedAt ?? (input.status === 'published' ? at : null);
  const { id } = await trx
    .insertInto('articles')
    .values({
      ...storedText(input, slug, bodyHtml),
      published_at: publishedAt,
      updated_at: at,
      created_at: at,
      featured_media_id: input.featuredMediaId ?? null,
      thread_id: input.threadId ?? null,
      comments_open: input.commentsOpen === false ? 0 : 1,
      seo_title: input.seoTitle ?? '',
      seo_description: input.seoDescription ?? '',
      canonical_url: input.canonicalUrl ?? '',
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setRelations(trx, id, input);
  await trx
    .insertInto('revisions')
    .values({ article_id: id, title: input.title.trim(), dek: (input.dek ?? '').trim(), body_html: bodyHtml, editor_id: input.editorId ?? null, created_at: at, change: input.change ?? 'create', status: input.status })
    .execute();
  await syncSearchDocument(trx, id);
  await syncCitations(trx, id, bodyHtml);
  if (!input.deferRelatedLists) await syncRelatedLists(trx, id, input.status);
  return id;
}

/**
 * Saves a new version of a story. With `expectedVersion`, a save based on an older version is refused (409)
 * so two editors never silently overwrite each other.
 */
export async function updateArticle(db: Db, id: number, input: ArticleUpdate): Promise<{ version: number }> {
  validate(input);
  const { version } = await db.transaction().execute((trx) => writeArticleUpdate(trx, id, input));
  return { version };
}

const savedOverMessage = 'Someone else saved this story after you opened it. Your text was not saved over theirs: copy your changes, reload, and apply them again.';

/** A stored story with its section's slug (its address needs it). */
export type PlacedArticle = Article & { section_slug: string };

export interface ArticleWrite {
  version: number;
  /** Whether the authors and the tags were left as they were (see relationsAsOf). */
  kept: { authors: boolean; tags: boolean };
}

/**
 * updateArticle's writes, inside the caller's transaction. `current` is the story as the caller read it in this
 * transaction; without it, it is read here.
 */
export async function writeArticleUpdate(trx: Db, id: number, input: ArticleUpdate, current?: PlacedArticle): Promise<ArticleWrite> {
  validate(input);
  current ??= await trx
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .selectAll('articles')
    .select('sections.slug as section_slug')
    .where('articles.id', '=', id)
    .executeTakeFirst();
  if (!current) throw notFound('That story');
  if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) throw conflict(savedOverMessage);
  const at = input.savedAt ?? now();
  const oldPath = current.published_at === null ? null : storyPath(current.section_slug, current.published_at, current.slug);
  const bodyHtml = sanitizeBody(input.bodyHtml);
  const wantedSlug = input.slug || current.slug;
  // The story's own slug in its own section is already unique.
  const slug = wantedSlug === current.slug && input.sectionId === current.section_id ? wantedSlug : await uniqueSlug(trx, input.sectionId, wantedSlug, id);
  const publishedAt = input.publishedAt !== undefined ? input.publishedAt : current.published_at ?? (input.status === 'published' ? at : null);
  const version = current.version + 1;
  const storedPublishedAt = input.status === 'published' && publishedAt === null ? at : publishedAt;
  const updated = await trx
    .updateTable('articles')
    .set({
      ...storedText(input, slug, bodyHtml),
      published_at: storedPublishedAt,
      updated_at: at,
      featured_media_id: input.featuredMediaId === undefined ? current.featured_media_id : input.featuredMediaId,
      thread_id: input.threadId === undefined ? current.thread_id : input.threadId,
      comments_open: input.commentsOpen === undefined ? current.comments_open : input.commentsOpen ? 1 : 0,
      seo_title: input.seoTitle ?? current.seo_title,
      seo_description: input.seoDescription ?? current.seo_description,
      canonical_url: input.canonicalUrl ?? current.canonical_url,
      version,
    })
    .where('id', '=', id)
    // Another save may have committed since the read above (PostgreSQL's read committed): then nothing matches.
    .where('version', '=', current.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw conflict(savedOverMessage);
  const known = input.relationsAsOf?.version === current.version ? input.relationsAsOf : undefined;
  const kept = {
    authors: known !== undefined && known.authorIds.join() === [...new Set(input.authorIds)].join(),
    tags: known !== undefined && (input.tagNames === undefined || sameSet(known.tagSlugs, tagSlugsOf(input.tagNames))),
  };
  await setRelations(trx, id, input, kept);
  await trx
    .insertInto('revisions')
    .values({ article_id: id, title: input.title.trim(), dek: (input.dek ?? '').trim(), body_html: bodyHtml, editor_id: input.editorId ?? null, created_at: at, change: input.change ?? 'save', status: input.status })
    .execute();
  const newPath =
    storedPublishedAt === null ? null : input.sectionId === current.section_id ? storyPath(current.section_slug, storedPublishedAt, slug) : await publicPath(trx, id);
  if (oldPath && newPath && oldPath !== newPath && current.status === 'published') {
    await addRedirect(trx, oldPath, newPath, at);
  }
  if (input.correction !== undefined) await trx.insertInto('corrections').values({ article_id: id, text: input.correction.trim(), created_at: at }).execute();
  await syncSearchDocument(trx, id);
  await syncCitations(trx, id, bodyHtml);
  if (!input.deferRelatedLists) await syncRelatedLists(trx, id, input.status);
  return { version, kept };
}

/** Records that `from` moved to `to`, and points older redirects at the new place so no chain forms. */
export async function addRedirect(db: Db, from: string, to: string, at = now()): Promise<void> {
  if (from === to) return;
  await db.deleteFrom('redirects').where('from_path', '=', to).execute();
  await db.updateTable('redirects').set({ to_path: to }).where('to_path', '=', from).execute();
  const existing = await db.selectFrom('redirects').select('from_path').where('from_path', '=', from).executeTakeFirst();
  if (existing) await db.updateTable('redirects').set({ to_path: to }).where('from_path', '=', from).execute();
  else await db.insertInto('redirects').values({ from_path: from, to_path: to, created_at: at }).execute();
}

/** Appends a public correction note to a story (imports; a save with a correction passes it to updateArticle instead). */
export async function addCorrection(db: Db, articleId: number, text: string, at = now()): Promise<void> {
  const problem = correctionProblem(text);
  if (problem) throw invalid(problem, { correction: problem });
  await db.insertInto('corrections').values({ article_id: articleId, text: text.trim(), created_at: at }).execute();
}

/** Finds or creates a story thread by slug. */
export async function ensureThread(db: Db, slug: string, title: string, description = ''): Promise<number> {
  const existing = await db.selectFrom('threads').select('id').where('slug', '=', slug).executeTakeFirst();
  if (existing) return existing.id;
  return (await db.insertInto('threads').values({ slug, title, description }).returning('id').executeTakeFirstOrThrow()).id;
}

/** Finds or creates a section by slug; new sections go last. */
export async function ensureSection(db: Db, input: { slug: string; name: string; description?: string }): Promise<number> {
  const existing = await db.selectFrom('sections').select('id').where('slug', '=', input.slug).executeTakeFirst();
  if (existing) return existing.id;
  const last = await db.selectFrom('sections').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
  const position = Number(last?.p ?? -1) + 1;
  return (
    await db.insertInto('sections').values({ slug: input.slug, name: input.name, description: input.description ?? '', position }).returning('id').executeTakeFirstOrThrow()
  ).id;
}
