import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openStore } from '../../src/db/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/server.js';
import { startServerProcess, type ServerProcess } from '../helpers/process.js';

let database: TestDatabase;
let server: ServerProcess | null = null;

after(async () => {
  await server?.stop();
  await database?.drop();
});

describe('under load', () => {
  it('readers and commenters at once: the site stays up and no legitimate comment is lost', async () => {
    database = await createTestDatabase();
    server = await startServerProcess({ GAZETTE_DATA_DIR: database.dataDir, DATABASE_URL: database.url, COMMENT_RATE_LIMIT: '100000' });
    const base = server.url;
    const home = await (await fetch(`${base}/`)).text();
    const stories = [...home.matchAll(/<h[23] class="teaser-title"><a href="([^"]+)"/g)].map((m) => m[1]!).slice(0, 8);
    assert.ok(stories.length >= 5);
    const forms = await Promise.all(
      stories.map(async (url) => {
        const page = await (await fetch(`${base}${url}`)).text();
        return { url, articleId: page.match(/name="article_id" value="(\d+)"/)![1]!, token: page.match(/id="comment-form"[\s\S]*?name="form_token" value="([^"]+)"/)![1]! };
      }),
    );
    const readPaths = ['/', '/world', '/business', '/search?q=port', '/feed.rss', '/tag/ports', ...stories];
    const statuses = new Map<number, number>();
    const acknowledged: string[] = [];
    const deadline = Date.now() + 20_000;

    // Bounded: 16 readers x 150 requests and 4 commenters x 60 comments, or 20 seconds, whichever ends first.
    const readers = Array.from({ length: 16 }, async (_, r) => {
      for (let i = 0; i < 150 && Date.now() < deadline; i++) {
        const response = await fetch(`${base}${readPaths[(r + i) % readPaths.length]}`);
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    });
    const commenters = Array.from({ length: 4 }, async (_, c) => {
      for (let i = 0; i < 60 && Date.now() < deadline; i++) {
        const form = forms[(c + i) % forms.length]!;
        const email = `load-${c}-${i}@example.com`;
        const response = await fetch(`${base}/comments`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ article_id: form.articleId, form_token: form.token, name: `Load ${c}`, email, body: `Under load ${i}` }),
        });
        await response.arrayBuffer();
        assert.equal(response.status, 303, `comment ${email} accepted`);
        acknowledged.push(email);
      }
    });
    await Promise.all([...readers, ...commenters]);

    assert.deepEqual([...statuses.keys()].filter((s) => s >= 500), [], 'no server errors');
    assert.deepEqual([...statuses.keys()], [200], `every read was served (${JSON.stringify(Object.fromEntries(statuses))})`);
    assert.ok(acknowledged.length >= 4, 'comments were posted during the reads');
    const store = await openStore(database.url);
    try {
      const stored = new Set((await store.db.selectFrom('comments').select('author_email').where('author_email', 'like', 'load-%').execute()).map((r) => r.author_email));
      assert.deepEqual(acknowledged.filter((e) => !stored.has(e)), [], 'every acknowledged comment is stored');
    } finally {
      await store.close();
    }
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });
});
