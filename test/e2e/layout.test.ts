/**
 * The layout guard: every public page type and the newsroom's main pages, at phone to wide-desktop widths, checked in
 * the page itself for the faults a reader sees: sideways scrolling, text squeezed into a narrow strip, a column that
 * ends long before the one beside it (a white hole), and boxes drawn over each other. Full-page screenshots of every
 * page at every width land in test-results/screenshots/layout-<page>-<width>[-dark].png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { linkQuery, signLink } from '../../src/newsletters/links.js';
import { createTestUser, signIn } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { findStory } from '../../src/content/queries.js';

/**
 * Width and a typical viewport height for it: phone, tablet portrait, small laptop, common laptop, desktop; then a
 * common phone and laptop in the dark theme (prefers-color-scheme: dark).
 */
const viewports: { width: number; height: number; colorScheme?: 'dark' }[] = [
  { width: 360, height: 780 },
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844, colorScheme: 'dark' },
  { width: 1366, height: 768, colorScheme: 'dark' },
];

/** Text narrower than this many characters of its own font is squeezed (checked from 768 px up). */
const minCharacters = 25;

interface Findings {
  problems: string[];
  textBlocks: number;
  sideBySide: number;
}

/**
 * Runs in the page. Kept free of closures over test code: playwright sends its source text to the browser.
 * `minChars` is 0 below 768 px, which switches the narrow-text check off there.
 */
