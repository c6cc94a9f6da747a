/** Authors on the public pages: photos in the byline, the author box under a story, the author page's header. */
import type { AuthorRef, MediaView } from '../../content/queries.js';
import { authorPath } from '../../content/urls.js';
import { Byline, Picture } from './cards.js';

/**
 * A person's photo, cropped round. Decorative beside their linked name (alt=""), so a screen reader does not hear
 * the name twice; `describe` keeps the library's alt text where the photo stands alone.
 */
export function AuthorPhoto(props: { photo: MediaView; size: 'small' | 'medium' | 'large'; describe?: boolean; eager?: boolean }) {
  const media = props.describe ? props.photo : { ...props.photo, alt: '' };
  const sizes = props.size === 'small' ? '2.5rem' : props.size === 'medium' ? '5rem' : '8rem';
  return <Picture media={media} sizes={sizes} class={`author-photo author-photo-${props.size}`} eager={props.eager} />;
}

/**
 * The story's byline: the authors' photos side by side, then "By A and B". The photos load lazily (they are tiny and
 * in view, so they still come at once) and never with high priority: the lead picture is the page's largest paint.
 */
export function BylineWithPhotos(props: { authors: AuthorRef[] }) {
  const withPhotos = props.authors.filter((a) => a.photo);
  if (!props.authors.length) return null;
  return (
    <span class="byline-block">
      {withPhotos.length ? (
        <span class="byline-photos">
          {withPhotos.map((a) => <AuthorPhoto photo={a.photo!} size="small" />)}
        </span>
      ) : null}
      <Byline authors={props.authors} />
    </span>
  );
}

/** Under the story: who wrote it, with photo, short biography and a link to everything else they wrote. */
export function AuthorBox(props: { authors: AuthorRef[] }) {
  if (!props.authors.length) return null;
  return (
    <aside class="author-box" aria-labelledby="author-box-title">
      <h2 id="author-box-title" class="visually-hidden">{props.authors.length > 1 ? 'About the authors' : 'About the author'}</h2>
      {props.authors.map((a) => (
        <section class="author-card" aria-label={a.name}>
          {a.photo ? <AuthorPhoto photo={a.photo} size="medium" /> : null}
          <div class="author-card-text">
            <p class="author-card-name"><a href={authorPath(a.slug)} rel="author">{a.name}</a></p>
            {a.bio ? <p class="author-card-bio">{a.bio}</p> : null}
            <p class="more-link"><a href={authorPath(a.slug)}>More from {a.name}<span aria-hidden="true"> →</span></a></p>
          </div>
        </section>
      ))}
    </aside>
  );
}
