/** Newsroom sign-in sessions: random ids kept only as hashes, a CSRF token each, sliding expiry, and "sign out everywhere". */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import type { Role } from '../db/schema.js';

export const sessionCookieName = 'gazette_session';
export const sessionLifetimeMs = 14 * 24 * 3600 * 1000;
/** A session is only re-dated when it is this old, so not every request writes. */
const slideAfterMs = 3600 * 1000;

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  slug: string;
  role: Role;
}

export interface ActiveSession {
  user: SessionUser;
  csrfToken: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Starts a session and returns the secret cookie value; only its hash is stored. */
export async function createSession(db: Db, userId: number, userAgent: string): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const at = Date.now();
  const expiresAt = new Date(at + sessionLifetimeMs);
  await db.deleteFrom('sessions').where('expires_at', '<', new Date(at).toISOString()).execute();
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: new Date(at).toISOString(),
      expires_at: expiresAt.toISOString(),
      last_seen_at: new Date(at).toISOString(),
      user_agent: userAgent.slice(0, 300),
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The signed-in user behind a cookie value, or null when the session is unknown, expired or the user is disabled. */
export async function findSession(db: Db, token: string): Promise<(ActiveSession & { expiresAt: Date; renewed: boolean }) | null> {
  if (!token || token.length > 100) return null;
  const id = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at', 'users.id', 'users.email', 'users.name', 'users.slug', 'users.role', 'users.disabled'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row || Number(row.disabled) === 1) return null;
  const at = Date.now();
  if (Date.parse(row.expires_at) <= at) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  let expiresAt = new Date(row.expires_at);
  let renewed = false;
  if (at - Date.parse(row.last_seen_at) > slideAfterMs) {
    expiresAt = new Date(at + sessionLifetimeMs);
    renewed = true;
    await db.updateTable('sessions').set({ last_seen_at: new Date(at).toISOString(), expires_at: expiresAt.toISOString() }).where('id', '=', id).execute();
  }
  return {
    user: { id: row.id, email: row.email, name: row.name, slug: row.slug, role: row.role },
    csrfToken: row.csrf_token,
    expiresAt,
    renewed,
  };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

/** Ends every session of a user ("sign out everywhere", password change, disabling). Returns how many ended. */
export async function endUserSessions(db: Db, userId: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countUserSessions(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('expires_at', '>', now())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ends every other session of a user, keeping the one making the request (after a password change). */
export async function endOtherSessions(db: Db, userId: number, keepToken: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', hashToken(keepToken)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
