/**
 * What `npm start` runs: the esbuild bundle in dist/, started through bin/gazette.js on a fresh SQLite database.
 * The rest of the suite runs the TypeScript sources under tsx; this checks the bundle finds its assets, loads the
 * modules it imports lazily (pg stays unloaded, sharp draws the demo pictures) and answers like the sources do.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildIfStale, bundleFile, serverNodeFlags } from '../scripts/build.mjs';
import { signIn } from './helpers/auth.js';
import { startServerProcess, type ServerProcess } from './helpers/process.js';

describe('the bundle npm start runs', () => {
  let server: ServerProcess;
  let dataDir: string;
  const env = () => ({ GAZETTE_DATA_DIR: dataDir, DATABASE_URL: `sqlite://${path.join(dataDir, 'gazette.db')}`, GAZETTE_DEMO: 'true', LOG_LEVEL: 'warn' });

  before(async () => {
    await buildIfStale({ quiet: true });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-bundle-'));
    server = await startServerProcess(env(), [], { bundle: true });
  });
  after(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds the demo newsroom and prints the address and a one-time sign-in', () => {
    assert.ok(fs.existsSync(bundleFile));
    assert.match(server.output(), /Seeded the demo newsroom: 42 stories/);
    assert.match(server.output(), /Gazette is running at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(server.output(), /email: +\S+@\S+/);
  });

  it('serves the public pages, their assets, feeds, search and the API reference', async () => {
    // The first start answers before the demo pictures are drawn; it says when they are all there.
    for (let waited = 0; !/Demo pictures: \d+ pictures drawn\./.test(server.output()); waited++) {
      if (waited > 1200) throw new Error(`the demo pictures were not drawn:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const home = await fetch(`${server.url}/`);
    assert.equal(home.status, 200);
    const html = await home.text();
    const story = /href="(\/[a-z0-9-]+\/\d{4}\/\d{2}\/[a-z0-9-]+)"/.exec(html)?.[1];
    const stylesheet = /href="(\/assets\/[^"]+\.css[^"]*)"/.exec(html)?.[1];
    assert.ok(story && stylesheet);
    const storyPage = await fetch(`${server.url}${story}`);
    assert.equal(storyPage.status, 200);
    assert.match(await storyPage.text(), /class="related-list"/);
    // The demo pictures are drawn by sharp, loaded only when first needed, with WebP variants beside them.
    const picture = /src="(\/media\/[^"]+\.jpg)"/.exec(html)?.[1];
    assert.ok(picture);
    assert.match(html, /\/media\/[^"]+-480\.webp 480w/);
    for (const pathname of [stylesheet, picture, '/feed.rss', '/sitemap.xml', '/robots.txt', '/search?q=harbour', '/api/v1/docs', '/api/v1/docs.css', '/api/v1/openapi.json']) {
      const response = await fetch(`${server.url}${pathname}`);
      assert.equal(response.status, 200, pathname);
      await response.arrayBuffer();
    }
    const robots = await (await fetch(`${server.url}/robots.txt`)).text();
    assert.match(robots, /^Disallow: \/newsroom$/m);
    assert.match(robots, new RegExp(`^Sitemap: ${server.url}/sitemap\\.xml$`, 'm'));
  });

  it('signs in to the newsroom and builds the editor', async () => {
    const email = /email: +(\S+)/.exec(server.output())?.[1];
    const password = /password: +(\S+)/.exec(server.output())?.[1];
    assert.ok(email && password);
    const session = await signIn(server, email, password);
    const editor = await fetch(`${server.url}/newsroom/stories/new`, { headers: { cookie: session.cookie } });
    assert.equal(editor.status, 200);
    const script = /src="(\/newsroom\/editor\/editor\.js[^"]*)"/.exec(await editor.text())?.[1];
    assert.ok(script);
    const bundle = await fetch(`${server.url}${script.replaceAll('&amp;', '&')}`, { headers: { cookie: session.cookie } });
    assert.equal(bundle.status, 200);
    assert.ok((await bundle.text()).length > 10_000);
  });

  it('starts the server with the same node flags however it is started', () => {
    const scripts = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    const shebang = fs.readFileSync('bin/gazette.js', 'utf8').split('\n')[0]!;
    for (const flag of serverNodeFlags) {
      assert.ok(scripts.start!.startsWith(`node ${flag} `), 'npm start');
      assert.ok(scripts.gazette!.includes(flag), 'npm run gazette');
      assert.ok(shebang.includes(flag), 'the #! line of bin/gazette.js');
      assert.ok(fs.readFileSync(`/proc/${server.child.pid}/cmdline`, 'utf8').split('\0').includes(flag), 'the running server');
    }
    // The #! line itself works: env -S splits the flags from node.
    const direct = spawnSync(path.resolve('bin/gazette.js'), ['--help'], { encoding: 'utf8' });
    assert.equal(direct.status, 0, direct.stderr);
  });

  it('runs the CLI commands it loads on demand', () => {
    const help = spawnSync(process.execPath, ['bin/gazette.js', '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /reindex +Rebuild the search index/);
    const users = spawnSync(process.execPath, ['bin/gazette.js', 'user', 'list'], { encoding: 'utf8', env: { ...process.env, ...env() } });
    assert.equal(users.status, 0, users.stderr);
    assert.match(users.stdout, /admin/);
  });
});
