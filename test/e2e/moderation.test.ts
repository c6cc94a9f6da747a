/** In a real browser: a reader's comment is held, an editor signs in, approves it in the queue, and it appears on the story. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createArticle, ensureSection } from '../../src/content/articles.js';
import { findStory } from '../../src/content/queries.js';
import { createTestUser, type TestUser } from '../helpers/auth.js';
import { chromiumAvailable, launchBrowser, saveScreenshot, watchPage } from '../helpers/browser.js';
import { seriousViolations } from '../helpers/axe.js';
import { startTestServer, type TestServer } from '../helpers/server.js';


const skip = chromiumAvailable() ? false : 'SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)';
if (skip) console.warn(`\n!!! ${skip}\n`);


describe('moderating a comment in a real browser', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  let editor: TestUser;
  let storyUrl: string;

  before(async () => {
    server = await startTestServer({ seed: false });
    browser = await launchBrowser();
    editor = await createTestUser(server, 'editor', { name: 'Mo Derator' });
    const sectionId = await ensureSection(server.ctx.store.db, { slug: 'city', name: 'City' });
    const id = await createArticle(server.ctx.store.db, {
      title: 'Night buses return to the harbour line', bodyHtml: '<p>Services resume on Friday.</p>', sectionId, status: 'published', authorIds: [editor.id],
    });
    storyUrl = `${server.url}${(await findStory(server.ctx.store.db, { id }))!.url}`;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('holds a reader’s comment until an editor approves it, then shows it on the story', async () => {
    const commentText = 'Great news for late shifts at the port.';
    const reader = await browser.newContext();
    const readerPage = await reader.newPage();
    const readerWatch = watchPage(readerPage, server.url);
    await readerPage.goto(storyUrl);
    await readerPage.fill('#comment-body', commentText);
    await readerPage.fill('#comment-name', 'Night Owl');
    await readerPage.fill('#comment-email', 'owl@readers.test');
    await readerPage.click('#comment-form button[type="submit"]');
    await readerPage.waitForURL(/comment=pending/);
    assert.match((await readerPage.locator('#comment-status').textContent()) ?? '', /awaiting moderation/);
    assert.equal(await readerPage.getByText(commentText).count(), 0, 'a held comment is not shown');

    const newsroom = await browser.newContext({ bypassCSP: true });
    const page = await newsroom.newPage();
    const watch = watchPage(page, server.url);
    await page.goto(`${server.url}/newsroom/comments`);
    await page.waitForURL(/\/newsroom\/sign-in/);
    await page.fill('#email', editor.email);
    await page.fill('#password', editor.password);
    await page.click('main button[type="submit"]');
    await page.waitForURL(/\/newsroom\/comments$/);
    assert.equal((await page.locator('[data-status="pending"] .nr-card-count').textContent())?.trim(), '1');
    const row = page.locator('tr[data-comment-id]', { hasText: commentText });
    assert.equal(await row.count(), 1);
    assert.match((await row.textContent()) ?? '', /Night buses return to the harbour line/);
    assert.deepEqual(await seriousViolations(page, 'main'), []);

    await row.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(/to=approved&n=1/);
    assert.match((await page.locator('.nr-notice').textContent()) ?? '', /Approved: 1 comment/);
    assert.equal((await page.locator('[data-status="pending"] .nr-card-count').textContent())?.trim(), '0');
    assert.equal((await page.locator('[data-status="approved"] .nr-card-count').textContent())?.trim(), '1');
    await saveScreenshot(page, 'moderation-queue-after-approve');

    await page.goto(`${server.url}/newsroom/comments?status=approved`);
    await page.locator('#select-all').check();
    assert.deepEqual(await page.locator('input[name="ids"]').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).checked)), [true]);

    // Story pages may be kept by the browser for a minute (Cache-Control max-age=60); a reload revalidates, as a reader's would.
    await readerPage.goto(storyUrl);
    await readerPage.reload();
    const shown = readerPage.locator('.comment', { hasText: commentText });
    assert.equal(await shown.count(), 1);
    assert.match((await shown.locator('.comment-author').textContent()) ?? '', /Night Owl/);
    assert.deepEqual([...readerWatch.dialogs, ...readerWatch.scriptErrors, ...watch.dialogs, ...watch.scriptErrors], []);
    await reader.close();
    await newsroom.close();
  });
});
