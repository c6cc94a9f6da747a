/**
 * `tsx bench/search-probe.ts DATABASE_URL`: times searchStories and suggestStories in-process on a kept bench database
 * (BENCH_SEARCH_KEEP), one query at a time, to see where a results page's or a keystroke's time goes without HTTP.
 * PROBE_QUERIES sets how many results-page queries (default 120; half as many words are typed letter by letter).
 */
import os from 'node:os';
import { openStore } from '../src/db/index.js';
import { searchStories, suggestStories } from '../src/search/index.js';
import { random, vocabulary } from './search-corpus.js';

const url = process.argv[2] ?? process.env.DATABASE_URL ?? '';
const store = await openStore(url);
const words = vocabulary(60_000, random(4242));
const next = random(5);
const pick = () => words[Math.floor(words.length ** next()) - 1] as string;
const count = Number(process.env.PROBE_QUERIES ?? 120);
const pages = Array.from({ length: count }, (_, i) => Array.from({ length: i % 10 === 9 ? 8 : 1 + (i % 3) }, pick).join(' '));
const typing = Array.from({ length: Math.ceil(count / 2) }, () => words[30 + Math.floor(next() * 8000)] as string).flatMap((w) => [2, 3, 4, 6].map((n) => w.slice(0, n)));
const time = async (label: string, queries: string[], run: (q: string) => Promise<unknown>) => {
  const ms: { q: string; t: number }[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    await run(q);
    ms.push({ q, t: performance.now() - t0 });
  }
  const sorted = ms.slice(queries.length / 6).sort((a, b) => a.t - b.t);
  const p = (x: number) => sorted[Math.min(sorted.length - 1, Math.floor(x * sorted.length))]?.t.toFixed(1);
  console.log(`${label}: p50 ${p(0.5)} p95 ${p(0.95)} max ${p(1)} ms; slowest: ${sorted.slice(-3).map((s) => `${s.q.slice(0, 40)} ${s.t.toFixed(0)}`).join(' | ')} (load ${os.loadavg()[0]?.toFixed(1)})`);
};
await time('suggest', typing, (q) => suggestStories(store.read, q, 8));
await time('page', pages, (q) => searchStories(store.read, { q, limit: 20, highlight: true, snippets: true }));
await store.close();
