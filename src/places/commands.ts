/** Commands of the places capability: add a place the gazetteer lacks, set a story's dateline and places. */
import type { Actor } from '../accounts/actor.js';
import { permit } from '../accounts/actor.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/index.js';
import type { Place } from '../db/schema.js';
import { conflict, invalid, notFound } from '../errors.js';
import { storyPath } from '../content/urls.js';
import { slugify } from '../slugs.js';
import { isCountryCode, countryName } from './countries.js';
import { findGazetteerPlace, type GazetteerPlace } from './gazetteer.js';
import { placeKey, validCoordinates } from './normalize.js';
import { findPlaceByGeonamesId, livePlace, placesOfStory } from './store.js';
import { pagesShowingPlace } from './urls.js';

export const placeLimits = { name: 120, altNames: 500, region: 80, about: 12 };

export interface PlaceInput {
  name: string;
  /** Other names, in any script, separated by commas or new lines. */
  altNames?: string;
  /** ISO 3166-1 alpha-2, or empty for a place in no recognised country. */
  countryCode?: string;
  /** The country or region shown when there is no code (a fictional country, a disputed territory). */
  region?: string;
  /** As typed: the command checks they are numbers on the globe. */
  lat: string | number;
  lon: string | number;
  population?: string | number;
}

function refuse(problems: Record<string, string>): never {
  throw invalid(Object.values(problems)[0] ?? 'Please check what you entered.', problems);
}

function coordinate(value: string | number): number {
  if (typeof value === 'number') return value;
  const text = value.trim().replace(',', '.');
  return text === '' || !/^[-+]?\d+(\.\d+)?$/.test(text) ? Number.NaN : Number(text);
}

function splitNames(text: string): string[] {
  return [...new Set(text.split(/[,\n|]/).map((s) => s.trim().replace(/\s+/g, ' ')).filter(Boolean))];
}

function searchKey(name: string, altNames: string[]): string {
  return [name, ...altNames].map(placeKey).join(' | ');
}

/** A slug free in `places`: the name's, then with the country, then with a number. */
async function freeSlug(db: Db, name: string, countryCode: string, region: string, altNames: string[] = []): Promise<string> {
  // A name in a script without Latin letters takes its slug from a Latin other name, or "place-<country>".
  const base = [name, ...altNames].map((n) => slugify(n, 60)).find((s) => s !== 'untitled');
  const qualifier = countryCode ? countryCode.toLowerCase() : slugify(region, 20);
  const known = qualifier && qualifier !== 'untitled' ? qualifier : '';
  const candidates = base ? [base, ...(known ? [`${base}-${known}`] : [])] : [known ? `place-${known}` : 'place'];
  for (const candidate of candidates) {
    if (!(await db.selectFrom('places').select('id').where('slug', '=', candidate).executeTakeFirst())) return candidate;
  }
  for (let n = 2; ; n++) {
    const candidate = `${candidates.at(-1)}-${n}`;
    if (!(await db.selectFrom('places').select('id').where('slug', '=', candidate).executeTakeFirst())) return candidate;
  }
}

interface CheckedPlace {
  name: string;
  altNames: string[];
  countryCode: string;
  region: string;
  lat: number;
  lon: number;
  population: number;
}

