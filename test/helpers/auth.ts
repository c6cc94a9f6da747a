/** Test helpers for the newsroom: make users of any role and sign them in over real HTTP, the way a browser does. */
import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/db/schema.js';
import { createUser } from '../../src/accounts/users.js';
import type { TestServer } from './server.js';

export interface TestUser {
  id: number;
  email: string;
  password: string;
  name: string;
}

export interface SignedIn {
  /** Value for a Cookie request header. */
  cookie: string;
  /** The session's CSRF token, for `_csrf` form fields or the x-csrf-token header. */
  csrf: string;
}

export async function createTestUser(server: TestServer, role: Role, options: { name?: string; password?: string } = {}): Promise<TestUser> {
  const tag = randomBytes(4).toString('hex');
  const email = `${role}-${tag}@example.test`;
  const password = options.password ?? `pw-${randomBytes(8).toString('hex')}`;
  const name = options.name ?? `Test ${role[0]!.toUpperCase()}${role.slice(1)} ${tag}`;
  const user = await createUser(server.ctx.store.db, { email, name, role, password });
  return { id: user.id, email, password, name };
}

/** The `name=value` pairs of a response's Set-Cookie headers, for a Cookie header. */
export function cookiesFrom(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.split(';')[0]!);
}

/** Pulls the value of a hidden `_csrf` input out of a page. */
export function formCsrf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field on the page');
  return match[1]!;
}

export async function signIn(server: { url: string }, email: string, password: string, headers: Record<string, string> = {}): Promise<SignedIn> {
  const form = await fetch(`${server.url}/newsroom/sign-in`, { redirect: 'manual', headers });
  const preCookie = cookiesFrom(form).join('; ');
  const response = await fetch(`${server.url}/newsroom/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie: preCookie },
    body: new URLSearchParams({ email, password, _csrf: formCsrf(await form.text()) }).toString(),
  });
  if (response.status !== 303) throw new Error(`sign-in as ${email} failed with ${response.status}`);
  const session = cookiesFrom(response).find((c) => c.startsWith('gazette_session='));
  if (!session) throw new Error('sign-in set no session cookie');
  const home = await fetch(`${server.url}/newsroom`, { redirect: 'manual', headers: { ...headers, cookie: session } });
  const match = /<meta name="csrf-token" content="([^"]+)"/.exec(await home.text());
  if (!match) throw new Error('the newsroom page carried no CSRF token');
  return { cookie: session, csrf: match[1]! };
}
