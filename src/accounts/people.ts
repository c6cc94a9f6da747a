/**
 * Commands for the people of the newsroom: accounts (create, invite, role, disable, password links) and each
 * person's own profile and password. Public bylines announce `site.changed`; the rest only `newsroom.changed`.
 */
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { CommandError, conflict, notFound } from '../errors.js';
import { permit, personOf, type Actor } from './actor.js';
import { acceptInvitation, createInvitation, createPasswordReset, revokeInvitation } from './links.js';
import { verifyPassword } from './passwords.js';
import type { PolicyUser } from './policies.js';
import { endOtherSessions, endUserSessions } from './sessions.js';
import { changeRole, createUser, findUserById, newPasswordHash, setDisabled, storePasswordHash, updateProfile, type NewUserInput } from './users.js';

function signedIn(actor: Actor | null | undefined): PolicyUser {
  const person = actor ? personOf(actor) : null;
  if (!person) throw new CommandError('unauthenticated', 'Please sign in to continue.');
  return person;
}

/** Command: add a person directly (the CLI's `gazette user create`, setting up the first administrator). */
export async function addPerson(ctx: AppContext, actor: Actor, input: NewUserInput): Promise<User> {
  permit(actor, 'user.manage');
  const user = await ctx.store.db.transaction().execute((trx) => createUser(trx, input));
  ctx.events.emit('newsroom.changed', { what: 'users', kind: 'created', userId: user.id });
  return user;
}

/** Command: invite someone by email with a role; returns the one-time token for their link (sent by the caller). */
export async function invitePerson(ctx: AppContext, actor: Actor, input: { email: string; role: string }): Promise<string> {
  permit(actor, 'user.manage');
  const token = await ctx.store.db.transaction().execute((trx) => createInvitation(trx, { ...input, invitedBy: personOf(actor)?.id ?? null }));
  ctx.events.emit('newsroom.changed', { what: 'invitations', kind: 'created', email: input.email.trim().toLowerCase() });
  return token;
}

/** Command: withdraw an open invitation. */
export async function withdrawInvitation(ctx: AppContext, actor: Actor, email: string): Promise<void> {
  permit(actor, 'user.manage');
  const address = email.trim().toLowerCase();
  const withdrawn = await ctx.store.db.transaction().execute((trx) => revokeInvitation(trx, address));
  if (!withdrawn) throw new CommandError('not_found', `There is no open invitation for ${address}.`);
  ctx.events.emit('newsroom.changed', { what: 'invitations', kind: 'withdrawn', email: address });
}

/** Command: the invitee chooses a name and password; the account is created with the invited role. */
export async function joinByInvitation(ctx: AppContext, token: string, input: { name: string; password: string }): Promise<{ userId: number; email: string }> {
  const joined = await ctx.store.db.transaction().execute((trx) => acceptInvitation(trx, token, input));
  ctx.events.emit('newsroom.changed', { what: 'users', kind: 'created', userId: joined.userId });
  return joined;
}

/** Command: give someone another role; the last active administrator keeps theirs. */
export async function changePersonRole(ctx: AppContext, actor: Actor, userId: number, role: string): Promise<User> {
  permit(actor, 'user.manage');
  const { user, changed } = await ctx.store.db.transaction().execute(async (trx) => {
    const before = await findUserById(trx, userId);
    const after = await changeRole(trx, userId, role);
    return { user: after, changed: before?.role !== after.role };
  });
  if (changed) ctx.events.emit('newsroom.changed', { what: 'users', kind: 'role', userId });
  return user;
}

/** Command: disable an account (keeping its stories and byline, ending its sessions) or enable it again. */
export async function setPersonEnabled(ctx: AppContext, actor: Actor, userId: number, enabled: boolean): Promise<User> {
  permit(actor, 'user.manage');
  if (!enabled && personOf(actor)?.id === userId) throw conflict('You cannot disable your own account.');
  const user = await ctx.store.db.transaction().execute(async (trx) => {
    const changed = await setDisabled(trx, userId, !enabled);
    if (!enabled) await endUserSessions(trx, userId);
    return changed;
  });
  ctx.events.emit('newsroom.changed', { what: 'users', kind: enabled ? 'enabled' : 'disabled', userId });
  return user;
}

/** Command: a one-time password link for someone (an administrator's, or the CLI's); returns the token and the person. */
export async function issuePasswordLink(ctx: AppContext, actor: Actor, userId: number): Promise<{ token: string; user: User }> {
  permit(actor, 'user.manage');
  const result = await ctx.store.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw notFound('That user');
    if (Number(user.disabled) === 1 && personOf(actor)) throw conflict(`${user.name}'s account is disabled; enable it first.`);
    return { token: await createPasswordReset(trx, user.id, user.email, personOf(actor)?.id ?? null), user };
  });
  ctx.events.emit('newsroom.changed', { what: 'users', kind: 'password-link', userId });
  return result;
}

/** Command: set a new password for someone and sign them out everywhere (the CLI's `reset-password --generate`). */
export async function replacePassword(ctx: AppContext, actor: Actor, userId: number, password: string): Promise<{ endedSessions: number }> {
  permit(actor, 'user.manage');
  const passwordHash = await newPasswordHash(password);
  const endedSessions = await ctx.store.db.transaction().execute(async (trx) => {
    if (!(await findUserById(trx, userId))) throw notFound('That user');
    await storePasswordHash(trx, userId, passwordHash);
    return endUserSessions(trx, userId);
  });
  ctx.events.emit('newsroom.changed', { what: 'users', kind: 'password', userId });
  return { endedSessions };
}

/** Command: a person changes their own public byline, biography and photo; their author page and bylines change with it. */
export async function updateOwnProfile(ctx: AppContext, actor: Actor, input: { name: string; bio: string; photoMediaId?: number | null }): Promise<void> {
  const me = signedIn(actor);
  const slug = await ctx.store.db.transaction().execute(async (trx) => {
    await updateProfile(trx, me.id, input);
    return (await findUserById(trx, me.id))?.slug ?? '';
  });
  ctx.events.emit('site.changed', { what: 'authors', userId: me.id, slug });
}

/**
 * Command: a person changes their own password, proving the current one; every other session of theirs ends, the
 * one given (the browser asking) stays signed in.
 */
export async function changeOwnPassword(ctx: AppContext, actor: Actor, input: { current: string; password: string; keepSessionToken?: string }): Promise<void> {
  const me = signedIn(actor);
  const user = await findUserById(ctx.store.db, me.id);
  if (!user || !(await verifyPassword(input.current, user.password_hash))) {
    throw new CommandError('invalid', 'Your current password was not right, so nothing changed.', { current: 'Not right.' });
  }
  const passwordHash = await newPasswordHash(input.password);
  await ctx.store.db.transaction().execute(async (trx) => {
    await storePasswordHash(trx, me.id, passwordHash);
    if (input.keepSessionToken) await endOtherSessions(trx, me.id, input.keepSessionToken);
  });
  ctx.events.emit('newsroom.changed', { what: 'users', kind: 'password', userId: me.id });
}
