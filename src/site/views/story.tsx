/** The story page: section label, headline, byline and times, picture, body with attributed quotes, tags, thread, related, comments. */
import type { ComponentChildren, VNode } from 'preact';
import type { Story, StoryCard } from '../../content/queries.js';
import { sectionPath, tagPath, threadPath } from '../../content/urls.js';
import type { CommentThreadView } from './comments.js';
import { CommentForm, CommentThread, type CommentFormState } from './comments.js';
import { Picture, StoryTeaser } from './cards.js';
import { formatDate, wasUpdated } from './format.js';
import { AuthorBox, BylineWithPhotos } from './people.js';
import { ShareLinks } from './share.js';
import { PublishedTime } from './time.js';

export interface StoryPageProps {
  story: Story;
  related: StoryCard[];
  threadStories: StoryCard[];
  comments: CommentThreadView;
  form: CommentFormState;
  wordCount: number;
  /** The story's absolute address, for the share links. */
  shareUrl: string;
  /** Shown between the picture and the story's text: a live story's summary, key events and updates. */
  beforeBody?: ComponentChildren;
  /** Blocks shown after the body and its corrections, before the tags (the Sources box). */
  afterBody?: ComponentChildren;
  /** Dateline, locator map and places (site/story-places.tsx). */
  placesBox?: ComponentChildren;
  /** The "Follow this story" box (views/follow.tsx); none in newsroom previews. */
  follow?: VNode | null;
}

export function StoryPage(props: StoryPageProps) {
  const { story } = props;
  const updated = wasUpdated(story.publishedAt, story.updatedAt);
  const readingMinutes = Math.max(1, Math.round(props.wordCount / 230));
  return (
    <article class="story" aria-labelledby="story-title">
      <header class="story-header">
        <p class="section-label-line">
          In <a class="section-label" href={sectionPath(story.section.slug)}>{story.section.name}</a>
          {story.thread ? (
            <>
              {' · '}
              <a class="thread-label" href={threadPath(story.thread.slug)}>{story.thread.title}</a>
            </>
          ) : null}
        </p>
        <h1 id="story-title">{story.title}</h1>
        {story.dek ? <p class="dek story-dek">{story.dek}</p> : null}
        <div class="meta story-meta">
          <BylineWithPhotos authors={story.authors} />
          <p class="times">
            <span>Published <PublishedTime iso={story.publishedAt} format="datetime" /></span>
            {updated ? <span>Updated <PublishedTime iso={story.updatedAt} format="datetime" /></span> : null}
            <span class="reading-time">{readingMinutes} min read</span>
          </p>
        </div>
      </header>
      {story.image ? (
        <figure class="featured-image">
          <Picture media={story.image} sizes="(min-width: 48em) 46em, 100vw" eager />
          {story.image.caption || story.image.credit ? (
            <figcaption>
              {story.image.caption}
              {story.image.credit ? <span class="credit"> {story.image.credit}</span> : null}
            </figcaption>
          ) : null}
        </figure>
      ) : null}
      {props.beforeBody}
      <div class="story-body" dangerouslySetInnerHTML={{ __html: story.bodyHtml }} />
      {props.placesBox}
      {story.corrections.length ? (
        <section class="corrections" aria-labelledby="corrections-title">
          <h2 id="corrections-title">Corrections</h2>
          <ul>
            {story.corrections.map((c) => (
              <li><time dateTime={c.createdAt}>{formatDate(c.createdAt)}</time>: {c.text}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {props.afterBody}
      {story.tags.length ? (
        <nav class="story-tags" aria-label="Tags">
          <h2 class="visually-hidden">Tags</h2>
          <ul>
            {story.tags.map((t) => <li><a href={tagPath(t.slug)} rel="tag">{t.name}</a></li>)}
          </ul>
        </nav>
      ) : null}
      <ShareLinks url={props.shareUrl} title={story.title} />
      <AuthorBox authors={story.authors} />
      {story.thread && props.threadStories.length > 1 ? (
        <aside class="thread-box" aria-labelledby="thread-title">
          <h2 id="thread-title">Follow the story: <a href={threadPath(story.thread.slug)}>{story.thread.title}</a></h2>
          <ol>
            {props.threadStories.map((s) => (
              <li>
                <time dateTime={s.publishedAt}>{formatDate(s.publishedAt)}</time>{' '}
                {s.id === story.id ? <strong aria-current="page">{s.title}</strong> : <a href={s.url}>{s.title}</a>}
              </li>
            ))}
          </ol>
        </aside>
      ) : null}
      {props.follow ?? null}
      <section class="comments" id="comments" aria-labelledby="comments-title">
        <CommentThread thread={props.comments} storyUrl={story.url} open={story.commentsOpen} />
        <CommentForm story={story} state={props.form} thread={props.comments} />
      </section>
      {props.related.length ? (
        <aside class="related" aria-labelledby="related-title">
          <h2 id="related-title">Related stories</h2>
          <ul class="related-list">
            {props.related.map((s) => <li><StoryTeaser story={s} level={3} variant="compact" /></li>)}
          </ul>
        </aside>
      ) : null}
    </article>
  );
}
