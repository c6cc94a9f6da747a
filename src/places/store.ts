/** Read queries of the places capability: places by slug or name, a story's places, a place's stories. */
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { Place } from '../db/schema.js';
import { listByIds, type StoryCard } from '../content/queries.js';
import { distanceKm, placeKey } from './normalize.js';

export interface StoryPlace {
  place: Place;
  dateline: boolean;
}

export interface StoryPlaces {
  dateline: Place | null;
  /** The places the story is about, in the order the journalist gave (the dateline among them only if also chosen). */
  about: Place[];
}

/**
 * The place at an address, following merges: a place merged into another answers with the one kept (whose slug then
 * differs from the one asked for, so pages redirect to it).
 */
export async function findPlaceBySlug(db: Db, slug: string): Promise<Place | null> {
  const place = await db.selectFrom('places').selectAll().where('slug', '=', slug).executeTakeFirst();
  return place ? livePlace(db, place) : null;
}

/** The place a merged place now is (merges are flattened when made, so this is one hop; the loop is a guard). */
export async function livePlace(db: Db, place: Place): Promise<Place | null> {
  let current: Place | undefined = place;
  for (let hops = 0; current && current.merged_into_id !== null && hops < 20; hops++) {
    current = await db.selectFrom('places').selectAll().where('id', '=', current.merged_into_id).executeTakeFirst();
  }
  return current && current.merged_into_id === null ? current : null;
}

