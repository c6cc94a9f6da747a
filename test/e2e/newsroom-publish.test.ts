/** In a real browser: an author signs in, writes a story in the rich-text editor with an attributed quote and a library image, publishes it, and readers see it. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { createArticle, ensureSection, ensureTags } from '../../src/content/articles.js';
import { sanitizeBody } from '../../src/content/sanitize.js';
import { settleMediaJobs } from '../../src/media/storage.js';
import { createTestUser, signIn, type TestUser } from '../helpers/auth.js';
import { chromiumAvailable, launchBrowser, saveScreenshot, watchPage } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Element, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run(document.querySelector('main')!, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

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

  it('signs in, writes with a quote and an image, publishes, and the story is on the site', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page, server.url);
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });

    await page.goto(`${server.url}/newsroom/stories/new`);
    await page.waitForURL(/\/newsroom\/sign-in/);
    await page.fill('#email', author.email);
    await page.fill('#password', author.password);
    await page.click('main button[type="submit"]');
    await page.waitForURL(/\/newsroom\/stories\/new$/);

    await page.locator('.editor-body .ProseMirror').waitFor();
    assert.equal(await page.locator('#body_html').isHidden(), true, 'the rich-text editor replaces the plain textarea');
    assert.equal(await page.locator('#body-hint').isHidden(), true, 'the plain-HTML hint is gone once the rich editor runs');
    await page.fill('#title', 'Harbour bridge reopens after a year of repairs');
    assert.equal(await page.inputValue('#slug'), 'harbour-bridge-reopens-after-a-year-of-repairs', 'the slug follows the headline');
    await page.fill('#dek', 'Cars and cyclists can cross again from Monday.');
    assert.equal(await page.inputValue('#section_id'), '', 'no section is chosen for the writer');
    await page.selectOption('#section_id', { label: 'City' });
    const tagSearch = page.locator('#tag-search');
    await tagSearch.pressSequentially('Harb');
    await page.locator('#tag-search-suggestions [role="option"]', { hasText: 'Harbour' }).click();
    await tagSearch.pressSequentially('Trans');
    await page.locator('#tag-search-suggestions [role="option"]', { hasText: /^Transport$/ }).click();
    await tagSearch.pressSequentially('Bridges');
    await tagSearch.press('Enter');
    assert.equal(await page.inputValue('#tags'), 'Harbour, Transport, Bridges');

    const editor = page.locator('.editor-body .ProseMirror');
    await editor.click();
    await page.keyboard.type('The bridge closed last winter after inspectors found cracks.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('/quote');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Work finished two weeks ahead of schedule.');
    const quote = page.locator('.editor-body figure.quote');
    await quote.waitFor();
    await quote.getByLabel('Source (person or outlet)').fill('City Transit');
    await quote.getByLabel('Role or context (optional)').fill('in a statement');
    await quote.getByLabel('Link to the source (optional)').fill('https://example.org/transit-report');

    await editor.locator('> p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    const plus = page.locator('.ed-plus');
    // The "+" shows on the focused empty line; on a loaded machine the focus can land after the last transaction, so
    // a reader's click on that empty line (as a person would) brings it.
    if (!(await plus.isVisible())) await editor.locator('> p').nth(1).click();
    await plus.click();
    await page.locator('.ed-block-menu [data-block="image"]').click();
    const picker = page.locator('dialog.media-picker');
    await picker.waitFor();
    await picker.locator('.media-picker-item').first().click();
    const figure = page.locator('.editor-body figure.image');
    await figure.waitFor();
    assert.equal(await figure.getByLabel('Alt text (what the picture shows)').inputValue(), 'The harbour bridge at dusk');
    assert.match(await page.locator('#word-count').textContent() ?? '', /\d+ words · 1 min read/);

    await page.locator('#featured-choose').click();
    await picker.locator('.media-picker-item').first().click();
    // The choice lands once the picker's promise settles: wait for the preview it shows at the same moment.
    await page.locator('#featured-preview').waitFor({ state: 'visible' });
    assert.match(await page.inputValue('#featured_media_id'), /^\d+$/);

    await editor.locator('p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('/embed');
    await page.locator('.ed-block-menu [aria-selected="true"][data-block="embed"]').waitFor({ timeout: 5000 }).catch(async (err: unknown) => {
      await saveScreenshot(page, 'failed-embed-menu');
      throw err;
    });
    await page.keyboard.press('Enter');
    const ask = page.locator('dialog.address-dialog');
    await ask.getByLabel('Its address').fill('javascript:alert(1)');
    await ask.getByRole('button', { name: 'OK' }).click();
    assert.match(await ask.locator('.address-problem').textContent() ?? '', /full address/, 'a script address is refused');
    await ask.getByLabel('Its address').fill('https://video.example/watch/7');
    await ask.getByRole('button', { name: 'OK' }).click();
    await page.locator('.editor-body figure.embed').waitFor();

    await editor.locator('p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Control+k');
    await ask.getByLabel('Address (leave empty to remove the link)').fill('https://example.org/inspection');
    await ask.getByRole('button', { name: 'OK' }).click();
    await editor.locator('a[href="https://example.org/inspection"]').waitFor();

    await page.click('.ed-bar button[value="save"]');
    await page.waitForURL(/\/newsroom\/stories\/\d+\?saved=save$/);
    await page.locator('.editor-body .ProseMirror').waitFor();
    assert.equal(await page.locator('.editor-body figure.quote').count(), 1, 'the saved quote opens again as a quote block');
    assert.equal(await page.locator('.editor-body figure.quote').getByLabel('Source (person or outlet)').inputValue(), 'City Transit');
    const versionBefore = await page.inputValue('input[name="version"]');
    await page.locator('.editor-body .ProseMirror p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Repairs cost less than planned.');
    await page.locator('#autosave-status', { hasText: /^Saved/ }).waitFor({ timeout: 20_000 });
    assert.equal(Number(await page.inputValue('input[name="version"]')), Number(versionBefore) + 1, 'autosave moves the form to the new version');

    await page.click('.ed-bar button[data-primary="publish"]');
    const confirm = page.locator('#publish-dialog');
    await confirm.waitFor();
    assert.match(await confirm.textContent() ?? '', /In City/);
    await confirm.getByRole('button', { name: 'Publish now' }).click();
    await page.waitForURL(/\?saved=publish$/);
    assert.match(await page.locator('.nr-notice').textContent() ?? '', /Published/);
    assert.equal(await page.locator('#published-link a', { hasText: 'View story' }).count(), 1);
    await saveScreenshot(page, 'newsroom-story-published');

    const publicUrl = await page.locator('a', { hasText: 'View on the site' }).getAttribute('href');
    assert.ok(publicUrl);
    const reader = await browser.newContext();
    const readerPage = await reader.newPage();
    const readerWatch = watchPage(readerPage, server.url);
    await readerPage.goto(`${server.url}${publicUrl}`);
    assert.equal(await readerPage.locator('#story-title').textContent(), 'Harbour bridge reopens after a year of repairs');
    const shownQuote = readerPage.locator('.story-body figure.quote');
    assert.equal(await shownQuote.locator('blockquote').getAttribute('cite'), 'https://example.org/transit-report');
    assert.match(await shownQuote.locator('blockquote').textContent() ?? '', /Work finished two weeks ahead of schedule\./);
    assert.match(await readerPage.locator('.story-body > p').first().textContent() ?? '', /Repairs cost less than planned\./, 'the autosaved words were published');
    assert.equal(await shownQuote.locator('figcaption').textContent(), 'City Transit, in a statement');
    assert.equal(await shownQuote.locator('figcaption cite').textContent(), 'City Transit');
    assert.equal(await readerPage.locator('.featured-image img').getAttribute('alt'), 'The harbour bridge at dusk');
    const shownImage = readerPage.locator('.story-body figure.image');
    assert.equal(await shownImage.locator('img').getAttribute('alt'), 'The harbour bridge at dusk');
    assert.equal(await shownImage.locator('figcaption .credit').textContent(), 'Photo: City Archive');
    assert.deepEqual(await readerPage.locator('.story-tags a').allTextContents(), ['Bridges', 'Harbour', 'Transport']);
    assert.match(await readerPage.locator('.story-body > p a[href="https://example.org/inspection"]').textContent() ?? '', /inspectors found cracks/);
    assert.equal(await readerPage.locator('.story-body figure.embed').getAttribute('data-embed-url'), 'https://video.example/watch/7');
    assert.equal(await readerPage.locator('iframe').count(), 0, 'nothing from the embedded site loads until the reader asks');
    assert.ok(await shownImage.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the image loads');
    await saveScreenshot(readerPage, 'story-written-in-the-editor');

    assert.deepEqual([...watch.dialogs, ...watch.scriptErrors, ...readerWatch.dialogs, ...readerWatch.scriptErrors], []);
    assert.deepEqual([...watch.foreignRequests, ...readerWatch.foreignRequests], []);
    assert.deepEqual(cspViolations, [], 'the editor runs under the site\'s Content-Security-Policy');
    await reader.close();
    await context.close();
  });

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
    assert.deepEqual(await seriousViolations(page), [], 'the editor page passes an accessibility audit');
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
