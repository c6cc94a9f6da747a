/**
 * Presence across instances: two servers on one database (as with several instances behind a load balancer, or
 * `serve --cluster`), one editor on each; each sees the other through its own server, a closed editor drops out at
 * once and a silent one after the presence window.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureSection, createArticle } from './articles.js';
import { othersEditing, presenceWindowMs, recordPresence } from './presence.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../cli/serve.js';
import { createTestUser, signIn, type SignedIn, type TestUser } from '../../test/helpers/auth.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';

function originOf(server: RunningServer): string {
  const address = server.app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

describe('who else is editing a story', () => {
  let first: TestServer;
  let second: RunningServer;
  let secondUrl: string;
  let storyId: number;
  let amira: TestUser;
  let omar: TestUser;
  let amiraOnFirst: SignedIn;
  let omarOnSecond: SignedIn;

  before(async () => {
    first = await startTestServer({ seed: false });
    second = await startServer(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', GAZETTE_DATA_DIR: first.database.dataDir, DATABASE_URL: first.database.url, GAZETTE_DEMO: 'false', LOG_LEVEL: 'silent' }),
      { quiet: true },
    );
    secondUrl = originOf(second);
    amira = await createTestUser(first, 'editor', { name: 'Amira Saleh' });
    omar = await createTestUser(first, 'editor', { name: 'Omar Haddad' });
    const section = await ensureSection(first.ctx.store.db, { slug: 'city', name: 'City' });
    storyId = await createArticle(first.ctx.store.db, { title: 'Harbour works begin', bodyHtml: '<p>Cranes arrived.</p>', sectionId: section, status: 'draft', authorIds: [amira.id] });
    amiraOnFirst = await signIn(first, amira.email, amira.password);
    omarOnSecond = await signIn({ url: secondUrl }, omar.email, omar.password);
  });

  after(async () => {
    await second?.close();
    await first?.stop();
  });

  const beat = async (origin: string, session: SignedIn, leaving = false): Promise<string[]> => {
    const response = await fetch(`${origin}/newsroom/stories/${storyId}/presence`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: leaving ? 'leaving=1' : '',
    });
    assert.equal(response.status, 200);
    return ((await response.json()) as { editing: string[] }).editing;
  };

  it('shows an editor on one instance to a colleague on the other, in the heartbeat and on the editor page', async () => {
    assert.deepEqual(await beat(first.url, amiraOnFirst), [], 'alone at first');
    assert.deepEqual(await beat(secondUrl, omarOnSecond), ['Amira Saleh'], 'Omar, served by the second instance, sees Amira');
    assert.deepEqual(await beat(first.url, amiraOnFirst), ['Omar Haddad'], 'and Amira sees Omar through the first');
    const page = await fetch(`${secondUrl}/newsroom/stories/${storyId}`, { headers: { cookie: omarOnSecond.cookie } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Amira Saleh is editing this story\./);
  });

  it('drops an editor who closed the page at once, and one who went silent after the presence window', async () => {
    await beat(first.url, amiraOnFirst);
    await beat(secondUrl, omarOnSecond);
    assert.deepEqual(await beat(first.url, amiraOnFirst, true), []);
    assert.deepEqual(await beat(secondUrl, omarOnSecond), [], 'Amira left');

    const db = first.ctx.store.db;
    const now = Date.now();
    await recordPresence(db, storyId, amira.id, now);
    assert.deepEqual(await othersEditing(db, storyId, omar.id, now + presenceWindowMs - 1000), ['Amira Saleh']);
    assert.deepEqual(await othersEditing(db, storyId, omar.id, now + presenceWindowMs + 1000), [], 'silent for longer than the window');
    await recordPresence(db, storyId, omar.id, now + presenceWindowMs + 1000);
    const rows = await db.selectFrom('story_presence').select('user_id').where('article_id', '=', storyId).execute();
    assert.deepEqual(rows.map((r) => r.user_id), [omar.id], 'the stale row is pruned by the next heartbeat');
  });

  it('refuses a heartbeat from someone who may not edit the story', async () => {
    const contributor = await createTestUser(first, 'contributor');
    const session = await signIn(first, contributor.email, contributor.password);
    const response = await fetch(`${first.url}/newsroom/stories/${storyId}/presence`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: '',
    });
    assert.equal(response.status, 403);
    const rows = await first.ctx.store.db.selectFrom('story_presence').select('user_id').where('user_id', '=', contributor.id).execute();
    assert.equal(rows.length, 0);
  });
});
