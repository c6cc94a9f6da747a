/**
 * Comments held on suspicion keep the reasons they were held for and the time they went to spam (the purge counts
 * from then), and bot posts dropped by the honeypot are counted per day so the moderation page can show them.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').addColumn('hold_reasons', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('comments').addColumn('spam_since', 'text').execute();
  // Spam already there gets the full waiting period from now rather than vanishing at the first purge.
  await db.updateTable('comments').set({ spam_since: new Date().toISOString() }).where('status', '=', 'spam').execute();
  await db.schema.createIndex('comments_status_spam_since').on('comments').columns(['status', 'spam_since']).execute();
  await db.schema
    .createTable('comment_drops')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('comment_drops_pkey', ['day', 'reason'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('comment_drops').ifExists().execute();
  await db.schema.dropIndex('comments_status_spam_since').ifExists().execute();
  await db.schema.alterTable('comments').dropColumn('spam_since').execute();
  await db.schema.alterTable('comments').dropColumn('hold_reasons').execute();
}
