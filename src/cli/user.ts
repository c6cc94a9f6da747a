/** `gazette user`: create and list newsroom users and reset passwords from the command line (for the first admin, or when mail is down). */
import { systemActor } from '../accounts/actor.js';
import { resetPath } from '../accounts/links.js';
import { generatePassword } from '../accounts/passwords.js';
import { addPerson, issuePasswordLink, replacePassword } from '../accounts/people.js';
import { findUserByEmail, isRole, listUsers, roles } from '../accounts/users.js';
import { createContext } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { CommandError } from '../errors.js';
import { parseArgs, UsageError, type Command } from './types.js';

const help = `Usage:
  gazette user create --email EMAIL --name NAME --role ROLE [--password PASSWORD]
  gazette user list
  gazette user reset-password EMAIL [--generate]

create          adds a newsroom user; ROLE is one of ${roles.join(', ')}. Without --password a
                password is generated and printed once.
list            prints every user: id, role, status, email and name.
reset-password  prints a one-time link (valid two hours) for choosing a new password;
                with --generate, sets a new generated password instead, prints it and
                signs the user out everywhere.

The database comes from DATABASE_URL (default: ./data/gazette.db); links use SITE_URL.`;

/** The operator at the terminal acts as the system: the commands' role checks are for people signed in. */
const operator = systemActor('cli');

async function withContext(work: (ctx: AppContext) => Promise<number>): Promise<number> {
  const ctx = await createContext(loadConfig());
  try {
    return await work(ctx);
  } finally {
    await ctx.store.close();
  }
}

function required(flags: Record<string, string | true>, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || !value.trim()) throw new UsageError(`--${name} is required`);
  return value;
}

/** Turns the messages meant for web forms into one line for the terminal. */
async function reportProblems(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CommandError) {
      console.error(`gazette user: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

async function create(args: string[]): Promise<number> {
  const { flags, positional } = parseArgs(args);
  if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"`);
  const email = required(flags, 'email');
  const name = required(flags, 'name');
  const role = required(flags, 'role');
  if (!isRole(role)) throw new UsageError(`--role must be one of ${roles.join(', ')}`);
  const given = typeof flags.password === 'string' ? flags.password : undefined;
  const password = given ?? generatePassword();
  return withContext(async (ctx) => {
    const user = await addPerson(ctx, operator, { email, name, role, password });
    console.log(`Created ${user.role} ${user.name} <${user.email}> (id ${user.id}).`);
    if (!given) console.log(`Password (shown once): ${password}`);
    return 0;
  });
}

async function list(args: string[]): Promise<number> {
  const { positional } = parseArgs(args);
  if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"`);
  return withContext(async (ctx) => {
    const users = await listUsers(ctx.store.db);
    if (!users.length) {
      console.log('No users yet. Create one with: gazette user create --email EMAIL --name NAME --role admin');
      return 0;
    }
    const rows = users.map((u) => [String(u.id), u.role, Number(u.disabled) ? 'disabled' : u.password_hash ? 'active' : 'no-password', u.email, u.name]);
    const header = ['ID', 'ROLE', 'STATUS', 'EMAIL', 'NAME'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    for (const row of [header, ...rows]) console.log(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
    return 0;
  });
}

async function resetPassword(args: string[]): Promise<number> {
  const { flags, positional } = parseArgs(args, ['generate']);
  const [email, extra] = positional;
  if (!email) throw new UsageError('give the email address of the user');
  if (extra) throw new UsageError(`unexpected argument "${extra}"`);
  return withContext(async (ctx) => {
    const user = await findUserByEmail(ctx.store.db, email);
    if (!user) {
      console.error(`gazette user: there is no user with the email ${email.trim().toLowerCase()}.`);
      return 1;
    }
    if (flags.generate) {
      const password = generatePassword();
      const { endedSessions: ended } = await replacePassword(ctx, operator, user.id, password);
      console.log(`New password for ${user.email} (shown once): ${password}`);
      if (ended) console.log(`Signed out of ${ended} session${ended === 1 ? '' : 's'}.`);
    } else {
      const { token } = await issuePasswordLink(ctx, operator, user.id);
      console.log(`One-time link for ${user.email} (valid for two hours):`);
      console.log(`${ctx.config.siteUrl}${resetPath(token)}`);
    }
    if (Number(user.disabled)) console.log('Note: this account is disabled; an administrator must enable it before it can sign in.');
    return 0;
  });
}

export const userCommand: Command = {
  name: 'user',
  help,
  async run(args) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'create':
        return reportProblems(() => create(rest));
      case 'list':
        return reportProblems(() => list(rest));
      case 'reset-password':
        return reportProblems(() => resetPassword(rest));
      case undefined:
        throw new UsageError('say what to do: create, list or reset-password');
      default:
        throw new UsageError(`unknown sub-command "${sub}"`);
    }
  },
};
