/**
 * Real judged collections (CISI, MED, Cranfield) for `npm run bench:search`: each is published as stories through
 * Gazette's own write path (createArticle, which indexes in the same transaction) and every judged query is run through
 * searchStories exactly as GET /search calls it. The collections are benchmark material outside the repository:
 * RELEVANCE_DIR, or the first `shared/relevance` folder found above the repository (../shared/relevance from /work/main,
 * ../../shared/relevance from a worktree under /work/wt).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { createUser } from '../src/accounts/users.js';
import { createArticle, ensureSection } from '../src/content/articles.js';
import type { Db } from '../src/db/index.js';
import { searchStories } from '../src/search/index.js';
import { stopWords, tokenize } from '../src/search/query.js';
import { averagePrecision, ndcg } from './search-corpus.js';

export const collectionNames = ['cisi', 'med', 'cranfield'] as const;
export type CollectionName = (typeof collectionNames)[number];

/** Plain FTS5 OR + bm25 over title and text, top 1,000, from the collections' README (same machine class). */
export const bm25Reference: Record<CollectionName, { map: number; ndcg10: number }> = {
  cisi: { map: 0.183, ndcg10: 0.333 },
  med: { map: 0.533, ndcg10: 0.707 },
  cranfield: { map: 0.295, ndcg10: 0.369 },
};

export interface JudgedDoc {
  id: string;
  title: string;
  text: string;
}

export interface RealCollection {
  name: CollectionName;
  docs: JudgedDoc[];
  /** Only the queries with at least one judgment; each with the ids of its relevant documents. */
  queries: { id: string; text: string; relevant: Set<string> }[];
}

/** Where the judged collections are, or null (the bench then says so and skips them). */
export function relevanceDir(root: string): string | null {
  const override = process.env.RELEVANCE_DIR;
  if (override) return fs.existsSync(path.join(override, 'cisi-docs.jsonl')) ? path.resolve(override) : null;
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'relevance');
    if (fs.existsSync(path.join(candidate, 'cisi-docs.jsonl'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

export function loadCollection(dir: string, name: CollectionName): RealCollection {
  const read = (suffix: string) => fs.readFileSync(path.join(dir, `${name}-${suffix}`), 'utf8').split('\n').filter((l) => l.trim());
  const docs = read('docs.jsonl').map((line) => JSON.parse(line) as JudgedDoc);
  const relevant = new Map<string, Set<string>>();
  for (const line of read('qrels.trec')) {
    const [qid, , docid, grade] = line.trim().split(/\s+/);
    if (!qid || !docid || Number(grade) <= 0) continue;
    relevant.set(qid, (relevant.get(qid) ?? new Set()).add(docid));
  }
  const queries = read('queries.tsv').flatMap((line) => {
    const tab = line.indexOf('\t');
    const id = line.slice(0, tab);
    const judged = relevant.get(id);
    return judged ? [{ id, text: line.slice(tab + 1).trim(), relevant: judged }] : [];
  });
  return { name, docs, queries };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const day = 24 * 3600 * 1000;

/**
 * Publishes a collection's documents as stories: the title as headline where there is one (MED has none: the headline
 * is then the document's number), the text as the body. Publication dates spread over a year independently of subject,
 * ending `olderBy` ms ago, so freshness cannot favour relevant documents. Returns story id → document id.
 */
export async function publishCollection(db: Db, collection: RealCollection, olderBy = 0): Promise<Map<number, string>> {
  const sectionId = await ensureSection(db, { slug: `judged-${collection.name}`, name: `Judged ${collection.name}` });
  const author = await createUser(db, { email: `${collection.name}@judged.bench.test`, name: `${collection.name} reporter`, role: 'author' });
  const storyToDoc = new Map<number, string>();
  const end = Date.now() - olderBy;
  for (const [i, doc] of collection.docs.entries()) {
    const id = await createArticle(db, {
      title: (doc.title.trim() || doc.id).slice(0, 300),
      bodyHtml: `<p>${escapeHtml(doc.text)}</p>`,
      sectionId,
      status: 'published',
      authorIds: [author.id],
      publishedAt: new Date(end - ((i * 7919) % 365) * day - i * 1000).toISOString(),
      deferRelatedLists: true,
    });
    storyToDoc.set(id, doc.id);
  }
  return storyToDoc;
}

export interface JudgedScore {
  collection: CollectionName;
  queries: number;
  map: number;
  ndcg10: number;
}

/**
 * MAP and nDCG@10 over a collection's judged queries, from each query's ranked document ids: `top` for MAP, `firstPage`
 * for nDCG@10. A query with no ranking scores 0.
 */
async function meanScores(
  collection: RealCollection,
  rank: (text: string) => Promise<{ top: string[]; firstPage: string[] } | null>,
): Promise<JudgedScore> {
  let map = 0;
  let ndcgSum = 0;
  for (const query of collection.queries) {
    const ranked = await rank(query.text);
    if (!ranked) continue;
    const judgments = new Map([...query.relevant].map((d) => [d, 1]));
    map += averagePrecision(ranked.top, judgments);
    ndcgSum += ndcg(ranked.firstPage, judgments, 10);
  }
  const n = Math.max(1, collection.queries.length);
  return { collection: collection.name, queries: collection.queries.length, map: map / n, ndcg10: ndcgSum / n };
}

/** Runs every judged query as /search does (the reader's text, trimmed): MAP over the top 1,000, nDCG@10 over a page of 20. */
export async function scoreCollection(db: Db, collection: RealCollection, storyToDoc: Map<number, string>, options: { pool?: number } = {}): Promise<JudgedScore> {
  return meanScores(collection, async (text) => {
    // Stories of other collections (or the bench corpus) in the same database are simply not relevant.
    const ranked = async (limit: number) => (await searchStories(db, { q: text.trim(), limit, ...options })).hits.map((h) => storyToDoc.get(h.id) ?? `other-${h.id}`);
    // nDCG@10 from a first results page of 20, as /search asks for it (an engine may rank a page differently from 1,000).
    return { top: await ranked(1000), firstPage: await ranked(20) };
  });
}

/**
 * Plain BM25 on the same database, as the reference figures were measured (FTS5's `bm25()` with every column weighed
 * alike, the query's words less stop words joined with OR, top 1,000): SQLite only. Beside Gazette's figure it shows what
 * the database itself does to BM25; among the 100,000 bench stories every word's idf is larger than in the collection
 * alone, and plain BM25 moves with it.
 */
export async function plainBm25Score(file: string, collection: RealCollection, storyToDoc: Map<number, string>): Promise<JudgedScore> {
  const db = new SQLite(file, { readonly: true });
  try {
    const ranked = db.prepare('select rowid as id from search_fts where search_fts match ? order by bm25(search_fts) limit 1000');
    return await meanScores(collection, async (text) => {
      const words = [...new Set(tokenize(text))].filter((w) => !stopWords.has(w));
      if (!words.length) return null;
      const ids = (ranked.all(words.map((w) => `"${w}"`).join(' OR ')) as { id: number }[]).map((r) => storyToDoc.get(r.id) ?? `other-${r.id}`);
      return { top: ids, firstPage: ids };
    });
  } finally {
    db.close();
  }
}
