import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sqlPayloads } from '../../test/fixtures/xss-payloads.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.stop();
});

/** Fills every :param of a route pattern (and a trailing wildcard) with the same hostile string. */
function fill(pattern: string, value: string): string {
  return pattern.replace(/:[A-Za-z_]+\??/g, encodeURIComponent(value)).replace(/\*$/, encodeURIComponent(value));
}

describe('SQL and query-syntax injection', () => {
  it('every route answers each hostile path parameter with a 2xx, 3xx or 4xx — never a 5xx', async () => {
    const routes = server.app.routeIndex.routes().filter((r) => r.method !== 'HEAD' && r.method !== 'TRACE' && r.url.includes(':'));
    assert.ok(routes.length >= 5, 'parametric routes found');
    const failures: string[] = [];
    for (const route of routes) {
      for (const payload of sqlPayloads) {
        const path = fill(route.url, payload);
        const response = await fetch(`${server.url}${path}`, {
          method: route.method,
          redirect: 'manual',
          headers: { 'x-coverage-probe': '1', ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }) },
          ...(route.method === 'GET' ? {} : { body: JSON.stringify({ q: payload, title: payload }) }),
        });
        await response.arrayBuffer();
        if (response.status >= 500) failures.push(`${route.method} ${path} → ${response.status}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('every GET route answers hostile query strings without a 5xx', async () => {
    const routes = server.app.routeIndex.routes().filter((r) => r.method === 'GET');
    const failures: string[] = [];
    for (const route of routes) {
      for (const payload of sqlPayloads) {
        const value = encodeURIComponent(payload);
        const path = `${fill(route.url, 'x')}?q=${value}&page=${value}&cursor=${value}&section=${value}&tag=${value}&author=${value}&from=${value}&to=${value}&sort=${value}&fields=${value}&limit=${value}`;
        const response = await fetch(`${server.url}${path}`, { redirect: 'manual', headers: { 'x-coverage-probe': '1' } });
        await response.arrayBuffer();
        if (response.status >= 500) failures.push(`GET ${path.slice(0, 120)} → ${response.status}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('search treats query syntax as words and finds nothing odd, never an error', async () => {
    for (const payload of sqlPayloads) {
      const response = await fetch(`${server.url}/search?q=${encodeURIComponent(payload)}`);
      // A NUL character is refused outright; everything else is just words.
      assert.equal(response.status, payload.includes('\u0000') ? 400 : 200, payload);
    }
    const count = await server.ctx.store.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.ok(Number(count.n) >= 40, 'no statement dropped or deleted anything');
  });

  it('the comment form answers hostile fields with a 4xx or a redirect, never a 5xx, and stores nothing odd', async () => {
    const home = await (await fetch(`${server.url}/`)).text();
    const story = home.match(/teaser-lead"[\s\S]*?<h2 class="teaser-title"><a href="([^"]+)"/)?.[1];
    assert.ok(story);
    const page = await (await fetch(`${server.url}${story}`)).text();
    const articleId = page.match(/name="article_id" value="(\d+)"/)?.[1];
    const token = page.match(/id="comment-form"[\s\S]*?name="form_token" value="([^"]+)"/)?.[1];
    assert.ok(articleId && token);
    for (const payload of sqlPayloads) {
      for (const field of ['article_id', 'parent_id', 'name', 'email', 'body', 'form_token']) {
        const fields: Record<string, string> = { article_id: articleId, form_token: token, name: 'Tester', email: 'tester@example.com', body: 'Plain comment', [field]: payload };
        const response = await fetch(`${server.url}/comments`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(fields),
        });
        await response.arrayBuffer();
        assert.ok(response.status < 500, `${field}=${payload.slice(0, 40)} → ${response.status}`);
      }
    }
  });

  it('malformed and oversized bodies get 400 and 413 with a message', async () => {
    const malformed = await fetch(`${server.url}/comments`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: '{"article_id": ' });
    assert.equal(malformed.status, 400);
    assert.match(((await malformed.json()) as { error: { message: string } }).error.message, /not valid JSON/);
    const huge = await fetch(`${server.url}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: `body=${'x'.repeat(1100 * 1024)}`, // past the comment route's 1 MB limit
    });
    assert.equal(huge.status, 413);
    assert.match(((await huge.json()) as { error: { message: string } }).error.message, /too large/);
    const wrongType = await fetch(`${server.url}/comments`, { method: 'POST', headers: { 'content-type': 'application/x-unknown', accept: 'application/json' }, body: 'x' });
    assert.equal(wrongType.status, 415);
  });
});
