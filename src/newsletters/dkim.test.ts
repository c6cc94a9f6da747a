/**
 * DKIM: with a key configured (MAIL_DKIM_DOMAIN, MAIL_DKIM_SELECTOR, MAIL_DKIM_KEY_FILE), every message the real SMTP
 * server receives carries a DKIM-Signature that verifies against the key's public half (checked by an independent
 * verifier written from RFC 6376), for a confirmation mail and for an edition; a changed body no longer verifies.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createArticle, ensureSection } from '../content/articles.js';
import { createTestUser, signIn } from '../../test/helpers/auth.js';
import { verifyDkim } from '../../test/helpers/dkim.js';
import { startMailSink, type MailSink, type SinkMessage } from '../../test/helpers/mail-sink.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';

let sink: MailSink;
let server: TestServer;
let keyDir: string;
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

before(async () => {
  keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-dkim-'));
  const keyFile = path.join(keyDir, 'dkim.pem');
  fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  sink = await startMailSink();
  server = await startTestServer({
    seed: false,
    env: { SMTP_URL: sink.url, MAIL_FROM: 'The Test Gazette <news@gazette.test>', MAIL_DKIM_DOMAIN: 'gazette.test', MAIL_DKIM_SELECTOR: 'news2026', MAIL_DKIM_KEY_FILE: keyFile, NEWSLETTER_RATE_LIMIT: '1000' },
  });
});

after(async () => {
  await server?.stop();
  await sink?.close();
  fs.rmSync(keyDir, { recursive: true, force: true });
});

async function nextMessage(to: string, seen: number): Promise<SinkMessage> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mine = sink.messages.filter((m) => m.to.includes(to) && m.parsed);
    if (mine.length > seen) return mine[seen]!;
    if (Date.now() > deadline) throw new Error(`no message ${seen + 1} to ${to}`);
    await sleep(50);
  }
}

function checkSigned(message: SinkMessage): void {
  const result = verifyDkim(message.raw, publicKey);
  assert.equal(result.domain, 'gazette.test');
  assert.equal(result.selector, 'news2026');
  for (const name of ['from', 'to', 'subject', 'date', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post']) {
    assert.ok(result.signedHeaders.includes(name), `${name} is signed (signed: ${result.signedHeaders.join(':')})`);
  }
  // The verifier can fail: the same message with one changed letter in its body, or signed by another key, does not verify.
  const at = message.raw.indexOf('\r\n\r\n') + 200;
  const changed = message.raw.slice(0, at) + (message.raw[at] === 'x' ? 'y' : 'x') + message.raw.slice(at + 1);
  assert.throws(() => verifyDkim(changed, publicKey), /body hash/);
  assert.throws(() => verifyDkim(message.raw, generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey), /does not verify/);
}

test('confirmation mail and editions are DKIM-signed with the configured key, and the signatures verify', async () => {
  const reader = 'signed@example.test';
  const page = await (await get(server, '/newsletters')).text();
  const token = /name="form_token" value="([^"]+)"/.exec(page)![1]!;
  const subscribed = await fetch(`${server.url}/newsletters/subscribe`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: reader, lists: 'weekly', form_token: token, website: '' }).toString(),
  });
  assert.equal(subscribed.status, 303);
  const confirmation = await nextMessage(reader, 0);
  checkSigned(confirmation);
  const confirmLink = /http:\/\/127\.0\.0\.1:\d+\/newsletters\/confirm\?[^\s<>"]+/.exec(confirmation.parsed!.text ?? '')![0];
  const confirmPage = await (await fetch(confirmLink)).text();
  const fields = Object.fromEntries([...confirmPage.matchAll(/<input type="hidden" name="(\w)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));
  const confirmed = await fetch(`${server.url}/newsletters/confirm`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  assert.equal(confirmed.status, 303);

  const db = server.ctx.store.db;
  const sectionId = await ensureSection(db, { slug: 'world', name: 'World' });
  const user = await createTestUser(server, 'editor');
  const story = await createArticle(db, { title: 'A signed story', dek: 'Crème brûlée for all — in “quotes”.', bodyHtml: '<p>Text.</p>', sectionId, status: 'published', publishedAt: new Date().toISOString(), authorIds: [user.id] });
  const session = await signIn(server, user.email, user.password);
  const headers = { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' };
  const created = await fetch(`${server.url}/newsroom/newsletters`, {
    method: 'POST', redirect: 'manual', headers, body: new URLSearchParams({ _csrf: session.csrf, list: 'weekly', subject: 'The week — signed', intro: 'Hello.', stories: String(story) }).toString(),
  });
  assert.equal(created.status, 303);
  const editionPath = created.headers.get('location')!.replace(/\?.*$/, '');
  const sent = await fetch(`${server.url}${editionPath}`, {
    method: 'POST', redirect: 'manual', headers, body: new URLSearchParams({ _csrf: session.csrf, action: 'send', list: 'weekly', subject: 'The week — signed', intro: 'Hello.', stories: String(story) }).toString(),
  });
  assert.equal(sent.status, 303);
  const edition = await nextMessage(reader, 1);
  assert.equal(edition.parsed!.subject, 'The week — signed');
  checkSigned(edition);
});
