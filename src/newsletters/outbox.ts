/**
 * The mail outbox: the durable send queue and the record of what went to whom. A message is queued once per purpose
 * and recipient (the dedupe key), claimed by one sender at a time (an atomic UPDATE … RETURNING; on PostgreSQL the
 * rows are picked with FOR UPDATE SKIP LOCKED so instances claim different rows without waiting on each other; SQLite
 * runs writes one at a time, so the same statement is a claim there too), and marked sent only after the SMTP server
 * accepted it. A sender that dies leaves its claimed rows to expire and be claimed again: those, and only those, may
 * go out twice.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import { isPostgres } from '../db/dialect.js';
import type { MailStatus } from '../db/schema.js';

export interface QueuedMail {
  kind: 'confirm' | 'test';
  dedupeKey: string;
  subscriberId: number | null;
  to: string;
  listKey: string | null;
  subject: string;
  html: string;
  text: string;
}

export async function queueMail(db: Db, mail: QueuedMail): Promise<boolean> {
  const at = now();
  const result = await db
    .insertInto('mail_outbox')
    .values({
      kind: mail.kind, dedupe_key: mail.dedupeKey, subscriber_id: mail.subscriberId, to_address: mail.to, list_key: mail.listKey,
      subject: mail.subject, html: mail.html, text_body: mail.text, status: 'queued', next_attempt_at: at, created_at: at,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return result !== undefined;
}

/**
 * Queues an edition to every reader a subquery names (ids of subscribers), one row each, in one statement; rows
 * already queued for a reader are left as they are, so queueing twice sends nothing twice.
 */
export async function queueEditionTo(trx: Db, editionId: number, listKey: string, subscriberIds: RawBuilder<unknown>): Promise<number> {
  const at = now();
  const pg = isPostgres(trx);
  const key = pg
    ? sql`'edition:' || ${editionId}::text || ':' || s.id::text`
    : sql`'edition:' || ${editionId} || ':' || s.id`;
  const result = await sql`
    insert into mail_outbox (kind, dedupe_key, edition_id, subscriber_id, to_address, list_key, status, next_attempt_at, created_at)
    select 'edition', ${key}, ${editionId}, s.id, s.email, ${listKey}, 'queued', ${at}, ${at}
    from subscribers s where s.id in (${subscriberIds}) and s.status = 'active' and s.paused = 0
    on conflict (dedupe_key) do nothing`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

export interface ClaimedMail {
  id: number;
  kind: string;
  editionId: number | null;
  subscriberId: number | null;
  to: string;
  listKey: string | null;
  subject: string;
  html: string;
  text: string;
  attempts: number;
}

/** Claims up to `limit` due messages for `worker` until `leaseMs` from now. */
export async function claimDue(db: Db, worker: string, limit: number, leaseMs: number): Promise<ClaimedMail[]> {
  const at = now();
  const until = new Date(Date.now() + leaseMs).toISOString();
  const pg = isPostgres(db);
  const rows = await db
    .updateTable('mail_outbox')
    .set({ status: 'sending', claimed_by: worker, claimed_until: until })
    .where('id', 'in', (eb) => {
      const due = eb
        .selectFrom('mail_outbox')
        .select('id')
        .where((w) => w.or([
          w.and([w('status', '=', 'queued'), w('next_attempt_at', '<=', at)]),
          w.and([w('status', '=', 'sending'), w('claimed_until', '<', at)]),
        ]))
        .orderBy('id')
        .limit(limit);
      return pg ? due.forUpdate().skipLocked() : due;
    })
    .returning(['id', 'kind', 'edition_id', 'subscriber_id', 'to_address', 'list_key', 'subject', 'html', 'text_body', 'attempts'])
    .execute();
  return rows
    .map((r) => ({
      id: r.id, kind: r.kind, editionId: r.edition_id, subscriberId: r.subscriber_id, to: r.to_address, listKey: r.list_key,
      subject: r.subject, html: r.html, text: r.text_body, attempts: r.attempts,
    }))
    .sort((a, b) => a.id - b.id);
}

/** Marks claimed messages done (sent, stored, skipped) — only while this worker still holds them. */
export async function finish(db: Db, worker: string, ids: number[], status: Extract<MailStatus, 'sent' | 'stored' | 'skipped'>, error = ''): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('mail_outbox')
    .set({ status, sent_at: status === 'skipped' ? null : now(), claimed_by: null, claimed_until: null, last_error: error })
    .where('id', 'in', ids)
    .where('claimed_by', '=', worker)
    .execute();
}

export async function retryLater(db: Db, worker: string, id: number, attempts: number, retryAt: string | null, error: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ status: retryAt ? 'queued' : 'failed', attempts, next_attempt_at: retryAt ?? now(), claimed_by: null, claimed_until: null, last_error: error.slice(0, 1000) })
    .where('id', '=', id)
    .where('claimed_by', '=', worker)
    .execute();
}

export async function failPermanently(db: Db, worker: string, id: number, attempts: number, error: string): Promise<void> {
  await retryLater(db, worker, id, attempts, null, error);
}

/** The earliest time a queued message is due, or null when nothing waits. */
export async function nextDue(db: Db): Promise<string | null> {
  const row = await db.selectFrom('mail_outbox').select((eb) => eb.fn.min('next_attempt_at').as('due')).where('status', '=', 'queued').executeTakeFirst();
  return (row?.due as string | null | undefined) ?? null;
}

export interface OutboxRow {
  id: number;
  kind: string;
  editionId: number | null;
  to: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  lastError: string;
  createdAt: string;
  sentAt: string | null;
}

export async function listOutbox(db: Db, options: { limit: number; offset: number; status?: MailStatus }): Promise<{ rows: OutboxRow[]; total: number }> {
  let query = db.selectFrom('mail_outbox');
  if (options.status) query = query.where('status', '=', options.status);
  const [rows, count] = await Promise.all([
    query
      .leftJoin('editions', 'editions.id', 'mail_outbox.edition_id')
      .select(['mail_outbox.id', 'mail_outbox.kind', 'mail_outbox.edition_id', 'mail_outbox.to_address', 'mail_outbox.subject', 'editions.subject as edition_subject',
        'mail_outbox.status', 'mail_outbox.attempts', 'mail_outbox.last_error', 'mail_outbox.created_at', 'mail_outbox.sent_at'])
      .orderBy('mail_outbox.id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst(),
  ]);
  return {
    total: Number(count?.n ?? 0),
    rows: rows.map((r) => ({
      id: r.id, kind: r.kind, editionId: r.edition_id, to: r.to_address, subject: r.subject || r.edition_subject || '', status: r.status,
      attempts: r.attempts, lastError: r.last_error, createdAt: r.created_at, sentAt: r.sent_at,
    })),
  };
}

/** Messages per status for one edition (the newsroom's progress line). */
export async function editionProgress(db: Db, editionId: number): Promise<Record<string, number>> {
  const rows = await db.selectFrom('mail_outbox').select(['status', (eb) => eb.fn.countAll<number | string>().as('n')]).where('edition_id', '=', editionId).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
