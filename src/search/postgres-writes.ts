/** Writing PostgreSQL's search index: a story's weighted tsvector row (A title, B dek, C body, D tags), batches of them, and a bulk load. */
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { IndexDocument } from './filters.js';
import { foldText } from './query.js';

/** A tsvector holds at most 1 MB; longer bodies are indexed by their beginning. */
const maxIndexedBody = 300_000;

export async function writePostgres(db: Db, articleId: number, doc: IndexDocument | null): Promise<void> {
  await sql`delete from search_documents where article_id = ${articleId}`.execute(db);
  if (!doc) return;
  // Accents are folded here rather than with the unaccent extension, which may not be installed.
  await sql`insert into search_documents (article_id, title, dek, body, tags, document) values (
    ${doc.id}, ${doc.title}, ${doc.dek}, ${doc.body}, ${doc.tags},
    setweight(to_tsvector('english', ${foldText(doc.title)}), 'A') ||
    setweight(to_tsvector('english', ${foldText(doc.dek)}), 'B') ||
    setweight(to_tsvector('english', ${foldText(doc.body).slice(0, maxIndexedBody)}), 'C') ||
    setweight(to_tsvector('english', ${foldText(doc.tags)}), 'D'))`.execute(db);
}

/** Replaces the index rows of many stories with two statements (a bulk load's batch). */
export async function writePostgresMany(db: Db, docs: IndexDocument[]): Promise<void> {
  if (!docs.length) return;
  await sql`delete from search_documents where article_id = any(${docs.map((d) => d.id)}::int[])`.execute(db);
  const column = (pick: (d: IndexDocument) => string) => docs.map(pick);
  await sql`insert into search_documents (article_id, title, dek, body, tags, document)
    select d.id, d.title, d.dek, d.body, d.tags,
      setweight(to_tsvector('english', d.ftitle), 'A') || setweight(to_tsvector('english', d.fdek), 'B') ||
      setweight(to_tsvector('english', d.fbody), 'C') || setweight(to_tsvector('english', d.ftags), 'D')
    from unnest(${docs.map((d) => d.id)}::int[], ${column((d) => d.title)}::text[], ${column((d) => d.dek)}::text[], ${column((d) => d.body)}::text[],
      ${column((d) => d.tags)}::text[], ${column((d) => foldText(d.title))}::text[], ${column((d) => foldText(d.dek))}::text[],
      ${column((d) => foldText(d.body).slice(0, maxIndexedBody))}::text[], ${column((d) => foldText(d.tags))}::text[])
      as d(id, title, dek, body, tags, ftitle, fdek, fbody, ftags)`.execute(db);
}

/** Drops the index rows of stories that are no longer published (after a bulk load that replaced rows in place). */
export async function dropUnpublishedPostgres(db: Db): Promise<void> {
  await sql`delete from search_documents s where not exists (select 1 from articles a where a.id = s.article_id and a.status = 'published')`.execute(db);
}

/**
 * A bulk load. Into an empty index (a first load) the GIN indexes (the words, the headlines' words) are dropped and
 * built once at the end, several times faster than updating them row by row, and nothing is lost: an empty index
 * answers nothing anyway. Into a live index they stay, so searches keep answering while rows are replaced batch by
 * batch. Either way the table is analysed at the end so that the planner sees the new row count.
 */
export async function beginPostgresBulk(db: Db): Promise<{ finish(): Promise<void> }> {
  const empty = (await sql`select 1 from search_documents limit 1`.execute(db)).rows.length === 0;
  if (empty) {
    await sql`drop index if exists search_documents_document_order`.execute(db);
    await sql`drop index if exists search_documents_document`.execute(db);
    await sql`drop index if exists search_documents_headline`.execute(db);
  }
  return {
    async finish() {
      // Also recreates the indexes if an interrupted first load left them dropped: with story ids (migrations 511 and
      // 514) where btree_gin is installed, without where it is not.
      const ordered = (await sql`select 1 from pg_extension where extname = 'btree_gin'`.execute(db)).rows.length > 0;
      const storyId = ordered ? sql`, (article_id + 0)` : sql``;
      const words = ordered ? 'search_documents_document_order' : 'search_documents_document';
      await sql`create index if not exists ${sql.id(words)} on search_documents using gin (document${storyId})`.execute(db);
      await sql`create index if not exists search_documents_headline on search_documents using gin (ts_filter(document, '{a}')${storyId})`.execute(db);
      // Vacuum too: a freshly loaded table's pages are not yet marked all-visible, and counting matches reads them;
      // the word list, replaced whole, is then completed from its index alone.
      await sql`vacuum (analyze) search_documents, search_words`.execute(db).catch(() => sql`analyze search_documents, search_words`.execute(db));
    },
  };
}
