/** Turns content events into purges: what a published, edited or unpublished story or an approved comment makes stale. */
import type { AppContext } from '../context.js';
import { findStory, type Story } from '../content/queries.js';
import { archivePath, authorPath, sectionPath, tagPath, threadPath } from '../content/urls.js';
import type { SiteChange } from '../site-events.js';
import type { PurgeSpec } from './page-cache.js';

const storyPathPattern = /^\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/[a-z0-9-]+$/;

/** Any story can appear in any search: every change to one drops the cached results pages and as-you-type answers. */
const searchListings = ['/search', '/search/suggest'];

/** Listing pages a story path implies without a lookup: home, search, its section and its archive months. */
export function listingsForPath(path: string): string[] {
  const match = storyPathPattern.exec(path);
  if (!match) return ['/', '/archive', ...searchListings];
  const [, section, year, month] = match;
  return ['/', '/archive', ...searchListings, sectionPath(section!), archivePath(Number(year)), archivePath(Number(year), Number(month))];
}

/** Everything that shows this story: its page, pages linking to it, and every listing it belongs to. */
export function storySpec(story: Pick<Story, 'url' | 'section' | 'tags' | 'authors' | 'thread'>): PurgeSpec {
  return {
    paths: [story.url],
    linksTo: [story.url],
    listings: [
      ...listingsForPath(story.url),
      sectionPath(story.section.slug),
      ...story.tags.map((t) => tagPath(t.slug)),
      ...story.authors.map((a) => authorPath(a.slug)),
      ...(story.thread ? [threadPath(story.thread.slug)] : []),
    ],
    siteFeeds: true,
  };
}

/**
 * What a site-wide change makes stale, from its payload alone. Sections, settings, bylines and tag names show on
 * every page (navigation, story chips), so those purge everything; an image that was just uploaded or deleted is on
 * no public page (only unused images can be deleted), so it purges nothing.
 */
export function siteChangeSpec(change: SiteChange): PurgeSpec | null {
  if (change.what === 'media' && (change.kind === 'uploaded' || change.kind === 'deleted')) return null;
  return { all: true };
}

export interface Purger {
  /** Applied at once in this process. */
  purgeNow(spec: PurgeSpec): void;
  /** Applied after a lookup; the cache is bypassed until then and the result reaches the other instances. */
  purgeLater(work: () => Promise<PurgeSpec | null>, immediate: PurgeSpec): void;
}

export function listenForChanges(ctx: AppContext, purger: Purger): void {
  const lookup = (articleId: number) => findStory(ctx.store.db, { id: articleId }, true);

  ctx.events.on('story.changed', ({ articleId, paths }) => {
    // Old and new addresses are known now; tags, authors and thread need the stored story.
    const immediate: PurgeSpec = { paths, linksTo: paths, listings: paths.flatMap(listingsForPath), siteFeeds: true };
    purger.purgeNow(immediate);
    purger.purgeLater(async () => {
      const story = await lookup(articleId);
      return story ? storySpec(story) : null;
    }, immediate);
  });

  ctx.events.on('comment.changed', ({ articleId }) => {
    purger.purgeLater(async () => {
      const story = await lookup(articleId);
      return story ? { paths: [story.url], linksTo: [story.url] } : null;
    }, {});
  });

  ctx.events.on('site.changed', (change) => {
    const spec = siteChangeSpec(change);
    if (!spec) return;
    purger.purgeNow(spec);
    purger.purgeLater(async () => spec, spec);
  });
}
