/** Sends webhooks: turns content events into queued deliveries, signs each with HMAC-SHA256, and retries failures with exponential backoff. */
import { createHmac } from 'node:crypto';
import type { CommentChanged, CommentChangeKind } from '../comments/events.js';
import type { AppContext } from '../context.js';
import { now } from '../db/index.js';
import { storyJson } from '../content/json.js';
import { storySourcesJson } from '../sources/queries.js';
import type { ContentEvents } from '../events.js';
import type { LiveCoverageChanged, LiveUpdateChanged } from '../live/events.js';
import { fetchOutbound, OutboundFailed, OutboundRefused, outboundPolicy, type OutboundPolicy } from '../net/outbound.js';
import { claimDelivery, dueDeliveries, enqueueDeliveries, recordDelivered, recordFailure, type DueDelivery, type WebhookEvent } from './store.js';
import type { Config } from '../config.js';

export interface WebhookTiming {
  /** Wait before the first retry; each later retry waits twice as long as the one before. */
  retryBaseMs: number;
  /** Attempts in all, the first included, before a delivery is marked failed. */
  maxAttempts: number;
  /** How often due deliveries are looked for (new events are sent at once, without waiting for this). */
  pollMs: number;
  /** How long one attempt may take. */
  timeoutMs: number;
}

const maxRetryDelayMs = 6 * 3600 * 1000;

/** From GAZETTE_WEBHOOK_RETRY_MS (default 30 s) and GAZETTE_WEBHOOK_ATTEMPTS (default 8: retries over about an hour). */
export function webhookTiming(config: Pick<Config, 'webhookRetryMs' | 'webhookAttempts'>): WebhookTiming {
  const retryBaseMs = config.webhookRetryMs;
  return {
    retryBaseMs,
    maxAttempts: config.webhookAttempts,
    pollMs: Math.min(5_000, Math.max(10, Math.floor(retryBaseMs / 2))),
    timeoutMs: 10_000,
  };
}

export function retryDelayMs(timing: WebhookTiming, attemptsMade: number): number {
  return Math.min(maxRetryDelayMs, timing.retryBaseMs * 2 ** Math.max(0, attemptsMade - 1));
}

/** The signature header value: HMAC-SHA256 over "<timestamp>.<body>" with the endpoint's secret. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

async function attempt(delivery: DueDelivery, timing: WebhookTiming, outbound: OutboundPolicy): Promise<{ ok: true; status: number } | { ok: false; status: number | null; error: string }> {
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetchOutbound(delivery.url, {
      method: 'POST',
      // A 301/302/303 would turn the POST into a GET without the event: it counts as the endpoint's answer, not a delivery.
      keepMethod: true,
      timeoutMs: timing.timeoutMs,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Gazette-Webhooks/1',
        'x-gazette-event': delivery.event,
        'x-gazette-delivery': String(delivery.id),
        'x-gazette-timestamp': String(timestamp),
        'x-gazette-signature': signature(delivery.secret, timestamp, delivery.payload),
      },
      body: delivery.payload,
    }, outbound);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `The endpoint answered ${response.status} ${response.statusText}`.trim() };
  } catch (error) {
    if (error instanceof OutboundRefused) return { ok: false, status: null, error: `Refused: ${error.reason}` };
    if (error instanceof OutboundFailed) return { ok: false, status: null, error: `Could not deliver: ${error.message}` };
    const reason = (error as { code?: string }).code ?? (error as Error).message;
    return { ok: false, status: null, error: `Could not deliver: ${reason}` };
  }
}

export class WebhookWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  private readonly outbound: OutboundPolicy;

  constructor(
    private readonly ctx: AppContext,
    readonly timing: WebhookTiming,
  ) {
    this.outbound = outboundPolicy(ctx.config);
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.timing.pollMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Looks for due deliveries now; calls while a round runs make it go round once more. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round()
      .catch((error: unknown) => console.error('webhook delivery round failed', error))
      .finally(() => {
        this.running = null;
        if (this.again && this.timer) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async round(): Promise<void> {
    const db = this.ctx.store.db;
    for (;;) {
      const due = await dueDeliveries(db, now(), 10);
      if (due.length === 0) return;
      const lease = new Date(Date.now() + this.timing.timeoutMs * 2).toISOString();
      const claimed: DueDelivery[] = [];
      for (const delivery of due) if (await claimDelivery(db, delivery, lease)) claimed.push(delivery);
      await Promise.all(claimed.map(async (delivery) => {
        const result = await attempt(delivery, this.timing, this.outbound);
        if (result.ok) return recordDelivered(db, delivery.id, result.status);
        const attemptsMade = delivery.attempts + 1;
        const retryAt = attemptsMade >= this.timing.maxAttempts ? null : new Date(Date.now() + retryDelayMs(this.timing, attemptsMade)).toISOString();
        return recordFailure(db, delivery.id, { statusCode: result.status, error: result.error, retryAt });
      }));
      if (claimed.length === 0) return;
    }
  }
}

/** The live update's public fields with its story's, self-describing for receivers (newsletters, alerts). */
function liveUpdateJson(site: string, change: LiveUpdateChanged): object {
  const u = change.update;
  return {
    story: { id: change.story.id, url: `${site}${change.story.url}`, headline: change.story.headline },
    update: {
      id: u.id, url: `${site}${change.story.url}#update-${u.id}`, headline: u.headline, bodyHtml: u.status === 'deleted' ? '' : u.bodyHtml,
      authorName: u.authorName, pinned: u.pinned, publishedAt: u.publishedAt, editedAt: u.editedAt, correction: u.correction || null, correctedAt: u.correctedAt,
    },
  };
}

