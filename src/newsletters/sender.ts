/**
 * The mail sender: a loop in every server process that claims due messages from the outbox, renders each reader's
 * copy (mime.ts, DKIM-signed when a key is configured), and sends it through one pooled SMTP transport (nodemailer;
 * MAIL_POOL connections, MAIL_RATE messages a second). Without SMTP_URL the messages are kept in the outbox, readable in the newsroom, and the log
 * names every link in them.
 *
 * Failures: an answer in the 4xx range, or a connection that failed or went away, is temporary: the message is
 * retried after MAIL_RETRY_MS, doubling each time, for MAIL_ATTEMPTS attempts. A 5xx answer is permanent: the message
 * fails, and the address counts a permanent refusal; at MAIL_BOUNCE_LIMIT refusals in a row (any delivery to it in
 * between starts the count again) the address is marked bounced and gets nothing more until the reader subscribes
 * again and confirms.
 */
import { createPrivateKey, randomBytes } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { AppContext } from '../context.js';
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import { linkQuery, signLink } from './links.js';
import addressparser from 'nodemailer/lib/addressparser';
import { linksIn, personalise } from './mail-render.js';
import { buildTemplate, personalMessage, type DkimKey, type MessageTemplate } from './mime.js';
import { claimDue, failPermanently, finish, nextDue, retryLater, type ClaimedMail } from './outbox.js';

export interface SenderLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

interface Outgoing {
  mail: ClaimedMail;
  subject: string;
  template: MessageTemplate;
  links: { preferences: string; unsubscribe: string };
  /** The rendered bodies, kept only for the log when there is no SMTP server. */
  text: string;
  /** When this sender's claim on the message runs out (ms since the epoch). */
  claimedUntil: number;
}

/** Per-reader links: the preferences page and the one-click unsubscribe for the list the message came from. */
export function readerLinks(ctx: AppContext, subscriberId: number, version: number, listKey: string | null): { preferences: string; unsubscribe: string } {
  const base = `${ctx.config.siteUrl}/newsletters`;
  return {
    preferences: `${base}/preferences?${linkQuery(signLink(ctx.secret, 'preferences', subscriberId, version))}`,
    unsubscribe: `${base}/unsubscribe?${linkQuery(signLink(ctx.secret, 'unsubscribe', subscriberId, version, listKey ? { list: listKey } : {}))}`,
  };
}

const maxRetryDelayMs = 12 * 3600 * 1000;


/** Without SMTP, a batch of this many messages at most is logged message by message with its links. */
const loggedOneByOne = 1;
export class MailSender {
  readonly id = `sender-${process.pid}-${randomBytes(4).toString('hex')}`;
  private transport: Transporter | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Messages sent by this process (tests and the benchmark read it). */
  sent = 0;

  constructor(
    private readonly ctx: AppContext,
    private readonly log: SenderLog,
  ) {}

  start(): void {
    this.stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.transport?.close();
    this.transport = null;
  }

  /** Sends what is due now; a call while a round runs makes it go round once more. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.round()
      .catch((err: unknown) => this.log.error({ err }, 'sending mail failed'))
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.kick();
        } else void this.sleep();
      });
  }

  /** Until the next retry is due, at most 5 s (messages queued by another instance are found within that). */
  private async sleep(): Promise<void> {
    let wait = 5_000;
    try {
      const due = await nextDue(this.ctx.store.db);
      if (due) wait = Math.min(wait, Math.max(20, new Date(due).getTime() - Date.now() + 10));
    } catch {
      // The next round reports database trouble.
    }
    if (this.stopped || this.running) return;
    this.timer = setTimeout(() => this.kick(), wait);
    this.timer.unref();
  }

  private async getTransport(): Promise<Transporter> {
    if (this.transport) return this.transport;
    const { default: nodemailer } = await import('nodemailer');
    const mail = this.ctx.config.mail;
    this.transport = nodemailer.createTransport({
      url: this.ctx.config.smtpUrl!,
      pool: true,
      maxConnections: mail.pool,
      maxMessages: 1000,
      ...(mail.rate ? { rateDelta: 1000, rateLimit: mail.rate } : {}),
    } as never);
    return this.transport;
  }

