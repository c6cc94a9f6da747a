/** In a real browser: the sign-in form, the trip back to the page asked for, role-based navigation, sign-out, and accessible account pages. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createTestUser, type TestUser } from '../helpers/auth.js';
import { chromiumAvailable, launchBrowser, saveScreenshot, watchPage } from '../helpers/browser.js';
import { seriousViolations } from '../helpers/axe.js';
import { startTestServer, type TestServer } from '../helpers/server.js';



async function signInThroughForm(page: Page, user: TestUser): Promise<void> {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const skip = chromiumAvailable() ? false : 'SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)';
if (skip) console.warn(`\n!!! ${skip}\n`);

describe('newsroom accounts in a real browser', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  let admin: TestUser;
  let contributor: TestUser;

  before(async () => {
    server = await startTestServer({ seed: false });
    browser = await launchBrowser();
    admin = await createTestUser(server, 'admin', { name: 'Ada Admin' });
    contributor = await createTestUser(server, 'contributor', { name: 'Cole Contributor' });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in from a deep link, lands on the page asked for, and signs out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page, server.url);
    const cspReports: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspReports.push(message.text());
    });
    try {
      await page.goto(`${server.url}/newsroom/users`);
      await page.waitForURL(/\/newsroom\/sign-in\?next=%2Fnewsroom%2Fusers$/);
      await page.getByLabel('Password').fill('wrong password');
      await page.getByLabel('Email').fill(admin.email);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'That email and password do not match an account.' }).waitFor();
      await signInThroughForm(page, admin);
      await page.waitForURL(`${server.url}/newsroom/users`);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Users');
      const nav = page.getByRole('navigation', { name: 'Newsroom' });
      assert.equal(await nav.getByRole('link', { name: 'Users' }).getAttribute('aria-current'), 'page');
      assert.equal(await nav.getByRole('link', { name: 'Settings' }).count(), 1);

      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.waitForURL(/\/newsroom\/sign-in\?notice=signed-out$/);
      await page.getByText('You are signed out.').waitFor();
      await page.goto(`${server.url}/newsroom`);
      await page.waitForURL(/\/newsroom\/sign-in/);
      assert.deepEqual(watch.scriptErrors, []);
      assert.deepEqual(watch.foreignRequests, []);
      assert.deepEqual(cspReports, []);
    } catch (error) {
      await saveScreenshot(page, 'newsroom-accounts-sign-in');
      throw error;
    } finally {
      await context.close();
    }
  });

  it('shows a contributor only the areas their role may use', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/newsroom/sign-in`);
      await signInThroughForm(page, contributor);
      await page.waitForURL(`${server.url}/newsroom`);
      const nav = page.getByRole('navigation', { name: 'Newsroom' });
      assert.equal(await nav.getByRole('link', { name: 'Dashboard' }).count(), 1);
      for (const hidden of ['Users', 'Settings', 'Comments', 'Sections & tags', 'Webhooks', 'Import']) {
        assert.equal(await nav.getByRole('link', { name: hidden, exact: true }).count(), 0, `${hidden} is hidden`);
      }
      const refused = await page.goto(`${server.url}/newsroom/settings`);
      assert.equal(refused?.status(), 403);
      assert.match(await page.textContent('body') ?? '', /As a contributor you cannot change site settings\./);
    } finally {
      await context.close();
    }
  });

  it('has no serious accessibility problems on the sign-in, dashboard, users, settings and account pages', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/newsroom/sign-in`);
      assert.deepEqual(await seriousViolations(page), [], 'sign-in');
      await page.goto(`${server.url}/newsroom/sign-in`);
      await signInThroughForm(page, admin);
      await page.waitForURL(`${server.url}/newsroom`);
      for (const path of ['/newsroom', '/newsroom/users', '/newsroom/settings', '/newsroom/account', '/newsroom/forgot-password']) {
        await page.goto(`${server.url}${path}`);
        assert.deepEqual(await seriousViolations(page), [], path);
      }
    } finally {
      await context.close();
    }
  });
});
