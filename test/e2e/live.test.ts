/**
 * Live coverage in a real browser: a reader's page is open while journalists post. New updates wait behind a
 * "new updates" bar (announced politely to screen readers); pressing it shows them without moving what the reader
 * is reading; edits and deletions change in place. The live desk, at phone width, shows a colleague's update as it
 * is posted. Screenshots: test-results/screenshots/live-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createArticle, ensureSection } from '../../src/content/articles.js';
import { findStory } from '../../src/content/queries.js';
import { endCoverage, postUpdate, startCoverage, updateCoverage } from '../../src/live/commands.js';
import { createTestUser, signIn, type SignedIn } from '../helpers/auth.js';
import { chromiumAvailable, launchBrowser, saveScreenshot, watchPage } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const skip = chromiumAvailable() ? false : 'SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)';
if (skip) console.warn(`\n!!! ${skip}\n`);

describe('live coverage in a real browser', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  let storyId: number;
  let storyUrl: string;
  let journalist: SignedIn;
  let editor: SignedIn;

  const postAs = async (who: SignedIn, fields: Record<string, string>, path = `/newsroom/live/${storyId}/updates`) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { cookie: who.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
    });
    assert.ok(response.status < 300, `${path}: ${response.status}`);
    return (await response.json()) as { update: { id: number } };
  };

  /** The live desk signed in as the editor, in a browser of that size and theme. */
  const openDeskAs = async (viewport: { width: number; height: number }, colorScheme: 'light' | 'dark' = 'light') => {
    const context = await browser.newContext({ viewport, colorScheme });
    const [name, value] = editor.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    return { context, page, watch: watchPage(page, server.url) };
  };

  before(async () => {
    server = await startTestServer({ seed: false });
    browser = await launchBrowser();
    const author = await createTestUser(server, 'author', { name: 'Ana Field' });
    const editorUser = await createTestUser(server, 'editor', { name: 'Ed Desk' });
    journalist = await signIn(server, author.email, author.password);
    editor = await signIn(server, editorUser.email, editorUser.password);
    const sectionId = await ensureSection(server.ctx.store.db, { slug: 'city', name: 'City' });
    storyId = await createArticle(server.ctx.store.db, {
      title: 'Storm reaches the coast', dek: 'Live: wind, rain and closures.', bodyHtml: '<p>Background.</p>', sectionId, status: 'published', authorIds: [author.id],
    });
    storyUrl = (await findStory(server.ctx.store.db, { id: storyId }))!.url;
    const actor = { id: editorUser.id, role: 'editor' as const };
    await startCoverage(server.ctx, actor, { storyId, summaryHtml: '<p>The storm made landfall at noon. Schools are closed.</p>' });
    for (let i = 1; i <= 12; i++) {
      await postUpdate(server.ctx, actor, { storyId, headline: i % 4 === 0 ? `Key moment ${i}` : '', bodyHtml: `<p>Update number ${i}: ${'Wind and rain along the seafront. '.repeat(3)}</p>`, pinned: i % 4 === 0 });
    }
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a bar for new updates, inserts them on press without moving the reader, and edits or deletes in place', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const watch = watchPage(page, server.url);
    const streamOpen = page.waitForResponse((r) => r.url().includes(`/live/${storyId}/events`));
    await page.goto(`${server.url}${storyUrl}`);
    await streamOpen;
    // The reader is reading the third update.
    await page.locator('.live-update').nth(2).evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 100));
    const reading = page.locator('.live-update').nth(2);
    const readingId = await reading.getAttribute('id');
    const before = await page.evaluate(() => window.scrollY);
    const topBefore = await reading.evaluate((el) => el.getBoundingClientRect().top);

    const first = await postAs(journalist, { headline: 'Bridge closed', body_html: '<p>The harbour bridge is closed to traffic.</p>' });
    const second = await postAs(editor, { body_html: '<p>Power cuts in the old town.</p>' });
    const bar = page.locator('[data-live-bar]');
    await bar.waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.querySelector('[data-live-bar]')?.textContent === 'Show 2 new updates');
    assert.equal(await page.locator('[data-live-announce]').textContent(), '2 new updates.');
    assert.equal(await page.locator('.live-count').textContent(), '(14 updates)', 'the count follows what was published');
    assert.equal(await page.locator(`#update-${first.update.id}`).count(), 0, 'nothing is inserted before the reader asks');
    assert.equal(await page.evaluate(() => window.scrollY), before);
    await saveScreenshot(page, 'live-bar-1366');

    await bar.click();
    await page.locator(`#update-${first.update.id}`).waitFor();
    assert.equal(await bar.isHidden(), true);
    const ids = await page.locator('.live-update').evaluateAll((els) => els.slice(0, 2).map((el) => el.id));
    assert.deepEqual(ids, [`update-${second.update.id}`, `update-${first.update.id}`]);
    // What the reader was reading stays where it was on the screen.
    // (Within a pixel: the page lays out at fractions of one, and the anchor is restored to a whole one.)
    const topAfter = await page.locator(`#${readingId}`).evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(Math.abs(topAfter - topBefore) <= 1, `the update being read moved from ${topBefore} px to ${topAfter} px`);
    assert.equal(await page.locator('[data-live-announce]').textContent(), '2 new updates shown.');

    // At the top of the list, the press shows the new update in view, and the scroll position does not change.
    await page.locator('#live-updates-title').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 20));
    const atTop = await page.evaluate(() => window.scrollY);
    const third = await postAs(journalist, { body_html: '<p>Trains are stopped at the border.</p>' });
    await page.waitForFunction(() => document.querySelector('[data-live-bar]')?.textContent === 'Show 1 new update');
    await bar.click();
    await page.locator(`#update-${third.update.id}`).waitFor();
    assert.equal(await page.evaluate(() => window.scrollY), atTop);
    assert.ok(await page.locator(`#update-${third.update.id}`).isVisible());
    const box = await page.locator(`#update-${third.update.id}`).boundingBox();
    assert.ok(box && box.y >= 0 && box.y < 768, `the new update is on screen (y=${box?.y})`);

    // Edits and corrections change in place; deletions disappear.
    await postAs(editor, { headline: 'Bridge closed', body_html: '<p>The harbour bridge is closed in both directions.</p>', note: 'The first version said one direction.' }, `/newsroom/live/${storyId}/updates/${first.update.id}/edit`);
    await page.waitForFunction((id) => document.getElementById(`update-${id}`)?.textContent?.includes('both directions'), first.update.id);
    assert.match((await page.locator(`#update-${first.update.id} .live-correction`).textContent()) ?? '', /The first version said one direction/);
    await postAs(editor, {}, `/newsroom/live/${storyId}/updates/${second.update.id}/delete`);
    await page.locator(`#update-${second.update.id}`).waitFor({ state: 'detached' });
    await postAs(editor, {}, `/newsroom/live/${storyId}/updates/${third.update.id}/pin`);
    await page.waitForFunction((id) => !!document.querySelector(`.live-key-list a[href="#update-${id}"]`), third.update.id);
    await saveScreenshot(page, 'live-page-1366');
    assert.deepEqual(watch.scriptErrors, []);
    assert.deepEqual(watch.foreignRequests, []);
    await context.close();
  });

  it('the live desk at 390 px shows a colleague’s update as it is posted, with the controls of the ones already there', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context, page, watch } = await openDeskAs({ width: 390, height: 844 }, colorScheme);
      const streamOpen = page.waitForResponse((r) => r.url().includes(`/live/${storyId}/events`));
      await page.goto(`${server.url}/newsroom/live/${storyId}`);
      await streamOpen;
      await page.locator('.ProseMirror').waitFor();
      // A half-written headline in the composer: nothing below may reload the page and lose it.
      await page.locator('#headline').fill('Half-written headline');
      const countBefore = Number(await page.locator('[data-desk-count]').textContent());
      const made = await postAs(journalist, { headline: `From the field (${colorScheme})`, body_html: '<p>Filed from a phone on the seafront.</p>' });
      const card = page.locator(`#desk-update-${made.update.id}`);
      await card.waitFor();
      assert.match((await page.locator('[data-desk-incoming]').textContent()) ?? '', /1 update arrived/);
      assert.equal(Number(await page.locator('[data-desk-count]').textContent()), countBefore + 1);
      // The same controls as an update rendered with the page.
      const controls = (locator: ReturnType<typeof page.locator>) => locator.locator('.live-desk-actions button, .live-desk-actions a').allTextContents();
      const serverRendered = page.locator('.live-desk-update').filter({ hasNot: page.locator('.nr-status') }).nth(1);
      assert.deepEqual(await controls(card), ['Pin as key event', 'Edit or correct', 'Delete']);
      assert.deepEqual(await controls(card), await controls(serverRendered));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, 'no sideways scrolling at 390 px');
      await saveScreenshot(page, `live-desk-390-${colorScheme}`);
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screenshots/live-desk-390-${colorScheme}-arrived.png` });

      // Pinning the arrived update works in place: it becomes a key event, and its button turns into Unpin.
      await card.getByRole('button', { name: 'Pin as key event' }).click();
      await card.getByRole('button', { name: 'Unpin key event' }).waitFor();
      assert.match((await card.locator('.live-desk-meta').textContent()) ?? '', /Key event/);
      const pinned = await server.ctx.store.db.selectFrom('live_updates').select(['pinned', 'status']).where('id', '=', made.update.id).executeTakeFirstOrThrow();
      assert.equal(pinned.pinned, 1);
      // Delete asks first: dismissed (as watchPage dismisses every dialog), nothing happens.
      await card.getByRole('button', { name: 'Delete' }).click();
      assert.match(watch.dialogs.at(-1) ?? '', /^confirm: Delete this update\?/);
      assert.equal((await server.ctx.store.db.selectFrom('live_updates').select('status').where('id', '=', made.update.id).executeTakeFirstOrThrow()).status, 'published');
      // Confirmed, it removes the update from the desk, still without a reload.
      await page.evaluate(() => {
        window.confirm = () => true;
      });
      await card.getByRole('button', { name: 'Delete' }).click();
      await card.waitFor({ state: 'detached' });
      const deleted = await server.ctx.store.db.selectFrom('live_updates').select('status').where('id', '=', made.update.id).executeTakeFirstOrThrow();
      assert.equal(deleted.status, 'deleted');
      assert.equal(Number(await page.locator('[data-desk-count]').textContent()), countBefore);
      assert.equal(await page.locator('#headline').inputValue(), 'Half-written headline', 'the desk did not reload');

      const reader = await context.newPage();
      await reader.goto(`${server.url}${storyUrl}`);
      const readerOverflow = await reader.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(readerOverflow, 0);
      await saveScreenshot(reader, `live-page-390-${colorScheme}`);
      assert.deepEqual(watch.scriptErrors, []);
      await context.close();
    }
  });

  it('the live desk shows a contributor’s update waiting for approval, and approves it in place', async () => {
    const contributorUser = await createTestUser(server, 'contributor', { name: 'Cal Stringer' });
    const contributor = await signIn(server, contributorUser.email, contributorUser.password);
    const editorActor = { id: (await server.ctx.store.db.selectFrom('users').select('id').where('name', '=', 'Ed Desk').executeTakeFirstOrThrow()).id, role: 'editor' as const };
    await updateCoverage(server.ctx, editorActor, { storyId, summaryHtml: '<p>The storm made landfall at noon. Schools are closed.</p>', approvalRequired: true });
    try {
      const { context, page, watch } = await openDeskAs({ width: 390, height: 844 });
      await page.goto(`${server.url}/newsroom/live/${storyId}`);
      assert.equal(await page.locator('.live-desk-pending').isHidden(), true, 'nothing waits yet');
      const made = await postAs(contributor, { body_html: '<p>Sandbags handed out at the town hall.</p>' });
      // Not public, so not on the stream: the desk's own check finds it within a few seconds.
      const card = page.locator(`[data-desk-pending] > #desk-update-${made.update.id}`);
      await card.waitFor({ timeout: 15_000 });
      assert.equal(await page.locator('[data-desk-pending-count]').textContent(), '1');
      assert.match((await page.locator('[data-desk-incoming]').textContent()) ?? '', /waiting for approval/);
      await card.getByRole('button', { name: 'Approve' }).click();
      await page.locator(`[data-desk-stream] > #desk-update-${made.update.id}`).waitFor();
      assert.equal(await page.locator('.live-desk-pending').isHidden(), true);
      const row = await server.ctx.store.db.selectFrom('live_updates').select('status').where('id', '=', made.update.id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'published');
      assert.deepEqual(watch.scriptErrors, []);
      await context.close();
    } finally {
      await updateCoverage(server.ctx, editorActor, { storyId, summaryHtml: '<p>The storm made landfall at noon. Schools are closed.</p>', approvalRequired: false });
    }
  });

  it('the live desk at 1366 px, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context, page, watch } = await openDeskAs({ width: 1366, height: 900 }, colorScheme);
      await page.goto(`${server.url}/newsroom/live/${storyId}`);
      await page.locator('.ProseMirror').waitFor();
      const made = await postAs(journalist, { body_html: `<p>A colleague’s update on a wide screen (${colorScheme}).</p>` });
      await page.locator(`#desk-update-${made.update.id} .live-desk-actions`).waitFor();
      // The card is as readable as the page around it: its text and background differ in the dark theme too.
      const colours = await page.locator(`#desk-update-${made.update.id}`).evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
      assert.notEqual(colours[0], colours[1]);
      if (colorScheme === 'dark') assert.notEqual(colours[1], 'rgb(255, 255, 255)', 'no white card in the dark theme');
      await saveScreenshot(page, `live-desk-1366-${colorScheme}`);
      await page.screenshot({ path: `test-results/screenshots/live-desk-1366-${colorScheme}-top.png` });
      assert.deepEqual(watch.scriptErrors, []);
      await context.close();
    }
  });

  it('when a colleague ends coverage, the desk says so and keeps what was being written', async () => {
    const { context, page, watch } = await openDeskAs({ width: 390, height: 844 });
    const streamOpen = page.waitForResponse((r) => r.url().includes(`/live/${storyId}/events`));
    await page.goto(`${server.url}/newsroom/live/${storyId}`);
    await streamOpen;
    await page.locator('#headline').fill('Still typing');
    const editorActor = { id: (await server.ctx.store.db.selectFrom('users').select('id').where('name', '=', 'Ed Desk').executeTakeFirstOrThrow()).id, role: 'editor' as const };
    await endCoverage(server.ctx, editorActor, { storyId });
    await page.waitForFunction(() => /Live coverage has been ended/.test(document.querySelector('[data-desk-incoming]')?.textContent ?? ''));
    assert.equal(await page.locator('#headline').inputValue(), 'Still typing', 'no reload');
    assert.equal(await page.getByRole('button', { name: 'Post update' }).isDisabled(), true);
    assert.deepEqual(watch.scriptErrors, []);
    await context.close();
  });
});
