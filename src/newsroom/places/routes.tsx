/**
 * Newsroom places: `/newsroom/places` (the places the newsroom added, and the form to add one), the lookup as you type
 * (`/newsroom/places/lookup?q=`, JSON, over the stored places and the whole gazetteer), and a story's places panel
 * (`/newsroom/stories/:id/places`), linked from the story editor.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { authorize } from '../../accounts/policies.js';
import { loadEditableStory } from '../../content/workflow.js';
import { loadSettings } from '../../content/settings.js';
import type { Place } from '../../db/schema.js';
import { formText as text } from '../../http/form-values.js';
import { fromCommandError, HttpError, notFound } from '../../http/errors.js';
import { parseId, wantsJson } from '../../http/request-input.js';
import { requireUser, verifyCsrf } from '../../http/session.js';
import { addPlace, mergePlaces, placeRef, setStoryPlaces, updatePlace } from '../../places/commands.js';
import { countryName } from '../../places/countries.js';
import { gazetteerSize, lookupGazetteer, type GazetteerPlace } from '../../places/gazetteer.js';
import { placeCountry } from '../../places/labels.js';
import { proposePlaces } from '../../places/proposals.js';
import { countStoriesNaming, findPlaceById, listCustomPlaces, lookupStoredPlaces, placesOfStory } from '../../places/store.js';
import { placePath } from '../../places/urls.js';
import { sendNewsroomPage } from '../page.js';
import { PlaceEditPage, PlacesPage, placeValues, StoryPlacesPanel, type PanelCandidate } from './views.js';

type Fields = Record<string, unknown>;

export interface LookupResult {
  ref: string;
  name: string;
  countryCode: string;
  /** The country's name in the site's language, or the region of a place in no country. */
  where: string;
  lat: number;
  lon: number;
  population: number;
  /** Already a place of the newsroom (custom, or used by a story): its public page. */
  path: string | null;
}

function fromStored(place: Place, language: string): LookupResult {
  return { ref: placeRef(place), name: place.name, countryCode: place.country_code, where: placeCountry(place, language), lat: place.lat, lon: place.lon, population: place.population, path: placePath(place.slug) };
}

function fromGazetteer(place: GazetteerPlace, language: string): LookupResult {
  return { ref: placeRef(place), name: place.name, countryCode: place.countryCode, where: countryName(place.countryCode, language) ?? place.countryCode, lat: place.lat, lon: place.lon, population: place.population, path: null };
}

/** The newsroom's own places first (custom ones match in any script), then the gazetteer's, without repeats. */
export async function lookupPlaces(ctx: AppContext, query: string, language: string, limit = 10): Promise<LookupResult[]> {
  const stored = await lookupStoredPlaces(ctx.store.db, query, limit);
  const known = new Set(stored.map((p) => p.geonames_id).filter((id) => id !== null));
  const results = stored.map((p) => fromStored(p, language));
  for (const place of lookupGazetteer(query, { limit: limit + known.size })) {
    if (results.length >= limit) break;
    if (!known.has(place.geonamesId)) results.push(fromGazetteer(place, language));
  }
  return results;
}

function errorOf(error: unknown): HttpError | null {
  const refusal = fromCommandError(error);
  return refusal instanceof HttpError && refusal.status !== 404 ? refusal : null;
}

