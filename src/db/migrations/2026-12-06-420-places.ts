/**
 * Places: the gazetteer places stories use and the places editors add (`places`), and each story's dateline and the
 * places it is about (`story_places`). The gazetteer itself stays in its package; a place is stored once a story names it.
 */
import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await idColumn(db.schema.createTable('places'), pg)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('alt_names', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('search_key', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('region', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('geonames_id', 'integer', (c) => c.unique())
    .addColumn('custom', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('places_country').on('places').columns(['country_code']).execute();
  await db.schema
    .createTable('story_places')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id').onDelete('cascade'))
    .addColumn('dateline', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('story_places_pkey', ['article_id', 'place_id'])
    .execute();
  await db.schema.createIndex('story_places_place').on('story_places').columns(['place_id', 'article_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('story_places').ifExists().execute();
  await db.schema.dropTable('places').ifExists().execute();
}
