/** The page cache's store: rendered public pages as pre-compressed bytes, indexed by path and by the stories they link to, so a purge drops exactly what a change touched. */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { ByteLru } from './lru.js';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

export type Encoding = 'br' | 'gzip' | 'identity';

export interface CachedPage {
  key: string;
  /** The path without its query string: what purges match on. */
  path: string;
  kind: 'page' | 'feed';
  etag: string;
  lastModified: string;
  storedAt: number;
  bodies: Record<Encoding, Buffer>;
  /** Complete response headers per encoding as flat name, value lists: writeHead takes them with the least work per request. */
  headers: Record<Encoding, string[]>;
  notModifiedHeaders: string[];
  /** Story paths this page links to: an edit to any of them makes this page stale. */
  links: string[];
  bytes: number;
}

/**
 * What a change invalidates. Every instance applies the same description to its own cache,
 * so it travels between processes as plain JSON.
 */
export interface PurgeSpec {
  all?: boolean;
  /** Exact paths, with every ?page=N variant. */
  paths?: string[];
  /** Listing pages (home, section, tag, author, thread, archive): the page, its pages and its feeds. */
  listings?: string[];
  /** Story paths: every cached page that links to one of them. */
  linksTo?: string[];
  /** Site-wide feeds and sitemaps (top-level non-HTML documents). */
  siteFeeds?: boolean;
}

export function mergeSpecs(specs: PurgeSpec[]): PurgeSpec {
  const merged = { all: false, paths: new Set<string>(), listings: new Set<string>(), linksTo: new Set<string>(), siteFeeds: false };
  for (const spec of specs) {
    merged.all ||= !!spec.all;
    merged.siteFeeds ||= !!spec.siteFeeds;
    for (const p of spec.paths ?? []) merged.paths.add(p);
    for (const p of spec.listings ?? []) merged.listings.add(p);
    for (const p of spec.linksTo ?? []) merged.linksTo.add(p);
  }
  return { all: merged.all, siteFeeds: merged.siteFeeds, paths: [...merged.paths], listings: [...merged.listings], linksTo: [...merged.linksTo] };
}

const storyLinkPattern = /\/[a-z0-9-]+\/\d{4}\/\d{2}\/[a-z0-9-]+/g;
/** Response headers the cache sets itself or that must not be replayed to another reader. */
const ownHeaders = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'date', 'set-cookie', 'etag', 'last-modified', 'vary', 'x-page-cache', 'keep-alive']);

export interface PageCacheOptions {
  maxBytes: number;
  /** Pages older than this are rendered again even without a purge (scheduled stories, trending lists). */
  maxAgeMs: number;
  siteUrl: string;
}

export class PageCache {
  private readonly lru: ByteLru<CachedPage>;
  private readonly byPath = new Map<string, Set<string>>();
  private readonly byLink = new Map<string, Set<string>>();
  /** Bumped by every purge: a render that began before a purge must not be stored after it. */
  epoch = 0;
  private readonly pending = new Set<Promise<unknown>>();
  /** Searches asked for once lately: see `seenBefore`. */
  private readonly searchesSeen = new Set<string>();
  /** False while the cross-instance channel is down: this instance might miss a purge, so it neither serves nor stores. */
  private channelHealthy = true;

  constructor(readonly options: PageCacheOptions) {
    this.lru = new ByteLru<CachedPage>(options.maxBytes, (key, page) => this.unindex(key, page));
  }

  get enabled(): boolean {
    return this.options.maxBytes > 0;
  }

  /** Whether cached pages may be served and new ones stored right now. */
  get usable(): boolean {
    return this.enabled && this.channelHealthy && this.pending.size === 0;
  }

  get stats(): { entries: number; bytes: number; maxBytes: number } {
    return { entries: this.lru.size, bytes: this.lru.bytes, maxBytes: this.options.maxBytes };
  }

  setChannelHealthy(healthy: boolean): void {
    if (this.channelHealthy !== healthy) this.purge({ all: true });
    this.channelHealthy = healthy;
  }

  lookup(key: string): CachedPage | undefined {
    const page = this.lru.get(key);
    if (page && Date.now() - page.storedAt > this.options.maxAgeMs) {
      this.lru.delete(key);
      return undefined;
    }
    return page;
  }

  /**
   * Whether this search was asked for before. A search is stored only the second time: one-off queries (typos, a
   * crawler's random words, every prefix typed as you type) would otherwise push popular pages out of the cache.
   * Remembers the last 10,000 searches, and forgets them all when full.
   */
  seenBefore(key: string): boolean {
    if (this.searchesSeen.has(key)) return true;
    if (this.searchesSeen.size >= 10_000) this.searchesSeen.clear();
    this.searchesSeen.add(key);
    return false;
  }

  has(key: string): boolean {
    return this.lru.peek(key) !== undefined;
  }

  keys(): string[] {
    return [...this.lru.keys()];
  }

