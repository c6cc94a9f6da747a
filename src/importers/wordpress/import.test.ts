import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { get, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { fixturesDir, runGazette } from '../testing.js';

const fixture = (name: string) => path.join(fixturesDir, name);

async function counts(server: TestServer): Promise<Record<string, number>> {
  const db = server.ctx.store.db;
  const result: Record<string, number> = {};
  for (const table of ['articles', 'comments', 'users', 'sections', 'tags', 'redirects', 'media', 'article_tags', 'revisions'] as const) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    result[table] = Number(row.n);
  }
  return result;
}

describe('gazette import wordpress', () => {
  let server: TestServer;
  let uploads: string;
  let firstRun: { code: number | null; stdout: string; stderr: string };

  before(async () => {
    server = await startTestServer({ seed: false });
    uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-uploads-'));
    fs.mkdirSync(path.join(uploads, '2026/02'), { recursive: true });
    const ferry = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#204060' } }).jpeg().toBuffer();
    fs.writeFileSync(path.join(uploads, '2026/02/ferry.jpg'), ferry);
    fs.writeFileSync(path.join(uploads, '2026/02/ferry-800x533.jpg'), await sharp(ferry).resize(800).jpeg().toBuffer());
    fs.writeFileSync(path.join(uploads, '2026/02/slipway.png'), await sharp({ create: { width: 600, height: 400, channels: 3, background: '#a08060' } }).png().toBuffer());
    firstRun = await runGazette(server, ['import', 'wordpress', fixture('full-1.2.xml'), '--uploads', uploads]);
  });

  after(async () => {
    await server.stop();
    fs.rmSync(uploads, { recursive: true, force: true });
  });

  it('imports and summarises: counts by type, sticky posts, every skipped item with its reason', () => {
    assert.equal(firstRun.code, 0, firstRun.stderr);
    const out = firstRun.stdout;
    assert.match(out, /posts\s+9 new/);
    assert.match(out, /Imported as drafts: 1\n\s+post 111 "Members only: harbour accounts" .*password-protected/);
    assert.match(out, /pages\s+1 new/);
    assert.match(out, /comments\s+5 new/);
    assert.match(out, /sections\s+3 new/);
    assert.match(out, /media files\s+2 new/);
    assert.match(out, /Sticky posts.*: 1\n\s+Night ferry returns/);
    assert.match(out, /post 107 "Binned story" \(line \d+\): it is in the WordPress trash/);
    assert.match(out, /post 108 "Auto Draft" .*auto-draft/);
    assert.match(out, /nav_menu_item 300 "Home" .*does not import "nav_menu_item"/);
    assert.match(out, /comment 906 .*pingback/);
    assert.match(out, /nav_menu term "Main menu"/);
    assert.match(out, /horn\.mp3/, 'media left on the old site is listed');
    assert.match(firstRun.stderr, /import: 100% \(15\/15 items\)/, 'progress is reported on stderr');
  });

  it('serves the imported story with converted markup, local images, SEO meta and threaded comments', async () => {
    const response = await get(server, '/ferries/2026/02/night-ferry-returns');
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /Night ferry returns after the storm: “we missed it” — 東京 visitors too/);
    assert.match(html, /<title>Night ferry returns after the storm: “we missed it” — 東京 visitors too – The Harbour Courier/);
    assert.match(html, /The night ferry is running again after the storm\./);
    assert.match(html, /<figcaption>The ferry at dusk\. Photo: Mara Lindqvist<\/figcaption>/);
    assert.match(html, /data-embed-provider="youtube"/);
    assert.match(html, /src="\/media\/[^"]+ferry[^"]*"/, 'uploaded images point at the local copies');
    assert.doesNotMatch(html, /alert\('owned'\)|steal\(\)/);
    assert.match(html, /Finally!/);
    assert.match(html, /Replying: agreed, it was packed\./);
    assert.doesNotMatch(html, /Buy now|Removed by the author|A reply to a reply/, 'spam, trash and pending comments stay hidden');
    assert.match(html, /Ruth &amp; Sam/);
    assert.match(html, /Mara Lindqvist/);
  });

  it('keeps the threading and status of comments', async () => {
    const rows = await server.ctx.store.db.selectFrom('comments').select(['id', 'parent_id', 'author_name', 'status']).orderBy('id').execute();
    const byName = new Map(rows.map((r) => [r.author_name, r]));
    assert.equal(byName.get('Ingrid')?.parent_id, byName.get('Ruth & Sam')?.id, 'a reply listed before its parent still hangs under it');
    assert.equal(byName.get('Replier')?.parent_id, byName.get('Ingrid')?.id);
    assert.deepEqual(rows.map((r) => r.status).sort(), ['approved', 'approved', 'pending', 'spam', 'trash']);
  });

  it('maps statuses, and keeps unpublished stories off the site', async () => {
    const rows = await server.ctx.store.db.selectFrom('articles').select(['slug', 'status', 'published_at']).execute();
    const status = Object.fromEntries(rows.map((r) => [r.slug, r.status]));
    assert.equal(status['draft-lighthouse-keeper-interview'], 'draft');
    assert.equal(status['pending-tide-tables-for-march'], 'review');
    assert.equal(status['regatta-preview'], 'scheduled');
    assert.equal(status['private-staff-rota'], 'archived');
    assert.equal(status['headline-only'], 'published');
    assert.equal(status['harbour-accounts'], 'draft', 'a password-protected post is not published');
    assert.equal((await get(server, '/news/2030/06/regatta-preview')).status, 404);
    assert.equal((await get(server, '/news/2026/01/private-staff-rota')).status, 404);
  });

  it('imports empty bodies, stories without a title and authors missing from the author list', async () => {
    assert.equal((await get(server, '/news/2026/01/headline-only')).status, 200);
    const untitled = await get(server, '/news/2026/01/untitled-wall');
    assert.equal(untitled.status, 200);
    assert.match(await untitled.text(), /A story that lost its headline/);
    const users = await server.ctx.store.db.selectFrom('users').select(['slug', 'name', 'role', 'password_hash']).execute();
    assert.ok(users.some((u) => u.slug === 'ghostwriter' && u.role === 'author' && u.password_hash === null));
    assert.ok(users.some((u) => u.slug === 'tomas' && u.name === 'Tomás Oyelaran'));
  });

  it('redirects the old permalinks, ?p= links, category and tag addresses', async () => {
    const expectations: [string, string][] = [
      ['/2026/02/14/night-ferry-returns/', '/ferries/2026/02/night-ferry-returns'],
      ['/night-ferry-returns', '/ferries/2026/02/night-ferry-returns'],
      ['/index.php?p=101', '/ferries/2026/02/night-ferry-returns'],
      ['/?p=101', '/ferries/2026/02/night-ferry-returns'],
      ['/?page_id=150&preview=true', '/pages/2025/12/about'],
      ['/index.php?page_id=150', '/pages/2025/12/about'],
      ['/about/', '/pages/2025/12/about'],
      ['/category/harbour/ferries/', '/ferries'],
      ['/category/council', '/council'],
      ['/tag/caf%C3%A9-culture/', '/tag/cafe-culture'],
    ];
    for (const [from, to] of expectations) {
      const response = await get(server, from);
      assert.equal(response.status, 301, from);
      assert.equal(response.headers.get('location'), to, from);
    }
  });

  it('changes nothing when run a second time', async () => {
    const before = await counts(server);
    const again = await runGazette(server, ['import', 'wordpress', fixture('full-1.2.xml'), '--uploads', uploads, '--quiet']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /posts\s+0 new, 9 already imported/);
    assert.match(again.stdout, /comments\s+0 new, 5 already imported/);
    assert.deepEqual(await counts(server), before);
  });

  it('reads WXR 1.0 and 1.1 files, with categories as tags when asked', async () => {
    const v10 = await runGazette(server, ['import', 'wordpress', fixture('v1.0.xml'), '--quiet']);
    assert.equal(v10.code, 0, v10.stderr);
    assert.equal((await get(server, '/news/2009/05/first-post')).status, 200);
    const v11 = await runGazette(server, ['import', 'wordpress', fixture('v1.1.xml'), '--categories', 'tags', '--default-section', 'archive-2009', '--quiet']);
    assert.equal(v11.code, 0, v11.stderr);
    const story = await get(server, '/archive-2009/2009/05/first-post');
    assert.equal(story.status, 200);
    assert.match(await story.text(), /href="\/tag\/news"/);
  });

  it('refuses malformed files with the line and stores nothing', async () => {
    const before = await counts(server);
    for (const [file, message] of [
      ['malformed.xml', /malformed\.xml, line 9: the XML is malformed/],
      ['unknown-version.xml', /line 6: unknown WXR version "2\.0"/],
      ['missing-post-id.xml', /line 8: this <item> has no numeric <wp:post_id>/],
    ] as const) {
      const result = await runGazette(server, ['import', 'wordpress', fixture(file)]);
      assert.equal(result.code, 1, file);
      assert.match(result.stderr, message);
    }
    assert.deepEqual(await counts(server), before);
    const usage = await runGazette(server, ['import', 'wordpress', fixture('v1.0.xml'), '--categories', 'both']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--categories must be "sections" or "tags"/);
    const missing = await runGazette(server, ['import', 'wordpress', fixture('nope.xml')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read .*nope\.xml/);
  });
});
