/** Media library pages: the upload form, the thumbnail grid, and one image's description and uses. */
import { can } from '../../accounts/policies.js';
import type { MediaView } from '../../content/queries.js';
import { mediaPath } from '../../content/urls.js';
import { mediaPageSize, mediaTextLimits, pickerEntry, type MediaUse } from '../../media/library.js';
import { acceptedFormatsText, maxUploadBytes } from '../../media/storage.js';
import { CsrfField, NewsroomLayout, Pager } from '../views/layout.js';
import { Messages, type Frame } from '../views/messages.js';
import { plural } from '../../site/views/format.js';
import { focalClass } from '../../media/library.js';

const assets = ['library.css'];
const editAssets = ['library.css', 'focal-point.js'];

const accept = 'image/jpeg,image/png,image/webp,image/gif,image/avif';

function sizeText(media: MediaView): string {
  return `${media.width} × ${media.height}`;
}

export function MediaLibraryPage(props: Frame & {
  items: MediaView[];
  total: number;
  page: number;
  query: string;
  missingAlt: boolean;
  /** A refused upload: what was typed, and the problem with each field. */
  upload?: { values: { alt: string; caption: string; credit: string }; errors: Record<string, string> };
}) {
  const typed = props.upload?.values ?? { alt: '', caption: '', credit: '' };
  const problems = props.upload?.errors ?? {};
  const problem = (name: string) => (problems[name] ? <span class="nr-field-error">{problems[name]}</span> : null);
  const pages = Math.max(1, Math.ceil(props.total / mediaPageSize));
  const link = (page: number) => {
    const params = new URLSearchParams();
    if (props.query) params.set('q', props.query);
    if (props.missingAlt) params.set('missing', 'alt');
    if (page > 1) params.set('page', String(page));
    const text = params.toString();
    return text ? `/newsroom/media?${text}` : '/newsroom/media';
  };
  return (
    <NewsroomLayout title="Media library" user={props.user} csrfToken={props.csrfToken} current="media" assets={assets}>
      <Messages notice={props.notice} error={props.error} />
      <section aria-labelledby="upload-heading">
        <h2 id="upload-heading">Upload</h2>
        <form class="nr-form" method="post" action="/newsroom/media" enctype="multipart/form-data">
          <CsrfField token={props.csrfToken} />
          <div class="nr-field">
            <label for="file">Images</label>
            <input id="file" name="file" type="file" accept={accept} multiple required aria-invalid={props.upload && (problems.file || !(problems.alt || problems.caption || problems.credit)) ? 'true' : undefined} />
            <span class="nr-hint">{acceptedFormatsText}, at most {maxUploadBytes / 1024 / 1024} MB each.</span>
            {problem('file')}
          </div>
          <div class="nr-field">
            <label for="alt">Alt text</label>
            <input id="alt" name="alt" type="text" value={typed.alt} maxLength={mediaTextLimits.alt} aria-invalid={problems.alt ? 'true' : undefined} />
            <span class="nr-hint">What the image shows, for readers who cannot see it. Needed before a story using it can be published.</span>
            {problem('alt')}
          </div>
          <div class="nr-field">
            <label for="caption">Caption</label>
            <input id="caption" name="caption" type="text" value={typed.caption} maxLength={mediaTextLimits.caption} aria-invalid={problems.caption ? 'true' : undefined} />
            {problem('caption')}
          </div>
          <div class="nr-field">
            <label for="credit">Credit</label>
            <input id="credit" name="credit" type="text" value={typed.credit} maxLength={mediaTextLimits.credit} aria-invalid={problems.credit ? 'true' : undefined} />
            {problem('credit')}
          </div>
          <div class="nr-actions">
            <button type="submit" class="nr-button">Upload</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="library-heading">
        <h2 id="library-heading">Library ({props.total})</h2>
        <form method="get" action="/newsroom/media" class="nr-actions nr-find" role="search">
          <label for="media-q" class="visually-hidden">Find images</label>
          <input id="media-q" name="q" type="search" value={props.query} placeholder="Alt text, caption, credit or file name" />
          <label class="nr-check">
            <input type="checkbox" name="missing" value="alt" checked={props.missingAlt} /> Only images without alt text
          </label>
          <button type="submit" class="nr-button nr-button-secondary">Find</button>
        </form>
        {props.items.length === 0 ? (
          <p class="nr-muted">{props.query || props.missingAlt ? 'No images match.' : 'No images yet. Upload the first one above.'}</p>
        ) : (
          <ul class="nr-cards media-grid">
            {props.items.map((media) => {
              const entry = pickerEntry(media);
              return (
                <li class="nr-card" data-media-id={media.id}>
                  <a href={`/newsroom/media/${media.id}`}>
                    <img src={entry.thumbnail} alt={media.alt} width={160} height={Math.round((160 * media.height) / media.width)} loading="lazy" />
                    <span class="nr-card-label">{sizeText(media)}</span>
                    {media.alt ? null : <span class="nr-status">No alt text</span>}
                  </a>
                </li>
              );
            })}
          </ul>
        )}
        <Pager page={props.page} pages={pages} href={link} words={['Newer', 'Older']} />
      </section>
    </NewsroomLayout>
  );
}

const useLabels: Record<MediaUse['kind'], string> = {
  featured: 'Featured image of',
  body: 'In the text of',
  avatar: 'Profile picture of',
  logo: 'Used as',
};

