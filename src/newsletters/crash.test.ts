/**
 * The crash test: an edition to 600 readers goes out from a real server process, which is killed with SIGKILL half
 * way; a new process on the same database finishes the send. Every reader must get the edition; the messages in flight
 * at the kill (accepted by the SMTP server, not yet recorded as sent) are at most MAIL_BATCH, and they are the only
 * ones that may be repeated.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { migrate, openStore, type Store } from '../db/index.js';
import { startMailSink, type MailSink } from '../../test/helpers/mail-sink.js';
import { startServerProcess, type ServerProcess } from '../../test/helpers/process.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/server.js';

const readers = 600;
const batch = 10;

let sink: MailSink;
let database: TestDatabase;
let store: Store;
const processes: ServerProcess[] = [];

before(async () => {
  sink = await startMailSink({ parse: false });
  database = await createTestDatabase();
  store = await openStore(database.url);
  await migrate(store.db, store.schema);
});

after(async () => {
  for (const p of processes) await p.stop().catch(() => undefined);
  await store?.close();
  await database?.drop();
  await sink?.close();
});

test('a kill -9 mid-edition: the next process resumes, nobody is skipped, repeats stay within one batch', async () => {
  const db = store.db;
  const at = new Date().toISOString();
  const section = await db.insertInto('sections').values({ slug: 'world', name: 'World', description: '', position: 0 } as never).returning('id').executeTakeFirstOrThrow();
  const article = await db.insertInto('articles').values({
    slug: 'crash-story', title: 'A story for everyone', dek: '', body_html: '<p>Text.</p>', section_id: section.id, status: 'published', published_at: at, created_at: at, updated_at: at,
  } as never).returning('id').executeTakeFirstOrThrow();
  for (let i = 0; i < readers; i += 100) {
    const rows = await db.insertInto('subscribers').values(Array.from({ length: Math.min(100, readers - i) }, (_, k) => ({ email: `r${i + k}@example.test`, status: 'active' as const, created_at: at, confirmed_at: at }))).returning('id').execute();
    await db.insertInto('subscriptions').values(rows.map((r) => ({ subscriber_id: r.id, list_key: 'weekly', confirmed: 1, created_at: at }))).execute();
  }
  const edition = await db.insertInto('editions').values({ kind: 'newsletter', list_key: 'weekly', subject: 'The crash edition', intro: 'Hello.', status: 'scheduled', send_at: at, created_at: at }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('edition_stories').values({ edition_id: edition.id, article_id: article.id, position: 0 }).execute();

  const env = {
    DATABASE_URL: database.url, GAZETTE_DATA_DIR: database.dataDir, GAZETTE_DEMO: 'false', GAZETTE_SECRET: 'crash-test-secret-0123456789',
    SMTP_URL: sink.url, MAIL_RATE: '150', MAIL_POOL: '2', MAIL_BATCH: String(batch), MAIL_LEASE_MS: '1500',
  };
  const first = await startServerProcess(env);
  processes.push(first);
  const deadline = Date.now() + 60_000;
  // Half way, but not at a multiple of MAIL_RATE: there the sender waits for the next second with nothing in flight.
  while (sink.messages.length < readers / 2 + 7) {
    if (Date.now() > deadline) throw new Error(`only ${sink.messages.length} messages before the kill:\n${first.output()}`);
    await sleep(10);
  }
  await first.kill9();
  await sleep(100);
  const atKill = sink.messages.length;
  assert.ok(atKill < readers, 'the kill came before the end of the send');
  // In flight: accepted by the SMTP server but not yet recorded as sent. Only these may go out again.
  const recorded = await db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number | string>().as('n')).where('edition_id', '=', edition.id).where('status', '=', 'sent').executeTakeFirst();
  const inFlight = atKill - Number(recorded?.n ?? 0);
  assert.ok(inFlight >= 0 && inFlight <= batch, `${inFlight} accepted messages unrecorded at the kill, more than MAIL_BATCH (${batch})`);

  const second = await startServerProcess(env);
  processes.push(second);
  const finishBy = Date.now() + 90_000;
  for (;;) {
    const left = await db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number | string>().as('n')).where('edition_id', '=', edition.id).where('status', '!=', 'sent').executeTakeFirst();
    if (Number(left?.n ?? 0) === 0 && sink.counts.size >= readers) break;
    if (Date.now() > finishBy) throw new Error(`the send did not finish: ${sink.counts.size} of ${readers} readers reached:\n${second.output()}`);
    await sleep(100);
  }
  const missing = Array.from({ length: readers }, (_, i) => `r${i}@example.test`).filter((a) => !sink.counts.has(a));
  const repeats = [...sink.counts.values()].reduce((sum, n) => sum + n - 1, 0);
  console.log(`crash test: ${atKill} messages before the kill, ${inFlight} of them in flight; ${missing.length} missing, ${repeats} repeated`);
  assert.deepEqual(missing, []);
  assert.ok(repeats <= inFlight, `${repeats} repeats, more than the ${inFlight} messages in flight at the kill`);
  const rows = await db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number | string>().as('n')).where('edition_id', '=', edition.id).executeTakeFirst();
  assert.equal(Number(rows?.n), readers, 'one queued message per reader');
});
