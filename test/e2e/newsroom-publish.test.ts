/** In a real browser: an author signs in, writes a story in the rich-text editor with an attributed quote and a library image, publishes it, and readers see it. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { createArticle, ensureSection, ensureTags } from '../../src/content/articles.js';
import { sanitizeBody } from '../../src/content/sanitize.js';
import { settleMediaJobs } from '../../src/media/storage.js';
import { createTestUser, signIn, type TestUser } from '../helpers/auth.js';
import { chromiumAvailable, launchBrowser, watchPage } from '../helpers/browser.js';
import { seriousViolations } from '../helpers/axe.js';
import { startTestServer, type TestServer } from '../helpers/server.js';



/** Word's clipboard HTML: classes, inline styles, Office tags and conditional comments around real structure. */
const wordClipboard = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body>
<!--StartFragment--><h2 style="mso-outline-level:2"><span style="font-family:Calibri">Council vote</span></h2>
<p class="MsoNormal" style="margin-bottom:8pt"><b><span style="color:red">Bold claim</span></b> and <i>an aside</i>.<o:p></o:p></p>
<ul><li class="MsoListParagraph" style="mso-list:l0">First point</li><li>Second point</li></ul>
<p class="MsoNormal"><a href="https://example.org/minutes" onclick="steal()">the minutes</a><script>alert('pasted')</script></p><!--EndFragment--></body></html>`;

const skip = chromiumAvailable() ? false : 'SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)';
if (skip) console.warn(`\n!!! ${skip}\n`);

describe('writing and publishing a story in a real browser', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  let author: TestUser;

  before(async () => {
    server = await startTestServer({ seed: false });
    browser = await launchBrowser();
    author = await createTestUser(server, 'author', { name: 'Rhea Porter' });
    await ensureSection(server.ctx.store.db, { slug: 'city', name: 'City' });
    await ensureSection(server.ctx.store.db, { slug: 'sport', name: 'Sport' });
    await ensureTags(server.ctx.store.db, ['Transport', 'Harbour']);
    const session = await signIn(server, author.email, author.password);
    const image = await sharp({ create: { width: 800, height: 500, channels: 3, background: { r: 30, g: 120, b: 200 } } }).jpeg().toBuffer();
    const form = new FormData();
    form.set('_csrf', session.csrf);
    form.set('alt', 'The harbour bridge at dusk');
    form.set('caption', 'The bridge reopens on Monday.');
    form.set('credit', 'Photo: City Archive');
    form.set('file', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), 'bridge.jpg');
    const uploaded = await fetch(`${server.url}/newsroom/media`, { method: 'POST', redirect: 'manual', headers: { cookie: session.cookie, accept: 'application/json' }, body: form });
    assert.ok(uploaded.status < 400, `upload answered ${uploaded.status}: ${await uploaded.text()}`);
  });

  after(async () => {
    await browser?.close();
    await settleMediaJobs();
    await server?.stop();
  });

  // The whole journey (sign in, write, quote by "/", image, embed, link, publish, read it on the site) is driven
  // by story-editor.test.ts against the writing canvas, by keyboard and by mouse, at 1366 and 390 px.

  it('pasting from Word keeps headings, emphasis, lists and links and drops styles and scripts', async () => {
    // CSP is bypassed here only so the accessibility audit script can be injected.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const watch = watchPage(page, server.url);
    const session = await signIn(server, author.email, author.password);
    const [name, value] = session.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    await page.goto(`${server.url}/newsroom/stories/new`);
    const editor = page.locator('.editor-body .ProseMirror');
    await editor.waitFor();
    assert.deepEqual(await seriousViolations(page, 'main'), [], 'the editor page passes an accessibility audit');
    await editor.click();
    await editor.evaluate((element, html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', 'Council vote');
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, wordClipboard);
    const body = await page.locator('#body_html').inputValue();
    assert.match(body, /<h2>Council vote<\/h2>/);
    assert.match(body, /<strong>Bold claim<\/strong> and <em>an aside<\/em>/);
    assert.match(body, /<ul><li><p>First point<\/p><\/li><li><p>Second point<\/p><\/li><\/ul>/);
    assert.match(body, /<a href="https:\/\/example.org\/minutes">the minutes<\/a>/);
    assert.doesNotMatch(body, /style=|class="Mso|onclick|<script|<o:p|<span/);

    await page.fill('#title', 'Council vote notes');
    await page.selectOption('#section_id', { label: 'City' });
    await page.locator('#autosave-status', { hasText: /^Saved/ }).waitFor({ timeout: 20_000 });
    const match = /\/newsroom\/stories\/(\d+)$/.exec(page.url());
    assert.ok(match, `the page now edits the autosaved story: ${page.url()}`);
    const saved = await server.ctx.store.db.selectFrom('articles').select(['title', 'status', 'body_html']).where('id', '=', Number(match[1])).executeTakeFirstOrThrow();
    assert.equal(saved.title, 'Council vote notes');
    assert.equal(saved.status, 'draft');
    assert.match(saved.body_html, /<h2>Council vote<\/h2>/);
    await page.click('.ed-bar button[value="save"]');
    await page.waitForURL(new RegExp(`/newsroom/stories/${match[1]}\\?saved=save$`));
    assert.equal(Number((await server.ctx.store.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('title', '=', 'Council vote notes').executeTakeFirstOrThrow()).n), 1, 'saving after an autosave updates the same story');
    assert.deepEqual([...watch.dialogs, ...watch.scriptErrors], []);
    await context.close();
  });

  it('opens every stored block unchanged: quotes, pull quotes, images and embeds survive the editor', async () => {
    const bodyHtml = [
      '<h2>What happened</h2>',
      '<p>Text with <strong>bold</strong>, <em>italic</em> and <a href="https://example.org/a">a link</a>.</p>',
      '<figure class="quote"><blockquote cite="https://example.org/report"><p>First line.</p><p>Second line.</p></blockquote><figcaption><cite>The Coastal Wire</cite>, in a report</figcaption></figure>',
      '<figure class="quote"><blockquote><p>No link here.</p></blockquote><figcaption><cite>Edda Marinov</cite></figcaption></figure>',
      '<aside class="pull-quote"><p>A line worth repeating.</p></aside>',
      '<figure class="image" data-media-id="1"><img src="/media/bridge.jpg" alt="A bridge"><figcaption>The bridge. <span class="credit">Photo: Archive</span></figcaption></figure>',
      '<figure class="embed" data-embed-url="https://video.example/watch/42"><a href="https://video.example/watch/42">https://video.example/watch/42</a></figure>',
      '<ol><li><p>One</p></li><li><p>Two</p></li></ol>',
    ].join('');
    const sectionId = (await server.ctx.store.db.selectFrom('sections').select('id').executeTakeFirstOrThrow()).id;
    const id = await createArticle(server.ctx.store.db, { title: 'Every block', bodyHtml, sectionId, status: 'draft', authorIds: [author.id] });
    const stored = (await server.ctx.store.db.selectFrom('articles').select('body_html').where('id', '=', id).executeTakeFirstOrThrow()).body_html;
    assert.equal(stored.replace(/ rel="noopener"/g, '').replace(/ \/>/g, '>'), bodyHtml, 'the sanitizer keeps every block as written');

    const context = await browser.newContext();
    const session = await signIn(server, author.email, author.password);
    const [name, value] = session.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    const watch = watchPage(page, server.url);
    await page.goto(`${server.url}/newsroom/stories/${id}`);
    await page.locator('.editor-body .ProseMirror').waitFor();
    // Attribute order aside (the sanitizer adds rel to every external link), the editor gives back what it was given.
    const withoutRel = (html: string) => html.replace(/ rel="noopener"/g, '');
    assert.equal(withoutRel(sanitizeBody(await page.locator('#body_html').inputValue())), withoutRel(stored), 'what the editor sends back saves as the same body');
    assert.equal(await page.locator('.editor-body figure.embed').getByLabel('Address').inputValue(), 'https://video.example/watch/42');
    assert.equal(await page.locator('.editor-body img[src="https://video.example/watch/42"], .editor-body iframe').count(), 0, 'nothing is loaded from the embedded site');
    assert.deepEqual([...watch.dialogs, ...watch.scriptErrors], []);
    await context.close();
  });
});
