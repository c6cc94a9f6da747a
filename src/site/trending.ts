/**
 * The home page's trending tags: the tags most used by stories of the last 30 days. The aggregate reads every tag row
 * of a month's stories (about 6 ms at 100k stories), so each process works it out at most once a minute; cached home
 * pages already expire after five minutes for the same reason (no event announces a change in what is trending).
 */
import type { Db } from '../db/index.js';
import type { Tag } from '../db/schema.js';
import { trendingTags } from '../content/directory-queries.js';

const windowMs = 30 * 24 * 3600 * 1000;
const freshForMs = 60 * 1000;

type Trending = (Tag & { uses: number })[];
const remembered = new WeakMap<Db, Map<number, { at: number; tags: Promise<Trending> }>>();

export function homeTrendingTags(db: Db, limit: number, now = Date.now()): Promise<Trending> {
  let byLimit = remembered.get(db);
  if (!byLimit) remembered.set(db, (byLimit = new Map()));
  const kept = byLimit.get(limit);
  if (kept && now - kept.at < freshForMs && now >= kept.at) return kept.tags;
  const tags = trendingTags(db, new Date(now - windowMs).toISOString(), limit);
  byLimit.set(limit, { at: now, tags });
  // A failed query is not remembered: the next page asks again.
  tags.catch(() => {
    if (byLimit.get(limit)?.tags === tags) byLimit.delete(limit);
  });
  return tags;
}
