import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NO_MIGRATIONS, sql } from 'kysely';
import { createMigrator, migrate, openStore, type Store } from './index.js';
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

    // Kysely's introspection lists every schema's tables, and fails when another test run drops its schema meanwhile.
    const ownTables = async () =>
      store.schema
        ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = ${store.schema}`.execute(store.db)).rows.map((r) => r.name)
        : (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(store.db)).rows.map((r) => r.name);
    const tables = await ownTables();
    for (const table of ['users', 'articles', 'comments', 'sections', 'tags', 'revisions', 'redirects', 'settings']) {
      assert.ok(tables.includes(table), `table ${table}`);
    }

    const down = await createMigrator(store.db, store.schema).migrateTo(NO_MIGRATIONS);
    assert.equal(down.error, undefined);
    const left = await ownTables();
    assert.ok(!left.includes('articles'), 'down removes the tables');
    const again = await migrate(store.db, store.schema);
    assert.equal(again.results?.length, Object.keys(migrations).length);
  });

  it('a database that ran later migrations still runs an earlier one merged since', async () => {
    // As if the place merges (421) had landed after this database ran the search migration (510).
    const name = '2026-12-06-421-place-merges';
    await migrations[name]!.down!(store.db);
    const table = store.schema ? sql.raw(`"${store.schema}"."kysely_migration"`) : sql.raw('kysely_migration');
    await sql`delete from ${table} where name = ${name}`.execute(store.db);
    const names = Object.keys(migrations).sort();
    assert.ok(names.indexOf(name) < names.length - 1, 'a later migration has run');
    const caught = await migrate(store.db, store.schema);
    assert.deepEqual(caught.results?.map((r) => `${r.migrationName} ${r.status}`), [`${name} Success`]);
    const row = await store.db.selectFrom('places').select('merged_into_id').executeTakeFirst();
    assert.equal(row, undefined, 'the column is back (the table is empty)');
  });
});
