/** Newsroom people: create, find and list users; every user has a public author page by slug. */
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import type { Role, User } from '../db/schema.js';
import { slugify } from '../slugs.js';
import { conflict, invalid, notFound } from '../errors.js';
import { hashPassword, passwordProblem } from './passwords.js';

export const roles: Role[] = ['contributor', 'author', 'editor', 'admin'];

export function isRole(value: string): value is Role {
  return (roles as string[]).includes(value);
}

export interface NewUserInput {
  email: string;
  name: string;
  role: Role;
  bio?: string;
  /** Omit for people who cannot sign in yet (imported authors, invitees). */
  password?: string;
  slug?: string;
}

export async function findUserByEmail(db: Db, email: string): Promise<User | null> {
  return (await db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst()) ?? null;
}

export async function findUserById(db: Db, id: number): Promise<User | null> {
  return (await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

async function freeSlug(db: Db, wanted: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? wanted : `${wanted}-${n}`;
    if (!(await db.selectFrom('users').select('id').where('slug', '=', candidate).executeTakeFirst())) return candidate;
  }
}

export async function createUser(db: Db, input: NewUserInput): Promise<User> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw invalid(`"${input.email}" is not an email address.`, { email: 'Not an email address.' });
  if (!input.name.trim()) throw invalid('A user needs a name.', { name: 'Required.' });
  if (!isRole(input.role)) throw invalid(`Unknown role "${input.role}"; use one of ${roles.join(', ')}.`, { role: 'Unknown role.' });
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw invalid(problem, { password: problem });
  }
  if (await findUserByEmail(db, email)) throw conflict(`There is already a user with the email ${email}.`, { email: 'Already in use.' });
  const slug = await freeSlug(db, input.slug || slugify(input.name));
  return db
    .insertInto('users')
    .values({
      email,
      name: input.name.trim(),
      slug,
      bio: input.bio ?? '',
      role: input.role,
      password_hash: input.password !== undefined ? await hashPassword(input.password) : null,
      avatar_media_id: null,
      created_at: now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Checks a new password and hashes it; commands do this before their transaction, since hashing takes tens of milliseconds. */
export async function newPasswordHash(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw invalid(problem, { password: problem });
  return hashPassword(password);
}

export async function storePasswordHash(db: Db, userId: number, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export async function listUsers(db: Db): Promise<User[]> {
  return db.selectFrom('users').selectAll().orderBy('name').execute();
}

async function activeAdminCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .where('password_hash', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function keepAnAdmin(db: Db, user: User, change: string): Promise<void> {
  if (user.role === 'admin' && Number(user.disabled) === 0 && (await activeAdminCount(db)) <= 1) {
    throw conflict(`${user.name} is the only active administrator, so you cannot ${change}. Make someone else an administrator first.`);
  }
}

export async function changeRole(db: Db, userId: number, role: string): Promise<User> {
  if (!isRole(role)) throw invalid(`Unknown role "${role.slice(0, 40)}"; use one of ${roles.join(', ')}.`, { role: 'Unknown role.' });
  const user = await findUserById(db, userId);
  if (!user) throw notFound('That user');
  if (user.role === role) return user;
  if (role !== 'admin') await keepAnAdmin(db, user, 'change their role');
  await db.updateTable('users').set({ role }).where('id', '=', userId).execute();
  return { ...user, role };
}

/** Disabling keeps the person's stories and byline but stops them signing in (their sessions end too, in the caller). */
export async function setDisabled(db: Db, userId: number, disabled: boolean): Promise<User> {
  const user = await findUserById(db, userId);
  if (!user) throw notFound('That user');
  if (disabled) await keepAnAdmin(db, user, 'disable them');
  await db.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', userId).execute();
  return { ...user, disabled: disabled ? 1 : 0 };
}

export const profileLimits = { name: 120, bio: 1000 } as const;

/**
 * A person's public byline, biography and photo, shown on their author page and their stories. `photoMediaId`: a
 * picture from the media library, null to remove the photo, left out to keep the one they have.
 */
export async function updateProfile(db: Db, userId: number, input: { name: string; bio: string; photoMediaId?: number | null }): Promise<void> {
  const name = input.name.trim();
  const bio = input.bio.trim();
  const problems: Record<string, string> = {};
  if (!name) problems.name = 'Please enter your name as readers should see it.';
  else if (name.length > profileLimits.name) problems.name = `Names can be at most ${profileLimits.name} characters.`;
  if (bio.length > profileLimits.bio) problems.bio = `Keep the biography to ${profileLimits.bio} characters or fewer.`;
  if (input.photoMediaId !== undefined && input.photoMediaId !== null) {
    const photo = await db.selectFrom('media').select(['mime']).where('id', '=', input.photoMediaId).executeTakeFirst();
    if (!photo) problems.photo = 'That picture is no longer in the media library; choose another one.';
    else if (!photo.mime.startsWith('image/')) problems.photo = 'Choose a picture for your photo.';
  }
  if (Object.keys(problems).length) throw invalid(Object.values(problems).join(' '), problems);
  await db
    .updateTable('users')
    .set(input.photoMediaId === undefined ? { name, bio } : { name, bio, avatar_media_id: input.photoMediaId })
    .where('id', '=', userId)
    .execute();
}
