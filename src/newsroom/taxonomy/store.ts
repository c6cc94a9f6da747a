/** Sections and tags as the newsroom manages them: add, describe and order sections; rename and merge tags, leaving redirects. */
import { sql } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Section, Tag } from '../../db/schema.js';
import { addRedirect } from '../../content/articles.js';
import { countPublished } from '../../content/queries.js';
import { isSlug, slugify } from '../../content/slugs.js';
import { sectionPath, tagPath } from '../../content/urls.js';
import { HttpError } from '../../http/errors.js';
import { syncSearchDocument } from '../../search/index.js';
import { forgetRelatedLists } from '../../content/related.js';

export const taxonomyLimits = { name: 80, description: 600, slug: 80 } as const;
export const tagPageSize = 100;

/** Top-level paths a section slug may not take, because other pages live there. */
const reservedSlugs = new Set(['newsroom', 'api', 'tag', 'author', 'authors', 'thread', 'archive', 'search', 'media', 'feeds', 'feed', 'comments', 'sitemap', 'assets', 'healthz', 'robots', 'rss', 'atom']);

function invalid(problems: Record<string, string>): HttpError {
  return new HttpError(422, Object.values(problems)[0] ?? 'Please check what you entered.', 'invalid', problems);
}

function checkName(name: string, problems: Record<string, string>): void {
  if (!name) problems.name = 'A name is required.';
  else if (name.length > taxonomyLimits.name) problems.name = `Names can be at most ${taxonomyLimits.name} characters.`;
}

function checkSlug(slug: string, problems: Record<string, string>): void {
  if (!isSlug(slug) || slug.length > taxonomyLimits.slug) problems.slug = 'A slug may contain lower-case letters, digits and single hyphens only.';
}

export async function listSectionsWithCounts(db: Db): Promise<(Section & { stories: number })[]> {
  const sections = await db.selectFrom('sections').selectAll().orderBy('position').orderBy('name').execute();
  return Promise.all(sections.map(async (s) => ({ ...s, stories: await countPublished(db, { sectionId: s.id }) })));
}

