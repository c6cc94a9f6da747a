/** Public site routes: home, stories, sections, tags, authors, story threads, the date archive, and old-URL redirects. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { findApprovedComment } from '../comments/comments.js';
import { makeFormToken } from '../comments/form-token.js';
import { commentOutcome } from './views/comments.js';
import { countPublished, findRedirect, findStory, listPublished, type ListFilter, type StoryCard } from '../content/queries.js';
import { archiveMonths, findAuthor, findSection, findTag, findThread, listPublicAuthors } from '../content/directory-queries.js';
import { FollowStory } from './views/follow.js';
import { subscribeFormToken } from '../newsletters/form.js';
import { archivePath, authorPath, sectionPath, tagPath, threadPath, mediaPath } from '../content/urls.js';
import { HttpError, notFound } from '../http/errors.js';
import { isId, parsePage } from '../http/request-input.js';
import { encodedAsset, readAsset } from './assets.js';
import { negotiateEncoding } from '../cache/http.js';
import { brandStylesheet } from './brand.js';
import { loadSettings } from '../content/settings.js';
import { sendPage } from './page.js';
import { breadcrumbLd } from './structured-data.js';
import { emptyCommentForm, sendStoryPage } from './story-page.js';
import { parseOrder } from './live-story.js';
import { LiveStories } from './views/live-mark.js';
import { liveStoryIds } from '../live/store.js';
import { formatMonth } from './views/format.js';
import { ArchiveIndexPage, AuthorsPage, ListPage } from './views/pages.js';
import { sendHomePage } from './home-page.js';
import { sectionPlacesMap } from './place-pages.js';

export const pageSize = 20;

/**
 * Listing pages count their stories up to this many. Past it they say "more than" and page on without a last page
 * number: counting a section of 125,000 stories read its whole index range on every render (3–6 ms at a million
 * stories), for a figure nobody pages to the end of.
 */
export const listCountCap = 10_000;

export interface ListPageData {
  stories: StoryCard[];
  /** Exact, or `listCountCap` when there are more (`totalIsLowerBound`). */
  total: number;
  totalIsLowerBound: boolean;
  /** The number of pages, when the total is exact. */
  pages: number | null;
  hasNext: boolean;
}

/** Lists one page of a filtered set of stories; a page past the end is a 404. */
async function listPage(ctx: AppContext, filter: Omit<ListFilter, 'limit' | 'offset'>, page: number): Promise<ListPageData> {
  const counted = await countPublished(ctx.store.read, filter, listCountCap + 1);
  // One story more than a page shows whether an older page exists, with or without an exact total.
  const rows = await listPublished(ctx.store.read, { ...filter, limit: pageSize + 1, offset: (page - 1) * pageSize });
  if (page > 1 && rows.length === 0) throw notFound('That page');
  const exact = counted <= listCountCap;
  return {
    stories: rows.slice(0, pageSize),
    total: exact ? counted : listCountCap,
    totalIsLowerBound: !exact,
    pages: exact ? Math.max(1, Math.ceil(counted / pageSize)) : null,
    hasNext: rows.length > pageSize,
  };
}

