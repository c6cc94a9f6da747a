/** Feed and sitemap routes: RSS, Atom and JSON Feed for the site, each section, tag, author and place; the sitemap index and its parts. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { countPublished, lastPublishedChange, listPublished, type ListFilter } from '../content/queries.js';
import { findAuthor, findSection, findTag } from '../content/directory-queries.js';
import { listingsWithStories, publishedLocations, storyBodies } from '../content/syndication-queries.js';
import { loadSettings } from '../content/settings.js';
import { authorPath, sectionPath, tagPath, threadPath } from '../content/urls.js';
import { notFound } from '../http/errors.js';
import { placeLabel } from '../places/labels.js';
import { findPlaceBySlug, storiesOfPlaces } from '../places/store.js';
import { placePath } from '../places/urls.js';
import { feedContentTypes, newestChange, renderFeed, type FeedFormat, type FeedOwner, type FeedStory } from './build-feed.js';
import { newsSitemap, newsSitemapLimit, newsWindowHours, sitemapIndex, storiesPerSitemap, urlSet, type SitemapEntry } from './sitemaps.js';

export const feedLength = 20;
const publicCache = 'public, max-age=60, stale-while-revalidate=600, stale-if-error=86400';
const xmlType = 'application/xml; charset=utf-8';
const formats: FeedFormat[] = ['rss', 'atom', 'json'];

function send(reply: FastifyReply, type: string, body: string, lastModified: string | null): FastifyReply {
  reply.type(type).header('cache-control', publicCache);
  if (lastModified) reply.header('last-modified', new Date(lastModified).toUTCString());
  return reply.send(body);
}

/** The newest published stories matching the filter, with the full body and tags a feed carries. */
async function feedStories(ctx: AppContext, filter: Omit<ListFilter, 'limit'>): Promise<FeedStory[]> {
  const db = ctx.store.read;
  const cards = await listPublished(db, { ...filter, limit: feedLength });
  const bodies = await storyBodies(db, cards.map((c) => c.id));
  return cards.flatMap((card) => {
    const extra = bodies.get(card.id);
    return extra ? [{ ...card, ...extra }] : [];
  });
}

/** A place's newest stories (datelined there or about it), with what a feed carries. */
async function placeFeedStories(ctx: AppContext, placeId: number): Promise<FeedStory[]> {
  const { stories: cards } = await storiesOfPlaces(ctx.store.read, [placeId], feedLength);
  const bodies = await storyBodies(ctx.store.read, cards.map((c) => c.id));
  return cards.flatMap((card) => {
    const extra = bodies.get(card.id);
    return extra ? [{ ...card, ...extra }] : [];
  });
}

async function sendFeed(ctx: AppContext, reply: FastifyReply, format: FeedFormat, owner: FeedOwner, filter: Omit<ListFilter, 'limit'> | { placeId: number }) {
  const [settings, stories] = await Promise.all([loadSettings(ctx.store.read), 'placeId' in filter ? placeFeedStories(ctx, filter.placeId) : feedStories(ctx, filter)]);
  const body = renderFeed(format, owner, stories, { siteUrl: ctx.config.siteUrl, settings });
  return send(reply, feedContentTypes[format], body, newestChange(stories));
}

