// Two Gazette instances on different ports sharing one PostgreSQL schema and one Redis: a change through one is read at once on the other, and rate limits are shared.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import pg from 'pg';
import { insertComment } from '../../src/comments/comments.js';
import { makeFormToken } from '../../src/comments/form-token.js';
import { updateArticle } from '../../src/content/articles.js';
import { findStory, listPublished, type Story } from '../../src/content/queries.js';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/cli/serve.js';
import { now } from '../../src/db/index.js';
import { storyChangedEvent } from '../helpers/story-events.js';

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const missing = [databaseUrl ? null : 'TEST_DATABASE_URL', redisUrl ? null : 'TEST_REDIS_URL'].filter(Boolean);
if (missing.length) {
  console.warn('\n' + '!'.repeat(78));
  console.warn(`!! SKIPPED: test/e2e/scale-out.test.ts needs ${missing.join(' and ')} (PostgreSQL and Redis shared by two instances).`);
  console.warn('!'.repeat(78) + '\n');
}

const rateLimitPrefix = 'fastify-rate-limit-';
const commentLimit = 5;

describe('two instances on one PostgreSQL and one Redis', { skip: missing.length > 0 }, () => {
  const schema = `t_scale_${randomBytes(5).toString('hex')}`;
  const dataDirs: string[] = [];
  let a: RunningServer;
  let b: RunningServer;
  let redis: Redis;
  const urlOf = (server: RunningServer) => {
    const address = server.app.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  };

  const clearRateLimits = async () => {
    const keys = await redis.keys(`${rateLimitPrefix}*`);
    if (keys.length) await redis.del(...keys);
  };

  async function start(seed: boolean): Promise<RunningServer> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-scale-'));
    dataDirs.push(dataDir);
    const url = new URL(databaseUrl!);
    url.searchParams.set('schema', schema);
    return startServer(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        GAZETTE_DATA_DIR: dataDir,
        DATABASE_URL: url.toString(),
        REDIS_URL: redisUrl,
        GAZETTE_SECRET: 'scale-out-test-secret-shared-by-both',
        GAZETTE_DEMO: seed ? 'true' : 'false',
        LOG_LEVEL: 'silent',
        COMMENT_MIN_SECONDS: '0',
        COMMENT_RATE_LIMIT: String(commentLimit),
      }),
      { quiet: true },
    );
  }

  /** Requests a page on one instance until that instance holds it in its cache. */
  async function warm(server: RunningServer, pathname: string): Promise<void> {
    for (let attempt = 0; attempt < 300 && !server.app.pageCache.has(pathname); attempt++) {
      await (await fetch(`${urlOf(server)}${pathname}`)).arrayBuffer();
      if (!server.app.pageCache.has(pathname)) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.ok(server.app.pageCache.has(pathname), `${pathname} is cached on the instance (Redis subscription live)`);
  }

  async function aStory(): Promise<Story> {
    const [card] = await listPublished(a.ctx.store.db, { limit: 3 });
    return (await findStory(a.ctx.store.db, { id: card!.id }))!;
  }

  before(async () => {
    redis = new Redis(redisUrl!);
    await clearRateLimits();
    a = await start(true);
    b = await start(false);
  });

  after(async () => {
    await a?.close();
    await b?.close();
    await clearRateLimits().catch(() => undefined);
    redis?.disconnect();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an edit saved through one instance is read on the other at once', async () => {
    const story = await aStory();
    await warm(a, story.url);
    await warm(b, story.url);
    const title = `Edited on instance A ${Date.now()}`;
    await updateArticle(a.ctx.store.db, story.id, {
      title, dek: story.dek, bodyHtml: story.bodyHtml, sectionId: story.section.id, slug: story.slug, status: 'published',
      authorIds: story.authors.map((author) => author.id),
    });
    a.ctx.events.emit('story.changed', storyChangedEvent(story, 'updated'));
    // What a newsroom save waits for before it answers: the purge applied on every instance.
    await a.app.pageCache.settled();
    const onB = await fetch(`${urlOf(b)}${story.url}`);
    assert.notEqual(onB.headers.get('x-page-cache'), 'hit');
    assert.ok((await onB.text()).includes(title), 'instance B shows the new headline');
    assert.equal(b.app.pageCache.has('/'), false, 'B dropped its home page too');
  });

  it('a comment posted over HTTP to one instance shows on the other as soon as the post returns', async () => {
    const story = await aStory();
    await insertComment(a.ctx.store.db, {
      articleId: story.id, parentId: null, name: 'Regular Reader', email: 'regular@example.test', body: 'An earlier approved comment.', status: 'approved', createdAt: now(),
    });
    await warm(b, story.url);
    const body = `Posted through A ${Date.now()}`;
    const form = new URLSearchParams({
      article_id: String(story.id), name: 'Regular Reader', email: 'regular@example.test', body, website: '', form_token: makeFormToken(a.ctx.secret, story.id, Date.now() - 60_000),
    });
    const posted = await fetch(`${urlOf(a)}/comments`, { method: 'POST', body: form, redirect: 'manual' });
    assert.equal(posted.status, 303);
    assert.match(posted.headers.get('location') ?? '', /comment=published/);
    const onB = await fetch(`${urlOf(b)}${story.url}`);
    assert.ok((await onB.text()).includes(body), 'instance B shows the new comment');
  });

  it('shares the comment rate limit through Redis', async () => {
    // One post was spent by the previous test; spend the rest across both instances.
    const post = (server: RunningServer) => fetch(`${urlOf(server)}/comments`, { method: 'POST', body: new URLSearchParams({ article_id: 'x' }), redirect: 'manual' });
    const statuses: number[] = [];
    for (const server of [a, a, b, b]) statuses.push((await post(server)).status);
    assert.deepEqual(statuses, [400, 400, 400, 400]);
    const limited = await post(b);
    assert.equal(limited.status, 429, 'the sixth post in the window is refused, though B itself saw only three');
  });
});
