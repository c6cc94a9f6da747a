/** `gazette serve`: migrate, seed the demo newsroom on first run, create a first admin, and listen. */
import cluster from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { createContext } from '../bootstrap.js';
import { loadConfig, type Config } from '../config.js';
import type { AppContext } from '../context.js';
import { ensureFirstAdmin } from '../accounts/first-admin.js';
import { settleMediaJobs } from '../media/storage.js';
import { parseWorkers, runPrimary } from './serve-cluster.js';
import { parseArgs, type Command } from './types.js';
import { plural } from '../site/views/format.js';

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  close(): Promise<void>;
}

/** Starts one server process; also what tests use, so they run the real thing. */
export async function startServer(config: Config, options: { quiet?: boolean } = {}): Promise<RunningServer> {
  const ctx = await createContext(config);
  const say = (line: string) => {
    if (!options.quiet) console.log(line);
  };
  if (config.seedDemo) {
    const { seedDemo } = await import('../demo/seed.js');
    const seeded = await seedDemo(ctx, { log: say });
    if (seeded.created) say(`Seeded the demo newsroom: ${plural(seeded.stories, 'story', 'stories')}, ${plural(seeded.comments, 'comment')}.`);
  }
  const admin = await ensureFirstAdmin(ctx);
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // With PORT=0 the real port is known only now; a SITE_URL derived from it must follow.
  if (config.port === 0 && config.siteUrl.endsWith(':0')) config.siteUrl = config.siteUrl.replace(/:0$/, `:${port}`);
  const url = config.siteUrl;
  say(`Gazette is running at ${url}`);
  say(`Newsroom: ${url}/newsroom`);
  if (admin) {
    say(`First run: an administrator was created. Sign in with`);
    say(`  email:    ${admin.email}`);
    say(`  password: ${admin.password}`);
    say(`(shown once; change it in the newsroom, or run: npx gazette user reset-password ${admin.email})`);
  }
  return {
    app,
    ctx,
    url,
    close: async () => {
      await app.close();
      // Let background image variants finish before the database they record into closes.
      await settleMediaJobs();
      await ctx.store.close();
    },
  };
}

export const serveCommand: Command = {
  name: 'serve',
  help: `Usage: gazette serve [--port N] [--host ADDR] [--workers N|auto]

Runs the public site, the newsroom and the API in one process, or in N worker
processes sharing the port (--workers; see docs/SCALING.md). Configuration comes
from the environment (see README: PORT, HOST, DATABASE_URL, GAZETTE_DATA_DIR, SITE_URL, REDIS_URL).`,
  async run(args) {
    const { flags } = parseArgs(args);
    const env = { ...process.env };
    if (typeof flags.port === 'string') env.PORT = flags.port;
    if (typeof flags.host === 'string') env.HOST = flags.host;
    const workers = parseWorkers(flags.workers);
    if (workers > 1 && cluster.isPrimary) return runPrimary(loadConfig(env), workers);
    const server = await startServer(loadConfig(env), { quiet: cluster.isWorker });
    const stop = async (signal: string) => {
      server.app.log.info(`${signal}: shutting down`);
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
    return new Promise<number>(() => undefined);
  },
};
