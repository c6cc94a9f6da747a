/**
 * The story editor's weight and start-up: the size of its script (minified and gzipped, as served) and how long after
 * navigation a writer can type into the story body, in Chromium on 127.0.0.1 (median of several loads, warm server).
 * Run: npx tsx bench/editor.ts
 */
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { editorBundle } from '../src/newsroom/editor/bundle.js';
import { createTestUser, signIn } from '../test/helpers/auth.js';
import { chromiumFlags, chromiumPath } from '../test/helpers/browser.js';
import { startTestServer } from '../test/helpers/server.js';

const loads = 9;
const bundle = await editorBundle();
const js = bundle['editor.js'].body;
const css = bundle['editor.css'].body;
console.log(`editor.js: ${(js.length / 1024).toFixed(1)} KiB minified, ${(gzipSync(js).length / 1024).toFixed(1)} KiB gzipped`);
console.log(`editor.css: ${(css.length / 1024).toFixed(1)} KiB, ${(gzipSync(css).length / 1024).toFixed(1)} KiB gzipped`);

const server = await startTestServer({ seed: false });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
try {
  const user = await createTestUser(server, 'editor');
  const session = await signIn(server, user.email, user.password);
  const [name, value] = session.cookie.split('=') as [string, string];
  const context = await browser.newContext();
  await context.addCookies([{ name, value, url: server.url }]);
  // The same measure for any version of the editor: when the editable surface appears in the page.
  await context.addInitScript(() => {
    new MutationObserver((_records, observer) => {
      if (document.querySelector('.ProseMirror[contenteditable="true"]')) {
        (window as unknown as { editableAt: number }).editableAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  const page = await context.newPage();
  const times: number[] = [];
  for (let i = 0; i < loads + 1; i++) {
    await page.goto(`${server.url}/newsroom/stories/new`);
    await page.locator('.ProseMirror[contenteditable="true"]').waitFor();
    // From the start of navigation to the moment the rich editor exists and accepts text.
    const ms = await page.evaluate(() => (window as unknown as { editableAt: number }).editableAt);
    if (i > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  console.log(`time until typing works: median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times.at(-1)!.toFixed(0)}, ${loads} loads)`);
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
