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
import { plural } from '../plural.js';

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  /** The demo pictures being drawn after the server started listening (0 when there were none to draw). */
  pictures: Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts one server process; also what tests use, so they run the real thing. With `pictures: 'background'` (what
 * `gazette serve` does) a first run seeds the demo stories, listens, and only then draws their pictures.
 */
export async function startServer(config: Config, options: { quiet?: boolean; pictures?: 'before' | 'background' } = {}): Promise<RunningServer> {
  const ctx = await createContext(config);
  const say = (line: string) => {
    if (!options.quiet) console.log(line);
  };
  if (config.seedDemo) {
    const { seedDemo } = await import('../demo/seed.js');
    const seeded = await seedDemo(ctx, { log: say, pictures: options.pictures === 'background' ? 'later' : 'now' });
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
  let stopping = false;
  const pictures = config.seedDemo && options.pictures === 'background' ? drawInBackground(ctx, say, () => stopping) : Promise.resolve(0);
  return {
    app,
    ctx,
    url,
    pictures,
    close: async () => {
      stopping = true;
      await app.close();
      await pictures;
      // Let background image variants finish before the database they record into closes.
      await settleMediaJobs();
      await ctx.store.close();
    },
  };
}

async function drawInBackground(ctx: AppContext, say: (line: string) => void, stopped: () => boolean): Promise<number> {
  const { drawDemoPictures } = await import('../demo/seed.js');
  return drawDemoPictures(ctx, { log: say, stopped }).catch((error: unknown) => {
    // The stories read fine without their pictures; the next start tries again.
    say(`The demo pictures could not all be drawn: ${(error as Error).message}`);
    return 0;
  });
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
    const server = await startServer(loadConfig(env), { quiet: cluster.isWorker, pictures: 'background' });
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
