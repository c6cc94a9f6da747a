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
  let strictRun: { code: number | null; stdout: string; stderr: string };
  let countsBefore: Record<string, number>;
  let countsAfterStrict: Record<string, number>;

  before(async () => {
    server = await startTestServer({ seed: false });
    uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-uploads-'));
    fs.mkdirSync(path.join(uploads, '2026/02'), { recursive: true });
    const ferry = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#204060' } }).jpeg().toBuffer();
    fs.writeFileSync(path.join(uploads, '2026/02/ferry.jpg'), ferry);
    fs.writeFileSync(path.join(uploads, '2026/02/ferry-800x533.jpg'), await sharp(ferry).resize(800).jpeg().toBuffer());
    fs.writeFileSync(path.join(uploads, '2026/02/slipway.png'), await sharp({ create: { width: 600, height: 400, channels: 3, background: '#a08060' } }).png().toBuffer());
    countsBefore = await counts(server);
    // Its trashed post, auto-draft and pingback come after posts the transaction has already written.
    strictRun = await runGazette(server, ['import', 'wordpress', fixture('full-1.2.xml'), '--strict', '--quiet']);
    countsAfterStrict = await counts(server);
    firstRun = await runGazette(server, ['import', 'wordpress', fixture('full-1.2.xml'), '--uploads', uploads]);
  });

  after(async () => {
    await server.stop();
    fs.rmSync(uploads, { recursive: true, force: true });
  });

  it('with --strict imports nothing when anything would be skipped, and says what', async () => {
    assert.equal(strictRun.code, 4, strictRun.stderr);
    assert.equal(strictRun.stdout, '', 'no counts for an import that did not happen');
    assert.match(strictRun.stderr, /^import: nothing was imported \(--strict\): \d+ things would be skipped:$/m);
    assert.match(strictRun.stderr, /^ {2}post 107 "Binned story" \(line \d+\): it is in the WordPress trash$/m);
    assert.deepEqual(countsAfterStrict, countsBefore, 'the posts written before the first skip were rolled back');
  });

  it('imports and summarises: counts by type, sticky posts, every skipped item with its line and reason on stderr', () => {
    assert.equal(firstRun.code, 3, `exit code 3: imported, some items skipped (${firstRun.stderr})`);
    const out = firstRun.stdout;
    const skips = firstRun.stderr;
    assert.match(out, /posts\s+9 new/);
    assert.match(out, /Imported as drafts: 1\n\s+post 111 "Members only: harbour accounts" .*password-protected/);
    assert.match(out, /pages\s+1 new/);
    assert.match(out, /comments\s+5 new/);
    assert.match(out, /sections\s+3 new/);
    assert.match(out, /media files\s+2 new/);
    assert.match(out, /Sticky posts.*: 1\n\s+Night ferry returns/);
    assert.match(out, /Skipped: 5 \(listed on stderr\)/);
    assert.match(skips, /^import: 5 things were skipped, everything else was imported:$/m);
    assert.match(skips, /^ {2}post 107 "Binned story" \(line \d+\): it is in the WordPress trash$/m);
    assert.match(skips, /post 108 "Auto Draft" \(line \d+\): .*auto-draft/);
    assert.match(skips, /nav_menu_item 300 "Home" \(line \d+\): .*does not import "nav_menu_item"/);
    assert.match(skips, /comment 906 .* \(line \d+\): .*pingback/);
    assert.match(skips, /nav_menu term "Main menu" \(line \d+\)/);
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

  it('pins the sticky post to the front: it leads the top stories until an editor arranges the front', async () => {
    const db = server.ctx.store.db;
    const pins = await db.selectFrom('front_pins').innerJoin('articles', 'articles.id', 'front_pins.article_id').select('articles.slug').execute();
    assert.deepEqual(pins.map((p) => p.slug), ['night-ferry-returns'], 'only the sticky post is pinned');
    const html = await (await get(server, '/')).text();
    // Top stories follow the "Top stories" heading (the rail, then the row of picture cards), in order.
    const top = html.slice(html.indexOf('id="latest-title"'));
    const firstTop = /<li[^>]*>([\s\S]*?)<\/li>/.exec(top)?.[1] ?? '';
    assert.match(firstTop, /Night ferry returns/, 'the sticky story is the first top story on the home page');
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
    assert.equal(again.code, 3, again.stderr);
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

  it('imports the good items around odd ones, reports each odd one with its line, and exits 3', async () => {
    const before = await counts(server);
    const strict = await runGazette(server, ['import', 'wordpress', fixture('odd-items.xml'), '--strict', '--quiet']);
    assert.equal(strict.code, 4, strict.stderr);
    assert.match(strict.stderr, /^import: nothing was imported \(--strict\): 2 things would be skipped:\n {2}item 2 "Mystery item" \(line 21\): it has no <wp:post_type>/m);
    assert.deepEqual(await counts(server), before, 'the scan found items that cannot be imported: nothing was written');

    const result = await runGazette(server, ['import', 'wordpress', fixture('odd-items.xml'), '--quiet']);
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stdout, /posts\s+2 new/);
    assert.match(result.stdout, /pages\s+1 new/);
    assert.match(result.stdout, /comments\s+1 new/);
    const lines = result.stderr.trim().split('\n');
    assert.deepEqual(lines, [
      'import: 7 things were skipped, everything else was imported:',
      '  item 2 "Mystery item" (line 21): it has no <wp:post_type>, so it is not known what it is',
      '  post 5 "Broken clock" (line 39): its date "2014-02-30 25:61:00" is not a date; its comment is not imported either',
      '  post 6 (guid http://tenyear.example/?p=6) (line 51): it has neither a title nor any text',
      '  attachment 7 "Lost photo" (line 61): it has neither a <wp:attachment_url> nor a <guid>, so there is no file to import',
      '  wpcf7_contact_form 9 "Contact form" (line 68): Gazette does not import "wpcf7_contact_form" items',
      '  comment 77 (line 73): it is not inside the <item> of the post it belongs to',
      '  post "No id at all" (line 74): it has no numeric <wp:post_id>, so a second run could not tell it was imported',
    ]);
    assert.equal((await get(server, '/news/2014/04/harbour-opens')).status, 200);
    assert.equal((await get(server, '/news/2014/04/tide-tables-april')).status, 200, 'the post after the odd item is imported too');
    assert.equal((await get(server, '/pages/2013/01/about-the-site')).status, 200);
    const titles = (await server.ctx.store.db.selectFrom('articles').select('title').execute()).map((r) => r.title);
    assert.ok(!titles.includes('Mystery item') && !titles.includes('Broken clock') && !titles.includes('No id at all'));

    const again = await runGazette(server, ['import', 'wordpress', fixture('odd-items.xml'), '--quiet']);
    assert.equal(again.code, 3);
    assert.match(again.stdout, /posts\s+0 new, 2 already imported/);
    assert.equal(again.stderr, result.stderr, 'a re-run reports the same skips');
  });

  it('reads an export that binds the WordPress namespace to another prefix, or sets it as an element\'s default', async () => {
    const renamed = await runGazette(server, ['import', 'wordpress', fixture('other-prefix.xml'), '--quiet']);
    assert.equal(renamed.code, 0, renamed.stderr);
    assert.equal(renamed.stderr, '', 'nothing skipped');
    assert.match(renamed.stdout, /Imported from http:\/\/renamed\.example \(WXR 1\.1\)/);
    assert.match(renamed.stdout, /posts\s+2 new/);
    const story = await get(server, '/harbour/2015/06/prefix-wxr');
    assert.equal(story.status, 200);
    const html = await story.text();
    assert.match(html, /Read by namespace, whatever the prefix\./);
    assert.match(html, /Edna Editor/);
    assert.equal((await get(server, '/harbour/2015/06/prefixes-swapped')).status, 200);

    const defaults = await runGazette(server, ['import', 'wordpress', fixture('default-namespace.xml'), '--quiet']);
    assert.equal(defaults.code, 0, defaults.stderr);
    const page = await get(server, '/news/2016/04/default-namespace');
    assert.equal(page.status, 200);
    const text = await page.text();
    assert.match(text, /The body comes through a default namespace\./);
    assert.match(text, /Read through the default namespace\./);
  });

  it('refuses malformed files with the line and stores nothing', async () => {
    const before = await counts(server);
    for (const [file, message] of [
      ['malformed.xml', /malformed\.xml, line 9: the XML is malformed/],
      ['unknown-version.xml', /line 6: unknown WXR version "2\.0"/],
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
    const noId = await runGazette(server, ['import', 'wordpress', fixture('missing-post-id.xml'), '--quiet']);
    assert.equal(noId.code, 3, 'an item without a post id is skipped, not the whole file');
    assert.match(noId.stderr, /post "First post from 2009" \(line 8\): it has no numeric <wp:post_id>/);
  });
});
