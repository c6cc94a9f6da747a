/** The processes a benchmark loads: Gazette itself, and the physical baselines (nginx serving a static file, a bare node:http server answering from memory). */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildIfStale, bundleFile, serverNodeFlags } from '../scripts/build.mjs';
import { freePort } from '../test/helpers/process.js';

/** Every process the benchmark started, so none outlives it, even when it is interrupted. */
const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export interface Running {
  url: string;
  pid: number;
  /** Milliseconds from spawning the process to its first 200 answer. */
  startMs: number;
  stop(): Promise<void>;
}


async function waitForOk(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the process exited with ${child.exitCode} before answering ${url}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
}

/**
 * Starts `gazette serve` as its own process from the bundle `npm start` runs, with its node flags (built first when
 * stale, outside the timing), the way an operator would, and times it to the first page; its log goes to `logFile`.
 */
export async function startGazette(env: Record<string, string>, root: string, logFile: string, serveArgs: string[] = []): Promise<Running> {
  await buildIfStale({ quiet: true });
  const port = await freePort();
  const started = Date.now();
  const child = track(spawn(process.execPath, [...serverNodeFlags, bundleFile, 'serve', ...serveArgs], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', GAZETTE_DEMO: 'false' },
    stdio: ['ignore', fs.openSync(logFile, 'a'), 'inherit'],
  }));
  const url = `http://127.0.0.1:${port}`;
  await waitForOk(`${url}/`, child, 120_000);
  return { url, pid: child.pid!, startMs: Date.now() - started, stop: stopper(child) };
}

const bareServer = `
const http = require('node:http');
const body = require('node:fs').readFileSync(process.argv[1]);
const headers = { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length };
http.createServer((req, res) => { res.writeHead(200, headers); res.end(body); }).listen(Number(process.argv[2]), '127.0.0.1');
`;

export async function startBareNode(file: string): Promise<Running> {
  const port = await freePort();
  const started = Date.now();
  const child = track(spawn(process.execPath, ['-e', bareServer, file, String(port)], { stdio: ['ignore', 'ignore', 'inherit'] }));
  const url = `http://127.0.0.1:${port}`;
  await waitForOk(`${url}/`, child, 10_000);
  return { url, pid: child.pid!, startMs: Date.now() - started, stop: stopper(child) };
}

export function nginxAvailable(): boolean {
  return spawnSync('nginx', ['-v'], { encoding: 'utf8' }).error === undefined;
}

/** nginx with one worker per core serving `file` as a static page: the physical limit for these bytes. */
export async function startNginx(file: string, workDir: string): Promise<Running> {
  const port = await freePort();
  const root = path.join(workDir, 'nginx');
  fs.mkdirSync(path.join(root, 'www'), { recursive: true });
  fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
  fs.copyFileSync(file, path.join(root, 'www', 'story.html'));
  for (const dir of [workDir, root, path.join(root, 'www')]) fs.chmodSync(dir, 0o755);
  fs.chmodSync(path.join(root, 'www', 'story.html'), 0o644);
  const conf = path.join(root, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `worker_processes auto;
daemon off;
pid ${root}/nginx.pid;
error_log ${root}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${root}/tmp;
  proxy_temp_path ${root}/tmp;
  fastcgi_temp_path ${root}/tmp;
  uwsgi_temp_path ${root}/tmp;
  scgi_temp_path ${root}/tmp;
  server {
    listen 127.0.0.1:${port};
    root ${root}/www;
    location / { default_type text/html; try_files /story.html =404; }
  }
}
`,
  );
  const started = Date.now();
  const child = track(spawn('nginx', ['-c', conf, '-p', root], { stdio: ['ignore', 'ignore', 'inherit'] }));
  const url = `http://127.0.0.1:${port}`;
  await waitForOk(`${url}/`, child, 10_000);
  return { url, pid: child.pid!, startMs: Date.now() - started, stop: stopper(child) };
}

/** Resident and peak resident memory of a process, in MB. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: Number.NaN, peakMb: Number.NaN };
  }
}
