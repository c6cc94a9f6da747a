/** Story teasers, bylines, pictures and pagination: the pieces list pages are made of. */
import { LiveMark } from './live-mark.js';
import type { AuthorRef, MediaView, StoryCard } from '../../content/queries.js';
import { authorPath, mediaPath, sectionPath, withPage } from '../../content/urls.js';
import { focalClass } from '../../media/library.js';
import { plural } from './format.js';
import { PublishedTime } from './time.js';

export function Byline(props: { authors: AuthorRef[] }) {
  if (!props.authors.length) return null;
  return (
    <span class="byline">
      By{' '}
      {props.authors.map((a, i) => (
        <>
          {i > 0 ? (i === props.authors.length - 1 ? ' and ' : ', ') : null}
          <a href={authorPath(a.slug)} rel="author">{a.name}</a>
        </>
      ))}
    </span>
  );
}

/** A responsive picture: WebP/AVIF variants in srcset, the original as fallback; crops keep the focal point. */
export function Picture(props: { media: MediaView; sizes: string; eager?: boolean; class?: string }) {
  const { media } = props;
  const byFormat = (format: string) =>
    media.variants.filter((v) => v.format === format).sort((a, b) => a.width - b.width).map((v) => `${mediaPath(v.path)} ${v.width}w`).join(', ');
  const avif = byFormat('avif');
  const webp = byFormat('webp');
  return (
    <picture class={props.class}>
      {avif ? <source type="image/avif" srcSet={avif} sizes={props.sizes} /> : null}
      {webp ? <source type="image/webp" srcSet={webp} sizes={props.sizes} /> : null}
      <img
        src={mediaPath(media.path)}
        class={focalClass(media)}
        alt={media.alt}
        width={media.width}
        height={media.height}
        loading={props.eager ? 'eager' : 'lazy'}
        decoding="async"
        fetchpriority={props.eager ? 'high' : undefined}
      />
    </picture>
  );
}

/**
 * The card variants every list is built from. A variant that shows a picture falls back to text only when the story
 * has none, so no card keeps an empty picture column.
 * - lead: the front's main story: large picture, display headline, dek.
 * - picture: picture above (in grids) or beside (in lists) the headline, with the dek.
 * - compact: headline and meta with a small picture beside it, for rails.
 * - headline: headline and meta only, for section blocks and related links.
 */
export type CardVariant = 'lead' | 'picture' | 'compact' | 'headline';

const pictureSizes: Record<Exclude<CardVariant, 'headline'>, string> = {
  lead: '(min-width: 64em) 48rem, 100vw',
  picture: '(min-width: 64em) 20rem, (min-width: 40em) 45vw, 100vw',
  compact: '8rem',
};

export function StoryTeaser(props: {
  story: StoryCard;
  variant?: CardVariant;
  level?: 2 | 3;
  showSection?: boolean;
  /** Kept for callers that only want to drop the picture: the same as `variant="headline"`. */
  showImage?: boolean;
  /** The dek under the headline; lead and picture cards show it unless told not to. */
  showDek?: boolean;
  /** Set on the lead card of the front page: its picture loads first. */
  lead?: boolean;
}) {
  const { story } = props;
  const variant: CardVariant = props.lead ? 'lead' : props.showImage === false ? 'headline' : (props.variant ?? 'picture');
  const image = variant !== 'headline' ? story.image : null;
  const Heading = props.level === 3 ? 'h3' : 'h2';
  const showDek = props.showDek ?? (variant === 'lead' || variant === 'picture');
  const classes = ['card', `card-${variant}`, image ? 'has-image' : 'no-image', 'teaser', variant === 'lead' ? 'teaser-lead' : ''].filter(Boolean).join(' ');
  return (
    <article class={classes}>
      {image && variant !== 'headline' ? (
        <a href={story.url} tabIndex={-1} aria-hidden="true" class="card-image teaser-image">
          <Picture media={image} sizes={pictureSizes[variant]} eager={variant === 'lead'} />
        </a>
      ) : null}
      <div class="card-text">
        {props.showSection !== false ? <a class="section-label" href={sectionPath(story.section.slug)}>{story.section.name}</a> : null}
        <Heading class="teaser-title"><LiveMark storyId={story.id} /><a href={story.url}>{story.title}</a></Heading>
        {showDek && story.dek ? <p class="dek">{story.dek}</p> : null}
        <p class="meta">
          <Byline authors={story.authors} />
          {story.authors.length ? ' · ' : null}
          <PublishedTime iso={story.publishedAt} format="date" />
          {story.commentCount > 0 ? (
            <>
              {' · '}
              <a href={`${story.url}#comments`}>{plural(story.commentCount, 'comment')}</a>
            </>
          ) : null}
        </p>
      </div>
    </article>
  );
}

/** `start` numbers a list that continues another one; `showImage={false}` leaves the pictures out (narrow blocks). */
export function StoryList(props: {
  stories: StoryCard[];
  variant?: CardVariant;
  showSection?: boolean;
  showImage?: boolean;
  showDek?: boolean;
  level?: 2 | 3;
  class?: string;
  start?: number;
}) {
  return (
    <ol class={props.class ? `story-list ${props.class}` : 'story-list'} start={props.start}>
      {props.stories.map((s) => (
        <li>
          <StoryTeaser story={s} variant={props.variant} showSection={props.showSection} showImage={props.showImage} showDek={props.showDek} level={props.level} />
        </li>
      ))}
    </ol>
  );
}

/** Newer and older pages of a listing; `pages` is null when only whether an older page exists is known. */
export function Pagination(props: { path: string; page: number; pages: number | null; hasNext: boolean }) {
  if (props.page === 1 && !props.hasNext) return null;
  const href = (page: number) => withPage(props.path, page);
  return (
    <nav class="pagination" aria-label="Pages">
      {props.page > 1 ? <a href={href(props.page - 1)} rel="prev">← Newer</a> : <span />}
      <span class="page-count">{props.pages === null ? `Page ${props.page}` : `Page ${props.page} of ${props.pages}`}</span>
      {props.hasNext ? <a href={href(props.page + 1)} rel="next">Older →</a> : <span />}
    </nav>
  );
}
