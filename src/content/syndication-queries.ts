/** Reads for feeds and sitemaps: whole bodies for a page of stories, every published address, and the listings that have stories. */
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { Tag } from '../db/schema.js';
import { publishedArticles } from './queries.js';
import { storyPath } from './urls.js';

/** Bodies and tags of published stories by id, for feeds that carry the full text. */
export async function storyBodies(db: Db, ids: number[]): Promise<Map<number, { bodyHtml: string; tags: Tag[] }>> {
  const byId = new Map<number, { bodyHtml: string; tags: Tag[] }>();
  if (ids.length === 0) return byId;
  const [bodies, tags] = await Promise.all([
    db.selectFrom('articles').select(['id', 'body_html']).where('id', 'in', ids).where('status', '=', 'published').execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.id', 'tags.slug', 'tags.name'])
      .where('article_tags.article_id', 'in', ids)
      .orderBy('tags.name')
      .execute(),
  ]);
  for (const row of bodies) byId.set(row.id, { bodyHtml: row.body_html, tags: [] });
  for (const { article_id, ...tag } of tags) byId.get(article_id)?.tags.push(tag);
  return byId;
}

export interface StoryLocation {
  url: string;
  canonicalUrl: string;
  updatedAt: string;
}

/** Addresses of published stories, oldest first so a page of a sitemap keeps its stories as new ones arrive. */
export async function publishedLocations(db: Db, limit: number, offset: number): Promise<StoryLocation[]> {
  const rows = await publishedArticles(db, {})
    .select(['articles.slug', 'articles.published_at', 'articles.updated_at', 'articles.canonical_url', 'sections.slug as section_slug'])
    .orderBy('articles.published_at', 'asc')
    .orderBy('articles.id', 'asc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({
    url: storyPath(r.section_slug, r.published_at ?? r.updated_at, r.slug),
    canonicalUrl: r.canonical_url,
    updatedAt: r.updated_at,
  }));
}

export interface Listing {
  slug: string;
  lastModified: string;
}

/** Sections, tags, authors and story threads that have published stories, each with its newest change (sitemaps). */
export async function listingsWithStories(db: Db): Promise<{ sections: Listing[]; tags: Listing[]; authors: Listing[]; threads: Listing[] }> {
  const newest = sql<string>`max(articles.updated_at)`.as('last_modified');
  const [sections, tags, authors, threads] = await Promise.all([
    publishedArticles(db, {}).select(['sections.slug', newest]).groupBy('sections.slug').orderBy('sections.slug').execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('articles', 'articles.id', 'article_tags.article_id')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['tags.slug', newest])
      .where('articles.status', '=', 'published')
      .groupBy('tags.slug')
      .orderBy('tags.slug')
      .execute(),
    db
      .selectFrom('article_authors')
      .innerJoin('articles', 'articles.id', 'article_authors.article_id')
      .innerJoin('users', 'users.id', 'article_authors.user_id')
      .select(['users.slug', newest])
      .where('articles.status', '=', 'published')
      .groupBy('users.slug')
      .orderBy('users.slug')
      .execute(),
    db
      .selectFrom('articles')
      .innerJoin('threads', 'threads.id', 'articles.thread_id')
      .select(['threads.slug', newest])
      .where('articles.status', '=', 'published')
      .groupBy('threads.slug')
      .orderBy('threads.slug')
      .execute(),
  ]);
  const listing = (rows: { slug: string; last_modified: string }[]): Listing[] => rows.map((r) => ({ slug: r.slug, lastModified: r.last_modified }));
  return { sections: listing(sections), tags: listing(tags), authors: listing(authors), threads: listing(threads) };
}
