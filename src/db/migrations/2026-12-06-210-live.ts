/**
 * Live coverage: a story's live state (summary, approval rule, start and end), its timestamped updates with their
 * revisions, and the public change log whose ids are the Server-Sent Events ids a reconnecting reader resumes from.
 */
import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('live_coverage')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('summary_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('approval_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await idColumn(db.schema.createTable('live_updates'), pg)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('edited_at', 'text')
    .addColumn('correction', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('corrected_at', 'text')
    .execute();
  await db.schema.createIndex('live_updates_story').on('live_updates').columns(['article_id', 'status', 'id']).execute();
  await idColumn(db.schema.createTable('live_update_revisions'), pg)
    .addColumn('update_id', 'integer', (c) => c.notNull().references('live_updates.id').onDelete('cascade'))
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('editor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_update_revisions_update').on('live_update_revisions').columns(['update_id', 'id']).execute();
  await idColumn(db.schema.createTable('live_events'), pg)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('update_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_events_story').on('live_events').columns(['article_id', 'id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('live_events').ifExists().execute();
  await db.schema.dropTable('live_update_revisions').ifExists().execute();
  await db.schema.dropTable('live_updates').ifExists().execute();
  await db.schema.dropTable('live_coverage').ifExists().execute();
}
