/**
 * `npm run bench:search`: relevance (MAP, nDCG@10) on a generated judged collection, then as-you-type latency over
 * HTTP (request to last byte, p50/p95/p99) against `gazette serve` on 10k and 100k generated stories in SQLite.
 * BENCH_SEARCH_SIZES=10000 limits the sizes; BENCH_SEARCH_PARTS=relevance or =speed runs one half; BENCH_SEARCH_KEEP=DIR keeps the speed databases;
 * TEST_DATABASE_URL also measures relevance on PostgreSQL. BENCH_SEARCH_WORKERS=2 runs the server as `serve --workers 2`
 * (processes sharing the port, as a deployment on this machine would), for the speed part.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { createUser } from '../src/accounts/users.js';
import { createArticle, ensureSection } from '../src/content/articles.js';
import { slugify } from '../src/slugs.js';
import { migrate, openStore, sqlitePath, type Db } from '../src/db/index.js';
import { rebuildSearchIndex, searchStories } from '../src/search/index.js';
import { createTestDatabase } from '../test/helpers/server.js';
import { bm25Reference, collectionNames, loadCollection, plainBm25Score, publishCollection, relevanceDir, scoreCollection, type JudgedScore } from './judged.js';
import { averagePrecision, backgroundStory, judgedCollection, ndcg, random, speedVocabulary, zipfSampler, type JudgedQuery } from './search-corpus.js';
import { buildIfStale, bundleFile, serverNodeFlags } from '../scripts/build.mjs';
import { runWrk, wrkAvailable } from './wrk.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => process.stderr.write(`${line}\n`);
const sizes = (process.env.BENCH_SEARCH_SIZES ?? '10000,100000').split(',').map(Number).filter((n) => n > 0);
const day = 24 * 3600 * 1000;
const parts = (process.env.BENCH_SEARCH_PARTS ?? 'judged,relevance,speed').split(',');
const workers = Math.max(1, Number(process.env.BENCH_SEARCH_WORKERS ?? 1) || 1);

interface RelevanceRow {
  engine: string;
  kind: JudgedQuery['kind'] | 'all';
  queries: number;
  map: number;
  ndcg10: number;
}

async function relevance(db: Db, engine: string): Promise<RelevanceRow[]> {
  const collection = judgedCollection(2000, 40);
  const sectionId = await ensureSection(db, { slug: 'news', name: 'News' });
  const author = await createUser(db, { email: 'judge@bench.test', name: 'Bench Reporter', role: 'author' });
  const started = Date.now();
  const idOf: number[] = [];
  const dayMs = 24 * 3600 * 1000;
  for (const [i, story] of collection.stories.entries()) {
    // Publication times spread evenly over a year, independent of subject, so freshness cannot favour relevant stories.
    idOf.push(
      await createArticle(db, {
        title: story.title, dek: story.dek, bodyHtml: story.bodyHtml, sectionId, status: 'published', authorIds: [author.id],
        tagNames: story.tags, publishedAt: new Date(Date.now() - ((i * 7919) % 365) * dayMs).toISOString(),
      }),
    );
  }
  log(`  ${engine}: published ${collection.stories.length} judged stories in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const indexOf = new Map(idOf.map((id, i) => [id, i]));
  const scored: { kind: JudgedQuery['kind']; ap: number; ndcg: number }[] = [];
  for (const query of collection.queries) {
    const result = await searchStories(db, { q: `${query.text} `, limit: 100 });
    const ranked = result.hits.map((h) => indexOf.get(h.id) ?? -1);
    scored.push({ kind: query.kind, ap: averagePrecision(ranked, query.judgments), ndcg: ndcg(ranked, query.judgments, 10) });
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  return (['all', 'keywords', 'sentence', 'typo'] as const).map((kind) => {
    const rows = scored.filter((s) => kind === 'all' || s.kind === kind);
    return { engine, kind, queries: rows.length, map: mean(rows.map((r) => r.ap)), ndcg10: mean(rows.map((r) => r.ndcg)) };
  });
}

interface JudgedRow extends JudgedScore {
  engine: string;
  /** Plain BM25 run on the same database (SQLite only): what the collection's statistics there give BM25 itself. */
  plain?: JudgedScore;
}

