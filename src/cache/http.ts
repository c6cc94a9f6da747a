/** The page cache on the wire: answers hits straight from the HTTP server before Fastify routes, and captures cacheable responses on their way out. */
import http from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sessionCookieName } from '../accounts/sessions.js';
import { withReadTarget, type ReadTarget } from '../db/read-routing.js';
import { PageCache, type Encoding } from './page-cache.js';

/** The newsroom's sign-in cookie: signed-in readers always get a fresh page from the primary. */
const sessionCookie = new RegExp(`(?:^|;\\s*)${sessionCookieName}=`);
/** Query strings of cacheable variants: a listing's page, a live story's oldest-first order. */
const pageQuery = /^(?:page=\d{1,4}|order=oldest)$/;
/** The results page and the as-you-type answers are cached with their whole query string (see `PageCache.seenBefore`). */
const searchPath = /^\/search(?:\/suggest)?$/;
const maxSearchUrlLength = 300;
/** The newsroom, the admin API and the health check are never cached. */
/** Never cached nor coalesced: the newsroom, admin API, health, and live event streams (which never end). */
const privatePath = /^\/(?:newsroom|api\/admin|healthz|live\/\d+\/events)(?:\/|$)/;

const storable = Symbol('gazette.pageCache.storable');

interface StorableMark {
  key: string;
  epoch: number;
  /** Set once the response is being compressed for the cache; the waiting requests are released when that ends. */
  storing?: boolean;
}

/**
 * Requests for a page that one request is already rendering wait for that render instead of rendering it again:
 * after a purge of a busy page, one render serves the whole burst.
 */
const rendering = new Map<string, Array<() => void>>();

function releaseWaiters(key: string): void {
  const waiters = rendering.get(key);
  rendering.delete(key);
  waiters?.forEach((resume) => resume());
}

type MarkedRequest = http.IncomingMessage & { [storable]?: StorableMark };

/** The cache key for a request that may be answered from the cache, or null when it must reach the application. */
export function cacheKey(request: http.IncomingMessage): string | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const url = request.url ?? '/';
  const path = pathOf(url);
  const hasQuery = path.length < url.length;
  if (hasQuery && !pageQuery.test(url.slice(path.length + 1)) && !(searchPath.test(path) && url.length <= maxSearchUrlLength)) return null;
  if (privatePath.test(path)) return null;
  const headers = request.headers;
  if (headers.authorization) return null;
  if (headers.cookie && sessionCookie.test(headers.cookie)) return null;
  return url;
}

function pathOf(url: string): string {
  const queryAt = url.indexOf('?');
  return queryAt === -1 ? url : url.slice(0, queryAt);
}

/** Reads that must see this request's own writes (or that will be cached) go to the primary. */
export function readTargetFor(request: http.IncomingMessage): ReadTarget {
  if ((request as MarkedRequest)[storable]) return 'primary';
  if (request.method !== 'GET' && request.method !== 'HEAD') return 'primary';
  const url = request.url ?? '/';
  if (url.startsWith('/newsroom') || url.startsWith('/api/')) return 'primary';
  if (request.headers.cookie && sessionCookie.test(request.headers.cookie)) return 'primary';
  return 'replica';
}

/** Picks the best encoding the client accepts, honouring an explicit q=0. */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  if (!header.includes(';')) {
    if (header.includes('br')) return 'br';
    if (header.includes('gzip')) return 'gzip';
    return 'identity';
  }
  const accepted = new Set<string>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    if (name) accepted.add(name.trim().toLowerCase());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return 'identity';
}

function notModified(request: http.IncomingMessage, etag: string, lastModified: string): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return ifNoneMatch === '*' || ifNoneMatch.split(',').some((tag) => tag.trim() === etag || `W/${tag.trim()}` === etag);
  const since = request.headers['if-modified-since'];
  return since !== undefined && Date.parse(since) >= Date.parse(lastModified);
}

