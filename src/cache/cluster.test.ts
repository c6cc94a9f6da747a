import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { insertComment } from '../comments/comments.js';
import { makeFormToken } from '../comments/form-token.js';
import { findStory, listPublished } from '../content/queries.js';
import { now, openStore, type Store } from '../db/index.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/server.js';

const secret = 'cluster-test-secret-0123456789';

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/** A GET on a fresh connection, so the cluster's round-robin spreads requests over the workers. */
function freshGet(url: string): Promise<{ status: number; cache: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, cache: response.headers['x-page-cache'] as string | undefined, body }));
    }).on('error', reject);
  });
}

describe('gazette serve --workers 2', () => {
  let database: TestDatabase;
  let child: ChildProcess;
  let base = '';
  let store: Store;

  before(async () => {
    database = await createTestDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/main.ts'), 'serve', '--workers', '2'], {
      env: {
        ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: database.url, GAZETTE_DATA_DIR: database.dataDir,
        GAZETTE_SECRET: secret, LOG_LEVEL: 'warn', COMMENT_MIN_SECONDS: '0', REDIS_URL: '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('with 2 workers')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`serve --workers exited with ${code}: ${output}`)));
    });
    store = await openStore(database.url);
  });

  after(async () => {
    await store?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await database?.drop();
  });

  it('starts its workers with a small young generation, though the primary was started without one', () => {
    // The primary's children, less any that are not workers (tsx's esbuild service).
    const workers = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).flatMap((pid) => {
      try {
        if (fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] !== String(child.pid)) return [];
        const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return args.some((arg) => arg.endsWith('main.ts')) ? [{ pid, args }] : [];
      } catch {
        return [];
      }
    });
    assert.equal(workers.length, 2);
    for (const { pid, args } of workers) assert.ok(args.includes('--max-semi-space-size=4'), `worker ${pid}: ${args.join(' ')}`);
  });

  it('a comment posted to one worker shows on every worker as soon as the post returns', async () => {
    const [card] = await listPublished(store.db, { limit: 1 });
    const story = (await findStory(store.db, { id: card!.id }))!;
    await insertComment(store.db, {
      articleId: story.id, parentId: null, name: 'Regular Reader', email: 'regular@example.test', body: 'An earlier approved comment.', status: 'approved', createdAt: now(),
    });
    for (let i = 0; i < 10; i++) assert.equal((await freshGet(`${base}${story.url}`)).status, 200);
    assert.ok((await freshGet(`${base}${story.url}`)).cache === 'hit', 'the workers cache the story');

    const body = `Through one worker ${Date.now()}`;
    const posted = await fetch(`${base}/comments`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({
        article_id: String(story.id), name: 'Regular Reader', email: 'regular@example.test', body, website: '', form_token: makeFormToken(secret, story.id, Date.now() - 60_000),
      }),
    });
    assert.equal(posted.status, 303);
    assert.match(posted.headers.get('location') ?? '', /comment=published/);
    for (let i = 0; i < 6; i++) {
      const page = await freshGet(`${base}${story.url}`);
      assert.ok(page.body.includes(body), `request ${i + 1} (any worker) shows the new comment`);
    }
  });
});
