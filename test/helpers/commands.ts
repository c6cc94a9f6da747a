/** For command-level tests: a real context on a fresh database (SQLite file or PostgreSQL schema) and a log of the events it announced. */
import assert from 'node:assert/strict';
import { createContext } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import type { Role } from '../../src/db/schema.js';
import { CommandError, type RefusalKind } from '../../src/errors.js';
import type { NewsroomChange, SiteChange } from '../../src/site-events.js';
import { createTestDatabase, type TestDatabase } from './server.js';

export type Announced = { event: 'site.changed'; change: SiteChange } | { event: 'newsroom.changed'; change: NewsroomChange };

export interface CommandBench {
  ctx: AppContext;
  /** Every site.changed and newsroom.changed since the last take(). */
  take(): Announced[];
  /** A person with this role, stored in the database, as a command's actor. */
  person(role: Role): Promise<{ id: number; role: Role; email: string; name: string; slug: string }>;
  close(): Promise<void>;
}

/** Outbound requests (webhook addresses) may go to 127.0.0.1 only, as a local receiver would need. */
export async function startCommandBench(): Promise<CommandBench> {
  const database: TestDatabase = await createTestDatabase();
  const ctx = await createContext(loadConfig({ GAZETTE_DATA_DIR: database.dataDir, DATABASE_URL: database.url, GAZETTE_DEMO: 'false', LOG_LEVEL: 'silent', GAZETTE_OUTBOUND_ALLOW: '127.0.0.1' }));
  let announced: Announced[] = [];
  ctx.events.on('site.changed', (change) => announced.push({ event: 'site.changed', change }));
  ctx.events.on('newsroom.changed', (change) => announced.push({ event: 'newsroom.changed', change }));
  let people = 0;
  return {
    ctx,
    take() {
      const taken = announced;
      announced = [];
      return taken;
    },
    async person(role) {
      people++;
      const row = await ctx.store.db
        .insertInto('users')
        .values({ email: `${role}${people}@example.test`, name: `${role} ${people}`, slug: `${role}-${people}`, bio: '', role, password_hash: null, avatar_media_id: null, created_at: new Date().toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { id: row.id, role: row.role, email: row.email, name: row.name, slug: row.slug };
    },
    async close() {
      await ctx.store.close();
      await database.drop();
    },
  };
}

/** The command is refused with this kind, and announced nothing. */
export async function assertRefused(bench: CommandBench, work: Promise<unknown>, kind: RefusalKind): Promise<CommandError> {
  const error = await work.then(
    () => assert.fail(`expected a ${kind} refusal`),
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof CommandError, `a CommandError, not ${String(error)}`);
  assert.equal(error.kind, kind, error.message);
  assert.deepEqual(bench.take(), [], 'a refused command announces nothing');
  return error;
}
