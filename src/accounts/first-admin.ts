/** On first start, make sure someone can sign in: create an administrator when no admin can. */
import type { AppContext } from '../context.js';
import { generatePassword, hashPassword } from './passwords.js';
import { createUser } from './users.js';

/** Returns the new admin's sign-in (to print once), or null when an admin with a password already exists. */
export async function ensureFirstAdmin(ctx: AppContext): Promise<{ email: string; password: string } | null> {
  const db = ctx.store.db;
  const existing = await db.selectFrom('users').select(['id', 'password_hash']).where('role', '=', 'admin').execute();
  if (existing.some((u) => u.password_hash !== null)) return null;
  const password = generatePassword();
  const email = 'admin@gazette.local';
  const already = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (already) {
    await db.updateTable('users').set({ password_hash: await hashPassword(password), role: 'admin' }).where('id', '=', already.id).execute();
  } else {
    await createUser(db, { email, name: 'Site Administrator', role: 'admin', password, bio: 'Runs this Gazette site.' });
  }
  return { email, password };
}