  private async round(): Promise<void> {
    if (this.ctx.config.smtpUrl) return this.pump();
    const db = this.ctx.store.db;
    const { batch, leaseMs } = this.ctx.config.mail;
    while (!this.stopped) {
      const claimed = await claimDue(db, this.id, batch, leaseMs);
      if (claimed.length === 0) return;
      const { ready, skipped } = await this.prepare(claimed, Date.now() + leaseMs);
      await finish(db, this.id, skipped, 'skipped', 'The address no longer receives this mail.');
      // One message (someone trying a flow) is logged with its links, to follow from the console; an edition's worth
      // is counted in one line rather than a line per reader.
      if (ready.length <= loggedOneByOne) {
        for (const m of ready) this.log.info({ to: m.mail.to, subject: m.subject, links: linksIn(personalise(m.text, m.links, false)) }, 'No SMTP_URL configured: mail kept in the newsroom outbox');
      } else if (ready.length > 0) {
        this.log.info({ messages: ready.length, outbox: new URL('/newsroom/outbox', this.ctx.config.siteUrl).toString() }, `No SMTP_URL configured: ${ready.length} messages kept in the newsroom outbox`);
      }
      await finish(db, this.id, ready.map((m) => m.mail.id), 'stored');
    }
  }

  /**
   * Sends until nothing is due. The next batch is claimed and prepared while the current one is sending, so the pool
   * never waits for the database; messages handed to the SMTP server whose outcome is not yet recorded are at most
   * MAIL_BATCH at any moment (they are what a crash can send twice), and accepted messages are marked sent in one
   * statement per half batch.
   */
  private async pump(): Promise<void> {
    const db = this.ctx.store.db;
    const { batch, leaseMs } = this.ctx.config.mail;
    const transport = await this.getTransport();
    const queue: Outgoing[] = [];
    let claiming: Promise<void> | null = null;
    let exhausted = false;
    const claimMore = () => {
      claiming = (async () => {
        const claimedAt = Date.now();
        const claimed = await claimDue(db, this.id, batch, leaseMs);
        if (claimed.length === 0) {
          exhausted = true;
          return;
        }
        const { ready, skipped } = await this.prepare(claimed, claimedAt + leaseMs);
        await finish(db, this.id, skipped, 'skipped', 'The address no longer receives this mail.');
        queue.push(...ready);
      })()
        .catch((error: unknown) => {
          failure ??= error;
        })
        .finally(() => {
          claiming = null;
        });
    };
    // A message started within this margin of its claim's end is left for the next claim (another instance may
    // take it once the claim ends).
    const margin = Math.min(leaseMs / 2, 30_000);
    let unrecorded = 0;
    let delivered: Outgoing[] = [];
    let flushing: Promise<void> | null = null;
    const sending = new Set<Promise<void>>();
    let failure: unknown = null;
    const flush = (): Promise<void> => {
      if (flushing || delivered.length === 0) return flushing ?? Promise.resolve();
      const done = delivered;
      delivered = [];
      flushing = this.recordSent(db, done)
        .catch((error: unknown) => {
          failure ??= error;
        })
        .finally(() => {
          unrecorded -= done.length;
          flushing = null;
          if (delivered.length >= batch / 2 || (sending.size === 0 && delivered.length)) void flush();
        });
      return flushing;
    };
    const send = async (m: Outgoing) => {
      try {
        await transport.sendMail({ envelope: { from: this.envelopeFrom(), to: [m.mail.to] }, raw: await this.messageFor(m) });
        this.sent++;
        delivered.push(m);
      } catch (error) {
        await this.failed(db, m.mail, error as { responseCode?: number; message?: string; code?: string }).catch((dbError: unknown) => {
          failure ??= dbError;
        });
        unrecorded--;
      }
    };
    while (!this.stopped && failure === null) {
      if (!claiming && !exhausted && queue.length < batch) claimMore();
      const next = queue[0];
      if (next && next.claimedUntil - margin < Date.now()) {
        queue.shift();
        continue;
      }
      if (next && unrecorded < batch) {
        queue.shift();
        unrecorded++;
        const task = send(next).finally(() => {
          sending.delete(task);
          if (delivered.length >= batch / 2 || sending.size === 0) void flush();
        });
        sending.add(task);
        continue;
      }
      const waits = [...sending, ...(flushing ? [flushing] : []), ...(claiming && !next ? [claiming] : [])];
      if (waits.length === 0) break;
      await Promise.race(waits);
    }
    await Promise.all(sending);
    await claiming;
    while (flushing || delivered.length) await flush();
    if (failure !== null) throw failure;
  }

