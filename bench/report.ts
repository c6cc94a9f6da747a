/** Formats a benchmark run as Markdown tables with Gazette/baseline ratios, and writes it into docs/PERFORMANCE.md's pages section. */
import fs from 'node:fs';
import path from 'node:path';
import type { LoadOptions, LoadResult } from './wrk.js';

export interface Measurement extends LoadResult {
  engine: string;
  page: string;
  cached: boolean;
}

export interface EngineRun {
  engine: string;
  cached: boolean;
  measurements: Measurement[];
  startMs: number;
  rssMb: number;
  peakMb: number;
}

export interface Report {
  root: string;
  write: boolean;
  stories: number;
  load: LoadOptions;
  machine: string;
  /** One-minute load average when the run ended: other work on the machine skews every figure. */
  loadAverage: number;
  results: EngineRun[];
  baselines: Measurement[];
  storyBytes: { html: number; gzip: number; br: number; css: number };
}

const startMarker = '<!-- bench:pages:start -->';
const endMarker = '<!-- bench:pages:end -->';

const rps = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-GB') : '–');
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function render(report: Report): string {
  const lines: string[] = [];
  const { load } = report;
  lines.push(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${report.machine}; one-minute load average at the end of the run: ${report.loadAverage.toFixed(1)}.`);
  lines.push(
    `Dataset: ${report.stories.toLocaleString('en-GB')} generated stories (about 850 words each). Load: wrk, ${load.threads} threads, ${load.connections} connections, ${load.seconds} s per page after a 2 s warm-up, loopback only, load generator on the same cores as the server. One Gazette process, except in the rows marked --workers 2 (two worker processes behind the cluster primary).`,
  );
  lines.push('');
  lines.push('| engine | page cache | page | req/s | p50 ms | p99 ms | errors |');
  lines.push('|---|---|---|---:|---:|---:|---:|');
  for (const run of report.results) {
    for (const m of run.measurements) {
      const figures = m.requests === 0 ? '0 | every request timed out (> 5 s) | | ' : `${rps(m.rps)} | ${ms(m.p50ms)} | ${ms(m.p99ms)} | `;
      lines.push(`| ${m.engine} | ${m.cached ? 'on' : 'off (PAGE_CACHE_MB=0)'} | ${m.page} | ${figures}${m.errors} |`);
    }
  }
  lines.push('');
  lines.push('Physical baseline: the same story bytes (identity encoding, as wrk sends no Accept-Encoding) served by');
  lines.push('');
  lines.push('| server | req/s | p50 ms | p99 ms |');
  lines.push('|---|---:|---:|---:|');
  for (const b of report.baselines) lines.push(`| ${b.engine === 'nginx' ? 'nginx, static file' : 'bare node:http from memory'} | ${rps(b.rps)} | ${ms(b.p50ms)} | ${ms(b.p99ms)} |`);
  lines.push('');
  const cachedStory = (engine: string) => report.results.find((r) => r.engine === engine && r.cached)?.measurements.find((m) => m.page === 'story');
  const uncachedStory = (engine: string) => report.results.find((r) => r.engine === engine && !r.cached)?.measurements.find((m) => m.page === 'story');
  lines.push('| ratio | value | target |');
  lines.push('|---|---:|---:|');
  for (const engine of new Set(report.results.map((r) => r.engine))) {
    const story = cachedStory(engine);
    for (const b of report.baselines) {
      if (story) lines.push(`| Gazette cached story (${engine}) / ${b.engine} | ${(story.rps / b.rps).toFixed(2)}× | ${b.engine === 'nginx' ? '≥ 0.80×' : ''} |`);
    }
    const render = uncachedStory(engine);
    if (render) lines.push(`| uncached story renders/s (${engine}) | ${rps(render.rps)} | ${engine.startsWith('sqlite') ? '≥ 2,000' : ''} |`);
  }
  lines.push('');
  lines.push('| server process | start to first response | RSS after the run | peak RSS |');
  lines.push('|---|---:|---:|---:|');
  for (const run of report.results) {
    const mb = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} MB` : '– (several processes)');
    lines.push(`| ${run.engine}, cache ${run.cached ? 'on' : 'off'} | ${run.startMs} ms | ${mb(run.rssMb)} | ${mb(run.peakMb)} |`);
  }
  lines.push('');
  const s = report.storyBytes;
  lines.push(`Story page: ${kb(s.html)} HTML, ${kb(s.br)} brotli, ${kb(s.gzip)} gzip; stylesheet ${kb(s.css)}. No script is needed to read it.`);
  return lines.join('\n');
}

/** Prints the report and, unless told not to, replaces the pages block in docs/PERFORMANCE.md (other sections stay as they are). */
export function writeReport(report: Report): string {
  const block = render(report);
  if (!report.write) return block;
  const file = path.join(report.root, 'docs', 'PERFORMANCE.md');
  const fenced = `${startMarker}\n${block}\n${endMarker}`;
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Performance\n\n## Pages\n\n';
  const start = text.indexOf(startMarker);
  const end = text.indexOf(endMarker);
  if (start !== -1 && end > start) text = `${text.slice(0, start)}${fenced}${text.slice(end + endMarker.length)}`;
  else if (text.includes('## Pages')) text = text.replace('## Pages\n', `## Pages\n\n${fenced}\n`);
  else text = `${text.trimEnd()}\n\n## Pages\n\n${fenced}\n`;
  fs.writeFileSync(file, text);
  return `${block}\n\n(written to docs/PERFORMANCE.md)`;
}
