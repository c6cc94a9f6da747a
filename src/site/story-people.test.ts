/**
 * The story page's people and sharing, on a real server: byline photos, the author box, share links that load nothing
 * from another origin, times in the site's zone with the zone named and "N hours ago" for fresh stories; the author
 * page; choosing a photo on one's profile.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { createArticle, ensureSection } from '../content/articles.js';
import { findStory } from '../content/queries.js';
import { saveSettings } from '../content/settings.js';
import { demoPortraits, portrait } from '../demo/portraits.js';
import { storeImage } from '../media/storage.js';
import { createTestUser, signIn, type TestUser } from '../../test/helpers/auth.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';

let server: TestServer;
let writer: TestUser;
let second: TestUser;
let photoId: number;
const urls: Record<'fresh' | 'minutes' | 'old', string> = { fresh: '', minutes: '', old: '' };
const hour = 3600_000;

before(async () => {
  server = await startTestServer({ seed: false });
  const db = server.ctx.store.db;
  await saveSettings(db, { timezone: 'Europe/Berlin' });
  writer = await createTestUser(server, 'author', { name: 'Ada Quill' });
  second = await createTestUser(server, 'author', { name: 'Ben Stroke' });
  const media = await storeImage(db, path.join(server.database.dataDir, 'media'), {
    bytes: await portrait(demoPortraits['priya-raman']!, 240), alt: 'Ada Quill, smiling', caption: '', credit: '', filename: 'ada',
  });
  photoId = media.id;
  const other = await storeImage(db, path.join(server.database.dataDir, 'media'), {
    bytes: await portrait(demoPortraits['samuel-osei']!, 240), alt: 'Ben Stroke', caption: '', credit: '', filename: 'ben',
  });
  await db.updateTable('users').set({ bio: 'Covers the harbour and the people who work it.', avatar_media_id: photoId }).where('id', '=', writer.id).execute();
  await db.updateTable('users').set({ bio: 'Data reporter.', avatar_media_id: other.id }).where('id', '=', second.id).execute();
  const sectionId = await ensureSection(db, { slug: 'city', name: 'City', description: '' });
  const story = async (title: string, ageMs: number, authorIds: number[]) => {
    const id = await createArticle(db, {
      title, dek: 'A dek for the reader.', bodyHtml: '<p>Text of the story.</p>', sectionId, status: 'published',
      publishedAt: new Date(Date.now() - ageMs).toISOString(), authorIds,
    });
    return (await findStory(db, { id }))!.url;
  };
  urls.old = await story('Harbour cranes go electric', 3 * 24 * hour, [writer.id]);
  urls.fresh = await story('Ferry timetable & fares change', 3 * hour + 5 * 60_000, [writer.id, second.id]);
  urls.minutes = await story('Bridge reopens', 20 * 60_000, [second.id]);
});
after(async () => {
  await server.stop();
});

async function page(pathname: string) {
  const response = await get(server, pathname);
  assert.equal(response.status, 200, pathname);
  return cheerio.load(await response.text());
}

/** Every address the page makes the browser load (scripts, styles, pictures, frames), absolute. */
function loadedAddresses($: cheerio.CheerioAPI): string[] {
  const out: string[] = [];
  $('script[src]').each((_, el) => void out.push($(el).attr('src')!));
  $('link[href]').each((_, el) => {
    const rel = ($(el).attr('rel') ?? '').split(/\s+/);
    // Links that only name an address (canonical, alternate feeds, author) load nothing.
    if (rel.some((r) => ['stylesheet', 'preload', 'modulepreload', 'icon', 'apple-touch-icon', 'manifest', 'prefetch', 'preconnect', 'dns-prefetch'].includes(r))) out.push($(el).attr('href')!);
  });
  $('img[src], iframe[src], video[src], audio[src]').each((_, el) => void out.push($(el).attr('src')!));
  $('img[srcset], source[srcset]').each((_, el) => {
    for (const part of $(el).attr('srcset')!.split(',')) out.push(part.trim().split(/\s+/)[0]!);
  });
  return out.map((a) => new URL(a, server.url).origin);
}