  private async recordSent(db: Db, done: Outgoing[]): Promise<void> {
    await finish(db, this.id, done.map((m) => m.mail.id), 'sent');
    const readers = [...new Set(done.flatMap((m) => (m.mail.subscriberId === null ? [] : [m.mail.subscriberId])))];
    if (readers.length) {
      await db.updateTable('subscribers').set({ permanent_failures: 0 }).where('id', 'in', readers).where('permanent_failures', '>', 0).execute();
    }
  }

  private envelopeFromAddress: string | null = null;

  private envelopeFrom(): string {
    this.envelopeFromAddress ??= addressparser(this.ctx.config.mailFrom, { flatten: true })[0]?.address ?? this.ctx.config.mailFrom;
    return this.envelopeFromAddress;
  }

  private dkimKey: DkimKey | null | undefined;

  private messageFor(m: Outgoing): Promise<Buffer> {
    if (this.dkimKey === undefined) {
      const dkim = this.ctx.config.mail.dkim;
      this.dkimKey = dkim ? { domainName: dkim.domainName, keySelector: dkim.keySelector, privateKey: createPrivateKey(dkim.privateKey) } : null;
    }
    return personalMessage(m.template, {
      to: m.mail.to,
      outboxId: m.mail.id,
      preferences: m.links.preferences,
      unsubscribe: m.links.unsubscribe,
      headers: {
        'List-Unsubscribe': `<${m.links.unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'X-Gazette-Message': String(m.mail.id),
      },
    }, this.ctx.secret, this.dkimKey);
  }

  /** Edition templates by edition and list, kept for the editions being sent (a few at most). */
  private templates = new Map<string, { source: string; template: MessageTemplate }>();

  private template(key: string | null, subject: string, html: string, text: string, listKey: string | null): MessageTemplate {
    const source = `${subject}\u0000${html}\u0000${text}`;
    const cacheKey = key === null ? null : `${key}|${listKey ?? ''}`;
    const cached = cacheKey === null ? undefined : this.templates.get(cacheKey);
    if (cached && cached.source === source) return cached.template;
    const config = this.ctx.config;
    const host = new URL(config.siteUrl).hostname;
    const template = buildTemplate({
      from: config.mailFrom,
      replyTo: config.mail.replyTo,
      subject,
      html,
      text,
      listId: listKey ? `<${listKey.replace(/[^a-z0-9-]/g, '.')}.${host}>` : null,
      host,
    });
    if (cacheKey !== null) {
      if (this.templates.size >= 8) this.templates.delete(this.templates.keys().next().value!);
      this.templates.set(cacheKey, { source, template });
    }
    return template;
  }

  /** Readies each claimed message for its reader; leaves out readers who stopped receiving it since it was queued. */
  private async prepare(claimed: ClaimedMail[], claimedUntil: number): Promise<{ ready: Outgoing[]; skipped: number[] }> {
    const ctx = this.ctx;
    const db = ctx.store.db;
    const subscriberIds = [...new Set(claimed.flatMap((m) => (m.subscriberId === null ? [] : [m.subscriberId])))];
    const editionIds = [...new Set(claimed.flatMap((m) => (m.editionId === null ? [] : [m.editionId])))];
    const [subscribers, editions, subscriptions] = await Promise.all([
      subscriberIds.length ? db.selectFrom('subscribers').select(['id', 'status', 'paused', 'token_version']).where('id', 'in', subscriberIds).execute() : [],
      editionIds.length ? db.selectFrom('editions').select(['id', 'kind', 'list_key', 'subject', 'html', 'text_body']).where('id', 'in', editionIds).execute() : [],
      subscriberIds.length
        ? db.selectFrom('subscriptions').select(['subscriber_id', 'list_key']).where('subscriber_id', 'in', subscriberIds).where('confirmed', '=', 1).execute()
        : [],
    ]);
    const subscriberById = new Map(subscribers.map((s) => [s.id, s]));
    const editionById = new Map(editions.map((e) => [e.id, e]));
    const onList = new Set(subscriptions.map((s) => `${s.subscriber_id}|${s.list_key}`));
    const ready: Outgoing[] = [];
    const skipped: number[] = [];
    for (const mail of claimed) {
      const subscriber = mail.subscriberId === null ? null : subscriberById.get(mail.subscriberId);
      if (mail.subscriberId !== null && !subscriber) {
        skipped.push(mail.id);
        continue;
      }
      let subject = mail.subject;
      let html = mail.html;
      let text = mail.text;
      if (mail.editionId !== null) {
        const edition = editionById.get(mail.editionId);
        // Newsletters and alerts go to readers still on the list; a correction notice to everyone who got the original.
        const stillWanted = edition && subscriber && subscriber.status === 'active' && subscriber.paused === 0
          && (edition.kind === 'correction' || onList.has(`${subscriber.id}|${edition.list_key}`));
        if (!edition || !stillWanted) {
          skipped.push(mail.id);
          continue;
        }
        subject = edition.subject;
        html = edition.html;
        text = edition.text_body;
      } else if (subscriber && (subscriber.status === 'bounced' && mail.kind !== 'confirm')) {
        skipped.push(mail.id);
        continue;
      }
      const links = subscriber
        ? readerLinks(ctx, subscriber.id, subscriber.token_version, mail.listKey)
        : { preferences: `${ctx.config.siteUrl}/newsletters`, unsubscribe: `${ctx.config.siteUrl}/newsletters` };
      const template = this.template(mail.editionId === null ? null : String(mail.editionId), subject, html, text, mail.listKey);
      ready.push({ mail, subject, template, links, text, claimedUntil });
    }
    return { ready, skipped };
  }

  private async failed(db: Db, mail: ClaimedMail, error: { responseCode?: number; message?: string; code?: string }): Promise<void> {
    const attempts = mail.attempts + 1;
    const code = error.responseCode;
    const message = `${code ? `${code} ` : ''}${error.message ?? error.code ?? 'unknown error'}`.trim();
    if (code !== undefined && code >= 500) {
      await failPermanently(db, this.id, mail.id, attempts, message);
      if (mail.subscriberId !== null) await countRefusal(db, mail.subscriberId, this.ctx.config.mail.bounceLimit);
      this.log.info({ to: mail.to, error: message }, 'the mail server refused a message for good');
      return;
    }
    const { retryMs, attempts: maxAttempts } = this.ctx.config.mail;
    const retryAt = attempts >= maxAttempts ? null : new Date(Date.now() + Math.min(maxRetryDelayMs, retryMs * 2 ** (attempts - 1))).toISOString();
    await retryLater(db, this.id, mail.id, attempts, retryAt, message);
    this.log.info({ to: mail.to, error: message, retryAt }, retryAt ? 'temporary mail failure, will retry' : 'mail given up after its last attempt');
  }
}

async function countRefusal(db: Db, subscriberId: number, limit: number): Promise<void> {
  await db.updateTable('subscribers').set((eb) => ({ permanent_failures: eb('permanent_failures', '+', 1) })).where('id', '=', subscriberId).execute();
  await db.updateTable('subscribers').set({ status: 'bounced', bounced_at: now() }).where('id', '=', subscriberId).where('permanent_failures', '>=', limit).where('status', '=', 'active').execute();
}

