import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { insertComment } from '../comments/comments.js';
import { moderateComment } from '../comments/moderate.js';
import { createArticle, updateArticle } from '../content/articles.js';
import { findStory, listPublished, type Story } from '../content/queries.js';
import { now } from '../db/index.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { storyChangedEvent } from '../../test/helpers/story-events.js';
import { PageCache } from './page-cache.js';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.stop();
});

/** Requests a page until the cache holds it (storing happens after compression, off the request path). */
async function warm(path: string): Promise<void> {
  for (let attempt = 0; attempt < 200 && !server.app.pageCache.has(path); attempt++) {
    const response = await get(server, path);
    assert.equal(response.status, 200, `${path} answers 200`);
    await response.arrayBuffer();
    if (!server.app.pageCache.has(path)) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.ok(server.app.pageCache.has(path), `${path} was cached`);
}

async function cacheState(path: string): Promise<{ state: string | null; html: string }> {
  const response = await get(server, path);
  return { state: response.headers.get('x-page-cache'), html: await response.text() };
}

async function storyWithTags(exclude: number[] = []): Promise<Story> {
  for (const card of await listPublished(server.ctx.store.db, { limit: 50 })) {
    if (exclude.includes(card.id)) continue;
    const story = await findStory(server.ctx.store.db, { id: card.id });
    if (story && story.tags.length > 0) return story;
  }
  throw new Error('the demo has no tagged story');
}

function inputFrom(story: Story, changes: { title?: string } = {}) {
  return {
    title: changes.title ?? story.title,
    dek: story.dek,
    bodyHtml: story.bodyHtml,
    sectionId: story.section.id,
    slug: story.slug,
    status: 'published' as const,
    authorIds: story.authors.map((a) => a.id),
  };
}

describe('serving from the cache', () => {
  it('renders a story once, then answers from the cache with the same ETag', async () => {
    const [card] = await listPublished(server.ctx.store.db, { limit: 1 });
    const path = card!.url;
    const first = await get(server, path);
    assert.equal(first.headers.get('x-page-cache'), 'miss');
    const etag = first.headers.get('etag');
    assert.ok(etag, 'the first response already carries an ETag');
    assert.ok(first.headers.get('last-modified'));
    const firstBody = await first.text();
    await warm(path);
    const second = await get(server, path);
    assert.equal(second.headers.get('x-page-cache'), 'hit');
    assert.equal(second.headers.get('etag'), etag);
    assert.match(second.headers.get('cache-control') ?? '', /public.*stale-while-revalidate=\d+/);
    assert.ok(second.headers.get('content-security-policy'), 'security headers are replayed from the rendered response');
    assert.equal(await second.text(), firstBody);
  });

  it('answers 304 to a matching If-None-Match and If-Modified-Since', async () => {
    const [card] = await listPublished(server.ctx.store.db, { limit: 1 });
    await warm(card!.url);
    const fresh = await get(server, card!.url);
    const etag = fresh.headers.get('etag')!;
    const conditional = await get(server, card!.url, { headers: { 'if-none-match': etag } });
    assert.equal(conditional.status, 304);
    assert.equal(conditional.headers.get('etag'), etag);
    assert.equal(await conditional.text(), '');
    const since = await get(server, card!.url, { headers: { 'if-modified-since': fresh.headers.get('last-modified')! } });
    assert.equal(since.status, 304);
    const other = await get(server, card!.url, { headers: { 'if-none-match': 'W/"something-else"' } });
    assert.equal(other.status, 200);
  });

  it('negotiates brotli, gzip and identity from the same stored page', async () => {
    await warm('/');
    const raw = (encoding: string) =>
      new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
        import('node:http').then(({ default: http }) => {
          http.get(`${server.url}/`, { headers: { 'accept-encoding': encoding } }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (c: Buffer) => chunks.push(c));
            response.on('end', () => resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
          }).on('error', reject);
        }, reject);
      });
    const plain = await raw('identity');
    assert.equal(plain.encoding, undefined);
    const br = await raw('gzip, deflate, br');
    assert.equal(br.encoding, 'br');
    assert.deepEqual(zlib.brotliDecompressSync(br.body), plain.body);
    const gz = await raw('gzip');
    assert.equal(gz.encoding, 'gzip');
    assert.deepEqual(zlib.gunzipSync(gz.body), plain.body);
    const refused = await raw('br;q=0, gzip;q=1');
    assert.equal(refused.encoding, 'gzip');
    assert.ok(br.body.length < plain.body.length / 3, 'the compressed page is much smaller');
  });

  it('renders a burst of requests for a page that is not cached once, and answers the rest from that render', async () => {
    const [, card] = await listPublished(server.ctx.store.db, { limit: 2 });
    server.ctx.events.emit('site.changed', { what: 'settings' });
    const states = await Promise.all(Array.from({ length: 20 }, async () => (await cacheState(card!.url)).state));
    assert.equal(states.filter((s) => s === 'miss').length, 1, `one render for ${states.length} requests: ${states.join(' ')}`);
    assert.equal(states.filter((s) => s === 'hit').length, 19);
  });

  it('stores a search the second time it is asked for, and answers it from the cache after that', async () => {
    const path = `/search?q=${encodeURIComponent('harbour')}&sort=newest`;
    const once = await cacheState(path);
    assert.equal(once.state, null, 'a first search is rendered but not stored');
    assert.equal(server.app.pageCache.has(path), false);
    assert.equal((await cacheState(path)).state, 'miss', 'the second is stored');
    await warm(path);
    const hit = await cacheState(path);
    assert.equal(hit.state, 'hit');
    assert.equal(hit.html, once.html);
    const suggest = '/search/suggest?q=harb';
    await warm(suggest);
    const answer = await get(server, suggest);
    assert.equal(answer.headers.get('x-page-cache'), 'hit');
    assert.match(answer.headers.get('content-type') ?? '', /application\/json/);
    assert.ok(((await answer.json()) as { results: unknown[] }).results.length > 0);
  });

  it('never stores a one-off search, however many different ones come', async () => {
    for (let i = 0; i < 30; i++) await (await get(server, `/search?q=once${i}`)).arrayBuffer();
    assert.equal(server.app.pageCache.keys().filter((key) => key.startsWith('/search?q=once')).length, 0);
  });

  it('never caches signed-in requests or other query strings', async () => {
    const [card] = await listPublished(server.ctx.store.db, { limit: 1 });
    await warm(card!.url);
    const signedIn = await get(server, card!.url, { headers: { cookie: 'gazette_session=abc' } });
    assert.equal(signedIn.headers.get('x-page-cache'), null);
    const withQuery = await get(server, `${card!.url}?utm_source=x`);
    assert.equal(withQuery.headers.get('x-page-cache'), null);
    assert.equal(server.app.pageCache.has(`${card!.url}?utm_source=x`), false);
  });
});

