/**
 * Live coverage at scale and through failures: two instances on one PostgreSQL and one Redis, readers on both, an
 * update posted through one arrives on both (the other instance's safety poll is switched off, so only Redis can
 * carry it); and kill -9 while journalists post: every acknowledged update is there after the restart and reaches a
 * reader who reconnects with its Last-Event-ID.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { EventSource } from 'eventsource';
import pg from 'pg';
import { createUser } from '../../src/accounts/users.js';
import { createArticle, ensureSection } from '../../src/content/articles.js';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/cli/serve.js';
import { openStore } from '../../src/db/index.js';
import { signIn, type SignedIn } from '../helpers/auth.js';
import { createTestDatabase, type TestDatabase } from '../helpers/server.js';
import { startServerProcess, type ServerProcess } from '../helpers/process.js';

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const missing = [databaseUrl ? null : 'TEST_DATABASE_URL', redisUrl ? null : 'TEST_REDIS_URL'].filter(Boolean);
if (missing.length) console.warn(`\n!!! SKIPPED: the two-instance live test needs ${missing.join(' and ')}\n`);

interface Reader {
  source: EventSource;
  updates: number[];
  ids: number[];
  opened: Promise<void>;
}

function read(url: string, lastEventId?: string): Reader {
  const reader: Reader = { source: undefined as unknown as EventSource, updates: [], ids: [], opened: Promise.resolve() };
  reader.source = new EventSource(url, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...(lastEventId ? { 'last-event-id': lastEventId } : {}) } }),
  });
  reader.opened = new Promise((resolve, reject) => {
    reader.source.onopen = () => resolve();
    reader.source.onerror = () => reject(new Error('stream failed'));
  });
  reader.source.onmessage = (event) => {
    const data = JSON.parse(event.data) as { kind: string; updateId: number | null };
    reader.ids.push(Number(event.lastEventId));
    if (data.kind === 'update.posted' && data.updateId !== null) reader.updates.push(data.updateId);
  };
  return reader;
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function postJson(url: string, who: SignedIn, path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { cookie: who.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
}

describe('live updates on two instances sharing PostgreSQL and Redis', { skip: missing.length > 0 }, () => {
  const schema = `t_live_${randomBytes(5).toString('hex')}`;
  const dirs: string[] = [];
  const servers: RunningServer[] = [];
  const urlOf = (server: RunningServer) => {
    const address = server.app.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  };

  async function start(): Promise<RunningServer> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-live-'));
    dirs.push(dataDir);
    const url = new URL(databaseUrl!);
    url.searchParams.set('schema', schema);
    const server = await startServer(
      loadConfig({
        PORT: '0', HOST: '127.0.0.1', GAZETTE_DATA_DIR: dataDir, DATABASE_URL: url.toString(), REDIS_URL: redisUrl, GAZETTE_DEMO: 'false',
        LOG_LEVEL: 'silent', GAZETTE_SECRET: 'live-two-instances-shared-secret', GAZETTE_LIVE_POLL_MS: '3600000',
      }),
      { quiet: true },
    );
    servers.push(server);
    return server;
  }

  after(async () => {
    for (const server of servers) await server.close();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('readers on both instances receive every update posted through one of them', async () => {
    const a = await start();
    const b = await start();
    const db = a.ctx.store.db;
    await createUser(db, { email: 'desk@example.test', name: 'Desk Editor', role: 'editor', password: 'a-long-test-password' });
    const desk = await signIn({ url: urlOf(a) }, 'desk@example.test', 'a-long-test-password');
    const sectionId = await ensureSection(db, { slug: 'world', name: 'World' });
    const user = await db.selectFrom('users').select('id').where('email', '=', 'desk@example.test').executeTakeFirstOrThrow();
    const storyId = await createArticle(db, { title: 'Two instances', bodyHtml: '<p>x</p>', sectionId, status: 'published', publishedAt: new Date().toISOString(), authorIds: [user.id] });
    assert.equal((await postJson(urlOf(a), desk, '/newsroom/live', { story_id: String(storyId) })).status, 201);
    const onA = read(`${urlOf(a)}/live/${storyId}/events`);
    const onB = read(`${urlOf(b)}/live/${storyId}/events`);
    await Promise.all([onA.opened, onB.opened]);
    const posted: number[] = [];
    for (let i = 0; i < 5; i++) {
      const target = i % 2 === 0 ? a : b;
      const response = await postJson(urlOf(target), desk, `/newsroom/live/${storyId}/updates`, { body_html: `<p>Update ${i} through ${target === a ? 'A' : 'B'}</p>` });
      assert.equal(response.status, 201);
      posted.push(((await response.json()) as { update: { id: number } }).update.id);
    }
    await until(() => onA.updates.length >= 5 && onB.updates.length >= 5, 'both readers to receive five updates');
    assert.deepEqual(onA.updates, posted);
    assert.deepEqual(onB.updates, posted);
    onA.source.close();
    onB.source.close();
  });
});

describe('kill -9 while journalists post', () => {
  let database: TestDatabase;
  let server: ServerProcess | null = null;
  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('keeps every acknowledged update, and a reconnecting reader receives them all', async () => {
    database = await createTestDatabase();
    const env = { GAZETTE_DATA_DIR: database.dataDir, DATABASE_URL: database.url, GAZETTE_DEMO: 'false', GAZETTE_LIVE_STREAMS_PER_IP: '100' };
    server = await startServerProcess(env);
    const store = await openStore(database.url);
    let storyId: number;
    try {
      await createUser(store.db, { email: 'field@example.test', name: 'Field Reporter', role: 'editor', password: 'a-long-test-password' });
      const user = await store.db.selectFrom('users').select('id').where('email', '=', 'field@example.test').executeTakeFirstOrThrow();
      const sectionId = await ensureSection(store.db, { slug: 'world', name: 'World' });
      storyId = await createArticle(store.db, { title: 'Crash story', bodyHtml: '<p>x</p>', sectionId, status: 'published', publishedAt: new Date().toISOString(), authorIds: [user.id] });
    } finally {
      await store.close();
    }
    const desk = await signIn(server, 'field@example.test', 'a-long-test-password');
    assert.equal((await postJson(server.url, desk, '/newsroom/live', { story_id: String(storyId) })).status, 201);
    const reader = read(`${server.url}/live/${storyId}/events`);
    await reader.opened;

    const acknowledged: number[] = [];
    let sent = 0;
    const target = server;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; i < 500; i++) {
        sent++;
        try {
          const response = await postJson(target.url, desk, `/newsroom/live/${storyId}/updates`, { body_html: `<p>Writer ${w}, update ${i}</p>` });
          if (response.status === 201) acknowledged.push(((await response.json()) as { update: { id: number } }).update.id);
        } catch {
          return;
        }
      }
    });
    await until(() => acknowledged.length >= 60, 'sixty acknowledged updates', 60_000);
    await server.kill9();
    await Promise.all(writers);
    reader.source.close();
    assert.ok(acknowledged.length < sent, 'the kill landed while updates were being posted');
    const lastSeen = reader.ids.length ? reader.ids[reader.ids.length - 1]! : 0;

    server = await startServerProcess(env);
    const after = await openStore(database.url);
    try {
      const stored = new Set((await after.db.selectFrom('live_updates').select('id').where('article_id', '=', storyId).where('status', '=', 'published').execute()).map((r) => r.id));
      assert.deepEqual(acknowledged.filter((id) => !stored.has(id)), [], 'every acknowledged update is stored');
    } finally {
      await after.close();
    }
    const back = read(`${server.url}/live/${storyId}/events`, String(lastSeen));
    await back.opened;
    const seen = () => new Set([...reader.updates, ...back.updates]);
    await until(() => acknowledged.every((id) => seen().has(id)), 'the reconnecting reader to receive every acknowledged update');
    const both = [...reader.updates, ...back.updates];
    assert.equal(new Set(both).size, both.length, 'no update is delivered twice across the reconnection');
    back.source.close();
  });
});
