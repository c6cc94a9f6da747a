/**
 * In a real browser: a journalist gives a story its places from the panel linked in the editor. The lookup answers as
 * they type; the arrow keys and Enter add a city to the table, ticked; they choose it as the dateline, save, and the
 * story page shows it. Without JavaScript the same box is a plain search form that reloads the panel with results.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createArticle, ensureSection } from '../../src/content/articles.js';
import { systemActor } from '../../src/accounts/actor.js';
import { addPlace } from '../../src/places/commands.js';
import { placesOfStory } from '../../src/places/store.js';
import { createTestUser, type TestUser } from '../helpers/auth.js';
import { chromiumAvailable, launchBrowser, saveScreenshot, watchPage } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const skip = chromiumAvailable() ? false : 'SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)';
if (skip) console.warn(`\n!!! ${skip}\n`);

describe('the story places panel', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  let author: TestUser;
  let storyId: number;

  before(async () => {
    server = await startTestServer({ seed: false });
    browser = await launchBrowser();
    author = await createTestUser(server, 'author', { name: 'Lena Okafor' });
    const sectionId = await ensureSection(server.ctx.store.db, { slug: 'world', name: 'World' });
    await addPlace(server.ctx, systemActor('test'), { name: 'Тарсел', altNames: 'Tarsel', region: 'Korvath', lat: '-31.42', lon: '-118.65' });
    storyId = await createArticle(server.ctx.store.db, {
      title: 'Talks resume after a week of delays',
      dek: 'Delegations returned to the table.',
      bodyHtml: '<p>Negotiators met again on Monday.</p>',
      sectionId,
      status: 'published',
      authorIds: [author.id],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(javaScriptEnabled: boolean) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${server.url}/newsroom/stories/${storyId}/places`);
    await page.fill('#email', author.email);
    await page.fill('#password', author.password);
    await page.click('main button[type="submit"]');
    await page.waitForURL(new RegExp(`/newsroom/stories/${storyId}/places$`));
    return { context, page };
  }

  it('looks places up as the journalist types; the keyboard adds one, which is saved as the dateline', async () => {
    const { context, page } = await signedIn(true);
    const watch = watchPage(page, server.url);
    const box = page.locator('#place-q');
    await box.focus();
    await page.keyboard.type('Muns');
    const list = page.locator('#place-suggestions');
    await list.locator('[role="option"]').first().waitFor();
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    const options = await list.locator('[role="option"]').allTextContents();
    assert.ok(options.length >= 2, options.join(' | '));
    assert.match(options[0]!, /^Munster, Germany|^Münster, Germany/, options.join(' | '));
    assert.equal(await box.getAttribute('aria-activedescendant'), 'place-option-0');
    // Down to the second result and back up to the first, then Enter adds it.
    await page.keyboard.press('ArrowDown');
    assert.equal(await box.getAttribute('aria-activedescendant'), 'place-option-1');
    assert.equal(await list.locator('[aria-selected="true"]').count(), 1);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    assert.equal(page.url(), `${server.url}/newsroom/stories/${storyId}/places`, 'Enter on an option does not submit the search form');
    assert.equal(await list.isHidden(), true);
    const added = page.locator('tr.place-added');
    await added.waitFor();
    assert.match((await added.locator('th').textContent()) ?? '', /^Münster, Germany/);
    assert.equal(await added.locator('input[name="about"]').isChecked(), true);
    assert.match((await page.locator('[role="status"]').first().textContent()) ?? '', /added and ticked/);
    assert.equal(await box.inputValue(), '');

    // A second place, the newsroom's own, typed in its Cyrillic name: Escape closes the list, the arrow opens it again, the mouse chooses.
    await box.focus();
    await page.keyboard.type('Тарс');
    await list.locator('[role="option"]', { hasText: 'Тарсел, Korvath' }).waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await list.isHidden(), true);
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    await page.keyboard.press('ArrowDown');
    await list.locator('[role="option"]').first().click();
    assert.equal(await page.locator('tr.place-added').count(), 2);
    assert.match((await page.locator('tr.place-added').nth(1).locator('th').textContent()) ?? '', /^Тарсел, Korvath/);

    await added.first().locator('input[name="dateline"]').check();
    await saveScreenshot(page, 'places-panel');
    await page.click('button:has-text("Save places")');
    await page.waitForURL(/saved=1/);
    const stored = await placesOfStory(server.ctx.store.db, storyId);
    assert.equal(stored.dateline?.name, 'Münster');
    assert.equal(stored.about.length, 2);
    assert.deepEqual(watch.scriptErrors, []);
    assert.deepEqual(watch.foreignRequests, []);
    await context.close();
  });

  it('without JavaScript the box is a search form: Find lists the results in the table to tick', async () => {
    const { context, page } = await signedIn(false);
    await page.fill('#place-q', 'kisumu');
    await page.click('button:has-text("Find")');
    await page.waitForURL(/q=kisumu/);
    const row = page.locator('tr', { hasText: 'Found for “kisumu”' }).first();
    await row.waitFor();
    await row.locator('input[name="about"]').check();
    await page.click('button:has-text("Save places")');
    await page.waitForURL(/saved=1/);
    const stored = await placesOfStory(server.ctx.store.db, storyId);
    assert.ok(stored.about.some((p) => p.name === 'Kisumu'), stored.about.map((p) => p.name).join(', '));
    await context.close();
  });
});
