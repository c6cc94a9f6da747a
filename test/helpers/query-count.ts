/**
 * Counts the SQL statements the database drivers run in this process, for measuring what a request costs.
 *
 * It wraps the drivers' own entry points (better-sqlite3's statement methods, pg's Client#query) in the test or
 * bench process, so production code carries no counter. Every statement counts, BEGIN and COMMIT included, on
 * whichever engine the server under measurement uses; with one server in the process the count is that server's.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';

let statements = 0;
let installed = false;

function wrap<T extends object>(prototype: T, names: string[]): void {
  for (const name of names) {
    const original = (prototype as Record<string, unknown>)[name];
    if (typeof original !== 'function') throw new Error(`query counter: ${name} is not a method of the driver`);
    Object.defineProperty(prototype, name, {
      configurable: true,
      writable: true,
      value: function counted(this: unknown, ...args: unknown[]) {
        statements++;
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      },
    });
  }
}

/** Installs the counters once; call before the server under measurement opens its database. */
export function installQueryCounter(): void {
  if (installed) return;
  installed = true;
  const probe = new SQLite(':memory:');
  try {
    wrap(Object.getPrototypeOf(probe.prepare('select 1')) as object, ['run', 'get', 'all', 'iterate']);
    // Kysely runs BEGIN/COMMIT/ROLLBACK on SQLite through prepared statements too, so exec needs no wrapper.
  } finally {
    probe.close();
  }
  wrap(pg.Client.prototype, ['query']);
}

/** Waits until no statement has run for `quietMs`, so work a previous request left running in the background is not counted. */
export async function untilQuiet(quietMs = 150): Promise<void> {
  for (;;) {
    const seen = statements;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    if (statements === seen) return;
  }
}

/** The statements run while `work` runs (and anything else the process ran meanwhile: measure one thing at a time). */
export async function countQueries<T>(work: () => Promise<T>): Promise<{ queries: number; result: T }> {
  if (!installed) throw new Error('installQueryCounter() must run before the database is opened');
  await untilQuiet();
  const before = statements;
  const result = await work();
  return { queries: statements - before, result };
}
