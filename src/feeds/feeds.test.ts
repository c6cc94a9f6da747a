import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import * as cheerio from 'cheerio';
import { XMLValidator } from 'fast-xml-parser';
import { createArticle } from '../content/articles.js';
import { findStory, type Story } from '../content/queries.js';
import { findSection, listPublicAuthors } from '../content/directory-queries.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { storyChangedEvent } from '../../test/helpers/story-events.js';

let server: TestServer;
let fresh: Story;
let draftTitle: string;
let authorSlug: string;
let authorName: string;

const trickyTitle = `Levee <b>breach</b> & the "Brascoe" mayor's 'plan'`;
const trickyTag = 'R&D "Lab" <Field>';
const formats = ['rss', 'atom', 'json'] as const;
type Format = (typeof formats)[number];

interface ParsedItem {
  title: string | null;
  url: string | null;
  published: Date | null;
  content: string | null;
  authors: string[];
  categories: string[];
}

interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  date_published: string;
  date_modified: string;
  authors?: { name: string; url?: string }[];
  tags?: string[];
  image?: string;
}

interface JsonFeed {
  version: string;
  title: string;
  home_page_url: string;
  feed_url: string;
  language: string;
  items: JsonFeedItem[];
}

/** Fetches a feed, checks its content type and well-formedness, and reads its items with a real feed parser. */
async function readFeed(path: string, format: Format): Promise<{ title: string | null; items: ParsedItem[]; response: Response }> {
  const response = await get(server, path);
  assert.equal(response.status, 200, `${path} answers`);
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  if (format === 'json') {
    assert.match(type, /^application\/feed\+json/);
    const feed = JSON.parse(text) as JsonFeed;
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    return {
      title: feed.title,
      response,
      items: feed.items.map((item) => ({
        title: item.title,
        url: item.url,
        published: new Date(item.date_published),
        content: item.content_html,
        authors: (item.authors ?? []).map((a) => a.name),
        categories: item.tags ?? [],
      })),
    };
  }
  assert.match(type, format === 'rss' ? /^application\/rss\+xml/ : /^application\/atom\+xml/);
  assert.equal(XMLValidator.validate(text), true, `${path} is well-formed XML`);
  const feed = parseFeed(text);
  assert.equal(feed.meta.type, format);
  return {
    title: feed.title,
    response,
    items: feed.items.map((item) => ({
      title: item.title,
      url: item.url,
      published: item.published,
      content: item.content,
      authors: item.authors.map((a) => a.name ?? ''),
      categories: item.categories.map((c) => c.label ?? c.term),
    })),
  };
}

function assertNewestFirst(items: ParsedItem[]): void {
  const times = items.map((i) => i.published?.getTime() ?? Number.NaN);
  assert.ok(times.every((t) => !Number.isNaN(t)), 'every item has a publication date');
  assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
}

before(async () => {
  server = await startTestServer();
  const db = server.ctx.store.db;
  const world = await findSection(db, 'world');
  const [author] = await listPublicAuthors(db);
  assert.ok(world && author, 'the demo has a World section and authors');
  authorSlug = author.slug;
  authorName = author.name;
  const freshId = await createArticle(db, {
    title: trickyTitle,
    dek: 'A summary with <angle brackets> & ampersands.',
    bodyHtml: '<p>Read <a href="/world">more from World</a>.</p><p><img src="/media/none.webp" alt="x"></p>',
    sectionId: world.id,
    status: 'published',
    publishedAt: new Date().toISOString(),
    authorIds: [author.id],
    tagNames: ['Feed Watch', trickyTag],
  });
  draftTitle = 'A draft about the harbour that must stay private';
  const draftId = await createArticle(db, {
    title: draftTitle,
    bodyHtml: '<p>Not yet.</p>',
    sectionId: world.id,
    status: 'draft',
    authorIds: [author.id],
    tagNames: ['Feed Watch'],
  });
  const story = await findStory(db, { id: freshId });
  assert.ok(story);
  fresh = story;
  server.ctx.events.emit('story.changed', storyChangedEvent(fresh, 'published'));
  server.ctx.events.emit('story.changed', { articleId: draftId, kind: 'saved', statusBefore: 'draft', statusAfter: 'draft', before: null, after: null, story: null });
});

after(async () => {
  await server?.stop();
});

