/**
 * Newsroom places: the list of places the newsroom added with the form to add one, and a story's places panel
 * (dateline and the places it is about: current ones, proposals from its text, and lookup results to confirm).
 */
import type { SessionUser } from '../../http/session.js';
import type { Place } from '../../db/schema.js';
import { formatCoordinates, placeLabel } from '../../places/labels.js';
import { placeLimits } from '../../places/commands.js';
import { placePath } from '../../places/urls.js';
import { CsrfField, NewsroomLayout } from '../views/layout.js';
import { Messages } from '../views/messages.js';

const assets = ['library.css'];
const panelAssets = ['library.css', 'places-panel.js'];


function Field(props: { id: string; name: string; label: string; value: string; error?: string; hint?: string; maxLength?: number; required?: boolean; inputMode?: 'decimal' | 'numeric' }) {
  return (
    <div class="nr-field">
      <label for={props.id}>{props.label}</label>
      <input id={props.id} name={props.name} type="text" value={props.value} maxLength={props.maxLength} required={props.required} inputMode={props.inputMode} aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.hint ? `${props.id}-hint` : undefined} />
      {props.hint ? <span class="nr-hint" id={`${props.id}-hint`}>{props.hint}</span> : null}
      {props.error ? <span class="nr-field-error">{props.error}</span> : null}
    </div>
  );
}