export async function findSectionById(db: Db, id: number): Promise<Section | null> {
  return (await db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export interface SectionInput {
  name: string;
  description: string;
  /** Only when adding: a section's slug is part of every story address in it. */
  slug?: string;
}

export async function addSection(db: Db, input: SectionInput): Promise<Section> {
  const name = input.name.trim().replace(/\s+/g, ' ');
  const description = input.description.trim();
  const slug = (input.slug ?? '').trim() || slugify(name);
  const problems: Record<string, string> = {};
  checkName(name, problems);
  checkSlug(slug, problems);
  if (description.length > taxonomyLimits.description) problems.description = `Descriptions can be at most ${taxonomyLimits.description} characters.`;
  if (!problems.slug && reservedSlugs.has(slug)) problems.slug = `“${slug}” is used by another part of the site; choose another slug.`;
  if (!problems.slug && (await db.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst())) {
    problems.slug = `There is already a section at ${sectionPath(slug)}.`;
  }
  if (Object.keys(problems).length) throw invalid(problems);
  const last = await db.selectFrom('sections').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
  return db
    .insertInto('sections')
    .values({ slug, name, description, position: Number(last?.p ?? -1) + 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateSection(db: Db, id: number, input: SectionInput): Promise<void> {
  const name = input.name.trim().replace(/\s+/g, ' ');
  const description = input.description.trim();
  const problems: Record<string, string> = {};
  checkName(name, problems);
  if (description.length > taxonomyLimits.description) problems.description = `Descriptions can be at most ${taxonomyLimits.description} characters.`;
  if (Object.keys(problems).length) throw invalid(problems);
  const result = await db.updateTable('sections').set({ name, description }).where('id', '=', id).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new HttpError(404, 'That section no longer exists.');
}

/** Puts sections in the given order; sections left out keep their relative order after the named ones. */
export async function reorderSections(db: Db, orderedIds: number[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('sections').select('id').orderBy('position').orderBy('name').execute();
    const known = new Set(current.map((s) => s.id));
    const unknown = orderedIds.filter((id) => !known.has(id));
    if (unknown.length) throw new HttpError(422, 'The new order names a section that does not exist.', 'invalid', { order: `Unknown section ${unknown[0]}.` });
    const order = [...new Set(orderedIds), ...current.map((s) => s.id).filter((id) => !orderedIds.includes(id))];
    for (const [position, id] of order.entries()) await trx.updateTable('sections').set({ position }).where('id', '=', id).execute();
  });
}

export async function moveSection(db: Db, id: number, direction: 'up' | 'down'): Promise<void> {
  const ids = (await db.selectFrom('sections').select('id').orderBy('position').orderBy('name').execute()).map((s) => s.id);
  const index = ids.indexOf(id);
  if (index < 0) throw new HttpError(404, 'That section no longer exists.');
  const swapWith = direction === 'up' ? index - 1 : index + 1;
  if (swapWith < 0 || swapWith >= ids.length) return;
  [ids[index], ids[swapWith]] = [ids[swapWith]!, ids[index]!];
  await reorderSections(db, ids);
}

export type TagWithUses = Tag & { uses: number };

export async function listTags(db: Db, filter: { query?: string; page?: number } = {}): Promise<{ items: TagWithUses[]; total: number }> {
  let query = db.selectFrom('tags');
  const words = (filter.query ?? '').trim().toLowerCase();
  if (words) {
    const pattern = `%${words.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([sql<boolean>`lower(${eb.ref('tags.name')}) like ${pattern} escape '\\'`, sql<boolean>`${eb.ref('tags.slug')} like ${pattern} escape '\\'`]),
    );
  }
  const page = Math.max(1, filter.page ?? 1);
  const [rows, count] = await Promise.all([
    query
      .leftJoin('article_tags', 'article_tags.tag_id', 'tags.id')
      .select(['tags.id', 'tags.slug', 'tags.name', (eb) => eb.fn.count<number>('article_tags.article_id').as('uses')])
      .groupBy(['tags.id', 'tags.slug', 'tags.name'])
      .orderBy('tags.name')
      .limit(tagPageSize)
      .offset((page - 1) * tagPageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { items: rows.map((r) => ({ ...r, uses: Number(r.uses) })), total: Number(count?.n ?? 0) };
}

export async function findTagById(db: Db, id: number): Promise<TagWithUses | null> {
  const tag = await db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
  if (!tag) return null;
  const uses = await db.selectFrom('article_tags').select((eb) => eb.fn.countAll<number>().as('n')).where('tag_id', '=', id).executeTakeFirst();
  return { ...tag, uses: Number(uses?.n ?? 0) };
}

/** A tag by its slug, or by a name that slugifies to it: how people name the tag to merge into. */
export async function findTagByNameOrSlug(db: Db, text: string): Promise<Tag | null> {
  const wanted = text.trim();
  if (!wanted) return null;
  const slug = isSlug(wanted) ? wanted : slugify(wanted);
  return (await db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst()) ?? null;
}

async function taggedArticleIds(db: Db, tagId: number): Promise<number[]> {
  return (await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId).execute()).map((r) => r.article_id);
}

/** Renames a tag; a new slug leaves a permanent redirect from the old tag page. */
export async function renameTag(db: Db, id: number, input: { name: string; slug: string }): Promise<Tag> {
  const name = input.name.trim().replace(/\s+/g, ' ');
  const slug = input.slug.trim() || slugify(name);
  const problems: Record<string, string> = {};
  checkName(name, problems);
  checkSlug(slug, problems);
  if (Object.keys(problems).length) throw invalid(problems);
  return db.transaction().execute(async (trx) => {
    const tag = await trx.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
    if (!tag) throw new HttpError(404, 'That tag no longer exists.');
    const clash = await trx.selectFrom('tags').select(['id', 'name']).where('slug', '=', slug).where('id', '!=', id).executeTakeFirst();
    if (clash) {
      throw new HttpError(409, `The tag “${clash.name}” already uses ${tagPath(slug)}. Merge this tag into it instead.`, 'conflict', { slug: 'Already used by another tag.' });
    }
    await trx.updateTable('tags').set({ name, slug }).where('id', '=', id).execute();
    if (slug !== tag.slug) await addRedirect(trx, tagPath(tag.slug), tagPath(slug));
    if (name !== tag.name) for (const articleId of await taggedArticleIds(trx, id)) await syncSearchDocument(trx, articleId);
    return { id, name, slug };
  });
}

/** Moves every story from one tag to another, deletes the first and redirects its page to the second. */
export async function mergeTags(db: Db, fromId: number, intoId: number): Promise<{ moved: number; into: Tag }> {
  if (fromId === intoId) throw new HttpError(422, 'A tag cannot be merged into itself.', 'invalid', { into: 'Choose a different tag.' });
  return db.transaction().execute(async (trx) => {
    const [from, into] = await Promise.all([
      trx.selectFrom('tags').selectAll().where('id', '=', fromId).executeTakeFirst(),
      trx.selectFrom('tags').selectAll().where('id', '=', intoId).executeTakeFirst(),
    ]);
    if (!from) throw new HttpError(404, 'That tag no longer exists.');
    if (!into) throw new HttpError(422, 'The tag to merge into does not exist.', 'invalid', { into: 'No such tag.' });
    const fromArticles = await taggedArticleIds(trx, fromId);
    const alreadyTagged = new Set(await taggedArticleIds(trx, intoId));
    const moving = fromArticles.filter((articleId) => !alreadyTagged.has(articleId));
    if (moving.length) await trx.insertInto('article_tags').values(moving.map((articleId) => ({ article_id: articleId, tag_id: intoId }))).execute();
    await trx.deleteFrom('article_tags').where('tag_id', '=', fromId).execute();
    await trx.deleteFrom('tags').where('id', '=', fromId).execute();
    await addRedirect(trx, tagPath(from.slug), tagPath(into.slug));
    for (const articleId of fromArticles) await syncSearchDocument(trx, articleId);
    // Every story now under `into` may have new neighbours. Working them out can take seconds for a big tag, so the
    // lists are forgotten here (read time works them out) and stored again after the merge (relateTaggedStories).
    await forgetRelatedLists(trx, [...fromArticles, ...alreadyTagged]);
    return { moved: fromArticles.length, into };
  });
}
