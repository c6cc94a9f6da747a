/**
 * In a real browser: an author writes a story quoting two sources picked from the directory (one found by search, one
 * added in place with a link to the original document) and one inline attribution, publishes it, and readers see the
 * Sources box and the source page. Screenshots of both at 390 and 1366 px, light and dark.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ensureSection } from '../../src/content/articles.js';
import { systemActor } from '../../src/accounts/actor.js';
import { createSource } from '../../src/sources/commands.js';
import { citationsOf } from '../../src/sources/queries.js';
import { createTestUser, type TestUser } from '../helpers/auth.js';
import { chromiumAvailable, clickToEndOf, launchBrowser, saveScreenshot, watchPage } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const skip = chromiumAvailable() ? false : 'SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)';
if (skip) console.warn(`\n!!! ${skip}\n`);

describe('citing sources from the editor', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  let author: TestUser;

  before(async () => {
    server = await startTestServer({ seed: false });
    browser = await launchBrowser();
    author = await createTestUser(server, 'author', { name: 'Nadia Haddad' });
    await ensureSection(server.ctx.store.db, { slug: 'world', name: 'World' });
    const cli = systemActor('test');
    await createSource(server.ctx, cli, { kind: 'organisation', name: 'Syrian Observatory for Human Rights', orgType: 'monitoring', description: 'A UK-based monitoring group that reports casualties through a network of contacts on the ground.', url: 'https://www.syriahr.com/en/' });
    await createSource(server.ctx, cli, { kind: 'organisation', name: 'Reuters', orgType: 'agency' });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('picks one source by search and adds another in place; the story and the source page show them', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page, server.url);
    await page.goto(`${server.url}/newsroom/stories/new`);
    await page.fill('#email', author.email);
    await page.fill('#password', author.password);
    await page.click('main button[type="submit"]');
    await page.waitForURL(/\/newsroom\/stories\/new$/);
    await page.locator('.editor-body .ProseMirror').waitFor();
    await page.fill('#title', 'Shelling resumes near the northern crossing');
    await page.fill('#dek', 'Monitors counted dozens of strikes overnight.');
    const editor = page.locator('.editor-body .ProseMirror');
    await editor.click();
    await page.keyboard.type('Dozens of strikes hit the area overnight, according to Reuters.');

    // An inline attribution: select "Reuters" and cite it.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.down('Shift');
    for (let i = 0; i < 'Reuters'.length; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.up('Shift');
    await page.click('.editor-toolbar button[data-command="Cite source"]');
    const dialog = page.locator('dialog.source-picker');
    await dialog.waitFor();
    await dialog.locator('.source-picker-item', { hasText: 'Reuters' }).click();
    await editor.locator('cite[data-source]').waitFor();

    await clickToEndOf(editor.locator(':scope > p', { hasText: 'Dozens of strikes' }));
    await page.keyboard.press('Enter');
    await page.keyboard.type('The shelling did not stop all night.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Crossings will stay closed until further notice.');
    // A quote block by "/" on an empty line after the paragraph.
    await clickToEndOf(editor.locator(':scope > p', { hasText: 'The shelling' }));
    await page.keyboard.press('Enter');
    await page.keyboard.type('/quote');
    await page.keyboard.press('Enter');
    await page.keyboard.type('The shelling did not stop all night.');
    const quotes = page.locator('.editor-body figure.quote');
    await quotes.first().waitFor();
    await quotes.first().getByLabel('Source (person or outlet)').fill('syrian obs');
    await quotes.first().getByRole('button', { name: 'Pick from the directory' }).click();
    await dialog.waitFor();
    await dialog.locator('.source-picker-item', { hasText: 'Syrian Observatory for Human Rights' }).click();
    // The quote's fields take the choice once the picker has closed, not on the click itself.
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await quotes.first().getByLabel('Source (person or outlet)').inputValue(), 'Syrian Observatory for Human Rights');
    assert.match(await quotes.first().locator('.source-link-state').textContent() ?? '', /Linked to the directory/);

    // A second quote, from a source the directory does not have yet, added in place with the document's link.
    await clickToEndOf(editor.locator(':scope > p', { hasText: 'Crossings' }));
    await page.keyboard.press('Enter');
    await page.keyboard.type('/quote');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Crossings will stay closed until further notice.');
    await quotes.nth(1).waitFor();
    await quotes.nth(1).getByRole('button', { name: 'Pick from the directory' }).click();
    await dialog.waitFor();
    await dialog.locator('[data-source-search]').fill('Ministry of the Interior');
    await dialog.locator('.source-picker-status', { hasText: 'No source found' }).waitFor();
    await dialog.locator('[data-source-link]').fill('https://example.org/interior-statement');
    await dialog.getByRole('button', { name: 'Add as new source' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await quotes.nth(1).getByLabel('Link to the source (optional)').inputValue(), 'https://example.org/interior-statement');
    await saveScreenshot(page, 'sources-editor-picked');

    await page.click('.ed-bar button[data-primary="publish"]');
    await page.click('#publish-dialog [data-confirm-publish]');
    await page.waitForURL(/\?saved=publish$/);
    const id = Number(/stories\/(\d+)/.exec(page.url())![1]);
    const cited = await citationsOf(server.ctx.store.db, id);
    assert.deepEqual(cited.map((c) => c.source.name), ['Reuters', 'Syrian Observatory for Human Rights', 'Ministry of the Interior']);
    assert.deepEqual(cited[2]!.links, ['https://example.org/interior-statement']);
    assert.equal(await quotes.first().locator('.source-link-state').textContent(), `Linked to the directory (source ${cited[1]!.source.id}).`, 'the link survives reopening');

    const storyUrl = (await server.ctx.store.db.selectFrom('articles').select(['slug', 'published_at']).where('id', '=', id).executeTakeFirstOrThrow());
    const month = storyUrl.published_at!.slice(0, 7).replace('-', '/');
    const path = `/world/${month}/${storyUrl.slug}`;
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [390, 1366]) {
        const reader = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const view = await reader.newPage();
        await view.goto(`${server.url}${path}`);
        const box = view.locator('aside.sources-box');
        await box.scrollIntoViewIfNeeded();
        assert.equal(await box.locator('li').count(), 3);
        assert.ok(await view.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no sideways scroll at ${width}`);
        await saveScreenshot(view, `sources-story-${width}${scheme === 'dark' ? '-dark' : ''}`);
        await view.goto(`${server.url}/source/syrian-observatory-for-human-rights`);
        assert.match(await view.locator('main').textContent() ?? '', /The shelling did not stop all night\./);
        assert.ok(await view.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no sideways scroll at ${width}`);
        await saveScreenshot(view, `sources-page-${width}${scheme === 'dark' ? '-dark' : ''}`);
        await reader.close();
      }
    }
    assert.deepEqual(watch.scriptErrors, []);
    await context.close();
  });
});
