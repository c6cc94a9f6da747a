import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fixturesDir } from '../testing.js';
import { toAuthor, toPost, toTerm, wpDate, type WpPost } from './wxr-model.js';
import { readWxr, WxrError, type WxrRecord } from './wxr-reader.js';

const fixture = (name: string) => path.join(fixturesDir, name);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-wxr-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function records(file: string): Promise<WxrRecord[]> {
  const all: WxrRecord[] = [];
  await readWxr(file, (record) => {
    all.push(record);
  });
  return all;
}

async function posts(file: string): Promise<WpPost[]> {
  return (await records(file)).filter((r) => r.kind === 'item').map((r) => toPost(r.node).post!);
}

async function failure(file: string): Promise<WxrError> {
  try {
    await records(file);
  } catch (error) {
    assert.ok(error instanceof WxrError, `expected a WxrError, got ${String(error)}`);
    return error;
  }
  assert.fail(`${file} was read without an error`);
}

describe('WXR reader', () => {
  it('reads WXR 1.0, 1.1 and 1.2 headers', async () => {
    for (const [file, version] of [['v1.0.xml', '1.0'], ['v1.1.xml', '1.1'], ['full-1.2.xml', '1.2']] as const) {
      const header = await readWxr(fixture(file), () => undefined);
      assert.equal(header.version, version, file);
    }
    const header = await readWxr(fixture('full-1.2.xml'), () => undefined);
    assert.equal(header.baseSiteUrl, 'https://courier.example');
    assert.equal(header.title, 'The Harbour Courier');
  });

  it('decodes CDATA (including a split "]]>"), entities and unicode', async () => {
    const [ferry] = await posts(fixture('full-1.2.xml'));
    assert.ok(ferry);
    assert.equal(ferry.title, 'Night ferry returns after the storm: “we missed it” — 東京 visitors too');
    assert.match(ferry.content, /The sequence \]\]> ends CDATA\./);
    assert.match(ferry.content, /harbour & left <em>three<\/em>/);
    assert.equal(ferry.excerpt, 'The night ferry is back &amp; full.');
    const [old] = await posts(fixture('v1.0.xml'));
    assert.equal(old?.content, 'Hello &amp; welcome.');
  });

  it('gives posts their terms, meta, sticky flag, dates and nested comments', async () => {
    const all = await posts(fixture('full-1.2.xml'));
    const ferry = all[0]!;
    assert.equal(ferry.id, '101');
    assert.equal(ferry.sticky, true);
    assert.equal(ferry.date, '2026-02-14T18:30:00.000Z');
    assert.deepEqual(ferry.terms.map((t) => `${t.taxonomy}:${t.slug}`), ['category:harbour', 'category:ferries', 'post_tag:tides', 'post_tag:caf%c3%a9-culture']);
    assert.equal(ferry.meta.get('_thumbnail_id'), '201');
    assert.deepEqual(ferry.comments.map((c) => [c.id, c.parentId, c.approved]), [
      ['902', '901', '1'], ['901', '', '1'], ['903', '902', '0'], ['904', '', 'spam'], ['905', '', 'trash'], ['906', '', '1'],
    ]);
    const draft = all.find((p) => p.id === '103')!;
    assert.equal(draft.date, null, 'a 0000-00-00 date is no date');
    assert.equal(all.find((p) => p.id === '110')!.title, '', 'an empty title stays empty');
    assert.equal(all.find((p) => p.id === '201')!.attachmentUrl, 'https://courier.example/wp-content/uploads/2026/02/ferry.jpg');
    const old = (await posts(fixture('v1.0.xml')))[0]!;
    assert.equal(old.date, '2009-05-01T12:00:00.000Z', 'WXR 1.0 has no post_date_gmt; the local date is used');
  });

  it('reads categories, tags and generic terms', async () => {
    const terms = (await records(fixture('full-1.2.xml'))).filter((r) => r.kind !== 'item' && r.kind !== 'author' && r.kind !== 'redirect');
    const shaped = terms.map((r) => toTerm(r.kind as 'category' | 'tag' | 'term', r.node));
    assert.deepEqual(shaped.map((t) => [t.taxonomy, t.slug, t.parentSlug]), [
      ['category', 'harbour', ''], ['category', 'ferries', 'harbour'], ['category', 'council', ''],
      ['post_tag', 'tides', ''], ['post_tag', 'caf%c3%a9-culture', ''], ['nav_menu', 'main-menu', ''],
    ]);
    assert.equal(shaped[0]!.name, 'Harbour &amp; Coast');
  });

  it('names the line of malformed XML', async () => {
    const error = await failure(fixture('malformed.xml'));
    assert.equal(error.line, 9);
    assert.match(error.message, /^malformed\.xml, line 9: the XML is malformed/);
  });

  it('refuses an unknown WXR version and a file that is not a WordPress export', async () => {
    const unknown = await failure(fixture('unknown-version.xml'));
    assert.equal(unknown.line, 6);
    assert.match(unknown.message, /unknown WXR version "2\.0"/);
    const html = path.join(tmp, 'page.xml');
    fs.writeFileSync(html, '<?xml version="1.0"?>\n<html><body>hi</body></html>');
    assert.match((await failure(html)).message, /starts with <html>/);
    const plainRss = path.join(tmp, 'feed.xml');
    fs.writeFileSync(plainRss, '<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>Feed</title>\n<item><title>x</title></item>\n</channel>\n</rss>');
    const noVersion = await failure(plainRss);
    assert.equal(noVersion.line, 5);
    assert.match(noVersion.message, /before <wp:wxr_version>/);
    const empty = path.join(tmp, 'empty.xml');
    fs.writeFileSync(empty, '');
    assert.match((await failure(empty)).message, /empty/);
  });

  it('names the item that lacks a required element, its line and why, instead of failing the file', async () => {
    const [item] = (await records(fixture('missing-post-id.xml'))).filter((r) => r.kind === 'item');
    assert.deepEqual(toPost(item!.node).skip, {
      what: 'post "First post from 2009"', line: 8, reason: 'it has no numeric <wp:post_id>, so a second run could not tell it was imported',
    });
    const odd = (await records(fixture('odd-items.xml'))).filter((r) => r.kind === 'item').map((r) => toPost(r.node));
    const skips = odd.flatMap((r) => (r.skip ? [r.skip] : []));
    assert.deepEqual(skips, [
      { what: 'item 2 "Mystery item"', line: 21, reason: 'it has no <wp:post_type>, so it is not known what it is' },
      { what: 'post "No id at all"', line: 74, reason: 'it has no numeric <wp:post_id>, so a second run could not tell it was imported' },
    ]);
    assert.deepEqual(odd.flatMap((r) => (r.post ? [r.post.id] : [])), ['1', '3', '5', '6', '7', '9', '8'], 'the items around them are read');
    const broken = odd.find((r) => r.post?.id === '5')!.post!;
    assert.equal(broken.brokenDate, '2014-02-30 25:61:00');
    assert.equal(broken.comments[0]?.brokenDate, '', 'a comment without a date has no broken date');
  });

  it('reads elements by namespace URI: another prefix, prefixes rebound inside an item, a default namespace', async () => {
    const renamed = await records(fixture('other-prefix.xml'));
    const header = await readWxr(fixture('other-prefix.xml'), () => undefined);
    assert.equal(header.version, '1.1');
    assert.equal(header.baseSiteUrl, 'http://renamed.example');
    assert.deepEqual(renamed.filter((r) => r.kind === 'author').map((r) => toAuthor(r.node).login), ['editor'], "the plugin's <wp:author> is not a WordPress author");
    const [first, second] = renamed.filter((r) => r.kind === 'item').map((r) => toPost(r.node).post!);
    assert.ok(first && second);
    assert.deepEqual([first.id, first.type, first.status, first.creator, first.content], ['1', 'post', 'publish', 'editor', 'Read by namespace, whatever the prefix.']);
    assert.deepEqual([second.id, second.type, second.slug], ['2', 'post', 'prefixes-swapped'], 'rebinding inside the item is followed');
    assert.deepEqual(first.terms, [{ taxonomy: 'category', slug: 'harbour', name: 'Harbour' }]);

    const defaults = await records(fixture('default-namespace.xml'));
    assert.equal((await readWxr(fixture('default-namespace.xml'), () => undefined)).version, '1.2');
    const post = toPost(defaults.find((r) => r.kind === 'item')!.node).post!;
    assert.deepEqual(
      [post.id, post.type, post.status, post.slug, post.date, post.content, post.excerpt],
      ['10', 'post', 'publish', 'default-namespace', '2016-04-02T10:00:00.000Z', 'The body comes through a default namespace.', 'A dek by default namespace.'],
    );
    assert.deepEqual(post.comments.map((c) => [c.id, c.author, c.content]), [['501', 'Default Reader', 'Read through the default namespace.']]);
  });

  it('streams: items arrive before the end of a large file is even read', async () => {
    const file = path.join(tmp, 'large.xml');
    const out = fs.createWriteStream(file);
    out.write('<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>\n');
    const body = 'x'.repeat(2000);
    for (let i = 1; i <= 3000; i++) out.write(`<item><title>Post ${i}</title><wp:post_id>${i}</wp:post_id><wp:post_type>post</wp:post_type><content:encoded><![CDATA[${body}]]></content:encoded></item>\n`);
    out.write('<item><title>broken</titl></item></channel></rss>\n');
    await new Promise((resolve) => out.end(resolve));
    let seen = 0;
    await assert.rejects(
      readWxr(file, () => {
        seen++;
      }),
      (error: unknown) => error instanceof WxrError && error.line === 3003,
    );
    assert.ok(seen > 100, `items were handed over while reading (saw ${seen} before the error)`);
  });

  it('parses WordPress dates and rejects the zero date', () => {
    assert.equal(wpDate('2020-01-02 03:04:05'), '2020-01-02T03:04:05.000Z');
    assert.equal(wpDate('0000-00-00 00:00:00'), null);
    assert.equal(wpDate('garbage'), null);
    assert.equal(wpDate('2019-02-30 10:00:00'), null, 'a day the month does not have is no date, not the 2nd of March');
    assert.equal(wpDate('2019-01-01 24:30:00'), null);
  });
});
