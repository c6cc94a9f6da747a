/** Sign-in rate limits, per account and per IP, counted in the database so every app instance sees the same attempts. */
import { createHmac } from 'node:crypto';
import type { Db } from '../db/index.js';
import { plural } from '../plural.js';

export const signInLimits = {
  windowMs: 15 * 60 * 1000,
  /** Failed attempts on one account within the window before it is paused. */
  perAccount: 5,
  /** Failed attempts from one address within the window, over any accounts. */
  perIp: 20,
} as const;

function hashIp(ip: string, secret: string): string {
  return createHmac('sha256', secret).update(`sign-in-ip:${ip}`).digest('base64url').slice(0, 32);
}

export interface SignInRefusal {
  message: string;
  retryAfterSeconds: number;
}

async function failures(db: Db, column: 'email' | 'ip_hash', value: string, since: string): Promise<{ count: number; oldest: string | null }> {
  const row = await db
    .selectFrom('sign_in_attempts')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where(column, '=', value)
    .where('succeeded', '=', 0)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), oldest: (row.oldest as string | null) ?? null };
}

function waitSeconds(oldest: string | null, at: number): number {
  if (!oldest) return Math.ceil(signInLimits.windowMs / 1000);
  return Math.max(1, Math.ceil((Date.parse(oldest) + signInLimits.windowMs - at) / 1000));
}

function minutes(seconds: number): string {
  return plural(Math.ceil(seconds / 60), 'minute');
}

/** Null when a sign-in may be tried now; otherwise why not and for how long. */
export async function checkSignInAllowed(db: Db, email: string, ip: string, secret: string, at = Date.now()): Promise<SignInRefusal | null> {
  const since = new Date(at - signInLimits.windowMs).toISOString();
  const byAccount = await failures(db, 'email', email, since);
  if (byAccount.count >= signInLimits.perAccount) {
    const wait = waitSeconds(byAccount.oldest, at);
    return {
      message: `Too many failed sign-ins for this account. For your security it is paused: try again in ${minutes(wait)}, or reset your password.`,
      retryAfterSeconds: wait,
    };
  }
  const byIp = await failures(db, 'ip_hash', hashIp(ip, secret), since);
  if (byIp.count >= signInLimits.perIp) {
    const wait = waitSeconds(byIp.oldest, at);
    return { message: `Too many failed sign-ins from your network. Please try again in ${minutes(wait)}.`, retryAfterSeconds: wait };
  }
  return null;
}

/** Records an attempt; old rows are pruned as new ones arrive. */
export async function recordSignInAttempt(db: Db, email: string, ip: string, secret: string, succeeded: boolean, at = Date.now()): Promise<void> {
  await db
    .insertInto('sign_in_attempts')
    .values({ email, ip_hash: hashIp(ip, secret), succeeded: succeeded ? 1 : 0, created_at: new Date(at).toISOString() })
    .execute();
  if (succeeded) {
    await db.deleteFrom('sign_in_attempts').where('email', '=', email).where('succeeded', '=', 0).execute();
  }
  await db.deleteFrom('sign_in_attempts').where('created_at', '<', new Date(at - 2 * signInLimits.windowMs).toISOString()).execute();
}

/** Lifts an account's pause, e.g. once its owner proved themselves through a reset link. */
export async function clearFailedSignIns(db: Db, email: string): Promise<void> {
  await db.deleteFrom('sign_in_attempts').where('email', '=', email).where('succeeded', '=', 0).execute();
}