  /** A purge that needs a lookup first: until it settles the cache is bypassed, so no reader sees a page it is about to drop. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const done = () => {
      this.pending.delete(work);
      this.epoch++;
    };
    work.then(done, done);
    return work;
  }

  /** Resolves when every purge started so far, local and remote, has been applied. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /** Weak validator shared by every encoding of the same page. */
  static etagFor(body: Buffer): string {
    return `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
  }

  /** Compresses and stores a rendered page unless a purge happened since its render began. */
  async store(
    key: string,
    body: Buffer,
    responseHeaders: Record<string, string | number | string[] | undefined>,
    meta: { etag: string; lastModified: string; epoch: number },
  ): Promise<boolean> {
    if (!this.usable || meta.epoch !== this.epoch) return false;
    // Brotli at quality 5: on Gazette's pages quality 9 saved under 1% of the bytes (a 14 KB results page: 3,496 bytes
    // against 3,500) for 30 to 45 times the CPU (7 ms against 0.16 ms), paid for every page stored, most of which are
    // searches nobody asks for again.
    const [gzipped, brotlied] = await Promise.all([
      gzip(body, { level: 9 }),
      brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    ]);
    if (!this.usable || meta.epoch !== this.epoch) return false;
    const base: Record<string, string> = {};
    for (const [name, value] of Object.entries(responseHeaders)) {
      if (value === undefined || ownHeaders.has(name.toLowerCase())) continue;
      base[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    const validators = { etag: meta.etag, 'last-modified': meta.lastModified, vary: 'Accept-Encoding', 'x-page-cache': 'hit' };
    const bodies: Record<Encoding, Buffer> = { br: brotlied, gzip: gzipped, identity: body };
    const headersFor = (encoding: Encoding): string[] =>
      Object.entries({
        ...base,
        ...validators,
        ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
        'content-length': String(bodies[encoding].length),
      }).flat();
    const path = key.split('?')[0] ?? key;
    const page: CachedPage = {
      key,
      path,
      kind: (base['content-type'] ?? '').includes('html') ? 'page' : 'feed',
      etag: meta.etag,
      lastModified: meta.lastModified,
      storedAt: Date.now(),
      bodies,
      headers: { br: headersFor('br'), gzip: headersFor('gzip'), identity: headersFor('identity') },
      notModifiedHeaders: Object.entries({ ...pick(base, ['cache-control', 'content-security-policy']), ...validators }).flat(),
      links: this.storyLinks(body.toString('utf8'), path),
      bytes: body.length + gzipped.length + brotlied.length + 2048,
    };
    if (!this.lru.set(key, page)) return false;
    this.index(key, page);
    return true;
  }

  /** Drops what the spec names; returns the number of pages dropped. */
  purge(spec: PurgeSpec): number {
    this.epoch++;
    if (spec.all) {
      const count = this.lru.size;
      this.lru.clear();
      return count;
    }
    const doomed = new Set<string>();
    const addAll = (keys: Set<string> | undefined) => keys?.forEach((k) => doomed.add(k));
    for (const path of spec.paths ?? []) addAll(this.byPath.get(path));
    for (const story of spec.linksTo ?? []) addAll(this.byLink.get(story));
    const listings = spec.listings ?? [];
    if (listings.length || spec.siteFeeds) {
      for (const key of this.lru.keys()) {
        const page = this.lru.peek(key);
        if (!page) continue;
        if (spec.siteFeeds && page.kind === 'feed' && page.path.lastIndexOf('/') === 0) doomed.add(key);
        for (const listing of listings) {
          if (page.path === listing || page.path.startsWith(listing === '/' ? '/feed' : `${listing}/feed`)) doomed.add(key);
        }
      }
    }
    for (const key of doomed) this.lru.delete(key);
    return doomed.size;
  }

  private storyLinks(text: string, ownPath: string): string[] {
    const links = new Set<string>();
    const site = this.options.siteUrl;
    for (const match of text.matchAll(storyLinkPattern)) {
      const before = text.slice(Math.max(0, match.index - site.length - 1), match.index);
      // Only links to this site: relative hrefs or ones starting with the site URL.
      if (before.endsWith('"') || before.endsWith("'") || before.endsWith('>') || before.endsWith(site)) links.add(match[0]);
    }
    links.delete(ownPath);
    return [...links];
  }

  private index(key: string, page: CachedPage): void {
    addTo(this.byPath, page.path, key);
    for (const link of page.links) addTo(this.byLink, link, key);
  }

  private unindex(key: string, page: CachedPage): void {
    removeFrom(this.byPath, page.path, key);
    for (const link of page.links) removeFrom(this.byLink, link, key);
  }
}

function addTo(index: Map<string, Set<string>>, name: string, key: string): void {
  const keys = index.get(name);
  if (keys) keys.add(key);
  else index.set(name, new Set([key]));
}

function removeFrom(index: Map<string, Set<string>>, name: string, key: string): void {
  const keys = index.get(name);
  if (!keys) return;
  keys.delete(key);
  if (keys.size === 0) index.delete(name);
}

function pick(source: Record<string, string>, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) if (source[name] !== undefined) out[name] = source[name];
  return out;
}