/**
 * A database per engine and collection, so each collection's word statistics are its own, as in the reference.
 * BENCH_SEARCH_KEEP=DIR keeps them (SQLite files under DIR, PostgreSQL schemas bench_judged_NAME) and reuses them.
 */
async function judgedStore(engine: 'sqlite' | 'postgres', name: string): Promise<{ url: string; reuse: boolean; drop(): Promise<void> }> {
  const keep = process.env.BENCH_SEARCH_KEEP;
  if (engine === 'sqlite') {
    const dir = keep ? path.join(keep, 'judged') : fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-judged-'));
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.db`);
    return { url: `sqlite://${file}`, reuse: keep !== undefined && fs.existsSync(`${file}.ready`), drop: async () => (keep ? undefined : fs.rmSync(dir, { recursive: true, force: true })) };
  }
  if (!keep) {
    process.env.GAZETTE_TEST_ENGINE = 'postgres';
    const database = await createTestDatabase();
    return { url: database.url, reuse: false, drop: () => database.drop() };
  }
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.searchParams.set('schema', `bench_judged_${name}`);
  const store = await openStore(url.toString());
  const ready = await sql`select 1 from pg_tables where schemaname = ${`bench_judged_${name}`} and tablename = 'judged_ready'`.execute(store.db);
  await store.close();
  return { url: url.toString(), reuse: ready.rows.length > 0, drop: async () => undefined };
}

async function judgedOnBothEngines(): Promise<JudgedRow[]> {
  const dir = relevanceDir(root);
  if (!dir) {
    log('Judged collections: not found (set RELEVANCE_DIR, or put them in ../shared/relevance); skipped.');
    return [];
  }
  log(`Relevance on the judged collections in ${dir} (each published through createArticle, queried through searchStories)`);
  const rows: JudgedRow[] = [];
  const engines = (process.env.TEST_DATABASE_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)).filter((e) => (process.env.BENCH_SEARCH_ENGINES ?? 'sqlite,postgres').split(',').includes(e));
  if (!process.env.TEST_DATABASE_URL) log('  (set TEST_DATABASE_URL=postgres://… to measure PostgreSQL too)');
  const only = (process.env.BENCH_SEARCH_COLLECTIONS ?? collectionNames.join(',')).split(',');
  for (const engine of engines) {
    for (const name of collectionNames.filter((n) => only.includes(n))) {
      const collection = loadCollection(dir, name);
      const target = await judgedStore(engine, name);
      const store = await openStore(target.url);
      try {
        await migrate(store.db, store.schema);
        const started = Date.now();
        if (!target.reuse) {
          await publishCollection(store.db, collection);
          log(`  ${engine} ${name}: published ${collection.docs.length} documents in ${((Date.now() - started) / 1000).toFixed(1)} s`);
          if (process.env.BENCH_SEARCH_KEEP) {
            if (engine === 'sqlite') fs.writeFileSync(`${target.url.slice('sqlite://'.length)}.ready`, '');
            else await sql`create table judged_ready (x integer)`.execute(store.db);
          }
        }
        const ids = new Map((await store.db.selectFrom('articles').select(['id', 'title']).orderBy('id').execute()).map((r, i) => [r.id, collection.docs[i]?.id ?? `x${r.title}`]));
        const queried = Date.now();
        const score = await scoreCollection(store.db, collection, ids);
        const plain = engine === 'sqlite' ? await plainBm25Score(sqlitePath(target.url), collection, ids) : undefined;
        const row = { engine: engine === 'sqlite' ? 'SQLite FTS5' : 'PostgreSQL', ...score, plain };
        log(`  ${JSON.stringify(row)} (${((Date.now() - queried) / 1000).toFixed(1)} s for ${score.queries} queries)`);
        rows.push(row);
      } finally {
        await store.close();
        await target.drop();
      }
    }
  }
  return rows;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    probe.on('error', reject);
  });
}

