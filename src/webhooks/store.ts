/** Webhook endpoints and their delivery queue, which is also the delivery log: every row is one event for one endpoint. */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import type { WebhookDeliveryStatus } from '../db/schema.js';
import { invalid } from '../errors.js';
import { outboundUrlProblem, type OutboundPolicy } from '../net/outbound.js';

export const webhookEvents = {
  'story.published': 'A story went live (published now or at its scheduled time).',
  'story.updated': 'A published story was changed.',
  'story.unpublished': 'A published story was taken down.',
  'story.corrected': 'A published story got a correction note (sent with the note and the corrected story).',
  'comment.posted': 'A reader posted a comment that waits for moderation.',
  'comment.approved': 'A comment became visible: approved by a moderator or posted by a known commenter.',
  'comment.removed': 'A visible comment was hidden, marked as spam or trashed.',
  'live.coverage.started': 'A story went live: readers follow its updates as they are posted.',
  'live.coverage.ended': 'Live coverage of a story ended; it reads as a normal story now.',
  'live.update.posted': 'An update was published on a live story (posted, or approved by an editor).',
  'live.update.edited': 'A published live update was edited.',
  'live.update.corrected': 'A live update was corrected with a note to readers.',
  'live.update.deleted': 'A live update was deleted.',
  'live.update.pinned': 'A live update became a key event.',
  'live.update.unpinned': 'A live update is no longer a key event.',
} as const;

export type WebhookEvent = keyof typeof webhookEvents | 'ping';

export const isWebhookEvent = (value: string): value is keyof typeof webhookEvents => Object.hasOwn(webhookEvents, value);

export interface WebhookView {
  id: number;
  url: string;
  events: string[];
  description: string;
  createdAt: string;
  delivered: number;
  pending: number;
  failed: number;
}

export interface DeliveryView {
  id: number;
  webhookId: number;
  event: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastStatusCode: number | null;
  lastError: string;
  createdAt: string;
  deliveredAt: string | null;
}

export interface DueDelivery {
  id: number;
  event: string;
  payload: string;
  attempts: number;
  nextAttemptAt: string;
  url: string;
  secret: string;
}

const urlLimit = 2000;
const descriptionLimit = 200;

/** Checks an endpoint address; returns a message, or null when it is fine. */
export function webhookUrlProblem(raw: string): string | null {
  const value = raw.trim();
  if (!value) return 'Enter the address that should receive the events.';
  if (value.length > urlLimit) return `Addresses can be at most ${urlLimit} characters.`;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return 'That is not a web address; it should look like https://example.com/hooks/gazette.';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'Webhook addresses must start with https:// or http://.';
  if (parsed.username || parsed.password) return 'Leave user names and passwords out of the address; deliveries are signed instead.';
  return null;
}

/**
 * Adds an endpoint and returns its signing secret, which is shown once. An address Gazette would refuse to deliver
 * to (loopback, private and other non-public addresses, unless allowed by `outbound`) is refused here already.
 */