export function PlacesPage(props: { user: SessionUser; csrfToken: string; places: Place[]; language: string; gazetteerSize: number; values?: Record<string, string>; errors?: Record<string, string>; error?: string; notice?: string }) {
  const v = props.values ?? {};
  const e = props.errors ?? {};
  return (
    <NewsroomLayout title="Places" user={props.user} csrfToken={props.csrfToken} current="places" assets={assets}>
      <Messages notice={props.notice} error={props.error} />
      <p class="nr-muted">
        Stories can be datelined in and about any of the {props.gazetteerSize.toLocaleString('en-GB')} populated places of the GeoNames gazetteer (CC BY 4.0).
        Add here the places it lacks: a village, a camp, a crossing, or a country of your own.
      </p>
      <section aria-labelledby="custom-places">
        <h2 id="custom-places">Places added by the newsroom</h2>
        {props.places.length ? (
          <div class="nr-scroll">
            <table class="nr-table">
              <thead><tr><th scope="col">Name</th><th scope="col">Other names</th><th scope="col">Country or region</th><th scope="col">Coordinates</th><th scope="col">Page</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                {props.places.map((p) => (
                  <tr>
                    <td>{p.name}</td>
                    <td>{p.alt_names.split(' | ').filter(Boolean).join(', ')}</td>
                    <td>{placeLabel({ ...p, name: '' }, props.language).replace(/^, /, '')}</td>
                    <td>{formatCoordinates(p.lat, p.lon)}</td>
                    <td><a href={placePath(p.slug)}>{placePath(p.slug)}</a></td>
                    <td><a href={`/newsroom/places/${p.id}`} aria-label={`Edit or merge ${p.name}`}>Edit or merge</a></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <p>None yet.</p>}
      </section>
      <section aria-labelledby="add-place">
        <h2 id="add-place">Add a place</h2>
        <form method="post" action="/newsroom/places" class="nr-form" noValidate>
          <CsrfField token={props.csrfToken} />
          <PlaceFields values={v} errors={e} />
          <div class="nr-actions"><button type="submit" class="nr-button">Add place</button></div>
        </form>
      </section>
    </NewsroomLayout>
  );
}

/** The fields of a place, shared by the form that adds one and the one that corrects it. */
function PlaceFields(props: { values: Record<string, string>; errors: Record<string, string> }) {
  const v = props.values;
  const e = props.errors;
  return (
    <>
      <Field id="place-name" name="name" label="Name" value={v.name ?? ''} error={e.name} maxLength={placeLimits.name} required hint="As readers should see it, in any script." />
      <Field id="place-alt" name="altNames" label="Other names" value={v.altNames ?? ''} error={e.altNames} maxLength={placeLimits.altNames} hint="Separated by commas: names in other scripts or languages, former names. Lookups find the place by any of them." />
      <Field id="place-country" name="countryCode" label="Country code" value={v.countryCode ?? ''} error={e.countryCode} maxLength={2} hint="Two letters (ISO 3166), such as KE for Kenya. Leave empty for a place in no recognised country, and name its region below." />
      <Field id="place-region" name="region" label="Region" value={v.region ?? ''} error={e.region} maxLength={placeLimits.region} hint="The country or region as readers should see it when there is no country code." />
      <Field id="place-lat" name="lat" label="Latitude" value={v.lat ?? ''} error={e.lat} inputMode="decimal" required hint="Decimal degrees from -90 to 90; north is positive (48.8566)." />
      <Field id="place-lon" name="lon" label="Longitude" value={v.lon ?? ''} error={e.lon} inputMode="decimal" required hint="Decimal degrees from -180 to 180; east is positive (2.3522)." />
      <Field id="place-population" name="population" label="Population" value={v.population ?? ''} error={e.population} inputMode="numeric" hint="Optional; ranks the place among others of the same name." />
    </>
  );
}

/** A place's form values as stored, for the edit form. */
export function placeValues(place: Place): Record<string, string> {
  return {
    name: place.name,
    altNames: place.alt_names.split(' | ').filter(Boolean).join(', '),
    countryCode: place.country_code,
    region: place.region,
    lat: String(place.lat),
    lon: String(place.lon),
    population: place.population ? String(place.population) : '',
  };
}

/** One place the newsroom added: correct it, or merge it into another (its address then redirects there). */
export function PlaceEditPage(props: { user: SessionUser; csrfToken: string; place: Place; stories: number; language: string; values: Record<string, string>; errors?: Record<string, string>; mergeInto?: string; mergeError?: string; error?: string; notice?: string }) {
  const e = props.errors ?? {};
  const place = props.place;
  return (
    <NewsroomLayout title={`Place: ${place.name}`} user={props.user} csrfToken={props.csrfToken} current="places" assets={assets}>
      <Messages notice={props.notice} error={props.error} />
      <p><a href="/newsroom/places">All places</a> · <a href={placePath(place.slug)}>Its public page</a> · {props.stories === 1 ? '1 story names it' : `${props.stories} stories name it`}</p>
      <section aria-labelledby="edit-place">
        <h2 id="edit-place">Correct {placeLabel(place, props.language)}</h2>
        <form method="post" action={`/newsroom/places/${place.id}`} class="nr-form" noValidate>
          <CsrfField token={props.csrfToken} />
          <PlaceFields values={props.values} errors={e} />
          <p class="nr-hint">Its address, {placePath(place.slug)}, stays the same.</p>
          <div class="nr-actions"><button type="submit" class="nr-button">Save place</button></div>
        </form>
      </section>
      <section aria-labelledby="merge-place">
        <h2 id="merge-place">Merge into another place</h2>
        <p class="nr-muted">For a duplicate or a misspelling: its stories move to the place you name, its names become that place's other names, and {placePath(place.slug)} then redirects there.</p>
        <form method="post" action={`/newsroom/places/${place.id}/merge`} class="nr-form" noValidate>
          <CsrfField token={props.csrfToken} />
          <div class="nr-field">
            <label for="merge-into">Place to keep</label>
            <input id="merge-into" name="into" type="text" value={props.mergeInto ?? ''} required maxLength={200} aria-invalid={props.mergeError ? 'true' : undefined} aria-describedby="merge-into-hint" />
            <span class="nr-hint" id="merge-into-hint">Its name, or its address such as /place/tarsel.</span>
            {props.mergeError ? <span class="nr-field-error">{props.mergeError}</span> : null}
          </div>
          <div class="nr-actions"><button type="submit" class="nr-button nr-button-secondary">Merge</button></div>
        </form>
      </section>
    </NewsroomLayout>
  );
}

export interface PanelCandidate {
  ref: string;
  name: string;
  /** "Kenya", or the region of a place in no country. */
  where: string;
  population: number;
  lat: number;
  lon: number;
  /** Why it is listed: "Dateline", "Named “Cairo” in the text", "Search result". */
  note: string;
  dateline: boolean;
  about: boolean;
}

export function StoryPlacesPanel(props: { user: SessionUser; csrfToken: string; story: { id: number; title: string }; candidates: PanelCandidate[]; query: string; notice?: string; error?: string }) {
  const action = `/newsroom/stories/${props.story.id}/places`;
  return (
    <NewsroomLayout title={`Places: ${props.story.title}`} user={props.user} csrfToken={props.csrfToken} current="stories" assets={panelAssets}>
      <Messages notice={props.notice} error={props.error} />
      <p><a href={`/newsroom/stories/${props.story.id}`}>Back to the story</a></p>
      <form method="get" action={action} role="search" class="nr-form places-lookup">
        <div class="nr-field">
          <label for="place-q">Find a place</label>
          <input id="place-q" name="q" type="search" value={props.query} maxLength={100} autocomplete="off" data-place-lookup="/newsroom/places/lookup" aria-describedby="place-q-hint" />
          <span class="nr-hint" id="place-q-hint">Type a city, town or one of the newsroom's places; the results join the list below to confirm.</span>
        </div>
        <div class="nr-actions"><button type="submit" class="nr-button nr-button-secondary">Find</button></div>
      </form>
      <form method="post" action={action} class="nr-form">
        <CsrfField token={props.csrfToken} />
        {props.candidates.length ? null : <p data-places-empty>No place is named in the headline, summary or first paragraph. Find one above.</p>}
        <div class="nr-scroll">
          <table class="nr-table" data-places-table>
            <caption class="nr-muted">Proposed from the headline, summary and first paragraph, then anything you found. Tick what the story is about and choose its dateline.</caption>
            <thead><tr><th scope="col">Place</th><th scope="col">Why listed</th><th scope="col">Dateline</th><th scope="col">About</th></tr></thead>
            <tbody>
              {props.candidates.map((c, i) => (
                <tr>
                  <th scope="row">
                    {c.name}{c.where ? `, ${c.where}` : ''}
                    <span class="nr-muted"> · {formatCoordinates(c.lat, c.lon)}{c.population ? ` · ${c.population.toLocaleString('en-GB')} people` : ''}</span>
                  </th>
                  <td>{c.note}</td>
                  <td><input type="radio" name="dateline" value={c.ref} id={`dateline-${i}`} checked={c.dateline} aria-label={`Dateline: ${c.name}`} /></td>
                  <td><input type="checkbox" name="about" value={c.ref} id={`about-${i}`} checked={c.about} aria-label={`About ${c.name}`} /></td>
                </tr>
              ))}
              <tr>
                <th scope="row">No dateline</th>
                <td></td>
                <td><input type="radio" name="dateline" value="" id="dateline-none" checked={!props.candidates.some((c) => c.dateline)} aria-label="No dateline" /></td>
                <td></td>
              </tr>
            </tbody>
          </table>
        </div>
        <div class="nr-actions"><button type="submit" class="nr-button">Save places</button></div>
      </form>
    </NewsroomLayout>
  );
}
