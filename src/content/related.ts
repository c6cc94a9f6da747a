/**
 * Related stories: the published stories sharing the most tags with a story, newest first among equals.
 * Working that out aggregates every tag row of every tag the story has (a few milliseconds at 100k stories), so it
 * is done when a story changes and kept in related_lists; a story page reads one row. A story without a stored list
 * (imported in bulk, or before this table existed) is worked out at read time until `gazette reindex` stores it.
 */
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import { reusableQuery } from '../db/reusable.js';

export const relatedCount = 4;

export async function computeRelatedIds(db: Db, articleId: number, limit = relatedCount): Promise<number[]> {
  const tagIds = (await db.selectFrom('article_tags').select('tag_id').where('article_id', '=', articleId).execute()).map((r) => r.tag_id);
  if (tagIds.length === 0) return [];
  const rows = await db
    .selectFrom('article_tags')
    .innerJoin('articles', 'articles.id', 'article_tags.article_id')
    .select(['articles.id', (eb) => eb.fn.countAll<number>().as('shared'), (eb) => eb.fn.max('articles.published_at').as('published_at')])
    .where('article_tags.tag_id', 'in', tagIds)
    .where('articles.status', '=', 'published')
    .where('articles.id', '!=', articleId)
    .groupBy('articles.id')
    .orderBy('shared', 'desc')
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

const storedList = reusableQuery((db, articleId: number) => db.selectFrom('related_lists').select('related_ids').where('article_id', '=', articleId));

/** The stored list, or null when none has been stored for this story. */
export async function storedRelatedIds(db: Db, articleId: number): Promise<number[] | null> {
  const [row] = await storedList(db, articleId);
  if (!row) return null;
  return row.related_ids === '' ? [] : row.related_ids.split(',').map(Number);
}

async function storeRelated(db: Db, articleId: number, ids: number[]): Promise<void> {
  const values = { article_id: articleId, related_ids: ids.join(','), computed_at: now() };
  await db
    .insertInto('related_lists')
    .values(values)
    .onConflict((oc) => oc.column('article_id').doUpdateSet({ related_ids: values.related_ids, computed_at: values.computed_at }))
    .execute();
}

async function isPublished(db: Db, articleId: number): Promise<boolean> {
  const row = await db.selectFrom('articles').select('status').where('id', '=', articleId).executeTakeFirst();
  return row?.status === 'published';
}

/**
 * Brings a story's list up to date after it changed (call inside that transaction), then its neighbours' (the
 * stories in its old and new lists): a story just published appears beside the stories it is most about, and one
 * just unpublished leaves theirs.
 */
export async function syncRelatedLists(db: Db, articleId: number): Promise<void> {
  const before = (await storedRelatedIds(db, articleId)) ?? [];
  let after: number[] = [];
  if (await isPublished(db, articleId)) {
    after = await computeRelatedIds(db, articleId);
    await storeRelated(db, articleId, after);
  } else {
    await db.deleteFrom('related_lists').where('article_id', '=', articleId).execute();
  }
  for (const neighbour of new Set([...before, ...after])) {
    if (neighbour !== articleId && (await isPublished(db, neighbour))) await storeRelated(db, neighbour, await computeRelatedIds(db, neighbour));
  }
}

/** Forgets stored lists (inside a change that touches many stories at once, such as a tag merge); until they are stored again they are worked out at read time. */
export async function forgetRelatedLists(db: Db, articleIds: number[]): Promise<void> {
  for (let start = 0; start < articleIds.length; start += 500) {
    await db.deleteFrom('related_lists').where('article_id', 'in', articleIds.slice(start, start + 500)).execute();
  }
}

/**
 * Works out many stories' lists at once, in memory: one read of every published story's tags, then co-occurrence
 * counts over a dense array. Per story that is the same ranking as computeRelatedIds (most shared tags, then newest),
 * at a few microseconds instead of milliseconds of random index reads each: 100k stories take seconds, not an hour.
 */
async function relatedListsInMemory(db: Db, ids: number[] | null, limit = relatedCount): Promise<Map<number, number[]>> {
  const published = await db.selectFrom('articles').select(['id', 'published_at']).where('status', '=', 'published').orderBy('id').execute();
  const indexOf = new Map<number, number>();
  published.forEach((row, i) => indexOf.set(row.id, i));
  const tagRows = await db.selectFrom('article_tags').select(['article_id', 'tag_id']).execute();
  const byTag = new Map<number, number[]>();
  const tagsOf: number[][] = published.map(() => []);
  for (const row of tagRows) {
    const index = indexOf.get(row.article_id);
    if (index === undefined) continue;
    tagsOf[index]!.push(row.tag_id);
    let members = byTag.get(row.tag_id);
    if (!members) byTag.set(row.tag_id, (members = []));
    members.push(index);
  }
  const counts = new Uint16Array(published.length);
  const touched: number[] = [];
  const lists = new Map<number, number[]>();
  for (const id of ids ?? published.map((row) => row.id)) {
    const self = indexOf.get(id);
    if (self === undefined) continue;
    for (const tag of tagsOf[self]!) {
      for (const other of byTag.get(tag)!) {
        if (other === self) continue;
        if (counts[other] === 0) touched.push(other);
        counts[other]!++;
      }
    }
    const best: number[] = [];
    const better = (a: number, b: number) => counts[a]! - counts[b]! || (published[a]!.published_at ?? '').localeCompare(published[b]!.published_at ?? '');
    for (const candidate of touched) {
      if (best.length < limit) best.push(candidate);
      else if (better(candidate, best[best.length - 1]!) > 0) best[best.length - 1] = candidate;
      else continue;
      best.sort((a, b) => better(b, a));
    }
    lists.set(id, best.map((index) => published[index]!.id));
    for (const other of touched) counts[other] = 0;
    touched.length = 0;
  }
  return lists;
}

async function storeLists(db: Db, lists: Map<number, number[]>, onProgress: (done: number, total: number) => void): Promise<void> {
  const entries = [...lists];
  for (let start = 0; start < entries.length; start += 500) {
    await db.transaction().execute(async (trx) => {
      for (const [id, related] of entries.slice(start, start + 500)) await storeRelated(trx, id, related);
    });
    onProgress(Math.min(start + 500, entries.length), entries.length);
  }
  onProgress(entries.length, entries.length);
}

/** Stores the lists of the given published stories (bulk imports). Safe to re-run. */
export async function storeRelatedLists(db: Db, ids: number[], onProgress: (done: number, total: number) => void = () => undefined): Promise<void> {
  if (ids.length === 0) return;
  await storeLists(db, await relatedListsInMemory(db, ids), onProgress);
}

/**
 * Stores again the lists of every published story with this tag: after a tag merge, which forgot them in its
 * transaction, the merged tag's stories may now be most related to each other. Safe to re-run.
 */
export async function relateTaggedStories(db: Db, tagId: number, onProgress?: (done: number, total: number) => void): Promise<number> {
  const rows = await db
    .selectFrom('article_tags')
    .innerJoin('articles', 'articles.id', 'article_tags.article_id')
    .select('articles.id')
    .where('article_tags.tag_id', '=', tagId)
    .where('articles.status', '=', 'published')
    .execute();
  await storeRelatedLists(db, rows.map((row) => row.id), onProgress);
  return rows.length;
}

/** Stores every published story's list and drops the lists of stories no longer published. Safe to re-run. */
export async function rebuildRelatedLists(db: Db, onProgress: (done: number, total: number) => void = () => undefined): Promise<number> {
  const lists = await relatedListsInMemory(db, null);
  await db
    .deleteFrom('related_lists')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('articles').select('articles.id').whereRef('articles.id', '=', 'related_lists.article_id').where('articles.status', '=', 'published'))),
    )
    .execute();
  await storeLists(db, lists, onProgress);
  return lists.size;
}
