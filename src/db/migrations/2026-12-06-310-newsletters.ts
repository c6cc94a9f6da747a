/**
 * Readers who follow by email: subscribers (no account), the lists each one is on, editions (newsletters, follow
 * alerts, correction notices), the stories each edition carried, alerts waiting for their batching window, and the
 * mail outbox, which is both the durable send queue and the log of what went to whom.
 */
import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await idColumn(db.schema.createTable('subscribers'), pg)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('permanent_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirm_window_start', 'text')
    .addColumn('confirm_sends', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('bounced_at', 'text')
    .execute();
  await db.schema
    .createTable('subscriptions')
    .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('subscribers.id').onDelete('cascade'))
    .addColumn('list_key', 'text', (c) => c.notNull())
    .addColumn('confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscriptions_pkey', ['subscriber_id', 'list_key'])
    .execute();
  await db.schema.createIndex('subscriptions_list').on('subscriptions').columns(['list_key', 'confirmed', 'subscriber_id']).execute();
  await idColumn(db.schema.createTable('editions'), pg)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('list_key', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('auto', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('send_at', 'text')
    .addColumn('correction_id', 'integer', (c) => c.unique())
    .addColumn('slot', 'text', (c) => c.unique())
    .addColumn('html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('text_body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('editions_due').on('editions').columns(['status', 'send_at']).execute();
  await db.schema
    .createTable('edition_stories')
    .addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id').onDelete('cascade'))
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('edition_stories_pkey', ['edition_id', 'article_id'])
    .execute();
  await db.schema.createIndex('edition_stories_article').on('edition_stories').columns(['article_id', 'edition_id']).execute();
  await idColumn(db.schema.createTable('pending_alerts'), pg)
    .addColumn('list_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('correction_id', 'integer')
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await idColumn(db.schema.createTable('mail_outbox'), pg)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('edition_id', 'integer')
    .addColumn('subscriber_id', 'integer')
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('list_key', 'text')
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('text_body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('last_error', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['status', 'next_attempt_at', 'id']).execute();
  await db.schema.createIndex('mail_outbox_edition').on('mail_outbox').columns(['edition_id', 'subscriber_id']).execute();
  await db.schema.createIndex('mail_outbox_subscriber').on('mail_outbox').columns(['subscriber_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['mail_outbox', 'pending_alerts', 'edition_stories', 'editions', 'subscriptions', 'subscribers']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
