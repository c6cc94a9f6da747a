/** Commands for getting in and out: sign in, sign out (here or everywhere), ask for and complete a password reset. */
import type { AppContext } from '../context.js';
import { CommandError } from '../errors.js';
import { personOf, type Actor } from './actor.js';
import { completePasswordReset as useResetLink, createPasswordReset } from './links.js';
import { verifySignInPassword } from './passwords.js';
import { createSession, endSession, endUserSessions, findSession } from './sessions.js';
import { checkSignInAllowed, clearFailedSignIns, recordSignInAttempt } from './sign-in-limits.js';
import { findUserByEmail, newPasswordHash } from './users.js';

export interface SignInInput {
  email: string;
  password: string;
  /** Where the attempt comes from, for the per-address limit (kept only as a keyed hash). */
  ip: string;
  userAgent: string;
}

export interface StartedSession {
  userId: number;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Command: check a password and start a session. Refused with rate_limited (details.retryAfterSeconds) after too many
 * failures, and with unauthenticated for a wrong password or a disabled account; every attempt is recorded.
 */
export async function signIn(ctx: AppContext, input: SignInInput): Promise<StartedSession> {
  const db = ctx.store.db;
  const email = input.email.trim().toLowerCase();
  const limited = await checkSignInAllowed(db, email, input.ip, ctx.secret);
  if (limited) throw new CommandError('rate_limited', limited.message, { retryAfterSeconds: String(limited.retryAfterSeconds) });
  const user = await findUserByEmail(db, email);
  const passwordOk = await verifySignInPassword(input.password, user?.password_hash);
  if (!user || !passwordOk || Number(user.disabled) !== 0) {
    await recordSignInAttempt(db, email, input.ip, ctx.secret, false);
    const message = user && passwordOk ? 'This account has been disabled. Ask an administrator to enable it.' : 'That email and password do not match an account.';
    throw new CommandError('unauthenticated', message);
  }
  const session = await db.transaction().execute(async (trx) => {
    await recordSignInAttempt(trx, email, input.ip, ctx.secret, true);
    return createSession(trx, user.id, input.userAgent);
  });
  ctx.events.emit('newsroom.changed', { what: 'sessions', kind: 'signed-in', userId: user.id });
  return { userId: user.id, ...session };
}

/** Command: end the session behind a cookie value (signing out on this device). */
export async function signOut(ctx: AppContext, sessionToken: string): Promise<void> {
  const userId = await ctx.store.db.transaction().execute(async (trx) => {
    const session = await findSession(trx, sessionToken);
    await endSession(trx, sessionToken);
    return session?.user.id ?? null;
  });
  ctx.events.emit('newsroom.changed', { what: 'sessions', kind: 'signed-out', userId });
}

/** Command: a person ends every session of theirs, on every device. */
export async function signOutEverywhere(ctx: AppContext, actor: Actor): Promise<number> {
  const me = personOf(actor);
  if (!me) throw new CommandError('unauthenticated', 'Please sign in to continue.');
  const ended = await ctx.store.db.transaction().execute((trx) => endUserSessions(trx, me.id));
  ctx.events.emit('newsroom.changed', { what: 'sessions', kind: 'signed-out-everywhere', userId: me.id });
  return ended;
}

/**
 * Command: someone who forgot their password asks for a link. Returns the token and address to mail it to, or null
 * when there is no such active account; the caller answers the same either way, so nobody learns who has one.
 */
export async function requestPasswordReset(ctx: AppContext, email: string): Promise<{ token: string; email: string } | null> {
  const user = await findUserByEmail(ctx.store.db, email);
  if (!user || Number(user.disabled) !== 0) return null;
  const token = await ctx.store.db.transaction().execute((trx) => createPasswordReset(trx, user.id, user.email));
  ctx.events.emit('newsroom.changed', { what: 'users', kind: 'password-link', userId: user.id });
  return { token, email: user.email };
}

/**
 * Command: set a new password through a reset link, in one transaction: the password, the link marked used, every
 * session of the person ended and their failed sign-ins forgotten. Refused with gone when the link is used or expired.
 */
export async function completePasswordReset(ctx: AppContext, token: string, password: string): Promise<{ userId: number; email: string }> {
  const passwordHash = await newPasswordHash(password);
  const reset = await ctx.store.db.transaction().execute(async (trx) => {
    const done = await useResetLink(trx, token, passwordHash);
    await clearFailedSignIns(trx, done.email);
    return done;
  });
  ctx.events.emit('newsroom.changed', { what: 'sessions', kind: 'password-reset', userId: reset.userId });
  return reset;
}
