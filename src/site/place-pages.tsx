/**
 * Place pages: `/place/<slug>` (its stories, a locator map, nearby places with stories), `/country/<code>`, and
 * `/places`, the world map of the last seven days' stories with the same places as a list. Unknown slugs and codes
 * answer the site's 404 page, which carries a search box.
 */
import type { FastifyInstance } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { AppContext } from '../context.js';
import type { StoryCard } from '../content/queries.js';
import { loadSettings } from '../content/settings.js';
import { notFound } from '../http/errors.js';
import { parsePage } from '../http/request-input.js';
import { countryName, countryNumeric, isCountryCode } from '../places/countries.js';
import { formatCoordinates, locatorFor, placeCountry, placeLabel, placeLd } from '../places/labels.js';
import { locatorMap, worldMap } from '../places/map.js';
import { distanceKm } from '../places/normalize.js';
import { countStoriesOfPlaces, countriesWithStories, findPlaceBySlug, nearbyPlaces, placesOfRegion, placesWithStories, recentStoriesWithPlaces, storiesOfPlaces } from '../places/store.js';
import { countryPath, placePath, worldPath } from '../places/urls.js';
import { plural } from '../plural.js';
import { sendPage } from './page.js';
import { breadcrumbLd } from './structured-data.js';
import { formatDate } from './views/format.js';
import { ListPage } from './views/pages.js';
import { GeoCredit, MapFigure } from './views/places.js';

const pageSize = 20;
const worldDays = 7;
const sectionMapDays = 30;

type Recent = Awaited<ReturnType<typeof recentStoriesWithPlaces>>;
type PlaceEntry = { place: NonNullable<Recent[number]['places']['dateline']>; stories: Recent[number]['story'][] };

/** Each story counts once per place: its dateline first, then the places it is about. */
function byPlace(recent: Recent): PlaceEntry[] {
  const found = new Map<number, PlaceEntry>();
  for (const { story, places } of recent) {
    const shown = places.dateline ? [places.dateline, ...places.about.filter((p) => p.id !== places.dateline!.id)] : places.about;
    for (const place of shown) {
      const entry = found.get(place.id) ?? { place, stories: [] };
      entry.stories.push(story);
      found.set(place.id, entry);
    }
  }
  return [...found.values()];
}

function markersOf(entries: PlaceEntry[], language: string) {
  return entries.map((e) => ({ href: placePath(e.place.slug), label: `${placeLabel(e.place, language)}: ${plural(e.stories.length, 'story', 'stories')}`, lat: e.place.lat, lon: e.place.lon, weight: e.stories.length }));
}

/** A section's map (the foreign desk's above all): where its last month's stories happened; nothing when none has a place. */
export async function sectionPlacesMap(ctx: AppContext, section: { id: number; name: string }) {
  const since = new Date(Date.now() - sectionMapDays * 86_400_000).toISOString();
  const [settings, recent] = await Promise.all([loadSettings(ctx.store.read), recentStoriesWithPlaces(ctx.store.read, since, 60, section.id)]);
  const entries = byPlace(recent);
  if (!entries.length) return null;
  const svg = worldMap({
    id: 'section-map',
    title: `Where ${section.name} stories of the last ${sectionMapDays} days happened`,
    description: `${plural(entries.length, 'place', 'places')} marked; each marker links to the place's page, which lists its stories.`,
    markers: markersOf(entries, settings.language),
  });
  return <MapFigure svg={svg} class="map-figure-section" caption={<><a href={worldPath}>The world this week</a>, on a map and as a list</>} />;
}

/**
 * A place's or a country's page: the list of its stories, paged like every list page, under an intro (its map and
 * places), with the credit GeoNames and Natural Earth ask for.
 */
function PlaceListPage(props: { kicker: string; title: string; description?: string; intro: ComponentChildren; list: { stories: StoryCard[]; hasNext: boolean }; total: number; page: number; path: string; feedBase?: string }) {
  return (
    <div class="place-page">
      <ListPage
        kicker={props.kicker}
        title={props.title}
        description={props.description}
        intro={props.intro}
        stories={props.list.stories}
        total={props.total}
        pages={Math.max(1, Math.ceil(props.total / pageSize))}
        hasNext={props.list.hasNext}
        page={props.page}
        path={props.path}
        feedBase={props.feedBase}
      />
      <GeoCredit />
    </div>
  );
}

