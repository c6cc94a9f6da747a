/**
 * `npm run bench:places`: places, measured on loopback against `gazette serve` (the bundle `npm start` runs) on a
 * fresh demo newsroom. Bounded: a few hundred sequential requests, no load generator.
 *
 * - Start to first response: the first start on the data directory (which creates the first administrator), then
 *   five restarts on it (the target: what every restart and every added worker does), each to listening (/healthz)
 *   and to its first /places (the world map drawn). Then the first place page of the worker (the outlines read).
 * - The worker's RSS after serving public pages (place, country, world, stories): the gazetteer must not be loaded.
 * - A place page: cached (the same address again) and uncached (a new query string each time, so the page cache
 *   misses and the page renders; its locator map drawn once per place, from outlines projected once per process).
 * - A locator map drawn cold, in this process, for 300 gazetteer cities (the outlines projected once beforehand).
 * - Lookup as you type over HTTP: every prefix of 24 city names from the second letter, as a journalist types them;
 *   the first request (which loads the gazetteer) is reported apart. Then the RSS with the gazetteer loaded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfStale, bundleFile, serverNodeFlags } from '../scripts/build.mjs';
import { createContext } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { createUser } from '../src/accounts/users.js';
import { locatorMap } from '../src/places/map.js';
import { lookupGazetteer } from '../src/places/gazetteer.js';
import { signIn } from '../test/helpers/auth.js';
import { freePort } from '../test/helpers/process.js';
import { memoryOf } from './servers.js';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
function summary(name: string, values: number[]): string {
  return `${name}: n=${values.length} p50 ${fmt(percentile(values, 50))} · p95 ${fmt(percentile(values, 95))} · max ${fmt(Math.max(...values))}`;
}

async function timed(url: string, init: RequestInit = {}, retry = true): Promise<{ ms: number; status: number; body: string }> {
  const started = performance.now();
  try {
    const response = await fetch(url, init);
    const body = await response.text();
    return { ms: performance.now() - started, status: response.status, body };
  } catch (error) {
    // A pooled connection the server closed while idle fails at once: the retry, on a new connection, is timed.
    if (!retry) throw error;
    return timed(url, init, false);
  }
}

async function main(): Promise<void> {
  await buildIfStale({ quiet: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-bench-places-'));
  const password = 'bench-places-password';
  {
    // The demo newsroom and a journalist to look places up with, written before the server starts.
    const ctx = await createContext(loadConfig({ GAZETTE_DATA_DIR: dataDir, GAZETTE_DEMO: 'false', LOG_LEVEL: 'silent' }));
    const { seedDemo } = await import('../src/demo/seed.js');
    await seedDemo(ctx, { pictures: 'later' });
    await createUser(ctx.store.db, { email: 'bench@example.test', name: 'Bench Journalist', role: 'author', password });
    await ctx.store.close();
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const lines: string[] = [];
  const say = (line: string) => { lines.push(line); console.log(`  ${line}`); };

  /**
   * CPU time (user + system) a process has used so far, in ms (10 ms resolution): unlike the wall clock, it does not
   * grow while the process waits for a core other work on the machine holds.
   */
  function cpuMs(pid: number): number {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  }

  /** Spawns `gazette serve` on the data directory; resolves when it answers `first` with a 200, with the times taken. */
  async function serve(first: string): Promise<{ child: ChildProcess; listeningMs: number; firstMs: number; cpuToListening: number; cpuToFirst: number }> {
    const started = performance.now();
    const child = spawn(process.execPath, [...serverNodeFlags, bundleFile, 'serve'], {
      env: { ...process.env, GAZETTE_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', GAZETTE_DEMO: 'false' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    running = child;
    let listeningMs = 0;
    let cpuToListening = 0;
    while (!listeningMs) {
      try {
        await (await fetch(`${url}/healthz`)).text();
        listeningMs = performance.now() - started;
        cpuToListening = cpuMs(child.pid!);
      } catch {
        // not listening yet
        if (performance.now() - started > 60_000) throw new Error('the server did not answer within a minute');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    const page = await fetch(`${url}${first}`);
    await page.text();
    if (page.status !== 200) throw new Error(`${first} answered ${page.status}`);
    return { child, listeningMs, firstMs: performance.now() - started, cpuToListening, cpuToFirst: cpuMs(child.pid!) };
  }
  async function stop(child: ChildProcess): Promise<void> {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  let running: ChildProcess | null = null;
  process.on('exit', () => running?.kill('SIGKILL'));

  // The first start on this data directory creates the first administrator (a deliberately slow scrypt hash).
  const firstStart = await serve('/places');
  say(`First start (creates the first admin), to listening: ${firstStart.listeningMs.toFixed(0)} ms (CPU ${firstStart.cpuToListening.toFixed(0)} ms); to the first /places: ${firstStart.firstMs.toFixed(0)} ms`);
  await stop(firstStart.child);
  // The target: a worker starting on an existing data directory (what every restart and every added worker does).
  const restarts: { listeningMs: number; firstMs: number; cpuToListening: number; cpuToFirst: number }[] = [];
  let child!: ChildProcess;
  for (let i = 0; i < 5; i++) {
    const restart = await serve('/places');
    restarts.push(restart);
    if (i < 4) await stop(restart.child);
    else child = restart.child;
  }
  const median = (values: number[]) => percentile(values, 50);
  const runs = (pick: (r: (typeof restarts)[number]) => number) => `median ${median(restarts.map(pick)).toFixed(0)} ms (${restarts.map((r) => pick(r).toFixed(0)).join(', ')})`;
  say(`Restart on the existing data directory (5 runs), to listening: ${runs((r) => r.listeningMs)}; to the first /places, world map drawn: ${runs((r) => r.firstMs)}`);
  say(`  CPU time the worker used, to listening: ${runs((r) => r.cpuToListening)}; to the first /places: ${runs((r) => r.cpuToFirst)}`);

  // The first place page of a new worker draws its first locator map (reading and projecting the outlines).
  const firstPlace = await timed(`${url}/place/geneve`);
  say(`First place page of the worker (outlines read and projected): ${fmt(firstPlace.ms)}`);

  const world = await (await fetch(`${url}/places`)).text();
  const storyPaths = [...new Set([...world.matchAll(/href="(\/world\/\d{4}\/\d{2}\/[^"]+)"/g)].map((m) => m[1]!))];
  for (const p of ['/', '/world', '/place/tarsel', '/place/geneve', '/country/ch', ...storyPaths]) await fetch(`${url}${p}`).then((r) => r.text());
  const publicMemory = memoryOf(child.pid!);
  say(`Public worker after place, country, world, section and story pages: RSS ${publicMemory.rssMb.toFixed(0)} MB (peak ${publicMemory.peakMb.toFixed(0)} MB), gazetteer not loaded`);

  const cached: number[] = [];
  for (let i = 0; i < 200; i++) cached.push((await timed(`${url}/place/tarsel`)).ms);
  say(summary('Place page, cached, over HTTP', cached));
  const uncached: number[] = [];
  for (const slug of ['tarsel', 'geneve', 'port-amsel', 'brussels']) {
    for (let i = 0; i < 50; i++) {
      const answer = await timed(`${url}/place/${slug}?bench=${i}`);
      if (answer.status !== 200 || !answer.body.includes('<svg class="map map--locator"')) throw new Error(`/place/${slug} answered ${answer.status} without its map`);
      uncached.push(answer.ms);
    }
  }
  say(summary('Place page, uncached (rendered, with its map), over HTTP', uncached));

  // Cold locator maps in this process: the outlines projected once, then a new map per city.
  let t = performance.now();
  locatorMap({ id: 'warm', name: 'Warm', label: 'Warm', lat: 0, lon: 0, countryNumeric: null });
  const projectMs = performance.now() - t;
  const cities = lookupGazetteer('sa', { limit: 100 }).concat(lookupGazetteer('ka', { limit: 100 }), lookupGazetteer('be', { limit: 100 }));
  const draws: number[] = [];
  let largest = 0;
  for (const city of cities) {
    t = performance.now();
    const svg = locatorMap({ id: 'bench', name: city.name, label: city.name, lat: city.lat, lon: city.lon, countryNumeric: null });
    draws.push(performance.now() - t);
    largest = Math.max(largest, Buffer.byteLength(svg));
  }
  say(`Projecting the 1:50m outlines once: ${fmt(projectMs)}`);
  say(`${summary('Locator map drawn cold (300 cities)', draws)} · largest ${(largest / 1024).toFixed(1)} KB`);

  await fetch(`${url}/healthz`).then((r) => r.text()).catch(() => undefined);
  const session = await signIn({ url }, 'bench@example.test', password);
  const names = ['Paris', 'Nairobi', 'São Paulo', 'Kinshasa', 'Mombasa', 'Genève', 'Brussels', 'Kharkiv', 'Rio de Janeiro', 'Tarsel', 'Port Amsel', 'Johannesburg',
    'Aleppo', 'Mosul', 'Kabul', 'Dhaka', 'Lagos', 'Buenos Aires', 'Saint-Étienne', 'Tegucigalpa', 'Valparaíso', 'Ouagadougou', 'Kaliningrad', 'Ulaanbaatar'];
  const first = await timed(`${url}/newsroom/places/lookup?q=pa`, { headers: { cookie: session.cookie } });
  say(`First lookup (loads the gazetteer): ${fmt(first.ms)}`);
  const lookups: number[] = [];
  for (const name of names) {
    for (let n = 2; n <= name.length; n++) {
      const answer = await timed(`${url}/newsroom/places/lookup?q=${encodeURIComponent(name.slice(0, n))}`, { headers: { cookie: session.cookie } });
      if (answer.status !== 200) throw new Error(`lookup answered ${answer.status}`);
      lookups.push(answer.ms);
    }
  }
  say(summary('Place lookup as you type, over HTTP', lookups));
  const loaded = memoryOf(child.pid!);
  say(`Worker with the gazetteer loaded: RSS ${loaded.rssMb.toFixed(0)} MB (peak ${loaded.peakMb.toFixed(0)} MB)`);

  child.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
  console.log(['', `Places bench (${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)})`, ...lines.map((l) => `  ${l}`), ''].join('\n'));
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
