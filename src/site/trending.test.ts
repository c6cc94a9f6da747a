/** The home page's trending tags on a real database: worked out once a minute, not on every page. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createArticle, ensureSection } from '../content/articles.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { createTestUser } from '../../test/helpers/auth.js';
import { homeTrendingTags } from './trending.js';

let server: TestServer;

before(async () => {
  server = await startTestServer({ seed: false });
});
after(async () => {
  await server.stop();
});

describe('trending tags', () => {
  it('counts the last 30 days, and works the list out again only after a minute', async () => {
    const db = server.ctx.store.db;
    const author = await createTestUser(server, 'author');
    const sectionId = await ensureSection(db, { slug: 'world', name: 'World' });
    const publish = (title: string, tagNames: string[], daysAgo: number) =>
      createArticle(db, {
        title, bodyHtml: `<p>${title}</p>`, sectionId, status: 'published', authorIds: [author.id], tagNames,
        publishedAt: new Date(Date.now() - daysAgo * 24 * 3600 * 1000).toISOString(),
      });
    await publish('Ferries return', ['Harbour', 'Transport'], 1);
    await publish('New pier opens', ['Harbour'], 2);
    await publish('An old story', ['Archive'], 45);
    const at = Date.now();
    const first = await homeTrendingTags(db, 14, at);
    assert.deepEqual(first.map((t) => [t.name, t.uses]), [['Harbour', 2], ['Transport', 1]]);

    await publish('Trams on strike', ['Strikes'], 0);
    assert.deepEqual(await homeTrendingTags(db, 14, at + 30_000), first, 'within the minute: the same list');
    const later = await homeTrendingTags(db, 14, at + 61_000);
    assert.deepEqual(later.map((t) => t.name).sort(), ['Harbour', 'Strikes', 'Transport']);
  });
});
