/**
 * The comment commands on the real database (a SQLite file, or PostgreSQL when TEST_DATABASE_URL is set): each change
 * announces itself once per comment it changed, after commit, with what listeners need; a refusal announces nothing.
 * The page cache is the real one, so "a pending comment purges nothing" is what a reader would see.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { createArticle, ensureSection } from '../content/articles.js';
import { findStory } from '../content/queries.js';
import type { CommentStatus, Role } from '../db/schema.js';
import { CommandError } from '../errors.js';
import { createTestUser } from '../../test/helpers/auth.js';
import { get, startTestServer, testEngine, type TestServer } from '../../test/helpers/server.js';
import { insertComment } from './comments.js';
import type { CommentChanged } from './events.js';
import { addBlock, blockCommenter, moderateComment, moderateComments, removeBlock, replyAsStaff } from './moderate.js';
import { postComment, type CommentSubmission } from './post.js';
import { countDrops, purgeSpam } from './spam.js';

let server: TestServer;
let storyId: number;
let storyUrl: string;
let closedStoryId: number;
let editor: { id: number; role: Role; name: string; email: string; slug: string };
const contributor = { id: 0, role: 'contributor' as Role };

/**
 * Reads a comment's status from a second connection at the moment an event is emitted: on SQLite synchronously
 * (a separate connection to the file sees only committed rows), on PostgreSQL by sending the query at once from its
 * own client. Had the event been emitted inside the transaction, this would see the status from before the change.
 */
interface CommittedReader {
  statusAtEmit(commentId: number): Promise<CommentStatus | null>;
  close(): Promise<void>;
}

