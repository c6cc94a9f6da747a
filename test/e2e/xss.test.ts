import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createArticle, ensureSection } from '../../src/content/articles.js';
import { findStory } from '../../src/content/queries.js';
import { Parser } from 'htmlparser2';
import { bodyAllowList, sanitizeBody } from '../../src/content/sanitize.js';
import { makeFormToken } from '../../src/comments/form-token.js';
import { xssPayloads } from '../fixtures/xss-payloads.js';
import { chromiumAvailable, launchBrowser, watchPage, type PageWatch } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const skip = chromiumAvailable() ? false : 'SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)';
if (skip) console.warn(`\n!!! ${skip}\n`);

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watch: PageWatch;
const storyUrls: string[] = [];
let commentStoryUrl = '';

/** Loads a page and fails on any sign that a payload ran: a dialog, a script error, or a request to another host. */
async function visit(path: string): Promise<void> {
  const response = await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  assert.ok(response && response.status() < 500, `${path} answered ${response?.status()}`);
  assert.deepEqual(watch.dialogs, [], `dialog on ${path}`);
  assert.deepEqual(watch.scriptErrors, [], `script error on ${path}`);
  assert.deepEqual(watch.foreignRequests, [], `foreign request from ${path}`);
}

describe(`${xssPayloads.length} injection payloads never execute in Chromium`, { skip }, () => {
  before(async () => {
    server = await startTestServer({ seed: false });
    const db = server.ctx.store.db;
    const sectionId = await ensureSection(db, { slug: 'news', name: 'News' });
    // Section names appear in the navigation of every page.
    for (const [i, payload] of xssPayloads.slice(0, 4).entries()) await ensureSection(db, { slug: `hostile-${i}`, name: payload.slice(0, 100) });
    const author = await db
      .insertInto('users')
      .values({ email: 'x@example.com', name: xssPayloads[5]!, slug: 'writer', bio: xssPayloads[6]!, role: 'author', password_hash: null, avatar_media_id: null, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < xssPayloads.length; i += 10) {
      const group = xssPayloads.slice(i, i + 10);
      const id = await createArticle(db, {
        title: group[0]!,
        dek: group[1] ?? '',
        bodyHtml: group.map((p) => `<p>${p}</p>`).join('\n'),
        sectionId,
        status: 'published',
        authorIds: [author.id],
        tagNames: group.filter((p) => p.length <= 80),
        seoDescription: group[2] ?? '',
      });
      storyUrls.push((await findStory(db, { id }))!.url);
    }
    const target = await createArticle(db, { title: 'Comments under attack', bodyHtml: '<p>Calm text.</p>', sectionId, status: 'published', authorIds: [author.id] });
    commentStoryUrl = (await findStory(db, { id: target }))!.url;
    for (const [i, payload] of xssPayloads.entries()) {
      const response = await fetch(`${server.url}/comments`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          article_id: String(target),
          form_token: makeFormToken(server.ctx.secret, target),
          name: payload.slice(0, 80),
          email: `reader${i}@example.com`,
          body: payload,
        }),
      });
      assert.equal(response.status, 303, `comment ${i} accepted for moderation`);
    }
    await db.updateTable('comments').set({ status: 'approved' }).where('article_id', '=', target).execute();

    browser = await launchBrowser();
    // Bypass the CSP: escaping and sanitizing alone must stop every payload; the CSP is a second wall.
    context = await browser.newContext({ bypassCSP: true });
    page = await context.newPage();
    watch = watchPage(page, server.url);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('in story titles, deks, bodies, tags, bylines and SEO fields', async () => {
    for (const url of storyUrls) await visit(url);
    await visit('/news');
    await visit('/news?page=2');
    await visit('/');
    await visit('/author/writer');
  });

  it('in tag pages and section names', async () => {
    const tags = await server.ctx.store.db.selectFrom('tags').select('slug').limit(40).execute();
    for (const tag of tags) await visit(`/tag/${tag.slug}`);
    await visit('/hostile-0');
  });

  it('in comment names and bodies', async () => {
    await visit(commentStoryUrl);
    assert.equal(await page.locator('.comment').count(), xssPayloads.length);
    // Stored as the reader typed it; shown as text.
    assert.equal(await page.locator('.comment-body').first().innerText(), xssPayloads[0]);
  });

  it('in search queries', async () => {
    for (const payload of xssPayloads) await visit(`/search?q=${encodeURIComponent(payload)}`);
  });

  it('stored story HTML stays inside the allow-list', async () => {
    const bodies = await server.ctx.store.db.selectFrom('articles').select(['body_html']).execute();
    for (const { body_html: body } of bodies) {
      assert.doesNotMatch(body, /<script|<iframe|<object|<embed|<style|<form|<svg|<math|<base|<meta|<link/i);
      assert.doesNotMatch(body, /\son[a-z]+\s*=/i);
      assert.doesNotMatch(body, /(href|src)\s*=\s*"\s*(javascript|data|vbscript):/i);
      const parser = new Parser({
        onopentag(name, attributes) {
          assert.ok(bodyAllowList.tags.has(name), `tag <${name}> is not allowed`);
          for (const attribute of Object.keys(attributes)) {
            assert.ok(bodyAllowList.attributes[name]?.includes(attribute), `attribute ${attribute} on <${name}> is not allowed`);
          }
        },
      });
      parser.write(body);
      parser.end();
      assert.equal(sanitizeBody(sanitizeBody(body)), sanitizeBody(body), 'sanitizing is stable');
    }
  });
});