export async function findPlaceById(db: Db, id: number): Promise<Place | null> {
  return (await db.selectFrom('places').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function findPlaceByGeonamesId(db: Db, geonamesId: number): Promise<Place | null> {
  return (await db.selectFrom('places').selectAll().where('geonames_id', '=', geonamesId).executeTakeFirst()) ?? null;
}

/** Stored places (custom ones and those stories use) whose name or other name has a word starting with the text. */
export async function lookupStoredPlaces(db: Db, text: string, limit = 10): Promise<Place[]> {
  const key = placeKey(text);
  if (!key) return [];
  const escaped = key.replace(/[\\%_]/g, (c) => `\\${c}`);
  return db
    .selectFrom('places')
    .selectAll()
    .where('merged_into_id', 'is', null)
    .where((eb) => eb.or([
      eb('search_key', 'like', sql<string>`${`${escaped}%`} escape '\\'`),
      eb('search_key', 'like', sql<string>`${`% ${escaped}%`} escape '\\'`),
    ]))
    .orderBy('custom', 'desc')
    .orderBy('population', 'desc')
    .limit(limit)
    .execute();
}

/** How many stories (in any state) are datelined in or about a place. */
export async function countStoriesNaming(db: Db, placeId: number): Promise<number> {
  const row = await db.selectFrom('story_places').select((eb) => eb.fn.countAll<number>().as('n')).where('place_id', '=', placeId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Custom places, for the newsroom's list. */
export async function listCustomPlaces(db: Db): Promise<Place[]> {
  return db.selectFrom('places').selectAll().where('custom', '=', 1).where('merged_into_id', 'is', null).orderBy('region').orderBy('name').execute();
}

export async function placesOfStories(db: Db, articleIds: number[]): Promise<Map<number, StoryPlaces>> {
  const found = new Map<number, StoryPlaces>();
  if (articleIds.length === 0) return found;
  const rows = await db
    .selectFrom('story_places')
    .innerJoin('places', 'places.id', 'story_places.place_id')
    .selectAll('places')
    .select(['story_places.article_id', 'story_places.dateline as is_dateline', 'story_places.position'])
    .where('story_places.article_id', 'in', articleIds)
    .orderBy('story_places.article_id')
    .orderBy('story_places.position')
    .execute();
  for (const row of rows) {
    const { article_id, is_dateline, position: _position, ...place } = row;
    const entry = found.get(article_id) ?? { dateline: null, about: [] };
    // The dateline row is kept at position -1: a place only datelined is not one the story is "about".
    if (is_dateline === 1) entry.dateline = place;
    if (_position >= 0) entry.about.push(place);
    found.set(article_id, entry);
  }
  return found;
}

export async function placesOfStory(db: Db, articleId: number): Promise<StoryPlaces> {
  return (await placesOfStories(db, [articleId])).get(articleId) ?? { dateline: null, about: [] };
}

function publishedOfPlaces(db: Db, placeIds: number[] | { country: string } | null) {
  let query = db
    .selectFrom('story_places')
    .innerJoin('articles', 'articles.id', 'story_places.article_id')
    .where('articles.status', '=', 'published');
  if (Array.isArray(placeIds)) query = query.where('story_places.place_id', 'in', placeIds.length ? placeIds : [-1]);
  else if (placeIds) {
    const code = placeIds.country;
    query = query.where((eb) => eb.exists(eb.selectFrom('places').select('places.id').whereRef('places.id', '=', 'story_places.place_id').where('places.country_code', '=', code)));
  }
  return query;
}

/** How many published stories are datelined in or about these places (or a country). */
export async function countStoriesOfPlaces(db: Db, where: number[] | { country: string }): Promise<number> {
  const row = await publishedOfPlaces(db, where).select((eb) => eb.fn.count<number>('articles.id').distinct().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One page of the published stories datelined in or about these places (or a country), newest first. */
export async function storiesOfPlaces(db: Db, where: number[] | { country: string }, limit: number, offset = 0): Promise<{ stories: StoryCard[]; hasNext: boolean }> {
  const rows = await publishedOfPlaces(db, where)
    .select(['articles.id', 'articles.published_at'])
    .distinct()
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit + 1)
    .offset(offset)
    .execute();
  const stories = await listByIds(db, rows.slice(0, limit).map((r) => r.id));
  return { stories, hasNext: rows.length > limit };
}

export interface PlaceWithStories {
  place: Place;
  stories: number;
  latest: string;
}

/**
 * Places with published stories, with how many and the newest's date: all of them, or those of a country, or those in
 * a box around a point (a page asks only for what it shows, not every place of the archive).
 */
export async function placesWithStories(db: Db, where: { since?: string; country?: string; near?: { lat: number; lon: number; km: number } } = {}): Promise<PlaceWithStories[]> {
  let query = db
    .selectFrom('story_places')
    .innerJoin('articles', 'articles.id', 'story_places.article_id')
    .innerJoin('places', 'places.id', 'story_places.place_id')
    .where('articles.status', '=', 'published');
  if (where.since) query = query.where('articles.published_at', '>=', where.since);
  if (where.country) query = query.where('places.country_code', '=', where.country);
  if (where.near) {
    const { lat, lon, km } = where.near;
    const dLat = km / 111;
    query = query.where('places.lat', '>=', lat - dLat).where('places.lat', '<=', lat + dLat);
    // Degrees of longitude shrink towards the poles; near a pole or across the antimeridian the box keeps every longitude.
    const dLon = dLat / Math.max(0.01, Math.cos((Math.min(89, Math.abs(lat) + dLat) * Math.PI) / 180));
    if (lon - dLon > -180 && lon + dLon < 180) query = query.where('places.lon', '>=', lon - dLon).where('places.lon', '<=', lon + dLon);
  }
  const rows = await query
    .selectAll('places')
    .select((eb) => [eb.fn.count<number>('articles.id').distinct().as('n'), eb.fn.max('articles.published_at').as('latest')])
    .groupBy(['places.id', 'places.slug', 'places.name', 'places.alt_names', 'places.search_key', 'places.country_code', 'places.region', 'places.lat', 'places.lon', 'places.population', 'places.geonames_id', 'places.custom', 'places.created_at', 'places.merged_into_id'])
    .execute();
  return rows
    .map(({ n, latest, ...place }) => ({ place, stories: Number(n), latest: String(latest ?? '') }))
    .sort((a, b) => (a.latest < b.latest ? 1 : a.latest > b.latest ? -1 : a.place.id - b.place.id));
}

/** The newsroom's other places in the same region as a place in no recognised country (an invented country's towns). */
export async function placesOfRegion(db: Db, place: Place, limit = 12): Promise<Place[]> {
  if (place.country_code || !place.region) return [];
  return db.selectFrom('places').selectAll()
    .where('custom', '=', 1).where('merged_into_id', 'is', null)
    .where('country_code', '=', '').where('region', '=', place.region).where('id', '!=', place.id)
    .orderBy('population', 'desc').orderBy('name')
    .limit(limit)
    .execute();
}

/** Other places with stories, nearest first, within a radius. */
export async function nearbyPlaces(db: Db, place: Place, limit = 6, radiusKm = 1500): Promise<(PlaceWithStories & { km: number })[]> {
  return (await placesWithStories(db, { near: { lat: place.lat, lon: place.lon, km: radiusKm } }))
    .filter((p) => p.place.id !== place.id)
    .map((p) => ({ ...p, km: distanceKm(place.lat, place.lon, p.place.lat, p.place.lon) }))
    .filter((p) => p.km <= radiusKm)
    .sort((a, b) => a.km - b.km)
    .slice(0, limit);
}

/** The ids of published stories since a time with their places, for the world map. */
export async function recentStoriesWithPlaces(db: Db, since: string, limit = 60, sectionId?: number): Promise<{ story: StoryCard; places: StoryPlaces }[]> {
  let query = publishedOfPlaces(db, null).where('articles.published_at', '>=', since);
  if (sectionId !== undefined) query = query.where('articles.section_id', '=', sectionId);
  const rows = await query
    .select(['articles.id', 'articles.published_at'])
    .distinct()
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
  const ids = rows.map((r) => r.id);
  const [stories, places] = await Promise.all([listByIds(db, ids), placesOfStories(db, ids)]);
  return stories.map((story) => ({ story, places: places.get(story.id) ?? { dateline: null, about: [] } }));
}

/** Countries with stored places and published stories, for the world page's country list. */
export async function countriesWithStories(db: Db): Promise<{ code: string; stories: number }[]> {
  const rows = await publishedOfPlaces(db, null)
    .innerJoin('places', 'places.id', 'story_places.place_id')
    .where('places.country_code', '!=', '')
    .select(['places.country_code as code', (eb) => eb.fn.count<number>('articles.id').distinct().as('n')])
    .groupBy('places.country_code')
    .execute();
  return rows.map((r) => ({ code: r.code, stories: Number(r.n) })).sort((a, b) => b.stories - a.stories || a.code.localeCompare(b.code));
}
