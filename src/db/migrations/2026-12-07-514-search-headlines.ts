/**
 * PostgreSQL: a GIN index over the headline's words alone (the tsvector's A-weighted part, `ts_filter(document,
 * '{a}')`), so that the shortlist can weigh a query word in a headline as SQLite's does (FTS5's column filter). The
 * main GIN index does not keep which field a word is in, and checking a weight there means fetching each match's
 * tsvector from the toast table. Built from the stored tsvectors, so no row is rewritten; with the story id too
 * where btree_gin is installed (migration 511), so that a look-up can be bounded to the newest matches' id range.
 * Nothing changes on SQLite.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  const ordered = (await sql`select 1 from pg_extension where extname = 'btree_gin'`.execute(db)).rows.length > 0;
  if (ordered) await sql`create index search_documents_headline on search_documents using gin (ts_filter(document, '{a}'), (article_id + 0))`.execute(db);
  else await sql`create index search_documents_headline on search_documents using gin (ts_filter(document, '{a}'))`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop index if exists search_documents_headline`.execute(db);
}
