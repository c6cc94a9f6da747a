/**
 * Totals past the ranking pool on a real database: estimated from how far back the newest matches reach, shown as
 * "About N" with open-ended paging, and counted up to the cap instead when filters narrow the search. As-you-type
 * estimates its total the same way past its own, smaller pool.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { ensureSection } from '../content/articles.js';
import { insertBulkStories } from '../../test/helpers/bulk-stories.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { rebuildSearchIndex, searchStories, suggestPool } from './index.js';
import { estimatedCount, rankingPool } from './types.js';

let server: TestServer;
let sectionId = 0;
/** Stories in all; every third holds "quince", so the newest pool of quince stories reaches back over most of them. */
const stories = 6600;
const quinces = stories / 3;

before(async () => {
  server = await startTestServer({ seed: false });
  sectionId = await ensureSection(server.ctx.store.db, { slug: 'orchard', name: 'Orchard' });
  await insertBulkStories(server.ctx.store.db, sectionId, stories, (n) => {
    const fruit = n % 3 === 0 ? 'quince' : 'pear';
    return { slug: `orchard-${n}`, title: `Orchard report ${n}: the ${fruit} harvest`, bodyHtml: `<p>Growers weighed the ${fruit} crop.</p>` };
  });
  await rebuildSearchIndex(server.ctx.store.db);
});
after(async () => {
  await server.stop();
});

async function resultsPage(path: string) {
  const response = await get(server, path);
  const $ = cheerio.load(await response.text());
  return { status: response.status, $, count: $('.list-count').text(), pageCount: $('.page-count').text(), next: $('a[rel="next"]').attr('href') ?? null };
}

describe('totals past the ranking pool', () => {
  it('estimates from the share of the index the newest matches span, exact when they reach the oldest story', () => {
    assert.deepEqual(estimatedCount(2000, 601, { first: 1, last: 6600 }), { total: 2200, estimated: true, totalIsLowerBound: false });
    assert.equal(estimatedCount(2000, 180_841, { first: 1, last: 200_000 }).total, 21_000, 'two significant digits (20,877)');
    assert.deepEqual(estimatedCount(2000, 1, { first: 1, last: 6600 }), { total: 2000, estimated: false, totalIsLowerBound: false });
  });

  it('estimates the total of an unfiltered search past the pool, on both engines', async () => {
    assert.ok(quinces > rankingPool, 'more matches than the pool');
    const quince = await searchStories(server.ctx.store.read, { q: 'quince', limit: 20 });
    assert.deepEqual([quince.total, quince.estimated, quince.totalIsLowerBound], [quinces, true, false], 'evenly spread matches are estimated right');
    assert.equal(quince.hits.length, 20);
    const everyStory = await searchStories(server.ctx.store.read, { q: 'orchard', limit: 20 });
    assert.deepEqual([everyStory.total, everyStory.estimated], [stories, true]);
    const fewer = await searchStories(server.ctx.store.read, { q: 'quince', limit: 20, pool: quinces + 1 });
    assert.deepEqual([fewer.total, fewer.estimated], [quinces, false], 'counted exactly below the pool');
  });

  it('counts up to the cap instead when a filter narrows the search', async () => {
    const filtered = await searchStories(server.ctx.store.read, { q: 'quince', limit: 20, sectionId, countCap: 2100 });
    assert.deepEqual([filtered.total, filtered.estimated, filtered.totalIsLowerBound], [2100, true, true]);
    const counted = await searchStories(server.ctx.store.read, { q: 'quince', limit: 20, sectionId });
    assert.deepEqual([counted.total, counted.estimated, counted.totalIsLowerBound], [quinces, false, false]);
  });

  it('says "About" on the results page and pages on without a last page, to a 404 past the last result', async () => {
    const first = await resultsPage('/search?q=quince');
    assert.equal(first.status, 200);
    assert.equal(first.count, `About ${quinces.toLocaleString('en')} stories found`);
    assert.equal(first.pageCount, 'Page 1');
    assert.equal(first.next, '/search?q=quince&page=2');
    assert.equal(first.$('.search-results > li').length, 20);
    const lastPage = quinces / 20;
    const last = await resultsPage(`/search?q=quince&page=${lastPage}`);
    assert.equal(last.status, 200);
    assert.equal(last.pageCount, `Page ${lastPage}`);
    assert.equal(last.next, null, 'no next page after the last result');
    assert.match(last.$('main').text(), /Orchard report 0: the quince harvest/, 'the oldest match is on the last page');
    assert.equal((await resultsPage(`/search?q=quince&page=${lastPage + 1}`)).status, 404);
  });

  it('estimates the as-you-type total past its pool, and counts it exactly below', async () => {
    const suggest = async (q: string) => (await (await get(server, `/search/suggest?${new URLSearchParams({ q }).toString()}`)).json()) as { total: number; estimated: boolean; results: unknown[] };
    assert.ok(quinces > suggestPool, 'more matches than the as-you-type pool');
    const typed = await suggest('quin');
    assert.deepEqual([typed.total, typed.estimated, typed.results.length], [quinces, true, 8], 'evenly spread matches are estimated right');
    const one = await suggest('4321');
    assert.deepEqual([one.total, one.estimated], [1, false], 'a single match is counted');
  });

  it('answers the API with the estimate and a cursor while results go on', async () => {
    const response = await get(server, '/api/v1/search?q=quince&limit=5');
    const body = (await response.json()) as { total: number; estimated: boolean; totalIsLowerBound: boolean; data: unknown[]; nextCursor: string | null };
    assert.deepEqual([body.total, body.estimated, body.totalIsLowerBound, body.data.length], [quinces, true, false, 5]);
    assert.ok(body.nextCursor, 'a next page follows');
  });
});