describe('story page: people, sharing and times', () => {
  it('shows every author\'s photo in the byline and an author box with photo, biography and a link to the author page', async () => {
    const $ = await page(urls.fresh);
    const photos = $('.story-meta .byline-photos img');
    assert.equal(photos.length, 2);
    photos.each((_, img) => assert.equal($(img).attr('alt'), '', 'beside the linked name the photo is decorative'));
    assert.deepEqual($('.story-meta .byline a[rel="author"]').map((_, a) => $(a).text()).get(), ['Ada Quill', 'Ben Stroke']);
    const cards = $('.author-box .author-card');
    assert.equal(cards.length, 2);
    const ada = cards.first();
    assert.equal(ada.find('.author-card-name a').attr('href'), `/author/${(await server.ctx.store.db.selectFrom('users').select('slug').where('id', '=', writer.id).executeTakeFirstOrThrow()).slug}`);
    assert.equal(ada.find('.author-card-bio').text(), 'Covers the harbour and the people who work it.');
    assert.equal(ada.find('img').length, 1);
    assert.match(ada.find('.more-link a').text(), /More from Ada Quill/);
  });

  it('offers plain share links and loads nothing from another origin', async () => {
    const $ = await page(urls.fresh);
    const address = `${server.ctx.config.siteUrl}${urls.fresh}`;
    const share = $('nav.share');
    assert.equal(share.attr('data-share-url'), address);
    const hrefs = share.find('a.share-link').map((_, a) => $(a).attr('href')).get();
    assert.ok(hrefs.includes(`https://bsky.app/intent/compose?text=${encodeURIComponent(`Ferry timetable & fares change ${address}`)}`), hrefs.join('\n'));
    assert.ok(hrefs.includes(`https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(address)}`));
    assert.ok(hrefs.includes(`https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(address)}`));
    assert.ok(hrefs.some((h) => h.startsWith('https://x.com/intent/post?') && h.includes(`url=${encodeURIComponent(address)}`)));
    assert.ok(hrefs.some((h) => h.startsWith('mailto:?subject=Ferry%20timetable%20%26%20fares%20change')));
    // The buttons need the site script, so they are hidden until it shows them.
    assert.notEqual(share.find('[data-share-native]').attr('hidden'), undefined);
    assert.notEqual(share.find('[data-share-copy]').attr('hidden'), undefined);
    const origins = new Set(loadedAddresses($));
    assert.ok(origins.size > 0);
    assert.deepEqual([...origins], [server.url], 'every script, style, picture and frame comes from the site itself');
    assert.equal($('script:not([src])').filter((_, s) => ($(s).attr('type') ?? '') !== 'application/ld+json').length, 0, 'no inline script');
  });

  it('names the site\'s zone and says "N hours ago" for a story under a day old', async () => {
    const fresh = (await page(urls.fresh))('.story-meta .times time').first();
    assert.equal(fresh.text(), '3 hours ago');
    assert.match(fresh.attr('title')!, /^\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d CET$/, 'the full time, in the site\'s zone, named');
    assert.equal(fresh.attr('data-relative'), '');
    assert.equal(new Date(fresh.attr('datetime')!).getTime() > Date.now() - 4 * hour, true);

    // Under an hour a cached copy would make "20 minutes ago" wrong: the server writes the absolute time, the script the phrase.
    const minutes = (await page(urls.minutes))('.story-meta .times time').first();
    assert.match(minutes.text(), /, \d\d:\d\d CET$/);
    assert.equal(minutes.attr('data-relative'), '');
    assert.equal(minutes.attr('data-absolute'), minutes.text());

    const old = (await page(urls.old))('.story-meta .times time').first();
    assert.match(old.text(), /^\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d CET$/);
    assert.equal(old.attr('data-relative'), undefined, 'an old story\'s time never changes');

    // Cards on listing pages: the date, or the hours for fresh stories.
    const $ = await page('/city');
    const times = $('.story-rows .meta time').map((_, t) => $(t).text()).get();
    assert.equal(times.length, 3);
    assert.ok(times.includes('3 hours ago'), times.join(' | '));
    assert.ok(times.some((t) => /^\d{1,2} [A-Z][a-z]+ \d{4}$/.test(t)), times.join(' | '));
  });
});

