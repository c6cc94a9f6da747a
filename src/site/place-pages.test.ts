/**
 * Places over real HTTP on the demo newsroom: the world page, place and country pages with their SVG maps, the story
 * page's dateline box and JSON-LD, place feeds, the search filter, 404s with a search box; then the newsroom's places,
 * the lookup as you type, and a journalist confirming a proposed dateline.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createArticle, ensureSection } from '../content/articles.js';
import { gazetteerLoaded } from '../places/gazetteer.js';
import { createTestUser, signIn, type SignedIn } from '../../test/helpers/auth.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].flatMap((m) => {
    const parsed = JSON.parse(m[1]!) as Record<string, unknown> | Record<string, unknown>[];
    return Array.isArray(parsed) ? parsed : [parsed];
  });
}

function svgs(html: string): string[] {
  return [...html.matchAll(/<svg class="map[\s\S]*?<\/svg>/g)].map((m) => m[0]);
}

describe('place pages', () => {
  let server: TestServer;
  let editor: SignedIn;
  let author: SignedIn;
  let authorId: number;

  before(async () => {
    server = await startTestServer();
    const e = await createTestUser(server, 'editor');
    const a = await createTestUser(server, 'author');
    authorId = a.id;
    editor = await signIn(server, e.email, e.password);
    author = await signIn(server, a.email, a.password);
  });
  after(async () => server?.stop());

  async function post(session: SignedIn, pathname: string, fields: Record<string, string | string[]>, json = false): Promise<Response> {
    const form = new URLSearchParams({ _csrf: session.csrf });
    for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
    return fetch(`${server.url}${pathname}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', ...(json ? { accept: 'application/json' } : {}) },
      body: form.toString(),
    });
  }

  it('the world page maps the week’s places as keyboard-reachable links, with the same places as a list', async () => {
    const response = await get(server, '/places');
    assert.equal(response.status, 200);
    const html = await response.text();
    const [map] = svgs(html);
    assert.ok(map);
    assert.match(map, /role="group" aria-labelledby="world-map-title" aria-describedby="world-map-desc"/);
    assert.match(map, /<title id="world-map-title">Where our stories of the last 7 days happened<\/title>/);
    const markers = [...map.matchAll(/<a class="map-marker" href="(\/place\/[a-z0-9-]+)" aria-label="([^"]+)"/g)];
    assert.ok(markers.length >= 3, `${markers.length} markers`);
    assert.ok(markers.some((m) => m[1] === '/place/tarsel' && /Tarsel, Korvath: \d+ stor/.test(m[2]!)));
    assert.doesNotMatch(map, /<script/);
    // The list alternative names every marked place.
    const list = html.slice(html.indexOf('id="world-list"'));
    for (const [, href] of markers) assert.ok(list.includes(`href="${href}"`), href);
    assert.match(list, /First civilians leave Tarsel/);
    assert.match(html, /GeoNames/);
    assert.match(html, /href="\/country\/ch"/);
  });

  it('a place page shows its stories, an accessible locator map under 60 KB and nearby places with stories', async () => {
    const response = await get(server, '/place/tarsel');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('cache-control') ?? '', /public/);
    const html = await response.text();
    const [map] = svgs(html);
    assert.ok(map);
    assert.ok(Buffer.byteLength(map) < 60_000, `${Buffer.byteLength(map)} bytes`);
    assert.match(map, /role="img" aria-labelledby="place-map-title place-map-desc"/);
    assert.match(map, /<title id="place-map-title">Map: Tarsel, Korvath<\/title>/);
    assert.match(map, /<desc id="place-map-desc">A locator map of the region around Tarsel/);
    // An invented country in open sea: the map names it, draws labelled lines of latitude and longitude, and marks
    // its other towns.
    assert.match(map, /<text class="map-region"[^>]*>Korvath<\/text>/);
    assert.match(map, /<text class="map-graticule-label"[^>]*>120°W<\/text>/);
    assert.match(map, /<text class="map-label"[^>]*>Port Amsel<\/text>/);
    assert.match(map, /<text class="map-label"[^>]*>Upper Venn<\/text>/);
    assert.match(html, /Fighters encircle Tarsel/);
    assert.match(html, /First civilians leave Tarsel/);
    assert.match(html, /Nearby, with stories[\s\S]*href="\/place\/port-amsel"/);
    // Names in other scripts are shown as stored.
    assert.match(html, /Тарсел/);
    const place = jsonLd(html).find((d) => d['@type'] === 'Place') as { geo: { '@type': string; latitude: number; longitude: number } } | undefined;
    assert.equal(place?.geo['@type'], 'GeoCoordinates');
    assert.equal(place?.geo.latitude, -31.42);
    assert.match(html, /href="\/place\/tarsel\/feed\.rss"/);

    // A story filed from Port Amsel about Tarsel and Upper Venn: its small map marks all three.
    const storyPath = /href="(\/world\/\d{4}\/\d{2}\/[^"]+)"[^>]*>Fighters encircle Tarsel/.exec(html)?.[1];
    assert.ok(storyPath);
    const [storyMap] = svgs(await (await get(server, storyPath)).text());
    assert.match(storyMap ?? '', /<text class="map-label map-label--main"[^>]*>Port Amsel<\/text>/);
    assert.match(storyMap ?? '', /<text class="map-label"[^>]*>Tarsel<\/text>/);
    assert.match(storyMap ?? '', /<text class="map-label"[^>]*>Upper Venn<\/text>/);
    assert.match(storyMap ?? '', /<text class="map-region"[^>]*>Korvath<\/text>/);
  });

  it('a real city: the dateline story lists on its page and its country page; the story page shows the dateline, map and JSON-LD', async () => {
    const page = await (await get(server, '/place/geneve')).text();
    assert.match(page, /Upstream dam puts sixty-year Verna river treaty/);
    const country = await get(server, '/country/ch');
    assert.equal(country.status, 200);
    const countryHtml = await country.text();
    assert.match(countryHtml, /<h1>Switzerland<\/h1>/);
    assert.match(countryHtml, /Upstream dam puts sixty-year Verna river treaty/);
    assert.ok(svgs(countryHtml).length === 1);

    const storyPath = /href="(\/world\/\d{4}\/\d{2}\/upstream-dam[^"]+)"/.exec(page)?.[1];
    assert.ok(storyPath);
    const story = await (await get(server, storyPath)).text();
    assert.match(story, /class="story-places"/);
    assert.match(story, /Filed from<\/span> <a href="\/place\/geneve">Genève, Switzerland<\/a>/);
    assert.match(story, /href="\/place\/dravonia">Dravonia<\/a>/);
    const [map] = svgs(story);
    assert.ok(map && Buffer.byteLength(map) < 60_000);
    assert.match(map, /map-land--focus/);
    const article = jsonLd(story).find((d) => d['@type'] === 'NewsArticle') as { dateline: string; contentLocation: { '@type': string; name: string; geo: { latitude: number } }[]; locationCreated: { name: string } };
    assert.equal(article.dateline, 'Genève, Switzerland');
    assert.equal(article.locationCreated.name, 'Genève');
    assert.deepEqual(article.contentLocation.map((p) => p.name), ['Dravonia', 'Ostrel']);
    assert.ok(article.contentLocation.every((p) => p['@type'] === 'Place' && typeof p.geo.latitude === 'number'));

    // The content API carries the same places.
    const id = (await server.ctx.store.db.selectFrom('articles').select('id').where('title', 'like', 'Upstream dam%').executeTakeFirstOrThrow()).id;
    const api = (await (await get(server, `/api/v1/stories/${id}`)).json()) as { data: { places: { dateline: { name: string; countryCode: string; lat: number; url: string }; about: { slug: string }[] } } };
    assert.equal(api.data.places.dateline.name, 'Genève');
    assert.equal(api.data.places.dateline.countryCode, 'CH');
    assert.equal(api.data.places.dateline.lat, 46.20222);
    assert.match(api.data.places.dateline.url, /\/place\/geneve$/);
    assert.deepEqual(api.data.places.about.map((p) => p.slug), ['dravonia', 'ostrel']);
  });

  it('feeds per place and the search filter by place', async () => {
    for (const format of ['rss', 'atom', 'json']) {
      const feed = await get(server, `/place/tarsel/feed.${format}`);
      assert.equal(feed.status, 200, format);
      assert.match(await feed.text(), /Fighters encircle Tarsel/);
    }
    const search = await (await get(server, '/search?q=tarsel&place=port-amsel')).text();
    assert.match(search, /Place: Port Amsel/);
    assert.match(search, /ceasefire talks open in Port Amsel/i);
    assert.doesNotMatch(search, /First civilians leave Tarsel/);
    assert.equal((await get(server, '/search?q=tarsel&place=atlantis')).status, 400);
  });

  it('unknown places and countries are 404 pages with a search box', async () => {
    for (const path of ['/place/atlantis', '/country/zz', '/country/fra', '/place/atlantis/feed.rss']) {
      const response = await get(server, path);
      assert.equal(response.status, 404, path);
      if (!path.endsWith('.rss')) assert.match(await response.text(), /role="search"/);
    }
  });

  it('public pages never load the gazetteer', () => {
    assert.equal(gazetteerLoaded(), false);
  });

  it('an editor adds a place in any script; bad coordinates and authors are refused', async () => {
    const added = await post(editor, '/newsroom/places', { name: 'الزرقاء الجديدة', altNames: 'New Zarqa', countryCode: 'JO', lat: '32.07', lon: '36.09' });
    assert.equal(added.status, 303);
    const list = await (await get(server, '/newsroom/places', { headers: { cookie: editor.cookie } })).text();
    assert.match(list, /الزرقاء الجديدة/);
    const page = await get(server, '/place/new-zarqa');
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<h1>الزرقاء الجديدة<\/h1>/);

    const bad = await post(editor, '/newsroom/places', { name: 'Offworld', region: 'Nowhere', lat: '123', lon: '200' });
    assert.equal(bad.status, 422);
    const badHtml = await bad.text();
    assert.match(badHtml, /Latitude must be a number from -90/);
    assert.match(badHtml, /value="Offworld"/);
    const badJson = await post(editor, '/newsroom/places', { name: 'Offworld', region: 'Nowhere', lat: '1', lon: '-181' }, true);
    assert.equal(badJson.status, 422);
    assert.match(((await badJson.json()) as { error: { fields: Record<string, string> } }).error.fields.lon ?? '', /-180/);
    assert.equal((await post(author, '/newsroom/places', { name: 'Elsewhere', region: 'Nowhere', lat: '1', lon: '2' })).status, 403);
    assert.equal((await get(server, '/place/offworld')).status, 404);
  });

  it('an editor corrects a place and merges a duplicate into it; the old address redirects; bad merges are refused with a message', async () => {
    const headers = { cookie: editor.cookie };
    const addedChinese = await post(editor, '/newsroom/places', { name: '新营地', altNames: 'Xin Camp', region: 'Korvath', lat: '-31', lon: '-118' }, true);
    assert.equal(addedChinese.status, 201);
    const camp = ((await addedChinese.json()) as { place: { id: number; slug: string } }).place;
    const addedTwin = await post(editor, '/newsroom/places', { name: 'Новый лагерь', altNames: 'New Camp', region: 'Korvath', lat: '-31.01', lon: '-118.02' }, true);
    const twin = ((await addedTwin.json()) as { place: { id: number; slug: string } }).place;

    // A published story about the camp, its page cached before the place is corrected.
    const sectionId = await ensureSection(server.ctx.store.db, { slug: 'world', name: 'World' });
    const storyId = await createArticle(server.ctx.store.db, { title: 'Camp fills as families arrive', bodyHtml: '<p>More tents went up.</p>', sectionId, status: 'published', authorIds: [authorId] });
    assert.equal((await post(author, `/newsroom/stories/${storyId}/places`, { dateline: `p${camp.id}`, about: [`p${camp.id}`] })).status, 303);
    const story = await server.ctx.store.db.selectFrom('articles').select(['slug', 'published_at']).where('id', '=', storyId).executeTakeFirstOrThrow();
    const storyUrl = `/world/${story.published_at!.slice(0, 4)}/${story.published_at!.slice(5, 7)}/${story.slug}`;
    assert.match(await (await get(server, storyUrl)).text(), /Filed from<\/span> <a href="\/place\/[^"]+">新营地, Korvath<\/a>/);
    await get(server, storyUrl);

    const form = await get(server, `/newsroom/places/${camp.id}`, { headers });
    assert.equal(form.status, 200);
    const formHtml = await form.text();
    assert.match(formHtml, /value="新营地"/);
    assert.match(formHtml, /action="\/newsroom\/places\/\d+\/merge"/);
    const saved = await post(editor, `/newsroom/places/${camp.id}`, { name: '新营地', altNames: 'Xin Camp, مخيم جديد', region: 'Korvath East', lat: '-31.2', lon: '-118.3' });
    assert.equal(saved.status, 303);
    // The cached story page shows the corrected place at once.
    assert.match(await (await get(server, storyUrl)).text(), /新营地, Korvath East<\/a>/);
    assert.match(await (await get(server, `/place/${camp.slug}`)).text(), /مخيم جديد/);
    const offGlobe = await post(editor, `/newsroom/places/${camp.id}`, { name: '新营地', region: 'Korvath East', lat: '-31.2', lon: '-190' });
    assert.equal(offGlobe.status, 422);
    const offHtml = await offGlobe.text();
    assert.match(offHtml, /Longitude must be a number from -180 to 180/);
    assert.match(offHtml, /value="-190"/, 'what was typed is kept to correct');

    const itself = await post(editor, `/newsroom/places/${twin.id}/merge`, { into: `/place/${twin.slug}` });
    assert.equal(itself.status, 422);
    assert.match(await itself.text(), /cannot be merged into itself/);
    const merged = await post(editor, `/newsroom/places/${twin.id}/merge`, { into: '新营地' });
    assert.equal(merged.status, 303);
    const notice = await (await get(server, merged.headers.get('location')!, { headers })).text();
    assert.match(notice, /Place merged into 新营地/);
    const moved = await get(server, `/place/${twin.slug}`, { redirect: 'manual' });
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.get('location'), `/place/${camp.slug}`);
    assert.equal((await get(server, `/place/${twin.slug}/feed.rss`, { redirect: 'manual' })).status, 301);
    const circular = await post(editor, `/newsroom/places/${camp.id}/merge`, { into: `p${twin.id}` }, true);
    assert.equal(circular.status, 422);
    assert.match(JSON.stringify(await circular.json()), /circular merge/);
    assert.equal((await get(server, `/newsroom/places/${twin.id}`, { headers })).status, 404, 'a merged place is edited through the one kept');
    assert.equal((await post(author, `/newsroom/places/${camp.id}/merge`, { into: 'Tarsel' })).status, 403);
    assert.equal((await get(server, `/newsroom/places/${camp.id}`, { headers: { cookie: author.cookie } })).status, 403);
    assert.equal((await get(server, '/newsroom/places/999999', { headers: { cookie: author.cookie } })).status, 403, 'an author learns nothing of which places exist');
    assert.equal((await get(server, `/place/${camp.slug}`)).status, 200);
  });

  it('looks places up as they are typed, in any script, the newsroom’s own first', async () => {
    type Lookup = { places: { ref: string; name: string; where: string; path: string | null }[] };
    const lookup = async (q: string) => (await (await get(server, `/newsroom/places/lookup?q=${encodeURIComponent(q)}`, { headers: { cookie: author.cookie } })).json()) as Lookup;
    const paris = await lookup('pari');
    assert.equal(paris.places[0]?.name, 'Paris');
    assert.equal(paris.places[0]?.where, 'France');
    assert.equal((await lookup('тарс')).places[0]?.name, 'Tarsel');
    assert.equal((await lookup('الزرقاء')).places[0]?.name, 'الزرقاء الجديدة');
    const geneva = (await lookup('genève')).places[0];
    assert.equal(geneva?.path, '/place/geneve');
    assert.match(geneva?.ref ?? '', /^p\d+$/);
    const anonymous = await get(server, '/newsroom/places/lookup?q=pari');
    assert.notEqual(anonymous.status, 200);
  });

  it('the editor proposes the places a story names; the journalist confirms a dateline; the place page lists the story', async () => {
    const sectionId = await ensureSection(server.ctx.store.db, { slug: 'world', name: 'World' });
    const id = await createArticle(server.ctx.store.db, {
      title: 'Aid convoy reaches Nairobi after a week on the road',
      dek: 'Drivers crossed from Mombasa with medicine for clinics.',
      bodyHtml: '<p>The trucks left Mombasa on Monday.</p><p>In Lyon, nothing happened.</p>',
      sectionId,
      status: 'published',
      authorIds: [authorId],
    });
    const panel = await get(server, `/newsroom/stories/${id}/places`, { headers: { cookie: author.cookie } });
    assert.equal(panel.status, 200);
    const html = await panel.text();
    const nairobi = /name="about" value="(g\d+)" id="about-\d+" aria-label="About Nairobi"/.exec(html)?.[1];
    assert.ok(nairobi, 'Nairobi is proposed');
    assert.match(html, /Named “Mombasa” in the text/);
    assert.doesNotMatch(html, /Lyon/);
    const found = await (await get(server, `/newsroom/stories/${id}/places?q=kisumu`, { headers: { cookie: author.cookie } })).text();
    assert.match(found, /Found for “kisumu”/);

    const saved = await post(author, `/newsroom/stories/${id}/places`, { dateline: nairobi, about: [nairobi] });
    assert.equal(saved.status, 303);
    const story = await server.ctx.store.db.selectFrom('articles').select(['slug', 'published_at']).where('id', '=', id).executeTakeFirstOrThrow();
    const storyHtml = await (await get(server, `/world/${story.published_at!.slice(0, 4)}/${story.published_at!.slice(5, 7)}/${story.slug}`)).text();
    assert.match(storyHtml, /Filed from<\/span> <a href="\/place\/nairobi">Nairobi, Kenya<\/a>/);
    const place = await (await get(server, '/place/nairobi')).text();
    assert.match(place, /Aid convoy reaches Nairobi/);
    assert.match(await (await get(server, '/places')).text(), /Aid convoy reaches Nairobi/);
    assert.match(await (await get(server, '/country/ke')).text(), /Aid convoy reaches Nairobi/);

    const refused = await post(author, `/newsroom/stories/${id}/places`, { dateline: 'g1', about: [] });
    assert.equal(refused.status, 422);
    assert.match(await refused.text(), /is not a place in the gazetteer/);
    const other = await createTestUser(server, 'contributor');
    const otherSession = await signIn(server, other.email, other.password);
    assert.equal((await post(otherSession, `/newsroom/stories/${id}/places`, { dateline: '', about: [] })).status, 403);
    assert.equal((await get(server, `/newsroom/stories/${id}/places`, { headers: { cookie: otherSession.cookie } })).status, 403);
  });
});
