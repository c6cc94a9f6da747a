/**
 * The edited front: the slots an editor filled (lead, its related links, top stories, developing threads, section
 * blocks, the opinion rail), one row per place, and the stories pinned to the front before anyone arranged it
 * (sticky posts from a WordPress import). Sticky posts imported before this migration are pinned from the import ledger.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('front_slots')
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('front_slots_pkey', ['slot', 'position'])
    .execute();
  await db.schema
    .createTable('front_pins')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('pinned_at', 'text', (c) => c.notNull())
    .execute();
  const sticky = await db.selectFrom('import_items').select('target_id').where('kind', '=', 'post').where('detail', '=', 'sticky').execute();
  const at = new Date().toISOString();
  const ids = [...new Set(sticky.map((r) => r.target_id as number | null).filter((id): id is number => id !== null))];
  for (const id of ids) {
    if (await db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst()) {
      await db.insertInto('front_pins').values({ article_id: id, pinned_at: at }).execute();
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('front_pins').ifExists().execute();
  await db.schema.dropTable('front_slots').ifExists().execute();
}
