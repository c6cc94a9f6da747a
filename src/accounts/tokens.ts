/** API tokens: scoped, revocable secrets for the admin API, shown once and stored only as a sha256 hash. */
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../context.js';
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import { invalid, notFound } from '../errors.js';
import { permit, type Actor } from './actor.js';
import type { SessionUser } from './sessions.js';

export const apiScopes = {
  'stories:write': 'Create, edit, schedule and publish stories',
  'media:write': 'Upload images',
  'comments:moderate': 'Approve, hold, mark as spam or remove comments',
} as const;

export type ApiScope = keyof typeof apiScopes;

export const isApiScope = (value: string): value is ApiScope => Object.hasOwn(apiScopes, value);

const tokenPrefix = 'gzt_';
const nameLimit = 80;
/** last_used_at is rewritten at most this often per token, so reads do not turn into writes. */
const touchEveryMs = 60_000;

export interface ApiTokenView {
  id: number;
  userId: number;
  userName: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuthenticatedToken {
  id: number;
  scopes: ApiScope[];
  user: SessionUser;
}

function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function parseScopes(stored: string): ApiScope[] {
  return stored.split(' ').filter(isApiScope);
}

/** Makes a token and returns its secret, which is never shown again. */
export async function createApiToken(db: Db, input: { userId: number; name: string; scopes: string[] }): Promise<{ id: number; token: string }> {
  const name = input.name.trim();
  const problems: Record<string, string> = {};
  if (!name) problems.name = 'Give the token a name that says where it is used.';
  else if (name.length > nameLimit) problems.name = `Token names can be at most ${nameLimit} characters.`;
  const unknown = input.scopes.filter((s) => !isApiScope(s));
  if (unknown.length) problems.scopes = `Unknown scope: ${unknown.join(', ')}.`;
  else if (input.scopes.length === 0) problems.scopes = 'Choose at least one thing the token may do.';
  if (Object.keys(problems).length) throw invalid(Object.values(problems)[0] ?? 'Invalid token.', problems);
  const token = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
  const { id } = await db
    .insertInto('api_tokens')
    .values({
      user_id: input.userId,
      name,
      token_hash: hashApiToken(token),
      prefix: token.slice(0, tokenPrefix.length + 6),
      scopes: [...new Set(input.scopes)].join(' '),
      created_at: now(),
      last_used_at: null,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, token };
}

/** Tokens of one user, or of everyone when `userId` is null; newest first. */
export async function listApiTokens(db: Db, userId: number | null): Promise<ApiTokenView[]> {
  let query = db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('api_tokens')
    .select('users.name as user_name')
    .orderBy('api_tokens.id', 'desc');
  if (userId !== null) query = query.where('api_tokens.user_id', '=', userId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    userName: r.user_name,
    name: r.name,
    prefix: r.prefix,
    scopes: parseScopes(r.scopes),
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function findApiToken(db: Db, id: number): Promise<ApiTokenView | null> {
  const [token] = (await listApiTokens(db, null)).filter((t) => t.id === id);
  return token ?? null;
}

/** Command: make an API token for the person acting (admins may make one for someone else); the secret is returned once. */
export async function issueApiToken(ctx: AppContext, actor: Actor, input: { name: string; scopes: string[]; userId?: number }): Promise<{ id: number; token: string }> {
  const own = 'id' in actor ? actor.id : null;
  const userId = input.userId ?? own;
  if (userId === null) throw invalid('Say whose token this is.', { userId: 'Required.' });
  permit(actor, 'token.own', { userId });
  const made = await ctx.store.db.transaction().execute((trx) => createApiToken(trx, { userId, name: input.name, scopes: input.scopes }));
  ctx.events.emit('newsroom.changed', { what: 'tokens', kind: 'created', tokenId: made.id, userId });
  return made;
}

/** Command: revoke a token (its owner's or, for admins, anyone's); programs using it are refused from then on. */
export async function revokeApiToken(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const token = await findApiToken(ctx.store.db, id);
  if (!token) throw notFound('That token');
  permit(actor, 'token.own', { userId: token.userId });
  await ctx.store.db.transaction().execute((trx) =>
    trx.updateTable('api_tokens').set({ revoked_at: now() }).where('id', '=', id).where('revoked_at', 'is', null).execute(),
  );
  ctx.events.emit('newsroom.changed', { what: 'tokens', kind: 'revoked', tokenId: id, userId: token.userId });
}

/** The live token behind a secret, with its user; null for unknown, revoked tokens or disabled users. */
export async function authenticateApiToken(db: Db, token: string): Promise<AuthenticatedToken | null> {
  if (!token.startsWith(tokenPrefix) || token.length > 200) return null;
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.scopes', 'api_tokens.revoked_at', 'api_tokens.last_used_at'])
    .select(['users.id as user_id', 'users.email', 'users.name', 'users.slug', 'users.role', 'users.disabled'])
    .where('api_tokens.token_hash', '=', hashApiToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled === 1) return null;
  const at = now();
  if (!row.last_used_at || Date.parse(at) - Date.parse(row.last_used_at) > touchEveryMs) {
    await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', row.id).execute();
  }
  return {
    id: row.id,
    scopes: parseScopes(row.scopes),
    user: { id: row.user_id, email: row.email, name: row.name, slug: row.slug, role: row.role },
  };
}
