/** SQL shared by both engines: the filters a results page can apply, and what a story's index entry is made of. */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/index.js';
import { htmlToText } from '../content/sanitize.js';
import type { SearchQuery } from './types.js';
import { stripMarks } from './types.js';

/** Conditions on the joined `articles a`: only published stories, narrowed by the reader's filters. */
export function filterConditions(query: SearchQuery): RawBuilder<unknown> {
  const filters = [sql`a.status = 'published'`];
  if (query.sectionId !== undefined) filters.push(sql`a.section_id = ${query.sectionId}`);
  if (query.from) filters.push(sql`a.published_at >= ${query.from}`);
  if (query.to) filters.push(sql`a.published_at < ${query.to}`);
  if (query.tagId !== undefined) filters.push(sql`exists (select 1 from article_tags t where t.article_id = a.id and t.tag_id = ${query.tagId})`);
  if (query.authorId !== undefined) filters.push(sql`exists (select 1 from article_authors w where w.article_id = a.id and w.user_id = ${query.authorId})`);
  return sql.join(filters, sql` and `);
}

export interface IndexDocument {
  id: number;
  title: string;
  dek: string;
  body: string;
  tags: string;
}

/** The text of a published story as the index holds it, or null when the story must not be searchable. */
export async function loadDocument(db: Db, articleId: number): Promise<IndexDocument | null> {
  const article = await db
    .selectFrom('articles')
    .select(['id', 'title', 'dek', 'body_html', 'status'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!article || article.status !== 'published') return null;
  const tags = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select('tags.name')
    .where('article_tags.article_id', '=', articleId)
    .orderBy('tags.name')
    .execute();
  return {
    id: article.id,
    title: stripMarks(article.title),
    dek: stripMarks(article.dek),
    body: stripMarks(htmlToText(article.body_html)),
    tags: stripMarks(tags.map((t) => t.name).join(', ')),
  };
}
