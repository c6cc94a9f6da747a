/** `gazette newsletters`: the status report and sending an edition, on a real database. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createContext } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/server.js';
import { newslettersCommand } from './newsletters.js';

let database: TestDatabase;
let ctx: AppContext;
const saved = { ...process.env };

before(async () => {
  database = await createTestDatabase();
  Object.assign(process.env, { DATABASE_URL: database.url, GAZETTE_DATA_DIR: database.dataDir, GAZETTE_DEMO: 'false', LOG_LEVEL: 'silent' });
  ctx = await createContext(loadConfig(), { migrate: true });
});

after(async () => {
  await ctx?.store.close();
  process.env = saved;
  await database?.drop();
});

test('status reports counts; send marks a draft edition to go out and refuses an unknown one', async () => {
  const at = new Date().toISOString();
  const db = ctx.store.db;
  const reader = await db.insertInto('subscribers').values({ email: 'cli@example.test', status: 'active', created_at: at }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('subscriptions').values({ subscriber_id: reader.id, list_key: 'daily', confirmed: 1, created_at: at }).execute();
  const edition = await db.insertInto('editions').values({ kind: 'newsletter', list_key: 'daily', subject: 'From the command line', intro: 'Hello.', status: 'draft', created_at: at }).returning('id').executeTakeFirstOrThrow();
  const lines: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => lines.push(parts.join(' '));
  try {
    assert.equal(await newslettersCommand.run([]), 0);
    assert.equal(await newslettersCommand.run(['send', String(edition.id)]), 0);
  } finally {
    console.log = log;
  }
  assert.ok(lines.some((l) => /daily\s+1 \/ 0/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /From the command line/.test(l)));
  const row = await db.selectFrom('editions').select('status').where('id', '=', edition.id).executeTakeFirstOrThrow();
  assert.equal(row.status, 'scheduled');
  const error = console.error;
  console.error = () => undefined;
  try {
    assert.equal(await newslettersCommand.run(['send', '999999']), 1);
  } finally {
    console.error = error;
  }
  await assert.rejects(newslettersCommand.run(['send']), /needs the number of an edition/);
});
