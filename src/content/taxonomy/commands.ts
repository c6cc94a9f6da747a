/** Commands for sections and tags: add, describe and order sections; rename and merge tags, leaving redirects. */
import type { Actor } from '../../accounts/actor.js';
import { permit } from '../../accounts/actor.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/index.js';
import type { Section, Tag } from '../../db/schema.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { syncSearchDocument } from '../../search/index.js';
import { addRedirect } from '../articles.js';
import { forgetRelatedLists, relateTaggedStories } from '../related.js';
import { isSlug, slugify } from '../../slugs.js';
import { sectionPath, tagPath } from '../urls.js';
import { findTagById, findTagByNameOrSlug, taxonomyLimits } from './store.js';

/** Top-level paths a section slug may not take, because other pages live there. */
const reservedSlugs = new Set(['newsroom', 'api', 'place', 'places', 'country', 'tag', 'source', 'author', 'authors', 'thread', 'archive', 'search', 'media', 'feeds', 'feed', 'comments', 'sitemap', 'assets', 'healthz', 'robots', 'rss', 'atom']);

function refuse(problems: Record<string, string>): never {
  throw invalid(Object.values(problems)[0] ?? 'Please check what you entered.', problems);
}

function checkName(name: string, problems: Record<string, string>): void {
  if (!name) problems.name = 'A name is required.';
  else if (name.length > taxonomyLimits.name) problems.name = `Names can be at most ${taxonomyLimits.name} characters.`;
}

function checkSlug(slug: string, problems: Record<string, string>): void {
  if (!isSlug(slug) || slug.length > taxonomyLimits.slug) problems.slug = 'A slug may contain lower-case letters, digits and single hyphens only.';
}

export interface SectionInput {
  name: string;
  description: string;
  /** Only when adding: a section's slug is part of every story address in it. */
  slug?: string;
}

/** Command: add a section at the end of the order. */
export async function addSection(ctx: AppContext, actor: Actor, input: SectionInput): Promise<Section> {
  permit(actor, 'taxonomy.manage');
  const name = input.name.trim().replace(/\s+/g, ' ');
  const description = input.description.trim();
  const slug = (input.slug ?? '').trim() || slugify(name);
  const problems: Record<string, string> = {};
  checkName(name, problems);
  checkSlug(slug, problems);
  if (description.length > taxonomyLimits.description) problems.description = `Descriptions can be at most ${taxonomyLimits.description} characters.`;
  if (!problems.slug && reservedSlugs.has(slug)) problems.slug = `“${slug}” is used by another part of the site; choose another slug.`;
  if (Object.keys(problems).length) refuse(problems);
  const section = await ctx.store.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst()) refuse({ slug: `There is already a section at ${sectionPath(slug)}.` });
    const last = await trx.selectFrom('sections').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
    return trx
      .insertInto('sections')
      .values({ slug, name, description, position: Number(last?.p ?? -1) + 1 })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  ctx.events.emit('site.changed', { what: 'sections', kind: 'added', sectionIds: [section.id], paths: [sectionPath(section.slug)] });
  return section;
}

/** Command: rename or describe a section (its slug stays: it is part of every story address in it). */
export async function updateSection(ctx: AppContext, actor: Actor, id: number, input: SectionInput): Promise<Section> {
  permit(actor, 'taxonomy.manage');
  const name = input.name.trim().replace(/\s+/g, ' ');
  const description = input.description.trim();
  const problems: Record<string, string> = {};
  checkName(name, problems);
  if (description.length > taxonomyLimits.description) problems.description = `Descriptions can be at most ${taxonomyLimits.description} characters.`;
  if (Object.keys(problems).length) refuse(problems);
  const section = await ctx.store.db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('sections').set({ name, description }).where('id', '=', id).returningAll().executeTakeFirst();
    if (!updated) throw notFound('That section');
    return updated;
  });
  ctx.events.emit('site.changed', { what: 'sections', kind: 'updated', sectionIds: [id], paths: [sectionPath(section.slug)] });
  return section;
}

async function sectionOrder(db: Db): Promise<number[]> {
  return (await db.selectFrom('sections').select('id').orderBy('position').orderBy('name').execute()).map((s) => s.id);
}

async function storeOrder(db: Db, current: number[], orderedIds: number[]): Promise<number[]> {
  const known = new Set(current);
  const unknown = orderedIds.filter((id) => !known.has(id));
  if (unknown.length) throw invalid('The new order names a section that does not exist.', { order: `Unknown section ${unknown[0]}.` });
  const order = [...new Set(orderedIds), ...current.filter((id) => !orderedIds.includes(id))];
  for (const [position, id] of order.entries()) await db.updateTable('sections').set({ position }).where('id', '=', id).execute();
  return order;
}

/** Command: put sections in the given order; sections left out keep their relative order after the named ones. */
export async function reorderSections(ctx: AppContext, actor: Actor, orderedIds: number[]): Promise<void> {
  permit(actor, 'taxonomy.manage');
  if (orderedIds.length === 0) throw invalid('Send the section ids in their new order.', { order: 'No sections named.' });
  const order = await ctx.store.db.transaction().execute(async (trx) => storeOrder(trx, await sectionOrder(trx), orderedIds));
  ctx.events.emit('site.changed', { what: 'sections', kind: 'reordered', sectionIds: order, paths: [] });
}

