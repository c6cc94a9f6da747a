/**
 * `npm run bench:live`: live coverage at scale, on loopback against `gazette serve` (the bundle `npm start` runs) on a
 * fresh demo newsroom, whose live story the readers follow. Bounded: it stops by itself.
 *
 * 1. The cached story page's throughput with wrk (as `npm run bench` measures pages), without readers.
 * 2. 10,000 Server-Sent Events readers (--readers N) held by a separate client process (bench/live-readers.ts: raw
 *    sockets, no EventSource objects) from the one address, the per-address limit raised for the run; the server's
 *    RSS before and after, and so the memory per idle connection.
 * 3. The same page with wrk while the readers stay connected (again after the updates, and again without readers
 *    once they have gone: the ratio compares the sums of two runs each way).
 * 4. 60 updates (--updates N) posted over a minute through the live desk's own HTTP route by a signed-in editor;
 *    delivery latency from the post's answer to the event's arrival at each reader, p50/p99/max; readers missing an
 *    update, or receiving one twice.
 * 5. SIGTERM, with the readers connected again: how many streams the server ends cleanly, and how fast.
 * 6. The physical baseline (--no-baseline skips it): a bare node:http server writing frames of the same size to as
 *    many streams, read by the same client, 20 frames two a second: what one process and the kernel cost alone.
 *
 * Each process needs a file descriptor per reader: the server and the client are started through a shell that raises
 * `ulimit -n` to the hard limit, and the bench refuses to start when that is too low for the readers asked for.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale, bundleFile, serverNodeFlags } from '../scripts/build.mjs';
import { createContext } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { createUser } from '../src/accounts/users.js';
import { findStory } from '../src/content/queries.js';
import { signIn } from '../test/helpers/auth.js';
import { freePort } from '../test/helpers/process.js';
import type { ReaderCommand, ReaderMessage } from './live-readers.js';
import { memoryOf } from './servers.js';
import { runWrk, wrkAvailable, type LoadOptions } from './wrk.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at !== -1 && args[at + 1] ? args[at + 1]! : fallback;
};
if (args.includes('--help')) {
  console.log(`Usage: npm run bench:live -- [--readers N] [--updates N] [--seconds S]

Starts the server on a fresh demo newsroom, connects N readers (default 10000) to its live story, measures the cached
story page with wrk (50 connections, 2 threads, S seconds, default 10) without and with them, posts --updates updates
(default 60, one a second) through the live desk and reports delivery latency, missed updates and memory.`);
  process.exit(0);
}
if (!wrkAvailable()) {
  console.log('SKIPPED: wrk is not installed (apt-get install -y wrk); bench:live compares page throughput with it, as npm run bench does.');
  process.exit(0);
}

const readerCount = Number(option('readers', '10000'));
const updateCount = Number(option('updates', '60'));
const load: LoadOptions = { seconds: Number(option('seconds', '10')), connections: 50, threads: 2 };
const hardLimit = Number(spawnSync('bash', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).stdout.trim());
const fdLimit = Number.isFinite(hardLimit) ? hardLimit : readerCount + 1000;
if (fdLimit < readerCount + 500) {
  console.error(`The hard limit on open files is ${fdLimit}; ${readerCount} readers need about ${readerCount + 500}. Raise it (ulimit -Hn, /etc/security/limits.conf) or pass --readers.`);
  process.exit(1);
}
const log = (line: string) => console.log(line);
const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
// Bounded in time whatever happens.
setTimeout(() => {
  console.error('bench:live did not finish within 15 minutes; stopping.');
  process.exit(2);
}, 15 * 60_000).unref();

/** Runs `node …` through a shell that first raises the open-file limit to the hard limit. */
function spawnWithFds(nodeArgs: string[], options: Parameters<typeof spawn>[2]): ChildProcess {
  const quoted = [process.execPath, ...nodeArgs].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('bash', ['-c', `ulimit -n ${fdLimit} && exec ${quoted}`], options);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.timeOrigin + performance.now();
const mb = (n: number) => `${n.toFixed(0)} MB`;
const ms = (n: number) => `${n.toFixed(1)} ms`;

function nextMessage<T extends ReaderMessage['type']>(child: ChildProcess, type: T, timeoutMs: number): Promise<Extract<ReaderMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the reader process sent no "${type}" within ${timeoutMs} ms`)), timeoutMs);
    const listener = (message: ReaderMessage) => {
      if (message.type !== type) return;
      clearTimeout(timer);
      child.off('message', listener);
      resolve(message as Extract<ReaderMessage, { type: T }>);
    };
    child.on('message', listener);
  });
}

/**
 * The physical baseline: a bare node:http server holding the same readers' event streams and writing the same bytes,
 * encoded once, to every socket in one loop, after answering the request that asked for it (as Gazette answers the
 * post first). What it measures is what one Node process and this machine's kernel cost to reach N sockets.
 */
const bareStreams = `
const http = require('node:http');
const streams = [];
let id = 0;
const frame = Buffer.from('id: ' + '0'.repeat(8) + '\\ndata: ' + 'x'.repeat(Number(process.argv[2])) + '\\n\\n');
http.createServer((req, res) => {
  if (req.url === '/events') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.write('retry: 2000\\n\\n');
    streams.push(res.socket);
    return;
  }
  if (req.url === '/send' && req.method === 'POST') {
    id++;
    const bytes = Buffer.from(frame);
    bytes.write(String(id).padStart(8, '0'), 4);
    const chunk = Buffer.concat([Buffer.from(bytes.length.toString(16) + '\\r\\n'), bytes, Buffer.from('\\r\\n')]);
    res.end(String(id));
    setImmediate(() => { for (const socket of streams) socket.write(chunk); });
    return;
  }
  res.writeHead(200).end('ok');
}).listen(Number(process.argv[1]), '127.0.0.1');
`;

/** A POST on a connection of its own (a pooled one may have gone stale while wrk ran), read to the end. */
function postForm(port: number, target: string, cookie: string, form: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: target, method: 'POST', agent: false, headers: {
      cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(form),
    } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end(form);
  });
}

async function main(): Promise<void> {
  await buildIfStale({ quiet: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-bench-live-'));
  const workDir = path.join(root, '.tmp', 'bench-live');
  fs.mkdirSync(workDir, { recursive: true });
  const password = 'bench-live-password';
  let storyId = 0;
  let storyUrl = '';
  {
    const ctx = await createContext(loadConfig({ GAZETTE_DATA_DIR: dataDir, GAZETTE_DEMO: 'false', LOG_LEVEL: 'silent' }));
    const { seedDemo } = await import('../src/demo/seed.js');
    await seedDemo(ctx, { pictures: 'later' });
    await createUser(ctx.store.db, { email: 'desk@example.test', name: 'Bench Editor', role: 'editor', password });
    const live = await ctx.store.db.selectFrom('live_coverage').select('article_id').where('ended_at', 'is', null).executeTakeFirstOrThrow();
    const story = await findStory(ctx.store.db, { id: live.article_id });
    if (!story) throw new Error('the demo live story is not published');
    storyId = story.id;
    storyUrl = story.url;
    await ctx.store.close();
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawnWithFds([...serverNodeFlags, bundleFile, 'serve'], {
    cwd: root,
    env: {
      ...process.env, GAZETTE_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', GAZETTE_DEMO: 'false', PAGE_CACHE_MB: '64',
      // The readers all come from 127.0.0.1: the per-address limit is raised for them, as an operator would for a known proxy.
      GAZETTE_LIVE_STREAMS_PER_IP: String(readerCount + 100),
    },
    stdio: ['ignore', fs.openSync(path.join(workDir, 'server.log'), 'w'), 'inherit'],
  });
  const started = Date.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 60_000) throw new Error('the server did not answer within a minute');
    await sleep(50);
  }
  const page = await fetch(`${url}${storyUrl}`);
  const html = await page.text();
  if (page.status !== 200 || !html.includes(`/live/${storyId}/events`)) throw new Error(`${storyUrl} answered ${page.status} without its live stream`);

  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    log(`  ${line}`);
  };
  say(`Live story ${storyUrl} (id ${storyId}), ${readerCount} readers, ${updateCount} updates; open-file limit ${fdLimit}; load average at the start ${os.loadavg()[0]!.toFixed(2)}`);

  // Signed in before any load: undici's pooled connections go stale while wrk runs.
  const session = await signIn({ url }, 'desk@example.test', password);
  runWrk(url, [storyUrl], { ...load, seconds: 2 }, workDir);
  const alone = runWrk(url, [storyUrl], load, workDir);
  const quiet = memoryOf(server.pid!);
  say(`Cached story page without readers: ${alone.rps.toFixed(0)} req/s (p50 ${ms(alone.p50ms)}, p99 ${ms(alone.p99ms)}${alone.errors ? `, errors ${alone.errors}` : ''}); server RSS ${mb(quiet.rssMb)}`);

  const connectReaders = async () => {
    const child = spawnWithFds(['--import', 'tsx', path.join(root, 'bench', 'live-readers.ts')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await nextMessage(child, 'ready', 30_000);
    child.send({ type: 'open', port, path: `/live/${storyId}/events`, count: readerCount, concurrency: 64 } satisfies ReaderCommand);
    return { child, opened: await nextMessage(child, 'opened', 300_000) };
  };
  let { child: readers, opened } = await connectReaders();
  const command = (message: ReaderCommand) => readers.send(message);
  say(`Readers connected: ${opened.connected} of ${readerCount} in ${(opened.ms / 1000).toFixed(1)} s${opened.failed ? `; ${opened.failed} failed (${opened.errors.join('; ')})` : ''}`);
  await sleep(3000);
  const connected = memoryOf(server.pid!);
  const perReader = ((connected.rssMb - quiet.rssMb) * 1024 * 1024) / Math.max(1, opened.connected);
  say(`Server RSS with ${opened.connected} readers connected: ${mb(connected.rssMb)} (peak ${mb(connected.peakMb)}); ${(perReader / 1024).toFixed(1)} KB per idle connection over the ${mb(quiet.rssMb)} without them`);

  runWrk(url, [storyUrl], { ...load, seconds: 2 }, workDir);
  const crowded = runWrk(url, [storyUrl], load, workDir);
  say(`Cached story page with the readers connected: ${crowded.rps.toFixed(0)} req/s (p50 ${ms(crowded.p50ms)}, p99 ${ms(crowded.p99ms)}${crowded.errors ? `, errors ${crowded.errors}` : ''})`);

  const ids: number[] = [];
  const postMs: number[] = [];
  const spacing = 60_000 / updateCount;
  const firstAt = now();
  for (let i = 0; i < updateCount; i++) {
    const due = firstAt + i * spacing;
    if (due > now()) await sleep(due - now());
    const form = new URLSearchParams({
      _csrf: session.csrf,
      headline: i % 10 === 0 ? `Bench update ${i + 1}` : '',
      body_html: `<p>Update ${i + 1} of the benchmark: the quay is quiet, the talks go on, and the reporter files another paragraph of about this length.</p>`,
    }).toString();
    const sentAt = now();
    const response = await postForm(port, `/newsroom/live/${storyId}/updates`, session.cookie, form);
    const answer = JSON.parse(response.body) as { streamId?: number; message?: string };
    const answeredAt = now();
    if (response.status !== 201 || typeof answer.streamId !== 'number') throw new Error(`posting update ${i + 1} answered ${response.status}: ${answer.message ?? ''}`);
    postMs.push(answeredAt - sentAt);
    ids.push(answer.streamId);
    command({ type: 'posted', id: answer.streamId, sentAt, answeredAt });
  }
  await sleep(3000);
  command({ type: 'report', ids });
  const report = await nextMessage(readers, 'report', 60_000);
  const during = memoryOf(server.pid!);
  const sortedPost = [...postMs].sort((a, b) => a - b);
  say(`Posting through the desk's route: p50 ${ms(sortedPost[Math.floor(sortedPost.length / 2)]!)}, max ${ms(sortedPost[sortedPost.length - 1]!)}`);
  say(`Delivery, post's answer to arrival, ${report.fromAnswer.n} deliveries: p50 ${ms(report.fromAnswer.p50)}, p99 ${ms(report.fromAnswer.p99)}, max ${ms(report.fromAnswer.max)} (${report.beforeAnswer} arrived before the answer: counted as 0)`);
  say(`Delivery, post sent to arrival: p50 ${ms(report.fromSend.p50)}, p99 ${ms(report.fromSend.p99)}, max ${ms(report.fromSend.max)}`);
  say(`Last reader reached, per update: p50 ${ms(report.lastArrivalPerUpdate.p50)}, max ${ms(report.lastArrivalPerUpdate.max)}`);
  say(`Missed deliveries: ${report.missed} of ${ids.length * readerCount}; duplicates: ${report.duplicates}; readers still connected: ${report.open}`);
  say(`Server RSS after the updates: ${mb(during.rssMb)} (peak ${mb(during.peakMb)})`);

  // The page again with the readers (the updates purged it: the warm-up fills the cache), then without them, so the
  // comparison is of two runs each way taken around each other on a machine whose load moves.
  runWrk(url, [storyUrl], { ...load, seconds: 2 }, workDir);
  const crowdedAgain = runWrk(url, [storyUrl], load, workDir);
  command({ type: 'exit' });
  await new Promise((resolve) => (readers.exitCode !== null ? resolve(null) : readers.once('exit', resolve)));
  await sleep(2000);
  runWrk(url, [storyUrl], { ...load, seconds: 2 }, workDir);
  const aloneAgain = runWrk(url, [storyUrl], load, workDir);
  const ratio = (crowded.rps + crowdedAgain.rps) / (alone.rps + aloneAgain.rps);
  say(`Cached story page, second runs: with the readers ${crowdedAgain.rps.toFixed(0)} req/s (p99 ${ms(crowdedAgain.p99ms)}), without them ${aloneAgain.rps.toFixed(0)} req/s (p99 ${ms(aloneAgain.p99ms)})`);
  say(`Cached story page with ${readerCount} readers connected: ${(ratio * 100).toFixed(0)}% of its throughput without them (sum of two runs each way)`);

  ({ child: readers, opened } = await connectReaders());
  if (opened.connected !== readerCount) throw new Error(`only ${opened.connected} readers reconnected for the shutdown`);
  command({ type: 'watch-close' });
  const stoppedAt = now();
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const closed = await nextMessage(readers, 'closed', 60_000);
  await Promise.race([exited, sleep(20_000)]);
  say(`SIGTERM: ${closed.clean} streams ended cleanly, ${closed.reset} reset, ${closed.stillOpen} still open after ${ms(closed.ms)}; the server exited after ${ms(now() - stoppedAt)}`);
  command({ type: 'exit' });

  fs.rmSync(dataDir, { recursive: true, force: true });

  if (!args.includes('--no-baseline')) {
    // The same readers and the same frame size against the bare server: 20 frames, two a second.
    const barePort = await freePort();
    const bare = spawnWithFds(['-e', bareStreams, String(barePort), String(Math.max(1, report.frameBytes - 21))], { stdio: ['ignore', 'ignore', 'inherit'] });
    for (let tries = 0; ; tries++) {
      try {
        if ((await fetch(`http://127.0.0.1:${barePort}/`)).ok) break;
      } catch {
        if (tries > 200) throw new Error('the bare stream server did not start');
      }
      await sleep(50);
    }
    const bareReaders = spawnWithFds(['--import', 'tsx', path.join(root, 'bench', 'live-readers.ts')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await nextMessage(bareReaders, 'ready', 30_000);
    bareReaders.send({ type: 'open', port: barePort, path: '/events', count: readerCount, concurrency: 64 } satisfies ReaderCommand);
    const bareOpened = await nextMessage(bareReaders, 'opened', 300_000);
    await sleep(2000);
    const bareIds: number[] = [];
    for (let i = 0; i < 20; i++) {
      await sleep(500);
      const sentAt = now();
      const answer = await postForm(barePort, '/send', '', '');
      const answeredAt = now();
      bareIds.push(Number(answer.body));
      bareReaders.send({ type: 'posted', id: Number(answer.body), sentAt, answeredAt } satisfies ReaderCommand);
    }
    await sleep(3000);
    bareReaders.send({ type: 'report', ids: bareIds } satisfies ReaderCommand);
    const bareReport = await nextMessage(bareReaders, 'report', 60_000);
    say(`Baseline, bare node:http writing the same ${report.frameBytes}-byte frames to ${bareOpened.connected} streams: p50 ${ms(bareReport.fromAnswer.p50)}, p99 ${ms(bareReport.fromAnswer.p99)}, max ${ms(bareReport.fromAnswer.max)}; last reader reached per frame p50 ${ms(bareReport.lastArrivalPerUpdate.p50)}; missed ${bareReport.missed}; RSS ${mb(memoryOf(bare.pid!).rssMb)}`);
    bareReaders.send({ type: 'exit' } satisfies ReaderCommand);
    bare.kill('SIGKILL');
  }

  const targets = [
    ['p50 < 100 ms', report.fromAnswer.p50 < 100],
    ['p99 < 1 s', report.fromAnswer.p99 < 1000],
    ['no missed update', report.missed === 0 && report.duplicates === 0],
    ['RSS < 300 MB', Math.max(connected.rssMb, during.rssMb) < 300],
    ['page ≥ 80%', ratio >= 0.8],
  ] as const;
  console.log(['', `Live bench, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (${os.cpus().length} cores, load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')})`,
    ...lines.map((l) => `  ${l}`), `  Targets: ${targets.map(([name, ok]) => `${name} ${ok ? 'met' : 'MISSED'}`).join(' · ')}`, ''].join('\n'));
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