/** User + system CPU time a process has used so far (Linux /proc), in milliseconds. */
function processCpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Runs `gazette serve` from the bundle npm start runs, as its own process on 127.0.0.1, so the client's work does not share its event loop. */
async function serve(env: Record<string, string>): Promise<{ url: string; cpuMs(): number; stop(): Promise<void> }> {
  await buildIfStale({ quiet: true });
  const port = await freePort();
  const child = spawn(process.execPath, [...serverNodeFlags, bundleFile, 'serve', ...(workers > 1 ? ['--workers', String(workers)] : [])], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', GAZETTE_DEMO: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`gazette serve exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { url, cpuMs: () => processCpuMs(child.pid ?? 0), stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error('gazette serve did not start within two minutes');
}

async function bulkStories(db: Db, count: number): Promise<void> {
  const next = random(4242);
  const word = zipfSampler(speedVocabulary(), next);
  const sectionIds: number[] = [];
  for (const name of ['World', 'Politics', 'Business', 'Science', 'Culture', 'Sport']) sectionIds.push(await ensureSection(db, { slug: slugify(name), name }));
  const author = await createUser(db, { email: 'speed@bench.test', name: 'Speed Reporter', role: 'author' });
  const span = 5 * 365 * 24 * 3600 * 1000;
  for (let offset = 0; offset < count; offset += 500) {
    await db.transaction().execute(async (trx) => {
      const rows = Array.from({ length: Math.min(500, count - offset) }, (_, i) => {
        const n = offset + i;
        const story = backgroundStory(word, next);
        const at = new Date(Date.now() - span + Math.floor((span * n) / count)).toISOString();
        return {
          slug: `${slugify(story.title).slice(0, 50)}-${n}`, title: story.title, dek: story.dek, body_html: story.bodyHtml,
          section_id: sectionIds[n % sectionIds.length] as number, status: 'published' as const, published_at: at, updated_at: at, created_at: at,
          featured_media_id: null, thread_id: null, comments_open: 1, seo_title: '', seo_description: '', canonical_url: '', version: 1,
        };
      });
      const ids = await trx.insertInto('articles').values(rows).returning('id').execute();
      await trx.insertInto('article_authors').values(ids.map((r) => ({ article_id: r.id, user_id: author.id, position: 0 }))).execute();
    });
  }
}

/** What a reader types: each of a few hundred words, one more letter at a time, plus two-word queries with the second word half typed. */
function typingQueries(count: number): string[] {
  const next = random(777);
  const words = speedVocabulary().slice(30, 8000).filter((w) => w.length >= 4);
  const queries: string[] = [];
  while (queries.length < count) {
    const a = words[Math.floor(next() * words.length)] as string;
    const b = words[Math.floor(next() * words.length)] as string;
    for (let n = 2; n <= Math.min(a.length, 7); n++) queries.push(a.slice(0, n));
    queries.push(`${a} ${b.slice(0, 3)}`);
  }
  return queries.slice(0, count);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

interface SpeedRow {
  engine: string;
  stories: number;
  indexSeconds: number;
  typing: Timings;
  page: Timings;
  /** Distinct uncached results pages per second with 50 connections, and the requests that failed or timed out. */
  throughput: { rps: number; requests: number; errors: number; client: 'wrk' | 'fetch' | 'none' };
  /** The judged collections published before the corpus (older ids and dates), scored again among its stories. */
  mixed: JudgedRow[];
}

interface Timings {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function timingsOf(values: number[]): Timings {
  const sorted = [...values].sort((a, b) => a - b);
  return { requests: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

/** Distinct results-page queries: one to three words of the corpus (ranks spread log-uniformly, common to rare), one in ten a sentence of eight. */
function pageQueries(count: number, seed: number): string[] {
  const next = random(seed);
  const words = speedVocabulary();
  const pickWord = () => words[Math.floor(words.length ** next()) - 1] as string;
  const queries = new Set<string>();
  for (let i = 0; queries.size < count; i++) queries.add(Array.from({ length: i % 10 === 9 ? 8 : 1 + (i % 3) }, pickWord).join(' '));
  return [...queries];
}

/** One GET on a kept-alive socket: status and body. */
function getText(url: string, agent: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

/**
 * Times requests one at a time, request to last byte, with node:http on one kept-alive socket. Node's fetch (undici)
 * spent 2-3 ms of the machine's two cores on each request, which the server and the database share: measured against
 * the same server, it put the as-you-type median at 9.6 ms where this client sees 7.1.
 */
async function timeRequests(url: string, paths: string[], warm: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const timings: number[] = [];
  try {
    for (const [i, p] of paths.entries()) {
      let t0 = performance.now();
      // A kept-alive socket the server closes just as it is reused fails once; that request is timed again.
      const response = await getText(`${url}${p}`, agent).catch(() => {
        t0 = performance.now();
        return getText(`${url}${p}`, agent);
      });
      const elapsed = performance.now() - t0;
      if (response.status !== 200) throw new Error(`${p}: HTTP ${response.status} ${response.body.slice(0, 200)}`);
      if (i >= warm) timings.push(elapsed);
    }
  } finally {
    agent.destroy();
  }
  return timings;
}

/**
 * `connections` clients each sending the next distinct query as soon as the last answered, for `seconds`; 5 s is a
 * timeout. wrk (one thread) sends them where it is installed: a Node client doing the same took a good part of one of
 * the two cores the server needs. Without wrk the bench's own fetch clients do it, and the row says so.
 */
async function loadTest(url: string, paths: string[], connections: number, seconds: number): Promise<{ rps: number; requests: number; errors: number; client: 'wrk' | 'fetch' }> {
  if (wrkAvailable()) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-search-load-'));
    try {
      const result = runWrk(url, paths, { seconds, connections, threads: 1 }, dir);
      return { rps: result.rps, requests: result.requests, errors: result.errors, client: 'wrk' };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  let nextPath = 0;
  let requests = 0;
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (Date.now() < end) {
      const p = paths[nextPath++ % paths.length] as string;
      try {
        const response = await fetch(`${url}${p}`, { signal: AbortSignal.timeout(5000) });
        await response.arrayBuffer();
        if (response.status === 200) requests++;
        else errors++;
      } catch {
        errors++;
      }
    }
  }));
  return { rps: requests / ((performance.now() - started) / 1000), requests, errors, client: 'fetch' };
}

/** Where a size's bench database lives on an engine; BENCH_SEARCH_KEEP=DIR keeps and reuses it. */
async function speedStore(engine: 'sqlite' | 'postgres', stories: number): Promise<{ url: string; dir: string; reuse: boolean; markReady(): Promise<void>; drop(): Promise<void> }> {
  const keep = process.env.BENCH_SEARCH_KEEP;
  const dir = keep ? path.join(keep, String(stories)) : fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-search-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  const marker = path.join(dir, `ready-${engine}`);
  const cleanup = async () => (keep ? undefined : fs.rmSync(dir, { recursive: true, force: true }));
  if (engine === 'sqlite') {
    return { url: `sqlite://${path.join(dir, 'gazette.db')}`, dir, reuse: keep !== undefined && fs.existsSync(marker), markReady: async () => fs.writeFileSync(marker, ''), drop: cleanup };
  }
  const schema = `bench_speed_${stories}`;
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.searchParams.set('schema', schema);
  const reuse = keep !== undefined && fs.existsSync(marker);
  const dropSchema = async () => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  };
  if (!reuse) await dropSchema();
  return { url: url.toString(), dir, reuse, markReady: async () => fs.writeFileSync(marker, ''), drop: async () => (keep ? undefined : (await dropSchema(), await cleanup())) };
}

async function speed(engine: 'sqlite' | 'postgres', stories: number): Promise<SpeedRow> {
  const engineName = engine === 'sqlite' ? 'SQLite FTS5' : 'PostgreSQL';
  const target = await speedStore(engine, stories);
  const judgedDir = relevanceDir(root);
  const collections = judgedDir ? collectionNames.map((n) => loadCollection(judgedDir, n)) : [];
  try {
    const store = await openStore(target.url);
    await migrate(store.db, store.schema);
    let indexSeconds = Number.NaN;
    if (!target.reuse) {
      let started = Date.now();
      // Published first, dated before the corpus: the oldest stories by id and by date.
      for (const collection of collections) await publishCollection(store.db, collection, 6 * 365 * day);
      await bulkStories(store.db, stories);
      // What autovacuum does after such a load on a default server (since PostgreSQL 13 inserts alone start it; the
      // server here runs without it): the planner's statistics, and pages marked all-visible, without which every
      // read of a freshly written row also checks its transaction (as-you-type p95 in-process 10.4–12.0 ms → 8.4–9.3).
      if (engine === 'postgres') {
        const tables = (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(store.db)).rows;
        await sql`vacuum (analyze) ${sql.join(tables.map((t) => sql.id(t.name)))}`.execute(store.db);
      }
      log(`  ${engineName} ${stories}: generated stories in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      started = Date.now();
      await rebuildSearchIndex(store.db);
      indexSeconds = (Date.now() - started) / 1000;
      log(`  ${engineName} ${stories}: built the index in ${indexSeconds.toFixed(1)} s`);
      await target.markReady();
    } else log(`  ${engineName} ${stories}: reusing the database`);
    if (process.env.BENCH_SEARCH_BUILD_ONLY) {
      await store.close();
      const none = timingsOf([]);
      return { engine: engineName, stories, indexSeconds, typing: none, page: none, throughput: { rps: 0, requests: 0, errors: 0, client: 'none' }, mixed: [] };
    }
    const mixed: JudgedRow[] = [];
    for (const collection of collections) {
      const section = await store.db.selectFrom('sections').select('id').where('slug', '=', `judged-${collection.name}`).executeTakeFirstOrThrow();
      const rows = await store.db.selectFrom('articles').select('id').where('section_id', '=', section.id).orderBy('id').execute();
      const ids = new Map(rows.map((r, i) => [r.id, collection.docs[i]?.id ?? '']));
      const plain = engine === 'sqlite' ? await plainBm25Score(sqlitePath(target.url), collection, ids) : undefined;
      mixed.push({ engine: engineName, ...(await scoreCollection(store.db, collection, ids)), plain });
      log(`  ${engineName} ${stories}: ${JSON.stringify(mixed.at(-1))}`);
    }
    await store.close();
    const server = await serve({ DATABASE_URL: target.url, GAZETTE_DATA_DIR: target.dir });
    try {
      const typingPaths = typingQueries(1200).map((q) => `/search/suggest?${new URLSearchParams({ q }).toString()}`);
      const typing = timingsOf(await timeRequests(server.url, typingPaths, 200));
      log(`  ${engineName} ${stories}: as-you-type ${JSON.stringify(typing)}`);
      const pagePaths = pageQueries(700, 99).map((q) => `/search?${new URLSearchParams({ q }).toString()}`);
      const page = timingsOf(await timeRequests(server.url, pagePaths, 100));
      log(`  ${engineName} ${stories}: results page ${JSON.stringify(page)}`);
      const loadPaths = pageQueries(20_000, 7).map((q) => `/search?${new URLSearchParams({ q }).toString()}`);
      const throughput = await loadTest(server.url, loadPaths, 50, 10);
      log(`  ${engineName} ${stories}: 50 connections ${JSON.stringify(throughput)}`);
      return { engine: engineName, stories, indexSeconds, typing, page, throughput, mixed };
    } finally {
      await server.stop();
    }
  } finally {
    await target.drop();
  }
}

async function main(): Promise<void> {
  const began = Date.now();
  const judgedRows = parts.includes('judged') ? await judgedOnBothEngines() : [];
  const relevanceRows: RelevanceRow[] = [];
  if (parts.includes('relevance')) relevanceRows.push(...(await relevanceOnBothEngines()));
  const speedRows: SpeedRow[] = [];
  if (parts.includes('speed')) {
    log('Speed over HTTP against gazette serve: as-you-type and results pages one at a time (request to last byte), then 50 connections');
    const engines = process.env.TEST_DATABASE_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
    for (const engine of engines.filter((e) => (process.env.BENCH_SEARCH_ENGINES ?? 'sqlite,postgres').split(',').includes(e))) {
      for (const size of sizes) speedRows.push(await speed(engine, size));
    }
  }
  report(judgedRows, relevanceRows, speedRows, began);
}

async function relevanceOnBothEngines(): Promise<RelevanceRow[]> {
  log('Relevance on the generated judged collection (2,000 stories, 40 subjects, 120 judged queries)');
  const relevanceRows: RelevanceRow[] = [];
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-relevance-'));
  try {
    const store = await openStore(`sqlite://${path.join(sqliteDir, 'gazette.db')}`);
    await migrate(store.db, store.schema);
    relevanceRows.push(...(await relevance(store.db, 'SQLite FTS5')));
    log(`  ${JSON.stringify(relevanceRows)}`);
    await store.close();
  } finally {
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  }
  if (process.env.TEST_DATABASE_URL) {
    process.env.GAZETTE_TEST_ENGINE = 'postgres';
    const database = await createTestDatabase();
    const store = await openStore(database.url);
    try {
      await migrate(store.db, store.schema);
      relevanceRows.push(...(await relevance(store.db, 'PostgreSQL')));
      log(`  ${JSON.stringify(relevanceRows.slice(4))}`);
    } finally {
      await store.close();
      await database.drop();
    }
  } else log('  (set TEST_DATABASE_URL=postgres://… to measure PostgreSQL too)');
  return relevanceRows;
}

function report(judgedRows: JudgedRow[], relevanceRows: RelevanceRow[], speedRows: SpeedRow[], began: number): void {
  const f = (n: number, digits = 3) => n.toFixed(digits);
  const lines = [
    `Search benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}`,
    '',
    '| engine | collection | judged queries | MAP (top 1,000) | plain BM25 MAP | nDCG@10 | plain BM25 nDCG@10 | plain BM25 on this database: MAP / nDCG@10 |',
    '|---|---|---|---|---|---|---|---|',
    ...judgedRows.map((r) => `| ${r.engine} | ${r.collection} | ${r.queries} | ${f(r.map)} | ${f(bm25Reference[r.collection].map)} | ${f(r.ndcg10)} | ${f(bm25Reference[r.collection].ndcg10)} | ${r.plain ? `${f(r.plain.map)} / ${f(r.plain.ndcg10)}` : '—'} |`),
    '',
    '| engine | queries | kind | MAP (top 100) | nDCG@10 |',
    '|---|---|---|---|---|',
    ...relevanceRows.map((r) => `| ${r.engine} | ${r.queries} | ${r.kind} | ${f(r.map)} | ${f(r.ndcg10)} |`),
    '',
    '| engine | stories | server processes | index build | as-you-type p50 / p95 / p99 ms | results page p50 / p95 / p99 ms | 50 connections: pages/s, errors (client) |',
    '|---|---|---|---|---|---|---|',
    ...speedRows.map((r) => `| ${r.engine} | ${r.stories.toLocaleString('en')} | ${workers} | ${f(r.indexSeconds, 1)} s | ${f(r.typing.p50, 1)} / ${f(r.typing.p95, 1)} / ${f(r.typing.p99, 1)} | ${f(r.page.p50, 1)} / ${f(r.page.p95, 1)} / ${f(r.page.p99, 1)} | ${f(r.throughput.rps, 0)}, ${r.throughput.errors} (${r.throughput.client}) |`),
    '',
    '| engine | stories | collection mixed in | MAP | alone (this run) | nDCG@10 | plain BM25 on this database: MAP / nDCG@10 |',
    '|---|---|---|---|---|---|---|',
    ...speedRows.flatMap((r) => r.mixed.map((m) => {
      const alone = judgedRows.find((j) => j.engine === m.engine && j.collection === m.collection);
      return `| ${m.engine} | ${r.stories.toLocaleString('en')} | ${m.collection} | ${f(m.map)} | ${alone ? f(alone.map) : '—'} | ${f(m.ndcg10)} | ${m.plain ? `${f(m.plain.map)} / ${f(m.plain.ndcg10)}` : '—'} |`;
    })),
    '',
    `Load average while measuring: ${os.loadavg().map((n) => n.toFixed(1)).join(', ')} (1, 5, 15 min) on ${os.cpus().length} CPUs.`,
    '',
    `Total ${((Date.now() - began) / 1000).toFixed(0)} s.`,
  ];
  const resultsDir = path.join(root, 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'search.md'), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
