/** The query counter behind `npm run bench:queries` counts each statement once, transactions included, on the engine under test. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { countQueries, installQueryCounter } from './helpers/query-count.js';
import { get, startTestServer, type TestServer } from './helpers/server.js';
import { createTestUser, signIn } from './helpers/auth.js';
import { createArticle, ensureSection } from '../src/content/articles.js';

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

// Comment writes (issue 13): a reader's comment was 21 statements, an approval 15. The commands read the story's path
// in one small query and carry it in their event, so no listener reloads the story.
test("a reader's comment costs at most 8 statements, and an approval at most 8", async (t) => {
  const db = server.ctx.store.db;
  const sectionId = await ensureSection(db, { slug: 'city', name: 'City' });
  const editor = await createTestUser(server, 'editor');
  const storyId = await createArticle(db, {
    title: 'Bridge to reopen after repairs', bodyHtml: '<p>The crossing has been shut since spring.</p>', sectionId, status: 'published', authorIds: [editor.id],
  });
  const token = ((await (await get(server, `/comments/form-token?article=${storyId}`)).json()) as { token: string }).token;
  const comment = await countQueries(async () => {
    const response = await get(server, '/comments', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({
        article_id: String(storyId), name: 'A reader', email: 'reader@example.test', body: 'When does the first bus cross again?', form_token: token, website: '',
      }),
      redirect: 'manual',
    });
    await response.arrayBuffer();
    return response.status;
  });
  assert.equal(comment.result, 303);
  assert.ok(comment.queries <= 8, `a reader's comment ran ${comment.queries} statements (at most 8)`);

  const held = await db.selectFrom('comments').select('id').where('article_id', '=', storyId).executeTakeFirstOrThrow();
  const session = await signIn(server, editor.email, editor.password);
  const approval = await countQueries(async () => {
    const response = await get(server, '/newsroom/comments', {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ _csrf: session.csrf, one: `${held.id}:approve`, status: 'pending' }),
      redirect: 'manual',
    });
    await response.arrayBuffer();
    return response.status;
  });
  assert.equal(approval.result, 303);
  assert.ok(approval.queries <= 8, `an approval ran ${approval.queries} statements (at most 8)`);
  t.diagnostic(`reader's comment: ${comment.queries} statements, approval: ${approval.queries}`);
});