/** What an editor typed for a place, cleaned, or a refusal naming every field that is wrong. */
function checkPlace(input: PlaceInput): CheckedPlace {
  const name = input.name.trim().replace(/\s+/g, ' ');
  const altNames = splitNames(input.altNames ?? '').filter((n) => n !== name);
  const countryCode = (input.countryCode ?? '').trim().toUpperCase();
  const region = (input.region ?? '').trim().replace(/\s+/g, ' ');
  const lat = coordinate(input.lat);
  const lon = coordinate(input.lon);
  const populationText = String(input.population ?? '').trim();
  const population = populationText === '' ? 0 : Number(populationText.replace(/[\s,_]/g, ''));
  const problems: Record<string, string> = {};
  if (!name) problems.name = 'A name is required.';
  else if (name.length > placeLimits.name) problems.name = `Names can be at most ${placeLimits.name} characters.`;
  else if (!placeKey(name)) problems.name = 'A name needs at least one letter or digit.';
  if (altNames.join(', ').length > placeLimits.altNames) problems.altNames = `Other names can be at most ${placeLimits.altNames} characters together.`;
  if (countryCode && !isCountryCode(countryCode)) problems.countryCode = `“${countryCode}” is not an ISO 3166 country code (two letters, such as FR or KE).`;
  if (!countryCode && !region) problems.region = 'Give a country code, or name the country or region the place is in.';
  if (region.length > placeLimits.region) problems.region = `A region can be at most ${placeLimits.region} characters.`;
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) problems.lat = 'Latitude must be a number from -90 (south pole) to 90 (north pole), such as 48.8566.';
  if (!Number.isFinite(lon) || lon < -180 || lon > 180) problems.lon = 'Longitude must be a number from -180 to 180 (east is positive), such as 2.3522.';
  if (!Number.isInteger(population) || population < 0) problems.population = 'Population must be a whole number of people, or left empty.';
  if (Object.keys(problems).length) refuse(problems);
  return { name, altNames, countryCode, region: countryCode ? '' : region, lat, lon, population };
}

