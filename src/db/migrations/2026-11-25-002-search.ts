/** The search index: an FTS5 table on SQLite, a weighted tsvector table with GIN and trigram indexes on PostgreSQL. */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create extension if not exists pg_trgm`.execute(db).catch(() => undefined);
    await sql`create extension if not exists unaccent`.execute(db).catch(() => undefined);
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
  await sql`create virtual table search_fts using fts5(title, dek, body, tags, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await db.schema.dropTable('search_documents').ifExists().execute();
  else await sql`drop table if exists search_fts`.execute(db);
}