async function committedReader(): Promise<CommittedReader> {
  if (testEngine() === 'sqlite') {
    const file = new URL(server.database.url.replace(/^sqlite:\/\//, 'file://')).pathname;
    const reader = new SQLite(file, { readonly: true, fileMustExist: true });
    const statement = reader.prepare<[number], { status: CommentStatus }>('select status from comments where id = ?');
    return {
      statusAtEmit: (id) => Promise.resolve(statement.get(id)?.status ?? null),
      close: async () => {
        reader.close();
      },
    };
  }
  const url = new URL(server.database.url);
  const schema = url.searchParams.get('schema');
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`set search_path to "${schema}"`);
  return {
    statusAtEmit: async (id) => ((await client.query<{ status: CommentStatus }>('select status from comments where id = $1', [id])).rows[0]?.status ?? null),
    close: () => client.end(),
  };
}

let reader: CommittedReader;
let heard: { change: CommentChanged; committed: Promise<CommentStatus | null> }[] = [];
const listen = (change: CommentChanged) => heard.push({ change, committed: reader.statusAtEmit(change.commentId) });

before(async () => {
  server = await startTestServer({ seed: false });
  const db = server.ctx.store.db;
  const sectionId = await ensureSection(db, { slug: 'city', name: 'City' });
  const user = await createTestUser(server, 'editor', { name: 'Desk Editor' });
  editor = { id: user.id, role: 'editor', name: user.name, email: user.email, slug: 'desk-editor' };
  storyId = await createArticle(db, { title: 'Ferry timetable changes', bodyHtml: '<p>x</p>', sectionId, status: 'published', authorIds: [user.id] });
  storyUrl = (await findStory(db, { id: storyId }))!.url;
  closedStoryId = await createArticle(db, { title: 'No comments here', bodyHtml: '<p>x</p>', sectionId, status: 'published', authorIds: [user.id], commentsOpen: false });
  reader = await committedReader();
  server.ctx.events.on('comment.changed', listen);
});

after(async () => {
  server.ctx.events.off('comment.changed', listen);
  await reader?.close();
  await server?.stop();
});

beforeEach(() => {
  heard = [];
});

afterEach(async () => {
  await server.app.pageCache.settled();
});

let senders = 0;
function submission(overrides: Partial<CommentSubmission> = {}): CommentSubmission {
  senders++;
  return { articleId: storyId, parentId: null, name: 'A Reader', email: `reader${senders}@example.test`, body: 'When does the first ferry leave?', honeypot: '', formAgeSeconds: 30, ...overrides };
}

async function addComment(status: CommentStatus, body = `A comment ${Date.now()}-${senders++}`): Promise<number> {
  return insertComment(server.ctx.store.db, { articleId: storyId, parentId: null, name: 'Someone', email: 'someone@example.test', body, status, createdAt: new Date().toISOString() });
}

async function statusOf(id: number): Promise<CommentStatus | undefined> {
  return (await server.ctx.store.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirst())?.status;
}

/** The events heard, each with the status another connection saw when it was emitted. */
async function announced(): Promise<{ change: CommentChanged; committed: CommentStatus | null }[]> {
  return Promise.all(heard.map(async (h) => ({ change: h.change, committed: await h.committed })));
}

async function refusal(work: Promise<unknown>, kind: string, code?: string): Promise<void> {
  await assert.rejects(work, (error: unknown) => {
    assert.ok(error instanceof CommandError, `a CommandError, not ${String(error)}`);
    assert.equal(error.kind, kind);
    if (code) assert.equal(error.code, code);
    return true;
  });
  assert.equal(heard.length, 0, 'a refusal announces nothing');
}

/** Requests the story page until the page cache holds it. */
async function warmStoryPage(): Promise<void> {
  for (let attempt = 0; attempt < 200 && !server.app.pageCache.has(storyUrl); attempt++) {
    await (await get(server, storyUrl)).arrayBuffer();
    if (!server.app.pageCache.has(storyUrl)) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.ok(server.app.pageCache.has(storyUrl), 'the story page is cached');
}

describe('postComment', () => {
  it('announces a first-time commenter once, after commit, as posted; the cached story page stays', async () => {
    await warmStoryPage();
    const input = submission({ body: '  When does the\r\nfirst ferry leave?  ' });
    const posted = await postComment(server.ctx, { ip: '203.0.113.7' }, input);
    assert.equal(posted.status, 'pending');
    assert.equal(posted.storyPath, storyUrl);
    const [event, ...more] = await announced();
    assert.equal(more.length, 0, 'exactly one event');
    assert.equal(event!.committed, 'pending', 'emitted after the comment was committed');
    const { createdAt, ...comment } = event!.change.comment;
    assert.deepEqual({ ...event!.change, comment }, {
      articleId: storyId, commentId: posted.id, kind: 'posted', from: null, to: 'pending', storyPath: storyUrl,
      comment: { parentId: null, authorName: 'A Reader', body: 'When does the\nfirst ferry leave?' },
    });
    assert.ok(createdAt);
    await server.app.pageCache.settled();
    assert.ok(server.app.pageCache.has(storyUrl), 'a comment nobody sees yet purges nothing');
  });

  it('announces a known commenter as approved and purges the story page', async () => {
    const email = 'regular@example.test';
    await insertComment(server.ctx.store.db, { articleId: storyId, parentId: null, name: 'Regular', email, body: 'An earlier comment', status: 'approved', createdAt: new Date().toISOString() });
    await warmStoryPage();
    const posted = await postComment(server.ctx, { ip: '203.0.113.8' }, submission({ name: 'Regular', email }));
    assert.equal(posted.status, 'approved');
    const events = await announced();
    assert.deepEqual(events.map((e) => [e.change.kind, e.change.from, e.change.to, e.committed]), [['approved', null, 'approved', 'approved']]);
    await server.app.pageCache.settled();
    assert.ok(!server.app.pageCache.has(storyUrl), 'the story page shows the new comment, so it was purged');
  });

  it('announces a suspected spammer as held, with the reason kept, and purges nothing', async () => {
    await addBlock(server.ctx, editor, { kind: 'word', value: 'lottery' });
    await warmStoryPage();
    const posted = await postComment(server.ctx, { ip: '203.0.113.9' }, submission({ body: 'Win the lottery today' }));
    assert.equal(posted.status, 'spam');
    assert.deepEqual(posted.reasons, ['contains the blocked word “lottery”']);
    const events = await announced();
    assert.deepEqual(events.map((e) => [e.change.kind, e.change.to, e.committed]), [['held', 'spam', 'spam']]);
    await server.app.pageCache.settled();
    assert.ok(server.app.pageCache.has(storyUrl));
  });

  it('refuses without announcing: a missing story, closed comments, a bad reply target, invalid fields, a blocked sender', async () => {
    await refusal(postComment(server.ctx, { ip: '203.0.113.10' }, submission({ articleId: 999_999 })), 'not_found');
    await refusal(postComment(server.ctx, { ip: '203.0.113.10' }, submission({ articleId: closedStoryId })), 'forbidden', 'comments_closed');
    await refusal(postComment(server.ctx, { ip: '203.0.113.10' }, submission({ parentId: await addComment('pending') })), 'invalid');
    await refusal(postComment(server.ctx, { ip: '203.0.113.10' }, submission({ email: 'not an address' })), 'invalid');
    await addBlock(server.ctx, editor, { kind: 'email', value: 'blocked@example.test' });
    await refusal(postComment(server.ctx, { ip: '203.0.113.10' }, submission({ email: 'blocked@example.test' })), 'forbidden', 'blocked');
  });

  it('drops a honeypot post unstored, counts the drop, and announces nothing', async () => {
    const before = await countDrops(server.ctx.store.db, 1);
    await refusal(postComment(server.ctx, { ip: '203.0.113.11' }, submission({ honeypot: 'https://spam.example' })), 'invalid', 'dropped');
    assert.equal(await countDrops(server.ctx.store.db, 1), before + 1);
  });

  it('refuses a sender over the per-address limit as rate_limited', async () => {
    const limited = { ...server.ctx, config: { ...server.ctx.config, commentRateLimit: 1 } };
    const email = 'eager@example.test';
    await postComment(limited, { ip: '203.0.113.12' }, submission({ email }));
    heard = [];
    await refusal(postComment(limited, { ip: '203.0.113.13' }, submission({ email })), 'rate_limited');
  });
});

describe('moderation commands', () => {
  it('moderateComments announces each comment it changed, after commit, and skips those already there', async () => {
    const [first, second, already] = [await addComment('pending'), await addComment('spam'), await addComment('approved')];
    await warmStoryPage();
    const changes = await moderateComments(server.ctx, editor, { ids: [first, second, already, first], status: 'approved' });
    assert.deepEqual(changes.map((c) => c.commentId).sort(), [first, second].sort());
    const events = await announced();
    assert.deepEqual(
      events.map((e) => [e.change.commentId, e.change.kind, e.change.from, e.change.to, e.change.storyPath, e.committed]).sort(),
      [[first, 'approved', 'pending', 'approved', storyUrl, 'approved'], [second, 'approved', 'spam', 'approved', storyUrl, 'approved']].sort(),
    );
    await server.app.pageCache.settled();
    assert.ok(!server.app.pageCache.has(storyUrl), 'the approved comments show, so the page was purged');
  });

  it('moderateComments refuses an empty selection and a contributor, announcing nothing', async () => {
    await refusal(moderateComments(server.ctx, editor, { ids: [], status: 'approved' }), 'invalid');
    const id = await addComment('pending');
    await assert.rejects(moderateComments(server.ctx, contributor, { ids: [id], status: 'approved' }), /cannot moderate comments/);
    assert.equal(heard.length, 0);
    assert.equal(await statusOf(id), 'pending');
  });

  it('moderateComment: hiding a visible comment is removed, a move between hidden statuses is moved and purges nothing', async () => {
    const visible = await addComment('approved');
    await moderateComment(server.ctx, editor, { id: visible, status: 'trash' });
    const hidden = await addComment('pending');
    await warmStoryPage();
    await moderateComment(server.ctx, editor, { id: hidden, status: 'spam' });
    const events = await announced();
    assert.deepEqual(events.map((e) => [e.change.commentId, e.change.kind, e.change.from, e.change.to, e.committed]), [
      [visible, 'removed', 'approved', 'trash', 'trash'],
      [hidden, 'moved', 'pending', 'spam', 'spam'],
    ]);
    await server.app.pageCache.settled();
    assert.ok(server.app.pageCache.has(storyUrl), 'a pending comment marked as spam changes nothing a reader sees');
    heard = [];
    assert.equal(await moderateComment(server.ctx, editor, { id: hidden, status: 'spam' }), null, 'no change, no event');
    assert.equal(heard.length, 0);
    await refusal(moderateComment(server.ctx, editor, { id: 999_999, status: 'approved' }), 'not_found');
  });

  it('replyAsStaff announces the reply, and the approval of a pending parent before it', async () => {
    const parent = await addComment('pending');
    const reply = await replyAsStaff(server.ctx, editor, { parentId: parent, body: 'Thanks, we have corrected the times.' });
    assert.equal(reply.approvedParent, true);
    const events = await announced();
    assert.deepEqual(events.map((e) => [e.change.commentId, e.change.kind, e.change.from, e.change.to, e.committed]), [
      [parent, 'approved', 'pending', 'approved', 'approved'],
      [reply.id, 'approved', null, 'approved', 'approved'],
    ]);
    assert.deepEqual(events[1]!.change.comment.parentId, parent);
    assert.equal(events[1]!.change.comment.authorName, 'Desk Editor');
    heard = [];
    await replyAsStaff(server.ctx, editor, { parentId: parent, body: 'And one more thing.' });
    assert.equal(heard.length, 1, 'replying to an approved comment announces the reply alone');
    heard = [];
    await refusal(replyAsStaff(server.ctx, editor, { parentId: await addComment('spam'), body: 'Hello' }), 'conflict');
    await refusal(replyAsStaff(server.ctx, editor, { parentId: parent, body: ' ' }), 'invalid');
    await refusal(replyAsStaff(server.ctx, editor, { parentId: 999_999, body: 'Hello' }), 'not_found');
  });

  it('blockCommenter blocks the address and announces the move to spam; blocklist edits announce nothing', async () => {
    const id = await insertComment(server.ctx.store.db, {
      articleId: storyId, parentId: null, name: 'Troll', email: 'troll@example.test', body: 'Rude words', status: 'approved', createdAt: new Date().toISOString(), ipHash: 'abc123',
    });
    const change = await blockCommenter(server.ctx, editor, { commentId: id, what: 'email' });
    assert.equal(change?.kind, 'removed');
    const events = await announced();
    assert.deepEqual(events.map((e) => [e.change.commentId, e.change.from, e.change.to, e.committed]), [[id, 'approved', 'spam', 'spam']]);
    const block = await server.ctx.store.db.selectFrom('comment_blocks').selectAll().where('value', '=', 'troll@example.test').executeTakeFirst();
    assert.ok(block, 'the address is on the blocklist');
    heard = [];
    const entry = await addBlock(server.ctx, editor, { kind: 'ip', value: '198.51.100.23' });
    assert.notEqual(entry.value, '198.51.100.23', 'an IP is stored only as its hash');
    assert.equal(entry.note, '198.51.…');
    await removeBlock(server.ctx, editor, { id: entry.id });
    assert.equal(heard.length, 0);
    await refusal(addBlock(server.ctx, editor, { kind: 'ip', value: 'not-an-ip' }), 'invalid');
    await refusal(blockCommenter(server.ctx, editor, { commentId: 999_999, what: 'email' }), 'not_found');
  });
});

describe('purgeSpam', () => {
  it('announces each deleted spam comment as a move from spam to nothing, after commit', async () => {
    const old = await addComment('spam');
    await server.ctx.store.db.updateTable('comments').set({ spam_since: new Date(Date.now() - 40 * 86_400_000).toISOString() }).where('id', '=', old).execute();
    await addComment('spam');
    assert.equal(await purgeSpam(server.ctx, 'system', { days: 30 }), 1);
    const events = await announced();
    assert.deepEqual(events.map((e) => [e.change.commentId, e.change.kind, e.change.from, e.change.to, e.committed]), [[old, 'moved', 'spam', null, null]]);
    heard = [];
    await assert.rejects(purgeSpam(server.ctx, contributor, { days: 30 }), /cannot moderate comments/);
    assert.equal(heard.length, 0);
  });
});