describe('author page', () => {
  it('shows the photo with its description, the biography, links and the stories', async () => {
    const slug = (await server.ctx.store.db.selectFrom('users').select('slug').where('id', '=', writer.id).executeTakeFirstOrThrow()).slug;
    const $ = await page(`/author/${slug}`);
    const header = $('.list-header-person');
    assert.equal(header.find('h1').text(), 'Ada Quill');
    assert.equal(header.find('.author-photo img').attr('alt'), 'Ada Quill, smiling');
    assert.equal(header.find('.list-description').text(), 'Covers the harbour and the people who work it.');
    assert.equal(header.find('a[href="/authors"]').length, 1);
    assert.equal(header.find(`a[href="/author/${slug}/feed.rss"]`).length, 1);
    assert.equal($('.story-rows > li').length, 2);
    const ld = $('script[type="application/ld+json"]').map((_, s) => $(s).text()).get().join('');
    assert.match(ld, /"image":"[^"]+\/media\//);

    const list = await page('/authors');
    assert.equal(list('.author-list .author-card img').length, 2);
  });
});

describe('profile photo', () => {
  it('is chosen from the media library on the account page, removable, and a bad choice is refused with the typing kept', async () => {
    const me = await signIn(server, writer.email, writer.password);
    const post = (fields: Record<string, string>) =>
      get(server, '/newsroom/account/profile', {
        method: 'POST',
        headers: { cookie: me.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: me.csrf, ...fields }).toString(),
      });
    const form = cheerio.load(await (await get(server, '/newsroom/account', { headers: { cookie: me.cookie } })).text());
    assert.equal(form(`input[type="radio"][name="photo_media_id"][value="${photoId}"]`).attr('checked'), 'checked', 'the photo is picked from a grid of thumbnails');
    assert.ok(form('.nr-photo-grid img').length > 0, 'thumbnails of the library');
    const narrowed = cheerio.load(await (await get(server, '/newsroom/account?photo_q=no-such-picture-anywhere', { headers: { cookie: me.cookie } })).text());
    assert.match(narrowed('main').text(), /No picture in the library matches “no-such-picture-anywhere”/);
    assert.equal(narrowed('input[name="photo_media_id"]:checked').attr('value'), String(photoId), 'the chosen photo stays offered while searching');

    const missing = await post({ name: 'Ada Q. Quill', bio: 'New bio', photo_media_id: '999999' });
    assert.equal(missing.status, 422);
    const refused = cheerio.load(await missing.text());
    assert.match(refused('.nr-error').text(), /no longer in the media library/);
    assert.equal(refused('#name').attr('value'), 'Ada Q. Quill');
    assert.equal(refused('#bio').text(), 'New bio');
    assert.equal((await post({ name: 'Ada Quill', bio: 'x', photo_media_id: 'abc' })).status, 400);

    assert.equal((await post({ name: 'Ada Quill', bio: 'Covers the harbour and the people who work it.', photo_media_id: '' })).status, 303);
    let $ = await page(urls.old);
    assert.equal($('.story-meta .byline-photos').length, 0, 'no photo: the byline is the name alone');
    assert.equal($('.author-box .author-card img').length, 0);

    assert.equal((await post({ name: 'Ada Quill', bio: 'Covers the harbour and the people who work it.', photo_media_id: String(photoId) })).status, 303);
    $ = await page(urls.old);
    assert.equal($('.story-meta .byline-photos img').length, 1, 'the cached page was purged by the change');
  });
});
