/** The spam purge and the drop counter, on the real database: only spam marked long enough ago goes, and never a comment others replied to. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createArticle, ensureSection } from '../content/articles.js';
import { createTestUser } from '../../test/helpers/auth.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import type { CommentStatus } from '../db/schema.js';
import { insertComment } from './comments.js';
import { moderateComments } from './moderate.js';
import { countDrops, purgeSpam, recordDrop, startSpamPurge } from './spam.js';

const day = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * day).toISOString();

describe('deleting old spam', () => {
  let server: TestServer;
  let articleId: number;
  let editor: { id: number; role: 'editor' };

  before(async () => {
    server = await startTestServer({ seed: false });
    const writer = await createTestUser(server, 'author');
    editor = { id: (await createTestUser(server, 'editor')).id, role: 'editor' };
    const sectionId = await ensureSection(server.ctx.store.db, { slug: 'local', name: 'Local' });
    articleId = await createArticle(server.ctx.store.db, { title: 'Spam purge story', bodyHtml: '<p>x</p>', sectionId, status: 'published', authorIds: [writer.id] });
  });

  after(async () => {
    await server?.stop();
  });

  async function add(body: string, status: CommentStatus, createdDaysAgo: number, options: { spamDaysAgo?: number; parentId?: number } = {}): Promise<number> {
    const db = server.ctx.store.db;
    const id = await insertComment(db, { articleId, parentId: options.parentId ?? null, name: 'Someone', email: 'someone@readers.test', body, status, createdAt: daysAgo(createdDaysAgo) });
    if (options.spamDaysAgo !== undefined) await db.updateTable('comments').set({ spam_since: daysAgo(options.spamDaysAgo) }).where('id', '=', id).execute();
    return id;
  }

  async function remaining(): Promise<string[]> {
    return (await server.ctx.store.db.selectFrom('comments').select('body').where('article_id', '=', articleId).orderBy('body').execute()).map((r) => r.body);
  }

  it('removes spam marked more than the set days ago, and nothing else', async () => {
    await add('old spam', 'spam', 40, { spamDaysAgo: 40 });
    await add('old comment marked spam lately', 'spam', 100, { spamDaysAgo: 5 });
    await add('new spam', 'spam', 1, { spamDaysAgo: 1 });
    await add('old pending', 'pending', 100);
    await add('old trash', 'trash', 100);
    await add('old approved', 'approved', 100);
    const parent = await add('old spam with an approved reply', 'spam', 60, { spamDaysAgo: 60 });
    await add('approved reply to spam', 'approved', 59, { parentId: parent });
    const chainTop = await add('old spam chain top', 'spam', 60, { spamDaysAgo: 60 });
    await add('old spam chain reply', 'spam', 59, { parentId: chainTop, spamDaysAgo: 59 });
    // Marked just now by a moderator, though written long ago: the days count from the mark.
    const [justMarked] = await moderateComments(server.ctx, editor, { ids: [await add('approved long ago, spam today', 'approved', 200)], status: 'spam' });
    assert.ok(justMarked);

    assert.equal(await purgeSpam(server.ctx, 'system', { days: 30 }), 3);
    assert.deepEqual(await remaining(), [
      'approved long ago, spam today', 'approved reply to spam', 'new spam', 'old approved', 'old comment marked spam lately',
      'old pending', 'old spam with an approved reply', 'old trash',
    ]);
    assert.equal(await purgeSpam(server.ctx, 'system', { days: 30 }), 0, 'running it again deletes nothing more');
  });

  it('runs when the job starts, as the server does at start-up and then hourly', async () => {
    await add('spam for the job', 'spam', 20, { spamDaysAgo: 20 });
    const logged: { err: unknown; deleted?: number }[] = [];
    const job = startSpamPurge(server.ctx, 10, (err, deleted) => logged.push({ err, deleted }));
    await job.stop();
    assert.deepEqual(logged, [{ err: null, deleted: 1 }]);
    assert.ok(!(await remaining()).includes('spam for the job'));
  });

  it('counts drops per day and forgets those older than the spam days', async () => {
    const db = server.ctx.store.db;
    const before = await countDrops(db, 30);
    await recordDrop(db, 'honeypot');
    await recordDrop(db, 'honeypot');
    await recordDrop(db, 'honeypot', Date.now() - 45 * day);
    assert.equal(await countDrops(db, 30), before + 2);
    assert.equal(await countDrops(db, 60), before + 3);
    await purgeSpam(server.ctx, 'system', { days: 30 });
    assert.equal(await countDrops(db, 60), before + 2);
  });
});
