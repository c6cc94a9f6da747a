import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { createArticle, updateArticle } from '../content/articles.js';
import { findStory } from '../content/queries.js';
import { saveSettings } from '../content/settings.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';

let server: TestServer;
const page = async (path: string) => {
  const response = await get(server, path);
  return { response, $: cheerio.load(await response.text()) };
};

before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.stop();
});

function jsonLd($: cheerio.CheerioAPI): Record<string, unknown>[] {
  return $('script[type="application/ld+json"]')
    .map((_i, el) => JSON.parse($(el).text()) as Record<string, unknown>)
    .get() as Record<string, unknown>[];
}

describe('home page', () => {
  it('shows a lead story, latest stories, section blocks, trending tags and a search box', async () => {
    const { response, $ } = await page('/');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    assert.equal($('.teaser-lead').length, 1);
    assert.ok($('.latest .story-list > li').length >= 5);
    assert.ok($('.section-block').length >= 5, 'a block per section');
    assert.ok($('.trending a[href^="/tag/"]').length >= 5);
    assert.equal($('form[role="search"] input[name="q"]').length, 1);
    assert.equal($('main#main').length, 1);
    assert.equal($('header.masthead').length, 1);
    assert.equal($('footer').length, 1);
    const website = jsonLd($).find((d) => d['@type'] === 'WebSite') as { potentialAction?: { '@type': string } } | undefined;
    assert.equal(website?.potentialAction?.['@type'], 'SearchAction');
    assert.equal($('link[rel="alternate"][type="application/rss+xml"]').attr('href'), '/feed.rss');
  });
});

