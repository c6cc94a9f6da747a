import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/server.js';
import { migrate, openStore, type Store } from './index.js';
import { reusableQuery } from './reusable.js';

describe('reusableQuery', () => {
  let database: TestDatabase;
  let store: Store;

  before(async () => {
    database = await createTestDatabase();
    store = await openStore(database.url);
    await migrate(store.db, store.schema);
    await store.db.insertInto('sections').values([
      { slug: 'world', name: 'World', description: '', position: 1 },
      { slug: 'sport', name: 'Sport', description: '', position: 2 },
      { slug: 'arts', name: 'Arts', description: '', position: 3 },
    ]).execute();
  });
  after(async () => {
    await store.close();
    await database.drop();
  });

  const byPositionAbove = reusableQuery((db, slug: string, minimum: number) =>
    db.selectFrom('sections').select('slug').where('slug', '!=', slug).where('position', '>', minimum).where('name', '!=', 'constant').orderBy('position'),
  );
  const bySlugs = reusableQuery((db, slugs: readonly string[]) => db.selectFrom('sections').select('name').where('slug', 'in', slugs).orderBy('position'));

  it('runs the SQL built once with each call\'s own values, constants kept', async () => {
    assert.deepEqual((await byPositionAbove(store.db, 'sport', 0)).map((r) => r.slug), ['world', 'arts']);
    assert.deepEqual((await byPositionAbove(store.db, 'arts', 1)).map((r) => r.slug), ['sport']);
  });

  it('builds a list argument once per length', async () => {
    assert.deepEqual((await bySlugs(store.db, ['arts'])).map((r) => r.name), ['Arts']);
    assert.deepEqual((await bySlugs(store.db, ['arts', 'world'])).map((r) => r.name), ['World', 'Arts']);
    assert.deepEqual((await bySlugs(store.db, ['sport'])).map((r) => r.name), ['Sport']);
  });

  it('refuses a query that uses an argument for something other than a value', async () => {
    const misuse = reusableQuery((db, _ignored: number) => db.selectFrom('sections').select('slug'));
    await assert.rejects(misuse(store.db, 1), /every argument must appear/);
  });
});
