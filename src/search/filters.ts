/** SQL shared by both engines: the filters a results page can apply, and what a story's index entry is made of. */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/index.js';
import { htmlToText } from '../html-text.js';
import type { SearchQuery } from './types.js';

/** Conditions on the joined `articles a`: only published stories, narrowed by the reader's filters. */
export function filterConditions(query: SearchQuery): RawBuilder<unknown> {
  const filters = [sql`a.status = 'published'`];
  if (query.sectionId !== undefined) filters.push(sql`a.section_id = ${query.sectionId}`);
  if (query.from) filters.push(sql`a.published_at >= ${query.from}`);
  if (query.to) filters.push(sql`a.published_at < ${query.to}`);
  if (query.tagId !== undefined) filters.push(sql`exists (select 1 from article_tags t where t.article_id = a.id and t.tag_id = ${query.tagId})`);
  if (query.authorId !== undefined) filters.push(sql`exists (select 1 from article_authors w where w.article_id = a.id and w.user_id = ${query.authorId})`);
  if (query.sourceId !== undefined) filters.push(sql`exists (select 1 from story_sources c where c.article_id = a.id and c.source_id = ${query.sourceId})`);
  if (query.placeId !== undefined) filters.push(sql`exists (select 1 from story_places p where p.article_id = a.id and p.place_id = ${query.placeId})`);
  return sql.join(filters, sql` and `);
}

export interface IndexDocument {
  id: number;
  title: string;
  dek: string;
  body: string;
  tags: string;
}

/** The text of published stories as the index holds it; stories that must not be searchable are left out. */
export async function loadDocuments(db: Db, articleIds: number[]): Promise<IndexDocument[]> {
  if (!articleIds.length) return [];
  const [articles, tags] = await Promise.all([
    db.selectFrom('articles').select(['id', 'title', 'dek', 'body_html']).where('id', 'in', articleIds).where('status', '=', 'published').orderBy('id').execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.name'])
      .where('article_tags.article_id', 'in', articleIds)
      .orderBy('tags.name')
      .execute(),
  ]);
  const tagsOf = new Map<number, string[]>();
  for (const row of tags) tagsOf.set(row.article_id, [...(tagsOf.get(row.article_id) ?? []), row.name]);
  return articles.map((article) => ({
    id: article.id,
    title: article.title,
    dek: article.dek,
    body: htmlToText(article.body_html),
    tags: (tagsOf.get(article.id) ?? []).join(', '),
  }));
}

export async function loadDocument(db: Db, articleId: number): Promise<IndexDocument | null> {
  return (await loadDocuments(db, [articleId]))[0] ?? null;
}
