/**
 * The story editor in Chromium: writing on the canvas, the "/" menu and "+" button, the pickers, saving, publishing
 * and scheduling — by keyboard alone at desktop width, with the mouse at phone width — plus pasting from Google Docs
 * and Word (clipboard fixtures in test/fixtures/clipboard), pasted and dropped pictures, presence, desk notes, the new
 * blocks on the public page, and an accessibility audit of the editor.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import sharp from 'sharp';
import { createArticle, ensureSection, ensureTags } from '../../src/content/articles.js';
import { settleMediaJobs } from '../../src/media/storage.js';
import { createTestUser, signIn, type TestUser } from '../helpers/auth.js';
import { chromiumAvailable, clickToEndOf, launchBrowser, saveScreenshot, watchPage } from '../helpers/browser.js';
import { seriousViolations } from '../helpers/axe.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const fixture = (name: string) => fs.readFileSync(path.resolve('test/fixtures/clipboard', name), 'utf8');


async function picture(color: { r: number; g: number; b: number }, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const image = sharp({ create: { width: 640, height: 400, channels: 3, background: color } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg().toBuffer();
}

const skip = chromiumAvailable() ? false : 'SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)';
if (skip) console.warn(`\n!!! ${skip}\n`);

describe('the story editor in a real browser', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  let editor: TestUser;
  let writer: TestUser;
  let relatedTitle: string;

  async function signedInContext(user: TestUser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
    const context = await browser.newContext(options);
    const session = await signIn(server, user.email, user.password);
    const [name, value] = session.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    return context;
  }

  async function upload(user: TestUser, alt: string, color: { r: number; g: number; b: number }): Promise<void> {
    const session = await signIn(server, user.email, user.password);
    const form = new FormData();
    form.set('_csrf', session.csrf);
    form.set('alt', alt);
    form.set('file', new Blob([new Uint8Array(await picture(color))], { type: 'image/jpeg' }), `${alt.replace(/\W+/g, '-')}.jpg`);
    const response = await fetch(`${server.url}/newsroom/media`, { method: 'POST', headers: { cookie: session.cookie, accept: 'application/json' }, body: form });
    assert.equal(response.status, 201, await response.text());
  }

  before(async () => {
    server = await startTestServer({ seed: false });
    browser = await launchBrowser();
    editor = await createTestUser(server, 'editor', { name: 'Dana Okafor' });
    writer = await createTestUser(server, 'author', { name: 'Omar Haddad' });
    const db = server.ctx.store.db;
    const city = await ensureSection(db, { slug: 'city', name: 'City' });
    await ensureSection(db, { slug: 'sport', name: 'Sport' });
    await ensureTags(db, ['Harbour', 'Transport']);
    relatedTitle = 'Ferry timetable changes for winter';
    await createArticle(db, { title: relatedTitle, bodyHtml: '<p>Earlier story.</p>', sectionId: city, status: 'published', authorIds: [writer.id], publishedAt: new Date(Date.now() - 86_400_000).toISOString() });
    await upload(editor, 'The harbour at dawn', { r: 30, g: 120, b: 200 });
    await upload(editor, 'Crowd on the quay', { r: 200, g: 90, b: 40 });
  });

  after(async () => {
    await browser?.close();
    await settleMediaJobs();
    await server?.stop();
  });

  it('by keyboard alone at desktop width: writes, inserts a quote and an image by "/", picks byline and tags, saves with Ctrl+S and publishes', async () => {
    const context = await signedInContext(editor, { viewport: { width: 1366, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'], bypassCSP: true });
    const page = await context.newPage();
    const watch = watchPage(page, server.url);
    await page.goto(`${server.url}/newsroom/stories/new`);
    await page.locator('.story-editor.editor-ready').waitFor();
    assert.equal(await page.locator('#body-hint').isVisible(), false, 'the plain-HTML hint only shows without the rich editor');
    assert.equal(await page.locator('#story-settings').isVisible(), true, 'the settings panel is open beside the canvas at desktop width');
    const font = await page.locator('#title').evaluate((el) => getComputedStyle(el).fontFamily);
    assert.match(font, /Source Serif 4/, 'the headline is set in the site\'s text face');

    let actions = 0;
    const key = async (keys: string) => {
      actions++;
      await page.keyboard.press(keys);
    };
    const type = async (text: string) => {
      actions++;
      await page.keyboard.type(text);
    };
    await page.locator('#title').focus();
    await type('Harbour ferries return after the strike');
    await key('Enter');
    await type('Night crossings resume on Tuesday.');
    await key('Enter');
    await type('The union and the operator signed a deal late on Sunday.');
    await key('Enter');
    await type('/quo');
    assert.equal(await page.locator('.ed-block-menu [aria-selected="true"]').getAttribute('data-block'), 'quote');
    await key('Enter');
    await type('We are glad to be back at work.');
    await key('Tab');
    await type('Mia Lund');
    await key('Tab');
    await type('union spokesperson');
    await key('Enter');
    await type('/image');
    await key('Enter');
    const picker = page.locator('dialog.media-picker');
    await picker.waitFor();
    await type('dawn');
    await page.waitForFunction(() => document.querySelectorAll('dialog.media-picker .media-picker-item').length === 1);
    assert.match(await picker.locator('.media-picker-item').textContent() ?? '', /The harbour at dawn/, 'the search narrows the grid');
    await key('Tab');
    await key('Enter');
    await page.locator('.editor-body figure.image').waitFor();
    assert.equal(await page.locator('.editor-body figure.image img').count(), 1);

    await key('Control+s');
    await page.locator('#autosave-status', { hasText: /choose a section/i }).waitFor();
    await page.locator('#section_id').focus();
    await key('ArrowDown');
    assert.equal(await page.locator('#section_id option:checked').textContent(), 'City');

    await page.locator('#author-search').focus();
    await type('Oma');
    await page.locator('#author-search-suggestions [role="option"]', { hasText: 'Omar Haddad' }).waitFor();
    await key('Enter');
    assert.deepEqual(await page.locator('#author_ids').evaluate((s: HTMLSelectElement) => [...s.selectedOptions].map((o) => o.text)), ['Dana Okafor', 'Omar Haddad'], 'the byline starts as the writer; a second writer is one pick');
    await key('Tab');
    await type('Harb');
    await page.locator('#tag-search-suggestions [role="option"]', { hasText: /^Harbour$/ }).waitFor();
    await key('Enter');
    await type('Ferries');
    await key('Enter');
    assert.equal(await page.inputValue('#tags'), 'Harbour, Ferries');

    await key('Control+s');
    await page.locator('#autosave-status', { hasText: /^Saved/ }).waitFor({ timeout: 15_000 });
    assert.match(page.url(), /\/newsroom\/stories\/\d+$/, 'the first save created the story');

    await page.locator('.ed-bar button[data-primary="publish"]').focus();
    await key('Enter');
    const dialog = page.locator('#publish-dialog');
    await dialog.waitFor();
    const said = await dialog.textContent() ?? '';
    assert.match(said, /In City/);
    assert.match(said, /\/city\/\d{4}\/\d{2}\/harbour-ferries-return-after-the-strike/);
    assert.match(said, /UTC time/);
    assert.match(said, /No webhook is set up/);
    assert.deepEqual(await seriousViolations(page), [], 'the publish confirmation passes an accessibility audit');
    await saveScreenshot(page, 'editor-publish-dialog-1366');
    await key('Enter');
    await page.waitForURL(/\?saved=publish$/);
    const link = await page.inputValue('#story-link');
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/city\/\d{4}\/\d{2}\/harbour-ferries-return-after-the-strike$/);
    await page.locator('button[data-copy]').focus();
    await key('Enter');
    await page.locator('.ed-copied', { hasText: /copied/ }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
    await saveScreenshot(page, 'editor-published-1366');
    console.log(`# keyboard actions to write and publish a story with a quote and an image: ${actions}`);

    const reader = await browser.newPage();
    await reader.goto(link);
    assert.equal(await reader.locator('.story-body figure.quote figcaption cite').textContent(), 'Mia Lund');
    assert.equal(await reader.locator('.story-body figure.image img').getAttribute('alt'), 'The harbour at dawn');
    await reader.close();
    assert.deepEqual([...watch.dialogs, ...watch.scriptErrors, ...watch.foreignRequests], []);
    await context.close();
  });

  it('with the mouse at 390 px: the settings sheet, "+" menu, upload in place from the picker, and scheduling in the site\'s zone', async () => {
    const context = await signedInContext(writer, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, bypassCSP: true });
    const page = await context.newPage();
    const watch = watchPage(page, server.url);
    await page.goto(`${server.url}/newsroom/stories/new`);
    await page.locator('.story-editor.editor-ready').waitFor();
    assert.equal(await page.locator('#story-settings').isVisible(), false, 'on a phone the settings wait in a closed sheet');
    let clicks = 0;
    const click = async (selector: string) => {
      clicks++;
      await page.locator(selector).click();
    };
    await click('#title');
    await page.keyboard.type('Quay market opens for the season');
    await click('.editor-body .ProseMirror');
    await page.keyboard.type('Stalls line the harbour from Saturday.');
    await page.keyboard.press('Enter');
    await click('.ed-plus');
    await click('.ed-block-menu [data-block="quote"]');
    await page.keyboard.type('Come early for the fish.');
    await page.locator('.editor-body figure.quote').getByLabel('Source (person or outlet)').fill('Ines Braga');
    clicks++;
    await page.keyboard.press('Enter');
    await click('.ed-plus');
    await click('.ed-block-menu [data-block="image"]');
    const picker = page.locator('dialog.media-picker');
    await picker.waitFor();
    assert.equal(await picker.locator('input[capture="environment"]').count(), 1, 'a phone can take the picture with its camera');
    await click('.media-picker-upload summary');
    await picker.locator('#picker-file').setInputFiles({ name: 'market.jpg', mimeType: 'image/jpeg', buffer: await picture({ r: 20, g: 160, b: 90 }) });
    await picker.getByLabel('Alt text: what the picture shows').fill('Stalls on the quay');
    await click('.media-picker-upload .ed-button-primary');
    await page.locator('.editor-body figure.image img').waitFor();
    assert.equal(await page.locator('.editor-body figure.image').getByLabel('Alt text (what the picture shows)').inputValue(), 'Stalls on the quay');
    await saveScreenshot(page, 'editor-canvas-390');

    await click('.ed-settings-toggle');
    const sheet = page.locator('#story-settings');
    await sheet.waitFor({ state: 'visible' });
    assert.equal(await sheet.evaluate((el) => getComputedStyle(el).position), 'fixed', 'the settings are a sheet');
    await page.selectOption('#section_id', { label: 'City' });
    clicks++;
    await saveScreenshot(page, 'editor-settings-sheet-390');
    assert.deepEqual(await seriousViolations(page), [], 'the editor with its sheet open passes an accessibility audit');
    await click('.ed-settings-close');
    assert.equal(await sheet.isVisible(), false);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing overflows sideways at 390 px');

    // A writer (author role) publishes their own story: the confirmation offers "at a time".
    await click('.ed-bar button[data-primary="publish"]');
    const dialog = page.locator('#publish-dialog');
    await dialog.waitFor();
    await click('#publish-dialog input[value="later"]');
    const when = new Date(Date.now() + 3 * 86_400_000);
    const local = `${when.toISOString().slice(0, 10)}T09:30`;
    await page.fill('#publish-dialog-at', local);
    assert.match(await dialog.locator('[data-fill="when"]').textContent() ?? '', /Goes out .*09:30 UTC time/);
    await saveScreenshot(page, 'editor-schedule-dialog-390');
    await click('#publish-dialog [data-confirm-publish]');
    await page.waitForURL(/\?saved=schedule$/);
    const id = Number(/stories\/(\d+)/.exec(page.url())![1]);
    const stored = await server.ctx.store.db.selectFrom('articles').select(['status', 'published_at']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(stored.status, 'scheduled');
    assert.equal(stored.published_at, `${local}:00.000Z`, 'the time is read on the site\'s clock (UTC here)');
    console.log(`# mouse clicks to write and schedule a story with a quote and an uploaded picture at 390 px: ${clicks}`);
    assert.deepEqual([...watch.dialogs, ...watch.scriptErrors, ...watch.foreignRequests], []);
    await context.close();
  });

  it('pasting from Google Docs and Word keeps the structure and drops the rest; pasted and dropped pictures upload and ask for alt text', async () => {
    const context = await signedInContext(editor);
    const page = await context.newPage();
    const watch = watchPage(page, server.url);
    await page.goto(`${server.url}/newsroom/stories/new`);
    const surface = page.locator('.editor-body .ProseMirror');
    await surface.waitFor();
    const paste = async (html: string) => {
      await surface.evaluate((element, clip) => {
        const data = new DataTransfer();
        data.setData('text/html', clip);
        data.setData('text/plain', 'plain');
        element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, html);
    };
    await surface.click();
    await paste(fixture('google-docs.html'));
    let body = await page.inputValue('#body_html');
    assert.match(body, /<h2>Ferry strike ends<\/h2>/, 'a Docs title heading becomes the story\'s top heading level');
    assert.match(body, /<p><strong>Crews return<\/strong> on Tuesday, <em>the union said<\/em>, after <a href="https:\/\/example.org\/deal">the deal<\/a>\.<\/p>/);
    assert.match(body, /<h3>What changes<\/h3>/);
    assert.match(body, /<ul><li><p>Night crossings resume<\/p><\/li><li><p>Fares stay the same<\/p><\/li><\/ul>/);
    assert.match(body, /<p>Indented closing line\.<\/p>/);
    assert.match(body, /<p>A table cell<\/p>/);
    assert.doesNotMatch(body, /style=|docs-internal|<b |<span|<img|<table|googleusercontent/);
    assert.doesNotMatch(body, /<strong>[^<]*(on Tuesday|Ferry)/, 'Docs\' normal-weight wrapper does not turn everything bold');

    await surface.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await paste(fixture('word.html'));
    body = await page.inputValue('#body_html');
    assert.match(body, /<h2>Budget vote<\/h2>/);
    assert.match(body, /<strong>Councillors approved<\/strong> the plan, <em>narrowly<\/em>, after <a href="https:\/\/example.org\/agenda">the agenda<\/a> ran late\./);
    assert.match(body, /<ul><li><p>Libraries keep Sunday hours<\/p><\/li><li><p>Road repairs move to spring<\/p><\/li><\/ul>/, 'Word\'s bulleted paragraphs become a list');
    assert.match(body, /<ol><li><p>First reading in January<\/p><\/li><li><p>Final vote in March<\/p><\/li><\/ol>/, 'numbered ones an ordered list');
    assert.match(body, /<blockquote><p><em>We had no better option\.<\/em><\/p><\/blockquote>/);
    assert.match(body, /<p>Closing remarks\.<\/p>/);
    assert.doesNotMatch(body, /Mso|mso-|<o:p|file:|<img|·|style=/);

    // A picture on the clipboard: uploaded to the library, inserted, and the alt text field asks to be filled.
    const png = await picture({ r: 240, g: 200, b: 30 }, 'png');
    const before = Number((await server.ctx.store.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    await surface.locator('p').last().click();
    await surface.evaluate((element, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'screenshot.png', { type: 'image/png' }));
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, [...png]);
    const pasted = page.locator('.editor-body figure.image.needs-alt');
    await pasted.waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('figure.image') !== null);
    assert.match(await pasted.locator('.ed-alt-needed').textContent() ?? '', /needed before publishing/);
    assert.equal(await page.evaluate(() => document.activeElement?.closest('label')?.textContent?.startsWith('Alt text')), true, 'the alt text field has the focus');
    await page.locator('.editor-body figure.image :focus').fill('A yellow test card');
    await page.locator('.editor-body figure.image.needs-alt').waitFor({ state: 'detached' });

    // A picture dropped on the text.
    const box = (await surface.locator('h2').first().boundingBox())!;
    await surface.evaluate((element, { bytes, x, y }) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
      element.dispatchEvent(new DragEvent('drop', { dataTransfer: data, clientX: x, clientY: y, bubbles: true, cancelable: true }));
    }, { bytes: [...(await picture({ r: 10, g: 40, b: 90 }, 'png'))], x: box.x + 5, y: box.y + box.height + 2 });
    await page.locator('.editor-body figure.image').nth(1).waitFor();
    const after = Number((await server.ctx.store.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    assert.equal(after, before + 2, 'both pictures went into the media library');
    body = await page.inputValue('#body_html');
    assert.match(body, /<figure class="image" data-media-id="\d+"><img src="\/media\/[^"]+" alt="A yellow test card">/);
    assert.deepEqual([...watch.dialogs, ...watch.scriptErrors], []);
    await context.close();
  });

  it('gallery, fact box, divider and related story from the "/" menu render on the public page', async () => {
    const context = await signedInContext(editor, { viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const watch = watchPage(page, server.url);
    await page.goto(`${server.url}/newsroom/stories/new`);
    await page.locator('.story-editor.editor-ready').waitFor();
    await page.fill('#title', 'Market day in pictures');
    await page.selectOption('#section_id', { label: 'City' });
    const surface = page.locator('.editor-body .ProseMirror');
    await surface.click();
    await page.keyboard.type('Opening paragraph.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('/gallery');
    await page.keyboard.press('Enter');
    const picker = page.locator('dialog.media-picker');
    await picker.waitFor();
    await picker.getByLabel('Search images').fill('quay');
    await page.waitForFunction(() => document.querySelectorAll('dialog.media-picker .media-picker-item').length === 2);
    await picker.locator('.media-picker-item').nth(0).click();
    await picker.locator('.media-picker-item').nth(1).click();
    await picker.getByRole('button', { name: 'Insert 2 pictures' }).click();
    await page.locator('.editor-body figure.gallery li').nth(1).waitFor();
    await page.locator('.editor-body figure.gallery').getByLabel('Caption for the gallery').fill('Scenes from the quay.');
    await clickToEndOf(surface.locator('> p').first());
    await page.keyboard.press('Enter');
    await page.keyboard.type('/fact');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Opening hours');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('Opens 7am to 2pm');
    await surface.locator('> p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('/divider');
    await page.keyboard.press('Enter');
    await surface.locator('> p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('/related');
    await page.keyboard.press('Enter');
    const storyPicker = page.locator('dialog.story-picker');
    await storyPicker.getByLabel('Search published stories').fill('ferry');
    await storyPicker.getByRole('button', { name: relatedTitle }).click();
    await page.locator('.editor-body .related-link').waitFor();
    await saveScreenshot(page, 'editor-blocks-1366');
    await page.click('.ed-bar button[data-primary="publish"]');
    await page.locator('#publish-dialog [data-confirm-publish]').click();
    await page.waitForLoadState('load');
    assert.match(page.url(), /\?saved=publish$/, (await page.locator('main').innerText()).slice(0, 600));
    const url = await page.inputValue('#story-link');
    const storedBody = (await server.ctx.store.db.selectFrom('articles').select('body_html').where('title', '=', 'Market day in pictures').executeTakeFirstOrThrow()).body_html;
    assert.match(storedBody, /<figure class="gallery"><img src="\/media\/[^"]+" alt="[^"]+" data-media-id="\d+" \/><img /, storedBody);
    const reader = await browser.newPage();
    await reader.goto(url);
    assert.equal(await reader.locator('.story-body figure.gallery img').count(), 2);
    assert.equal(await reader.locator('.story-body figure.gallery figcaption').textContent(), 'Scenes from the quay.');
    assert.match(await reader.locator('.story-body aside.fact-box').textContent() ?? '', /Opening hours.*Opens 7am to 2pm/s);
    assert.equal(await reader.locator('.story-body hr').count(), 1);
    assert.equal(await reader.locator('.story-body aside.related-link a').textContent(), relatedTitle);
    assert.match(await reader.locator('.story-body aside.related-link a').getAttribute('href') ?? '', /^\/city\/\d{4}\/\d{2}\/ferry-timetable-changes-for-winter$/);
    await saveScreenshot(reader, 'story-with-new-blocks');
    await reader.close();
    assert.deepEqual([...watch.dialogs, ...watch.scriptErrors], []);
    await context.close();
  });

  it('shows who else is editing, keeps desk notes off the site, and keeps a local copy when the server cannot be reached', async () => {
    const db = server.ctx.store.db;
    const sectionId = (await db.selectFrom('sections').select('id').where('slug', '=', 'city').executeTakeFirstOrThrow()).id;
    const id = await createArticle(db, { title: 'Shared draft', bodyHtml: '<p>First words.</p>', sectionId, status: 'draft', authorIds: [writer.id] });
    const first = await signedInContext(writer);
    // CSP is bypassed in this browser only so the accessibility audit script can be injected.
    const second = await signedInContext(editor, { bypassCSP: true });
    const writerPage = await first.newPage();
    await writerPage.goto(`${server.url}/newsroom/stories/${id}`);
    await writerPage.locator('.story-editor.editor-ready').waitFor();
    const editorPage = await second.newPage();
    await editorPage.goto(`${server.url}/newsroom/stories/${id}`);
    await editorPage.locator('#presence', { hasText: 'Omar Haddad is editing this story' }).waitFor();

    await editorPage.fill('#note-body', 'Check the ferry times with the operator before this goes out.');
    await editorPage.getByRole('button', { name: 'Add note' }).click();
    await editorPage.locator('.ed-note-list li', { hasText: 'Check the ferry times' }).waitFor();
    const notes = await db.selectFrom('story_notes').selectAll().where('article_id', '=', id).execute();
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.author_id, editor.id);
    assert.ok(notes[0]!.revision_id, 'the note is tied to the revision it was written on');
    await editorPage.evaluate(() => document.getElementById('note-body')?.blur());
    assert.deepEqual(await seriousViolations(editorPage), [], 'the editor page passes an accessibility audit');

    // The connection drops: the text stays in this browser and the page says it will save when back.
    await writerPage.locator('.editor-body .ProseMirror p').first().click();
    await first.setOffline(true);
    await writerPage.keyboard.press('End');
    await writerPage.keyboard.type(' Typed while offline.');
    await writerPage.locator('#autosave-status', { hasText: 'Offline — will save when back' }).waitFor();
    const kept = await writerPage.evaluate((key) => window.localStorage.getItem(key), `gazette:story:${id}`);
    assert.match(kept ?? '', /Typed while offline\./);
    await first.setOffline(false);
    await writerPage.locator('#autosave-status', { hasText: /^Saved/ }).waitFor({ timeout: 15_000 });
    assert.match((await db.selectFrom('articles').select('body_html').where('id', '=', id).executeTakeFirstOrThrow()).body_html, /Typed while offline\./);

    // Published, the story's public page carries nothing of the desk's notes.
    const at = new Date().toISOString();
    await db.updateTable('articles').set({ status: 'published', published_at: at }).where('id', '=', id).execute();
    const publicUrl = `${server.url}/city/${at.slice(0, 4)}/${at.slice(5, 7)}/shared-draft`;
    const publicResponse = await fetch(publicUrl);
    assert.equal(publicResponse.status, 200);
    const publicHtml = await publicResponse.text();
    assert.match(publicHtml, /Typed while offline\./);
    assert.doesNotMatch(publicHtml, /ferry times with the operator/);
    await first.close();
    await second.close();
  });

  it('follows the dark theme: canvas, settings panel and publish dialog in the newsroom\'s dark colours, still accessible', async () => {
    const db = server.ctx.store.db;
    const section = await db.selectFrom('sections').select('id').where('slug', '=', 'city').executeTakeFirstOrThrow();
    const id = await createArticle(db, {
      title: 'Night buses return to the harbour route', dek: 'The council restores three routes.', bodyHtml: '<p>Night buses return on Monday.</p><figure class="quote"><blockquote><p>We listened.</p></blockquote><figcaption><cite>The council</cite></figcaption></figure>',
      sectionId: section.id, status: 'draft', authorIds: [editor.id], publishedAt: null,
    });
    for (const [width, height] of [[1366, 900], [390, 844]] as const) {
      const context = await signedInContext(editor, { viewport: { width, height }, colorScheme: 'dark', bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${server.url}/newsroom/stories/${id}`);
      await page.locator('.story-editor.editor-ready').waitFor();
      const luminance = (color: string) => {
        const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).map(Number) as [number, number, number];
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const canvas = await page.locator('.editor-body .ProseMirror').evaluate((el) => {
        let node: Element | null = el;
        let background = 'rgba(0, 0, 0, 0)';
        while (node && /rgba\(0, 0, 0, 0\)|transparent/.test(background)) {
          background = getComputedStyle(node).backgroundColor;
          node = node.parentElement;
        }
        return { background, color: getComputedStyle(el).color };
      });
      assert.ok(luminance(canvas.background) < 60, `the canvas is dark (${canvas.background})`);
      assert.ok(luminance(canvas.color) > 180, `its text is light (${canvas.color})`);
      if (width === 390) {
        await page.locator('.ed-settings-toggle').click();
        await page.locator('#story-settings').waitFor({ state: 'visible' });
      }
      const panel = await page.locator('#story-settings').evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.ok(luminance(panel) < 60, `the settings panel is dark (${panel})`);
      await saveScreenshot(page, `editor-dark-${width}`);
      assert.deepEqual(await seriousViolations(page), [], `the editor in the dark theme at ${width} px passes an accessibility audit`);
      await context.close();
    }
  });
});
