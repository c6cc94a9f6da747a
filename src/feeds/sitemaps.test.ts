import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createUser } from '../accounts/users.js';
import { createArticle, ensureSection, ensureThread } from '../content/articles.js';
import { findStory } from '../content/queries.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { storyChangedEvent } from '../../test/helpers/story-events.js';

let server: TestServer;
const urls = { fresh: '', old: '', draft: '', syndicated: '' };
let authorSlug = '';
const hour = 3600 * 1000;
const freshTitle = `Harbour tolls: "Q&A" <explained> & what's next`;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => name === 'url' || name === 'sitemap' });

interface UrlEntry {
  loc: string;
  lastmod?: string;
  'news:news'?: { 'news:publication': { 'news:name': string; 'news:language': string }; 'news:publication_date': string; 'news:title': string };
}

/** Fetches a sitemap, checks it is well-formed XML served as XML, and parses it. */
async function readSitemap(path: string): Promise<{ urlset?: { url?: UrlEntry[] }; sitemapindex?: { sitemap?: UrlEntry[] } }> {
  const response = await get(server, path);
  assert.equal(response.status, 200, `${path} answers`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/xml/);
  assert.match(response.headers.get('cache-control') ?? '', /^public/);
  const text = await response.text();
  assert.equal(XMLValidator.validate(text), true, `${path} is well-formed XML`);
  return parser.parse(text) as { urlset?: { url?: UrlEntry[] }; sitemapindex?: { sitemap?: UrlEntry[] } };
}

before(async () => {
  server = await startTestServer({ seed: false });
  const db = server.ctx.store.db;
  const sectionId = await ensureSection(db, { slug: 'harbour', name: 'Harbour' });
  const threadId = await ensureThread(db, 'toll-dispute', 'The toll dispute');
  const author = await createUser(db, { email: 'mara@example.test', name: 'Mara Venn', role: 'author' });
  authorSlug = author.slug;
  const story = async (title: string, extra: { status?: 'published' | 'draft'; publishedAt?: string; canonicalUrl?: string; threadId?: number }) => {
    const id = await createArticle(db, {
      title,
      bodyHtml: '<p>Text.</p>',
      sectionId,
      status: extra.status ?? 'published',
      publishedAt: extra.publishedAt ?? null,
      authorIds: [author.id],
      tagNames: ['Tolls'],
      threadId: extra.threadId ?? null,
      canonicalUrl: extra.canonicalUrl,
    });
    const found = await findStory(db, { id }, true);
    assert.ok(found);
    server.ctx.events.emit('story.changed', storyChangedEvent(found, 'published'));
    return `${server.url}${found.url}`;
  };
  urls.old = await story('Toll booths first proposed three days ago', { publishedAt: new Date(Date.now() - 72 * hour).toISOString() });
  urls.fresh = await story(freshTitle, { publishedAt: new Date(Date.now() - hour).toISOString(), threadId });
  urls.syndicated = await story('A copy whose original lives elsewhere', {
    publishedAt: new Date(Date.now() - 2 * hour).toISOString(),
    canonicalUrl: 'https://elsewhere.example/original',
  });
  urls.draft = await story('Draft on toll revenue', { status: 'draft' });
});

after(async () => {
  await server?.stop();
});

describe('sitemaps', () => {
  it('the index lists the pages part, each stories part and the news sitemap, all of which answer', async () => {
    const index = await readSitemap('/sitemap.xml');
    const locs = (index.sitemapindex?.sitemap ?? []).map((s) => s.loc);
    assert.deepEqual(locs, [`${server.url}/sitemap-pages.xml`, `${server.url}/sitemap-stories-1.xml`, `${server.url}/sitemap-news.xml`]);
    for (const loc of locs) await readSitemap(loc.slice(server.url.length));
  });

  it('the pages part lists home, sections, tags, authors and threads that have stories', async () => {
    const locs = ((await readSitemap('/sitemap-pages.xml')).urlset?.url ?? []).map((u) => u.loc);
    for (const path of ['/', '/harbour', '/tag/tolls', `/author/${authorSlug}`, '/thread/toll-dispute']) {
      assert.ok(locs.includes(`${server.url}${path}`), `lists ${path}`);
    }
  });

  it('the stories part lists published stories with lastmod, never drafts or copies whose canonical address is elsewhere', async () => {
    const entries = (await readSitemap('/sitemap-stories-1.xml')).urlset?.url ?? [];
    const locs = entries.map((u) => u.loc);
    assert.ok(locs.includes(urls.fresh) && locs.includes(urls.old));
    assert.ok(!locs.includes(urls.draft), 'no draft');
    assert.ok(!locs.includes(urls.syndicated), 'no syndicated copy');
    assert.ok(entries.every((u) => u.lastmod && !Number.isNaN(Date.parse(u.lastmod))));
  });

  it('a stories part past the end, or not a number, is a 404', async () => {
    for (const path of ['/sitemap-stories-2.xml', '/sitemap-stories-0.xml', '/sitemap-stories-x.xml']) {
      assert.equal((await get(server, path)).status, 404, path);
    }
  });

  it('the news sitemap has only stories from the last 48 hours, with publication, date and exact title', async () => {
    const entries = (await readSitemap('/sitemap-news.xml')).urlset?.url ?? [];
    const locs = entries.map((u) => u.loc);
    assert.ok(locs.includes(urls.fresh));
    assert.ok(!locs.includes(urls.old), 'a story from three days ago is not news');
    assert.ok(!locs.includes(urls.draft));
    for (const entry of entries) {
      const news = entry['news:news'];
      assert.ok(news);
      assert.equal(news['news:publication']['news:name'], 'The Gazette');
      assert.equal(news['news:publication']['news:language'], 'en');
      assert.ok(Date.now() - Date.parse(news['news:publication_date']) <= 48 * hour);
    }
    const fresh = entries.find((u) => u.loc === urls.fresh);
    assert.equal(fresh?.['news:news']?.['news:title'], freshTitle, 'the title survives quotes, & and <');
  });
});
