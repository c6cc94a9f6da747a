/** Starts the real Gazette server on 127.0.0.1 with its own database (SQLite file, or a fresh PostgreSQL schema). */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/cli/serve.js';

export type TestEngine = 'sqlite' | 'postgres';

/** Which engine this test run uses: scripts/run-tests.mjs runs the suite once per engine. */
export function testEngine(): TestEngine {
  return process.env.GAZETTE_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

export interface TestDatabase {
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-test-'));
  if (testEngine() === 'postgres') {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('GAZETTE_TEST_ENGINE=postgres needs TEST_DATABASE_URL');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const url = new URL(base);
    url.searchParams.set('schema', schema);
    return {
      url: url.toString(),
      dataDir,
      drop: async () => {
        const client = new pg.Client({ connectionString: base });
        await client.connect();
        try {
          await client.query(`drop schema if exists "${schema}" cascade`);
        } finally {
          await client.end();
        }
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  return {
    url: `sqlite://${path.join(dataDir, 'gazette.db')}`,
    dataDir,
    drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

export interface TestServer extends RunningServer {
  database: TestDatabase;
  /** Stops the server and removes its database. */
  stop(): Promise<void>;
}

export async function startTestServer(options: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    GAZETTE_DATA_DIR: database.dataDir,
    DATABASE_URL: database.url,
    GAZETTE_DEMO: options.seed === false ? 'false' : 'true',
    LOG_LEVEL: 'silent',
    COMMENT_MIN_SECONDS: '0',
    COMMENT_RATE_LIMIT: '1000',
    ...options.env,
  });
  const server = await startServer(config, { quiet: true });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    ...server,
    url,
    database,
    stop: async () => {
      await server.close();
      await database.drop();
    },
  };
}

/** Fetches a path from the test server without following redirects. */
export async function get(server: { url: string }, pathname: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${pathname}`, { redirect: 'manual', ...init });
}
