/**
 * Public live routes: the Server-Sent Events stream of a live story (/live/<id>/events) and its feeds of updates
 * (<story>/updates.atom, <story>/updates.json). The stream resumes after `Last-Event-ID` (or `?after=`, the id the
 * page was rendered at); an id it cannot place gets a full resynchronisation event, never an error. Streams per IP
 * address are limited (GAZETTE_LIVE_STREAMS_PER_IP), idle ones get a heartbeat, and closing the server ends them.
 */
import { escapeUTF8 } from 'entities';
import type { FastifyInstance } from 'fastify';
import { Feed } from 'feed';
import type { AppContext } from '../context.js';
import { findStory } from '../content/queries.js';
import { loadSettings } from '../content/settings.js';
import { htmlToText } from '../content/sanitize.js';
import { HttpError, notFound } from '../http/errors.js';
import { parseId } from '../http/request-input.js';
import { LiveHub, replayLimit, type LiveStream, type WireEvent } from '../live/hub.js';
import { findCoverage, findPublicCoverage, lastEventId, listUpdates } from '../live/store.js';
import { liveRenderer, updateTitle } from './live-story.js';

declare module 'fastify' {
  interface FastifyInstance {
    liveHub: LiveHub;
  }
}

const feedTypes = { atom: 'application/atom+xml; charset=utf-8', json: 'application/feed+json; charset=utf-8' } as const;

function wire(events: WireEvent[]): string {
  let out = '';
  for (const e of events) out += `id: ${e.id}\ndata: ${e.data}\n\n`;
  return out;
}

const encode = (events: WireEvent[]): Buffer => Buffer.from(wire(events));
const heartbeatFrame = Buffer.from(': heartbeat\n\n');
const crlf = Buffer.from('\r\n');
/** Frames in HTTP/1.1's chunked coding, made once per frame however many streams it is written to. */
const chunks = new WeakMap<Buffer, Buffer>();
function chunkOf(frame: Buffer): Buffer {
  let chunk = chunks.get(frame);
  if (!chunk) {
    chunk = Buffer.concat([Buffer.from(`${frame.length.toString(16)}\r\n`), frame, crlf]);
    chunks.set(frame, chunk);
  }
  return chunk;
}

