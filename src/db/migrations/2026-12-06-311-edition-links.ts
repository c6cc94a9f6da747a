/**
 * Per-edition click counts, for sites that turn them on: the links of an edition sent while counting was on, each
 * with the number of times its redirect was followed. Only counts; nothing records who clicked.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('edition_links')
    .addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('clicks', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('edition_links_pkey', ['edition_id', 'position'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('edition_links').ifExists().execute();
}
