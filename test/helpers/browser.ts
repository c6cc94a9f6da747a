/** Launches Debian's Chromium through playwright-core and watches a page for anything that betrays executed script or stray traffic. */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return fs.existsSync(chromiumPath);
}

/** As root, in a sandbox with no outside network: no background connections, no update or sync attempts. */
export const chromiumFlags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}

export interface PageWatch {
  dialogs: string[];
  scriptErrors: string[];
  /** Requests to any host other than the site under test. */
  foreignRequests: string[];
}

/** Records dialogs (alert/confirm/prompt — what an executed XSS payload shows), uncaught script errors and off-site requests. */
export function watchPage(page: Page, siteUrl: string): PageWatch {
  const watch: PageWatch = { dialogs: [], scriptErrors: [], foreignRequests: [] };
  const origin = new URL(siteUrl).origin;
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => watch.scriptErrors.push(error.message));
  page.on('request', (request) => {
    const url = request.url();
    if (/^(data|blob|about):/.test(url)) return;
    if (new URL(url).origin !== origin) watch.foreignRequests.push(url);
  });
  return watch;
}

/** Saves a screenshot under test-results/screenshots (kept by CI as an artifact of the run). */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = path.resolve('test-results', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Puts the caret at the end of a block of the rich-text editor as a person does, by clicking past its last word, and
 * waits until the editor itself holds the caret there. After a click ProseMirror writes its selection back to the page
 * a moment later; on a loaded machine a key pressed before that (End, Enter) acts on the old place.
 */
export async function clickToEndOf(block: Locator): Promise<void> {
  const box = await block.boundingBox();
  if (!box) throw new Error('the block to click is not on screen');
  await block.click({ position: { x: Math.max(1, box.width - 2), y: Math.max(1, box.height - 4) } });
  await block.evaluate(async (element) => {
    interface EditorView { state: { selection: { empty: boolean; head: number } }; posAtDOM(node: Node, offset: number): number }
    const surface = element.closest('.ProseMirror') as (HTMLElement & { editor?: { view: EditorView } }) | null;
    const view = surface?.editor?.view;
    if (!view) throw new Error('the block is not inside the rich-text editor');
    const end = view.posAtDOM(element, element.childNodes.length);
    const deadline = Date.now() + 10_000;
    // Two frames in a row at the end: the delayed write-back, if any, has happened and did not move it. (No named
    // functions in here: the test runner's compiler would wrap them in a helper the page does not have.)
    let streak = 0;
    while (streak < 2) {
      if (Date.now() > deadline) throw new Error(`the caret did not settle at the end of "${element.textContent ?? ''}"`);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));
      const selection = view.state.selection;
      const dom = document.getSelection();
      const atEnd = selection.empty && selection.head === end && document.activeElement === surface && !!dom?.focusNode && element.contains(dom.focusNode);
      streak = atEnd ? streak + 1 : 0;
    }
  });
}
