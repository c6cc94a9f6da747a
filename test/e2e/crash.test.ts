import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createApiToken } from '../../src/accounts/tokens.js';
import { createUser } from '../../src/accounts/users.js';
import { openStore } from '../../src/db/index.js';
import { searchStories } from '../../src/search/index.js';
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
  return { storyUrl, articleId: page.match(/name="article_id" value="(\d+)"/)![1]!, token: page.match(/id="comment-form"[\s\S]*?name="form_token" value="([^"]+)"/)![1]! };
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

  it('kill -9 during a burst of publishing: every acknowledged story is whole, published and searchable; nothing half-written shows', async () => {
    const db2 = await createTestDatabase();
    const env = { GAZETTE_DATA_DIR: db2.dataDir, DATABASE_URL: db2.url, GAZETTE_DEMO: 'false' };
    let publisher: ServerProcess | null = await startServerProcess(env);
    try {
      const setup = await openStore(db2.url);
      let token: string;
      try {
        await setup.db.insertInto('sections').values({ slug: 'news', name: 'News', description: '', position: 0 }).execute();
        const editor = await createUser(setup.db, { email: 'crash-editor@example.com', name: 'Crash Editor', role: 'editor', password: 'a long enough password' });
        token = (await createApiToken(setup.db, { userId: editor.id, name: 'crash', scopes: ['stories:write'] })).token;
      } finally {
        await setup.close();
      }
      const acknowledged: string[] = [];
      let sent = 0;
      const target = publisher;
      const writers = Array.from({ length: 6 }, async (_, w) => {
        for (let i = 0; i < 300; i++) {
          const title = `Crashproof dispatch ${w}x${i}`;
          sent++;
          try {
            const response = await fetch(`${target.url}/api/v1/stories`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ title, dek: 'Filed under fire.', body: `<p>Paragraph one of ${title}.</p><p>Paragraph two.</p>`, section: 'news', tags: ['Crash', `Writer ${w}`], status: 'published' }),
            });
            await response.arrayBuffer();
            if (response.status === 201) acknowledged.push(title);
          } catch {
            return;
          }
        }
      });
      while (acknowledged.length < 60) await new Promise((resolve) => setTimeout(resolve, 10));
      await publisher.kill9();
      await Promise.all(writers);
      assert.ok(acknowledged.length < sent, 'the kill landed during the burst');

      publisher = await startServerProcess(env);
      const store = await openStore(db2.url);
      try {
        const rows = await store.db.selectFrom('articles').select(['id', 'title', 'status', 'body_html']).where('title', 'like', 'Crashproof%').execute();
        const byTitle = new Map(rows.map((r) => [r.title, r]));
        const lost = acknowledged.filter((t) => byTitle.get(t)?.status !== 'published');
        assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged stories were lost or not published`);
        for (const row of rows) {
          // A story is there whole or not at all: its authors, tags, revision and search entry came in the same transaction.
          assert.match(row.body_html, /Paragraph two/);
          const authors = await store.db.selectFrom('article_authors').select('user_id').where('article_id', '=', row.id).execute();
          const tags = await store.db.selectFrom('article_tags').select('tag_id').where('article_id', '=', row.id).execute();
          const revisions = await store.db.selectFrom('revisions').select('id').where('article_id', '=', row.id).execute();
          assert.equal(authors.length, 1, `authors of ${row.title}`);
          assert.equal(tags.length, 2, `tags of ${row.title}`);
          assert.ok(revisions.length >= 1, `revision of ${row.title}`);
        }
        const sample = acknowledged[acknowledged.length - 1]!;
        const found = await searchStories(store.db, { q: `"${sample}"`, limit: 5 });
        assert.ok(found.hits.some((hit) => byTitle.get(sample)?.id === hit.id), `the last acknowledged story is searchable (${sample})`);
      } finally {
        await store.close();
      }
      const page = await fetch(`${publisher.url}/news`);
      assert.equal(page.status, 200);
    } finally {
      await publisher?.stop();
      await db2.drop();
    }
  });
});
