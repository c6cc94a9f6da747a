/**
 * The shortlist BM25 ranks when more stories match than a page reaches (shortlistByPresence): candidates holding more of
 * the query's words come first, including words too common to be selective, which are looked up among the newest; a
 * word in the headline counts too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureSection } from '../content/articles.js';
import { insertBulkStories } from '../../test/helpers/bulk-stories.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { rebuildSearchIndex, searchStories } from './index.js';
import { idList, selectiveShare, shortlistByPresence, shortlistMargin } from './types.js';

let server: TestServer;
/** A pool of 400 leaves 220 of its newest matches out of a first page's shortlist. */
const pool = 400;
const stories = 6000;
/** Counted from the newest: inside the pool, outside the newest 220. */
const bothAt = 300;
/** Counted from the newest: a story holding "harbour" in its text and "ferry" in its headline alone, about the 300th newest of the ferry stories (every other story). */
const headlineAt = 601;
/** A rarer word, in every sixth story (selective: all its matches are candidates); the oldest of them names it in its headline. */
const rareEvery = 6;

before(async () => {
  server = await startTestServer({ seed: false });
  const sectionId = await ensureSection(server.ctx.store.db, { slug: 'coast', name: 'Coast' });
  await insertBulkStories(server.ctx.store.db, sectionId, stories, (n) => {
    // Every story holds one of the two words, so every story matches; one holds both.
    const fromNewest = stories - 1 - n;
    const words = `${fromNewest === bothAt ? 'harbour and the ferry' : n % 2 === 0 ? 'harbour' : 'ferry'}${n % rareEvery === 0 ? ' and lighthouse' : ''}`;
    const title = fromNewest === headlineAt ? 'Ferry crews vote' : n === 0 ? 'Lighthouse keeper retires' : `Coast note ${n}`;
    return { slug: `coast-${n}`, title, bodyHtml: `<p>Notes from the ${words} office.</p>` };
  });
  await rebuildSearchIndex(server.ctx.store.db);
});
after(async () => {
  await server.stop();
});

describe('the shortlist of candidates BM25 ranks', () => {
  it('orders candidates by the idf of the words they hold, then newest first, and keeps as many as asked', () => {
    assert.deepEqual(shortlistByPresence([10, 9, 8, 7, 6], [{ ids: [7], idf: 2 }, { ids: [6, 7], idf: 1 }], 3), [7, 6, 10]);
    assert.deepEqual(shortlistByPresence([3, 2, 1], [], 5), [3, 2, 1]);
  });

  it('chooses exactly as sorting every candidate would, ties at the cut included', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let round = 0; round < 50; round++) {
      const candidates = Array.from({ length: 300 + Math.floor(next() * 3000) }, (_, i) => i + 1);
      // Few distinct idfs, so that many candidates tie, at the cut too.
      const held = Array.from({ length: 1 + Math.floor(next() * 4) }, () => ({
        ids: candidates.filter(() => next() < 0.3).concat(next() < 0.5 ? [99_999] : []),
        idf: [0.5, 1, 2.25][Math.floor(next() * 3)] as number,
      }));
      const size = 1 + Math.floor(next() * 400);
      const presence = new Map<number, number>(candidates.map((id) => [id, 0]));
      for (const { ids, idf } of held) for (const id of ids) presence.set(id, (presence.get(id) ?? 0) + idf);
      const everySorted = [...presence].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, size).map(([id]) => id);
      const chosen = shortlistByPresence(candidates, held, size);
      assert.equal(chosen.length, Math.min(size, presence.size));
      assert.deepEqual(chosen, everySorted, `round ${round}`);
    }
  });

  it('takes in an older candidate holding two common words over the newest holding one, on both engines', async () => {
    const half = stories / 2;
    assert.ok(half > pool * selectiveShare, 'neither word is rare enough to be selective');
    assert.ok(bothAt >= 20 + shortlistMargin && bothAt < pool, 'the story is in the pool but not among the newest the shortlist would take alone');
    const result = await searchStories(server.ctx.store.read, { q: 'harbour ferry', limit: 20, pool });
    assert.equal(result.hits.length, 20);
    const first = await server.ctx.store.db.selectFrom('articles').select('slug').where('id', '=', result.hits[0]!.id).executeTakeFirstOrThrow();
    assert.equal(first.slug, `coast-${stories - 1 - bothAt}`, 'the one story holding both words ranks first');
  });
});

describe('headlines in the shortlist, on both engines', () => {
  const slugOf = async (id: number) => (await server.ctx.store.db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;

  it('takes in an older story naming a common word in its headline over the newest holding it in the text', async () => {
    const result = await searchStories(server.ctx.store.read, { q: 'ferry', limit: 20, pool });
    assert.equal(await slugOf(result.hits[0]!.id), `coast-${stories - 1 - headlineAt}`);
  });

  it('takes in the oldest match of a selective word when its headline names the word', async () => {
    const matches = Math.ceil(stories / rareEvery);
    assert.ok(matches > pool && matches <= pool * selectiveShare, 'more matches than the pool, few enough to be selective');
    const result = await searchStories(server.ctx.store.read, { q: 'lighthouse', limit: 20, pool });
    assert.equal(await slugOf(result.hits[0]!.id), 'coast-0');
  });
});

describe('id lists read as text', () => {
  it('reads the comma-separated ids both engines return, digit by digit, in their order', () => {
    assert.deepEqual(idList('3,20,100,7'), [3, 20, 100, 7]);
    assert.deepEqual(idList('1000000'), [1_000_000]);
    assert.deepEqual(idList(''), []);
    assert.deepEqual(idList(null), []);
    const ids = Array.from({ length: 5000 }, (_, i) => 987_654 - i * 13);
    assert.deepEqual(idList(ids.join(',')), ids);
  });
});