describe('purging exactly what a change touches', () => {
  it('an edit purges the story, its listings and pages linking to it, and nothing else', async () => {
    const story = await storyWithTags();
    const tag = story.tags[0]!;
    const others = await listPublished(server.ctx.store.db, { limit: 40 });
    const candidates = ['/', story.url, `/${story.section.slug}`, `/tag/${tag.slug}`, ...others.map((o) => o.url)];
    const bodies = new Map<string, string>();
    for (const path of candidates) {
      await warm(path);
      bodies.set(path, (await cacheState(path)).html);
    }
    const linking = candidates.filter((p) => p !== story.url && bodies.get(p)!.includes(`href="${story.url}`));
    const untouched = candidates.filter((p) => !linking.includes(p) && ![story.url, '/', `/${story.section.slug}`, `/tag/${tag.slug}`].includes(p));
    assert.ok(untouched.length >= 3, 'some cached stories do not link to the edited one');

    await warm('/feed.rss');
    const title = `${story.title} (updated ${Date.now()})`;
    await updateArticle(server.ctx.store.db, story.id, inputFrom(story, { title }));
    server.ctx.events.emit('story.changed', storyChangedEvent(story, 'updated'));

    const after = await cacheState(story.url);
    assert.notEqual(after.state, 'hit', 'the story is rendered again at once');
    assert.ok(after.html.includes(title.replace(/&/g, '&amp;')), 'the reader sees the new headline');
    await server.app.pageCache.settled();
    for (const path of ['/', '/feed.rss', `/${story.section.slug}`, `/tag/${tag.slug}`, ...linking]) {
      assert.equal(server.app.pageCache.has(path), false, `${path} was purged`);
    }
    for (const path of untouched) assert.equal(server.app.pageCache.has(path), true, `${path} stayed cached`);
  });

  it('publishing a new story purges home, its section and tag pages, but not other stories', async () => {
    const template = await storyWithTags();
    const tag = template.tags[0]!;
    const [bystander] = (await listPublished(server.ctx.store.db, { limit: 40 })).filter((c) => c.section.id !== template.section.id);
    for (const path of ['/', `/${template.section.slug}`, `/tag/${tag.slug}`, bystander!.url]) await warm(path);

    const title = `Cache test dispatch ${Date.now()}`;
    const id = await createArticle(server.ctx.store.db, {
      ...inputFrom(template, { title }),
      slug: `cache-test-${Date.now()}`,
      tagNames: [tag.name],
      publishedAt: now(),
    });
    const published = (await findStory(server.ctx.store.db, { id }))!;
    server.ctx.events.emit('story.changed', storyChangedEvent(published, 'published'));

    for (const path of ['/', `/${template.section.slug}`, `/tag/${tag.slug}`]) {
      const { html } = await cacheState(path);
      assert.ok(html.includes(title), `${path} lists the new story at once`);
    }
    await server.app.pageCache.settled();
    assert.equal(server.app.pageCache.has(bystander!.url), true, 'an unrelated story stayed cached');
  });

  it('publishing a story drops every cached search, so the new story is found at once', async () => {
    const template = await storyWithTags();
    const word = `zephyrine${Date.now()}`;
    const path = `/search?q=${word}`;
    const suggest = `/search/suggest?q=${word}`;
    await warm(path);
    await warm(suggest);
    assert.match((await cacheState(path)).html, /No stories matched/);
    const title = `Cache test ${word}`;
    const id = await createArticle(server.ctx.store.db, { ...inputFrom(template, { title }), slug: `cache-search-${Date.now()}`, publishedAt: now() });
    const published = (await findStory(server.ctx.store.db, { id }))!;
    server.ctx.events.emit('story.changed', storyChangedEvent(published, 'published'));
    const after = await cacheState(path);
    assert.notEqual(after.state, 'hit');
    assert.ok(after.html.includes(`href="${published.url}"`), 'the results page finds the new story');
    const answer = (await (await get(server, suggest)).json()) as { results: Array<{ url: string }> };
    assert.deepEqual(answer.results.map((r) => r.url), [published.url]);
  });

  it('approving a comment purges the story it belongs to', async () => {
    const story = await storyWithTags();
    const bystander = await storyWithTags([story.id]);
    await warm(story.url);
    await warm(bystander.url);
    const body = `A reader's note ${Date.now()}`;
    const commentId = await insertComment(server.ctx.store.db, {
      articleId: story.id, parentId: null, name: 'Cache Reader', email: 'reader@example.test', body, status: 'pending', createdAt: now(),
    });
    await moderateComment(server.ctx, { id: 0, role: 'editor' }, { id: commentId, status: 'approved' });
    const { html } = await cacheState(story.url);
    assert.ok(html.includes(body.replace(/'/g, '&#39;')) || html.includes(body), 'the approved comment shows at once');
    await server.app.pageCache.settled();
    const bystanderLinks = (await cacheState(bystander.url)).html.includes(`href="${story.url}`);
    if (!bystanderLinks) assert.equal(server.app.pageCache.has(bystander.url), true);
  });

  it('a site-wide change purges everything', async () => {
    await warm('/');
    server.ctx.events.emit('site.changed', { what: 'settings' });
    assert.equal(server.app.pageCache.stats.entries, 0);
  });
});

describe('memory bound', () => {
  it('keeps the compressed pages within the configured bytes, dropping the least recently used', async () => {
    const cache = new PageCache({ maxBytes: 200_000, maxAgeMs: 60_000, siteUrl: 'http://example.test' });
    const page = (n: number) => Buffer.from(`<!doctype html><title>${n}</title>${Array.from({ length: 3000 }, (_, i) => `<p>${n}-${i * 7919 % 1000}</p>`).join('')}`);
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=60' };
    for (let n = 0; n < 30; n++) {
      const body = page(n);
      await cache.store(`/p${n}`, body, headers, { etag: PageCache.etagFor(body), lastModified: new Date().toUTCString(), epoch: cache.epoch });
      cache.lookup('/p0');
      assert.ok(cache.stats.bytes <= 200_000, `within the bound after ${n + 1} pages`);
    }
    assert.ok(cache.has('/p0'), 'the page read after every store was kept');
    assert.ok(!cache.has('/p1'), 'the oldest unread page was evicted');
    assert.ok(cache.has('/p29'));
  });

  it('serves and stores nothing while the cross-instance channel is down, and starts empty when it returns', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000, maxAgeMs: 60_000, siteUrl: 'http://example.test' });
    const body = Buffer.from('<p>page</p>');
    const meta = () => ({ etag: PageCache.etagFor(body), lastModified: new Date().toUTCString(), epoch: cache.epoch });
    assert.equal(await cache.store('/a', body, { 'content-type': 'text/html' }, meta()), true);
    cache.setChannelHealthy(false);
    assert.equal(cache.usable, false);
    assert.equal(cache.has('/a'), false, 'a page that might miss a purge is dropped');
    assert.equal(await cache.store('/b', body, { 'content-type': 'text/html' }, meta()), false);
    cache.setChannelHealthy(true);
    assert.equal(cache.usable, true);
    assert.equal(cache.stats.entries, 0);
  });

  it('does not store a render that began before a purge', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000, maxAgeMs: 60_000, siteUrl: 'http://example.test' });
    const body = Buffer.from('<p>old</p>');
    const startedAt = cache.epoch;
    cache.purge({ paths: ['/x'] });
    const stored = await cache.store('/x', body, { 'content-type': 'text/html' }, { etag: PageCache.etagFor(body), lastModified: new Date().toUTCString(), epoch: startedAt });
    assert.equal(stored, false);
    assert.equal(cache.has('/x'), false);
  });
});
