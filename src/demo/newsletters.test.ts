/**
 * The demo's newsletters on first start: demo readers who confirmed through the reader's own commands and links, one
 * sent edition whose messages wait in the outbox (no SMTP_URL), shown on the newsletters desk and in the outbox.
 * Seeding again adds nothing; with SMTP_URL set the demo mails nobody.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { settleMediaJobs } from '../media/storage.js';
import { createTestUser, signIn } from '../../test/helpers/auth.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { demoEditionSubject, demoReaders, seedDemoNewsletters } from './newsletters.js';
import { seedDemo } from './seed.js';

let server: TestServer;

before(async () => {
  server = await startTestServer({ seed: false });
});

after(async () => {
  await settleMediaJobs();
  await server?.stop();
});

test('a new newsroom shows demo readers, a sent edition and its messages in the outbox', async () => {
  const seeded = await seedDemo(server.ctx, { pictures: 'later' });
  assert.equal(seeded.created, true);
  const db = server.ctx.store.db;
  const readers = await db.selectFrom('subscribers').select(['email', 'status']).orderBy('email').execute();
  assert.deepEqual(readers.map((r) => `${r.email}:${r.status}`), demoReaders.map((r) => `${r.email}:active`).sort());
  const edition = await db.selectFrom('editions').select(['id', 'status', 'recipients']).where('subject', '=', demoEditionSubject).executeTakeFirstOrThrow();
  const weekly = demoReaders.filter((r) => r.lists.includes('weekly')).length;
  assert.equal(edition.status, 'sent');
  assert.equal(edition.recipients, weekly);
  const stories = await db.selectFrom('edition_stories').select('article_id').where('edition_id', '=', edition.id).execute();
  assert.equal(stories.length, 5);

  // The sender keeps the edition's messages in the outbox (no SMTP server), beside the confirmation mails.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const stored = await db.selectFrom('mail_outbox').select(['kind']).where('status', '=', 'stored').execute();
    if (stored.filter((m) => m.kind === 'edition').length === weekly && stored.filter((m) => m.kind === 'confirm').length === demoReaders.length) break;
    if (Date.now() > deadline) throw new Error(`the outbox holds ${stored.length} stored messages`);
    await sleep(50);
  }

  const admin = await createTestUser(server, 'admin');
  const session = await signIn(server, admin.email, admin.password);
  const headers = { cookie: session.cookie };
  const desk = await (await get(server, '/newsroom/newsletters', { headers })).text();
  assert.ok(desk.includes(demoEditionSubject), 'the desk lists the demo edition');
  assert.doesNotMatch(desk, /Nobody has subscribed yet/);
  const outbox = await (await get(server, '/newsroom/outbox', { headers })).text();
  for (const reader of demoReaders.filter((r) => r.lists.includes('weekly'))) assert.ok(outbox.includes(reader.email), `${reader.email} in the outbox`);

  // Idempotent: seeding the demo or its newsletters again adds nothing.
  assert.equal((await seedDemo(server.ctx, { pictures: 'later' })).created, false);
  assert.equal(await seedDemoNewsletters(server.ctx, stories.map((s) => s.article_id)), false);
  assert.equal((await db.selectFrom('editions').select('id').where('subject', '=', demoEditionSubject).execute()).length, 1);
  assert.equal((await db.selectFrom('subscribers').select('id').execute()).length, demoReaders.length);
});

test('with SMTP_URL set the demo seeds no readers and sends nothing', async () => {
  const withSmtp = await startTestServer({ seed: false, env: { SMTP_URL: 'smtp://127.0.0.1:9' } });
  try {
    assert.equal(await seedDemoNewsletters(withSmtp.ctx, []), false);
    assert.equal((await withSmtp.ctx.store.db.selectFrom('subscribers').select('id').execute()).length, 0);
    assert.equal((await withSmtp.ctx.store.db.selectFrom('mail_outbox').select('id').execute()).length, 0);
  } finally {
    await withSmtp.stop();
  }
});
