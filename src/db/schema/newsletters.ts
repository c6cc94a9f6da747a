/** Tables of newsletters/: readers who follow by email, their lists, editions and the mail outbox. */
import type { ColumnType, Generated } from 'kysely';
import type { Flag } from '../schema.js';

/** pending: asked, not yet confirmed; active: confirmed; bounced: the mail server refused it (see newsletters/sender.ts); unsubscribed: left every list. */
export type SubscriberStatus = 'pending' | 'active' | 'bounced' | 'unsubscribed';

/** A reader who follows by email; no account, no password. */
export interface SubscribersTable {
  id: Generated<number>;
  /** Lower-cased. */
  email: string;
  status: SubscriberStatus;
  paused: ColumnType<Flag, Flag | undefined, Flag>;
  /** Part of every signed link; raising it voids all links sent so far. */
  token_version: ColumnType<number, number | undefined, number>;
  /** Permanent (5xx) refusals since the last successful delivery. */
  permanent_failures: ColumnType<number, number | undefined, number>;
  /** The per-address limit on confirmation mails: when the current 24-hour window began and how many were sent in it. */
  confirm_window_start: string | null;
  confirm_sends: ColumnType<number, number | undefined, number>;
  created_at: string;
  confirmed_at: string | null;
  bounced_at: string | null;
}

export interface SubscriptionsTable {
  subscriber_id: number;
  /** daily, weekly, section:<slug>, thread:<slug>, story:<id> (see newsletters/lists.ts). */
  list_key: string;
  /** 0 until the reader used the confirmation link that asked for it. */
  confirmed: ColumnType<Flag, Flag | undefined, Flag>;
  created_at: string;
}

export type EditionKind = 'newsletter' | 'alert' | 'correction';
export type EditionStatus = 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled';

/** One mailing to a list: a newsletter composed in the newsroom or assembled on schedule, a follow alert, a correction notice. */
export interface EditionsTable {
  id: Generated<number>;
  kind: EditionKind;
  list_key: string;
  subject: string;
  intro: ColumnType<string, string | undefined, string>;
  status: EditionStatus;
  /** 1: the daily briefing or weekly digest picks its stories itself until the desk picks them. */
  auto: ColumnType<Flag, Flag | undefined, Flag>;
  send_at: string | null;
  /** For a correction notice: the correction it announces (one notice per correction). */
  correction_id: number | null;
  /** For the daily briefing and weekly digest: which issue it is (daily:2026-12-07), so instances never make two. */
  slot: string | null;
  /** The message as rendered when the edition was queued, with per-reader links as placeholders. */
  html: ColumnType<string, string | undefined, string>;
  text_body: ColumnType<string, string | undefined, string>;
  recipients: ColumnType<number, number | undefined, number>;
  created_by: number | null;
  created_at: string;
  sent_at: string | null;
}

export interface EditionStoriesTable {
  edition_id: number;
  article_id: number;
  position: number;
}

/** A link of an edition sent with click counts on (its mail links to /newsletters/c/<edition>/<position>/<signature>). */
export interface EditionLinksTable {
  edition_id: number;
  position: number;
  url: string;
  clicks: ColumnType<number, number | undefined, number>;
}

/** A follow alert waiting for its batching window to close. */
export interface PendingAlertsTable {
  id: Generated<number>;
  list_key: string;
  kind: 'story' | 'correction' | 'live';
  article_id: number;
  correction_id: number | null;
  due_at: string;
  created_at: string;
}

/**
 * queued: waiting (or waiting for a retry); sending: claimed by a sender until claimed_until; sent: accepted by the
 * SMTP server; stored: kept in the outbox because no SMTP server is configured; failed: refused for good or out of
 * attempts; skipped: not sent because the address stopped receiving mail before its turn.
 */
export type MailStatus = 'queued' | 'sending' | 'sent' | 'stored' | 'failed' | 'skipped';

export interface MailOutboxTable {
  id: Generated<number>;
  kind: 'confirm' | 'edition' | 'test';
  /** One message per purpose and recipient, e.g. edition:12:subscriber:7; a second queueing is a no-op. */
  dedupe_key: string;
  edition_id: number | null;
  subscriber_id: number | null;
  to_address: string;
  /** The list the one-click unsubscribe leaves. */
  list_key: string | null;
  /** Empty for edition messages: they are rendered from the edition at send time. */
  subject: ColumnType<string, string | undefined, string>;
  html: ColumnType<string, string | undefined, string>;
  text_body: ColumnType<string, string | undefined, string>;
  status: MailStatus;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  last_error: ColumnType<string, string | undefined, string>;
  created_at: string;
  sent_at: string | null;
}
