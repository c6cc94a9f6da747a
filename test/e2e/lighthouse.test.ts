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
    audits: Record<string, { score: number | null; title: string; details?: unknown }>;
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
const weights: Record<string, number> = {};

type PageName = 'home' | 'story' | 'section' | 'search';
type Theme = 'light' | 'dark';
const targets = {} as Record<PageName, string>;

interface NetworkRequest {
  url: string;
  transferSize?: number;
  resourceType?: string;
  mimeType?: string;
}

/** The brightness (0-255) of the top left corner of Lighthouse's last screenshot: tells which theme was audited. */
async function cornerBrightness(result: LighthouseResult): Promise<number> {
  const details = result.lhr.audits['final-screenshot']?.details as { data?: string } | undefined;
  assert.ok(details?.data, 'Lighthouse kept a final screenshot');
  const sharp = (await import('sharp')).default;
  const jpeg = Buffer.from(details.data.replace(/^data:image\/\w+;base64,/, ''), 'base64');
  const { data } = await sharp(jpeg).extract({ left: 2, top: 2, width: 8, height: 8 }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (const byte of data) sum += byte;
  return sum / data.length;
}

describe('Lighthouse (mobile) on the home, story, section and search pages, light and dark', { skip }, () => {
  before(async () => {
    server = await startTestServer();
    lighthouse = ((await import(pathToFileURL(path.join(toolDir, 'lighthouse/core/index.js')).href)) as { default: LighthouseFn }).default;
    launcher = (await import(pathToFileURL(path.join(toolDir, 'chrome-launcher/dist/index.js')).href)) as Launcher;
    const home = await (await fetch(`${server.url}/`)).text();
    const storyPath = home.match(/teaser-lead"[\s\S]*?<h2 class="teaser-title"><a href="([^"]+)"/)![1]!;
    const story = await (await fetch(`${server.url}${storyPath}`)).text();
    const headline = story.match(/<h1[^>]*>([^<]+)</)![1]!;
    const word = headline.split(/\s+/).filter((w) => /^[A-Za-z]{5,}$/.test(w))[0] ?? 'election';
    targets.home = `${server.url}/`;
    targets.story = `${server.url}${storyPath}`;
    targets.section = `${server.url}/${storyPath.split('/')[1]}`;
    targets.search = `${server.url}/search?q=${encodeURIComponent(word.toLowerCase())}`;
  });
  after(async () => {
    await server?.stop();
    if (Object.keys(scores).length) {
      const dir = path.resolve('test-results');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'lighthouse.json'), `${JSON.stringify({ scores, weights }, null, 2)}\n`);
      console.log(`Lighthouse scores: ${JSON.stringify(scores)}`);
      console.log(`First-view weight (KB): ${JSON.stringify(weights)}`);
    }
  });

  const runs: Array<[PageName, Theme]> = [];
  for (const theme of ['light', 'dark'] as const) for (const name of ['home', 'story', 'section', 'search'] as const) runs.push([name, theme]);

  for (const [name, theme] of runs) {
    it(`${name}, ${theme}: every category scores ${minimum} or more`, async () => {
      const target = targets[name];
      const audit = async (): Promise<LighthouseResult> => {
        const chrome = await launcher.launch({
          chromePath: chromiumPath,
          // Lighthouse leaves the colour scheme to the browser: --force-dark-mode makes prefers-color-scheme answer dark.
          chromeFlags: ['--headless=new', ...chromiumFlags, ...(theme === 'dark' ? ['--force-dark-mode'] : [])],
        });
        try {
          // Search results pages are kept out of search engines on purpose (robots.txt, as engines ask of a site's own
          // results), which Lighthouse's "is crawlable" audit counts against SEO: that one audit is left out there.
          const skipAudits = name === 'search' ? ['is-crawlable'] : [];
          const result = await lighthouse(target, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...categories], skipAudits });
          assert.ok(result, 'Lighthouse returned a report');
          return result;
        } finally {
          await chrome.kill();
        }
      };
      // A category without a score means Lighthouse could not measure (a runtime error, a trace it could not read),
      // which says nothing about the page: measure once more, and fail with Lighthouse's own reason if it persists.
      const unmeasured = (r: LighthouseResult) => r.lhr.runtimeError !== undefined || categories.some((c) => r.lhr.categories[c]?.score == null);
      const measured = async (): Promise<LighthouseResult> => {
        let result = await audit();
        if (unmeasured(result)) result = await audit();
        assert.ok(!unmeasured(result), `Lighthouse could not measure ${target}: ${result.lhr.runtimeError?.message ?? 'a category has no score'}`);
        return result;
      };
      // The performance score moves with the host's CPU: Lighthouse scales the main-thread time it observed, so a busy
      // or slow machine scores the same page a few points lower. A page under the minimum is measured twice more and
      // judged by the median of the three runs, as Lighthouse advises for a score that varies between runs; a page that
      // is really too slow stays under it.
      const points = (r: LighthouseResult, category: string) => Math.round((r.lhr.categories[category]?.score ?? 0) * 100);
      const performancePoints = (r: LighthouseResult) => points(r, 'performance');
      let result = await measured();
      if (performancePoints(result) < minimum) {
        const three = [result, await measured(), await measured()].sort((a, b) => performancePoints(a) - performancePoints(b));
        console.log(`${name} (${theme}) performance over three runs: ${three.map(performancePoints).join(', ')}`);
        result = three[1]!;
      }

      const brightness = await cornerBrightness(result);
      if (theme === 'dark') assert.ok(brightness < 80, `the dark audit saw a dark page (corner brightness ${brightness.toFixed(0)})`);
      else assert.ok(brightness > 180, `the light audit saw a light page (corner brightness ${brightness.toFixed(0)})`);

      const got: Record<string, number> = {};
      for (const category of categories) got[category] = points(result, category);
      scores[`${name} ${theme}`] = got;

      if (name === 'story') {
        // Issue 14's budget for a story's first view: 150 KB transferred in all, fonts included and the lead picture
        // left out; 25 KB of compressed CSS.
        const requests = ((result.lhr.audits['network-requests']?.details as { items?: NetworkRequest[] } | undefined)?.items ?? []);
        assert.ok(requests.length > 3, 'Lighthouse listed the requests of the first view');
        const story = await (await fetch(target)).text();
        const figure = story.match(/<figure class="featured-image">([\s\S]*?)<\/figure>/)?.[1] ?? '';
        const leadFiles = new Set(figure.match(/\/media\/[^\s",]+/g) ?? []);
        const isLead = (r: NetworkRequest) => leadFiles.has(new URL(r.url).pathname);
        const total = requests.filter((r) => !isLead(r)).reduce((sum, r) => sum + (r.transferSize ?? 0), 0);
        const css = requests.filter((r) => r.resourceType === 'Stylesheet').reduce((sum, r) => sum + (r.transferSize ?? 0), 0);
        const fonts = requests.filter((r) => r.resourceType === 'Font').reduce((sum, r) => sum + (r.transferSize ?? 0), 0);
        weights[`story ${theme}: total without lead picture`] = Math.round(total / 102.4) / 10;
        weights[`story ${theme}: CSS`] = Math.round(css / 102.4) / 10;
        weights[`story ${theme}: fonts`] = Math.round(fonts / 102.4) / 10;
        assert.ok(css > 0, 'the story loaded its stylesheet');
        assert.ok(total <= 150 * 1024, `the first view of a story transfers ${(total / 1024).toFixed(1)} KB without its lead picture (budget 150 KB)`);
        assert.ok(css <= 25 * 1024, `its CSS transfers ${(css / 1024).toFixed(1)} KB (budget 25 KB)`);
      }

      const failing = Object.values(result.lhr.audits).filter((a) => a.score !== null && a.score < 0.9).map((a) => a.title);
      for (const category of categories) {
        assert.ok(got[category]! >= minimum, `${name} (${theme}) ${category} = ${got[category]} (weak audits: ${failing.slice(0, 8).join('; ')})`);
      }
    });
  }
});
