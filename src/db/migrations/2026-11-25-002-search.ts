/** The search index: FTS5 on SQLite, a weighted tsvector table with a GIN index on PostgreSQL, and the shared word list. */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  // Words are compared as bytes so that a range scan finds every word with a given beginning.
  const wordType = pg ? sql`text collate "C"` : sql`text`;
  await db.schema
    .createTable('search_words')
    .addColumn('word', wordType, (c) => c.primaryKey())
    .addColumn('rev', wordType, (c) => c.notNull())
    .addColumn('docs', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('search_words_rev').on('search_words').column('rev').execute();
  if (pg) {
    await db.schema
      .createTable('search_documents')
      .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('dek', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('tags', 'text', (c) => c.notNull())
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index search_documents_document on search_documents using gin (document)`.execute(db);
    return;
  }
  await sql`create virtual table search_fts using fts5(title, dek, body, tags, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await db.schema.dropTable('search_documents').ifExists().execute();
  else await sql`drop table if exists search_fts`.execute(db);
  await db.schema.dropTable('search_words').ifExists().execute();
}