export function newsroomPlaceRoutes(ctx: AppContext) {
  async function sendPlaces(request: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: Record<string, string>; error?: string; notice?: string } = {}, status = 200) {
    const user = requireUser(request);
    authorize(user, 'taxonomy.manage');
    const [places, settings] = await Promise.all([listCustomPlaces(ctx.store.db), loadSettings(ctx.store.db)]);
    return sendNewsroomPage(reply, <PlacesPage user={user} csrfToken={request.csrfToken ?? ''} places={places} language={settings.language} gazetteerSize={gazetteerSize()} {...extra} />, status);
  }

  /** A place as the edit page shows it: one the newsroom added and still live (else the page is a 404). */
  async function editablePlace(id: number): Promise<Place> {
    const place = await findPlaceById(ctx.store.db, id);
    if (!place || place.custom !== 1 || place.merged_into_id !== null) throw notFound('That place');
    return place;
  }

  async function sendEdit(request: FastifyRequest, reply: FastifyReply, place: Place, extra: { values: Record<string, string>; errors?: Record<string, string>; error?: string; notice?: string; mergeInto?: string; mergeError?: string }, status = 200) {
    const user = requireUser(request);
    authorize(user, 'taxonomy.manage');
    const [settings, stories] = await Promise.all([loadSettings(ctx.store.db), countStoriesNaming(ctx.store.db, place.id)]);
    return sendNewsroomPage(reply, <PlaceEditPage user={user} csrfToken={request.csrfToken ?? ''} place={place} stories={stories} language={settings.language} {...extra} />, status);
  }

  async function sendPanel(request: FastifyRequest, reply: FastifyReply, id: number, query: string, extra: { notice?: string; error?: string } = {}, status = 200) {
    const user = requireUser(request);
    const story = await loadEditableStory(ctx.store.db, id);
    authorize(user, 'story.edit', { authorIds: story.authorIds, status: story.article.status });
    const settings = await loadSettings(ctx.store.db);
    const language = settings.language;
    const [current, proposals, found] = await Promise.all([
      placesOfStory(ctx.store.db, id),
      proposePlaces(ctx.store.db, { title: story.article.title, dek: story.article.dek, bodyHtml: story.article.body_html }, language),
      query ? lookupPlaces(ctx, query, language) : Promise.resolve([]),
    ]);
    const candidates: PanelCandidate[] = [];
    const add = (c: PanelCandidate) => {
      const same = candidates.find((x) => x.ref === c.ref);
      if (same) {
        same.dateline ||= c.dateline;
        same.about ||= c.about;
      } else candidates.push(c);
    };
    const stored = (p: Place, note: string, dateline: boolean, about: boolean) =>
      add({ ref: placeRef(p), name: p.name, where: placeCountry(p, language), population: p.population, lat: p.lat, lon: p.lon, note, dateline, about });
    if (current.dateline) stored(current.dateline, 'Dateline', true, current.about.some((p) => p.id === current.dateline!.id));
    for (const p of current.about) stored(p, 'Chosen', false, true);
    // A proposal of a gazetteer place already stored for this story is the same place under its stored reference.
    const chosenGeonames = new Map([current.dateline, ...current.about].filter((p): p is Place => !!p && p.geonames_id !== null).map((p) => [`g${p.geonames_id}`, placeRef(p)]));
    for (const p of proposals) {
      const ref = chosenGeonames.get(p.ref) ?? p.ref;
      if (candidates.some((c) => c.ref === ref)) continue;
      add({ ref, name: p.name, where: p.countryCode ? countryName(p.countryCode, language) ?? p.countryCode : p.region, population: p.population, lat: p.lat, lon: p.lon, note: `Named “${p.matched}” in the text${p.others ? ` (${p.others} other places share the name)` : ''}`, dateline: false, about: false });
    }
    for (const r of found) {
      const ref = chosenGeonames.get(r.ref) ?? r.ref;
      if (candidates.some((c) => c.ref === ref)) continue;
      add({ ref, name: r.name, where: r.where, population: r.population, lat: r.lat, lon: r.lon, note: `Found for “${query}”`, dateline: false, about: false });
    }
    return sendNewsroomPage(reply, <StoryPlacesPanel user={user} csrfToken={request.csrfToken ?? ''} story={{ id, title: story.article.title }} candidates={candidates} query={query} {...extra} />, status);
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { notice?: string; into?: string } }>('/newsroom/places', async (request, reply) => {
      const { notice, into } = request.query;
      const kept = notice === 'merged' && /^[1-9]\d{0,9}$/.test(text(into)) ? await findPlaceById(ctx.store.db, Number(into)) : null;
      return sendPlaces(request, reply, {
        notice: notice === 'added' ? 'Place added.' : notice === 'merged' ? `Place merged${kept ? ` into ${kept.name} (${placePath(kept.slug)})` : ''}; its old address now redirects there.` : undefined,
      });
    });

    app.post<{ Body: Fields }>('/newsroom/places', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      const body = request.body ?? {};
      const values = { name: text(body.name), altNames: text(body.altNames), countryCode: text(body.countryCode), region: text(body.region), lat: text(body.lat), lon: text(body.lon), population: text(body.population) };
      try {
        const place = await addPlace(ctx, user, values);
        if (wantsJson(request)) return reply.code(201).header('cache-control', 'no-store').send({ place: { ...place, path: placePath(place.slug) } });
      } catch (error) {
        const refusal = errorOf(error);
        if (!refusal || wantsJson(request) || refusal.status === 403) throw error;
        return sendPlaces(request, reply, { values, errors: refusal.details, error: refusal.message }, refusal.status);
      }
      return reply.redirect('/newsroom/places?notice=added', 303);
    });

    app.get<{ Params: { id: string }; Querystring: { saved?: string } }>('/newsroom/places/:id', async (request, reply) => {
      authorize(requireUser(request), 'taxonomy.manage');
      const place = await editablePlace(parseId(request.params.id, 'That place'));
      return sendEdit(request, reply, place, { values: placeValues(place), notice: request.query.saved ? 'Place saved.' : undefined });
    });

    app.post<{ Params: { id: string }; Body: Fields }>('/newsroom/places/:id', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      const id = parseId(request.params.id, 'That place');
      const body = request.body ?? {};
      const values = { name: text(body.name), altNames: text(body.altNames), countryCode: text(body.countryCode), region: text(body.region), lat: text(body.lat), lon: text(body.lon), population: text(body.population) };
      try {
        const place = await updatePlace(ctx, user, id, values);
        if (wantsJson(request)) return reply.header('cache-control', 'no-store').send({ place: { ...place, path: placePath(place.slug) } });
      } catch (error) {
        const refusal = errorOf(error);
        if (!refusal || wantsJson(request) || refusal.status === 403) throw error;
        return sendEdit(request, reply, await editablePlace(id), { values, errors: refusal.details, error: refusal.message }, refusal.status);
      }
      return reply.redirect(`/newsroom/places/${id}?saved=1`, 303);
    });

    app.post<{ Params: { id: string }; Body: Fields }>('/newsroom/places/:id/merge', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      const id = parseId(request.params.id, 'That place');
      const into = text((request.body ?? {}).into).slice(0, 200);
      try {
        const merged = await mergePlaces(ctx, user, id, { ref: into });
        if (wantsJson(request)) return reply.header('cache-control', 'no-store').send({ into: { ...merged.into, path: placePath(merged.into.slug) }, moved: merged.moved });
        return reply.redirect(`/newsroom/places?notice=merged&into=${merged.into.id}`, 303);
      } catch (error) {
        const refusal = errorOf(error);
        if (!refusal || wantsJson(request) || refusal.status === 403) throw error;
        const place = await editablePlace(id);
        return sendEdit(request, reply, place, { values: placeValues(place), mergeInto: into, mergeError: refusal.details.into ?? refusal.message, error: refusal.message }, refusal.status);
      }
    });

    app.get<{ Querystring: { q?: string; limit?: string } }>('/newsroom/places/lookup', async (request, reply) => {
      requireUser(request);
      const query = text(request.query.q).slice(0, 100);
      const limit = /^\d{1,2}$/.test(text(request.query.limit)) ? Math.min(25, Math.max(1, Number(request.query.limit))) : 10;
      const settings = await loadSettings(ctx.store.read);
      const places = await lookupPlaces(ctx, query, settings.language, limit);
      return reply.header('cache-control', 'no-store').send({ query, places });
    });

    app.get<{ Params: { id: string }; Querystring: { q?: string; saved?: string } }>('/newsroom/stories/:id/places', async (request, reply) =>
      sendPanel(request, reply, parseId(request.params.id, 'That story'), text(request.query.q).slice(0, 100), { notice: request.query.saved ? 'Places saved.' : undefined }));

    app.post<{ Params: { id: string }; Body: Fields }>('/newsroom/stories/:id/places', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      const id = parseId(request.params.id, 'That story');
      const body = request.body ?? {};
      const about = (Array.isArray(body.about) ? body.about : body.about === undefined ? [] : [body.about]).map((v) => text(v)).filter(Boolean);
      const dateline = text(body.dateline) || null;
      try {
        const saved = await setStoryPlaces(ctx, user, id, { dateline, about });
        if (wantsJson(request)) {
          return reply.header('cache-control', 'no-store').send({
            dateline: saved.dateline ? { ...saved.dateline, path: placePath(saved.dateline.slug) } : null,
            about: saved.about.map((p) => ({ ...p, path: placePath(p.slug) })),
          });
        }
      } catch (error) {
        const refusal = errorOf(error);
        if (!refusal || wantsJson(request) || refusal.status === 403) throw error;
        return sendPanel(request, reply, id, '', { error: refusal.message }, refusal.status);
      }
      return reply.redirect(`/newsroom/stories/${id}/places?saved=1`, 303);
    });
  };
}
