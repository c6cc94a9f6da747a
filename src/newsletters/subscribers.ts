/**
 * Reader commands, no account needed: ask to subscribe (double opt-in), confirm, change lists or pause, leave a list
 * or everything (one click), and download or erase what is stored about the address. The actor is the reader holding
 * a signed link (links.ts); the subscribe request is answered the same way whether or not the address is known.
 */
import type { AppContext } from '../context.js';
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import type { SubscriberStatus } from '../db/schema.js';
import { CommandError, invalid } from '../errors.js';
import { loadSettings } from '../content/settings.js';
import { checkLink, confirmHours, linkQuery, signLink, type LinkClaim, type LinkPurpose } from './links.js';
import { describeLists, requireLists, type ListInfo } from './lists.js';
import { renderMail } from './mail-render.js';
import { queueMail } from './outbox.js';

/** Confirmation mails one address may be sent per 24 hours; more requests are answered alike and send nothing. */
export const confirmationsPerDay = 3;

const emailPattern = /^[^\s@<>()[\]\\,;:"]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** The address as stored (trimmed, lower-cased), or a refusal naming what is wrong with it. */
export function normaliseAddress(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (!email) throw invalid('Enter your email address.', { email: 'Required.' });
  if (email.length > 254 || !emailPattern.test(email)) throw invalid('That does not look like an email address; it should look like name@example.com.', { email: 'Not an email address.' });
  return email;
}

export interface SubscribeRequest {
  email: string;
  lists: string[];
  /** The hidden field people never see: anything in it means a bot, and nothing is stored. */
  honeypot: string;
}

export type SubscribeOutcome = 'asked' | 'limited' | 'dropped';

/**
 * Records the request and queues one confirmation mail. Nothing is sent to the lists before the link in it is used.
 * A known address gets the same answer and the same mail (confirming adds the lists asked for); past
 * `confirmationsPerDay` mails a day for one address the request changes nothing and sends nothing.
 */
export async function requestSubscription(ctx: AppContext, input: SubscribeRequest): Promise<SubscribeOutcome> {
  const email = normaliseAddress(input.email);
  const lists = [...new Set(input.lists.map((l) => l.trim()).filter(Boolean))];
  const described = await requireLists(ctx.store.db, lists);
  if (input.honeypot !== '') return 'dropped';
  const at = now();
  const dayAgo = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
  const settings = await loadSettings(ctx.store.db);
  const result = await ctx.store.db.transaction().execute(async (trx) => {
    let subscriber = await trx.selectFrom('subscribers').selectAll().where('email', '=', email).executeTakeFirst();
    if (!subscriber) {
      const id = (await trx.insertInto('subscribers').values({ email, status: 'pending', created_at: at }).onConflict((oc) => oc.column('email').doNothing()).returning('id').executeTakeFirst())?.id;
      subscriber = await trx.selectFrom('subscribers').selectAll().where(id === undefined ? 'email' : 'id', '=', id === undefined ? email : id).executeTakeFirstOrThrow();
    }
    const windowOpen = subscriber.confirm_window_start !== null && subscriber.confirm_window_start > dayAgo;
    const sends = windowOpen ? subscriber.confirm_sends : 0;
    if (sends >= confirmationsPerDay) return { outcome: 'limited' as const, id: subscriber.id };
    await trx.updateTable('subscribers').set({ confirm_window_start: windowOpen ? subscriber.confirm_window_start : at, confirm_sends: sends + 1 }).where('id', '=', subscriber.id).execute();
    for (const list of lists) {
      await trx.insertInto('subscriptions').values({ subscriber_id: subscriber.id, list_key: list, confirmed: 0, created_at: at }).onConflict((oc) => oc.columns(['subscriber_id', 'list_key']).doNothing()).execute();
    }
    const expiresAt = Date.now() + confirmHours * 3600 * 1000;
    const link = signLink(ctx.secret, 'confirm', subscriber.id, subscriber.token_version, { expiresAt });
    const url = `${ctx.config.siteUrl}/newsletters/confirm?${linkQuery(link)}`;
    const names = lists.map((l) => described.get(l)!.name);
    const mail = renderMail(ctx.config.siteUrl, settings, {
      subject: `Confirm your ${settings.title} newsletters`,
      preheader: 'One click and you are signed up.',
      kicker: 'Newsletters',
      heading: 'Please confirm your email address',
      intro: [
        `Someone, we hope you, asked for ${names.length === 1 ? names[0] : `these newsletters: ${names.join(', ')}`} from ${settings.title} to be sent to ${email}.`,
        `To start receiving ${names.length === 1 ? 'it' : 'them'}, confirm within ${confirmHours} hours. If it was not you, ignore this message and we will not write again.`,
      ],
      stories: [],
      action: { label: 'Confirm my subscription', url },
      reason: `You received this because this address was entered on ${settings.title}.`,
      footerLinks: false,
    });
    await queueMail(trx, { kind: 'confirm', dedupeKey: `confirm:${subscriber.id}:${at}:${sends}`, subscriberId: subscriber.id, to: email, listKey: null, ...mail });
    return { outcome: 'asked' as const, id: subscriber.id };
  });
  if (result.outcome === 'asked') {
    ctx.events.emit('newsletter.changed', { what: 'subscriber', id: result.id, change: 'requested' });
    ctx.events.emit('newsletter.changed', { what: 'outbox', id: null, change: 'queued' });
  }
  return result.outcome;
}

export interface SubscriberView {
  id: number;
  email: string;
  status: SubscriberStatus;
  paused: boolean;
  createdAt: string;
  confirmedAt: string | null;
  lists: { info: ListInfo; confirmed: boolean }[];
}

const badLink = (purpose: LinkPurpose) =>
  new CommandError('not_found', purpose === 'confirm'
    ? 'This confirmation link is not valid. Copy the whole address from the email, or subscribe again.'
    : 'This link is not valid. Use the most recent link from one of our emails.', {}, 'bad_link');

/** The subscriber a signed link names, once the link is checked; refuses tampered, voided and expired links. */
export async function subscriberByLink(ctx: AppContext, purpose: LinkPurpose, claim: LinkClaim | null, db: Db = ctx.store.db) {
  if (!claim) throw badLink(purpose);
  const subscriber = await db.selectFrom('subscribers').selectAll().where('id', '=', claim.subscriberId).executeTakeFirst();
  if (!subscriber) throw badLink(purpose);
  const check = checkLink(ctx.secret, purpose, claim, subscriber.token_version);
  if (check === 'invalid') throw badLink(purpose);
  if (check === 'expired') throw new CommandError('gone', `This confirmation link has expired (they work for ${confirmHours} hours). Subscribe again and we will send a new one.`, {}, 'expired_link');
  return subscriber;
}

export async function viewSubscriber(ctx: AppContext, id: number): Promise<SubscriberView> {
  const db = ctx.store.db;
  const subscriber = await db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const subscriptions = await db.selectFrom('subscriptions').select(['list_key', 'confirmed']).where('subscriber_id', '=', id).orderBy('created_at').execute();
  const described = await describeLists(db, subscriptions.map((s) => s.list_key));
  return {
    id, email: subscriber.email, status: subscriber.status, paused: subscriber.paused === 1, createdAt: subscriber.created_at, confirmedAt: subscriber.confirmed_at,
    lists: subscriptions.flatMap((s) => (described.has(s.list_key) ? [{ info: described.get(s.list_key)!, confirmed: s.confirmed === 1 }] : [])),
  };
}

/** Uses a confirmation link: the address becomes active and every list it asked for is confirmed. Using it twice is harmless. */
export async function confirmSubscription(ctx: AppContext, claim: LinkClaim | null): Promise<{ subscriberId: number; lists: number }> {
  const at = now();
  const result = await ctx.store.db.transaction().execute(async (trx) => {
    const subscriber = await subscriberByLink(ctx, 'confirm', claim, trx);
    await trx.updateTable('subscribers').set({ status: 'active', confirmed_at: subscriber.confirmed_at ?? at, permanent_failures: 0, bounced_at: null }).where('id', '=', subscriber.id).execute();
    await trx.updateTable('subscriptions').set({ confirmed: 1 }).where('subscriber_id', '=', subscriber.id).execute();
    const count = await trx.selectFrom('subscriptions').select((eb) => eb.fn.countAll<number | string>().as('n')).where('subscriber_id', '=', subscriber.id).executeTakeFirst();
    return { subscriberId: subscriber.id, lists: Number(count?.n ?? 0) };
  });
  ctx.events.emit('newsletter.changed', { what: 'subscriber', id: result.subscriberId, change: 'confirmed' });
  return result;
}

/** Saves the preferences page: exactly these lists, paused or not. An empty choice leaves every list. */
export async function updatePreferences(ctx: AppContext, claim: LinkClaim | null, input: { lists: string[]; paused: boolean }): Promise<void> {
  const lists = [...new Set(input.lists)];
  if (lists.length) await requireLists(ctx.store.db, lists);
  const at = now();
  const id = await ctx.store.db.transaction().execute(async (trx) => {
    const subscriber = await subscriberByLink(ctx, 'preferences', claim, trx);
    const current = await trx.selectFrom('subscriptions').select('list_key').where('subscriber_id', '=', subscriber.id).execute();
    const dropped = current.map((c) => c.list_key).filter((k) => !lists.includes(k));
    if (dropped.length) await trx.deleteFrom('subscriptions').where('subscriber_id', '=', subscriber.id).where('list_key', 'in', dropped).execute();
    // Lists added here are confirmed at once: the link proves the reader holds the address.
    for (const list of lists) {
      await trx.insertInto('subscriptions').values({ subscriber_id: subscriber.id, list_key: list, confirmed: 1, created_at: at })
        .onConflict((oc) => oc.columns(['subscriber_id', 'list_key']).doUpdateSet({ confirmed: 1 })).execute();
    }
    const status: SubscriberStatus = lists.length === 0 ? 'unsubscribed' : 'active';
    await trx.updateTable('subscribers').set({ status, paused: input.paused ? 1 : 0, ...(status === 'active' ? { confirmed_at: subscriber.confirmed_at ?? at, permanent_failures: 0, bounced_at: null } : {}) }).where('id', '=', subscriber.id).execute();
    return subscriber.id;
  });
  ctx.events.emit('newsletter.changed', { what: 'subscriber', id, change: 'preferences' });
}

/**
 * The one-click unsubscribe (RFC 8058) and the unsubscribe link: leaves the list the message came from, or every list
 * when the link names none. Unsubscribing again answers the same and changes nothing.
 */
export async function unsubscribe(ctx: AppContext, claim: LinkClaim | null): Promise<{ list: ListInfo | null; remaining: number }> {
  const result = await ctx.store.db.transaction().execute(async (trx) => {
    const subscriber = await subscriberByLink(ctx, 'unsubscribe', claim, trx);
    const list = claim!.list;
    let query = trx.deleteFrom('subscriptions').where('subscriber_id', '=', subscriber.id);
    if (list) query = query.where('list_key', '=', list);
    await query.execute();
    const left = await trx.selectFrom('subscriptions').select((eb) => eb.fn.countAll<number | string>().as('n')).where('subscriber_id', '=', subscriber.id).executeTakeFirst();
    const remaining = Number(left?.n ?? 0);
    if (remaining === 0) await trx.updateTable('subscribers').set({ status: 'unsubscribed' }).where('id', '=', subscriber.id).execute();
    return { id: subscriber.id, list, remaining };
  });
  ctx.events.emit('newsletter.changed', { what: 'subscriber', id: result.id, change: 'unsubscribed' });
  const info = result.list ? ((await describeLists(ctx.store.db, [result.list])).get(result.list) ?? null) : null;
  return { list: info, remaining: result.remaining };
}

/** Everything stored about the address, as the reader downloads it. */
export async function exportSubscriber(ctx: AppContext, claim: LinkClaim | null): Promise<object> {
  const subscriber = await subscriberByLink(ctx, 'preferences', claim);
  const db = ctx.store.db;
  const [subscriptions, messages] = await Promise.all([
    db.selectFrom('subscriptions').select(['list_key', 'confirmed', 'created_at']).where('subscriber_id', '=', subscriber.id).execute(),
    db.selectFrom('mail_outbox').leftJoin('editions', 'editions.id', 'mail_outbox.edition_id')
      .select(['mail_outbox.id', 'mail_outbox.kind', 'mail_outbox.subject', 'editions.subject as edition_subject', 'mail_outbox.status', 'mail_outbox.created_at', 'mail_outbox.sent_at'])
      .where('mail_outbox.subscriber_id', '=', subscriber.id).orderBy('mail_outbox.id').execute(),
  ]);
  return {
    email: subscriber.email,
    status: subscriber.status,
    paused: subscriber.paused === 1,
    subscribedAt: subscriber.created_at,
    confirmedAt: subscriber.confirmed_at,
    refusalsByMailServer: subscriber.permanent_failures,
    lists: subscriptions.map((s) => ({ list: s.list_key, confirmed: s.confirmed === 1, since: s.created_at })),
    messages: messages.map((m) => ({ id: m.id, kind: m.kind, subject: m.subject || m.edition_subject || '', status: m.status, queuedAt: m.created_at, sentAt: m.sent_at })),
  };
}

/**
 * Erases the address: the subscriber, its lists, and the address in every message queued or sent to it. What remains
 * is an anonymous count per edition. Links sent before stop working.
 */
export async function eraseSubscriber(ctx: AppContext, claim: LinkClaim | null): Promise<void> {
  const id = await ctx.store.db.transaction().execute(async (trx) => {
    const subscriber = await subscriberByLink(ctx, 'preferences', claim, trx);
    await trx.updateTable('mail_outbox').set({ to_address: 'erased', subscriber_id: null, html: '', text_body: '', status: 'skipped' }).where('subscriber_id', '=', subscriber.id).where('status', 'in', ['queued', 'sending']).execute();
    await trx.updateTable('mail_outbox').set({ to_address: 'erased', subscriber_id: null, html: '', text_body: '' }).where('subscriber_id', '=', subscriber.id).execute();
    await trx.deleteFrom('subscriptions').where('subscriber_id', '=', subscriber.id).execute();
    await trx.deleteFrom('subscribers').where('id', '=', subscriber.id).execute();
    return subscriber.id;
  });
  ctx.events.emit('newsletter.changed', { what: 'subscriber', id, change: 'erased' });
}

export interface SubscriberCounts {
  list: string;
  confirmed: number;
  pending: number;
}

/** Confirmed and waiting readers per list, for the newsroom. */
export async function countSubscribers(db: Db): Promise<SubscriberCounts[]> {
  const rows = await db.selectFrom('subscriptions').innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
    .select(['subscriptions.list_key', 'subscriptions.confirmed', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('subscribers.status', 'in', ['active', 'pending'])
    .groupBy(['subscriptions.list_key', 'subscriptions.confirmed']).execute();
  const byList = new Map<string, SubscriberCounts>();
  for (const row of rows) {
    const entry = byList.get(row.list_key) ?? { list: row.list_key, confirmed: 0, pending: 0 };
    if (row.confirmed === 1) entry.confirmed += Number(row.n);
    else entry.pending += Number(row.n);
    byList.set(row.list_key, entry);
  }
  return [...byList.values()].sort((a, b) => b.confirmed - a.confirmed);
}
