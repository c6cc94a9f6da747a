/**
 * The newsroom in a real browser, light and dark: axe on every newsroom page (no serious or critical violations),
 * the button system (primary and secondary look different), "New story" one click away on every page and visible at
 * 390 px, and the stories list and dashboard at 390 and 1366 px: filtering, a bulk move with the mouse, screenshots
 * in test-results/screenshots/newsroom-<page>-<width>-<theme>.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { createTestUser, signIn, type TestUser } from '../helpers/auth.js';
import { chromiumAvailable, launchBrowser, saveScreenshot, watchPage } from '../helpers/browser.js';
import { seriousViolations } from '../helpers/axe.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createArticle } from '../../src/content/articles.js';



const skip = chromiumAvailable() ? false : 'SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)';
if (skip) console.warn(`\n!!! ${skip}\n`);

const themes = ['light', 'dark'] as const;

describe('the newsroom in a real browser, light and dark', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  let admin: TestUser;
  let adminCookie = '';
  let pages: [name: string, path: string][] = [];

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    admin = await createTestUser(server, 'admin', { name: 'Nia Newsroom' });
    adminCookie = (await signIn(server, admin.email, admin.password)).cookie;
    const db = server.ctx.store.db;
    const sectionId = (await db.selectFrom('sections').select('id').orderBy('position').executeTakeFirstOrThrow()).id;
    for (const title of ['Night buses return to the harbour line', 'Draft: the school meals survey', 'Draft: river level readings explained']) {
      await createArticle(db, { title, bodyHtml: '<p>Notes.</p>', sectionId, status: 'draft', authorIds: [admin.id], editorId: admin.id });
    }
    const published = await db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    const revisions = await db.selectFrom('revisions').select('id').where('article_id', '=', published.id).orderBy('id').execute();
    const draft = await db.selectFrom('articles').select('id').where('status', '!=', 'published').orderBy('id').executeTakeFirst();
    const media = await db.selectFrom('media').select('id').orderBy('id').executeTakeFirstOrThrow();
    const comment = await db.selectFrom('comments').select('id').orderBy('id').executeTakeFirstOrThrow();
    const section = await db.selectFrom('sections').select('id').orderBy('position').executeTakeFirstOrThrow();
    const tag = await db.selectFrom('tags').select('id').orderBy('id').executeTakeFirstOrThrow();
    pages = [
      ['dashboard', '/newsroom'],
      ['stories', '/newsroom/stories'],
      ['stories-filtered', '/newsroom/stories?status=published&sort=title'],
      ['story-editor', `/newsroom/stories/${published.id}`],
      ['story-new', '/newsroom/stories/new'],
      ['revisions', `/newsroom/stories/${published.id}/revisions`],
      ...(revisions.length > 1 ? [['revisions-compare', `/newsroom/stories/${published.id}/revisions/compare?from=${revisions[0]!.id}&to=${revisions.at(-1)!.id}`] as [string, string]] : []),
      ...(draft ? [['story-delete', `/newsroom/stories/${draft.id}/delete`] as [string, string]] : []),
      ['media', '/newsroom/media'],
      ['media-item', `/newsroom/media/${media.id}`],
      ['comments', '/newsroom/comments'],
      ['comment', `/newsroom/comments/${comment.id}`],
      ['blocklist', '/newsroom/comments/blocklist'],
      ['taxonomy', '/newsroom/taxonomy'],
      ['section', `/newsroom/taxonomy/sections/${section.id}`],
      ['tag', `/newsroom/taxonomy/tags/${tag.id}`],
      ['users', '/newsroom/users'],
      ['front', '/newsroom/front'],
      ['settings', '/newsroom/settings'],
      ['tokens', '/newsroom/tokens'],
      ['webhooks', '/newsroom/webhooks'],
      ['import', '/newsroom/import'],
      ['account', '/newsroom/account'],
    ];
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(theme: 'light' | 'dark', viewport = { width: 1366, height: 900 }, options: { bypassCSP?: boolean } = {}): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport, colorScheme: theme, bypassCSP: options.bypassCSP ?? false });
    const [name, value] = adminCookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    return context;
  }

  for (const theme of themes) {
    it(`has no serious or critical axe violations on any newsroom page (${theme})`, async () => {
      assert.ok(pages.length >= 20, 'the list of newsroom pages is filled in');
      const failures: string[] = [];
      const signedOut = await browser.newContext({ colorScheme: theme, bypassCSP: true });
      try {
        const page = await signedOut.newPage();
        for (const path of ['/newsroom/sign-in', '/newsroom/forgot-password']) {
          await page.goto(`${server.url}${path}`);
          failures.push(...(await seriousViolations(page)).map((v) => `${path}: ${v}`));
        }
        await saveScreenshot(page, `newsroom-sign-in-1366-${theme}`);
      } finally {
        await signedOut.close();
      }
      const context = await signedIn(theme, undefined, { bypassCSP: true });
      try {
        const page = await context.newPage();
        for (const [name, path] of pages) {
          const response = await page.goto(`${server.url}${path}`);
          assert.equal(response?.status(), 200, `${name} (${path}) answers`);
          failures.push(...(await seriousViolations(page)).map((v) => `${name} (${path}): ${v}`));
          // "New story" is one click away on every page.
          assert.equal(await page.locator('header .nr-new-story').count(), 1, `${name}: New story in the header`);
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(failures, []);
    });
  }

  it('draws primary, secondary and danger buttons differently, in both themes', async () => {
    for (const theme of themes) {
      const context = await signedIn(theme);
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}/newsroom/account`);
        const look = (selector: string) =>
          page.locator(selector).first().evaluate((el) => {
            const style = getComputedStyle(el);
            return `${style.backgroundColor} / ${style.color}`;
          });
        const primary = await look('main button.nr-button:not(.nr-button-secondary):not(.nr-button-danger)');
        const secondary = await look('main button.nr-button-secondary');
        assert.notEqual(primary, secondary, `${theme}: a secondary button does not look like the primary one`);
        const draft = await server.ctx.store.db.selectFrom('articles').select('id').where('status', '!=', 'published').orderBy('id').executeTakeFirstOrThrow();
        await page.goto(`${server.url}/newsroom/stories/${draft.id}/delete`);
        const danger = await look('main button.nr-button-danger');
        assert.notEqual(danger, primary, `${theme}: danger differs from primary`);
        assert.notEqual(danger, secondary, `${theme}: danger differs from secondary`);
      } finally {
        await context.close();
      }
    }
  });

  for (const theme of themes) {
    for (const viewport of [{ width: 390, height: 844 }, { width: 1366, height: 900 }]) {
      it(`the dashboard and the stories list work at ${viewport.width} px (${theme})`, async () => {
        const context = await signedIn(theme, viewport);
        const page = await context.newPage();
        const watch = watchPage(page, server.url);
        const shot = `${viewport.width}-${theme}`;
        try {
          await page.goto(`${server.url}/newsroom`);
          await page.getByRole('heading', { name: 'Recent activity' }).waitFor();
          const newStory = page.locator('header .nr-new-story');
          assert.ok(await newStory.isVisible(), 'New story is visible without scrolling or opening anything');
          const box = await newStory.boundingBox();
          assert.ok(box && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width, 'New story is inside the first screen');
          const activity = await page.locator('.nr-activity li').allTextContents();
          assert.ok(activity.length > 0, 'recent activity is listed');
          const lines = activity.map((l) => l.replace(/\s+/g, ' ').replace(/\d{1,2} \w+ \d{4}.*$/, '').trim());
          assert.equal(new Set(lines).size, lines.length, `no line repeats: ${lines.join(' | ')}`);
          assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1), true, 'no sideways scrolling');
          await saveScreenshot(page, `newsroom-dashboard-${shot}`);

          await page.goto(`${server.url}/newsroom/stories`);
          await page.getByLabel('Search headlines and summaries').fill('the');
          await page.getByLabel('Sort by').selectOption('title');
          await page.getByRole('button', { name: 'Show stories' }).click();
          await page.waitForURL(/\/newsroom\/stories\?q=the&sort=title$/);
          const titles = await page.locator('.nr-story-title a').allTextContents();
          assert.ok(titles.length > 1, 'the search found stories');
          assert.deepEqual(titles, [...titles].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)), 'sorted by headline');
          assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1), true, 'no sideways scrolling');
          await saveScreenshot(page, `newsroom-stories-${shot}`);

          // A bulk move with the mouse: the section field shows only for "Move to section".
          await page.goto(`${server.url}/newsroom/stories?status=draft`);
          const rows = page.locator('input[name="ids"]');
          if ((await rows.count()) === 0) await page.goto(`${server.url}/newsroom/stories?status=review`);
          assert.ok((await rows.count()) > 0, 'stories to select');
          assert.equal(await page.locator('[data-bulk-for="move"]').isVisible(), false, 'no section field until moving is chosen');
          await page.getByLabel('With the selected stories').selectOption('move');
          await page.getByLabel('Move to section').selectOption({ index: 2 });
          const chosen = await page.locator('#bulk-section option:checked').textContent();
          await rows.first().check();
          await page.getByText('1 selected').waitFor();
          await page.getByRole('button', { name: 'Apply to selected' }).click();
          await page.locator('.nr-notice').filter({ hasText: /1 story (moved|was already in that section)|already in that section/ }).waitFor();
          await saveScreenshot(page, `newsroom-stories-bulk-${shot}`);
          assert.ok(chosen, 'a section was chosen');
          assert.deepEqual(watch.scriptErrors, []);
          assert.deepEqual(watch.foreignRequests, []);
        } catch (error) {
          await saveScreenshot(page, `newsroom-failure-${shot}`);
          throw error;
        } finally {
          await context.close();
        }
      });
    }
  }
});
