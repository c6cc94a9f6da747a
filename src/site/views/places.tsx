/** Place views: a map in a figure, the story page's places box, the credit GeoNames and Natural Earth ask for. */
import type { ComponentChildren } from 'preact';
import type { Place } from '../../db/schema.js';
import { formatCoordinates, placeLabel } from '../../places/labels.js';
import { placePath } from '../../places/urls.js';

/** A server-drawn SVG map (already escaped by the map module) with a caption. */
export function MapFigure(props: { svg: string; class?: string; caption?: ComponentChildren }) {
  return (
    <figure class={`map-figure ${props.class ?? ''}`.trim()}>
      <div class="map-frame" dangerouslySetInnerHTML={{ __html: props.svg }} />
      {props.caption ? <figcaption>{props.caption}</figcaption> : null}
    </figure>
  );
}

/** GeoNames' data is CC BY 4.0: every page that shows it says where it comes from. */
export function GeoCredit() {
  return (
    <p class="geo-credit">
      Places from <a href="https://www.geonames.org/">GeoNames</a> (<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>) and our
      newsroom; outlines from <a href="https://www.naturalearthdata.com/">Natural Earth</a>.
    </p>
  );
}

export function PlaceLink(props: { place: Place; language: string }) {
  return <a href={placePath(props.place.slug)}>{placeLabel(props.place, props.language)}</a>;
}

/** Below the story: where it was filed from, a small locator map, and the places it is about. */
export function StoryPlacesBox(props: { dateline: Place | null; about: Place[]; language: string; mapSvg: string | null }) {
  const { dateline, about, language } = props;
  if (!dateline && !about.length) return null;
  return (
    <aside class="story-places" aria-labelledby="story-places-title">
      <h2 id="story-places-title" class="visually-hidden">Where this happened</h2>
      {props.mapSvg ? <MapFigure svg={props.mapSvg} class="map-figure-small" /> : null}
      <div class="story-places-text">
        {dateline ? (
          <p class="story-dateline"><span class="kicker">Filed from</span> <PlaceLink place={dateline} language={language} /></p>
        ) : null}
        {about.length ? (
          <p class="story-about"><span class="kicker">About</span>{' '}
            {about.map((p, i) => <>{i ? ', ' : ''}<PlaceLink place={p} language={language} /></>)}
          </p>
        ) : null}
        {dateline ? <p class="geo-coordinates">{formatCoordinates(dateline.lat, dateline.lon)}</p> : null}
      </div>
    </aside>
  );
}
