/** Commands of the places capability: add a place the gazetteer lacks, set a story's dateline and places. */
import type { Actor } from '../accounts/actor.js';
import { permit } from '../accounts/actor.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/index.js';
import type { Place } from '../db/schema.js';
import { invalid, notFound } from '../errors.js';
import { storyPath } from '../content/urls.js';
import { slugify } from '../slugs.js';
import { isCountryCode, countryName } from './countries.js';
import { findGazetteerPlace, type GazetteerPlace } from './gazetteer.js';
import { placeKey, validCoordinates } from './normalize.js';
import { findPlaceByGeonamesId, placesOfStory } from './store.js';
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

/** Command: add a place the gazetteer lacks (a village, a camp, the demo's fictional country). Editors only. */
export async function addPlace(ctx: AppContext, actor: Actor, input: PlaceInput): Promise<Place> {
  permit(actor, 'taxonomy.manage');
  const name = input.name.trim().replace(/\s+/g, ' ');
  const altNames = splitNames(input.altNames ?? '');
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
  const place = await ctx.store.db.transaction().execute(async (trx) => {
    const duplicate = await trx
      .selectFrom('places')
      .select(['slug'])
      .where('custom', '=', 1)
      .where('search_key', 'like', `${placeKey(name)} |%`)
      .where('country_code', '=', countryCode)
      .where('region', '=', countryCode ? '' : region)
      .executeTakeFirst();
    if (duplicate) refuse({ name: `${name} is already a place in ${countryCode ? countryName(countryCode) ?? countryCode : region} (/place/${duplicate.slug}).` });
    return trx
      .insertInto('places')
      .values({
        slug: await freeSlug(trx, name, countryCode, region, altNames),
        name,
        alt_names: altNames.join(' | '),
        search_key: searchKey(name, altNames),
        country_code: countryCode,
        region: countryCode ? '' : region,
        lat,
        lon,
        population,
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
  if (match[1] === 'p') return (await db.selectFrom('places').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  const known = await findPlaceByGeonamesId(db, id);
  if (known) return known;
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