export function liveRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    const hub = new LiveHub(ctx, liveRenderer(ctx), { encode, heartbeatMs: ctx.config.liveHeartbeatMs, pollMs: ctx.config.livePollMs, warn: (m) => app.log.warn(m) });
    app.decorate('liveHub', hub);
    app.addHook('onReady', async () => hub.start());
    // Before the server stops accepting: open streams would otherwise hold the close until they time out.
    app.addHook('preClose', async () => hub.close());
    const perIp = new Map<string, number>();

    app.get<{ Params: { id: string }; Querystring: { after?: string } }>('/live/:id/events', async (request, reply) => {
      const storyId = parseId(request.params.id, 'That live story');
      const coverage = await findPublicCoverage(ctx.store.db, storyId);
      if (!coverage) throw notFound('That live story');
      const ip = request.ip;
      const open = perIp.get(ip) ?? 0;
      if (open >= ctx.config.liveStreamsPerIp) {
        reply.header('retry-after', '30');
        throw new HttpError(429, `Too many live streams from one address (at most ${ctx.config.liveStreamsPerIp}). Close a tab and try again.`);
      }
      perIp.set(ip, open + 1);
      const header = request.headers['last-event-id'];
      const given = typeof header === 'string' && header !== '' ? header : request.query.after;
      const last = await lastEventId(ctx.store.db, storyId);
      let from = last;
      let resync = false;
      if (given !== undefined) {
        const n = /^\d{1,15}$/.test(given) ? Number(given) : NaN;
        // Malformed, from the future (another database, a restored backup) or too far behind: start afresh from the page.
        if (!Number.isSafeInteger(n) || n > last || last - n > replayLimit * 4) resync = true;
        else from = n;
      }
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      raw.write(`retry: 2000\n\n`);
      if (resync) raw.write(wire([{ id: last, data: JSON.stringify({ kind: 'resync', ended: !!coverage.endedAt }) }]));
      let closed = false;
      let leave: (() => void) | null = null;
      const finish = () => {
        if (closed) return;
        closed = true;
        leave?.();
        const left = (perIp.get(ip) ?? 1) - 1;
        if (left <= 0) perIp.delete(ip);
        else perIp.set(ip, left);
      };
      // Once the head is out, frames go straight to the socket as one write each (the response would cut every one
      // into three); ending goes through the response, which closes the chunked body properly.
      const socket = raw.socket;
      const framed = raw.chunkedEncoding;
      const send = (frame: Buffer) => {
        if (closed || !socket || socket.destroyed) return;
        // A reader that stops reading is dropped rather than buffered without end; it resumes from its last id.
        if (socket.writableLength > 1024 * 1024) {
          socket.destroy();
          return;
        }
        socket.write(framed ? chunkOf(frame) : frame);
      };
      const stream: LiveStream = {
        write: send,
        heartbeat: () => send(heartbeatFrame),
        end() {
          if (closed) return;
          raw.end();
          finish();
        },
      };
      raw.on('close', finish);
      try {
        const unsubscribe = await hub.join(storyId, from, stream);
        if (closed) unsubscribe();
        else leave = unsubscribe;
      } catch (error) {
        request.log.error({ err: error }, 'live stream could not start');
        raw.destroy();
        finish();
      }
    });

    app.get<{ Params: { section: string; year: string; month: string; slug: string; format: string } }>('/:section/:year/:month/:slug/updates.:format', async (request, reply) => {
      const { section, year, month, slug, format } = request.params;
      if (format !== 'atom' && format !== 'json') throw notFound('That feed');
      const story = /^\d{4}$/.test(year) && /^\d{2}$/.test(month) ? await findStory(ctx.store.read, { sectionSlug: section, slug }) : null;
      if (!story || story.url !== `/${section}/${year}/${month}/${slug}`) throw notFound('That feed');
      const coverage = await findCoverage(ctx.store.read, story.id);
      if (!coverage) throw notFound('That feed');
      const [updates, settings] = await Promise.all([listUpdates(ctx.store.read, story.id, { limit: 100 }), loadSettings(ctx.store.read)]);
      const site = ctx.config.siteUrl;
      const pageUrl = `${site}${story.url}`;
      const newest = [coverage.endedAt, ...updates.map((u) => [u.publishedAt, u.editedAt, u.correctedAt]).flat()].filter((t): t is string => !!t).sort().pop() ?? coverage.startedAt;
      const status = coverage.endedAt ? `Live coverage ended ${new Date(coverage.endedAt).toUTCString()}.` : 'Live: updates as they happen.';
      const feed = new Feed({
        id: `${pageUrl}#updates`,
        title: `${story.title}: live updates`,
        description: `${status} ${story.dek}`.trim(),
        link: pageUrl,
        language: settings.language,
        updated: new Date(newest),
        generator: 'Gazette',
        copyright: `© ${settings.title}`,
        feedLinks: { atom: `${pageUrl}/updates.atom`, json: `${pageUrl}/updates.json` },
      });
      for (const u of updates) {
        const title = updateTitle(u);
        const note = u.correction ? `<p><strong>Correction:</strong> ${escapeUTF8(u.correction)}</p>` : '';
        feed.addItem({
          id: `${pageUrl}#update-${u.id}`,
          link: `${pageUrl}#update-${u.id}`,
          title: format === 'json' ? title : escapeUTF8(title),
          description: format === 'json' ? htmlToText(u.bodyHtml).slice(0, 300) : escapeUTF8(htmlToText(u.bodyHtml).slice(0, 300)),
          content: u.bodyHtml + note,
          date: new Date([u.publishedAt ?? u.createdAt, u.editedAt, u.correctedAt].filter((t): t is string => !!t).sort().pop()!),
          published: new Date(u.publishedAt ?? u.createdAt),
          author: [{ name: u.authorName }],
        });
      }
      let body: string;
      if (format === 'atom') body = feed.atom1();
      else {
        const json = JSON.parse(feed.json1()) as Record<string, unknown> & { items: { authors?: unknown; author?: { name: string } }[] };
        json.version = 'https://jsonfeed.org/version/1.1';
        json.language = settings.language;
        for (const item of json.items) if (item.author) item.authors = [item.author];
        // JSON Feed's extension convention: an underscore-prefixed object for what the format has no field for.
        json._live = { live: !coverage.endedAt, coverage_start: coverage.startedAt, coverage_end: coverage.endedAt };
        body = JSON.stringify(json);
      }
      reply.type(feedTypes[format]).header('cache-control', 'public, max-age=30, stale-while-revalidate=60');
      reply.header('last-modified', new Date(newest).toUTCString());
      return reply.send(body);
    });
  };
}
