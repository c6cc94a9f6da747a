/** The public story page, rendered for readers, after a comment post, and as the newsroom's preview with the same code. */
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { approvedThread } from '../comments/comments.js';
import type { CommentFormState } from './views/comments.js';
import { findStory, listPublished, relatedStories, type Story } from '../content/queries.js';
import { wordCount } from '../content/sanitize.js';
import { mediaPath, sectionPath } from '../content/urls.js';
import { notFound } from '../http/errors.js';
import { sendPage } from './page.js';
import { newsArticleLd, storyBreadcrumbs } from './structured-data.js';
import { StoryPage } from './views/story.js';
import { LiveBlock, liveBlogLd, loadLiveStory, updateTitle, type LiveOrder } from './live-story.js';
import { excerpt, htmlToText } from '../content/sanitize.js';
import { loadStoryCitations, StorySources, withCitationsLd } from './story-sources.js';
import { loadStoryPlaces, storyPlacesView } from './story-places.js';
import { FollowStory, type FollowTarget } from './views/follow.js';
import { subscribeFormToken } from '../newsletters/form.js';

export interface StoryPageOptions {
  /** The story, or its id when the caller has not loaded it (a comment post's error page). */
  story: Story | number;
  /** The comment form's state: fresh (the default), after a post, or with errors. */
  form?: CommentFormState;
  /** The comment being replied to, when the reader pressed Reply. */
  replyTo?: { id: number; authorName: string } | null;
  cache?: 'public' | 'private';
  status?: number;
  /** Newsroom preview: a story in any workflow state, not indexed. */
  preview?: boolean;
  /** A live story's order of updates (?order=oldest) and the update a shared link names (?update=N). */
  live?: { order?: LiveOrder; updateId?: number | null };
}

/** A comment form with nothing typed and no outcome; its token is added by the caller when readers may post. */
export function emptyCommentForm(formToken = ''): CommentFormState {
  return { values: { name: '', email: '', body: '', parentId: '' }, errors: {}, outcome: null, formToken };
}

export async function sendStoryPage(ctx: AppContext, reply: FastifyReply, options: StoryPageOptions): Promise<FastifyReply> {
  const { form = emptyCommentForm(), replyTo = null, cache = 'public', status = 200, preview = false } = options;
  const db = ctx.store.read;
  const story = typeof options.story === 'number' ? await findStory(preview ? ctx.store.db : db, { id: options.story }, preview) : options.story;
  if (!story) throw notFound('That story');
  const [related, threadStories, thread, cited, places] = await Promise.all([
    relatedStories(db, story),
    story.thread ? listPublished(db, { threadId: story.thread.id, limit: 20, ascending: true }) : Promise.resolve([]),
    approvedThread(db, story.id),
    loadStoryCitations(preview ? ctx.store.db : db, story),
    loadStoryPlaces(ctx, story, preview ? ctx.store.db : db),
  ]);
  const live = await loadLiveStory(ctx, story, { ...options.live, preview });
  const site = ctx.config.siteUrl;
  const shared = live?.shared ?? null;
  const description = shared ? excerpt(htmlToText(shared.bodyHtml), 200) : story.seoDescription || story.dek;
  return sendPage(ctx, reply, {
    status,
    cache,
    current: `section:${story.section.slug}`,
    meta: {
      title: shared ? `${updateTitle(shared)} | ${story.title}` : story.seoTitle || story.title,
      description,
      path: story.url,
      canonical: story.canonicalUrl || undefined,
      noindex: preview,
      ogType: 'article',
      image: story.image ? { url: `${site}${mediaPath(story.image.path)}`, alt: story.image.alt, width: story.image.width, height: story.image.height } : null,
      article: { publishedTime: story.publishedAt, modifiedTime: story.updatedAt, section: story.section.name, tags: story.tags.map((t) => t.name) },
      feed: { title: story.section.name, base: `${sectionPath(story.section.slug)}/feed` },
      updatesFeed: live && !preview ? { title: `${story.title}: live updates`, base: `${story.url}/updates` } : undefined,
    },
    jsonLd: (chrome) => {
      const article = { ...newsArticleLd(story, site, chrome.settings, chrome.logo), ...storyPlacesView(ctx, places, chrome.settings.language).ld };
      return [...withCitationsLd(live ? liveBlogLd(article, story, live, site) : article, cited, site, story.url), storyBreadcrumbs(site, story)];
    },
    body: (chrome) => (
      <StoryPage
        story={story}
        related={related}
        threadStories={threadStories}
        comments={{ ...thread, replyTo }}
        form={form}
        wordCount={wordCount(story.bodyHtml)}
        shareUrl={`${site}${story.url}`}
        beforeBody={live ? <LiveBlock story={story} data={live} /> : null}
        afterBody={<StorySources cited={cited} />}
        placesBox={storyPlacesView(ctx, places, chrome.settings.language).box}
        follow={preview ? null : <FollowStory formToken={subscribeFormToken(ctx.secret)} target={followTarget(story, live?.live === true)} />}
      />
    ),
  });
}

/** What "Follow this story" subscribes to: a story covered live by its key moments, else its thread, else itself. */
function followTarget(story: Story, coveredLive: boolean): FollowTarget {
  if (coveredLive) return { listKey: `live:${story.id}`, title: story.title, kind: 'live' };
  if (story.thread) return { listKey: `thread:${story.thread.slug}`, title: story.thread.title, kind: 'thread' };
  return { listKey: `story:${story.id}`, title: story.title, kind: 'story' };
}
