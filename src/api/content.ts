/** The public content API: published stories, sections, tags, authors, comments and search, cacheable and open to any origin. */
import { storyPlacesJson } from '../places/json.js';
import { placesOfStory } from '../places/store.js';
import { createHash } from 'node:crypto';
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { approvedThread } from '../comments/comments.js';
import type { AppContext } from '../context.js';
import { findStory, listByIds, listPublished, type StoryCard } from '../content/queries.js';
import { findAuthor, findSection, findTag, listPublicAuthors, listSections, trendingTags } from '../content/directory-queries.js';
import { authorPath, sectionPath, tagPath } from '../content/urls.js';
import { badRequest, notFound } from '../http/errors.js';
import { searchStories } from '../search/index.js';
import { countCap, rankingPool } from '../search/types.js';
import { errorResponses, fieldsQuery, idParams, pageQuery } from './schemas.js';
import {
  cardFields, cardJson, commentJson, decodeCursor, encodeCursor, parseFields, pickFields, storyFields, storyJson, type Cursor,
} from './serialize.js';
import { storySourcesJson } from '../sources/queries.js';

interface StoryListQuery {
  section?: string;
  tag?: string;
  author?: string;
  since?: string;
  until?: string;
  q?: string;
  limit: number;
  cursor?: string;
  fields?: string;
}

const listFilters = {
  section: { type: 'string', maxLength: 200, description: 'Section slug.' },
  tag: { type: 'string', maxLength: 200, description: 'Tag slug.' },
  author: { type: 'string', maxLength: 200, description: 'Author slug.' },
  since: { type: 'string', format: 'date-time', description: 'Published at or after this time.' },
  until: { type: 'string', format: 'date-time', description: 'Published before this time.' },
} as const;

const pageOf = (item: string) => ({
  200: {
    type: 'object',
    description: 'One page of results.',
    properties: {
      data: { type: 'array', items: { $ref: `${item}#` } },
      nextCursor: { anyOf: [{ type: 'string' }, { type: 'null' }], description: 'Pass as ?cursor= for the next page; null on the last page.' },
    },
  },
  ...errorResponses(400),
});

/** A strong ETag over the exact bytes; a matching If-None-Match gets 304 with no body. */
async function conditionalGet(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
  const etag = `"${createHash('sha1').update(payload).digest('base64url')}"`;
  // "public" is not the first directive on purpose: the page cache stores only responses whose Cache-Control starts
  // with it, and it purges HTML pages by the links they carry, which JSON does not have. Shared caches downstream
  // still see a public, 30-second response and revalidate it with this ETag.
  reply.header('etag', etag).header('cache-control', 'max-age=30, public, stale-while-revalidate=300');
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag)) {
    reply.code(304);
    return '';
  }
  return payload;
}