describe('site feeds', () => {
  for (const format of formats) {
    it(`/feed.${format} has the 20 newest published stories, the new one first, the draft nowhere`, async () => {
      const { items, response } = await readFeed(`/feed.${format}`, format);
      assert.equal(items.length, 20);
      assertNewestFirst(items);
      const first = items[0];
      assert.ok(first);
      assert.equal(first.title, trickyTitle, 'the title survives <, & and quotes');
      assert.equal(first.url, `${server.url}${fresh.url}`);
      assert.ok(first.authors.includes(authorName));
      assert.ok(first.categories.includes(trickyTag), `categories: ${first.categories.join(', ')}`);
      assert.ok(first.content?.includes(`href="${server.url}/world"`), 'links in the body are absolute');
      assert.ok(first.content?.includes(`src="${server.url}/media/none.webp"`), 'images in the body are absolute');
      assert.ok(!items.some((i) => i.title === draftTitle));
      assert.match(response.headers.get('cache-control') ?? '', /^public, max-age=\d+/);
      // The page cache in front keeps the feed's own Last-Modified: the newest change among its items.
      const lastModified = Date.parse(response.headers.get('last-modified') ?? '');
      assert.ok(lastModified >= Date.parse(new Date(fresh.updatedAt).toUTCString()), 'Last-Modified is no older than the newest item');
      assert.ok(lastModified <= Date.now(), 'and not in the future');
    });
  }

  it('carries featured images as an enclosure, an Atom enclosure link and a JSON Feed image', async () => {
    const rss = await (await get(server, '/feed.rss')).text();
    const withImage = parseFeed(rss).items.find((i) => i.media.some((m) => m.image));
    assert.ok(withImage, 'a demo story with a featured image is in the feed');
    const enclosure = withImage.media.find((m) => m.image);
    assert.ok(enclosure && enclosure.url.startsWith(`${server.url}/media/`));
    assert.match(enclosure.mimeType ?? '', /^image\//);
    const media = await get(server, enclosure.url.slice(server.url.length));
    assert.equal(media.status, 200, 'the enclosure points at a real file');
    assert.equal(enclosure.length, (await media.arrayBuffer()).byteLength, 'the enclosure gives the file size');
    assert.equal(enclosure.mimeType, media.headers.get('content-type')?.split(';')[0]);

    const atom = parseFeed(await (await get(server, '/feed.atom')).text());
    assert.ok(atom.items.some((i) => i.media.some((m) => m.url.startsWith(`${server.url}/media/`))));
    const json = (await (await get(server, '/feed.json')).json()) as JsonFeed;
    assert.ok(json.items.some((i) => i.image?.startsWith(`${server.url}/media/`)));
  });

  it('JSON Feed 1.1 names its home page, its own address, its language and each item\'s dates and authors', async () => {
    const json = (await (await get(server, '/feed.json')).json()) as JsonFeed;
    assert.equal(json.home_page_url, `${server.url}/`);
    assert.equal(json.feed_url, `${server.url}/feed.json`);
    assert.equal(json.language, 'en');
    for (const item of json.items) {
      assert.ok(item.id && item.url.startsWith(server.url) && item.content_html);
      assert.ok(!Number.isNaN(Date.parse(item.date_published)) && !Number.isNaN(Date.parse(item.date_modified)));
      assert.ok((item.authors ?? []).length > 0);
    }
  });
});

describe('section, tag and author feeds', () => {
  for (const format of formats) {
    it(`/world/feed.${format} has only World stories`, async () => {
      const { title, items } = await readFeed(`/world/feed.${format}`, format);
      assert.match(title ?? '', /^World/);
      assert.ok(items.length > 1);
      assert.ok(items.every((i) => i.url?.startsWith(`${server.url}/world/`)), 'every item is a World story');
      assert.equal(items[0]?.title, trickyTitle);
      assertNewestFirst(items);
    });

    it(`/tag/feed-watch/feed.${format} has the tagged published story and not the tagged draft`, async () => {
      const { items } = await readFeed(`/tag/feed-watch/feed.${format}`, format);
      assert.deepEqual(items.map((i) => i.title), [trickyTitle]);
    });

    it(`/author/<slug>/feed.${format} has only that author's stories`, async () => {
      const { items } = await readFeed(`/author/${authorSlug}/feed.${format}`, format);
      assert.ok(items.length > 0);
      assert.ok(items.every((i) => i.authors.includes(authorName)));
    });

    it(`unknown owners of .${format} feeds are 404s`, async () => {
      for (const path of [`/no-such-section/feed.${format}`, `/tag/no-such-tag/feed.${format}`, `/author/no-such-person/feed.${format}`]) {
        assert.equal((await get(server, path)).status, 404, path);
      }
    });
  }

  it('a science feed does not carry the World story', async () => {
    const { items } = await readFeed('/science/feed.rss', 'rss');
    assert.ok(items.length > 0);
    assert.ok(!items.some((i) => i.title === trickyTitle));
  });
});

describe('autodiscovery', () => {
  for (const [page, base] of [['/', '/feed'], ['/world', '/world/feed'], ['/tag/feed-watch', '/tag/feed-watch/feed']] as const) {
    it(`${page} links its feeds in the head, and they answer`, async () => {
      const $ = cheerio.load(await (await get(server, page)).text());
      const types: Record<string, string> = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' };
      for (const format of formats) {
        const link = $(`head link[rel="alternate"][type="${types[format]}"][href="${base}.${format}"]`);
        assert.equal(link.length, 1, `${page} links ${base}.${format}`);
        assert.equal((await get(server, `${base}.${format}`)).status, 200);
      }
    });
  }
});
