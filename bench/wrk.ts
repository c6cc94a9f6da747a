/** Runs wrk (multi-threaded C load generator) against loopback URLs and reads its throughput and latency percentiles. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface LoadResult {
  rps: number;
  p50ms: number;
  p99ms: number;
  requests: number;
  errors: number;
}

export interface LoadOptions {
  seconds: number;
  connections: number;
  threads: number;
  headers?: Record<string, string>;
}

export function wrkAvailable(): boolean {
  return spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined;
}

function milliseconds(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return match[2] === 'us' ? value / 1000 : match[2] === 'ms' ? value : match[2] === 's' ? value * 1000 : value * 60_000;
}

export function parseWrk(output: string): LoadResult {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
  const p50 = /^\s+50%\s+(\S+)/m.exec(output)?.[1] ?? '';
  const p99 = /^\s+99%\s+(\S+)/m.exec(output)?.[1] ?? '';
  const requests = Number(/(\d+) requests in/.exec(output)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
  return { rps, p50ms: milliseconds(p50), p99ms: milliseconds(p99), requests, errors };
}

/** Loads `base` with requests cycling through `paths` for a bounded time. */
export function runWrk(base: string, paths: string[], options: LoadOptions, workDir: string): LoadResult {
  const script = path.join(workDir, 'paths.lua');
  if (paths.length > 1) fs.writeFileSync(
    script,
    [
      `local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }`,
      'local i = 0',
      'request = function()',
      '  i = i + 1',
      '  return wrk.format(nil, paths[(i % #paths) + 1])',
      'end',
      '',
    ].join('\n'),
  );
  const headerArgs = Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  // A Lua request() costs wrk CPU on every request; a single path needs no script.
  const target = paths.length === 1 ? [`${base}${paths[0]}`] : ['-s', script, base];
  const result = spawnSync(
    'wrk',
    ['-t', String(options.threads), '-c', String(options.connections), '-d', `${options.seconds}s`, '--latency', '--timeout', '5s', ...headerArgs, ...target],
    { encoding: 'utf8', timeout: (options.seconds + 30) * 1000 },
  );
  if (result.status !== 0) throw new Error(`wrk failed: ${result.stderr || result.error?.message}`);
  return parseWrk(result.stdout);
}
