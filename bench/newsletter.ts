/**
 * `npm run bench:newsletter`: one edition to --readers confirmed subscribers (default 100,000) through a local SMTP
 * sink (smtp-server on 127.0.0.1, counting only), from a real server process running the bundle as `npm start` does,
 * on SQLite. Reports messages per second from the edition's queueing to the last message marked sent, and the
 * server's peak resident memory. With --kill, the server is killed with SIGKILL at half way and started again; the
 * run reports readers missed (must be 0), the messages in flight at the kill (accepted by the SMTP server, not yet
 * recorded as sent; at most MAIL_BATCH) and repeats (at most those in flight). --dkim signs every message with a
 * 2048-bit RSA key made for the run. Bounded by --timeout
 * seconds (default 600). Figures go in docs/PERFORMANCE.md by hand.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { migrate, openStore } from '../src/db/index.js';
import { startMailSink } from '../test/helpers/mail-sink.js';
import { startServerProcess, type ServerProcess } from '../test/helpers/process.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const readers = flag('readers', 100_000);
const timeoutS = flag('timeout', 600);
const kill = args.includes('--kill');
const dkim = args.includes('--dkim');
const batch = flag('batch', 50);
const pool = flag('pool', 5);
const profileDir = args.includes('--cpu-prof') ? args[args.indexOf('--cpu-prof') + 1] : undefined;
const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];

function memory(pid: number): { rss: number; peak: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rss: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024, peak: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024 };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-bench-newsletter-'));
  const url = `sqlite://${path.join(dataDir, 'gazette.db')}`;
  const sink = await startMailSink({ keep: false });
  const store = await openStore(url);
  const servers: ServerProcess[] = [];
  try {
    await migrate(store.db, store.schema);
    const db = store.db;
    const at = new Date().toISOString();
    const section = await db.insertInto('sections').values({ slug: 'world', name: 'World', description: '', position: 0 } as never).returning('id').executeTakeFirstOrThrow();
    const article = await db.insertInto('articles').values({
      slug: 'bench-story', title: 'A story for a hundred thousand readers', dek: 'The benchmark edition.', body_html: '<p>Text.</p>', section_id: section.id, status: 'published', published_at: at, created_at: at, updated_at: at,
    } as never).returning('id').executeTakeFirstOrThrow();
    const setupStart = Date.now();
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < readers; i += 500) {
        const rows = await trx.insertInto('subscribers').values(Array.from({ length: Math.min(500, readers - i) }, (_, k) => ({ email: `reader${i + k}@example.test`, status: 'active' as const, created_at: at, confirmed_at: at }))).returning('id').execute();
        await trx.insertInto('subscriptions').values(rows.map((r) => ({ subscriber_id: r.id, list_key: 'weekly', confirmed: 1, created_at: at }))).execute();
      }
    });
    const edition = await db.insertInto('editions').values({ kind: 'newsletter', list_key: 'weekly', subject: 'The benchmark edition', intro: 'Hello, readers.', status: 'scheduled', send_at: '2999-01-01T00:00:00.000Z', created_at: at }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('edition_stories').values({ edition_id: edition.id, article_id: article.id, position: 0 }).execute();
    console.log(`${readers} subscribers stored in ${((Date.now() - setupStart) / 1000).toFixed(1)} s`);

    const env: Record<string, string> = {
      DATABASE_URL: url, GAZETTE_DATA_DIR: dataDir, GAZETTE_DEMO: 'false', LOG_LEVEL: 'error', SMTP_URL: sink.url,
      MAIL_POOL: String(pool), MAIL_BATCH: String(batch), MAIL_LEASE_MS: '2000',
    };
    if (dkim) {
      const keyFile = path.join(dataDir, 'dkim.pem');
      fs.writeFileSync(keyFile, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
      Object.assign(env, { MAIL_DKIM_DOMAIN: 'bench.test', MAIL_DKIM_SELECTOR: 'bench', MAIL_DKIM_KEY_FILE: keyFile });
    }
    let server = await startServerProcess(env, [], { bundle: true, nodeFlags });
    servers.push(server);
    let peak = 0;
    const start = Date.now();
    await db.updateTable('editions').set({ send_at: new Date().toISOString() }).where('id', '=', edition.id).execute();
    const deadline = start + timeoutS * 1000;
    let killedAt = 0;
    let inFlight = 0;
    let lastReport = start;
    for (;;) {
      const mem = memory(server.child.pid!);
      peak = Math.max(peak, mem.peak, mem.rss);
      // Half way, offset from the multiples of 1000 at which the pool's connections are renewed together
      // (maxMessages), when nothing is in flight.
      if (kill && !killedAt && sink.total() >= Math.floor(readers / 2) + 137) {
        await server.kill9();
        await sleep(100);
        killedAt = sink.total();
        const recorded = await db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number | string>().as('n')).where('status', '=', 'sent').executeTakeFirst();
        inFlight = killedAt - Number(recorded?.n ?? 0);
        console.log(`killed the server (SIGKILL) after ${killedAt} messages, ${inFlight} of them accepted but not yet recorded as sent; starting it again`);
        server = await startServerProcess(env, [], { bundle: true, nodeFlags });
        servers.push(server);
      }
      if (sink.counts.size >= readers) {
        const left = await db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number | string>().as('n')).where('status', '!=', 'sent').executeTakeFirst();
        if (Number(left?.n ?? 0) === 0) break;
      }
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutS} s with ${sink.total()} messages`);
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        console.log(`  ${sink.total()} messages, ${(sink.total() / ((Date.now() - start) / 1000)).toFixed(0)}/s, RSS ${mem.rss.toFixed(0)} MB`);
      }
      await sleep(200);
    }
    const seconds = (Date.now() - start) / 1000;
    const repeats = sink.total() - sink.counts.size;
    console.log(`\n${readers} readers, ${sink.total()} messages in ${seconds.toFixed(1)} s: ${(sink.total() / seconds).toFixed(0)} messages/s; server peak RSS ${peak.toFixed(0)} MB (pool ${pool}, batch ${batch}${dkim ? ', DKIM-signed' : ''})`);
    console.log(`missing: ${readers - sink.counts.size}; repeats: ${repeats}${kill ? ` (killed at ${killedAt} with ${inFlight} in flight; at most ${batch} may repeat)` : ''}`);
    if (readers - sink.counts.size !== 0 || (kill ? repeats > batch || repeats > inFlight || inFlight > batch : repeats !== 0)) process.exitCode = 1;
  } finally {
    for (const s of servers) await s.stop().catch(() => undefined);
    await store.close();
    await sink.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
