/** Newsroom accounts over real HTTP: sign-in and sessions, CSRF, rate limits, reset links, invitations, role refusals and profiles. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { cookiesFrom, createTestUser, formCsrf, signIn } from '../../test/helpers/auth.js';
import { startTestSmtp, type TestSmtp } from '../../test/helpers/smtp.js';
import { sessionCookieOptions } from '../http/session.js';
import { signInLimits } from '../accounts/sign-in-limits.js';
import { loadSettings } from '../content/settings.js';
import type { AppContext } from '../context.js';

let server: TestServer;
let smtp: TestSmtp;
let ipCounter = 1;

/** Each test signs in from its own address, so per-IP limits in one test do not leak into another. */
function freshIp(): string {
  ipCounter++;
  return `203.0.113.${ipCounter}`;
}

async function post(path: string, fields: Record<string, string>, options: { cookie?: string; ip?: string } = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.ip ? { 'x-forwarded-for': options.ip } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });
}

async function page(path: string, cookie?: string, ip?: string): Promise<Response> {
  return fetch(`${server.url}${path}`, { redirect: 'manual', headers: { ...(cookie ? { cookie } : {}), ...(ip ? { 'x-forwarded-for': ip } : {}) } });
}

/** Tries a sign-in the way the form does; returns the response. */
async function attemptSignIn(email: string, password: string, ip: string, next?: string): Promise<Response> {
  const form = await page('/newsroom/sign-in', undefined, ip);
  const cookie = cookiesFrom(form).join('; ');
  return post('/newsroom/sign-in', { email, password, _csrf: formCsrf(await form.text()), ...(next ? { next } : {}) }, { cookie, ip });
}

function linkPath(text: string, kind: 'reset-password' | 'invitations'): string {
  const match = new RegExp(`https?://[^\\s]+(/newsroom/${kind}/[A-Za-z0-9_-]+)`).exec(text);
  assert.ok(match, `no ${kind} link in: ${text}`);
  return match[1]!;
}

