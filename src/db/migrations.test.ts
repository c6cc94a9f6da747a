import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Migrator, NO_MIGRATIONS } from 'kysely';
import { migrate, openStore, type Store } from './index.js';
import { migrations } from './migrations/index.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../../test/helpers/server.js';

let database: TestDatabase;
let store: Store;

before(async () => {
  database = await createTestDatabase();
  store = await openStore(database.url);
});
after(async () => {
  await store.close();
  await database.drop();
});

describe(`migrations on ${testEngine()}`, () => {
  it('apply from empty, are idempotent, and roll all the way down and up again', async () => {
    const first = await migrate(store.db, store.schema);
    assert.equal(first.results?.length, Object.keys(migrations).length);
    assert.ok(first.results?.every((r) => r.status === 'Success'));
    const second = await migrate(store.db, store.schema);
    assert.equal(second.results?.length, 0, 'nothing left to run');

    // PostgreSQL introspection lists every schema's tables; other test runs have their own schemas.
    const ownTables = async () => (await store.db.introspection.getTables()).filter((t) => !store.schema || t.schema === store.schema).map((t) => t.name);
    const tables = await ownTables();
    for (const table of ['users', 'articles', 'comments', 'sections', 'tags', 'revisions', 'redirects', 'settings']) {
      assert.ok(tables.includes(table), `table ${table}`);
    }

    const migrator = new Migrator({ db: store.db, provider: { getMigrations: async () => migrations }, ...(store.schema ? { migrationTableSchema: store.schema } : {}) });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    assert.equal(down.error, undefined);
    const left = await ownTables();
    assert.ok(!left.includes('articles'), 'down removes the tables');
    const again = await migrate(store.db, store.schema);
    assert.equal(again.results?.length, Object.keys(migrations).length);
  });
});
