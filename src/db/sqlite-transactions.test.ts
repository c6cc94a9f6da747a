import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { migrate, openStore, type Store } from './index.js';

const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');

/** Another process writing one section to the file, as the CLI beside a server does; it says "open" once it has the file. */
function writeFromAnotherProcess(file: string, slug: string) {
  const script = `
    const SQLite = require(${JSON.stringify(betterSqlite)});
    const db = new SQLite(${JSON.stringify(file)});
    db.pragma('busy_timeout = 5000');
    process.stdout.write('open\\n');
    db.prepare("insert into sections (slug, name, description, position) values (?, ?, '', 9)").run(${JSON.stringify(slug)}, ${JSON.stringify(slug)});
    db.close();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const opened = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  return { opened, exited };
}

describe('SQLite transactions beside another process', () => {
  let dir: string;
  let file: string;
  let store: Store;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-sqlite-tx-'));
    file = path.join(dir, 'gazette.db');
    store = await openStore(`sqlite:${file}`);
    await migrate(store.db);
  });
  after(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a transaction that reads and then writes is not refused because another process wrote in between', async () => {
    let other: ReturnType<typeof writeFromAnotherProcess> | undefined;
    await store.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('sections').select('slug').execute();
      other = writeFromAnotherProcess(file, 'from-the-cli');
      await other.opened;
      // Long enough for the other process's insert to commit, had this transaction not held the write lock.
      await Promise.race([other.exited, new Promise((resolve) => setTimeout(resolve, 1500))]);
      await trx.insertInto('sections').values({ slug: `after-${before.length}`, name: 'After', description: '', position: 1 }).execute();
    });
    const result = await other!.exited;
    assert.equal(result.code, 0, `the other process waited for the lock and wrote: ${result.stderr}`);
    const slugs = (await store.db.selectFrom('sections').select('slug').execute()).map((r) => r.slug);
    assert.ok(slugs.includes('from-the-cli'), `the other process's section is stored (${slugs.join(', ')})`);
    assert.ok(slugs.some((s) => s.startsWith('after-')), `the transaction's section is stored (${slugs.join(', ')})`);
  });
});
