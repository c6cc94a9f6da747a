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

async function storyForm(url: string): Promise<{ storyUrl: string; articleId: string; token: string }> {
  const home = await (await fetch(`${url}/`)).text();
  const storyUrl = home.match(/teaser-lead"[\s\S]*?<h2 class="teaser-title"><a href="([^"]+)"/)?.[1];
  assert.ok(storyUrl);
  const page = await (await fetch(`${url}${storyUrl}`)).text();
  return { storyUrl, articleId: page.match(/name="article_id" value="(\d+)"/)![1]!, token: page.match(/name="form_token" value="([^"]+)"/)![1]! };
}

describe('crash safety', () => {
  it('a burst of comments cut off by kill -9 loses nothing that was acknowledged', async () => {
    database = await createTestDatabase();
    const env = { GAZETTE_DATA_DIR: database.dataDir, DATABASE_URL: database.url };
    server = await startServerProcess(env);
    const { articleId, token } = await storyForm(server.url);
    const acknowledged: string[] = [];
    let sent = 0;
    const target = server;
    // Eight writers post until the server dies under them; each 303 is a promise that the comment is stored.
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; i < 400; i++) {
        const email = `burst-${w}-${i}@example.com`;
        sent++;
        try {
          const response = await fetch(`${target.url}/comments`, {
            method: 'POST',
            redirect: 'manual',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ article_id: articleId, form_token: token, name: `Writer ${w}`, email, body: `Comment ${i} from writer ${w}` }),
          });
          if (response.status === 303) acknowledged.push(email);
        } catch {
          return;
        }
      }
    });
    while (acknowledged.length < 150) await new Promise((resolve) => setTimeout(resolve, 10));
    await server.kill9();
    await Promise.all(writers);
    assert.ok(acknowledged.length < sent, 'the kill landed during the burst');

    server = await startServerProcess(env);
    const store = await openStore(database.url);
    try {
      const stored = new Set((await store.db.selectFrom('comments').select('author_email').where('author_email', 'like', 'burst-%').execute()).map((r) => r.author_email));
      const lost = acknowledged.filter((email) => !stored.has(email));
      assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged comments were lost`);
      const check = await store.db.selectFrom('comments').select(['body', 'author_name']).where('author_email', 'like', 'burst-%').execute();
      assert.ok(check.every((c) => /^Comment \d+ from writer \d$/.test(c.body) && /^Writer \d$/.test(c.author_name)), 'no half-written rows');
    } finally {
      await store.close();
    }
    assert.equal((await fetch(`${server.url}/`)).status, 200, 'the site comes back');
  });
});
