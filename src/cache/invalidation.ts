/** Turns content events into purges: what a published, edited or unpublished story or a comment shown or hidden makes stale. */
import { changesPublicPage } from '../comments/events.js';
import type { AppContext } from '../context.js';
import type { StoryPlacement } from '../content/events.js';
import { archivePath, authorPath, sectionPath, tagPath, threadPath } from '../content/urls.js';
import type { LiveCoverageChanged, LiveUpdateChanged } from '../live/events.js';
import type { SiteChange } from '../site-events.js';
import type { SourceChange } from '../sources/events.js';
import { sourcePathsOfStory } from '../sources/queries.js';
import { mergeSpecs, type PurgeSpec } from './page-cache.js';
import { placesOfStory } from '../places/store.js';
import { pagesShowingPlace } from '../places/urls.js';

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

/** Everything that shows a story placed here: its page, pages linking to it, and every listing it belongs to. */
export function placementSpec(placement: StoryPlacement): PurgeSpec {
  return {
    paths: [placement.url],
    linksTo: [placement.url],
    listings: [
      ...listingsForPath(placement.url),
      sectionPath(placement.sectionSlug),
      ...placement.tagSlugs.map(tagPath),
      ...placement.authorSlugs.map(authorPath),
      ...(placement.threadSlug ? [threadPath(placement.threadSlug)] : []),
    ],
    siteFeeds: true,
  };
}

/**
 * What a site-wide change makes stale, from its payload alone. Sections, settings, bylines and tag names show on
 * every page (navigation, story chips), so those purge everything; the front's arrangement purges the home page only; an image that was just uploaded or deleted is on
 * no public page (only unused images can be deleted), so it purges nothing.
 */
export function siteChangeSpec(change: SiteChange): PurgeSpec | null {
  if (change.what === 'media' && (change.kind === 'uploaded' || change.kind === 'deleted')) return null;
  // The arrangement shows only on the front: the home page, nothing else (feeds and listings go by date).
  if (change.what === 'front') return { paths: ['/'] };
  return { all: true };
}

/** A live story's own documents: its page (every ?order variant) and its feeds of updates. */
export function livePaths(url: string): string[] {
  return [url, `${url}/updates.atom`, `${url}/updates.json`];
}

/**
 * What a live change makes stale. An update posted, edited, corrected, deleted or (un)pinned shows on the story's
 * page and its feeds only; one waiting for approval shows nowhere. Coverage starting or ending also changes the LIVE
 * mark on the home page and the story's thread, and the story's place in listings.
 */
export function liveChangeSpec(change: LiveUpdateChanged | LiveCoverageChanged, coverage: boolean): PurgeSpec | null {
  if (change.streamId === null) return null;
  const paths = livePaths(change.story.url);
  if (!coverage) return { paths };
  return { paths, listings: ['/', ...(change.story.threadSlug ? [threadPath(change.story.threadSlug)] : [])], linksTo: [change.story.url] };
}

/**
 * What a change to the sources directory makes stale: the source pages named, and when stories cite the sources
 * involved, every page (their Sources boxes show the names; a directory edit is rare next to page views).
 */
export function sourceChangeSpec(change: SourceChange): PurgeSpec | null {
  if (change.articleIds.length) return { all: true };
  return change.paths.length ? { paths: change.paths } : null;
}

export interface Purger {
  /** Applied at once in this process. */
  purgeNow(spec: PurgeSpec): void;
  /** Applied after a lookup; the cache is bypassed until then and the result reaches the other instances. */
  purgeLater(work: () => Promise<PurgeSpec | null>, immediate: PurgeSpec): void;
}

export function listenForChanges(ctx: AppContext, purger: Purger): void {
  ctx.events.on('story.changed', ({ articleId, before, after }) => {
    // The event says where the story showed and shows now: nothing to look up. A change the site never showed purges nothing.
    const placements = [before, after].filter((p): p is StoryPlacement => p !== null);
    if (placements.length === 0) return;
    const spec = mergeSpecs(placements.map(placementSpec));
    purger.purgeNow(spec);
    // Source pages already listing the story link to it (linksTo above); the ones it cites now are looked up.
    purger.purgeLater(async () => mergeSpecs([spec, { paths: await sourcePathsOfStory(ctx.store.db, articleId) }]), spec);
  });

  ctx.events.on('source.changed', (change) => {
    const spec = sourceChangeSpec(change);
    if (!spec) return;
    purger.purgeNow(spec);
    purger.purgeLater(async () => spec, spec);
  });

  // The story page shows approved comments, and pages linking to it their count: nothing else changes, and a comment
  // that waits for moderation or moves between hidden statuses changes nothing a reader sees.
  ctx.events.on('comment.changed', (change) => {
    if (!changesPublicPage(change)) return;
    // Through purgeLater for its broadcast to the other instances; there is nothing to look up.
    purger.purgeLater(async () => null, { paths: [change.storyPath], linksTo: [change.storyPath] });
  });

  for (const name of ['live.update.posted', 'live.update.approved', 'live.update.edited', 'live.update.corrected', 'live.update.deleted', 'live.update.pinned', 'live.update.unpinned'] as const) {
    ctx.events.on(name, (change) => {
      const spec = liveChangeSpec(change, false);
      if (!spec) return;
      purger.purgeNow(spec);
      purger.purgeLater(async () => null, spec);
    });
  }
  for (const name of ['live.coverage.started', 'live.coverage.updated', 'live.coverage.ended'] as const) {
    ctx.events.on(name, (change) => {
      const spec = liveChangeSpec(change, name !== 'live.coverage.updated');
      if (!spec) return;
      purger.purgeNow(spec);
      purger.purgeLater(async () => null, spec);
    });
  }

  ctx.events.on('site.changed', (change) => {
    const spec = siteChangeSpec(change);
    if (!spec) return;
    purger.purgeNow(spec);
    purger.purgeLater(async () => spec, spec);
  });

  // Place pages link to their stories, so `linksTo` above already drops them when a story changes or goes; a story
  // newly published shows on its places' pages, which are found by a lookup. A story's places set in the newsroom
  // name the pages of its places before and after.
  ctx.events.on('story.changed', ({ after, articleId }) => {
    if (!after) return;
    purger.purgeLater(async () => {
      const { dateline, about } = await placesOfStory(ctx.store.read, articleId);
      const listings = [...new Set([dateline, ...about].flatMap((p) => (p ? pagesShowingPlace(p) : [])))];
      return listings.length ? { listings } : null;
    }, {});
  });
  // A place corrected or merged away also changes the story pages that link to it (their places box names it).
  ctx.events.on('place.changed', (change) => {
    if (change.kind === 'story-places' && !change.storyUrl) return;
    const spec: PurgeSpec = change.kind === 'story-places'
      ? { paths: change.storyUrl ? [change.storyUrl] : [], linksTo: change.storyUrl ? [change.storyUrl] : [], listings: change.paths }
      : change.kind === 'added'
        ? { listings: change.paths }
        : { paths: change.storyUrls, listings: change.paths };
    purger.purgeNow(spec);
    purger.purgeLater(async () => null, spec);
  });
}
