/**
 * Related stories: the published stories sharing the most tags with a story, newest first among equals.
 * Working that out aggregates every tag row of every tag the story has (a few milliseconds at 100k stories), so it
 * is done when a story changes and kept in related_lists; a story page reads one row. A story without a stored list
 * (imported in bulk, or before this table existed) is worked out at read time until `gazette reindex` stores it.
 */
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import { reusableQuery } from '../db/reusable.js';
import type { ArticleStatus } from '../db/schema.js';

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
 * just unpublished leaves theirs. `status` is the story's as just stored, when the caller knows it.
 */
export async function syncRelatedLists(db: Db, articleId: number, status?: ArticleStatus): Promise<void> {
  const before = (await storedRelatedIds(db, articleId)) ?? [];
  let after: number[] = [];
  if (status === undefined ? await isPublished(db, articleId) : status === 'published') {
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

/** Above this many tag pairs (a story with k tags has k(k-1)/2) the pair index would cost too much memory. */
const defaultPairLimit = 20_000_000;

/**
 * Works out many stories' lists at once, in memory, with the same ranking as computeRelatedIds (most shared tags,
 * then newest): one read of every published story's tags, then per story
 * - the stories sharing two or more of its tags, from an index of tag pairs (a pair of tags has few stories), and
 * - the newest stories of each of its tags, for the places left (each tag's stories are kept newest first).
 * Per story that touches a few dozen stories, however big its tags: a million stories take seconds. Counting every
 * story of every tag instead (the fallback, when the pair index would be too big) grew with the square of the archive.
 */
export async function workOutRelatedLists(db: Db, ids: number[] | null, options: { limit?: number; pairLimit?: number } = {}): Promise<Map<number, number[]>> {
  const limit = options.limit ?? relatedCount;
  const published = await db.selectFrom('articles').select(['id', 'published_at']).where('status', '=', 'published').orderBy('id').execute();
  const indexOf = new Map<number, number>();
  published.forEach((row, i) => indexOf.set(row.id, i));
  const tagRows = await db.selectFrom('article_tags').select(['article_id', 'tag_id']).execute();
  const tagsOf: number[][] = published.map(() => []);
  const membersOf = new Map<number, number[]>();
  for (const row of tagRows) {
    const index = indexOf.get(row.article_id);
    if (index === undefined) continue;
    tagsOf[index]!.push(row.tag_id);
    let members = membersOf.get(row.tag_id);
    if (!members) membersOf.set(row.tag_id, (members = []));
    members.push(index);
  }
  const time = (index: number) => published[index]!.published_at ?? '';
  const newestFirst = (a: number, b: number) => (time(a) < time(b) ? 1 : time(a) > time(b) ? -1 : b - a);
  for (const members of membersOf.values()) members.sort(newestFirst);

  const pairs = tagsOf.reduce((sum, tags) => sum + (tags.length * (tags.length - 1)) / 2, 0);
  const rank = pairs <= (options.pairLimit ?? defaultPairLimit) ? rankThroughPairs(tagsOf, membersOf, newestFirst, limit) : rankByCounting(tagsOf, membersOf, newestFirst, limit);
  const lists = new Map<number, number[]>();
  for (const id of ids ?? published.map((row) => row.id)) {
    const self = indexOf.get(id);
    if (self !== undefined) lists.set(id, rank(self).map((index) => published[index]!.id));
  }
  return lists;
}

type Ranker = (self: number) => number[];

function rankThroughPairs(tagsOf: number[][], membersOf: Map<number, number[]>, newestFirst: (a: number, b: number) => number, limit: number): Ranker {
  const pairKey = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);
  const membersOfPair = new Map<string, number[]>();
  tagsOf.forEach((tags, index) => {
    for (let i = 0; i < tags.length; i++) {
      for (let j = i + 1; j < tags.length; j++) {
        const key = pairKey(tags[i]!, tags[j]!);
        const members = membersOfPair.get(key);
        if (members) members.push(index);
        else membersOfPair.set(key, [index]);
      }
    }
  });
  return (self) => {
    const own = tagsOf[self]!;
    const ownSet = new Set(own);
    const shared = new Map<number, number>();
    for (let i = 0; i < own.length; i++) {
      for (let j = i + 1; j < own.length; j++) {
        for (const other of membersOfPair.get(pairKey(own[i]!, own[j]!)) ?? []) {
          if (other !== self && !shared.has(other)) shared.set(other, tagsOf[other]!.filter((tag) => ownSet.has(tag)).length);
        }
      }
    }
    const picked = [...shared.keys()].sort((a, b) => shared.get(b)! - shared.get(a)! || newestFirst(a, b)).slice(0, limit);
    if (picked.length < limit) {
      // Places left go to the newest stories sharing one tag: among each tag's newest `limit` such stories.
      const single = new Set<number>();
      for (const tag of own) {
        let taken = 0;
        for (const other of membersOf.get(tag)!) {
          if (taken === limit) break;
          if (other === self || shared.has(other)) continue;
          single.add(other);
          taken++;
        }
      }
      picked.push(...[...single].sort(newestFirst).slice(0, limit - picked.length));
    }
    return picked;
  };
}

function rankByCounting(tagsOf: number[][], membersOf: Map<number, number[]>, newestFirst: (a: number, b: number) => number, limit: number): Ranker {
  const counts = new Uint16Array(tagsOf.length);
  const touched: number[] = [];
  return (self) => {
    for (const tag of tagsOf[self]!) {
      for (const other of membersOf.get(tag)!) {
        if (other === self) continue;
        if (counts[other] === 0) touched.push(other);
        counts[other]!++;
      }
    }
    const picked = touched.sort((a, b) => counts[b]! - counts[a]! || newestFirst(a, b)).slice(0, limit);
    for (const other of touched) counts[other] = 0;
    touched.length = 0;
    return picked;
  };
}

async function storeLists(db: Db, lists: Map<number, number[]>, onProgress: (done: number, total: number) => void): Promise<void> {
  const entries = [...lists];
  for (let start = 0; start < entries.length; start += 500) {
    await db.transaction().execute(async (trx) => {
      for (const [id, related] of entries.slice(start, start + 500)) await storeRelated(trx, id, related);
    });
    onProgress(Math.min(start + 500, entries.length), entries.length);
  }
  // With nothing to store the loop reported nothing: say it is done.
  if (entries.length === 0) onProgress(0, 0);
}

/** Stores the lists of the given published stories (bulk imports). Safe to re-run. */
export async function storeRelatedLists(db: Db, ids: number[], onProgress: (done: number, total: number) => void = () => undefined): Promise<void> {
  if (ids.length === 0) return;
  await storeLists(db, await workOutRelatedLists(db, ids), onProgress);
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
  const lists = await workOutRelatedLists(db, null);
  await db
    .deleteFrom('related_lists')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('articles').select('articles.id').whereRef('articles.id', '=', 'related_lists.article_id').where('articles.status', '=', 'published'))),
    )
    .execute();
  await storeLists(db, lists, onProgress);
  return lists.size;
}
