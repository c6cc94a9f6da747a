import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createArticle } from '../content/articles.js';
import { countPublished } from '../content/queries.js';
import { listSections } from '../content/directory-queries.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { createTestUser } from '../../test/helpers/auth.js';

let server: TestServer;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
type Body = any;

async function json(path: string, init: RequestInit = {}): Promise<{ status: number; body: Body; headers: Headers }> {
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** Follows nextCursor until the last page; returns every id in the order served. */
async function walk(path: string, limit: number): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 500; pages++) {
    const separator = path.includes('?') ? '&' : '?';
    const { status, body } = await json(`${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(status, 200);
    assert.ok(body.data.length <= limit);
    ids.push(...body.data.map((s: { id: number }) => s.id));
    cursor = body.nextCursor;
    if (cursor === null) return ids;
  }
  throw new Error('the cursor never ended');
}

describe('public content API', () => {
  const tiedIds: number[] = [];
  let draftId = 0;

  before(async () => {
    server = await startTestServer();
    const db = server.ctx.store.db;
    const author = await createTestUser(server, 'author');
    const [section] = await listSections(db);
    // Three stories published at the same instant: a cursor must neither repeat nor skip any of them.
    const instant = '2020-01-02T03:04:05.000Z';
    for (const n of [1, 2, 3]) {
      tiedIds.push(await createArticle(db, {
        title: `Simultaneous dispatch ${n}`, bodyHtml: '<p>Filed at the same second.</p>', sectionId: section!.id,
        status: 'published', publishedAt: instant, authorIds: [author.id],
      }));
    }
    draftId = await createArticle(db, { title: 'Unfinished draft', bodyHtml: '<p>Not yet.</p>', sectionId: section!.id, status: 'draft', authorIds: [author.id] });
  });
  after(async () => server?.stop());

  test('lists published stories newest first with the card fields', async () => {
    const { status, body, headers } = await json('/api/v1/stories');
    assert.equal(status, 200);
    assert.match(headers.get('content-type') ?? '', /application\/json/);
    assert.equal(body.data.length, 20);
    const first = body.data[0];
    for (const key of ['id', 'slug', 'title', 'dek', 'url', 'publishedAt', 'updatedAt', 'section', 'authors', 'image', 'commentCount']) {
      assert.ok(key in first, `story card has ${key}`);
    }
    assert.match(new URL(first.url).pathname, /^\/[a-z0-9-]+\/\d{4}\/\d{2}\/[a-z0-9-]+/);
    const times = body.data.map((s: { publishedAt: string }) => s.publishedAt);
    assert.deepEqual(times, [...times].sort().reverse());
    assert.equal(typeof body.nextCursor, 'string');
    assert.ok(!body.data.some((s: { id: number }) => s.id === draftId));
  });

  test('cursor pagination walks every published story exactly once, ties included', async () => {
    const total = await countPublished(server.ctx.store.db, {});
    const small = await walk('/api/v1/stories', 2);
    assert.equal(small.length, total);
    assert.equal(new Set(small).size, total, 'no story twice');
    for (const id of tiedIds) assert.ok(small.includes(id), `tied story ${id} served`);
    const large = await walk('/api/v1/stories', 100);
    assert.deepEqual(small, large, 'page size does not change the order');
  });

  test('a cursor that was not given out is refused with a clear error', async () => {
    const { status, body } = await json('/api/v1/stories?cursor=not-a-cursor');
    assert.equal(status, 400);
    assert.equal(body.error.code, 'bad_request');
    assert.ok(body.error.fields.cursor);
  });

  test('field selection returns only the named fields (and id)', async () => {
    const { body } = await json('/api/v1/stories?fields=title,url&limit=3');
    assert.equal(body.data.length, 3);
    for (const story of body.data) assert.deepEqual(Object.keys(story).sort(), ['id', 'title', 'url']);
    const one = await json(`/api/v1/stories/${tiedIds[0]}?fields=title,bodyHtml`);
    assert.deepEqual(Object.keys(one.body.data).sort(), ['bodyHtml', 'id', 'title']);
    const bad = await json('/api/v1/stories?fields=title,password');
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /password/);
    assert.ok(bad.body.error.fields.fields);
  });

  test('filters by section, tag, author and time; unknown filter values are named', async () => {
    const sections = (await json('/api/v1/sections')).body.data;
    assert.ok(sections.length > 1);
    const section = sections[1];
    const bySection = await json(`/api/v1/stories?section=${section.slug}&limit=100`);
    assert.ok(bySection.body.data.length > 0);
    assert.ok(bySection.body.data.every((s: { section: { slug: string } }) => s.section.slug === section.slug));

    const tags = (await json('/api/v1/tags')).body.data;
    const tag = tags[0];
    const byTag = await json(`/api/v1/stories?tag=${tag.slug}&limit=100&fields=id`);
    assert.equal(byTag.body.data.length, Math.min(tag.stories, 100));

    const authors = (await json('/api/v1/authors')).body.data;
    const author = authors[0];
    const byAuthor = await json(`/api/v1/stories?author=${author.slug}&limit=100`);
    assert.ok(author.stories > 0);
    assert.equal(byAuthor.body.data.length, Math.min(author.stories, 100), 'every story of the author, and only those');
    assert.ok(byAuthor.body.data.every((s: { authors: { slug: string }[] }) => s.authors.some((a) => a.slug === author.slug)));

    const old = await json('/api/v1/stories?until=2020-01-03T00:00:00Z&since=2020-01-01T00:00:00Z&limit=100');
    assert.deepEqual(old.body.data.map((s: { id: number }) => s.id).sort(), [...tiedIds].sort());

    const unknown = await json('/api/v1/stories?section=no-such-section');
    assert.equal(unknown.status, 400);
    assert.ok(unknown.body.error.fields.section);
    const badDate = await json('/api/v1/stories?since=yesterday');
    assert.equal(badDate.status, 400);
    assert.ok(badDate.body.error.fields.since);
    const badLimit = await json('/api/v1/stories?limit=1000');
    assert.equal(badLimit.status, 400);
    assert.ok(badLimit.body.error.fields.limit);
  });

  test('search through /search and ?q=', async () => {
    const hits = await json('/api/v1/search?q=simultaneous');
    assert.equal(hits.status, 200);
    assert.equal(hits.body.total, 3);
    assert.deepEqual(hits.body.data.map((s: { id: number }) => s.id).sort(), [...tiedIds].sort());
    const listed = await json('/api/v1/stories?q=simultaneous+dispatch&limit=2');
    assert.equal(listed.body.data.length, 2);
    const rest = await json(`/api/v1/stories?q=simultaneous+dispatch&limit=2&cursor=${listed.body.nextCursor}`);
    assert.equal(rest.body.data.length, 1);
    assert.equal(rest.body.nextCursor, null);
    const missing = await json('/api/v1/search');
    assert.equal(missing.status, 400);
    assert.ok(missing.body.error.fields.q);
  });

  test('one story, its comments, and 404s in the error shape', async () => {
    const list = await json('/api/v1/stories?limit=30&fields=commentCount');
    const commented = list.body.data.find((s: { commentCount: number }) => s.commentCount > 0);
    assert.ok(commented, 'the demo has a story with comments');
    const story = await json(`/api/v1/stories/${commented.id}`);
    assert.equal(story.status, 200);
    assert.equal(story.body.data.status, 'published');
    assert.ok(story.body.data.bodyHtml.length > 0);
    const comments = await json(`/api/v1/stories/${commented.id}/comments`);
    assert.equal(comments.status, 200);
    assert.equal(comments.body.count, commented.commentCount);
    assert.ok(comments.body.data[0].authorName);
    assert.ok(!('authorEmail' in comments.body.data[0]));

    const draft = await json(`/api/v1/stories/${draftId}`);
    assert.equal(draft.status, 404);
    assert.equal(draft.body.error.code, 'not_found');
    assert.equal((await json('/api/v1/stories/99999999999')).status, 400);
    const notANumber = await json('/api/v1/stories/abc');
    assert.equal(notANumber.status, 400);
    const nowhere = await json('/api/v1/nothing-here');
    assert.equal(nowhere.status, 404);
    assert.equal(nowhere.body.error.code, 'not_found');
  });

  test("a story's picture carries its focal point, so other sites crop around the subject too", async () => {
    const db = server.ctx.store.db;
    const list = await json('/api/v1/stories?limit=50&fields=image');
    const pictured = list.body.data.find((s: { image: { id: number } | null }) => s.image !== null);
    assert.ok(pictured, 'the demo has a story with a picture');
    await db.updateTable('media').set({ focal_x: 20, focal_y: 65 }).where('id', '=', pictured.image.id).execute();
    const story = await json(`/api/v1/stories/${pictured.id}`);
    assert.deepEqual(story.body.data.image.focalPoint, { x: 20, y: 65 });
    await db.updateTable('media').set({ focal_x: null, focal_y: null }).where('id', '=', pictured.image.id).execute();
    const plain = await json(`/api/v1/stories/${pictured.id}?fields=image`);
    assert.equal(plain.body.data.image.focalPoint, null);
  });

  test('ETags answer an unchanged resource with 304', async () => {
    const first = await fetch(`${server.url}/api/v1/stories/${tiedIds[0]}`);
    const etag = first.headers.get('etag');
    assert.ok(etag);
    assert.match(first.headers.get('cache-control') ?? '', /max-age/);
    const again = await fetch(`${server.url}/api/v1/stories/${tiedIds[0]}`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    const other = await fetch(`${server.url}/api/v1/stories/${tiedIds[1]}`, { headers: { 'if-none-match': etag } });
    assert.equal(other.status, 200);
  });

  test('CORS: any origin may read; preflight allows GET only', async () => {
    const response = await fetch(`${server.url}/api/v1/sections`, { headers: { origin: 'https://reader.example' } });
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const preflight = await fetch(`${server.url}/api/v1/stories`, {
      method: 'OPTIONS',
      headers: { origin: 'https://reader.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    });
    assert.ok(preflight.status === 204 || preflight.status === 200);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.doesNotMatch(preflight.headers.get('access-control-allow-methods') ?? '', /POST|PATCH/);
  });

  test('an address no endpoint answers gets a JSON 404 whatever the method', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'QUERY']) {
      const withBody = method !== 'GET';
      const response = await fetch(`${server.url}/api/v1/no-such-endpoint`, {
        method,
        headers: { accept: 'application/json', ...(withBody ? { 'content-type': 'application/json' } : {}) },
        ...(withBody ? { body: '{}' } : {}),
      });
      assert.equal(response.status, 404, method);
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'not_found', method);
      assert.match(body.error.message, /No API endpoint answers/, method);
    }
    const options = await fetch(`${server.url}/api/v2/stories`, { method: 'OPTIONS' });
    assert.ok(options.status < 500);
  });

  test('the OpenAPI 3.1 document is generated from the route schemas, and the reference page renders it', async () => {
    const { status, body } = await json('/api/v1/openapi.json');
    assert.equal(status, 200);
    assert.equal(body.openapi, '3.1.0');
    for (const [path, method] of [['/api/v1/stories', 'get'], ['/api/v1/stories', 'post'], ['/api/v1/stories/{id}', 'patch'], ['/api/v1/media', 'post'],
      ['/api/v1/comments/{id}/moderate', 'post'], ['/api/v1/search', 'get'], ['/api/v1/sections', 'get'], ['/api/v1/tags', 'get'], ['/api/v1/authors', 'get']]) {
      assert.ok(body.paths[path!]?.[method!], `${method} ${path} is documented`);
    }
    assert.ok(body.components.schemas.Story);
    assert.ok(body.components.securitySchemes.bearerAuth);
    const limit = body.paths['/api/v1/stories'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    assert.equal(limit.schema.maximum, 100);

    const page = await fetch(`${server.url}/api/v1/docs`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /PATCH<\/span> <code>\/api\/v1\/stories\/\{id\}<\/code>/);
    assert.match(html, /stories:write/);
    assert.doesNotMatch(html, /<script/);
    const css = await fetch(`${server.url}/api/v1/docs.css`);
    assert.equal(css.status, 200);
  });
});