export function placeRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    const db = ctx.store.read;
    const site = ctx.config.siteUrl;

    app.get<{ Params: { slug: string }; Querystring: { page?: string } }>('/place/:slug', async (request, reply) => {
      const place = await findPlaceBySlug(db, request.params.slug);
      if (!place) throw notFound('That place');
      // A place merged into another: its address stays, pointing at the place kept.
      if (place.slug !== request.params.slug) return reply.redirect(placePath(place.slug), 301);
      const page = parsePage(request.query.page);
      const [settings, total, list, nearby, region] = await Promise.all([
        loadSettings(db),
        countStoriesOfPlaces(db, [place.id]),
        storiesOfPlaces(db, [place.id], pageSize, (page - 1) * pageSize),
        nearbyPlaces(db, place),
        placesOfRegion(db, place),
      ]);
      // Marked on its map: nearby places with stories, and the other places of an invented country or region.
      const neighbours = [...nearby.map((n) => n.place), ...region.filter((r) => !nearby.some((n) => n.place.id === r.id))]
        .map((p) => ({ name: p.name, lat: p.lat, lon: p.lon }));
      if (page > 1 && list.stories.length === 0) throw notFound('That page');
      const language = settings.language;
      const path = placePath(place.slug);
      const label = placeLabel(place, language);
      const country = placeCountry(place, language);
      const otherNames = place.alt_names ? place.alt_names.split(' | ') : [];
      return sendPage(ctx, reply, {
        meta: {
          title: page > 1 ? `${label} (page ${page})` : label,
          description: `Stories from and about ${label}.`,
          path: page > 1 ? `${path}?page=${page}` : path,
          noindex: total === 0,
          feed: { title: label, base: `${path}/feed` },
          jsonLd: [
            { '@context': 'https://schema.org', ...placeLd(place, site, path, language) },
            breadcrumbLd(site, [{ name: 'Home', path: '/' }, { name: 'Places', path: worldPath }, ...(place.country_code ? [{ name: country, path: countryPath(place.country_code) }] : []), { name: place.name, path }]),
          ],
        },
        body: () => (
          <PlaceListPage
            kicker="Place"
            title={place.name}
            description={[country, ...otherNames].filter(Boolean).join(' · ')}
            list={list}
            total={total}
            page={page}
            path={path}
            feedBase={`${path}/feed`}
            intro={
              <div class="place-intro">
                <MapFigure
                  svg={locatorMap({ ...locatorFor(place, 'place-map', language), neighbours })}
                  caption={<>{formatCoordinates(place.lat, place.lon)}{place.population ? <> · population {place.population.toLocaleString('en-GB')}</> : null}{place.country_code ? <> · <a href={countryPath(place.country_code)}>All of {country}</a></> : null}</>}
                />
                {nearby.length ? (
                  <nav class="nearby-places" aria-labelledby="nearby-title">
                    <h2 id="nearby-title">Nearby, with stories</h2>
                    <ul>
                      {nearby.map((n) => (
                        <li><a href={placePath(n.place.slug)}>{placeLabel(n.place, language)}</a> <span class="muted">{Math.round(n.km).toLocaleString('en-GB')} km · {plural(n.stories, 'story', 'stories')}</span></li>
                      ))}
                    </ul>
                  </nav>
                ) : null}
              </div>
            }
          />
        ),
      });
    });

    app.get<{ Params: { code: string }; Querystring: { page?: string } }>('/country/:code', async (request, reply) => {
      const code = request.params.code.toUpperCase();
      if (!/^[a-z]{2}$/.test(request.params.code) || !isCountryCode(code)) throw notFound('That country');
      const page = parsePage(request.query.page);
      const [settings, total, list, places] = await Promise.all([
        loadSettings(db),
        countStoriesOfPlaces(db, { country: code }),
        storiesOfPlaces(db, { country: code }, pageSize, (page - 1) * pageSize),
        placesWithStories(db, { country: code }),
      ]);
      if (page > 1 && list.stories.length === 0) throw notFound('That page');
      const language = settings.language;
      const name = countryName(code, language) ?? code;
      const path = countryPath(code);
      const inCountry = places.filter((p) => p.place.country_code === code);
      // The map centres on the country's places with stories, spread wide enough to show them all.
      const centre = inCountry.length
        ? { lat: inCountry.reduce((s, p) => s + p.place.lat, 0) / inCountry.length, lon: inCountry.reduce((s, p) => s + p.place.lon, 0) / inCountry.length }
        : null;
      const spread = centre ? Math.max(600, ...inCountry.map((p) => distanceKm(centre.lat, centre.lon, p.place.lat, p.place.lon) * 1.6)) : 0;
      return sendPage(ctx, reply, {
        meta: {
          title: page > 1 ? `${name} (page ${page})` : name,
          description: `Stories from and about ${name}.`,
          path: page > 1 ? `${path}?page=${page}` : path,
          noindex: total === 0,
          jsonLd: [
            { '@context': 'https://schema.org', '@type': 'Country', name, identifier: code, url: `${site}${path}` },
            breadcrumbLd(site, [{ name: 'Home', path: '/' }, { name: 'Places', path: worldPath }, { name, path }]),
          ],
        },
        body: () => (
          <PlaceListPage
            kicker="Country"
            title={name}
            list={list}
            total={total}
            page={page}
            path={path}
            intro={
              <div class="place-intro">
                {centre ? (
                  <MapFigure svg={locatorMap({ id: 'country-map', name, label: name, lat: centre.lat, lon: centre.lon, countryNumeric: countryNumeric(code), radiusKm: Math.min(spread, 4000) })} />
                ) : null}
                {inCountry.length ? (
                  <nav class="nearby-places" aria-labelledby="country-places-title">
                    <h2 id="country-places-title">Places in {name} with stories</h2>
                    <ul>
                      {inCountry.map((p) => <li><a href={placePath(p.place.slug)}>{p.place.name}</a> <span class="muted">{plural(p.stories, 'story', 'stories')}</span></li>)}
                    </ul>
                  </nav>
                ) : null}
              </div>
            }
          />
        ),
      });
    });

    app.get(worldPath, async (_request, reply) => {
      const since = new Date(Date.now() - worldDays * 86_400_000).toISOString();
      const [settings, recent, countries] = await Promise.all([loadSettings(db), recentStoriesWithPlaces(db, since), countriesWithStories(db)]);
      const language = settings.language;
      const entries = byPlace(recent);
      const svg = worldMap({
        id: 'world-map',
        title: `Where our stories of the last ${worldDays} days happened`,
        description: entries.length
          ? `${plural(entries.length, 'place', 'places')} marked; each marker links to the place's page. The same places are listed below the map.`
          : 'No story of the last week has a place yet.',
        markers: markersOf(entries, language),
      });
      return sendPage(ctx, reply, {
        meta: {
          title: 'The world this week',
          description: `Where the stories of the last ${worldDays} days happened, on a map and as a list.`,
          path: worldPath,
          jsonLd: [breadcrumbLd(site, [{ name: 'Home', path: '/' }, { name: 'Places', path: worldPath }])],
        },
        body: () => (
          <div class="place-page world-page">
            <header class="list-header">
              <p class="kicker">Places</p>
              <h1>The world this week</h1>
              <p class="list-description">Where the stories of the last {worldDays} days happened. <a href="#world-list">Skip the map to the list</a>.</p>
            </header>
            <MapFigure svg={svg} class="map-figure-wide" />
            <section id="world-list" class="world-list" aria-labelledby="world-list-title">
              <h2 id="world-list-title">By place</h2>
              {entries.length ? (
                <ul class="world-places">
                  {entries.map((e) => (
                    <li>
                      <h3><a href={placePath(e.place.slug)}>{placeLabel(e.place, language)}</a></h3>
                      <ul>
                        {e.stories.map((s) => <li><a href={s.url}>{s.title}</a> <time class="muted" dateTime={s.publishedAt}>{formatDate(s.publishedAt)}</time></li>)}
                      </ul>
                    </li>
                  ))}
                </ul>
              ) : <p class="empty-note">No story of the last week has a place yet.</p>}
            </section>
            {countries.length ? (
              <nav class="world-countries" aria-labelledby="world-countries-title">
                <h2 id="world-countries-title">All countries in our reporting</h2>
                <ul>
                  {countries.map((c) => <li><a href={countryPath(c.code)}>{countryName(c.code, language) ?? c.code}</a> <span class="muted">{c.stories}</span></li>)}
                </ul>
              </nav>
            ) : null}
            <GeoCredit />
          </div>
        ),
      });
    });
  };
}
