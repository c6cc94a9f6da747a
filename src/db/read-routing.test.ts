import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { listPublished } from '../content/queries.js';
import { get, startTestServer, testEngine, type TestServer } from '../../test/helpers/server.js';
import { migrate, openStore } from './index.js';

// A "replica" that lags behind completely: a second schema with the tables and none of the stories.
const onPostgres = testEngine() === 'postgres';
if (!onPostgres) console.warn('read-routing.test.ts: a read replica needs PostgreSQL; these tests run in the PostgreSQL pass.');

describe('reads with a replica configured', { skip: !onPostgres }, () => {
  let server: TestServer;
  let replicaUrl: URL;
  const replicaSchema = `t_replica_${randomBytes(5).toString('hex')}`;
  let headline = '';

  before(async () => {
    replicaUrl = new URL(process.env.TEST_DATABASE_URL!);
    replicaUrl.searchParams.set('schema', replicaSchema);
    const replica = await openStore(replicaUrl.toString());
    await migrate(replica.db, replica.schema);
    await replica.close();
    server = await startTestServer({ env: { DATABASE_REPLICA_URL: replicaUrl.toString() } });
    headline = (await listPublished(server.ctx.store.db, { limit: 1 }))[0]!.title;
  });

  after(async () => {
    await server.stop();
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    await client.query(`drop schema if exists "${replicaSchema}" cascade`);
    await client.end();
  });

  const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');
  const shows = async (path: string, init: RequestInit = {}) => (await (await get(server, path, init)).text()).includes(escaped(headline));

  it('an anonymous page that will not be cached reads the replica', async () => {
    assert.equal(await shows('/?from=newsletter'), false, 'the lagging replica has no stories yet');
  });

  it('a signed-in reader reads the primary, so they see what they just saved', async () => {
    assert.equal(await shows('/?from=newsletter', { headers: { cookie: 'gazette_session=any' } }), true);
  });

  it('a page about to be stored in the page cache is rendered from the primary', async () => {
    assert.equal(await shows('/'), true);
  });

  it('store.db is always the primary and store.read is the replica outside a request', async () => {
    assert.ok((await listPublished(server.ctx.store.db, { limit: 1 })).length > 0);
    assert.equal((await listPublished(server.ctx.store.read, { limit: 1 })).length, 0);
  });
});