describe('story page', () => {
  it('carries every part of a news story', async () => {
    const home = await page('/');
    const url = home.$('.teaser-lead .teaser-title a').attr('href');
    assert.ok(url && /^\/[a-z]+\/\d{4}\/\d{2}\/[a-z0-9-]+$/.test(url), `readable story URL, got ${url}`);
    const { response, $ } = await page(url);
    assert.equal(response.status, 200);
    assert.equal($('h1').length, 1);
    assert.equal($('h1').text(), home.$('.teaser-lead .teaser-title a').text());
    assert.match($('.section-label').first().attr('href') ?? '', /^\/[a-z]+$/);
    assert.ok($('.story-dek').text().length > 10);
    assert.match($('.byline a').first().attr('href') ?? '', /^\/author\//);
    assert.ok($('.story-meta time[datetime]').first().attr('datetime'));
    assert.equal($('.featured-image img').length, 1, 'the lead story has a picture');
    assert.ok($('.featured-image img').attr('alt'));
    assert.match($('.featured-image figcaption .credit').text(), /Gazette Studio/);
    assert.ok($('.story-tags a[rel="tag"]').length >= 1);
    assert.equal($('#comment-form h2').text(), 'Leave a Comment');
    assert.equal($('link[rel="canonical"]').attr('href'), `${server.ctx.config.siteUrl}${url}`);
    assert.equal($('meta[property="og:type"]').attr('content'), 'article');
    assert.ok($('meta[name="twitter:card"]').attr('content'));
    const article = jsonLd($).find((d) => d['@type'] === 'NewsArticle') as Record<string, unknown>;
    for (const field of ['headline', 'datePublished', 'dateModified', 'author', 'publisher', 'image', 'articleSection', 'keywords']) {
      assert.ok(article[field], `NewsArticle.${field}`);
    }
    assert.ok((article.publisher as { logo?: unknown }).logo, 'publisher logo');
    assert.ok(jsonLd($).some((d) => d['@type'] === 'BreadcrumbList'));
  });

  it('renders attributed block quotes, threads, related stories and comments', async () => {
    const thread = await page('/thread/siege-of-tarsel');
    assert.equal(thread.response.status, 200);
    const links = thread.$('.story-list .teaser-title a').map((_i, el) => thread.$(el).attr('href')).get();
    assert.equal(links.length, 3);
    const { $ } = await page(links[0]!);
    assert.ok($('.story-body figure.quote blockquote').length >= 1);
    assert.ok($('.story-body figure.quote figcaption cite').text().length > 0);
    assert.equal($('.thread-box li').length, 3);
    assert.ok($('.related-list li').length >= 1);
    // The newest thread story links back to the earlier reports with real URLs.
    assert.ok($('.story-body a[href^="/world/"]').length >= 1);
    assert.doesNotMatch($('.story-body').html() ?? '', /\{\{link:/);
  });

  it('shows threaded approved comments with counts on lists', async () => {
    const { $ } = await page('/');
    const withComments = $('a[href$="#comments"]').first().attr('href');
    assert.ok(withComments, 'a teaser shows its comment count');
    const story = await page(withComments.replace('#comments', ''));
    assert.ok(story.$('.comment-list > li.comment').length >= 1);
    assert.ok(story.$('.comment-replies .comment').length >= 0);
    assert.match(story.$('#comments-title').text(), /\d+ comments?/);
  });

  it('redirects a wrong date or trailing slash to the canonical address', async () => {
    const { $ } = await page('/');
    const url = $('.teaser-lead .teaser-title a').attr('href')!;
    const wrong = url.replace(/\/\d{4}\/\d{2}\//, '/1999/01/');
    const response = await get(server, wrong);
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), url);
    const slash = await get(server, `${url}/`);
    assert.equal(slash.status, 301);
    assert.equal(slash.headers.get('location'), url);
  });

  it('301-redirects the old address after a slug change', async () => {
    const db = server.ctx.store.db;
    const sectionId = (await db.selectFrom('sections').select('id').where('slug', '=', 'culture').executeTakeFirstOrThrow()).id;
    const authorId = (await db.selectFrom('users').select('id').where('slug', '=', 'lucia-ferreira').executeTakeFirstOrThrow()).id;
    const input = { title: 'Original headline for the move test', bodyHtml: '<p>Body text.</p>', sectionId, status: 'published' as const, authorIds: [authorId], tagNames: ['Books'] };
    const id = await createArticle(db, input);
    const before = (await findStory(db, { id }))!;
    await updateArticle(db, id, { ...input, slug: 'a-better-slug' });
    const afterMove = (await findStory(db, { id }))!;
    assert.notEqual(before.url, afterMove.url);
    const response = await get(server, before.url);
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), afterMove.url);
    assert.equal((await get(server, afterMove.url)).status, 200);
  });

  it('never shows a draft and escapes every stored string', async () => {
    const db = server.ctx.store.db;
    const sectionId = (await db.selectFrom('sections').select('id').where('slug', '=', 'world').executeTakeFirstOrThrow()).id;
    const authorId = (await db.selectFrom('users').select('id').where('slug', '=', 'mara-okafor').executeTakeFirstOrThrow()).id;
    const draftId = await createArticle(db, { title: 'Secret draft about nothing', bodyHtml: '<p>x</p>', sectionId, status: 'draft', authorIds: [authorId] });
    const draft = (await findStory(db, { id: draftId }, true))!;
    assert.equal((await get(server, draft.url)).status, 404);
    const hostileId = await createArticle(db, {
      title: 'Quotes "and" <script>alert(1)</script> & more',
      dek: '<img src=x onerror=alert(2)>',
      bodyHtml: '<p onclick="alert(3)">Hello<script>alert(4)</script><a href="javascript:alert(5)">x</a></p>',
      sectionId,
      status: 'published',
      authorIds: [authorId],
      tagNames: ['<b>Bold tag</b>'],
    });
    const hostile = (await findStory(db, { id: hostileId }))!;
    const html = await (await get(server, hostile.url)).text();
    assert.doesNotMatch(html, /<script>alert/);
    assert.doesNotMatch(html, /<img src=x/);
    assert.doesNotMatch(html, /onclick=/);
    assert.doesNotMatch(html, /javascript:alert/);
    assert.match(html, /&lt;script>alert\(1\)&lt;\/script>/);
  });
});

describe('list pages', () => {
  it('section, tag, author, authors and archive pages list stories', async () => {
    const section = await page('/world');
    assert.equal(section.response.status, 200);
    assert.equal(section.$('h1').text(), 'World');
    const sectionLinks = section.$('.story-list .teaser-title a').map((_i, el) => section.$(el).attr('href')).get();
    assert.ok(sectionLinks.length >= 5);
    assert.ok(sectionLinks.every((href) => href.startsWith('/world/')));
    assert.equal(section.$('link[rel="alternate"][href="/world/feed.rss"]').length, 1);

    const tagHref = section.$('.story-list').length ? (await page('/')).$('.trending a').first().attr('href')! : '/tag/ports';
    const tag = await page(tagHref);
    assert.equal(tag.response.status, 200);
    assert.ok(tag.$('.story-list > li').length >= 1);

    const author = await page('/author/priya-raman');
    assert.equal(author.response.status, 200);
    assert.equal(author.$('h1').text(), 'Priya Raman');
    assert.match(author.$('.list-description').text(), /Business reporter/);
    assert.ok(author.$('.story-list > li').length >= 3);

    const authors = await page('/authors');
    assert.equal(authors.$('.author-list > li').length, 6);

    const archive = await page('/archive');
    const month = archive.$('.archive-year a').eq(1).attr('href')!;
    assert.match(month, /^\/archive\/\d{4}\/\d{2}$/);
    const monthPage = await page(month);
    assert.equal(monthPage.response.status, 200);
    assert.ok(monthPage.$('.story-list > li').length >= 1);
  });

  it('paginates and rejects impossible page numbers', async () => {
    const first = await page('/archive/2026');
    const pages = Number(first.$('.page-count').text().match(/of (\d+)/)?.[1] ?? 1);
    if (pages > 1) assert.equal((await get(server, '/archive/2026?page=2')).status, 200);
    assert.equal((await get(server, `/world?page=999`)).status, 404);
    const bad = await get(server, '/world?page=abc');
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /page number/);
  });
});

