/** Opens the database named by DATABASE_URL (SQLite file or PostgreSQL) as one Kysely instance, and migrates it. */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, Migrator, type DatabaseConnection, type Driver, type KyselyConfig, PostgresDialect, SqliteDialect, SqliteDriver, type SqliteDialectConfig, sql, type MigrationResultSet } from 'kysely';
import type pg from 'pg';
import { isPostgres } from './dialect.js';
import { migrations } from './migrations/index.js';
import { routedReads } from './read-routing.js';
import { loadRankingExtension } from './sqlite-ranking.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Engine = 'sqlite' | 'postgres';

export interface Store {
  db: Db;
  /** Where reads that may lag go: the replica when one is configured, else the primary. */
  read: Db;
  engine: Engine;
  /** The PostgreSQL schema named by `?schema=`, if any. */
  schema: string | null;
  close(): Promise<void>;
}

const nativeRanking = new WeakSet<Db>();

/** Whether a SQLite database has Gazette's ranking function, gazette_bm25() (src/db/sqlite-ranking.ts). */
export function hasRankingExtension(db: Db): boolean {
  return nativeRanking.has(db);
}

/**
 * SQLite transactions that take the write lock as they begin. Kysely begins them deferred: a transaction then reads
 * from a snapshot and asks for the lock at its first write, and if another process (the CLI beside a server, or a
 * second `serve` worker) committed in between, SQLite refuses at once with "database is locked" instead of waiting
 * (busy_timeout cannot help: the snapshot is already stale). Taken at BEGIN, the lock is waited for like any other.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** A Kysely over a SQLite connection, with the statement cache and the ranking extension when it loads. */
export function sqliteKysely(connection: SQLite.Database, config: Omit<KyselyConfig, 'dialect'> = {}): Db {
  const ranked = loadRankingExtension(connection);
  const db = new Kysely<Database>({ ...config, dialect: new ImmediateSqliteDialect({ database: withStatementCache(connection) }) });
  if (ranked) nativeRanking.add(db);
  return db;
}

/** pg is loaded only for a PostgreSQL URL: an embedded SQLite site never pays for it at start-up. */
let pgModule: Promise<typeof pg> | null = null;
function loadPg(): Promise<typeof pg> {
  pgModule ??= import('pg').then(({ default: loaded }) => {
    // int8 (counts, sums) arrive as strings by default; Gazette's counts fit comfortably in a double.
    loaded.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
    return loaded;
  });
  return pgModule;
}

export function sqlitePath(databaseUrl: string): string {
  const rest = databaseUrl.replace(/^sqlite:(\/\/)?/, '');
  return path.resolve(decodeURIComponent(rest));
}

/** `?schema=name` on a postgres URL puts every table in that schema (tests use one per run). */
function postgresPool(pgLib: typeof pg, databaseUrl: string, max: number): { pool: pg.Pool; schema: string | null } {
  const parsed = new URL(databaseUrl);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`DATABASE_URL: schema "${schema}" must be lower-case letters, digits and underscores`);
  }
  const pool = new pgLib.Pool({
    connectionString: parsed.toString(),
    max,
    options: schema ? `-c search_path=${schema},public` : undefined,
  });
  return { pool, schema };
}

/**
 * Kysely's SQLite driver prepares every query afresh, and preparing costs as much as running the small indexed
 * queries a page makes. This keeps the most recently used prepared statements by their SQL text. better-sqlite3 runs
 * each statement to completion before returning (nothing here iterates lazily), so one statement is never in use twice.
 */
export function withStatementCache(connection: SQLite.Database, capacity = 500): SQLite.Database {
  const statements = new Map<string, SQLite.Statement>();
  const prepare = connection.prepare.bind(connection);
  const cachedPrepare = (source: string): SQLite.Statement => {
    let statement = statements.get(source);
    if (statement) return statement;
    statement = prepare(source);
    if (statements.size >= capacity) statements.delete(statements.keys().next().value as string);
    statements.set(source, statement);
    return statement;
  };
  return Object.assign(connection, { prepare: cachedPrepare });
}