/** Command: move a section one place up or down; at either end nothing changes and nothing is announced. */
export async function moveSection(ctx: AppContext, actor: Actor, id: number, direction: 'up' | 'down'): Promise<void> {
  permit(actor, 'taxonomy.manage');
  const order = await ctx.store.db.transaction().execute(async (trx) => {
    const ids = await sectionOrder(trx);
    const index = ids.indexOf(id);
    if (index < 0) throw notFound('That section');
    const swapWith = direction === 'up' ? index - 1 : index + 1;
    if (swapWith < 0 || swapWith >= ids.length) return null;
    [ids[index], ids[swapWith]] = [ids[swapWith]!, ids[index]!];
    return storeOrder(trx, ids, ids);
  });
  if (order) ctx.events.emit('site.changed', { what: 'sections', kind: 'reordered', sectionIds: order, paths: [] });
}

async function taggedArticleIds(db: Db, tagId: number): Promise<number[]> {
  return (await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId).execute()).map((r) => r.article_id);
}

/** Command: rename a tag; a new slug leaves a permanent redirect from the old tag page. */
export async function renameTag(ctx: AppContext, actor: Actor, id: number, input: { name: string; slug: string }): Promise<Tag> {
  permit(actor, 'taxonomy.manage');
  const name = input.name.trim().replace(/\s+/g, ' ');
  const slug = input.slug.trim() || slugify(name);
  const problems: Record<string, string> = {};
  checkName(name, problems);
  checkSlug(slug, problems);
  if (Object.keys(problems).length) refuse(problems);
  const { tag, articleIds } = await ctx.store.db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
    if (!old) throw notFound('That tag');
    const clash = await trx.selectFrom('tags').select(['id', 'name']).where('slug', '=', slug).where('id', '!=', id).executeTakeFirst();
    if (clash) throw conflict(`The tag “${clash.name}” already uses ${tagPath(slug)}. Merge this tag into it instead.`, { slug: 'Already used by another tag.' });
    await trx.updateTable('tags').set({ name, slug }).where('id', '=', id).execute();
    if (slug !== old.slug) await addRedirect(trx, tagPath(old.slug), tagPath(slug));
    const tagged = await taggedArticleIds(trx, id);
    if (name !== old.name) for (const articleId of tagged) await syncSearchDocument(trx, articleId);
    return { tag: { old, id, name, slug }, articleIds: tagged };
  });
  ctx.events.emit('site.changed', { what: 'tags', kind: 'renamed', tagId: id, oldPath: tagPath(tag.old.slug), newPath: tagPath(slug), articleIds });
  return { id, name, slug };
}

/** The tag to merge into: by id (API callers) or by the name or slug a person typed. */
export type MergeTarget = { id: number } | { nameOrSlug: string };

/**
 * Command: move every story from one tag to another, delete the first and redirect its page to the second. The
 * related-story lists of the merged stories are forgotten in the transaction and stored again in the background
 * after it (seconds for a big tag); a failure there is reported to `onBackgroundError` and mended by a reindex.
 */
export async function mergeTags(
  ctx: AppContext,
  actor: Actor,
  fromId: number,
  target: MergeTarget,
  options: { onBackgroundError?: (error: unknown, message: string) => void } = {},
): Promise<{ moved: number; into: Tag }> {
  permit(actor, 'taxonomy.manage');
  const found = 'id' in target ? await findTagById(ctx.store.db, target.id) : await findTagByNameOrSlug(ctx.store.db, target.nameOrSlug);
  if (!found) {
    const named = 'id' in target ? String(target.id) : target.nameOrSlug.trim().slice(0, 80);
    throw invalid(`There is no tag called “${named}” to merge into.`, { into: 'No such tag.' });
  }
  const intoId = found.id;
  if (fromId === intoId) throw invalid('A tag cannot be merged into itself.', { into: 'Choose a different tag.' });
  const result = await ctx.store.db.transaction().execute(async (trx) => {
    const [from, into] = await Promise.all([
      trx.selectFrom('tags').selectAll().where('id', '=', fromId).executeTakeFirst(),
      trx.selectFrom('tags').selectAll().where('id', '=', intoId).executeTakeFirst(),
    ]);
    if (!from) throw notFound('That tag');
    if (!into) throw invalid('The tag to merge into does not exist.', { into: 'No such tag.' });
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
    return { moved: fromArticles.length, into, fromPath: tagPath(from.slug), articleIds: [...new Set([...fromArticles, ...alreadyTagged])] };
  });
  ctx.events.emit('site.changed', { what: 'tags', kind: 'merged', tagId: intoId, oldPath: result.fromPath, newPath: tagPath(result.into.slug), articleIds: result.articleIds });
  void relateTaggedStories(ctx.store.db, intoId).catch((error: unknown) =>
    options.onBackgroundError?.(error, `tag merge: could not store related stories for tag ${intoId}; run gazette reindex`),
  );
  return { moved: result.moved, into: result.into };
}