describe('newsroom accounts', () => {
  before(async () => {
    smtp = await startTestSmtp();
    server = await startTestServer({ seed: false, env: { TRUST_PROXY: 'true', SMTP_URL: smtp.url, MAIL_FROM: 'Newsroom <newsroom@example.test>' } });
  });
  after(async () => {
    await server?.stop();
    await smtp?.close();
  });

  it('signs in with the right password and sets a HttpOnly, SameSite=Lax session cookie', async () => {
    const user = await createTestUser(server, 'author');
    const response = await attemptSignIn(user.email, user.password, freshIp());
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/newsroom');
    const line = response.headers.getSetCookie().find((c) => c.startsWith('gazette_session='));
    assert.ok(line, 'a session cookie was set');
    assert.match(line, /; HttpOnly/i);
    assert.match(line, /; SameSite=Lax/i);
    assert.match(line, /; Path=\//);
    assert.doesNotMatch(line, /; Secure/i, 'not Secure on plain http');
    const expires = Date.parse(/Expires=([^;]+)/i.exec(line)![1]!);
    const days = (expires - Date.now()) / 86_400_000;
    assert.ok(days > 13.9 && days <= 14.01, `expires in ${days} days`);
    const home = await page('/newsroom', line.split(';')[0]);
    assert.equal(home.status, 200);
    assert.equal(home.headers.get('cache-control'), 'no-store');
    assert.match(await home.text(), new RegExp(user.name));
  });

  it('marks the cookie Secure when the site runs on https', () => {
    const ctx = { config: { siteUrl: 'https://news.example.test' } } as AppContext;
    assert.equal(sessionCookieOptions(ctx, new Date()).secure, true);
  });

  it('refuses a wrong password or an unknown email with the same message, and sets no session', async () => {
    const user = await createTestUser(server, 'editor');
    const ip = freshIp();
    for (const [email, password] of [[user.email, 'not-the-password'], ['nobody@example.test', 'whatever-password']]) {
      const response = await attemptSignIn(email!, password!, ip);
      assert.equal(response.status, 401);
      assert.match(await response.text(), /That email and password do not match an account\./);
      assert.ok(!response.headers.getSetCookie().some((c) => c.startsWith('gazette_session=')));
    }
  });

  it('refuses a sign-in form that did not come from the sign-in page', async () => {
    const user = await createTestUser(server, 'editor');
    const response = await post('/newsroom/sign-in', { email: user.email, password: user.password, _csrf: 'forged' }, { ip: freshIp() });
    assert.equal(response.status, 403);
    assert.ok(!response.headers.getSetCookie().some((c) => c.startsWith('gazette_session=')));
  });

  it('sends signed-out visitors of newsroom pages to sign in and back, but answers JSON callers with 401', async () => {
    const redirect = await page('/newsroom/users?x=1');
    assert.equal(redirect.status, 303);
    assert.equal(redirect.headers.get('location'), '/newsroom/sign-in?next=%2Fnewsroom%2Fusers%3Fx%3D1');
    const json = await fetch(`${server.url}/newsroom/settings`, { headers: { accept: 'application/json' } });
    assert.equal(json.status, 401);
    assert.equal(((await json.json()) as { error: { code: string } }).error.code, 'unauthenticated');

    const user = await createTestUser(server, 'admin');
    const back = await attemptSignIn(user.email, user.password, freshIp(), '/newsroom/users?x=1');
    assert.equal(back.headers.get('location'), '/newsroom/users?x=1');
    const offsite = await attemptSignIn(user.email, user.password, freshIp(), '//evil.example/newsroom');
    assert.equal(offsite.headers.get('location'), '/newsroom');
  });

  it('signs out with the CSRF token, and the old cookie stops working', async () => {
    const user = await createTestUser(server, 'contributor');
    const session = await signIn(server, user.email, user.password, { 'x-forwarded-for': freshIp() });
    const forged = await post('/newsroom/sign-out', { _csrf: 'wrong' }, { cookie: session.cookie });
    assert.equal(forged.status, 403);
    assert.equal((await page('/newsroom', session.cookie)).status, 200, 'a forged sign-out does nothing');
    const out = await post('/newsroom/sign-out', { _csrf: session.csrf }, { cookie: session.cookie });
    assert.equal(out.status, 303);
    assert.equal(out.headers.get('location'), '/newsroom/sign-in?notice=signed-out');
    assert.ok(out.headers.getSetCookie().some((c) => c.startsWith('gazette_session=;')), 'the cookie is cleared');
    assert.equal((await page('/newsroom', session.cookie)).status, 303);
  });

  it('signs out everywhere: every session of the user ends, other users stay signed in', async () => {
    const user = await createTestUser(server, 'author');
    const other = await createTestUser(server, 'author');
    const laptop = await signIn(server, user.email, user.password, { 'x-forwarded-for': freshIp() });
    const phone = await signIn(server, user.email, user.password, { 'x-forwarded-for': freshIp() });
    const colleague = await signIn(server, other.email, other.password, { 'x-forwarded-for': freshIp() });
    assert.match(await (await page('/newsroom', laptop.cookie)).text(), /signed in on 2 devices/);
    const response = await post('/newsroom/sign-out-everywhere', { _csrf: laptop.csrf }, { cookie: laptop.cookie });
    assert.equal(response.status, 303);
    assert.equal((await page('/newsroom', laptop.cookie)).status, 303);
    assert.equal((await page('/newsroom', phone.cookie)).status, 303);
    assert.equal((await page('/newsroom', colleague.cookie)).status, 200);
  });

  it('ends expired sessions and slides the expiry of active ones', async () => {
    const user = await createTestUser(server, 'author');
    const session = await signIn(server, user.email, user.password, { 'x-forwarded-for': freshIp() });
    const db = server.ctx.store.db;
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000).toISOString();
    await db.updateTable('sessions').set({ last_seen_at: twoHoursAgo, expires_at: new Date(Date.now() + 3600_000).toISOString() }).where('user_id', '=', user.id).execute();
    const renewed = await page('/newsroom', session.cookie);
    assert.equal(renewed.status, 200);
    assert.ok(renewed.headers.getSetCookie().some((c) => c.startsWith('gazette_session=')), 'the cookie is re-sent with a later expiry');
    const row = await db.selectFrom('sessions').select('expires_at').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    assert.ok(Date.parse(row.expires_at) > Date.now() + 13 * 86_400_000);

    await db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('user_id', '=', user.id).execute();
    const expired = await page('/newsroom', session.cookie);
    assert.equal(expired.status, 303);
    assert.match(expired.headers.get('location') ?? '', /^\/newsroom\/sign-in/);
  });

  it('refuses a newsroom form without the session CSRF token and stores nothing', async () => {
    const admin = await createTestUser(server, 'admin');
    const session = await signIn(server, admin.email, admin.password, { 'x-forwarded-for': freshIp() });
    const fields = { title: 'Forged Title', description: '', language: 'en', timezone: 'UTC', commentsCloseAfterDays: '0' };
    assert.equal((await post('/newsroom/settings', fields, { cookie: session.cookie })).status, 403);
    assert.equal((await post('/newsroom/settings', { ...fields, _csrf: 'x'.repeat(43) }, { cookie: session.cookie })).status, 403);
    const header = await fetch(`${server.url}/newsroom/settings`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, 'x-csrf-token': session.csrf },
      body: new URLSearchParams({ ...fields, title: 'Header Token Title' }).toString(),
    });
    assert.equal(header.status, 303, 'the x-csrf-token header is accepted too');
    assert.equal((await loadSettings(server.ctx.store.db)).title, 'Header Token Title');
  });

  it('pauses an account after repeated wrong passwords, even from other addresses and with the right password', async () => {
    const user = await createTestUser(server, 'editor');
    for (let i = 0; i < signInLimits.perAccount; i++) {
      assert.equal((await attemptSignIn(user.email, 'wrong-password', freshIp())).status, 401);
    }
    const blocked = await attemptSignIn(user.email, user.password, freshIp());
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    assert.match(await blocked.text(), /Too many failed sign-ins for this account\. For your security it is paused: try again in \d+ minutes?/);
    const other = await createTestUser(server, 'editor');
    assert.equal((await attemptSignIn(other.email, other.password, freshIp())).status, 303, 'other accounts are not affected');

    const form = await page('/newsroom/forgot-password');
    const mailArrives = smtp.nextMailTo(user.email);
    await post('/newsroom/forgot-password', { email: user.email, _csrf: formCsrf(await form.text()) }, { cookie: cookiesFrom(form).join('; '), ip: freshIp() });
    const path = linkPath((await mailArrives).text, 'reset-password');
    assert.equal((await post(path, { password: 'unlocked by reset' })).status, 303);
    assert.equal((await attemptSignIn(user.email, 'unlocked by reset', freshIp())).status, 303, 'a reset link lifts the pause');
  });

  it('pauses an address that fails on many accounts', async () => {
    const ip = freshIp();
    for (let i = 0; i < signInLimits.perIp; i++) {
      assert.equal((await attemptSignIn(`guess-${i}@example.test`, 'wrong-password', ip)).status, 401);
    }
    const user = await createTestUser(server, 'author');
    const blocked = await attemptSignIn(user.email, user.password, ip);
    assert.equal(blocked.status, 429);
    assert.match(await blocked.text(), /Too many failed sign-ins from your network/);
    assert.equal((await attemptSignIn(user.email, user.password, freshIp())).status, 303, 'the same account signs in from elsewhere');
  });

  it('resets a password by a one-time link sent by mail', async () => {
    const user = await createTestUser(server, 'author');
    const ip = freshIp();
    const oldSession = await signIn(server, user.email, user.password, { 'x-forwarded-for': ip });
    const form = await page('/newsroom/forgot-password', undefined, ip);
    const cookie = cookiesFrom(form).join('; ');
    const csrf = formCsrf(await form.text());
    const mailArrives = smtp.nextMailTo(user.email);
    const asked = await post('/newsroom/forgot-password', { email: user.email.toUpperCase(), _csrf: csrf }, { cookie, ip });
    assert.equal(asked.status, 200);
    assert.match(await asked.text(), /If that address belongs to an account, a link/);
    const mail = await mailArrives;
    assert.match(mail.data, /Subject: Reset your .* newsroom password/);
    const path = linkPath(mail.text, 'reset-password');

    const unknown = await post('/newsroom/forgot-password', { email: 'nobody@example.test', _csrf: csrf }, { cookie, ip });
    assert.match(await unknown.text(), /If that address belongs to an account/, 'no hint about who has an account');

    assert.equal((await page(path)).status, 200);
    const short = await post(path, { password: 'short' });
    assert.equal(short.status, 422);
    assert.match(await short.text(), /at least 10 characters/);
    const done = await post(path, { password: 'a brand new password' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), '/newsroom/sign-in?notice=password-set');
    assert.equal((await page('/newsroom', oldSession.cookie)).status, 303, 'sessions from before the reset end');
    assert.equal((await attemptSignIn(user.email, user.password, freshIp())).status, 401);
    assert.equal((await attemptSignIn(user.email, 'a brand new password', freshIp())).status, 303);
    assert.equal((await page(path)).status, 410, 'the link works once');
    assert.equal((await post(path, { password: 'another new password' })).status, 410);
    assert.equal((await page('/newsroom/reset-password/not-a-real-token-at-all-xxxx')).status, 410);
  });

  it('invites someone by link; they choose a name and password and get the invited role', async () => {
    const admin = await createTestUser(server, 'admin');
    const session = await signIn(server, admin.email, admin.password, { 'x-forwarded-for': freshIp() });
    const email = `invitee-${Date.now()}@example.test`;
    const mailArrives = smtp.nextMailTo(email);
    const invited = await post('/newsroom/users/invite', { email, role: 'author', _csrf: session.csrf }, { cookie: session.cookie });
    assert.equal(invited.status, 200);
    const invitePage = await invited.text();
    assert.match(invitePage, /is invited as author/);
    assert.match(invitePage, /It was emailed too\./);
    const path = linkPath((await mailArrives).text, 'invitations');
    assert.ok(invitePage.includes(path), 'the admin sees the same link');

    const users = await (await page('/newsroom/users', session.cookie)).text();
    assert.ok(users.includes(email), 'listed under open invitations');

    assert.equal((await post('/newsroom/users/invite', { email: admin.email, role: 'author', _csrf: session.csrf }, { cookie: session.cookie })).status, 409);
    assert.equal((await post('/newsroom/users/invite', { email: 'x@example.test', role: 'boss', _csrf: session.csrf }, { cookie: session.cookie })).status, 422);

    const form = await page(path);
    assert.equal(form.status, 200);
    assert.ok((await form.text()).includes(email));
    const noName = await post(path, { name: ' ', password: 'invitee password 1' });
    assert.equal(noName.status, 422);
    const accepted = await post(path, { name: 'Ina <Vite>', password: 'invitee password 1' });
    assert.equal(accepted.status, 303);
    assert.equal((await post(path, { name: 'Again', password: 'invitee password 2' })).status, 410, 'an invitation works once');

    const newcomer = await signIn(server, email, 'invitee password 1', { 'x-forwarded-for': freshIp() });
    const home = await (await page('/newsroom', newcomer.cookie)).text();
    assert.match(home, /Ina &lt;Vite> <span class="nr-role">\(author\)<\/span>/, 'the name is escaped and the role is the invited one');
  });

  it('lets an admin withdraw an invitation and make a password link for someone', async () => {
    const admin = await createTestUser(server, 'admin');
    const session = await signIn(server, admin.email, admin.password, { 'x-forwarded-for': freshIp() });
    const email = `withdrawn-${Date.now()}@example.test`;
    const mailArrives = smtp.nextMailTo(email);
    assert.equal((await post('/newsroom/users/invite', { email, role: 'contributor', _csrf: session.csrf }, { cookie: session.cookie })).status, 200);
    const path = linkPath((await mailArrives).text, 'invitations');
    const revoked = await post('/newsroom/users/invitations/revoke', { email, _csrf: session.csrf }, { cookie: session.cookie });
    assert.ok(revoked.status === 200 || revoked.status === 303, `revoke answered ${revoked.status}`);
    assert.equal((await page(path)).status >= 400, true, 'a withdrawn invitation no longer opens');
    const again = await post('/newsroom/users/invitations/revoke', { email, _csrf: session.csrf }, { cookie: session.cookie });
    assert.equal(again.status, 404);

    const writer = await createTestUser(server, 'author');
    const resetMail = smtp.nextMailTo(writer.email);
    const link = await post(`/newsroom/users/${writer.id}/reset-link`, { _csrf: session.csrf }, { cookie: session.cookie });
    assert.equal(link.status, 200);
    const shown = linkPath(await link.text(), 'reset-password');
    assert.equal(linkPath((await resetMail).text, 'reset-password'), shown, 'the mailed link is the one shown');
    assert.equal((await page(shown)).status, 200);
    assert.equal((await post('/newsroom/users/999999/reset-link', { _csrf: session.csrf }, { cookie: session.cookie })).status, 404);
  });

  it('keeps users and settings to admins, by route and by form', async () => {
    const editor = await createTestUser(server, 'editor');
    const session = await signIn(server, editor.email, editor.password, { 'x-forwarded-for': freshIp() });
    const users = await page('/newsroom/users', session.cookie);
    assert.equal(users.status, 403);
    const refusal = await users.text();
    assert.match(refusal, /As an editor you cannot manage users\./);
    assert.match(refusal, /<nav class="nr-nav" aria-label="Newsroom">/, 'the refusal keeps the newsroom navigation');
    assert.equal((await page('/newsroom/settings', session.cookie)).status, 403);
    const invite = await post('/newsroom/users/invite', { email: 'sneaky@example.test', role: 'admin', _csrf: session.csrf }, { cookie: session.cookie });
    assert.equal(invite.status, 403);
    const row = await server.ctx.store.db.selectFrom('account_links').select('email').where('email', '=', 'sneaky@example.test').executeTakeFirst();
    assert.equal(row, undefined, 'nothing was stored');
    const home = await (await page('/newsroom', session.cookie)).text();
    assert.doesNotMatch(home, /href="\/newsroom\/users"/, 'no Users link for editors');
  });

  it('lets an admin change roles and disable accounts, but never remove the last admin', async () => {
    const admin = await createTestUser(server, 'admin');
    const session = await signIn(server, admin.email, admin.password, { 'x-forwarded-for': freshIp() });
    const writer = await createTestUser(server, 'contributor');
    const writerSession = await signIn(server, writer.email, writer.password, { 'x-forwarded-for': freshIp() });

    const promoted = await post(`/newsroom/users/${writer.id}/role`, { role: 'editor', _csrf: session.csrf }, { cookie: session.cookie });
    assert.equal(promoted.status, 303);
    assert.match(await (await page('/newsroom', writerSession.cookie)).text(), /\(editor\)/, 'the new role applies at once');

    const disabled = await post(`/newsroom/users/${writer.id}/disable`, { _csrf: session.csrf }, { cookie: session.cookie });
    assert.equal(disabled.status, 303);
    assert.equal((await page('/newsroom', writerSession.cookie)).status, 303, 'a disabled user is signed out');
    const refused = await attemptSignIn(writer.email, writer.password, freshIp());
    assert.equal(refused.status, 401);
    assert.match(await refused.text(), /This account has been disabled/);
    assert.equal((await post(`/newsroom/users/${writer.id}/enable`, { _csrf: session.csrf }, { cookie: session.cookie })).status, 303);
    assert.equal((await attemptSignIn(writer.email, writer.password, freshIp())).status, 303);

    assert.equal((await post(`/newsroom/users/${admin.id}/disable`, { _csrf: session.csrf }, { cookie: session.cookie })).status, 409);
    // Leave exactly one active admin, then try to demote them.
    await server.ctx.store.db.updateTable('users').set({ disabled: 1 }).where('role', '=', 'admin').where('id', '!=', admin.id).execute();
    const demote = await post(`/newsroom/users/${admin.id}/role`, { role: 'editor', _csrf: session.csrf }, { cookie: session.cookie });
    assert.equal(demote.status, 409);
    assert.match(await demote.text(), /only active administrator/);
    await server.ctx.store.db.updateTable('users').set({ disabled: 0 }).where('role', '=', 'admin').execute();
  });

  it('lets people edit their profile and change their password, signing out their other devices', async () => {
    const user = await createTestUser(server, 'contributor');
    const here = await signIn(server, user.email, user.password, { 'x-forwarded-for': freshIp() });
    const elsewhere = await signIn(server, user.email, user.password, { 'x-forwarded-for': freshIp() });
    assert.equal((await page('/newsroom/account', here.cookie)).status, 200);

    assert.equal((await post('/newsroom/account/profile', { name: '', bio: 'x', _csrf: here.csrf }, { cookie: here.cookie })).status, 422);
    const saved = await post('/newsroom/account/profile', { name: 'Rena Writer', bio: 'Covers the harbour.', _csrf: here.csrf }, { cookie: here.cookie });
    assert.equal(saved.status, 303);
    const row = await server.ctx.store.db.selectFrom('users').select(['name', 'bio']).where('id', '=', user.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { name: 'Rena Writer', bio: 'Covers the harbour.' });

    const wrong = await post('/newsroom/account/password', { current: 'not it', password: 'a fresh password', _csrf: here.csrf }, { cookie: here.cookie });
    assert.equal(wrong.status, 422);
    assert.match(await wrong.text(), /current password was not right/);
    const changed = await post('/newsroom/account/password', { current: user.password, password: 'a fresh password', _csrf: here.csrf }, { cookie: here.cookie });
    assert.equal(changed.status, 303);
    assert.equal((await page('/newsroom', here.cookie)).status, 200, 'this device stays signed in');
    assert.equal((await page('/newsroom', elsewhere.cookie)).status, 303, 'other devices are signed out');
    assert.equal((await attemptSignIn(user.email, 'a fresh password', freshIp())).status, 303);
  });
});
