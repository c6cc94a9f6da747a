/**
 * Narrow search rows on PostgreSQL: a results page counts and picks its candidates from every row the GIN index
 * matches, and each of those rows is read from the table. With the body and the tsvector kept inline a page held one
 * or two rows; moved out of line (toast_tuple_target at its minimum) a page holds dozens, and the tsvector is read
 * only for the few hundred candidates that are ranked. Rows are moved as they are next written: `gazette reindex`.
 * Finer statistics on the tsvector give the ranking the story counts of common stems without counting them.
 * Nothing changes on SQLite.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table search_documents set (toast_tuple_target = 128)`.execute(db);
  // ANALYZE then keeps the story share of up to 10,000 of the commonest stems, which the ranking reads instead of
  // counting a common word's matches.
  await sql`alter table search_documents alter column document set statistics 1000`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table search_documents reset (toast_tuple_target)`.execute(db);
  await sql`alter table search_documents alter column document set statistics -1`.execute(db);
}
