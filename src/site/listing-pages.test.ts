/** Listing pages on a real database: exact counts and "Page N of M" up to the count cap, "more than" and open-ended paging past it. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { ensureSection } from '../content/articles.js';
import { insertBulkStories } from '../../test/helpers/bulk-stories.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { listCountCap, pageSize } from './routes.js';

let server: TestServer;

before(async () => {
  server = await startTestServer({ seed: false });
});
after(async () => {
  await server.stop();
});

/** Writes `count` published stories, a minute apart, oldest first. */
function bulkStories(sectionId: number, prefix: string, count: number): Promise<void> {
  return insertBulkStories(server.ctx.store.db, sectionId, count, (n) => ({ slug: `${prefix}-${n}`, title: `${prefix} story ${n}`, bodyHtml: '<p>Text.</p>' }));
}

async function listing(path: string) {
  const response = await get(server, path);
  const $ = cheerio.load(await response.text());
  return { status: response.status, $, count: $('.list-count').text(), pageCount: $('.page-count').text(), older: $('a[rel="next"]').attr('href') ?? null };
}

describe('listing pages', () => {
  it('counts exactly and numbers the pages up to the cap', async () => {
    const sectionId = await ensureSection(server.ctx.store.db, { slug: 'small', name: 'Small' });
    await bulkStories(sectionId, 'small', 45);
    const first = await listing('/small');
    assert.match(first.count, /^45 stories/);
    assert.equal(first.pageCount, 'Page 1 of 3');
    assert.equal(first.older, '/small?page=2');
    const last = await listing('/small?page=3');
    assert.equal(last.$('.story-list > li').length, 45 - 2 * pageSize);
    assert.equal(last.pageCount, 'Page 3 of 3');
    assert.equal(last.older, null);
    assert.equal((await listing('/small?page=4')).status, 404);
  });

  it('says "more than" past the cap and pages on to the oldest story', async () => {
    const sectionId = await ensureSection(server.ctx.store.db, { slug: 'big', name: 'Big' });
    const total = listCountCap + 30;
    await bulkStories(sectionId, 'big', total);
    const first = await listing('/big');
    assert.match(first.count, /^More than 10,000 stories/);
    assert.equal(first.pageCount, 'Page 1');
    assert.equal(first.older, '/big?page=2');
    assert.equal(first.$('.story-list .teaser-title').first().text().trim(), `big story ${total - 1}`, 'newest first');
    const lastPage = Math.ceil(total / pageSize);
    const last = await listing(`/big?page=${lastPage}`);
    assert.equal(last.status, 200);
    assert.equal(last.pageCount, `Page ${lastPage}`);
    assert.equal(last.older, null, 'no older page after the oldest story');
    assert.equal(last.$('.story-list .teaser-title').last().text().trim(), 'big story 0');
    assert.equal((await listing(`/big?page=${lastPage + 1}`)).status, 404);
  });
});