/** Live events readers can see, as webhook events; an update waiting for approval sends nothing. */
function subscribeLive(ctx: AppContext, send: (event: WebhookEvent, data: unknown) => void): () => void {
  // Read at each event: with PORT=0 the site URL is only known once the server listens.
  const site = () => ctx.config.siteUrl;
  const updates: [keyof ContentEvents, WebhookEvent][] = [
    ['live.update.posted', 'live.update.posted'], ['live.update.approved', 'live.update.posted'], ['live.update.edited', 'live.update.edited'],
    ['live.update.corrected', 'live.update.corrected'], ['live.update.deleted', 'live.update.deleted'], ['live.update.pinned', 'live.update.pinned'],
    ['live.update.unpinned', 'live.update.unpinned'],
  ];
  const offs: (() => void)[] = [];
  for (const [name, event] of updates) {
    const listener = (change: LiveUpdateChanged) => {
      if (change.streamId !== null) send(event, liveUpdateJson(site(), change));
    };
    ctx.events.on(name as 'live.update.posted', listener);
    offs.push(() => ctx.events.off(name as 'live.update.posted', listener));
  }
  for (const [name, event] of [['live.coverage.started', 'live.coverage.started'], ['live.coverage.ended', 'live.coverage.ended']] as const) {
    const listener = (change: LiveCoverageChanged) =>
      send(event, { story: { id: change.story.id, url: `${site()}${change.story.url}`, headline: change.story.headline }, startedAt: change.coverage.startedAt, endedAt: change.coverage.endedAt, summaryHtml: change.coverage.summaryHtml });
    ctx.events.on(name, listener);
    offs.push(() => ctx.events.off(name, listener));
  }
  return () => offs.forEach((off) => off());
}

/** Changes the site shows have a webhook event; saves only the newsroom sees, and deletions of such stories, have none. */
const storyEvents: Partial<Record<ContentEvents['story.changed'][0]['kind'], WebhookEvent>> = {
  published: 'story.published',
  updated: 'story.updated',
  unpublished: 'story.unpublished',
};
/** A held comment and a move between statuses nobody sees (pending, spam, trash) send nothing. */
const commentEvents: Record<CommentChangeKind, WebhookEvent | null> = {
  posted: 'comment.posted',
  held: null,
  approved: 'comment.approved',
  removed: 'comment.removed',
  moved: null,
};

export function payloadFor(event: WebhookEvent, data: unknown): string {
  return JSON.stringify({ event, createdAt: now(), data });
}

/** Queues the deliveries for one event and wakes the worker. */
/** `data` may be a function: it is called (and its reads made) only when some webhook wants the event. */
export async function announce(ctx: AppContext, worker: WebhookWorker, event: WebhookEvent, data: unknown, onlyWebhookId?: number): Promise<number> {
  const payload = typeof data === 'function' ? async () => payloadFor(event, await (data as () => Promise<unknown>)()) : payloadFor(event, data);
  const queued = await enqueueDeliveries(ctx.store.db, event, payload, onlyWebhookId);
  if (queued) worker.kick();
  return queued;
}

const workers = new WeakMap<AppContext, WebhookWorker>();
const subscriptions = new WeakMap<AppContext, () => void>();

/** The worker serving this app context, once startWebhooks ran. */
export function webhookWorker(ctx: AppContext): WebhookWorker | null {
  return workers.get(ctx) ?? null;
}

/**
 * Subscribes to content events and starts the delivery worker; app.tsx calls this when the server is ready and
 * stopWebhooks when it closes.
 */
export function startWebhooks(ctx: AppContext, report: (error: unknown) => void): void {
  if (subscriptions.has(ctx)) return;
  const worker = new WebhookWorker(ctx, webhookTiming(ctx.config));
  workers.set(ctx, worker);
  const onStory = ({ articleId, kind, story, correction }: ContentEvents['story.changed'][0]) => {
    const event = storyEvents[kind];
    if (!event) return;
    // The story in the content API's shape, with the sources it cites as committed: read once, and only when a
    // webhook wants it.
    let loaded: Promise<unknown> | null = null;
    const data = () =>
      (loaded ??= story
        ? storySourcesJson(ctx.store.db, articleId, ctx.config.siteUrl).then((sources) => ({ ...storyJson(ctx.config.siteUrl, story), sources }))
        : Promise.resolve({ id: articleId }));
    (async () => {
      await announce(ctx, worker, event, data);
      if (correction) await announce(ctx, worker, 'story.corrected', async () => ({ correction, story: await data() }));
    })().catch(report);
  };
  const onComment = (change: CommentChanged) => {
    const event = commentEvents[change.kind];
    if (!event) return;
    const data = {
      id: change.commentId,
      storyId: change.articleId,
      storyUrl: `${ctx.config.siteUrl}${change.storyPath}`,
      status: change.to,
      parentId: change.comment.parentId,
      authorName: change.comment.authorName,
      body: change.comment.body,
      createdAt: change.comment.createdAt,
    };
    announce(ctx, worker, event, data).catch(report);
  };
  ctx.events.on('story.changed', onStory);
  ctx.events.on('comment.changed', onComment);
  const offLive = subscribeLive(ctx, (event, data) => announce(ctx, worker, event, data).catch(report));
  subscriptions.set(ctx, () => {
    ctx.events.off('story.changed', onStory);
    ctx.events.off('comment.changed', onComment);
    offLive();
  });
  worker.start();
}

/** Unsubscribes and lets the worker finish the delivery it is making. */
export async function stopWebhooks(ctx: AppContext): Promise<void> {
  subscriptions.get(ctx)?.();
  subscriptions.delete(ctx);
  await workers.get(ctx)?.stop();
  workers.delete(ctx);
}
