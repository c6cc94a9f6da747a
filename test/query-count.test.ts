/** The query counter behind `npm run bench:queries` counts each statement once, transactions included, on the engine under test. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { countQueries, installQueryCounter } from './helpers/query-count.js';
import { startTestServer, type TestServer } from './helpers/server.js';

installQueryCounter();
let server: TestServer;

before(async () => {
  server = await startTestServer({ seed: false });
});

after(async () => {
  await server?.stop();
});

test('one select is one statement', async () => {
  const { queries, result } = await countQueries(() => server.ctx.store.db.selectFrom('sections').select('id').execute());
  assert.deepEqual(result, []);
  assert.equal(queries, 1);
});

test('a transaction of two statements counts its BEGIN and COMMIT too', async () => {
  const { queries } = await countQueries(() =>
    server.ctx.store.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await sql`select 2`.execute(trx);
    }),
  );
  assert.equal(queries, 4);
});
