/** `gazette serve --workers N`: the primary migrates and seeds once, then forks N workers that share the port and relay page-cache purges. */
import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import { ensureFirstAdmin } from '../accounts/first-admin.js';
import { createContext } from '../bootstrap.js';
import { relayPurges } from '../cache/channels.js';
import type { Config } from '../config.js';
import { UsageError } from './types.js';
import { plural } from '../plural.js';

/** `--workers N` or `--workers auto` (one per core); absent means a single process. */
export function parseWorkers(raw: string | true | undefined): number {
  if (raw === undefined) return 1;
  if (raw === 'auto') return os.availableParallelism();
  if (typeof raw !== 'string' || !/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 256) {
    throw new UsageError('--workers must be a whole number from 1 to 256, or "auto"');
  }
  return Number(raw);
}

/** A worker that dies this soon after starting is not restarted: it would only crash again. */
const minimumUptimeMs = 5000;

export async function runPrimary(config: Config, workers: number): Promise<number> {
  const ctx = await createContext(config);
  try {
    if (config.seedDemo) {
      const { seedDemo } = await import('../demo/seed.js');
      const seeded = await seedDemo(ctx, { log: console.log });
      if (seeded.created) console.log(`Seeded the demo newsroom: ${plural(seeded.stories, 'story', 'stories')}, ${plural(seeded.comments, 'comment')}.`);
    }
    const admin = await ensureFirstAdmin(ctx);
    if (admin) {
      console.log('First run: an administrator was created. Sign in with');
      console.log(`  email:    ${admin.email}`);
      console.log(`  password: ${admin.password}`);
      console.log(`(shown once; change it in the newsroom, or run: npx gazette user reset-password ${admin.email})`);
    }
  } finally {
    await ctx.store.close();
  }

  relayPurges();
  // `npm start` and the gazette command give node a small young generation (scripts/build.mjs explains why); workers
  // inherit the primary's flags, and get that one even when the primary was started without it.
  const youngGenerationSet = process.execArgv.some((flag) => flag.startsWith('--max-semi-space-size'));
  cluster.setupPrimary({ execArgv: youngGenerationSet ? process.execArgv : [...process.execArgv, '--max-semi-space-size=4'] });
  let stopping = false;
  const startedAt = new Map<Worker, number>();
  const fork = () => {
    // Workers find the data ready: no seeding, no first-admin message of their own.
    const worker = cluster.fork({ GAZETTE_DEMO: 'false' });
    startedAt.set(worker, Date.now());
    return worker;
  };
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === workers) console.log(`Gazette is running at ${config.siteUrl} with ${workers} workers (primary pid ${process.pid})`);
  });
  cluster.on('exit', (worker, code, signal) => {
    const uptime = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) return;
    if (uptime < minimumUptimeMs) {
      console.error(`gazette: worker ${worker.process.pid} exited ${signal ?? code} within ${uptime} ms of starting; not restarting it`);
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    console.error(`gazette: worker ${worker.process.pid} exited (${signal ?? code}); starting a new one`);
    fork();
  });
  for (let i = 0; i < workers; i++) fork();

  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      console.log(`${signal}: stopping ${workers} workers`);
      const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
      let remaining = alive.length;
      if (remaining === 0) resolve(0);
      for (const worker of alive) {
        worker.once('exit', () => {
          if (--remaining === 0) resolve(0);
        });
        worker.process.kill('SIGTERM');
      }
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