export function siteRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    const db = ctx.store.read;
    const site = ctx.config.siteUrl;

    app.get('/', async (_request, reply) => sendHomePage(ctx, reply));

    app.get('/authors', async (_request, reply) => {
      const authors = await listPublicAuthors(db);
      return sendPage(ctx, reply, {
        meta: { title: 'Our journalists', description: 'The reporters, editors and columnists who write for this site.', path: '/authors' },
        body: () => <AuthorsPage authors={authors} />,
      });
    });

    app.get<{ Params: { section: string }; Querystring: { page?: string } }>('/:section', async (request, reply) => {
      const section = await findSection(db, request.params.section);
      if (!section) return notFoundOrRedirect(ctx, request, reply);
      const page = parsePage(request.query.page);
      const [list, placesMap] = await Promise.all([listPage(ctx, { sectionId: section.id }, page), page === 1 ? sectionPlacesMap(ctx, section) : null]);
      const path = sectionPath(section.slug);
      return sendPage(ctx, reply, {
        current: `section:${section.slug}`,
        meta: {
          title: page > 1 ? `${section.name} (page ${page})` : section.name,
          description: section.description || `The latest ${section.name} stories.`,
          path: page > 1 ? `${path}?page=${page}` : path,
          feed: { title: section.name, base: `${path}/feed` },
          jsonLd: [breadcrumbLd(site, [{ name: 'Home', path: '/' }, { name: section.name, path }])],
        },
        body: () => <ListPage kicker="Section" title={section.name} description={section.description} {...list} page={page} path={path} showSection={false} feedBase={`${path}/feed`} intro={placesMap} />,
      });
    });

    app.get<{ Params: { slug: string }; Querystring: { page?: string } }>('/tag/:slug', async (request, reply) => {
      const tag = await findTag(db, request.params.slug);
      if (!tag) return notFoundOrRedirect(ctx, request, reply);
      const page = parsePage(request.query.page);
      const list = await listPage(ctx, { tagId: tag.id }, page);
      const path = tagPath(tag.slug);
      return sendPage(ctx, reply, {
        meta: {
          title: page > 1 ? `${tag.name} (page ${page})` : tag.name,
          description: `Stories tagged ${tag.name}.`,
          path: page > 1 ? `${path}?page=${page}` : path,
          feed: { title: `Tag: ${tag.name}`, base: `${path}/feed` },
          jsonLd: [breadcrumbLd(site, [{ name: 'Home', path: '/' }, { name: tag.name, path }])],
        },
        body: () => <ListPage kicker="Topic" title={tag.name} {...list} page={page} path={path} feedBase={`${path}/feed`} />,
      });
    });

    app.get<{ Params: { slug: string }; Querystring: { page?: string } }>('/author/:slug', async (request, reply) => {
      const author = await findAuthor(db, request.params.slug);
      if (!author) return notFoundOrRedirect(ctx, request, reply);
      const page = parsePage(request.query.page);
      const list = await listPage(ctx, { authorId: author.id }, page);
      const path = authorPath(author.slug);
      return sendPage(ctx, reply, {
        meta: {
          title: page > 1 ? `${author.name} (page ${page})` : author.name,
          description: author.bio || `Stories by ${author.name}.`,
          path: page > 1 ? `${path}?page=${page}` : path,
          ogType: 'profile',
          feed: { title: `By ${author.name}`, base: `${path}/feed` },
          jsonLd: [
            { '@context': 'https://schema.org', '@type': 'ProfilePage', mainEntity: { '@type': 'Person', name: author.name, description: author.bio, url: `${site}${path}`, ...(author.photo ? { image: `${site}${mediaPath(author.photo.path)}` } : {}) } },
            breadcrumbLd(site, [{ name: 'Home', path: '/' }, { name: 'Our journalists', path: '/authors' }, { name: author.name, path }]),
          ],
        },
        body: () => <ListPage kicker="Author" title={author.name} description={author.bio} portrait={author.photo} intro={<p class="list-links"><a href="/authors">All our journalists</a></p>} {...list} page={page} path={path} feedBase={`${path}/feed`} />,
      });
    });

    app.get<{ Params: { slug: string }; Querystring: { page?: string } }>('/thread/:slug', async (request, reply) => {
      const thread = await findThread(db, request.params.slug);
      if (!thread) return notFoundOrRedirect(ctx, request, reply);
      const page = parsePage(request.query.page);
      const list = await listPage(ctx, { threadId: thread.id }, page);
      const live = await liveStoryIds(db, list.stories.map((s) => s.id));
      const path = threadPath(thread.slug);
      return sendPage(ctx, reply, {
        meta: { title: thread.title, description: thread.description || `Every story on ${thread.title}, newest first.`, path },
        body: () => (
          <LiveStories.Provider value={live}>
            <ListPage kicker="Developing story" title={thread.title} description={thread.description} {...list} page={page} path={path} />
            <FollowStory formToken={subscribeFormToken(ctx.secret)} target={{ listKey: `thread:${thread.slug}`, title: thread.title, kind: 'thread' }} />
          </LiveStories.Provider>
        ),
      });
    });

    app.get('/archive', async (_request, reply) => {
      const months = await archiveMonths(db);
      return sendPage(ctx, reply, {
        meta: { title: 'Archive', description: 'Every published story, month by month.', path: '/archive' },
        body: () => <ArchiveIndexPage months={months} />,
      });
    });

    app.get<{ Params: { year: string; month?: string }; Querystring: { page?: string } }>('/archive/:year/:month?', async (request, reply) => {
      const { year, month } = request.params;
      if (!/^\d{4}$/.test(year) || (month !== undefined && !/^(0[1-9]|1[0-2])$/.test(month))) throw notFound('That archive page');
      const y = Number(year);
      const m = month ? Number(month) : undefined;
      const from = new Date(Date.UTC(y, m ? m - 1 : 0, 1)).toISOString();
      const to = new Date(m ? Date.UTC(y, m, 1) : Date.UTC(y + 1, 0, 1)).toISOString();
      const page = parsePage(request.query.page);
      const list = await listPage(ctx, { from, to }, page);
      const path = archivePath(y, m);
      const title = m ? formatMonth(y, m) : String(y);
      return sendPage(ctx, reply, {
        meta: { title: `Archive: ${title}`, description: `Stories published in ${title}.`, path, noindex: list.total === 0 },
        body: () => <ListPage kicker="Archive" title={title} {...list} page={page} path={path} />,
      });
    });

    app.get<{ Params: { section: string; year: string; month: string; slug: string }; Querystring: { reply?: string; comment?: string; order?: string; update?: string } }>(
      '/:section/:year/:month/:slug',
      async (request, reply) => {
        const { section, year, month, slug } = request.params;
        const story = /^\d{4}$/.test(year) && /^\d{2}$/.test(month) ? await findStory(db, { sectionSlug: section, slug }) : null;
        if (!story) return notFoundOrRedirect(ctx, request, reply);
        if (story.url !== `/${section}/${year}/${month}/${slug}`) return reply.redirect(story.url, 301);
        const replyTo = isId(request.query.reply) ? await findApprovedComment(db, Number(request.query.reply)) : null;
        const outcome = commentOutcome(request.query.comment);
        return sendStoryPage(ctx, reply, {
          story,
          form: { ...emptyCommentForm(makeFormToken(ctx.secret, story.id)), outcome },
          replyTo: replyTo && replyTo.article_id === story.id ? { id: replyTo.id, authorName: replyTo.author_name } : null,
          cache: request.query.reply !== undefined || outcome !== null ? 'private' : 'public',
          live: { order: parseOrder(request.query.order), updateId: isId(request.query.update) ? Number(request.query.update) : null },
        });
      },
    );

    app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
      const asset = readAsset(request.params.name);
      if (!asset) throw notFound('That file');
      const { body, encoding } = encodedAsset(asset, negotiateEncoding(request.headers['accept-encoding']));
      reply.type(asset.type).header('cache-control', 'public, max-age=31536000, immutable');
      if (asset.compressible) reply.header('vary', 'Accept-Encoding');
      if (encoding) reply.header('content-encoding', encoding);
      return reply.send(body);
    });

    app.get<{ Querystring: { v?: string } }>('/brand.css', async (request, reply) => {
      const sheet = brandStylesheet(await loadSettings(ctx.store.read));
      // A page cached before a settings change may ask for the old hash: it gets today's sheet, not cached for long.
      const current = request.query.v === sheet.hash;
      reply.type('text/css; charset=utf-8').header('cache-control', current ? 'public, max-age=31536000, immutable' : 'public, max-age=60');
      return reply.send(sheet.css);
    });

    app.get('/robots.txt', async (_request, reply) => {
      reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600');
      return ['User-agent: *', 'Disallow: /newsroom', 'Disallow: /search', 'Allow: /', '', `Sitemap: ${site}/sitemap.xml`, `Sitemap: ${site}/sitemap-news.xml`, ''].join('\n');
    });
  };
}

/** Unknown paths: follow a stored redirect (renamed stories, imported permalinks) or answer 404. */
export async function notFoundOrRedirect(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const url = new URL(request.url, 'http://localhost');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const target = (await findRedirect(ctx.store.read, path)) ?? (url.search ? await findRedirect(ctx.store.read, `${path}${url.search}`) : null);
  if (target) return reply.redirect(target, 301);
  if (path !== url.pathname && request.method === 'GET') {
    // "/world/" and "/world" are the same page.
    return reply.redirect(`${path}${url.search}`, 301);
  }
  throw new HttpError(404, 'We could not find that page. It may have moved, or the address may be mistyped.');
}

