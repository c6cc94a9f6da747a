/** A covering index for joins that only need an article's status, date and section: related stories and tag lists read it instead of rows carrying whole bodies. */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('articles_listing').on('articles').columns(['id', 'status', 'published_at', 'section_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_listing').execute();
}
