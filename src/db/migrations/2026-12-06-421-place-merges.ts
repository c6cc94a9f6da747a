/**
 * Places can be merged: the place merged away keeps its row (and so its address, which redirects) with
 * `merged_into_id` naming the place kept. A plain column with an index, no foreign key, so `down` can drop it on SQLite.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('places').addColumn('merged_into_id', 'integer').execute();
  await db.schema.createIndex('places_merged_into').on('places').columns(['merged_into_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('places_merged_into').ifExists().execute();
  await db.schema.alterTable('places').dropColumn('merged_into_id').execute();
}
