/** Launches Debian's Chromium through playwright-core and watches a page for anything that betrays executed script or stray traffic. */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

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