export function MediaEditPage(props: Frame & {
  media: MediaView & { bytes: number; createdAt: string };
  uses: MediaUse[];
  values?: { alt: string; caption: string; credit: string; focalX: string; focalY: string };
  errors?: Record<string, string>;
}) {
  const { media } = props;
  const values = props.values ?? {
    alt: media.alt, caption: media.caption, credit: media.credit, focalX: media.focal ? String(media.focal.x) : '', focalY: media.focal ? String(media.focal.y) : '',
  };
  const errors = props.errors ?? {};
  const entry = pickerEntry(media);
  const field = (name: 'alt' | 'caption' | 'credit', label: string, hint?: string) => (
    <div class="nr-field">
      <label for={name}>{label}</label>
      {name === 'caption' ? (
        <textarea id={name} name={name} maxLength={mediaTextLimits[name]} aria-invalid={errors[name] ? 'true' : undefined}>{values[name]}</textarea>
      ) : (
        <input id={name} name={name} type="text" value={values[name]} maxLength={mediaTextLimits[name]} aria-invalid={errors[name] ? 'true' : undefined} />
      )}
      {hint ? <span class="nr-hint">{hint}</span> : null}
      {errors[name] ? <span class="nr-field-error">{errors[name]}</span> : null}
    </div>
  );
  return (
    <NewsroomLayout title={media.alt ? `Image: ${media.alt}` : 'Image without alt text'} user={props.user} csrfToken={props.csrfToken} current="media" assets={editAssets}>
      <p><a href="/newsroom/media">Back to the library</a></p>
      <Messages notice={props.notice} error={props.error} />
      <div class="nr-columns">
        <figure class="media-preview">
          <div class="focal-picker" data-focal-picker="">
            <img src={mediaPath(media.path)} srcset={entry.srcset || undefined} sizes="(min-width: 60em) 30em, 100vw" alt={media.alt} width={media.width} height={media.height} />
            <span class="focal-marker" data-focal-marker="" hidden aria-hidden="true" />
          </div>
          <figcaption class="nr-muted">
            {media.mime}, {sizeText(media)}, {Math.ceil(media.bytes / 1024)} KB, uploaded <time dateTime={media.createdAt}>{media.createdAt.slice(0, 10)}</time> ·{' '}
            {plural(media.variants.length, 'variant')} ({[...new Set(media.variants.map((v) => v.format.toUpperCase()))].join(', ') || 'none yet'})
          </figcaption>
          <p class="nr-muted">How the 3:2 cards crop it (the focal point stays in the frame):</p>
          <img class={`crop-preview ${focalClass(media) ?? ''}`.trim()} src={mediaPath(media.path)} alt="" width={media.width} height={media.height} data-crop-preview="" />
        </figure>
        <div>
          <form class="nr-form" method="post" action={`/newsroom/media/${media.id}`}>
            <CsrfField token={props.csrfToken} />
            {field('alt', 'Alt text', 'Describe what the image shows. Required before a story using it can be published.')}
            {field('caption', 'Caption')}
            {field('credit', 'Credit', 'Photographer or agency, e.g. “Photo: A. Reporter”.')}
            <fieldset class="nr-field">
              <legend>Focal point</legend>
              <span class="nr-hint" id="focal-hint">Where the subject is, so the 3:2 crops on cards keep it: percent from the left and from the top. Click the picture to set it. Both empty: the middle.</span>
              <div class="focal-fields">
                <label for="focalX">From the left (%)</label>
                <input id="focalX" name="focalX" type="text" inputMode="numeric" maxLength={5} value={values.focalX} aria-describedby="focal-hint" aria-invalid={errors.focalX ? 'true' : undefined} data-focal-x="" />
                <label for="focalY">From the top (%)</label>
                <input id="focalY" name="focalY" type="text" inputMode="numeric" maxLength={5} value={values.focalY} aria-describedby="focal-hint" aria-invalid={errors.focalY ? 'true' : undefined} data-focal-y="" />
              </div>
              {errors.focalX ? <span class="nr-field-error">{errors.focalX}</span> : null}
              {errors.focalY ? <span class="nr-field-error">{errors.focalY}</span> : null}
            </fieldset>
            <div class="nr-actions">
              <button type="submit" class="nr-button">Save</button>
            </div>
          </form>
          <h2>Where it is used</h2>
          {props.uses.length === 0 ? (
            <p class="nr-muted">Not used anywhere.</p>
          ) : (
            <ul class="nr-list">
              {props.uses.map((use) => (
                <li>
                  {useLabels[use.kind]} {use.articleId !== undefined ? <a href={`/newsroom/stories/${use.articleId}`}>{use.title}</a> : use.title}
                </li>
              ))}
            </ul>
          )}
          {can(props.user, 'media.delete') ? (
            props.uses.length === 0 ? (
              <form method="post" action={`/newsroom/media/${media.id}/delete`} class="nr-actions">
                <CsrfField token={props.csrfToken} />
                <button type="submit" class="nr-button nr-button-danger">Delete this image</button>
              </form>
            ) : (
              <p class="nr-muted">An image in use cannot be deleted; remove it from the places above first.</p>
            )
          ) : null}
        </div>
      </div>
    </NewsroomLayout>
  );
}
