/** Sections and tags as the newsroom lists them: sections with their story counts, tags with their uses; the writes are in commands.ts. */
import { sql } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Section, Tag } from '../../db/schema.js';
import { countPublished } from '../queries.js';
import { isSlug, slugify } from '../../slugs.js';

export const taxonomyLimits = { name: 80, description: 600, slug: 80 } as const;
export const tagPageSize = 100;

export async function listSectionsWithCounts(db: Db): Promise<(Section & { stories: number })[]> {
  const sections = await db.selectFrom('sections').selectAll().orderBy('position').orderBy('name').execute();
  return Promise.all(sections.map(async (s) => ({ ...s, stories: await countPublished(db, { sectionId: s.id }) })));
}

export async function findSectionById(db: Db, id: number): Promise<Section | null> {
  return (await db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
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
