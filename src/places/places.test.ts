/**
 * Places: the gazetteer's lookup (any script, ranked by population), the commands that add places and set a story's
 * dateline and places, and what they refuse; on a real database (SQLite, or PostgreSQL when the run says so).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertRefused, startCommandBench, type CommandBench } from '../../test/helpers/commands.js';
import { createArticle, ensureSection } from '../content/articles.js';
import type { PlaceChange } from './events.js';
import { addPlace, mergePlaces, setStoryPlaces, updatePlace } from './commands.js';
import { countryName } from './countries.js';
import { findGazetteerPlace, lookupGazetteer, placesNamed } from './gazetteer.js';
import { placeKey } from './normalize.js';
import { findPlaceBySlug, listCustomPlaces, lookupStoredPlaces, placesOfStory, storiesOfPlaces } from './store.js';
import { proposePlaces } from './proposals.js';

describe('gazetteer', () => {
  test('finds a city as it is typed, the most populous first, accents and case ignored', () => {
    const paris = lookupGazetteer('pari');
    assert.ok(paris.length > 3);
    assert.equal(paris[0]!.name, 'Paris');
    assert.equal(paris[0]!.countryCode, 'FR');
    assert.equal(lookupGazetteer('SAO PAU')[0]!.name, 'São Paulo');
    assert.equal(lookupGazetteer('zurich')[0]!.name, 'Zürich');
    // A later word of a name finds it too.
    assert.ok(lookupGazetteer('janeiro').some((p) => p.name === 'Rio de Janeiro'));
  });

  test('disambiguates by country and by population', () => {
    const cairos = placesNamed('Cairo');
    assert.ok(cairos.length >= 2);
    assert.equal(cairos[0]!.countryCode, 'EG');
    assert.equal(lookupGazetteer('cairo', { countryCode: 'US' })[0]!.countryCode, 'US');
    assert.equal(findGazetteerPlace(2988507)?.name, 'Paris');
    assert.equal(findGazetteerPlace(1), null);
  });

  test('one letter asks for nothing; keys keep every script', () => {
    assert.deepEqual(lookupGazetteer('p'), []);
    assert.equal(placeKey('Москва'), 'москва');
    assert.equal(placeKey('القاهرة'), 'القاهرة');
    assert.equal(placeKey('北京市'), '北京市');
    assert.equal(placeKey('Saint-Étienne'), 'saint etienne');
    assert.equal(countryName('FR'), 'France');
    assert.equal(countryName('DE', 'de'), 'Deutschland');
    assert.equal(countryName('ZZ'), null);
  });
});

describe('place commands', () => {
  let bench: CommandBench;
  let events: PlaceChange[] = [];
  before(async () => {
    bench = await startCommandBench();
    bench.ctx.events.on('place.changed', (change) => events.push(change));
  });
  after(async () => bench?.close());

  test('an editor adds a place with names in other scripts; it is found by any of them', async () => {
    const editor = await bench.person('editor');
    events = [];
    const place = await addPlace(bench.ctx, editor, { name: 'Tarsel', altNames: 'Тарсель, طرسل', region: 'Virelia', lat: '44.1', lon: '21.5', population: '85 000' });
    assert.equal(place.slug, 'tarsel');
    assert.equal(place.custom, 1);
    assert.equal(place.population, 85000);
    assert.deepEqual(events.map((e) => e.kind), ['added']);
    assert.ok(events[0]!.paths.includes('/place/tarsel'));
    assert.deepEqual((await lookupStoredPlaces(bench.ctx.store.db, 'тарс')).map((p) => p.slug), ['tarsel']);
    assert.deepEqual((await lookupStoredPlaces(bench.ctx.store.db, 'طرسل')).map((p) => p.slug), ['tarsel']);
    const moscow = await addPlace(bench.ctx, editor, { name: 'Москва', altNames: 'Moskva', countryCode: 'ru', lat: 55.75, lon: 37.62 });
    assert.equal(moscow.name, 'Москва');
    assert.equal(moscow.slug, 'moskva');
    const cairo = await addPlace(bench.ctx, editor, { name: 'القاهرة الجديدة', countryCode: 'EG', lat: 30.03, lon: 31.47 });
    assert.equal(cairo.slug, 'place-eg');
    assert.deepEqual((await lookupStoredPlaces(bench.ctx.store.db, 'моск')).map((p) => p.name), ['Москва']);
  });

  test('refuses coordinates off the globe, unknown countries, a missing name and a second place of the same name', async () => {
    const editor = await bench.person('editor');
    events = [];
    const lat = await assertRefused(bench, addPlace(bench.ctx, editor, { name: 'Nowhere', region: 'Virelia', lat: '91', lon: '0' }), 'invalid');
    assert.match(lat.details.lat ?? '', /-90/);
    const lon = await assertRefused(bench, addPlace(bench.ctx, editor, { name: 'Nowhere', region: 'Virelia', lat: '0', lon: '180.5' }), 'invalid');
    assert.match(lon.details.lon ?? '', /-180/);
    await assertRefused(bench, addPlace(bench.ctx, editor, { name: 'Nowhere', region: 'Virelia', lat: 'north', lon: '2' }), 'invalid');
    const country = await assertRefused(bench, addPlace(bench.ctx, editor, { name: 'Nowhere', countryCode: 'XX', lat: '1', lon: '2' }), 'invalid');
    assert.match(country.details.countryCode ?? '', /XX/);
    await assertRefused(bench, addPlace(bench.ctx, editor, { name: '  ', region: 'Virelia', lat: '1', lon: '2' }), 'invalid');
    await assertRefused(bench, addPlace(bench.ctx, editor, { name: 'tarsel', region: 'Virelia', lat: '1', lon: '2' }), 'invalid');
    const author = await bench.person('author');
    await assertRefused(bench, addPlace(bench.ctx, author, { name: 'Elsewhere', region: 'Virelia', lat: '1', lon: '2' }), 'forbidden');
    assert.deepEqual(events, []);
    assert.equal((await bench.ctx.store.db.selectFrom('places').select('id').where('name', 'in', ['Nowhere', 'Elsewhere']).execute()).length, 0);
  });

  test('a story gets a dateline in a real city and places it is about; its pages list it once published', async () => {
    const author = await bench.person('author');
    const other = await bench.person('author');
    const sectionId = await ensureSection(bench.ctx.store.db, { slug: 'world', name: 'World' });
    const articleId = await createArticle(bench.ctx.store.db, { title: 'Talks open in Geneva', bodyHtml: '<p>Delegates met.</p>', sectionId, status: 'published', authorIds: [author.id] });
    events = [];
    const tarsel = (await lookupStoredPlaces(bench.ctx.store.db, 'tarsel'))[0]!;
    const set = await setStoryPlaces(bench.ctx, author, articleId, { dateline: 'g2660646', about: [`p${tarsel.id}`, 'g2660646'] });
    assert.equal(set.dateline?.name, 'Genève');
    assert.equal(set.dateline?.country_code, 'CH');
    assert.deepEqual(set.about.map((p) => p.name), ['Tarsel', 'Genève']);
    assert.equal(events.length, 1);
    const change = events[0]!;
    assert.equal(change.kind, 'story-places');
    assert.ok(change.kind === 'story-places' && change.storyUrl?.startsWith('/world/'));
    assert.ok(change.paths.includes('/place/geneve') && change.paths.includes('/country/ch') && change.paths.includes('/places'));
    const stored = await placesOfStory(bench.ctx.store.db, articleId);
    assert.equal(stored.dateline?.slug, 'geneve');
    const listed = await storiesOfPlaces(bench.ctx.store.db, [tarsel.id], 10);
    assert.deepEqual(listed.stories.map((s) => s.id), [articleId]);
    assert.deepEqual((await storiesOfPlaces(bench.ctx.store.db, { country: 'CH' }, 10)).stories.map((s) => s.id), [articleId]);

    // A dateline only: the story is not "about" it.
    await setStoryPlaces(bench.ctx, author, articleId, { dateline: 'g2660646', about: [] });
    const only = await placesOfStory(bench.ctx.store.db, articleId);
    assert.equal(only.dateline?.slug, 'geneve');
    assert.deepEqual(only.about, []);

    events = [];
    await assertRefused(bench, setStoryPlaces(bench.ctx, author, articleId, { dateline: 'g1', about: [] }), 'invalid');
    await assertRefused(bench, setStoryPlaces(bench.ctx, author, articleId, { dateline: null, about: ['Paris'] }), 'invalid');
    await assertRefused(bench, setStoryPlaces(bench.ctx, other, articleId, { dateline: null, about: [] }), 'forbidden');
    await assertRefused(bench, setStoryPlaces(bench.ctx, author, 999999, { dateline: null, about: [] }), 'not_found');
    assert.deepEqual(events, []);
    assert.equal((await placesOfStory(bench.ctx.store.db, articleId)).dateline?.slug, 'geneve');
  });

  test('an editor corrects a place in any script; its address stays; bad coordinates and gazetteer places are refused', async () => {
    const editor = await bench.person('editor');
    const place = await addPlace(bench.ctx, editor, { name: 'Beijing Camp', region: 'Nowhere Land', lat: '1', lon: '2' });
    events = [];
    const updated = await updatePlace(bench.ctx, editor, place.id, { name: '北京营地', altNames: 'Beijing Camp, Пекинский лагерь, مخيم بكين', countryCode: 'cn', lat: '39.9', lon: '116.4', population: '1 200' });
    assert.equal(updated.name, '北京营地');
    assert.equal(updated.slug, place.slug, 'the address stays');
    assert.equal(updated.country_code, 'CN');
    assert.equal(updated.region, '');
    assert.equal(updated.population, 1200);
    assert.deepEqual(events.map((e) => e.kind), ['updated']);
    for (const typed of ['北京', 'пекинский', 'مخيم', 'beijing']) {
      assert.deepEqual((await lookupStoredPlaces(bench.ctx.store.db, typed)).map((p) => p.name), ['北京营地'], typed);
    }
    events = [];
    const lat = await assertRefused(bench, updatePlace(bench.ctx, editor, place.id, { name: '北京营地', countryCode: 'CN', lat: '-90.5', lon: '116.4' }), 'invalid');
    assert.match(lat.details.lat ?? '', /-90/);
    const lon = await assertRefused(bench, updatePlace(bench.ctx, editor, place.id, { name: '北京营地', countryCode: 'CN', lat: '39.9', lon: '1e3' }), 'invalid');
    assert.match(lon.details.lon ?? '', /-180/);
    const stored = await findPlaceBySlug(bench.ctx.store.db, place.slug);
    assert.equal(stored?.lat, 39.9, 'a refused edit loses nothing');
    const geneva = (await lookupStoredPlaces(bench.ctx.store.db, 'geneve'))[0]!;
    await assertRefused(bench, updatePlace(bench.ctx, editor, geneva.id, { name: 'Geneva', countryCode: 'CH', lat: '46.2', lon: '6.1' }), 'conflict');
    await assertRefused(bench, updatePlace(bench.ctx, await bench.person('author'), place.id, { name: 'X', region: 'Y', lat: '1', lon: '2' }), 'forbidden');
    assert.deepEqual(events, []);
  });

  test('merging moves stories to the place kept and leaves a redirect; into itself or in a circle is refused', async () => {
    const editor = await bench.person('editor');
    const author = await bench.person('author');
    const sectionId = await ensureSection(bench.ctx.store.db, { slug: 'world', name: 'World' });
    const kept = await addPlace(bench.ctx, editor, { name: 'Kallis', altNames: 'Каллис', region: 'Saranto', lat: '-38.7', lon: '-126.1' });
    const twin = await addPlace(bench.ctx, editor, { name: 'Kalis Pass', altNames: 'كاليس', region: 'Saranto', lat: '-38.71', lon: '-126.12' });
    const both = await createArticle(bench.ctx.store.db, { title: 'Both', bodyHtml: '<p>x</p>', sectionId, status: 'published', authorIds: [author.id] });
    const one = await createArticle(bench.ctx.store.db, { title: 'One', bodyHtml: '<p>x</p>', sectionId, status: 'published', authorIds: [author.id] });
    await setStoryPlaces(bench.ctx, author, both, { dateline: `p${twin.id}`, about: [`p${kept.id}`] });
    await setStoryPlaces(bench.ctx, author, one, { dateline: null, about: [`p${twin.id}`] });

    events = [];
    const self = await assertRefused(bench, mergePlaces(bench.ctx, editor, twin.id, { ref: twin.slug }), 'invalid');
    assert.match(self.message, /cannot be merged into itself/);
    await assertRefused(bench, mergePlaces(bench.ctx, editor, twin.id, { ref: 'Atlantis' }), 'invalid');
    assert.deepEqual(events, []);

    const merged = await mergePlaces(bench.ctx, editor, twin.id, { ref: `/place/${kept.slug}` });
    assert.equal(merged.into.id, kept.id);
    assert.equal(merged.moved, 2);
    const change = (events as PlaceChange[])[0];
    assert.equal(events.length, 1);
    assert.ok(change);
    assert.ok(change.kind === 'merged' && change.storyUrls.length === 2 && change.paths.includes(`/place/${twin.slug}`) && change.paths.includes(`/place/${kept.slug}`));
    // The story that named both keeps one row: the kept place, now its dateline and still what it is about.
    const bothPlaces = await placesOfStory(bench.ctx.store.db, both);
    assert.equal(bothPlaces.dateline?.id, kept.id);
    assert.deepEqual(bothPlaces.about.map((p) => p.id), [kept.id]);
    assert.deepEqual((await placesOfStory(bench.ctx.store.db, one)).about.map((p) => p.id), [kept.id]);
    // The old address finds the kept place; its names find it too; the merged one is no longer listed or looked up.
    assert.equal((await findPlaceBySlug(bench.ctx.store.db, twin.slug))?.id, kept.id);
    assert.deepEqual((await lookupStoredPlaces(bench.ctx.store.db, 'كاليس')).map((p) => p.id), [kept.id]);
    assert.deepEqual((await lookupStoredPlaces(bench.ctx.store.db, 'kalis pa')).map((p) => p.id), [kept.id]);
    assert.ok(!(await listCustomPlaces(bench.ctx.store.db)).some((p) => p.id === twin.id));
    // A story given the old place's reference gets the kept place.
    await setStoryPlaces(bench.ctx, author, one, { dateline: `p${twin.id}`, about: [] });
    assert.equal((await placesOfStory(bench.ctx.store.db, one)).dateline?.id, kept.id);

    events = [];
    const circle = await assertRefused(bench, mergePlaces(bench.ctx, editor, kept.id, { id: twin.id }), 'invalid');
    assert.match(circle.message, /circular merge/);
    await assertRefused(bench, mergePlaces(bench.ctx, editor, twin.id, { id: kept.id }), 'conflict');
    const geneva = (await lookupStoredPlaces(bench.ctx.store.db, 'geneve'))[0]!;
    await assertRefused(bench, mergePlaces(bench.ctx, editor, geneva.id, { id: kept.id }), 'conflict');
    await assertRefused(bench, mergePlaces(bench.ctx, author, kept.id, { id: geneva.id }), 'forbidden');
    assert.deepEqual(events, []);
    assert.equal((await findPlaceBySlug(bench.ctx.store.db, kept.slug))?.merged_into_id, null);
  });

  test('proposes places named in the headline, summary and first paragraph, the most likely first', async () => {
    const proposals = await proposePlaces(bench.ctx.store.db, {
      title: 'Ceasefire talks in Tarsel stall as envoys leave Kinshasa',
      dek: 'Diplomats flew on to Nairobi.',
      bodyHtml: '<p>In Cairo, officials said talks would resume.</p><p>Later, in Lyon, nothing.</p>',
    });
    const names = proposals.map((p) => `${p.name} ${p.countryCode || p.region}`);
    assert.ok(names.includes('Tarsel Virelia'), names.join(', '));
    assert.ok(names.includes('Kinshasa CD'), names.join(', '));
    assert.ok(names.includes('Nairobi KE'), names.join(', '));
    assert.ok(names.includes('Cairo EG'), names.join(', '));
    assert.ok(!names.some((n) => n.startsWith('Lyon')), 'only the first paragraph is read');
    // Common words that are also small towns are not proposed.
    assert.ok(!names.some((n) => /^(As|In|Later|Talks) /.test(n)), names.join(', '));
  });
});