function inspectLayout(minChars: number): Findings {
  const problems: string[] = [];
  const viewportWidth = document.documentElement.clientWidth;
  const viewportHeight = window.innerHeight;
  const px = (n: number) => `${Math.round(n)}px`;

  const describeElement = (el: Element): string => {
    const part = (e: Element) => {
      if (e.id) return `${e.localName}#${e.id}`;
      const classes = [...e.classList].slice(0, 2).map((c) => `.${c}`).join('');
      return `${e.localName}${classes}`;
    };
    const parts = [part(el)];
    let parent = el.parentElement;
    while (parent && parts.length < 3 && parent !== document.body) {
      parts.unshift(part(parent));
      if (parent.id) break;
      parent = parent.parentElement;
    }
    return parts.join(' > ');
  };

  const isShown = (el: Element): boolean => {
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) return false; // hidden, or visually hidden for screen readers
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.opacity !== '0';
  };

  /** Out of the flow on purpose (overlays, menus, the skip link) or not laid out by its parent at all. */
  const isOverlay = (el: Element): boolean => {
    const position = getComputedStyle(el).position;
    return position === 'absolute' || position === 'fixed';
  };

  /**
   * Inside a box that scrolls or clips sideways, so sticking out of the window is that box's business. An absolutely
   * positioned element is clipped only by boxes from its containing block (nearest positioned ancestor) outwards.
   */
  const clippedSideways = (el: Element): boolean => {
    let position = getComputedStyle(el).position;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      const contains = !/absolute|fixed/.test(position) || style.position !== 'static' || style.transform !== 'none';
      if (!contains) continue;
      if (style.overflowX !== 'visible') return true;
      position = style.position;
    }
    return false;
  };

  const lineHeightOf = (style: CSSStyleDeclaration): number => {
    const value = parseFloat(style.lineHeight);
    return Number.isFinite(value) ? value : parseFloat(style.fontSize) * 1.2;
  };

  // 1. Sideways scrolling: the page is wider than the window. Name what sticks out.
  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth > viewportWidth + 1) {
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > viewportWidth + 1 && !clippedSideways(el))
      .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= viewportWidth + 1)
      .slice(0, 3)
      .map((el) => `${describeElement(el)} (right edge at ${px(el.getBoundingClientRect().right)})`);
    problems.push(`scrolls sideways: the page is ${px(pageWidth)} wide in a ${px(viewportWidth)} window; sticking out: ${culprits.join(', ') || 'unknown'}`);
  }

  // 2. Squeezed text: a block of text wrapped onto three lines or more in a box narrower than `minChars` average
  // characters of its own font. (Two lines of a short label in a narrow table column are not squeezed prose.)
  const canvas = document.createElement('canvas').getContext('2d')!;
  const sample = 'the quick brown fox jumps over the lazy dog';
  const blocks = new Set<Element>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent?.trim()) continue;
    let block = node.parentElement;
    while (block && /^(inline|contents)$/.test(getComputedStyle(block).display)) block = block.parentElement;
    if (block && !block.closest('script, style, template, noscript, textarea, select, option, svg')) blocks.add(block);
  }
  let textBlocks = 0;
  for (const block of blocks) {
    if (!isShown(block) || block.closest('[aria-hidden="true"]')) continue;
    textBlocks++;
    if (!minChars) continue;
    const style = getComputedStyle(block);
    if (style.whiteSpace === 'nowrap' || style.whiteSpace === 'pre') continue;
    canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const charWidth = canvas.measureText(sample).width / sample.length;
    const width = block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const text = (block as HTMLElement).innerText?.replace(/\s+/g, ' ').trim() ?? '';
    // The text's own height, not the box's: table cells, grid and flex items stretch to their row.
    const range = document.createRange();
    range.selectNodeContents(block);
    const lines = range.getBoundingClientRect().height / lineHeightOf(style);
    if (text.length > minChars && lines >= 2.8 && width < minChars * charWidth) {
      problems.push(`squeezed text: ${describeElement(block)} is ${px(width)} wide, ${(width / charWidth).toFixed(1)} characters of its font (under ${minChars}): "${text.slice(0, 40)}…"`);
    }
  }

  // 3 and 4. Side-by-side children of grid and flex containers: neither may end more than a window's height before
  // the other, and no two in-flow siblings anywhere may draw over each other.
  /** Where what a reader sees in the box ends: its lowest text, picture or control (grid and flex items stretch). */
  const bottoms = new Map<Element, number>();
  const contentBottom = (el: Element): number => {
    const known = bottoms.get(el);
    if (known !== undefined) return known;
    let bottom = -Infinity;
    const range = document.createRange();
    const inner = document.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node: Node | null = inner.currentNode; node; node = inner.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (!node.textContent?.trim()) continue;
        range.selectNodeContents(node);
        const rect = range.getBoundingClientRect();
        if (rect.height > 0) bottom = Math.max(bottom, rect.bottom);
      } else if ((node as Element).matches('img, picture, video, iframe, canvas, svg, input, textarea, select, button, hr, table') && isShown(node as Element)) {
        bottom = Math.max(bottom, (node as Element).getBoundingClientRect().bottom);
      }
    }
    if (bottom === -Infinity) bottom = el.getBoundingClientRect().bottom;
    bottoms.set(el, bottom);
    return bottom;
  };

  let sideBySide = 0;
  const reported = new Set<string>();
  for (const parent of [document.body, ...document.body.querySelectorAll('*')]) {
    if (!isShown(parent) && parent !== document.body) continue;
    // A drawing (the server-drawn maps) places its shapes over each other on purpose: it is one picture, not layout.
    if (parent instanceof SVGElement) continue;
    const children = [...parent.children].filter((c) => isShown(c) && !isOverlay(c));
    if (children.length < 2) continue;
    const display = getComputedStyle(parent).display;
    const laidOutSideBySide = /grid|flex/.test(display);
    const rects = children.map((c) => c.getBoundingClientRect());
    const inlineRects = children.map((c) => (getComputedStyle(c).display === 'inline' ? [...c.getClientRects()] : [c.getBoundingClientRect()]));
    for (let i = 0; i < children.length; i++) {
      for (let j = i + 1; j < children.length; j++) {
        const a = rects[i]!;
        const b = rects[j]!;
        const sameRow = a.top < b.bottom - 1 && b.top < a.bottom - 1;
        const apart = a.right <= b.left + 1 || b.right <= a.left + 1;
        if (laidOutSideBySide && sameRow && apart) {
          sideBySide++;
          const [left, right, leftRect, rightRect] = a.left <= b.left ? [children[i]!, children[j]!, a, b] : [children[j]!, children[i]!, b, a];
          const endA = contentBottom(children[i]!);
          const endB = contentBottom(children[j]!);
          const [short, long, shortEnd, longEnd] = endA <= endB ? [children[i]!, children[j]!, endA, endB] : [children[j]!, children[i]!, endB, endA];
          if (longEnd - shortEnd > viewportHeight) {
            problems.push(
              `unbalanced columns: ${describeElement(short)} ends ${px(longEnd - shortEnd)} before its neighbour ${describeElement(long)} (content ends at ${px(shortEnd + scrollY)} and ${px(longEnd + scrollY)}; window height ${px(viewportHeight)})`,
            );
          }
          // Content spilling out of the left box into the right one (a long word, a wide table).
          const leftStyle = getComputedStyle(left);
          if (leftStyle.overflowX === 'visible' && left.scrollWidth > left.clientWidth + 1 && leftRect.left + left.scrollWidth > rightRect.left + 1) {
            problems.push(`overlap: the content of ${describeElement(left)} is ${px(left.scrollWidth)} wide in a ${px(left.clientWidth)} box and runs into ${describeElement(right)}`);
          }
        }
        // Overlap: any two boxes of in-flow siblings that intersect (line by line for inline ones).
        for (const ra of inlineRects[i]!) {
          for (const rb of inlineRects[j]!) {
            const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
            const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
            const key = `${i}:${j}`;
            if (w > 2 && h > 2 && !reported.has(`${describeElement(parent)}/${key}`)) {
              reported.add(`${describeElement(parent)}/${key}`);
              problems.push(`overlap: ${describeElement(children[i]!)} and ${describeElement(children[j]!)} intersect by ${px(w)} × ${px(h)} at (${px(Math.max(ra.left, rb.left))}, ${px(Math.max(ra.top, rb.top) + scrollY)})`);
            }
          }
        }
      }
    }
  }
  return { problems, textBlocks, sideBySide };
}

