/**
 * `gazette backup` and `gazette restore`: a consistent copy of a live database (SQLite's online backup API, or pg_dump)
 * and putting one back (SQLite backup API, or psql in one transaction), then migrating it to the running code.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../config.js';
import { migrate, openStore, sqlitePath } from '../db/index.js';
import { countStories } from '../importers/site-dump.js';
import { parseArgs, UsageError, type Command } from './types.js';
import { plural } from '../plural.js';

const sqliteMagic = 'SQLite format 3\u0000';
const pgDumpMagic = 'PostgreSQL database dump';

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

/** The connection URL libpq understands, and the schema Gazette's `?schema=` names (public when none). */
function postgresTarget(databaseUrl: string): { url: string; schema: string } {
  const parsed = new URL(databaseUrl);
  const schema = parsed.searchParams.get('schema') ?? 'public';
  parsed.searchParams.delete('schema');
  return { url: parsed.toString(), schema };
}

function run(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'ENOENT' ? `${program} is not installed; install the PostgreSQL client tools (e.g. apt-get install postgresql-client)` : error.message)),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${program} failed: ${stderr.trim().split('\n').slice(-3).join(' ') || `exit code ${code}`}`))));
  });
}

function readHead(file: string, bytes: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    fs.closeSync(fd);
  }
}

/** Refuses a file that is not a Gazette SQLite database, or one SQLite finds damaged. */
function checkSqliteBackup(file: string): void {
  const connection = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = connection.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`${file} is damaged: ${String(integrity)}`);
    const table = connection.prepare("select name from sqlite_master where type = 'table' and name = 'articles'").get();
    if (!table) throw new Error(`${file} is an SQLite database, but not a Gazette one (it has no articles table)`);
  } finally {
    connection.close();
  }
}

export const backupCommand: Command = {
  name: 'backup',
  help: `Usage: gazette backup [--out FILE]

Writes a consistent copy of the database named by DATABASE_URL while the site keeps running:
  SQLite      through SQLite's online backup API, to FILE (default: gazette-backup-<time>.db)
  PostgreSQL  through pg_dump (the PostgreSQL client tools must be installed), to FILE
              (default: gazette-backup-<time>.sql)
Uploaded media live in the data folder's media/ directory: copy it alongside the backup.
Put a backup back with 'gazette restore FILE --yes'.`,
  async run(args) {
    const { flags, positional } = parseArgs(args);
    if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"`);
    const config = loadConfig();
    const postgres = !config.databaseUrl.startsWith('sqlite:');
    const out = path.resolve(typeof flags.out === 'string' ? flags.out : `gazette-backup-${stamp()}.${postgres ? 'sql' : 'db'}`);
    if (fs.existsSync(out)) throw new Error(`${out} already exists; choose another --out or remove it first`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const partial = `${out}.partial`;
    try {
      if (postgres) {
        const target = postgresTarget(config.databaseUrl);
        await run('pg_dump', ['--no-owner', '--no-privileges', `--schema=${target.schema}`, '--file', partial, target.url]);
      } else {
        const file = sqlitePath(config.databaseUrl);
        if (!fs.existsSync(file)) throw new Error(`there is no database at ${file}`);
        const connection = new SQLite(file, { readonly: true, fileMustExist: true });
        try {
          await connection.backup(partial);
        } finally {
          connection.close();
        }
        checkSqliteBackup(partial);
      }
      fs.renameSync(partial, out);
    } catch (error) {
      fs.rmSync(partial, { force: true });
      throw error;
    }
    console.log(`Backed up to ${out} (${(fs.statSync(out).size / 1024 / 1024).toFixed(1)} MB).`);
    return 0;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  help: `Usage: gazette restore FILE --yes

Replaces everything in the database named by DATABASE_URL with the backup FILE made by 'gazette backup',
then applies any migrations the backup is missing. --yes confirms that the current content is replaced.
  SQLite      stop the server first; the file is checked, then copied in with SQLite's backup API
  PostgreSQL  the dump is loaded with psql in one transaction: if anything fails, nothing changes`,
  async run(args) {
    const { flags, positional } = parseArgs(args, ['yes']);
    const [file, extra] = positional;
    if (!file) throw new UsageError('name the backup file: gazette restore FILE --yes');
    if (extra) throw new UsageError(`unexpected argument "${extra}"`);
    if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) throw new Error(`cannot read ${file}: no such file`);
    if (flags.yes !== true) throw new UsageError('restoring replaces the whole database; add --yes to confirm');
    const config = loadConfig();
    const head = readHead(file, 64 * 1024);
    if (config.databaseUrl.startsWith('sqlite:')) {
      if (!head.startsWith(sqliteMagic)) {
        throw new Error(head.includes(pgDumpMagic) ? `${file} is a PostgreSQL dump, but DATABASE_URL is an SQLite database` : `${file} is not a Gazette backup`);
      }
      checkSqliteBackup(file);
      const target = sqlitePath(config.databaseUrl);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const source = new SQLite(file, { readonly: true, fileMustExist: true });
      try {
        await source.backup(target);
      } finally {
        source.close();
      }
    } else {
      if (!head.includes(pgDumpMagic)) {
        throw new Error(head.startsWith(sqliteMagic) ? `${file} is an SQLite backup, but DATABASE_URL is a PostgreSQL database` : `${file} is not a Gazette backup`);
      }
      const target = postgresTarget(config.databaseUrl);
      const dumped = /^CREATE SCHEMA (\S+);$/m.exec(head)?.[1]?.replace(/"/g, '');
      if (dumped && dumped !== target.schema) throw new Error(`${file} holds schema "${dumped}", but DATABASE_URL names schema "${target.schema}"`);
      await run('psql', ['--quiet', '--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-c', `DROP SCHEMA IF EXISTS "${target.schema}" CASCADE`, '-f', file, target.url]);
    }
    const store = await openStore(config.databaseUrl);
    try {
      await migrate(store.db);
      console.log(`Restored ${file}: ${plural(await countStories(store.db), 'story', 'stories')}.`);
    } finally {
      await store.close();
    }
    return 0;
  },
};
