/** In a real browser: an editor arranges the front, reorders top stories without JavaScript and by dragging, and readers see that order. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestUser, signIn } from '../helpers/auth.js';
import { chromiumAvailable, launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const skip = chromiumAvailable() ? false : 'SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)';
if (skip) console.warn(`\n!!! ${skip}\n`);

describe('arranging the front in a real browser', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  let cookie: string;
  let picks: { id: number; title: string }[];

  async function open(options: { width: number; height: number; dark?: boolean; javaScript?: boolean }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: options.width, height: options.height }, colorScheme: options.dark ? 'dark' : 'light', javaScriptEnabled: options.javaScript ?? true });
    await context.addInitScript('globalThis.__name = (f) => f;');
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    return { context, page: await context.newPage() };
  }

  /** Headlines of the top stories on the home page, in the order a reader meets them. */
  async function homeTopStories(page: Page): Promise<string[]> {
    // The browser may keep the front for its max-age (60 s); a reload asks the server again, which purged it on save.
    await page.goto(`${server.url}/`);
    await page.reload();
    return page.locator('.home-top .story-list .teaser-title').allTextContents().then((all) => all.map((t) => t.trim()));
  }

  async function chosenTop(page: Page): Promise<string[]> {
    return page.locator('select[name="top"]').evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).value));
  }

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const editor = await createTestUser(server, 'editor', { name: 'Front Editor' });
    cookie = (await signIn(server, editor.email, editor.password)).cookie;
    picks = await server.ctx.store.db.selectFrom('articles').select(['id', 'title']).where('status', '=', 'published').where('featured_media_id', 'is not', null).orderBy('published_at', 'desc').offset(10).limit(5).execute();
    assert.equal(picks.length, 5, 'the demo has stories with pictures, below the newest, to put on the front');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('chooses a lead package and top stories, reorders without JavaScript, then by dragging, and the home page follows', async () => {
    const [lead, related, a, b, c] = picks as [typeof picks[0], typeof picks[0], typeof picks[0], typeof picks[0], typeof picks[0]];
    // Without JavaScript: choose, move the second top story up with its arrow, save.
    const plain = await open({ width: 1366, height: 900, javaScript: false });
    await plain.page.goto(`${server.url}/newsroom/front`);
    await plain.page.selectOption('#lead', String(lead.id));
    await plain.page.selectOption('#related-0', String(related.id));
    await plain.page.selectOption('#top-0', String(a.id));
    await plain.page.selectOption('#top-1', String(b.id));
    await plain.page.selectOption('#top-2', String(c.id));
    await plain.page.getByRole('button', { name: 'Move top story 2 up' }).click();
    await plain.page.getByText('Nothing is saved until you press').waitFor();
    assert.deepEqual((await chosenTop(plain.page)).slice(0, 3), [String(b.id), String(a.id), String(c.id)]);
    await plain.page.getByRole('button', { name: 'Save the front' }).click();
    await plain.page.getByText('The front is saved').waitFor();
    await plain.context.close();
    const { context, page } = await open({ width: 1366, height: 900 });
    assert.deepEqual((await homeTopStories(page)).slice(0, 3), [b.title, a.title, c.title]);
    assert.equal((await page.locator('.lead .teaser-title').textContent())?.trim(), lead.title);
    assert.equal((await page.locator('.lead-related a').first().textContent())?.trim(), related.title);

    // With JavaScript: drag the third row to the top; the positions renumber, and saving keeps that order.
    await page.goto(`${server.url}/newsroom/front`);
    const rows = page.locator('ol[data-list="top"] > li');
    await rows.nth(2).locator('.front-grip').dragTo(rows.nth(0), { targetPosition: { x: 20, y: 4 } });
    assert.deepEqual((await chosenTop(page)).slice(0, 3), [String(c.id), String(b.id), String(a.id)]);
    assert.deepEqual(await page.locator('input[name="topPosition"]').evaluateAll((inputs) => inputs.slice(0, 3).map((i) => (i as HTMLInputElement).value)), ['1', '2', '3']);
    // The arrows move rows in place too, without a round trip.
    await page.getByRole('button', { name: 'Move top story 3 up' }).click();
    assert.deepEqual((await chosenTop(page)).slice(0, 3), [String(c.id), String(a.id), String(b.id)]);
    await page.getByRole('button', { name: 'Save the front' }).click();
    await page.getByText('The front is saved').waitFor();
    assert.deepEqual((await chosenTop(page)).slice(0, 3), [String(c.id), String(a.id), String(b.id)], 'the saved order');
    assert.deepEqual((await homeTopStories(page)).slice(0, 3), [c.title, a.title, b.title]);
    await context.close();
  });

  it('screenshots of the newsroom front page and the arranged home page at 390 and 1366 px, light and dark', async () => {
    for (const width of [390, 1366]) {
      for (const dark of [false, true]) {
        const { context, page } = await open({ width, height: width === 390 ? 844 : 900, dark });
        const suffix = `${width}${dark ? '-dark' : ''}`;
        await page.goto(`${server.url}/newsroom/front`);
        await saveScreenshot(page, `front-newsroom-${suffix}`);
        await page.goto(`${server.url}/`);
        await page.evaluate(async () => {
          await document.fonts.ready;
          for (const img of document.images) img.loading = 'eager';
          await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
        });
        if (width === 390) {
          // On phones the order is the editors' order: the lead, its related links, then the top stories.
          const order = await page.evaluate(() => ['.lead', '.lead-related', '.latest-rail', '.developing', '.section-blocks'].map((s) => document.querySelector(s)?.getBoundingClientRect().top ?? -1).filter((top) => top >= 0));
          assert.deepEqual([...order].sort((x, y) => x - y), order, `top to bottom in DOM order: ${order.join(', ')}`);
        } else {
          // Both columns carry content to the bottom: the rail's last list ends within a window's height of the last section block
          // (the columns' own boxes stretch to the row, so their last children are measured).
          const [left, right] = await page.evaluate(() => ['.front-lower .section-blocks > :last-child', '.opinion-rail > :last-child'].map((s) => document.querySelector(s)?.getBoundingClientRect().bottom ?? 0));
          assert.ok(right! > 0, 'the arranged front has an opinion rail');
          assert.ok(Math.abs(left! - right!) < 900, `section blocks end at ${left}, the opinion rail at ${right}`);
        }
        await saveScreenshot(page, `front-home-${suffix}`);
        await context.close();
      }
    }
  });
});