export function contentApi(ctx: AppContext) {
  const db = ctx.store.read;
  const siteUrl = ctx.config.siteUrl;

  async function resolveFilters(query: StoryListQuery) {
    const filters: { sectionId?: number; tagId?: number; authorId?: number; from?: string; to?: string } = {};
    if (query.section !== undefined) {
      const section = await findSection(db, query.section);
      if (!section) throw badRequest(`There is no section "${query.section}".`, { section: 'Unknown section.' });
      filters.sectionId = section.id;
    }
    if (query.tag !== undefined) {
      const tag = await findTag(db, query.tag);
      if (!tag) throw badRequest(`There is no tag "${query.tag}".`, { tag: 'Unknown tag.' });
      filters.tagId = tag.id;
    }
    if (query.author !== undefined) {
      const author = await findAuthor(db, query.author);
      if (!author) throw badRequest(`There is no author "${query.author}".`, { author: 'Unknown author.' });
      filters.authorId = author.id;
    }
    if (query.since) filters.from = new Date(query.since).toISOString();
    if (query.until) filters.to = new Date(query.until).toISOString();
    return filters;
  }

  /** Newest first, resuming below the cursor's time (see Cursor). */
  async function listPage(query: StoryListQuery, filters: Awaited<ReturnType<typeof resolveFilters>>) {
    const cursor = decodeCursor(query.cursor, 'time') as Extract<Cursor, { kind: 'time' }> | null;
    let to = filters.to;
    if (cursor) {
      // Nothing sorts between a time and the same time followed by "z", so this bound means "at or before".
      const atOrBefore = `${cursor.before}z`;
      if (!to || atOrBefore < to) to = atOrBefore;
    }
    const cards = await listPublished(db, { ...filters, to, excludeIds: cursor?.seen, limit: query.limit + 1 });
    const page = cards.slice(0, query.limit);
    const last = page.at(-1);
    let nextCursor: string | null = null;
    if (cards.length > query.limit && last) {
      const sameTime = page.filter((c) => c.publishedAt === last.publishedAt).map((c) => c.id);
      const carried = cursor && cursor.before === last.publishedAt ? cursor.seen : [];
      nextCursor = encodeCursor({ kind: 'time', before: last.publishedAt, seen: [...carried, ...sameTime] });
    }
    return { page, nextCursor };
  }

  async function searchPage(q: string, query: { limit: number; cursor?: string }, filters: object, sort: 'relevance' | 'newest') {
    const cursor = decodeCursor(query.cursor, 'offset') as Extract<Cursor, { kind: 'offset' }> | null;
    const offset = cursor?.offset ?? 0;
    // One more than the page shows whether another follows, whatever the total (an estimate may be above or below it).
    const result = await searchStories(db, { q, ...filters, sort, limit: query.limit + 1, offset });
    const hits = result.hits.slice(0, query.limit);
    const page: StoryCard[] = await listByIds(db, hits.map((h) => h.id));
    const nextCursor = result.hits.length > query.limit ? encodeCursor({ kind: 'offset', offset: offset + hits.length }) : null;
    return { page, nextCursor, total: result.total, estimated: result.estimated, totalIsLowerBound: result.totalIsLowerBound };
  }

  return async function contentRoutes(app: FastifyInstance): Promise<void> {
    await app.register(cors, { origin: '*', methods: ['GET', 'HEAD'], exposedHeaders: ['ETag'], maxAge: 86400 });
    app.addHook('onSend', conditionalGet);

    app.get<{ Querystring: StoryListQuery }>('/stories', {
      schema: {
        tags: ['Content'],
        summary: 'List published stories, newest first',
        description: 'Filters combine. With q, stories matching the words, newest first.',
        querystring: {
          type: 'object',
          properties: { ...listFilters, q: { type: 'string', maxLength: 500, description: 'Words to search for.' }, ...pageQuery, ...fieldsQuery },
        },
        response: pageOf('StoryCard'),
      },
    }, async (request) => {
      const fields = parseFields(request.query.fields, cardFields);
      const filters = await resolveFilters(request.query);
      const q = request.query.q?.trim();
      const { page, nextCursor } = q ? await searchPage(q, request.query, filters, 'newest') : await listPage(request.query, filters);
      return { data: page.map((card) => pickFields(cardJson(siteUrl, card), fields)), nextCursor };
    });

    app.get<{ Params: { id: number }; Querystring: { fields?: string } }>('/stories/:id', {
      schema: {
        tags: ['Content'],
        summary: 'One published story',
        params: idParams,
        querystring: { type: 'object', properties: fieldsQuery },
        response: { 200: { type: 'object', description: 'The story.', properties: { data: { $ref: 'Story#' } } }, ...errorResponses(400, 404) },
      },
    }, async (request) => {
      const fields = parseFields(request.query.fields, storyFields);
      const story = await findStory(db, { id: request.params.id });
      if (!story) throw notFound('That story');
      const sources = !fields || fields.includes('sources') ? await storySourcesJson(db, story.id, siteUrl) : [];
      const places = !fields || fields.includes('places') ? storyPlacesJson(siteUrl, await placesOfStory(db, story.id)) : null;
      return { data: pickFields({ ...storyJson(siteUrl, story), sources, places }, fields) };
    });

    app.get<{ Params: { id: number } }>('/stories/:id/comments', {
      schema: {
        tags: ['Content'],
        summary: "A published story's approved comments, as a thread",
        params: idParams,
        response: {
          200: { type: 'object', description: 'Top-level comments with their replies, and how many there are in all.', properties: { data: { type: 'array', items: { $ref: 'Comment#' } }, count: { type: 'integer' } } },
          ...errorResponses(404),
        },
      },
    }, async (request) => {
      const story = await findStory(db, { id: request.params.id });
      if (!story) throw notFound('That story');
      const thread = await approvedThread(db, story.id);
      return { data: thread.roots.map(commentJson), count: thread.count };
    });

    app.get('/sections', {
      schema: {
        tags: ['Content'],
        summary: 'Sections in their order on the site',
        response: {
          200: {
            type: 'object',
            description: 'Every section, in site order.',
            properties: {
              data: {
                type: 'array',
                items: { type: 'object', properties: { id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' }, url: { type: 'string' } } },
              },
            },
          },
        },
      },
    }, async () => {
      const sections = await listSections(db);
      return { data: sections.map((s) => ({ id: s.id, slug: s.slug, name: s.name, description: s.description, url: `${siteUrl}${sectionPath(s.slug)}` })) };
    });

    app.get('/tags', {
      schema: {
        tags: ['Content'],
        summary: 'Tags of published stories, most used first',
        response: {
          200: {
            type: 'object',
            description: 'Every tag in use, with its number of stories.',
            properties: {
              data: {
                type: 'array',
                items: { type: 'object', properties: { id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' }, stories: { type: 'integer' }, url: { type: 'string' } } },
              },
            },
          },
        },
      },
    }, async () => {
      const tags = await trendingTags(db, '', 5000);
      return { data: tags.map((t) => ({ id: t.id, slug: t.slug, name: t.name, stories: t.uses, url: `${siteUrl}${tagPath(t.slug)}` })) };
    });

    app.get('/authors', {
      schema: {
        tags: ['Content'],
        summary: 'People with published stories',
        response: {
          200: {
            type: 'object',
            description: 'Every author with a published story.',
            properties: {
              data: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' }, bio: { type: 'string' }, stories: { type: 'integer' }, url: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    }, async () => {
      const authors = await listPublicAuthors(db);
      return { data: authors.map((a) => ({ id: a.id, slug: a.slug, name: a.name, bio: a.bio, stories: a.stories, url: `${siteUrl}${authorPath(a.slug)}` })) };
    });

    app.get<{ Querystring: StoryListQuery & { q: string } }>('/search', {
      schema: {
        tags: ['Content'],
        summary: 'Search published stories, best match first',
        querystring: {
          type: 'object',
          properties: { q: { type: 'string', minLength: 1, maxLength: 500, description: 'Words to search for; each may match the start of a word.' }, ...listFilters, ...pageQuery, ...fieldsQuery },
          required: ['q'],
        },
        response: {
          200: {
            type: 'object',
            description: 'One page of matching stories, best first, and the number of matches.',
            properties: {
              data: { type: 'array', items: { $ref: 'StoryCard#' } },
              total: {
                type: 'integer',
                description: `Matching stories. Exact up to ${rankingPool.toLocaleString('en')}; past that an estimate (estimated) from how far back the newest ${rankingPool.toLocaleString('en')} matches reach, rounded to two significant digits; with filters a count that stops at ${countCap.toLocaleString('en')} (totalIsLowerBound).`,
              },
              estimated: { type: 'boolean', description: 'True when total is not an exact count: an estimate, or a lower bound when totalIsLowerBound is true.' },
              totalIsLowerBound: { type: 'boolean', description: `True when counting stopped at ${countCap.toLocaleString('en')} (searches with filters): at least total stories match.` },
              nextCursor: { anyOf: [{ type: 'string' }, { type: 'null' }] },
            },
          },
          ...errorResponses(400),
        },
      },
    }, async (request) => {
      const fields = parseFields(request.query.fields, cardFields);
      const filters = await resolveFilters(request.query);
      const { page, nextCursor, total, estimated, totalIsLowerBound } = await searchPage(request.query.q, request.query, filters, 'relevance');
      return { data: page.map((card) => pickFields(cardJson(siteUrl, card), fields)), total, estimated, totalIsLowerBound, nextCursor };
    });
  };
}
