/** Wires the page cache into one process: the store, the server factory, Fastify hooks, event listeners and the cross-instance purge channel. */
import cluster from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { AppContext } from '../context.js';
import { ClusterPurgeChannel, RedisPurgeChannel, type ChannelEvents, type PurgeChannel } from './channels.js';
import { cachingServerFactory, installCacheHooks } from './http.js';
import { listenForChanges } from './invalidation.js';
import { PageCache, mergeSpecs, type PurgeSpec } from './page-cache.js';

/** Pages are rendered again after this long even without a purge (scheduled stories, trending lists, comment counts). */
export const pageMaxAgeMs = 5 * 60 * 1000;

declare module 'fastify' {
  interface FastifyInstance {
    pageCache: PageCache;
  }
}

export interface CacheLayer {
  cache: PageCache;
  /** For the Fastify constructor: cache hits never reach the router. */
  serverFactory: ReturnType<typeof cachingServerFactory>;
  /** Shared Redis connection for other cross-instance state (rate limits), when REDIS_URL is set. */
  redis: Redis | null;
  /** Adds the hooks to the root app; call before routes are registered. */
  install(app: FastifyInstance): void;
}

export function createCacheLayer(ctx: AppContext): CacheLayer {
  const cache = new PageCache({
    maxBytes: ctx.config.pageCacheBytes,
    maxAgeMs: pageMaxAgeMs,
    // Read at use: with PORT=0 the site URL is only known once the server listens.
    get siteUrl() {
      return ctx.config.siteUrl;
    },
  });
  // Warnings before the app (and its logger) exists are kept and logged once it does.
  const warnings: string[] = [];
  let log: FastifyInstance['log'] | null = null;
  const warn = (message: string) => (log ? log.warn(message) : warnings.push(message));
  const events: ChannelEvents = {
    onRemotePurge: (spec) => cache.purge(spec),
    onHealth: (healthy) => cache.setChannelHealthy(healthy),
    warn,
  };

  const redisChannel = ctx.config.redisUrl ? new RedisPurgeChannel(ctx.config.redisUrl, events) : null;
  const channel: PurgeChannel | null = redisChannel ?? (cluster.isWorker ? new ClusterPurgeChannel(events) : null);

  listenForChanges(ctx, {
    purgeNow: (spec) => cache.purge(spec),
    purgeLater: (work, immediate) => {
      const purge = async () => {
        const found: PurgeSpec | null = await work().catch((error: unknown) => {
          warn(`page cache: purge lookup failed, dropping every page: ${(error as Error).message}`);
          return { all: true };
        });
        const spec = mergeSpecs([immediate, found ?? {}]);
        cache.purge(spec);
        await channel?.broadcast(spec);
      };
      void cache.track(purge());
    },
  });

  return {
    cache,
    serverFactory: cachingServerFactory(cache),
    redis: redisChannel?.client ?? null,
    install(app) {
      log = app.log;
      for (const message of warnings.splice(0)) app.log.warn(message);
      app.decorate('pageCache', cache);
      installCacheHooks(app, cache, { routeReads: ctx.store.read !== ctx.store.db });
      app.addHook('onClose', async () => {
        await cache.settled();
        await channel?.close();
      });
    },
  };
}
