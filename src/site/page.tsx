/** Sends a public page: loads the shared chrome (settings, sections), wraps the body in the layout, sets cache headers. */
import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import type { AppContext } from '../context.js';
import { mediaView } from '../content/queries.js';
import { listSections } from '../content/directory-queries.js';
import { findMedia } from '../media/library.js';
import { loadSettings } from '../content/settings.js';
import { renderDocument } from './render.js';
import { inTimeZone } from './views/format.js';
import { Layout, type PageMeta, type SiteChrome } from './views/layout.js';

export async function loadChrome(ctx: AppContext, query?: string): Promise<SiteChrome> {
  const [settings, sections] = await Promise.all([loadSettings(ctx.store.read), listSections(ctx.store.read)]);
  const logoRow = settings.logoMediaId !== null ? await findMedia(ctx.store.read, settings.logoMediaId) : null;
  return { settings, sections, siteUrl: ctx.config.siteUrl, query, logo: logoRow ? mediaView(logoRow) : null };
}

export interface PageOptions {
  meta: Omit<PageMeta, 'canonical'> & { canonical?: string; path: string };
  body: (chrome: SiteChrome) => VNode;
  /** Structured data that needs the site settings (publisher, site name). */
  jsonLd?: (chrome: SiteChrome) => object[];
  current?: string;
  query?: string;
  status?: number;
  /** Public pages may be cached by shared caches; pages with per-reader state may not. */
  cache?: 'public' | 'private';
}

export async function sendPage(ctx: AppContext, reply: FastifyReply, options: PageOptions): Promise<FastifyReply> {
  const chrome = await loadChrome(ctx, options.query);
  const meta: PageMeta = {
    ...options.meta,
    title: options.meta.title || chrome.settings.title,
    description: options.meta.description || chrome.settings.description,
    canonical: options.meta.canonical ?? `${ctx.config.siteUrl}${options.meta.path}`,
    jsonLd: [...(options.meta.jsonLd ?? []), ...(options.jsonLd?.(chrome) ?? [])],
  };
  const html = inTimeZone(chrome.settings.timezone, () =>
    renderDocument(
      <Layout meta={meta} chrome={chrome} current={options.current}>
        {options.body(chrome)}
      </Layout>,
    ),
  );
  reply.code(options.status ?? 200).type('text/html; charset=utf-8');
  reply.header(
    'cache-control',
    options.cache === 'private' || (options.status ?? 200) >= 400
      ? 'private, no-cache'
      : 'public, max-age=60, stale-while-revalidate=600, stale-if-error=86400',
  );
  return reply.send(html);
}
