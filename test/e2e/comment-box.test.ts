/** In a real browser: the comment box keeps every character of a long paste, counts it live, and the server's refusal keeps the text. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createArticle, ensureSection } from '../../src/content/articles.js';
import { findStory } from '../../src/content/queries.js';
import { createTestUser } from '../helpers/auth.js';
import { chromiumAvailable, launchBrowser, watchPage } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const skip = chromiumAvailable() ? false : 'SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)';
if (skip) console.warn(`\n!!! ${skip}\n`);

describe('the comment box in a real browser', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  let storyUrl: string;

  before(async () => {
    server = await startTestServer({ seed: false });
    browser = await launchBrowser();
    const writer = await createTestUser(server, 'author');
    const sectionId = await ensureSection(server.ctx.store.db, { slug: 'city', name: 'City' });
    const id = await createArticle(server.ctx.store.db, {
      title: 'Council publishes the harbour plan', bodyHtml: '<p>Four hundred pages.</p>', sectionId, status: 'published', authorIds: [writer.id],
    });
    storyUrl = `${server.url}${(await findStory(server.ctx.store.db, { id }))!.url}`;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('keeps all of a 20,000-character paste, counts it live, and gets the text back with the server’s refusal', async () => {
    const pasted = 'A long reply to the plan, пункт за пунктом. '.repeat(500).slice(0, 20_000);
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page, server.url);
    await page.goto(storyUrl);
    const count = page.locator('#comment-body-limit');
    assert.equal((await count.textContent())?.trim(), '5,000 characters left of 5,000.');
    assert.equal(await page.locator('#comment-body').getAttribute('aria-describedby'), 'comment-body-limit');

    const tokenRequest = page.waitForRequest(/\/comments\/form-token\?/);
    await page.locator('#comment-body').focus();
    assert.match((await tokenRequest).url(), /[?&]age=\d+/, 'the fresh token is dated from the page load');

    await page.fill('#comment-body', 'x'.repeat(4_600));
    assert.equal(await count.textContent(), '400 characters left of 5,000.');
    assert.equal(await count.getAttribute('data-state'), 'near', 'a warning before the limit');

    await page.fill('#comment-body', '');
    await page.keyboard.insertText(pasted);
    assert.equal(await page.locator('#comment-body').evaluate((el) => (el as HTMLTextAreaElement).value.length), 20_000, 'nothing is cut');
    assert.equal(await count.textContent(), '15,000 characters too many: comments can be at most 5,000.');
    assert.equal(await count.getAttribute('data-state'), 'over');
    await page.waitForFunction(() => document.getElementById('comment-body-count-status')?.textContent?.includes('15,000 characters too many'));
    assert.equal(await page.locator('#comment-body-count-status').getAttribute('role'), 'status', 'announced politely');

    await page.fill('#comment-name', 'Long Reader');
    await page.fill('#comment-email', 'long@readers.test');
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/comments') && r.request().method() === 'POST'), page.click('#comment-form button[type="submit"]')]);
    assert.equal(response.status(), 422);
    await page.waitForLoadState();
    assert.match((await page.locator('#comment-errors').textContent()) ?? '', /Comments can be at most 5000 characters; yours has 20000\./);
    assert.equal(await page.locator('#comment-body').evaluate((el) => (el as HTMLTextAreaElement).value), pasted, 'the text comes back whole');
    assert.equal(await count.textContent(), '15,000 characters too many: comments can be at most 5,000.');
    const stored = await server.ctx.store.db.selectFrom('comments').select('id').where('author_email', '=', 'long@readers.test').execute();
    assert.deepEqual(stored, []);
    assert.deepEqual([...watch.dialogs, ...watch.scriptErrors, ...watch.foreignRequests], []);
    await context.close();
  });
});
