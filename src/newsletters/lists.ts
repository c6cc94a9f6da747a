/**
 * The lists a reader can be on. Keys: `daily` (the briefing), `weekly` (the digest), `section:<slug>` (each new story
 * of a section), `thread:<slug>` (a followed developing story), `story:<id>` (a single followed story: its corrections),
 * and `live:<id>` (a live story's pinned key events; see alerts.ts `onLiveUpdatePinned`).
 */
import type { Db } from '../db/index.js';
import { invalid } from '../errors.js';

export type ListKey = string;

export interface ListInfo {
  key: ListKey;
  name: string;
  description: string;
  /** Where the list's stories are on the site (a section, a thread or a story), for links in mail and on the preferences page. */
  path: string;
}

const keyPattern = /^(daily|weekly|section:[a-z0-9-]{1,80}|thread:[a-z0-9-]{1,80}|story:[1-9]\d{0,11}|live:[1-9]\d{0,11})$/;

export function isListKeyShape(key: string): boolean {
  return keyPattern.test(key);
}

/** Describes lists that exist; unknown keys are left out. */
export async function describeLists(db: Db, keys: ListKey[]): Promise<Map<ListKey, ListInfo>> {
  const found = new Map<ListKey, ListInfo>();
  const sections = keys.filter((k) => k.startsWith('section:')).map((k) => k.slice(8));
  const threads = keys.filter((k) => k.startsWith('thread:')).map((k) => k.slice(7));
  const stories = keys.filter((k) => /^(story|live):/.test(k)).map((k) => Number(k.split(':')[1]));
  const [sectionRows, threadRows, storyRows] = await Promise.all([
    sections.length ? db.selectFrom('sections').select(['slug', 'name']).where('slug', 'in', sections).execute() : [],
    threads.length ? db.selectFrom('threads').select(['slug', 'title']).where('slug', 'in', threads).execute() : [],
    stories.length
      ? db.selectFrom('articles').innerJoin('sections', 'sections.id', 'articles.section_id')
          .select(['articles.id', 'articles.title', 'articles.slug', 'articles.published_at', 'sections.slug as section_slug'])
          .where('articles.id', 'in', stories).where('articles.status', '=', 'published').execute()
      : [],
  ]);
  for (const key of keys) {
    if (key === 'daily') found.set(key, { key, name: 'The daily briefing', description: 'The day’s most important stories, every morning.', path: '/' });
    else if (key === 'weekly') found.set(key, { key, name: 'The weekly digest', description: 'The week in review, on Monday mornings.', path: '/' });
    else if (key.startsWith('section:')) {
      const row = sectionRows.find((s) => s.slug === key.slice(8));
      if (row) found.set(key, { key, name: row.name, description: `Every new story in ${row.name}.`, path: `/${row.slug}` });
    } else if (key.startsWith('thread:')) {
      const row = threadRows.find((t) => t.slug === key.slice(7));
      if (row) found.set(key, { key, name: row.title, description: 'New stories in this developing story, and corrections.', path: `/thread/${row.slug}` });
    } else if (key.startsWith('story:') || key.startsWith('live:')) {
      const row = storyRows.find((s) => s.id === Number(key.split(':')[1]));
      if (row) {
        const date = (row.published_at ?? '').slice(0, 7).split('-');
        found.set(key, {
          key,
          name: row.title,
          description: key.startsWith('live:') ? 'Key moments of this live story, and corrections.' : 'Corrections and updates to this story.',
          path: `/${row.section_slug}/${date[0]}/${date[1]}/${row.slug}`,
        });
      }
    }
  }
  return found;
}

/** The lists every reader may choose on the subscribe and preferences pages: briefing, digest, then each section. */
export async function standardLists(db: Db): Promise<ListInfo[]> {
  const sections = await db.selectFrom('sections').select('slug').orderBy('position').execute();
  const keys = ['daily', 'weekly', ...sections.map((s) => `section:${s.slug}`)];
  const described = await describeLists(db, keys);
  return keys.flatMap((k) => (described.has(k) ? [described.get(k)!] : []));
}

/** Checks that every asked-for list exists; refuses with the first that does not. */
export async function requireLists(db: Db, keys: ListKey[]): Promise<Map<ListKey, ListInfo>> {
  if (keys.length === 0) throw invalid('Choose at least one newsletter.', { lists: 'Choose at least one.' });
  if (keys.length > 50) throw invalid('Choose at most 50 newsletters at a time.', { lists: 'Too many.' });
  const bad = keys.find((k) => !isListKeyShape(k));
  if (bad !== undefined) throw invalid(`There is no newsletter called “${bad.slice(0, 80)}”.`, { lists: 'Unknown newsletter.' });
  const found = await describeLists(db, keys);
  const missing = keys.find((k) => !found.has(k));
  if (missing !== undefined) throw invalid(`There is no newsletter called “${missing}”.`, { lists: 'Unknown newsletter.' });
  return found;
}

/** How many readers would be told, per list named: confirmed subscriptions of addresses that take mail (not paused). */
export async function followerCounts(db: Db, keys: string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('subscriptions')
    .innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
    .select(['subscriptions.list_key', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('subscriptions.list_key', 'in', keys)
    .where('subscriptions.confirmed', '=', 1)
    .where('subscribers.status', '=', 'active')
    .where('subscribers.paused', '=', 0)
    .groupBy('subscriptions.list_key')
    .execute();
  return new Map(rows.map((r) => [r.list_key, Number(r.n)]));
}
