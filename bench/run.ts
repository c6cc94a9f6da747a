/**
 * `npm run bench`: builds a 100k-story newsroom (1M with --million), then loads story, home, section, feed and search pages
 * with wrk on loopback, cached and uncached, on SQLite and PostgreSQL, beside nginx and bare node:http baselines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate, openStore } from '../src/db/index.js';
import { benchSectionSlugs, buildDataset, buildRelatedLists, type Dataset } from './dataset.js';
import { writeReport, type EngineRun, type Measurement } from './report.js';
import { memoryOf, nginxAvailable, startBareNode, startGazette, startNginx, type Running } from './servers.js';
import { runWrk, wrkAvailable, type LoadOptions } from './wrk.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at !== -1 && args[at + 1] ? args[at + 1]! : fallback;
};

if (flag('help')) {
  console.log(`Usage: npm run bench -- [--million | --stories N] [--seconds S] [--engines sqlite,postgres] [--rebuild] [--no-report]

Builds the dataset once (kept under .tmp/bench, and as schema bench_N in TEST_DATABASE_URL) and loads Gazette with wrk
(50 connections, 2 threads) for S seconds per page (default 10). PostgreSQL runs when TEST_DATABASE_URL is set.
Results go to docs/PERFORMANCE.md unless --no-report.`);
  process.exit(0);
}

if (!wrkAvailable()) {
  console.log('SKIPPED: wrk is not installed (apt-get install -y wrk). autocannon tops out near 10-15k req/s on one Node thread here, so it is not used for throughput.');
  process.exit(0);
}

const stories = flag('million') ? 1_000_000 : Number(option('stories', '100000'));
const load: LoadOptions = { seconds: Number(option('seconds', '10')), connections: 50, threads: 2 };
const engines = option('engines', process.env.TEST_DATABASE_URL ? 'sqlite,postgres' : 'sqlite').split(',');
const onlyPages = args.includes('--pages') ? option('pages', '').split(',') : null;
const workDir = path.join(root, '.tmp', 'bench');
fs.mkdirSync(workDir, { recursive: true });
const log = (line: string) => console.log(line);

async function prepare(engine: string): Promise<{ databaseUrl: string; dataset: Dataset }> {
  const datasetFile = path.join(workDir, `${engine}-${stories}.json`);
  let databaseUrl: string;
  if (engine === 'sqlite') {
    const file = path.join(workDir, `sqlite-${stories}.db`);
    if (flag('rebuild')) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    if (!fs.existsSync(file)) fs.rmSync(datasetFile, { force: true });
    databaseUrl = `sqlite://${file}`;
  } else {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('the postgres engine needs TEST_DATABASE_URL');
    const schema = `bench_${stories}`;
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    const exists = (await client.query('select 1 from information_schema.schemata where schema_name = $1', [schema])).rowCount;
    if (flag('rebuild') || !exists) {
      await client.query(`drop schema if exists "${schema}" cascade`);
      fs.rmSync(datasetFile, { force: true });
    }
    await client.end();
    const url = new URL(base);
    url.searchParams.set('schema', schema);
    databaseUrl = url.toString();
  }
  if (fs.existsSync(datasetFile)) {
    log(`${engine}: reusing the ${stories}-story dataset (--rebuild to make it again)`);
    const store = await openStore(databaseUrl);
    try {
      // A dataset kept from before a migration: bring it up to date the way an upgraded site would be.
      await migrate(store.db, store.schema);
      const related = await store.db.selectFrom('related_lists').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(related.n) === 0) await buildRelatedLists(store.db, log);
    } finally {
      await store.close();
    }
    return { databaseUrl, dataset: JSON.parse(fs.readFileSync(datasetFile, 'utf8')) as Dataset };
  }
  log(`${engine}: building ${stories} stories`);
  const store = await openStore(databaseUrl);
  try {
    await migrate(store.db, store.schema);
    const dataset = await buildDataset(store.db, stories, log);
    log(`${engine}: dataset built in ${dataset.seconds.toFixed(1)} s`);
    fs.writeFileSync(datasetFile, JSON.stringify(dataset));
    return { databaseUrl, dataset };
  } finally {
    await store.close();
  }
}

async function text(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/** The pages to load, found the way a reader would: from the home page's links. Search goes last: it is the slowest. */
async function discoverPages(base: string, dataset: Dataset): Promise<[string, string[]][]> {
  const home = await text(`${base}/`);
  const story = /href="(\/[a-z0-9-]+\/\d{4}\/\d{2}\/[a-z0-9-]+)"/.exec(home)?.[1];
  if (!story) throw new Error('the home page links to no story');
  const feed = /<link[^>]+type="application\/(?:rss|atom)\+xml"[^>]+href="([^"]+)"/.exec(home)?.[1] ?? /<link[^>]+href="([^"]+)"[^>]+type="application\/(?:rss|atom)\+xml"/.exec(home)?.[1];
  const pages: [string, string[]][] = [['story', [story]], ['home', ['/']], ['section', benchSectionSlugs().map((slug) => `/${slug}`)]];
  if (feed) pages.push(['feed', [feed.replace(/^https?:\/\/[^/]+/, '')]]);
  else log('  (no feed link on the home page: feed not measured)');
  const search = dataset.searchWords.map((word) => `/search?q=${encodeURIComponent(word)}`);
  const searchStatus = (await fetch(`${base}${search[0]}`, { signal: AbortSignal.timeout(30_000) })).status;
  if (searchStatus === 200) pages.push(['search', search]);
  else log(`  (search answered ${searchStatus}: search not measured)`);
  return pages;
}

interface StoryCapture {
  path: string;
  file: string;
  bytes: { html: number; gzip: number; br: number; css: number };
}

/** Saves the story page's bytes for the baselines and records its sizes per encoding (from the cache, once it holds the page). */
async function captureStory(base: string, storyPath: string): Promise<StoryCapture> {
  const url = `${base}${storyPath}`;
  for (let attempt = 0; attempt < 50; attempt++) {
    const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    await response.arrayBuffer();
    if (response.headers.get('x-page-cache') === 'hit') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const html = Buffer.from(await (await fetch(url, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
  const file = path.join(workDir, 'story.html');
  fs.writeFileSync(file, html);
  const size = async (encoding: string) => Number((await fetch(url, { headers: { 'accept-encoding': encoding } })).headers.get('content-length') ?? 0);
  const css = /href="(\/assets\/[^"]+\.css[^"]*)"/.exec(html.toString('utf8'))?.[1];
  return { path: storyPath, file, bytes: { html: html.length, gzip: await size('gzip'), br: await size('br'), css: css ? (await text(`${base}${css}`)).length : 0 } };
}

/** Each page is loaded on a freshly started server, so a slow page's backlog cannot spill into the next one. */
async function measureGazette(engine: string, databaseUrl: string, dataset: Dataset, cached: boolean, capture: boolean): Promise<{ run: EngineRun; story: StoryCapture | null }> {
  const env = { DATABASE_URL: databaseUrl, GAZETTE_DATA_DIR: path.join(workDir, `data-${engine}`), PAGE_CACHE_MB: cached ? '64' : '0' };
  const logFile = path.join(workDir, `gazette-${engine}-${cached ? 'cached' : 'uncached'}.log`);
  const first = await startGazette(env, root, logFile);
  const pages = await discoverPages(first.url, dataset);
  const run: EngineRun = { engine, cached, measurements: [], startMs: first.startMs, rssMb: 0, peakMb: 0 };
  let story: StoryCapture | null = null;
  let server: Running | null = first;
  for (const [page, paths] of pages.filter(([name]) => !onlyPages || onlyPages.includes(name))) {
    server ??= await startGazette(env, root, logFile);
    if (capture && page === 'story') {
      story = await captureStory(server.url, paths[0]!).catch((error: unknown) => {
        log(`  (could not save the story page for the baselines: ${(error as Error).message})`);
        return null;
      });
    }
    // A short warm-up fills the cache (or the database's own caches) before the measured run.
    runWrk(server.url, paths, { ...load, seconds: 2 }, workDir);
    const result = runWrk(server.url, paths, load, workDir);
    run.measurements.push({ engine, page, cached, ...result });
    log(`  ${engine.padEnd(8)} ${cached ? 'cached  ' : 'uncached'} ${page.padEnd(8)} ${result.rps.toFixed(0).padStart(8)} req/s  p50 ${result.p50ms.toFixed(2)} ms  p99 ${result.p99ms.toFixed(2)} ms${result.errors ? `  errors ${result.errors}` : ''}`);
    const memory = memoryOf(server.pid);
    run.rssMb = Math.max(run.rssMb, memory.rssMb);
    run.peakMb = Math.max(run.peakMb, memory.peakMb);
    await server.stop();
    server = null;
  }
  return { run, story };
}

async function main(): Promise<void> {
  const results: EngineRun[] = [];
  let story: StoryCapture | null = null;
  for (const engine of engines) {
    const { databaseUrl, dataset } = await prepare(engine);
    if (flag('build-only')) continue;
    for (const cached of [true, false]) {
      const measured = await measureGazette(engine, databaseUrl, dataset, cached, cached && !story);
      story ??= measured.story;
      results.push(measured.run);
    }
  }

  if (flag('build-only')) return;
  const sqliteRun = results.find((r) => r.engine === 'sqlite' && r.cached);
  const sqliteData = sqliteRun ? await prepare('sqlite') : null;
  if (sqliteData && story) {
    // The same story page from two worker processes, cached and not: nginx runs one worker per core too.
    for (const cached of [true, false]) {
      const env = { DATABASE_URL: sqliteData.databaseUrl, GAZETTE_DATA_DIR: path.join(workDir, 'data-sqlite'), PAGE_CACHE_MB: cached ? '64' : '0' };
      const cluster = await startGazette(env, root, path.join(workDir, 'gazette-sqlite-workers.log'), ['--workers', '2']);
      runWrk(cluster.url, [story.path], { ...load, seconds: 2 }, workDir);
      const result = runWrk(cluster.url, [story.path], load, workDir);
      log(`  sqlite --workers 2 ${cached ? 'cached  ' : 'uncached'} story ${result.rps.toFixed(0).padStart(8)} req/s  p50 ${result.p50ms.toFixed(2)} ms  p99 ${result.p99ms.toFixed(2)} ms`);
      const engine = 'sqlite, --workers 2';
      results.push({ engine, cached, measurements: [{ engine, page: 'story', cached, ...result }], startMs: cluster.startMs, rssMb: Number.NaN, peakMb: Number.NaN });
      await cluster.stop();
    }
  }
  const baselines: Measurement[] = [];
  const storyFile = story?.file;
  if (storyFile) {
    const bare = await startBareNode(storyFile);
    runWrk(bare.url, ['/'], { ...load, seconds: 2 }, workDir);
    baselines.push({ engine: 'node:http', page: 'story', cached: true, ...runWrk(bare.url, ['/'], load, workDir) });
    await bare.stop();
    if (nginxAvailable()) {
      const nginx = await startNginx(storyFile, workDir);
      runWrk(nginx.url, ['/'], { ...load, seconds: 2 }, workDir);
      baselines.push({ engine: 'nginx', page: 'story', cached: true, ...runWrk(nginx.url, ['/'], load, workDir) });
      await nginx.stop();
    } else log('SKIPPED: the nginx baseline (nginx is not installed: apt-get install -y nginx)');
    for (const b of baselines) log(`  ${b.engine.padEnd(10)} static story ${b.rps.toFixed(0).padStart(8)} req/s  p50 ${b.p50ms.toFixed(2)} ms  p99 ${b.p99ms.toFixed(2)} ms`);
  }

  const summary = writeReport({
    root,
    write: !flag('no-report'),
    stories,
    load,
    loadAverage: os.loadavg()[0]!,
    machine: `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}`,
    results,
    baselines,
    storyBytes: story?.bytes ?? { html: 0, gzip: 0, br: 0, css: 0 },
  });
  console.log(`\n${summary}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