const skip = chromiumAvailable() ? false : 'SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)';
if (skip) console.warn(`\n!!! ${skip}\n`);

describe('layout guard: every page type at every width', { skip, concurrency: true }, () => {
  let server: TestServer;
  let browser: Browser;
  let pages: [name: string, path: string][] = [];
  let sessionCookie = '';
  const sideBySideSeen = new Map<string, number>();

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const db = server.ctx.store.db;
    const home = await fetch(`${server.url}/`).then((r) => r.text());
    const first = (html: string, pattern: RegExp, what: string): string => {
      const match = pattern.exec(html)?.[1];
      assert.ok(match, `found ${what}`);
      return match;
    };
    const story = first(home, /teaser-lead"[\s\S]*?<h2 class="teaser-title"><a href="([^"]+)"/, 'the lead story');
    const tag = first(home, /class="tag-cloud">[\s\S]*?href="(\/tag\/[^"]+)"/, 'a trending tag');
    const author = first(home, /href="(\/author\/[^"/]+)"/, 'an author');
    const archive = await fetch(`${server.url}/archive`).then((r) => r.text());
    const month = first(archive, /href="(\/archive\/\d{4}\/\d{2})"/, 'an archive month');
    const thread = await db.selectFrom('threads').select('slug').orderBy('id').executeTakeFirstOrThrow();
    const edited = await db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    // The demo's live story, live, then the same page in oldest-first order.
    const live = await db.selectFrom('live_coverage').select('article_id').executeTakeFirstOrThrow();
    const liveUrl = (await findStory(db, { id: live.article_id }))!.url;
    // The demo source cited by the most stories: its page shows quotes and the longest list.
    const source = await db
      .selectFrom('story_sources')
      .innerJoin('sources', 'sources.id', 'story_sources.source_id')
      .select(['sources.id', 'sources.slug', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['sources.id', 'sources.slug'])
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const placeStory = first(await fetch(`${server.url}/place/geneve`).then((r) => r.text()), /href="(\/world\/\d{4}\/\d{2}\/[^"]+)"/, 'a story datelined in Geneva');

    const reader = await db.insertInto('subscribers').values({ email: 'layout-reader@example.test', status: 'active', created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('subscriptions').values({ subscriber_id: reader.id, list_key: `thread:${thread.slug}`, confirmed: 1, created_at: new Date().toISOString() }).execute();
    const preferences = `/newsletters/preferences?${linkQuery(signLink(server.ctx.secret, 'preferences', reader.id, 1))}`;

    const admin = await createTestUser(server, 'admin', { name: 'Layout Admin' });
    sessionCookie = (await signIn(server, admin.email, admin.password)).cookie;

    pages = [
      ['home', '/'],
      ['story', story],
      ['section', '/world'],
      ['tag', tag],
      ['author', author],
      ['authors', '/authors'],
      ['thread', `/thread/${thread.slug}`],
      ['archive', '/archive'],
      ['archive-month', month],
      ['search', '/search?q=port'],
      ['not-found', '/no-such-page'],
      ['source', `/source/${source.slug}`],
      ['source-not-found', '/source/no-such-source'],
      ['place', '/place/tarsel'],
      ['country', '/country/ch'],
      ['world-places', '/places'],
      ['story-with-place', placeStory],
      ['newsroom-dashboard', '/newsroom'],
      ['newsroom-stories', '/newsroom/stories'],
      ['newsroom-editor', `/newsroom/stories/${edited.id}`],
      ['newsroom-media', '/newsroom/media'],
      ['newsroom-comments', '/newsroom/comments'],
      ['newsroom-taxonomy', '/newsroom/taxonomy'],
      ['newsroom-sources', '/newsroom/sources'],
      ['newsroom-source-edit', `/newsroom/sources/${source.id}`],
      ['newsroom-source-proposals', '/newsroom/sources/proposals'],
      ['newsroom-places', '/newsroom/places'],
      ['newsroom-story-places', `/newsroom/stories/${edited.id}/places`],
      ['newsroom-users', '/newsroom/users'],
      ['newsroom-settings', '/newsroom/settings'],
      ['newsroom-front', '/newsroom/front'],
      ['newsroom-webhooks', '/newsroom/webhooks'],
      ['newsroom-tokens', '/newsroom/tokens'],
      ['newsroom-import', '/newsroom/import'],
      ['live', liveUrl],
      ['live-oldest-first', `${liveUrl}?order=oldest`],
      ['newsroom-live', '/newsroom/live'],
      ['newsroom-live-desk', `/newsroom/live/${live.article_id}`],
      ['newsroom-account', '/newsroom/account'],
      ['newsroom-stories-filtered', '/newsroom/stories?status=published&sort=title'],
      ['newsletters', '/newsletters'],
      ['newsletters-check-email', '/newsletters/check-email'],
      ['newsletter-preferences', preferences],
      ['corrections', '/corrections'],
      ['newsroom-newsletters', '/newsroom/newsletters'],
      ['newsroom-newsletter-new', '/newsroom/newsletters/new'],
      ['newsroom-outbox', '/newsroom/outbox'],
    ];
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const { colorScheme, ...viewport } of viewports) {
    const theme = colorScheme ? `-${colorScheme}` : '';
    describe(`at ${viewport.width} px${colorScheme ? `, ${colorScheme} theme` : ''}`, () => {
      let context: BrowserContext;
      let page: Page;
      before(async () => {
        context = await browser.newContext({ viewport, colorScheme: colorScheme ?? 'light' });
        // tsx names functions for stack traces with a helper that does not exist in the page; give it one.
        await context.addInitScript('globalThis.__name = (f) => f;');
        const [name, value] = sessionCookie.split('=') as [string, string];
        await context.addCookies([{ name, value, url: server.url }]);
        page = await context.newPage();
      });
      after(async () => {
        await context?.close();
      });

      it('every page lays out without sideways scrolling, squeezed text, holes or overlaps', async () => {
        assert.ok(pages.length >= 20, 'the list of pages to check is filled in');
        const failures: string[] = [];
        for (const [name, path] of pages) {
          const response = await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
          assert.equal(response?.status(), name.endsWith('not-found') ? 404 : 200, `${name} (${path}) answers`);
          if (name === 'newsroom-editor') await page.locator('.editor-body .ProseMirror').waitFor();
          // Lazy pictures load now, so the screenshot shows them; their boxes are sized by width and height already.
          await page.evaluate(async () => {
            await document.fonts.ready;
            const images = [...document.images];
            for (const img of images) img.loading = 'eager';
            await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
          });
          const findings = await page.evaluate(inspectLayout, viewport.width >= 768 ? minCharacters : 0);
          assert.ok(findings.textBlocks > 0, `${name} at ${viewport.width} px: found text to measure`);
          sideBySideSeen.set(`${viewport.width}${theme}`, (sideBySideSeen.get(`${viewport.width}${theme}`) ?? 0) + findings.sideBySide);
          failures.push(...findings.problems.map((problem) => `${name} (${path}) at ${viewport.width} px: ${problem}`));
          await saveScreenshot(page, `layout-${name}-${viewport.width}${theme}`);
        }
        assert.ok((sideBySideSeen.get(`${viewport.width}${theme}`) ?? 0) > 0, 'found side-by-side boxes to compare');
        assert.deepEqual(failures, []);
      });
    });
  }
});