export function feedRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    const db = ctx.store.read;

    for (const format of formats) {
      app.get(`/feed.${format}`, async (_request, reply) => {
        const settings = await loadSettings(db);
        const owner = { title: settings.title, description: settings.description, pagePath: '/', feedBase: '/feed' };
        return sendFeed(ctx, reply, format, owner, {});
      });

      app.get<{ Params: { section: string } }>(`/:section/feed.${format}`, async (request, reply) => {
        const [section, settings] = await Promise.all([findSection(db, request.params.section), loadSettings(db)]);
        if (!section) throw notFound('That section');
        const path = sectionPath(section.slug);
        const owner = {
          title: `${section.name} | ${settings.title}`,
          description: section.description || `The latest ${section.name} stories from ${settings.title}.`,
          pagePath: path,
          feedBase: `${path}/feed`,
        };
        return sendFeed(ctx, reply, format, owner, { sectionId: section.id });
      });

      app.get<{ Params: { slug: string } }>(`/tag/:slug/feed.${format}`, async (request, reply) => {
        const [tag, settings] = await Promise.all([findTag(db, request.params.slug), loadSettings(db)]);
        if (!tag) throw notFound('That tag');
        const path = tagPath(tag.slug);
        const owner = { title: `${tag.name} | ${settings.title}`, description: `Stories tagged ${tag.name}.`, pagePath: path, feedBase: `${path}/feed` };
        return sendFeed(ctx, reply, format, owner, { tagId: tag.id });
      });

      app.get<{ Params: { slug: string } }>(`/place/:slug/feed.${format}`, async (request, reply) => {
        const [place, settings] = await Promise.all([findPlaceBySlug(db, request.params.slug), loadSettings(db)]);
        if (!place) throw notFound('That place');
        const path = placePath(place.slug);
        if (place.slug !== request.params.slug) return reply.redirect(`${path}/feed.${format}`, 301);
        const label = placeLabel(place, settings.language);
        const owner = { title: `${label} | ${settings.title}`, description: `Stories from and about ${label}.`, pagePath: path, feedBase: `${path}/feed` };
        return sendFeed(ctx, reply, format, owner, { placeId: place.id });
      });

      app.get<{ Params: { slug: string } }>(`/author/:slug/feed.${format}`, async (request, reply) => {
        const [author, settings] = await Promise.all([findAuthor(db, request.params.slug), loadSettings(db)]);
        if (!author) throw notFound('That author');
        const path = authorPath(author.slug);
        const owner = {
          title: `${author.name} | ${settings.title}`,
          description: author.bio || `Stories by ${author.name}.`,
          pagePath: path,
          feedBase: `${path}/feed`,
          author: { name: author.name, path },
        };
        return sendFeed(ctx, reply, format, owner, { authorId: author.id });
      });
    }

    const storySitemapCount = async () => Math.max(1, Math.ceil((await countPublished(db, {})) / storiesPerSitemap));

    app.get('/sitemap.xml', async (_request, reply) => {
      const site = ctx.config.siteUrl;
      const [parts, lastChange] = await Promise.all([storySitemapCount(), lastPublishedChange(db)]);
      const entries: SitemapEntry[] = [
        { loc: `${site}/sitemap-pages.xml`, lastmod: lastChange },
        ...Array.from({ length: parts }, (_, i) => ({ loc: `${site}/sitemap-stories-${i + 1}.xml` })),
        { loc: `${site}/sitemap-news.xml`, lastmod: lastChange },
      ];
      return send(reply, xmlType, sitemapIndex(entries), lastChange);
    });

    app.get('/sitemap-pages.xml', async (_request, reply) => {
      const site = ctx.config.siteUrl;
      const [listings, lastChange] = await Promise.all([listingsWithStories(db), lastPublishedChange(db)]);
      const entries: SitemapEntry[] = [
        { loc: `${site}/`, lastmod: lastChange },
        { loc: `${site}/authors` },
        ...listings.sections.map((l) => ({ loc: `${site}${sectionPath(l.slug)}`, lastmod: l.lastModified })),
        ...listings.tags.map((l) => ({ loc: `${site}${tagPath(l.slug)}`, lastmod: l.lastModified })),
        ...listings.authors.map((l) => ({ loc: `${site}${authorPath(l.slug)}`, lastmod: l.lastModified })),
        ...listings.threads.map((l) => ({ loc: `${site}${threadPath(l.slug)}`, lastmod: l.lastModified })),
      ];
      return send(reply, xmlType, urlSet(entries), lastChange);
    });

    app.get<{ Params: { page: string } }>('/sitemap-stories-:page.xml', async (request, reply) => {
      const { page } = request.params;
      const site = ctx.config.siteUrl;
      const parts = await storySitemapCount();
      if (!/^[1-9]\d{0,5}$/.test(page) || Number(page) > parts) throw notFound('That sitemap');
      const locations = await publishedLocations(db, storiesPerSitemap, (Number(page) - 1) * storiesPerSitemap);
      // A story whose canonical address is elsewhere (a syndicated copy) is left to that address's sitemap.
      const entries = locations
        .filter((l) => !l.canonicalUrl || l.canonicalUrl === `${site}${l.url}`)
        .map((l) => ({ loc: `${site}${l.url}`, lastmod: l.updatedAt }));
      const newest = locations.reduce<string | null>((n, l) => (n === null || l.updatedAt > n ? l.updatedAt : n), null);
      return send(reply, xmlType, urlSet(entries), newest);
    });

    app.get('/sitemap-news.xml', async (_request, reply) => {
      const site = ctx.config.siteUrl;
      const from = new Date(Date.now() - newsWindowHours * 3600 * 1000).toISOString();
      const [settings, stories] = await Promise.all([loadSettings(db), listPublished(db, { from, limit: newsSitemapLimit })]);
      const entries = stories.map((s) => ({ loc: `${site}${s.url}`, title: s.title, publishedAt: s.publishedAt }));
      const newest = stories.reduce<string | null>((n, s) => (n === null || s.updatedAt > n ? s.updatedAt : n), null);
      return send(reply, xmlType, newsSitemap({ name: settings.title, language: settings.language }, entries), newest);
    });
  };
}
