/**
 * Brand settings and focal points in a real browser: an accent, a typeface pairing and a theme chosen in the newsroom
 * reach the public pages (custom properties, the loaded face, the page colours) at 390 and 1366 px in both themes,
 * with no serious accessibility violation; a focal point set by clicking the picture in the media library moves the
 * crop of the card's <img>. Screenshots: test-results/screenshots/brand-*.png.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchBrowser, saveScreenshot, watchPage } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createTestUser, signIn, type SignedIn } from '../helpers/auth.js';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let server: TestServer;
let browser: Browser;
let admin: SignedIn;

const skip = chromiumAvailable() ? false : 'SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)';
if (skip) console.warn(`\n!!! ${skip}\n`);

async function saveSettings(fields: Record<string, string>): Promise<void> {
  const response = await fetch(`${server.url}/newsroom/settings`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookie },
    body: new URLSearchParams({ title: 'The Gazette', description: 'Independent reporting.', language: 'en', timezone: 'UTC', commentsCloseAfterDays: '0', logoMediaId: '', _csrf: admin.csrf, ...fields }).toString(),
  });
  assert.equal(response.status, 303, await response.text());
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe.run;
    return (await run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

describe('brand settings and focal points in a browser', { skip }, () => {
  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const user = await createTestUser(server, 'admin');
    admin = await signIn(server, user.email, user.password);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a green accent with Fraunces and Libre Franklin, automatic theme: 390 and 1366 px, light and dark', async () => {
    await saveSettings({ accentColor: '#0b6b4f', accentColorDark: '', typePairing: 'fraunces', theme: 'auto' });
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [390, 1366]) {
        // axe is injected as an inline script, which the site's CSP refuses; bypass it for the audit only.
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme, bypassCSP: true });
        const page = await context.newPage();
        const watch = watchPage(page, server.url);
        await page.goto(`${server.url}/`);
        await page.evaluate(() => document.fonts.ready);
        const seen = await page.evaluate(() => {
          const root = getComputedStyle(document.documentElement);
          const kicker = document.querySelector('.section-label, .kicker');
          return {
            brand: root.getPropertyValue('--brand').trim(),
            kicker: kicker ? getComputedStyle(kicker).color : '',
            headline: getComputedStyle(document.querySelector('.site-title')!).fontFamily,
            ui: getComputedStyle(document.querySelector('.sections-nav')!).fontFamily,
            loaded: document.fonts.check('700 1em "Fraunces Variable"') && document.fonts.check('600 1em "Libre Franklin Variable"'),
            paper: getComputedStyle(document.body).backgroundColor,
          };
        });
        if (colorScheme === 'light') {
          assert.equal(seen.brand, '#0b6b4f');
          assert.equal(seen.kicker, 'rgb(11, 107, 79)', 'kickers take the accent');
          assert.equal(seen.paper, 'rgb(253, 252, 250)');
        } else {
          assert.match(seen.brand, /^#[0-9a-f]{6}$/);
          assert.notEqual(seen.brand, '#0b6b4f', 'the dark theme has its lighter tint');
          assert.equal(seen.paper, 'rgb(18, 20, 22)');
        }
        assert.match(seen.headline, /^"Fraunces Variable"/);
        assert.match(seen.ui, /^"Libre Franklin Variable"/);
        assert.ok(seen.loaded, 'both faces of the pairing loaded');
        await saveScreenshot(page, `brand-home-${width}-${colorScheme}`);
        assert.deepEqual(await seriousViolations(page), [], `${width} ${colorScheme}`);
        assert.deepEqual(watch.foreignRequests, []);
        await context.close();
      }
    }
  });

  it('theme "always dark" with Newsreader: dark pages even on a light device', async () => {
    await saveSettings({ accentColor: '#8a3b12', accentColorDark: '#f2a072', typePairing: 'newsreader', theme: 'dark' });
    const context = await browser.newContext({ viewport: { width: 390, height: 900 }, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.evaluate(() => document.fonts.ready);
    const seen = await page.evaluate(() => ({
      paper: getComputedStyle(document.body).backgroundColor,
      ink: getComputedStyle(document.body).color,
      brand: getComputedStyle(document.documentElement).getPropertyValue('--brand').trim(),
      headline: getComputedStyle(document.querySelector('.site-title')!).fontFamily,
    }));
    assert.deepEqual(seen.paper, 'rgb(18, 20, 22)');
    assert.deepEqual(seen.ink, 'rgb(236, 235, 231)');
    assert.equal(seen.brand, '#f2a072');
    assert.match(seen.headline, /^"Newsreader Variable"/);
    await saveScreenshot(page, 'brand-home-390-forced-dark');
    await context.close();
  });

  it('the settings page refuses a faint accent, naming its ratios and keeping it', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addCookies(admin.cookie.split('; ').map((pair) => {
      const [name, ...value] = pair.split('=');
      return { name: name!, value: value.join('='), url: server.url };
    }));
    const page = await context.newPage();
    await page.goto(`${server.url}/newsroom/settings`);
    await page.fill('#accentColor', '#f5b041');
    await page.click('form.nr-form button[type="submit"]');
    assert.match((await page.locator('#accentColor-error').textContent()) ?? '', /#f5b041 is too faint for text on the light theme: 1\.\d:1 on its page/);
    assert.equal(await page.inputValue('#accentColor'), '#f5b041');
    await page.locator('#accentColor').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screenshots/brand-settings-refused.png' });

    // Focal point: click near the picture's left third, low down; the fields fill in, and after saving the card crops there.
    const lead = await server.ctx.store.db
      .selectFrom('articles').innerJoin('media', 'media.id', 'articles.featured_media_id')
      .select(['media.id']).where('articles.status', '=', 'published').orderBy('articles.published_at', 'desc').executeTakeFirstOrThrow();
    await page.goto(`${server.url}/newsroom/media/${lead.id}`);
    const picture = page.locator('[data-focal-picker] img');
    const box = (await picture.boundingBox())!;
    await picture.click({ position: { x: box.width * 0.3, y: box.height * 0.8 } });
    assert.equal(await page.inputValue('#focalX'), '30');
    assert.equal(await page.inputValue('#focalY'), '80');
    assert.ok(await page.locator('[data-focal-marker]').isVisible(), 'the marker shows the point');
    await page.screenshot({ path: 'test-results/screenshots/brand-focal-picker.png' });
    await page.click('form.nr-form button[type="submit"]');
    await page.waitForURL(/notice=saved/);
    await page.goto(`${server.url}/`);
    const position = await page.evaluate(() => {
      const img = document.querySelector<HTMLImageElement>('.card-image img.focal-x30.focal-y80');
      return img ? { position: getComputedStyle(img).objectPosition, fit: getComputedStyle(img).objectFit } : null;
    });
    assert.deepEqual(position, { position: '30% 80%', fit: 'cover' });
    await context.close();
  });
});
