/**
 * Desk notes: internal remarks on a story for the newsroom (never shown on the site), each tied to the revision that
 * was newest when it was written, so the revision history shows what the desk said about each version.
 */
import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db.schema.createTable('story_notes'), isPostgres(db))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revision_id', 'integer', (c) => c.references('revisions.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('story_notes_article').on('story_notes').columns(['article_id', 'id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('story_notes').ifExists().execute();
}
