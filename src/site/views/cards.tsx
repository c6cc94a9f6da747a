/** Story teasers, bylines, pictures and pagination: the pieces list pages are made of. */
import type { AuthorRef, MediaView, StoryCard } from '../../content/queries.js';
import { authorPath, mediaPath, sectionPath, withPage } from '../../content/urls.js';
import { formatDate, plural } from './format.js';

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

/** A responsive picture: WebP/AVIF variants in srcset, the original as fallback. */
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

export function StoryTeaser(props: { story: StoryCard; level?: 2 | 3; showSection?: boolean; showImage?: boolean; lead?: boolean }) {
  const { story } = props;
  const Heading = props.level === 3 ? 'h3' : 'h2';
  return (
    <article class={props.lead ? 'teaser teaser-lead' : 'teaser'}>
      {props.showImage !== false && story.image ? (
        <a href={story.url} tabIndex={-1} aria-hidden="true" class="teaser-image">
          <Picture media={story.image} sizes={props.lead ? '(min-width: 60em) 40em, 100vw' : '(min-width: 40em) 12em, 100vw'} eager={props.lead} />
        </a>
      ) : null}
      <div class="teaser-text">
        {props.showSection !== false ? <a class="section-label" href={sectionPath(story.section.slug)}>{story.section.name}</a> : null}
        <Heading class="teaser-title"><a href={story.url}>{story.title}</a></Heading>
        {story.dek ? <p class="dek">{story.dek}</p> : null}
        <p class="meta">
          <Byline authors={story.authors} />
          {' · '}
          <time dateTime={story.publishedAt}>{formatDate(story.publishedAt)}</time>
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
export function StoryList(props: { stories: StoryCard[]; showSection?: boolean; showImage?: boolean; level?: 2 | 3; class?: string; start?: number }) {
  return (
    <ol class={props.class ? `story-list ${props.class}` : 'story-list'} start={props.start}>
      {props.stories.map((s) => (
        <li><StoryTeaser story={s} showSection={props.showSection} showImage={props.showImage} level={props.level} /></li>
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
