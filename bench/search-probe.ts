/**
 * `tsx bench/search-probe.ts DATABASE_URL`: times searchStories and suggestStories in-process on a kept bench database
 * (BENCH_SEARCH_KEEP), one query at a time, to see where a results page's or a keystroke's time goes without HTTP.
 * PROBE_QUERIES sets how many results-page queries (default 120; half as many words are typed letter by letter).
 * PROBE_STATEMENTS=1 also sums the time of each kind of statement (its first 90 characters of SQL).
 * PROBE_PARTS=suggest,page chooses what runs. PROBE_WORDS=N makes every results-page query N words long (as the
 * longest tenth of them are 8).
 */
import os from 'node:os';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { openStore, sqliteKysely, sqlitePath, type Db } from '../src/db/index.js';
import type { Database } from '../src/db/schema.js';
import { searchStories, suggestStories } from '../src/search/index.js';
import { random, speedVocabulary } from './search-corpus.js';

const url = process.argv[2] ?? process.env.DATABASE_URL ?? '';
const statements = new Map<string, { n: number; ms: number }>();
const logStatement = (event: LogEvent) => {
  const key = event.query.sql.replace(/\s+/g, ' ').replace(/\d+\.\d+/g, '#').slice(0, 90);
  const entry = statements.get(key) ?? { n: 0, ms: 0 };
  entry.n++;
  entry.ms += event.queryDurationMillis;
  statements.set(key, entry);
};

/** A Kysely on the same database that records every statement's duration. */
function timedDb(): { db: Db; close(): Promise<void> } {
  if (url.startsWith('sqlite:')) {
    const db = sqliteKysely(new SQLite(sqlitePath(url)), { log: logStatement });
    return { db, close: () => db.destroy() };
  }
  pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  const pool = new pg.Pool({ connectionString: parsed.toString(), max: 2, options: schema ? `-c search_path=${schema},public` : undefined });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: logStatement });
  return { db, close: () => db.destroy() };
}

const store = process.env.PROBE_STATEMENTS ? timedDb() : await openStore(url).then((s) => ({ db: s.read, close: () => s.close() }));
const parts = (process.env.PROBE_PARTS ?? 'suggest,page').split(',');
const words = speedVocabulary();
const next = random(5);
const pick = () => words[Math.floor(words.length ** next()) - 1] as string;
const count = Number(process.env.PROBE_QUERIES ?? 120);
const only = Number(process.env.PROBE_WORDS ?? 0);
const pages = Array.from({ length: count }, (_, i) => Array.from({ length: only || (i % 10 === 9 ? 8 : 1 + (i % 3)) }, pick).join(' '));
const typing = Array.from({ length: Math.ceil(count / 2) }, () => words[30 + Math.floor(next() * 8000)] as string).flatMap((w) => [2, 3, 4, 6].map((n) => w.slice(0, n)));
const time = async (label: string, queries: string[], run: (q: string) => Promise<unknown>) => {
  statements.clear();
  const ms: { q: string; t: number }[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    await run(q);
    ms.push({ q, t: performance.now() - t0 });
  }
  const sorted = ms.slice(queries.length / 6).sort((a, b) => a.t - b.t);
  const p = (x: number) => sorted[Math.min(sorted.length - 1, Math.floor(x * sorted.length))]?.t.toFixed(1);
  const mean = sorted.reduce((s, x) => s + x.t, 0) / sorted.length;
  console.log(`${label}: p50 ${p(0.5)} p95 ${p(0.95)} max ${p(1)} mean ${mean.toFixed(1)} ms; slowest: ${sorted.slice(-3).map((s) => `${s.q.slice(0, 40)} ${s.t.toFixed(0)}`).join(' | ')} (load ${os.loadavg()[0]?.toFixed(1)})`);
  if (statements.size) {
    for (const [key, { n, ms: total }] of [...statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) {
      console.log(`  ${(total / queries.length).toFixed(2).padStart(7)} ms/query ${String(n).padStart(5)}× ${key}`);
    }
  }
};
if (parts.includes('suggest')) await time('suggest', typing, (q) => suggestStories(store.db, q, 8));
if (parts.includes('page')) await time('page', pages, (q) => searchStories(store.db, { q, limit: 20, highlight: true, snippets: true }));
await store.close();
