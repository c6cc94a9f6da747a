import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createArticle } from '../../src/content/articles.js';
import { findStory } from '../../src/content/queries.js';
import { chromiumAvailable, launchBrowser, saveScreenshot, watchPage } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let server: TestServer;
let browser: Browser;
let storyPath: string;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function axe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations;
  });
}

const skip = chromiumAvailable() ? false : 'SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)';
if (skip) console.warn(`\n!!! ${skip}\n`);

describe('the public site in a real browser', { skip }, () => {
  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const home = await fetch(`${server.url}/`).then((r) => r.text());
    storyPath = home.match(/teaser-lead"[\s\S]*?<h2 class="teaser-title"><a href="([^"]+)"/)?.[1] ?? '';
    assert.ok(storyPath, 'found the lead story');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [name, path, colorScheme] of (['light', 'dark'] as const).flatMap((scheme) =>
    ([['home', '/'], ['story', ''], ['section', '/world'], ['search', '/search?q=port'], ['tag', '/tag/ports'], ['author', '/author/priya-raman'], ['authors', '/authors'], ['thread', 'thread'], ['archive', 'archive'], ['not-found', '/no-such-page']] as const).map(([n, p]) => [n, p, scheme] as const),
  )) {
    it(`${name} page, ${colorScheme} theme: no serious or critical accessibility violations, no script errors`, async () => {
      // axe is injected as an inline script, which the site's CSP rightly refuses; bypass it for the audit only.
      const context = await browser.newContext({ bypassCSP: true, colorScheme });
      const page = await context.newPage();
      const watch = watchPage(page, server.url);
      const db = server.ctx.store.db;
      const address =
        path === 'thread' ? `/thread/${(await db.selectFrom('threads').select('slug').orderBy('id').executeTakeFirstOrThrow()).slug}`
        : path === 'archive' ? `/archive/${storyPath.split('/')[2]}/${storyPath.split('/')[3]}`
        : path || storyPath;
      const response = await page.goto(`${server.url}${address}`);
      assert.equal(response?.status(), name === 'not-found' ? 404 : 200, address);
      const violations = (await axe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(
        violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`),
        [],
      );
      assert.deepEqual(watch.scriptErrors, []);
      assert.deepEqual(watch.foreignRequests, []);
      await context.close();
    });
  }

  it('reads fine with JavaScript off, and posting a comment shows the moderation message', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}${storyPath}`);
    assert.ok((await page.locator('h1').textContent())?.length);
    await page.fill('#comment-body', 'Read with scripts off, and it all works.');
    await page.fill('#comment-name', 'No Script Reader');
    await page.fill('#comment-email', 'noscript@example.com');
    await page.click('#comment-form button[type="submit"]');
    await page.waitForURL(/comment=pending/);
    assert.match((await page.locator('#comment-status').textContent()) ?? '', /awaiting moderation/);
    await context.close();
  });

  it('the reply link fills the form in place when scripts run', async () => {
    const page = await browser.newPage();
    const home = await fetch(`${server.url}/`).then((r) => r.text());
    const withComments = home.match(/href="([^"#]+)#comments"/)?.[1];
    assert.ok(withComments);
    await page.goto(`${server.url}${withComments}`);
    const first = page.locator('.reply-link').first();
    const id = await first.getAttribute('data-reply-to');
    const printed = await page.locator('#comment-form input[name="form_token"]').inputValue();
    const fresh = page.waitForResponse((response) => response.url().includes('/comments/form-token'));
    await first.click();
    assert.equal((await fresh).status(), 200, 'focusing the form asks for a fresh token');
    await page.waitForFunction((old) => (document.querySelector('#comment-form input[name="form_token"]') as HTMLInputElement).value !== old, printed);
    assert.equal(await page.locator('#comment-form input[name="parent_id"]').inputValue(), id);
    assert.match((await page.locator('[data-replying-to]').textContent()) ?? '', /Replying to/);
    assert.equal(page.url().includes('?reply='), false, 'no reload');
    await page.close();
  });

  it('embeds stay links until the reader clicks to load them', async () => {
    const db = server.ctx.store.db;
    const section = await db.selectFrom('sections').select('id').where('slug', '=', 'culture').executeTakeFirstOrThrow();
    const author = await db.selectFrom('users').select('id').where('slug', '=', 'lucia-ferreira').executeTakeFirstOrThrow();
    const video = 'https://www.youtube.com/watch?v=Gz3tTe5t_1';
    const id = await createArticle(db, {
      title: 'A story with a video embed',
      bodyHtml: `<p>Before.</p><figure class="embed" data-embed-url="${video}"><a href="${video}">${video}</a></figure><p>After.</p>`,
      sectionId: section.id,
      status: 'published',
      authorIds: [author.id],
    });
    const story = (await findStory(db, { id }))!;
    const page = await browser.newPage();
    const watch = watchPage(page, server.url);
    await page.goto(`${server.url}${story.url}`);
    const button = page.locator('figure.embed button.embed-load');
    assert.match((await button.textContent()) ?? '', /Load the YouTube video/);
    assert.equal(await page.locator('iframe').count(), 0);
    assert.deepEqual(watch.foreignRequests, [], 'nothing from the video site before the click');
    await page.route('https://www.youtube-nocookie.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p>player</p>' }));
    await button.click();
    assert.equal(await page.locator('figure.embed iframe').getAttribute('src'), 'https://www.youtube-nocookie.com/embed/Gz3tTe5t_1');
    await page.close();
  });

  it('saves screenshots of home and story at phone and desktop widths', async () => {
    for (const [label, viewport, colorScheme] of [
      ['phone', { width: 390, height: 844 }, 'light'],
      ['desktop', { width: 1280, height: 900 }, 'light'],
      ['phone-dark', { width: 390, height: 844 }, 'dark'],
      ['desktop-dark', { width: 1280, height: 900 }, 'dark'],
    ] as const) {
      const page = await browser.newPage({ viewport, colorScheme });
      for (const [name, path] of [['home', '/'], ['story', storyPath]] as const) {
        await page.goto(`${server.url}${path}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= viewport.width, `${name} at ${label} width does not scroll sideways (${width}px)`);
        const file = await saveScreenshot(page, `${name}-${label}`);
        assert.ok(fs.statSync(file).size > 10_000);
      }
      await page.close();
    }
  });
  it('story, author, section and search pages at 390, 1024 and 1366 px, light and dark: photos, author box and share buttons', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const viewport of [{ width: 390, height: 844 }, { width: 1024, height: 768 }, { width: 1366, height: 768 }]) {
        const page = await browser.newPage({ viewport, colorScheme });
        const watch = watchPage(page, server.url);
        for (const [name, path] of [['story', storyPath], ['author', '/author/priya-raman'], ['section', '/world'], ['search', '/search?q=port']] as const) {
          await page.goto(`${server.url}${path}`);
          await page.evaluate(async () => {
            await document.fonts.ready;
            for (const img of [...document.images]) img.loading = 'eager';
            await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
          });
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= viewport.width, `${name} at ${viewport.width} px does not scroll sideways (${width}px)`);
          if (name === 'story') {
            const photos = await page.locator('.story-meta .byline-photos img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
            assert.ok(photos.length > 0 && photos.every((w) => w > 0), 'the byline photos load');
            assert.ok(await page.locator('.author-box .author-card img').first().isVisible(), 'the author box shows the photo');
            assert.ok(await page.locator('[data-share-copy] button').isVisible(), 'the script shows the copy-link button');
            const hasShare = await page.evaluate(() => typeof navigator.share === 'function');
            assert.equal(await page.locator('[data-share-native]').isVisible(), hasShare, 'the share button only where navigator.share exists');
          }
          if (name === 'author') assert.ok(await page.locator('.list-header-person .author-photo img').isVisible());
          const file = await saveScreenshot(page, `pages-${name}-${viewport.width}${colorScheme === 'dark' ? '-dark' : ''}`);
          assert.ok(fs.statSync(file).size > 10_000);
        }
        assert.deepEqual(watch.scriptErrors, []);
        assert.deepEqual(watch.foreignRequests, []);
        await page.close();
      }
    }
  });

  it('the script says "N minutes ago" for a story under an hour old; without it the absolute time shows', async () => {
    const db = server.ctx.store.db;
    const section = await db.selectFrom('sections').select('id').where('slug', '=', 'business').executeTakeFirstOrThrow();
    const author = await db.selectFrom('users').select('id').where('slug', '=', 'priya-raman').executeTakeFirstOrThrow();
    const id = await createArticle(db, {
      title: 'Dock workers vote on the new shift pattern', bodyHtml: '<p>The count starts at noon.</p>', sectionId: section.id, status: 'published',
      publishedAt: new Date(Date.now() - 20 * 60_000).toISOString(), authorIds: [author.id],
    });
    const story = (await findStory(db, { id }))!;
    const scripted = await browser.newPage();
    await scripted.goto(`${server.url}${story.url}`);
    const shown = scripted.locator('.story-meta .times time').first();
    await scripted.waitForFunction(() => /minutes ago$/.test(document.querySelector('.story-meta .times time')?.textContent ?? ''));
    assert.match((await shown.textContent()) ?? '', /^(19|20|21) minutes ago$/);
    assert.match((await shown.getAttribute('title')) ?? '', /, \d\d:\d\d UTC$/);
    await scripted.close();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${server.url}${story.url}`);
    assert.match((await plain.locator('.story-meta .times time').first().textContent()) ?? '', /^\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC$/);
    await context.close();
  });
});