/**
 * Answers a request from the cache when it can. On a miss the first request is marked to be rendered and stored;
 * requests for the same page meanwhile wait for it (`onMiss` runs when they should reach the application).
 */
export function serveFromCache(cache: PageCache, request: http.IncomingMessage, response: http.ServerResponse, onMiss?: () => void): boolean {
  if (!cache.enabled) return false;
  const key = cacheKey(request);
  if (key === null || !cache.usable) return false;
  const page = cache.lookup(key);
  if (!page) {
    if (searchPath.test(pathOf(key)) && !cache.seenBefore(key)) return false;
    const waiters = rendering.get(key);
    if (waiters && onMiss) {
      waiters.push(() => {
        if (!serveFromCache(cache, request, response, onMiss)) onMiss();
      });
      return true;
    }
    const mark: StorableMark = { key, epoch: cache.epoch };
    (request as MarkedRequest)[storable] = mark;
    if (onMiss) {
      rendering.set(key, []);
      response.once('close', () => {
        if (!mark.storing) releaseWaiters(key);
      });
    }
    return false;
  }
  if (notModified(request, page.etag, page.lastModified)) {
    response.writeHead(304, page.notModifiedHeaders);
    response.end();
    return true;
  }
  const encoding = negotiateEncoding(request.headers['accept-encoding']);
  response.writeHead(200, page.headers[encoding]);
  if (request.method === 'HEAD') response.end();
  else response.end(page.bodies[encoding]);
  return true;
}

/** A Fastify server factory whose HTTP server tries the cache before handing a request to Fastify. */
export function cachingServerFactory(cache: PageCache) {
  return (handler: (request: http.IncomingMessage, response: http.ServerResponse) => void): http.Server =>
    http.createServer((request, response) => {
      let served = false;
      try {
        served = serveFromCache(cache, request, response, () => handler(request, response));
      } catch (error) {
        // A cache fault must not take the process down: let the application answer instead.
        console.error('page cache: could not answer from the cache', error);
        served = response.headersSent;
      }
      if (!served) handler(request, response);
    });
}

/**
 * Fastify hooks: route reads per request (only when a replica is configured: the routing rides on AsyncLocalStorage,
 * which taxes every callback in the process, cache hits included), store cacheable responses, and hold write
 * responses until purges are applied everywhere.
 */
export function installCacheHooks(app: FastifyInstance, cache: PageCache, options: { routeReads: boolean }): void {
  if (options.routeReads) {
    const route = (request: FastifyRequest, _reply: FastifyReply, done: () => void) => withReadTarget(readTargetFor(request.raw), done);
    app.addHook('onRequest', route);
    // Body parsing runs in the socket's async context; enter the request's choice again before the handler.
    app.addHook('preValidation', route);
  }

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      await cache.settled();
      return payload;
    }
    const mark = (request.raw as MarkedRequest)[storable];
    // A body already compressed by its route (the static assets) would be stored as if it were plain text.
    if (!mark || reply.statusCode !== 200 || reply.hasHeader('set-cookie') || reply.hasHeader('content-encoding')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const cacheControl = String(reply.getHeader('cache-control') ?? '');
    if (!cacheControl.startsWith('public')) return payload;
    mark.storing = true;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const etag = PageCache.etagFor(body);
    // A route that knows when its content last changed (feeds: the newest item) says so; otherwise: now.
    const given = reply.getHeader('last-modified');
    const lastModified = typeof given === 'string' && !Number.isNaN(Date.parse(given)) ? given : new Date().toUTCString();
    reply.header('etag', etag).header('last-modified', lastModified).header('vary', 'Accept-Encoding').header('x-page-cache', 'miss');
    void cache
      .store(mark.key, body, reply.getHeaders(), { etag, lastModified, epoch: mark.epoch })
      .catch((error: unknown) => request.log.warn({ err: error }, 'page cache: could not store a page'))
      .finally(() => releaseWaiters(mark.key));
    return payload;
  });
}
