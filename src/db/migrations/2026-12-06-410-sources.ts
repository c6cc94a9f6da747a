/**
 * The sources directory: organisations, people and documents a story rests on; the keys their names are matched by
 * (their own names, and names merged or confirmed into them); which stories cite which source, read from each
 * story's body when it is saved; and the attributions `gazette sources backfill` found without a source, waiting for
 * the desk.
 */
import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await idColumn(db.schema.createTable('sources'), pg)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('org_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('affiliation_id', 'integer', (c) => c.references('sources.id').onDelete('set null'))
    .addColumn('published_on', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('merged_into_id', 'integer', (c) => c.references('sources.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sources_affiliation').on('sources').column('affiliation_id').execute();
  await db.schema.createIndex('sources_merged_into').on('sources').column('merged_into_id').execute();

  await db.schema
    .createTable('source_keys')
    .addColumn('name_key', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('source_keys_source').on('source_keys').column('source_id').execute();

  await db.schema
    .createTable('story_sources')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('link', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('story_sources_pkey', ['article_id', 'position'])
    .execute();
  await db.schema.createIndex('story_sources_source').on('story_sources').columns(['source_id', 'article_id']).execute();

  await idColumn(db.schema.createTable('source_proposals'), pg)
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('article_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('source_id', 'integer', (c) => c.references('sources.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['source_proposals', 'story_sources', 'source_keys', 'sources']) await db.schema.dropTable(table).ifExists().execute();
}