export async function createWebhook(db: Db, outbound: OutboundPolicy, input: { url: string; events: string[]; description: string; createdBy: number | null }): Promise<{ id: number; secret: string }> {
  const problems: Record<string, string> = {};
  const urlProblem = webhookUrlProblem(input.url) ?? (await outboundUrlProblem(input.url.trim(), outbound));
  if (urlProblem) problems.url = urlProblem;
  const unknown = input.events.filter((e) => !isWebhookEvent(e));
  if (unknown.length) problems.events = `Unknown event: ${unknown.join(', ')}.`;
  else if (input.events.length === 0) problems.events = 'Choose at least one event to send.';
  if (input.description.trim().length > descriptionLimit) problems.description = `At most ${descriptionLimit} characters.`;
  if (Object.keys(problems).length) throw invalid(Object.values(problems)[0] ?? 'Invalid webhook.', problems);
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const { id } = await db
    .insertInto('webhooks')
    .values({
      url: input.url.trim(),
      secret,
      events: [...new Set(input.events)].join(' '),
      description: input.description.trim(),
      active: 1,
      created_by: input.createdBy,
      created_at: now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, secret };
}

export async function listWebhooks(db: Db): Promise<WebhookView[]> {
  const [hooks, counts] = await Promise.all([
    db.selectFrom('webhooks').select(['id', 'url', 'events', 'description', 'created_at']).orderBy('id').execute(),
    db
      .selectFrom('webhook_deliveries')
      .select(['webhook_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['webhook_id', 'status'])
      .execute(),
  ]);
  return hooks.map((h) => {
    const count = (status: WebhookDeliveryStatus) => Number(counts.find((c) => c.webhook_id === h.id && c.status === status)?.n ?? 0);
    return {
      id: h.id, url: h.url, events: h.events.split(' ').filter(Boolean), description: h.description, createdAt: h.created_at,
      delivered: count('delivered'), pending: count('pending'), failed: count('failed'),
    };
  });
}

export async function findWebhook(db: Db, id: number): Promise<WebhookView | null> {
  return (await listWebhooks(db)).find((h) => h.id === id) ?? null;
}

export async function deleteWebhook(db: Db, id: number): Promise<void> {
  await db.deleteFrom('webhooks').where('id', '=', id).execute();
}

/** Queues one delivery of `event` for every endpoint that subscribed to it (or for one endpoint, for pings). */
/** Queues one delivery per active webhook that wants the event; the payload is built only when one does. */
export async function enqueueDeliveries(db: Db, event: WebhookEvent, payload: string | (() => Promise<string>), onlyWebhookId?: number): Promise<number> {
  let query = db.selectFrom('webhooks').select(['id', 'events']).where('active', '=', 1);
  if (onlyWebhookId !== undefined) query = query.where('id', '=', onlyWebhookId);
  const targets = (await query.execute()).filter((h) => event === 'ping' || h.events.split(' ').includes(event));
  const at = now();
  if (targets.length) {
    const body = typeof payload === 'string' ? payload : await payload();
    await db
      .insertInto('webhook_deliveries')
      .values(targets.map((target) => ({ webhook_id: target.id, event, payload: body, status: 'pending' as const, attempts: 0, next_attempt_at: at, created_at: at, delivered_at: null })))
      .execute();
  }
  return targets.length;
}

/** Deliveries whose time has come, oldest first. */
export async function dueDeliveries(db: Db, at: string, limit: number): Promise<DueDelivery[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
    .select(['webhook_deliveries.id', 'webhook_deliveries.event', 'webhook_deliveries.payload', 'webhook_deliveries.attempts', 'webhook_deliveries.next_attempt_at'])
    .select(['webhooks.url', 'webhooks.secret'])
    .where('webhook_deliveries.status', '=', 'pending')
    .where('webhook_deliveries.next_attempt_at', '<=', at)
    .orderBy('webhook_deliveries.next_attempt_at')
    .orderBy('webhook_deliveries.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, event: r.event, payload: r.payload, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, url: r.url, secret: r.secret }));
}

/**
 * Takes a delivery for one attempt: it counts the attempt and holds the row until `leaseUntil`, so other workers
 * (other instances) skip it. False when another worker took it first.
 */
export async function claimDelivery(db: Db, delivery: DueDelivery, leaseUntil: string): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ attempts: delivery.attempts + 1, next_attempt_at: leaseUntil })
    .where('id', '=', delivery.id)
    .where('status', '=', 'pending')
    .where('attempts', '=', delivery.attempts)
    .where('next_attempt_at', '=', delivery.nextAttemptAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordDelivered(db: Db, id: number, statusCode: number): Promise<void> {
  const at = now();
  await db.updateTable('webhook_deliveries').set({ status: 'delivered', last_status_code: statusCode, last_error: '', delivered_at: at, next_attempt_at: at }).where('id', '=', id).execute();
}

/** Records a failed attempt: tried again at `retryAt`, or given up on when that is null. */
export async function recordFailure(db: Db, id: number, failure: { statusCode: number | null; error: string; retryAt: string | null }): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: failure.retryAt ? 'pending' : 'failed',
      last_status_code: failure.statusCode,
      last_error: failure.error.slice(0, 500),
      next_attempt_at: failure.retryAt ?? now(),
    })
    .where('id', '=', id)
    .execute();
}

export async function listDeliveries(db: Db, webhookId: number, limit = 50): Promise<DeliveryView[]> {
  const rows = await db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id, webhookId: r.webhook_id, event: r.event, status: r.status, attempts: r.attempts, nextAttemptAt: r.next_attempt_at,
    lastStatusCode: r.last_status_code, lastError: r.last_error, createdAt: r.created_at, deliveredAt: r.delivered_at,
  }));
}

/** Sends a failed delivery again from the start. */
export async function retryDelivery(db: Db, webhookId: number, deliveryId: number): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now() })
    .where('id', '=', deliveryId)
    .where('webhook_id', '=', webhookId)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
