/** The story page's places: the box under the body (dateline, locator map, places) and the JSON-LD it adds. */
import type { VNode } from 'preact';
import type { AppContext } from '../context.js';
import type { Story } from '../content/queries.js';
import { locatorFor, placeLabel, placeLd } from '../places/labels.js';
import { locatorMap } from '../places/map.js';
import { placesOfStory } from '../places/store.js';
import { placePath } from '../places/urls.js';
import { StoryPlacesBox } from './views/places.js';

export interface StoryPlacesView {
  box: VNode | null;
  /** `contentLocation` (the places it is about) and `dateline`/`locationCreated`, merged into the NewsArticle. */
  ld: Record<string, unknown>;
}

/** The story's places as stored: one read, made with the page's other reads. */
export function loadStoryPlaces(ctx: AppContext, story: Story, db = ctx.store.read): Promise<StoryPlaces> {
  return placesOfStory(db, story.id);
}

type StoryPlaces = Awaited<ReturnType<typeof placesOfStory>>;

/** The box and JSON-LD, in the site's language (known once the page's settings are loaded). */
export function storyPlacesView(ctx: AppContext, places: StoryPlaces, language: string): StoryPlacesView {
  const { dateline, about } = places;
  if (!dateline && !about.length) return { box: null, ld: {} };
  const site = ctx.config.siteUrl;
  const mapped = dateline ?? about[0]!;
  // The story's other places are marked on its map too (where they fall inside it).
  const neighbours = about.filter((p) => p.id !== mapped.id).map((p) => ({ name: p.name, lat: p.lat, lon: p.lon }));
  const box = <StoryPlacesBox dateline={dateline} about={about} language={language} mapSvg={locatorMap({ ...locatorFor(mapped, 'story-map', language), neighbours })} />;
  const located = about.length ? about : [dateline!];
  return {
    box,
    ld: {
      contentLocation: located.map((p) => placeLd(p, site, placePath(p.slug), language)),
      ...(dateline ? { dateline: placeLabel(dateline, language), locationCreated: placeLd(dateline, site, placePath(dateline.slug), language) } : {}),
    },
  };
}
