import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromiumAvailable, chromiumFlags, chromiumPath } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const toolDir = path.resolve('tools/lighthouse/node_modules');
const installed = fs.existsSync(path.join(toolDir, 'lighthouse')) && fs.existsSync(path.join(toolDir, 'chrome-launcher'));
const skip = !chromiumAvailable()
  ? 'SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)'
  : !installed
    ? 'SKIPPED: Lighthouse is not installed (npm install --prefix tools/lighthouse)'
    : false;
if (skip) console.warn(`\n${'!'.repeat(78)}\n!! ${skip}\n${'!'.repeat(78)}\n`);

const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const minimum = 95;

interface LighthouseResult {
  lhr: {
    categories: Record<string, { score: number | null }>;
    audits: Record<string, { score: number | null; title: string }>;
    runtimeError?: { code: string; message: string };
  };
}
type LighthouseFn = (url: string, flags: object) => Promise<LighthouseResult | undefined>;
interface Launcher {
  launch(options: object): Promise<{ port: number; kill(): Promise<void> | void }>;
}

let server: TestServer;
let lighthouse: LighthouseFn;
let launcher: Launcher;
const scores: Record<string, Record<string, number>> = {};

describe('Lighthouse (mobile) on the home and story pages', { skip }, () => {
  before(async () => {
    server = await startTestServer();
    lighthouse = ((await import(pathToFileURL(path.join(toolDir, 'lighthouse/core/index.js')).href)) as { default: LighthouseFn }).default;
    launcher = (await import(pathToFileURL(path.join(toolDir, 'chrome-launcher/dist/index.js')).href)) as Launcher;
  });
  after(async () => {
    await server?.stop();
    if (Object.keys(scores).length) {
      const dir = path.resolve('test-results');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'lighthouse.json'), `${JSON.stringify(scores, null, 2)}\n`);
      console.log(`Lighthouse scores: ${JSON.stringify(scores)}`);
    }
  });

  for (const name of ['home', 'story'] as const) {
    it(`${name}: every category scores ${minimum} or more`, async () => {
      let target = `${server.url}/`;
      if (name === 'story') {
        const home = await (await fetch(target)).text();
        target = `${server.url}${home.match(/teaser-lead"[\s\S]*?<h2 class="teaser-title"><a href="([^"]+)"/)![1]}`;
      }
      const audit = async (): Promise<LighthouseResult> => {
        const chrome = await launcher.launch({
          chromePath: chromiumPath,
          chromeFlags: ['--headless=new', ...chromiumFlags],
        });
        try {
          const result = await lighthouse(target, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...categories] });
          assert.ok(result, 'Lighthouse returned a report');
          return result;
        } finally {
          await chrome.kill();
        }
      };
      // A category without a score means Lighthouse could not measure (a runtime error, a trace it could not read),
      // which says nothing about the page: measure once more, and fail with Lighthouse's own reason if it persists.
      let result = await audit();
      const unmeasured = (r: LighthouseResult) => r.lhr.runtimeError !== undefined || categories.some((c) => r.lhr.categories[c]?.score == null);
      if (unmeasured(result)) result = await audit();
      assert.ok(!unmeasured(result), `Lighthouse could not measure ${target}: ${result.lhr.runtimeError?.message ?? 'a category has no score'}`);
      const got: Record<string, number> = {};
      for (const category of categories) got[category] = Math.round((result.lhr.categories[category]?.score ?? 0) * 100);
      scores[name] = got;
      const failing = Object.values(result.lhr.audits).filter((a) => a.score !== null && a.score < 0.9).map((a) => a.title);
      for (const category of categories) {
        assert.ok(got[category]! >= minimum, `${name} ${category} = ${got[category]} (weak audits: ${failing.slice(0, 8).join('; ')})`);
      }
    });
  }
});