export async function openStore(databaseUrl: string, replicaUrl: string | null = null): Promise<Store> {
  if (databaseUrl.startsWith('sqlite:')) {
    const file = sqlitePath(databaseUrl);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const connection = new SQLite(file);
    connection.pragma('journal_mode = WAL');
    // NORMAL in WAL mode loses nothing on a process crash; only an OS crash can drop the last commits.
    connection.pragma('synchronous = NORMAL');
    connection.pragma('foreign_keys = ON');
    connection.pragma('busy_timeout = 5000');
    // Reads through a memory map of the file (up to 2 GB, SQLite's built-in ceiling) instead of a read() and a copy into
    // SQLite's page cache per page: a search reads thousands of index pages, and this cut a results page's CPU by about
    // a tenth at 100,000 stories. Writes still go through write(), and the mapped pages are the OS's file cache.
    connection.pragma('mmap_size = 2147418112');
    // Planner statistics: without them joins through article_tags scan every article. Cheap once the statistics exist.
    connection.pragma('optimize = 0x10002');
    const db = sqliteKysely(connection);
    return { db, read: db, engine: 'sqlite', schema: null, close: () => db.destroy() };
  }
  const pgLib = await loadPg();
  const primary = postgresPool(pgLib, databaseUrl, 10);
  if (primary.schema) {
    const client = await primary.pool.connect();
    try {
      await client.query(`create schema if not exists "${primary.schema}"`);
    } finally {
      client.release();
    }
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: primary.pool }) });
  const replica = replicaUrl ? new Kysely<Database>({ dialect: new PostgresDialect({ pool: postgresPool(pgLib, replicaUrl, 10).pool }) }) : null;
  const read = replica ? routedReads(db, replica) : db;
  return {
    db,
    read,
    engine: 'postgres',
    schema: primary.schema,
    close: async () => {
      if (replica) await replica.destroy();
      await db.destroy();
    },
  };
}

/**
 * Kysely's migrator looks for its two bookkeeping tables by listing every column of every table in every schema.
 * On a PostgreSQL database shared by many schemas (test runs, or several sites) a schema dropped during that query
 * makes it fail ("relation … does not exist"), so the migrator is given a database whose introspection lists the
 * tables of Gazette's own schema only.
 */
function withOverride<T extends object>(target: T, name: keyof T, replacement: unknown): T {
  return new Proxy(target, {
    get(real, property) {
      if (property === name) return replacement;
      const value: unknown = Reflect.get(real, property, real);
      // Kysely's classes keep private fields: their methods must run on the real instance, not the proxy.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(real) : value;
    },
  });
}

function ownSchemaIntrospection(db: Db, schema: string | null): Db {
  if (!isPostgres(db)) return db;
  const getTables = async () => {
    const rows = await sql<{ name: string; schema: string }>`
      select table_name as name, table_schema as schema from information_schema.tables
      where table_schema = ${schema ?? sql`current_schema()`}`.execute(db);
    return rows.rows.map((row) => ({ name: row.name, schema: row.schema, isView: false, columns: [] }));
  };
  return withOverride(db, 'introspection', withOverride(db.introspection, 'getTables', getTables));
}

/** Gazette's migrations, with Kysely's bookkeeping in the store's own schema. */
export function createMigrator(db: Db, schema: string | null = null): Migrator {
  // Kysely looks for its bookkeeping tables in every schema unless told which one: name it.
  return new Migrator({
    db: ownSchemaIntrospection(db, schema),
    provider: { getMigrations: async () => migrations },
    // Capabilities built side by side take numbered ranges (…-410-, …-420-, …-510-): once merged, a database that
    // already ran a later range meets an earlier migration it has not run. It runs it; the order is still by name.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

export async function migrate(db: Db, schema: string | null = null): Promise<MigrationResultSet> {
  const result = await createMigrator(db, schema).migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}

/** Current time as the ISO string every table stores. */
export function now(): string {
  return new Date().toISOString();
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