/** Another live place the newsroom added under the same name in the same country or region. */
async function namesake(db: Db, place: CheckedPlace, exceptId: number | null): Promise<Pick<Place, 'id' | 'slug'> | undefined> {
  let query = db
    .selectFrom('places')
    .select(['id', 'slug'])
    .where('custom', '=', 1)
    .where('merged_into_id', 'is', null)
    .where('search_key', 'like', `${placeKey(place.name)} |%`)
    .where('country_code', '=', place.countryCode)
    .where('region', '=', place.region);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

function whereName(place: { countryCode: string; region: string }): string {
  return place.countryCode ? countryName(place.countryCode) ?? place.countryCode : place.region;
}

/** The columns a newsroom place's checked details fill, the same when it is added and when it is corrected. */
function placeColumns(checked: CheckedPlace) {
  return {
    name: checked.name,
    alt_names: checked.altNames.join(' | '),
    search_key: searchKey(checked.name, checked.altNames),
    country_code: checked.countryCode,
    region: checked.region,
    lat: checked.lat,
    lon: checked.lon,
    population: checked.population,
  };
}

/** Command: add a place the gazetteer lacks (a village, a camp, the demo's fictional country). Editors only. */
export async function addPlace(ctx: AppContext, actor: Actor, input: PlaceInput): Promise<Place> {
  permit(actor, 'taxonomy.manage');
  const checked = checkPlace(input);
  const place = await ctx.store.db.transaction().execute(async (trx) => {
    const duplicate = await namesake(trx, checked, null);
    if (duplicate) refuse({ name: `${checked.name} is already a place in ${whereName(checked)} (/place/${duplicate.slug}).` });
    return trx
      .insertInto('places')
      .values({
        slug: await freeSlug(trx, checked.name, checked.countryCode, checked.region, checked.altNames),
        ...placeColumns(checked),
        geonames_id: null,
        custom: 1,
        created_at: new Date().toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  ctx.events.emit('place.changed', { kind: 'added', placeId: place.id, slug: place.slug, paths: pagesShowingPlace(place) });
  return place;
}

/**
 * Command: correct a place the newsroom added (its names, country or region, coordinates, population). Its address
 * stays, so links to it keep working. Places from the gazetteer are GeoNames' and are not edited here.
 */
export async function updatePlace(ctx: AppContext, actor: Actor, id: number, input: PlaceInput): Promise<Place> {
  permit(actor, 'taxonomy.manage');
  const checked = checkPlace(input);
  const { before, after, storyUrls } = await ctx.store.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('places').selectAll().where('id', '=', id).executeTakeFirst();
    if (!current) throw notFound('That place');
    if (current.merged_into_id !== null) throw conflict('This place was merged into another; edit that one instead.', {}, 'merged');
    if (current.custom !== 1) throw conflict(`${current.name} comes from the GeoNames gazetteer and is not edited here; add the place as the newsroom's own if it needs other details.`, {}, 'gazetteer_place');
    const duplicate = await namesake(trx, checked, id);
    if (duplicate) refuse({ name: `${checked.name} is already a place in ${whereName(checked)} (/place/${duplicate.slug}): merge this one into it instead.` });
    const updated = await trx
      .updateTable('places')
      .set(placeColumns(checked))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const named = await trx.selectFrom('story_places').select('article_id').where('place_id', '=', id).execute();
    return { before: current, after: updated, storyUrls: await publishedStoryUrls(trx, named.map((r) => r.article_id)) };
  });
  ctx.events.emit('place.changed', { kind: 'updated', placeId: id, slug: after.slug, storyUrls, paths: [...new Set([...pagesShowingPlace(before), ...pagesShowingPlace(after)])] });
  return after;
}

/** The public addresses of those of these stories that are published. */
async function publishedStoryUrls(db: Db, articleIds: number[]): Promise<string[]> {
  if (!articleIds.length) return [];
  const published = await db.selectFrom('articles').innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.slug', 'articles.published_at', 'sections.slug as section_slug'])
    .where('articles.id', 'in', articleIds).where('articles.status', '=', 'published').execute();
  return published.map((a) => storyPath(a.section_slug, a.published_at, a.slug));
}

/** The place to merge into: by id (API callers), or by the address, `p<id>` or name a person typed. */
export type PlaceTarget = { id: number } | { ref: string };

async function findTarget(db: Db, target: PlaceTarget, fromId: number): Promise<Place | undefined> {
  if ('id' in target) return db.selectFrom('places').selectAll().where('id', '=', target.id).executeTakeFirst();
  const ref = target.ref.trim();
  const slug = /^(?:https?:\/\/[^/]+)?\/place\/([^/?#]+)/.exec(ref)?.[1] ?? ref.toLowerCase();
  const id = /^p?([1-9]\d{0,9})$/.exec(ref)?.[1];
  const direct = await db.selectFrom('places').selectAll().where((eb) => eb.or([eb('slug', '=', slug), ...(id ? [eb('id', '=', Number(id))] : [])])).executeTakeFirst();
  if (direct) return direct;
  // By name: the newsroom's places first, then the most populous; never the place being merged itself.
  const key = placeKey(ref);
  if (!key) return undefined;
  return db.selectFrom('places').selectAll()
    .where('merged_into_id', 'is', null)
    .where('id', '!=', fromId)
    .where((eb) => eb.or([eb('search_key', '=', key), eb('search_key', 'like', `${key.replace(/[\\%_]/g, (c) => `\\${c}`)} |%`)]))
    .orderBy('custom', 'desc').orderBy('population', 'desc')
    .executeTakeFirst();
}

/**
 * Command: merge a place the newsroom added into another (a duplicate, a misspelling, a village later found in the
 * gazetteer). Its stories move to the place kept, its names become the kept place's other names, and its row stays
 * so its address redirects. Refused: into itself, a place already merged, or a merge that would go round in a circle.
 */
export async function mergePlaces(ctx: AppContext, actor: Actor, fromId: number, target: PlaceTarget): Promise<{ into: Place; moved: number }> {
  permit(actor, 'taxonomy.manage');
  const result = await ctx.store.db.transaction().execute(async (trx) => {
    const from = await trx.selectFrom('places').selectAll().where('id', '=', fromId).executeTakeFirst();
    if (!from) throw notFound('That place');
    const intoRow = await findTarget(trx, target, fromId);
    const named = 'id' in target ? String(target.id) : target.ref.trim().slice(0, 80);
    if (!intoRow) refuse({ into: named ? `There is no place called “${named}” to merge into.` : 'Name the place to merge into.' });
    if (intoRow.id === from.id) refuse({ into: 'A place cannot be merged into itself: choose the place to keep.' });
    if (from.merged_into_id !== null) throw conflict(`${from.name} was already merged into another place.`, { into: 'Already merged.' }, 'merged');
    if (from.custom !== 1) throw conflict(`${from.name} comes from the GeoNames gazetteer: merge the newsroom's own place into it instead.`, { into: 'A gazetteer place.' }, 'gazetteer_place');
    if (intoRow.merged_into_id !== null) {
      // Where does the chain from the target lead? Back to `from` would be a circle.
      let cursor: Place | undefined = intoRow;
      for (let hops = 0; cursor && cursor.merged_into_id !== null && hops < 20; hops++) {
        if (cursor.merged_into_id === from.id) {
          throw invalid(`That would be a circular merge: ${intoRow.name} was merged into ${from.name}.`, { into: 'Circular merge.' }, 'circular_merge');
        }
        cursor = await trx.selectFrom('places').selectAll().where('id', '=', cursor.merged_into_id).executeTakeFirst();
      }
      const live = cursor && cursor.merged_into_id === null ? cursor : null;
      throw invalid(`${intoRow.name} was merged into ${live ? `${live.name} (/place/${live.slug})` : 'another place'}; merge into that one instead.`, { into: 'Already merged.' }, 'merged');
    }
    const into = intoRow;
    // Stories that name both keep one row: the kept place, dateline if either was, about if either was.
    const rows = await trx.selectFrom('story_places').selectAll().where('place_id', 'in', [from.id, into.id]).execute();
    const articleIds = [...new Set(rows.map((r) => r.article_id))];
    let moved = 0;
    for (const row of rows.filter((r) => r.place_id === from.id)) {
      const kept = rows.find((r) => r.place_id === into.id && r.article_id === row.article_id);
      if (kept) {
        const position = kept.position >= 0 ? (row.position >= 0 ? Math.min(kept.position, row.position) : kept.position) : row.position;
        await trx.updateTable('story_places').set({ dateline: kept.dateline || row.dateline ? 1 : 0, position }).where('article_id', '=', row.article_id).where('place_id', '=', into.id).execute();
        await trx.deleteFrom('story_places').where('article_id', '=', row.article_id).where('place_id', '=', from.id).execute();
      } else {
        await trx.updateTable('story_places').set({ place_id: into.id }).where('article_id', '=', row.article_id).where('place_id', '=', from.id).execute();
      }
      moved++;
    }
    // The merged place's names find the kept place (as long as they fit).
    const names = [...new Set([...into.alt_names.split(' | '), from.name, ...from.alt_names.split(' | ')].filter((n) => n && n !== into.name))];
    if (names.join(', ').length <= placeLimits.altNames) {
      await trx.updateTable('places').set({ alt_names: names.join(' | '), search_key: searchKey(into.name, names) }).where('id', '=', into.id).execute();
    }
    await trx.updateTable('places').set({ merged_into_id: into.id }).where('merged_into_id', '=', from.id).execute();
    await trx.updateTable('places').set({ merged_into_id: into.id }).where('id', '=', from.id).execute();
    const kept = await trx.selectFrom('places').selectAll().where('id', '=', into.id).executeTakeFirstOrThrow();
    return { from, into: kept, moved, storyUrls: await publishedStoryUrls(trx, articleIds) };
  });
  ctx.events.emit('place.changed', {
    kind: 'merged',
    placeId: result.from.id,
    slug: result.from.slug,
    intoId: result.into.id,
    intoSlug: result.into.slug,
    storyUrls: result.storyUrls,
    paths: [...new Set([...pagesShowingPlace(result.from), ...pagesShowingPlace(result.into)])],
  });
  return { into: result.into, moved: result.moved };
}

/** A place as a form or the API names it: `p12` (stored place 12) or `g2988507` (GeoNames place 2988507). */
export type PlaceRef = string;

export function placeRef(place: { id: number } | GazetteerPlace): PlaceRef {
  return 'geonamesId' in place ? `g${place.geonamesId}` : `p${place.id}`;
}

/** Stores a gazetteer place the first time a story names it. */
async function storedPlace(db: Db, ref: PlaceRef): Promise<Place | null> {
  const match = /^([pg])([1-9]\d{0,9})$/.exec(ref.trim());
  if (!match) return null;
  const id = Number(match[2]);
  if (match[1] === 'p') {
    const stored = await db.selectFrom('places').selectAll().where('id', '=', id).executeTakeFirst();
    return stored ? livePlace(db, stored) : null;
  }
  const known = await findPlaceByGeonamesId(db, id);
  if (known) return livePlace(db, known);
  const found = findGazetteerPlace(id);
  if (!found || !validCoordinates(found.lat, found.lon)) return null;
  return storeGazetteerPlace(db, found);
}

/**
 * Stores a gazetteer place (inside the caller's transaction), or returns it if stored already. The demo seeder passes
 * the few real cities it uses as literals, so a first start does not load the whole gazetteer for them.
 */
export async function storeGazetteerPlace(db: Db, found: GazetteerPlace): Promise<Place> {
  const known = await findPlaceByGeonamesId(db, found.geonamesId);
  if (known) return known;
  return db
    .insertInto('places')
    .values({
      slug: await freeSlug(db, found.name, found.countryCode, ''),
      name: found.name,
      alt_names: '',
      search_key: searchKey(found.name, []),
      country_code: isCountryCode(found.countryCode) ? found.countryCode : '',
      region: isCountryCode(found.countryCode) ? '' : found.countryCode,
      lat: found.lat,
      lon: found.lon,
      population: found.population,
      geonames_id: found.geonamesId,
      custom: 0,
      created_at: new Date().toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface StoryPlacesInput {
  /** Where the story was filed from, or null for none. */
  dateline: PlaceRef | null;
  /** The places the story is about, most important first. */
  about: PlaceRef[];
}

/** Command: set a story's dateline and the places it is about (replacing what it had). */
export async function setStoryPlaces(ctx: AppContext, actor: Actor, articleId: number, input: StoryPlacesInput): Promise<{ dateline: Place | null; about: Place[] }> {
  const article = await ctx.store.db.selectFrom('articles').innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.status', 'articles.slug', 'articles.published_at', 'sections.slug as section_slug'])
    .where('articles.id', '=', articleId).executeTakeFirst();
  if (!article) throw notFound('That story');
  const authorIds = (await ctx.store.db.selectFrom('article_authors').select('user_id').where('article_id', '=', articleId).execute()).map((r) => r.user_id);
  permit(actor, 'story.edit', { authorIds, status: article.status });
  const about = [...new Set(input.about.map((r) => r.trim()).filter(Boolean))];
  const dateline = input.dateline?.trim() || null;
  if (about.length > placeLimits.about) refuse({ about: `A story can be about at most ${placeLimits.about} places; keep the ones it is really about.` });
  const before = await placesOfStory(ctx.store.db, articleId);
  const after = await ctx.store.db.transaction().execute(async (trx) => {
    const resolve = async (ref: string, field: string): Promise<Place> => {
      const place = await storedPlace(trx, ref);
      if (!place) refuse({ [field]: `“${ref}” is not a place in the gazetteer or the newsroom's places.` });
      return place;
    };
    const datelinePlace = dateline ? await resolve(dateline, 'dateline') : null;
    const aboutPlaces: Place[] = [];
    for (const ref of about) {
      const place = await resolve(ref, 'about');
      if (!aboutPlaces.some((p) => p.id === place.id)) aboutPlaces.push(place);
    }
    await trx.deleteFrom('story_places').where('article_id', '=', articleId).execute();
    const rows = aboutPlaces.map((place, position) => ({ article_id: articleId, place_id: place.id, dateline: place.id === datelinePlace?.id ? 1 : 0, position }));
    if (datelinePlace && !aboutPlaces.some((p) => p.id === datelinePlace.id)) rows.push({ article_id: articleId, place_id: datelinePlace.id, dateline: 1, position: -1 });
    if (rows.length) await trx.insertInto('story_places').values(rows).execute();
    return { dateline: datelinePlace, about: aboutPlaces };
  });
  const touched = [before.dateline, ...before.about, after.dateline, ...after.about].filter((p): p is Place => p !== null);
  const storyUrl = article.status === 'published' ? storyPath(article.section_slug, article.published_at, article.slug) : null;
  ctx.events.emit('place.changed', { kind: 'story-places', articleId, storyUrl, paths: [...new Set(touched.flatMap(pagesShowingPlace))] });
  return after;
}
