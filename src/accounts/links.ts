/** One-time account links: password resets and invitations. Only a hash of each token is stored; a link works once and expires. */
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import type { Role } from '../db/schema.js';
import { CommandError, conflict, invalid } from '../errors.js';
import { hashToken, randomToken } from './sessions.js';
import { createUser, findUserByEmail, isRole, roles, storePasswordHash } from './users.js';
import { endUserSessions } from './sessions.js';

export const resetLifetimeMs = 2 * 3600 * 1000;
export const inviteLifetimeMs = 7 * 24 * 3600 * 1000;

export function resetPath(token: string): string {
  return `/newsroom/reset-password/${token}`;
}

export function invitationPath(token: string): string {
  return `/newsroom/invitations/${token}`;
}

/** Creates a reset link for a user; earlier unused reset links for them stop working. */
async function pruneExpiredLinks(db: Db): Promise<void> {
  await db.deleteFrom('account_links').where('expires_at', '<', now()).execute();
}

export async function createPasswordReset(db: Db, userId: number, email: string, createdBy: number | null = null): Promise<string> {
  await pruneExpiredLinks(db);
  await db.deleteFrom('account_links').where('kind', '=', 'reset').where('user_id', '=', userId).execute();
  const token = randomToken();
  const at = Date.now();
  await db
    .insertInto('account_links')
    .values({
      token_hash: hashToken(token),
      kind: 'reset',
      email,
      user_id: userId,
      role: null,
      created_by: createdBy,
      created_at: new Date(at).toISOString(),
      expires_at: new Date(at + resetLifetimeMs).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

export interface OpenLink {
  kind: 'reset' | 'invite';
  email: string;
  userId: number | null;
  role: Role | null;
}

const unusable = 'This link has expired or was already used. Ask for a new one.';

/** The link behind a token if it can still be used, else null. */
export async function findOpenLink(db: Db, kind: 'reset' | 'invite', token: string): Promise<OpenLink | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db
    .selectFrom('account_links')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (!row || row.used_at !== null || Date.parse(row.expires_at) <= Date.now()) return null;
  return { kind, email: row.email, userId: row.user_id, role: row.role };
}

/** Marks a link used; false when someone else used it first (so it works exactly once). */
async function claimLink(db: Db, token: string): Promise<boolean> {
  const result = await db
    .updateTable('account_links')
    .set({ used_at: now() })
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Sets a new password (already checked and hashed) through a reset link and signs the user out everywhere. */
export async function completePasswordReset(db: Db, token: string, passwordHash: string): Promise<{ userId: number; email: string }> {
  const link = await findOpenLink(db, 'reset', token);
  if (!link || link.userId === null) throw new CommandError('gone', unusable, {}, 'link_expired');
  await storePasswordHash(db, link.userId, passwordHash);
  if (!(await claimLink(db, token))) throw new CommandError('gone', unusable, {}, 'link_expired');
  await endUserSessions(db, link.userId);
  return { userId: link.userId, email: link.email };
}

export interface PendingInvitation {
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

export async function createInvitation(db: Db, input: { email: string; role: string; invitedBy: number | null }): Promise<string> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
    throw invalid(`"${input.email.slice(0, 80)}" is not an email address.`, { email: 'Not an email address.' });
  }
  if (!isRole(input.role)) throw invalid(`Choose one of the roles: ${roles.join(', ')}.`, { role: 'Unknown role.' });
  if (await findUserByEmail(db, email)) {
    throw conflict(`${email} already has an account.`, { email: 'Already has an account.' });
  }
  await pruneExpiredLinks(db);
  await db.deleteFrom('account_links').where('kind', '=', 'invite').where('email', '=', email).where('used_at', 'is', null).execute();
  const token = randomToken();
  const at = Date.now();
  await db
    .insertInto('account_links')
    .values({
      token_hash: hashToken(token),
      kind: 'invite',
      email,
      user_id: null,
      role: input.role,
      created_by: input.invitedBy,
      created_at: new Date(at).toISOString(),
      expires_at: new Date(at + inviteLifetimeMs).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

export async function listPendingInvitations(db: Db): Promise<PendingInvitation[]> {
  const rows = await db
    .selectFrom('account_links')
    .select(['email', 'role', 'created_at', 'expires_at'])
    .where('kind', '=', 'invite')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now())
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ email: r.email, role: r.role ?? 'contributor', createdAt: r.created_at, expiresAt: r.expires_at }));
}

export async function revokeInvitation(db: Db, email: string): Promise<boolean> {
  const result = await db.deleteFrom('account_links').where('kind', '=', 'invite').where('email', '=', email).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The invitee chooses a name and password; the account is created with the invited role. */
export async function acceptInvitation(db: Db, token: string, input: { name: string; password: string }): Promise<{ userId: number; email: string }> {
  const link = await findOpenLink(db, 'invite', token);
  if (!link || !link.role) throw new CommandError('gone', 'This invitation has expired or was already used. Ask an administrator for a new one.', {}, 'link_expired');
  const name = input.name.trim();
  if (!name) throw invalid('Please enter your name as readers should see it.', { name: 'Required.' });
  if (name.length > 120) throw invalid('Names can be at most 120 characters.', { name: 'Too long.' });
  const user = await createUser(db, { email: link.email, name, role: link.role, password: input.password });
  await claimLink(db, token);
  return { userId: user.id, email: user.email };
}
