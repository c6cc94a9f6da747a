/**
 * `gazette sources backfill` as a real process on the test database (a SQLite file, or a PostgreSQL schema with
 * TEST_DATABASE_URL): progress on stderr, proposals grouped by spelling, links to sources already there, safe re-runs.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createArticle, ensureSection } from '../content/articles.js';
import { systemActor } from '../accounts/actor.js';
import { createSource } from '../sources/commands.js';
import { citationsOf, listProposals } from '../sources/queries.js';
import { createTestUser } from '../../test/helpers/auth.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';

const run = promisify(execFile);
let server: TestServer;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', 'sources', ...args], {
      env: { ...process.env, DATABASE_URL: server.database.url, GAZETTE_DATA_DIR: server.database.dataDir, SITE_URL: server.url, LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const quote = (name: string) => `<figure class="quote"><blockquote><p>Said.</p></blockquote><figcaption><cite>${name}</cite>, spokesperson</figcaption></figure>`;

describe('gazette sources backfill', () => {
  let linkedStory: number;

  before(async () => {
    server = await startTestServer({ seed: false });
    const db = server.ctx.store.db;
    const author = await createTestUser(server, 'author');
    const sectionId = await ensureSection(db, { slug: 'world', name: 'World' });
    const story = (title: string, body: string) => createArticle(db, { title, bodyHtml: body, sectionId, status: 'published', authorIds: [author.id] });
    await story('One', quote('Reuters'));
    await story('Two', quote('REUTERS'));
    await story('Three', quote('Reuters.'));
    await story('Four', quote('U.N.') + quote('Кремль'));
    await story('Five', quote('UN'));
    linkedStory = await story('Six', quote('Amnesty International'));
    await createSource(server.ctx, systemActor('test'), { kind: 'organisation', name: 'amnesty international', orgType: 'ngo' });
  });
  after(async () => server?.stop());

  it('refuses a missing or unknown sub-command with a message', async () => {
    const none = await cli();
    assert.equal(none.code, 2);
    assert.match(none.stderr, /gazette sources backfill/);
    const wrong = await cli('backfil');
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /did you mean "backfill"/);
  });

  it('proposes sources, links known ones, reports progress, and is safe to re-run', async () => {
    const first = await cli('backfill');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /6\/6 stories read/);
    assert.match(first.stdout, /Read 6 stories/);
    assert.match(first.stdout, /Linked 1 story/);
    assert.match(first.stdout, /3 new proposals/);
    const proposals = await listProposals(server.ctx.store.db);
    assert.deepEqual(proposals.map((p) => [p.name, p.articleIds.length]), [['Reuters', 3], ['UN', 2], ['Кремль', 1]]);
    assert.deepEqual((await citationsOf(server.ctx.store.db, linkedStory)).map((c) => c.source.name), ['amnesty international']);
    const second = await cli('backfill');
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /0 new proposals, 3 waiting/);
    assert.equal((await listProposals(server.ctx.store.db)).length, 3);
  });
});