describe('site settings on public pages', () => {
  it('shows times on the clock of the site\'s time zone', async () => {
    const { $ } = await page('/');
    const url = $('.teaser-lead .teaser-title a').attr('href')!;
    const utc = await page(url);
    // The text is the absolute time, or "N hours ago" for a story under a day old; the title always has the full time.
    const utcTime = utc.$('.story-meta .times time').first();
    assert.match(utcTime.attr('title')!, /, \d\d:\d\d UTC$/);
    assert.match(utcTime.text(), /UTC$|^\d+ hours? ago$/);
    await saveSettings(server.ctx.store.db, { timezone: 'Asia/Tokyo' });
    server.ctx.events.emit('site.changed', { what: 'settings' });
    try {
      const tokyo = await page(url);
      const shown = tokyo.$('.story-meta .times time').first();
      assert.match(shown.attr('title')!, /GMT\+9$/);
      assert.match(shown.text(), /GMT\+9$|^\d+ hours? ago$/);
      assert.equal(shown.attr('datetime'), utc.$('.story-meta .times time').first().attr('datetime'), 'the machine-readable time is unchanged');
    } finally {
      await saveSettings(server.ctx.store.db, { timezone: 'UTC' });
      server.ctx.events.emit('site.changed', { what: 'settings' });
    }
  });
});

describe('the publisher logo', () => {
  it('JSON-LD names the logo chosen in the settings, or the bundled one', async () => {
    const { $ } = await page('/');
    const url = $('.teaser-lead .teaser-title a').attr('href')!;
    const logoOf = async () => {
      const story = await page(url);
      const article = jsonLd(story.$).find((d) => d['@type'] === 'NewsArticle') as { publisher: { logo: { url: string } } };
      return article.publisher.logo.url;
    };
    assert.match(await logoOf(), /\/assets\/logo\.png/);
    const media = await server.ctx.store.db.selectFrom('media').select(['id', 'path']).executeTakeFirstOrThrow();
    await saveSettings(server.ctx.store.db, { logoMediaId: media.id });
    server.ctx.events.emit('site.changed', { what: 'settings' });
    try {
      assert.equal(await logoOf(), `${server.ctx.config.siteUrl}/media/${media.path}`);
    } finally {
      await saveSettings(server.ctx.store.db, { logoMediaId: null });
      server.ctx.events.emit('site.changed', { what: 'settings' });
    }
  });
});

describe('errors', () => {
  it('answers unknown paths with a 404 page in the site design with a search box', async () => {
    for (const path of ['/no-such-section', '/tag/no-such-tag', '/author/nobody', '/world/2026/01/no-such-story', '/thread/none', '/archive/20x6']) {
      const { response, $ } = await page(path);
      assert.equal(response.status, 404, path);
      assert.equal($('h1').text(), 'Page not found', path);
      assert.equal($('#error-search').length, 1, path);
      assert.equal($('nav.sections-nav').length, 1, path);
    }
  });

  it('answers a wrong method with 405 and the methods that work', async () => {
    const post = await get(server, '/world', { method: 'POST', body: 'x=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
    assert.match(await post.text(), /POST is not allowed here/);
    const deleteComments = await get(server, '/comments', { method: 'DELETE' });
    assert.equal(deleteComments.status, 405);
    assert.match(deleteComments.headers.get('allow') ?? '', /POST/);
    assert.equal((await get(server, '/no/such/path/with/six/parts', { method: 'DELETE' })).status, 404);
  });

  it('answers JSON clients with a JSON error', async () => {
    const response = await get(server, '/no-such-page', { headers: { accept: 'application/json' } });
    assert.equal(response.status, 404);
    const body = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'not_found');
  });

  it('serves hashed assets with long cache headers and security headers on pages', async () => {
    const { response, $ } = await page('/');
    const css = $('link[rel="stylesheet"]').attr('href')!;
    assert.match(css, /\/assets\/site\.css\?v=[0-9a-f]{10}/);
    const asset = await get(server, css);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(response.headers.get('referrer-policy'));
  });
});
