/** Comment moderation over real HTTP: the queue and its counts, approve/spam/trash one or in bulk, staff replies, blocklists, closed comments and role refusals. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createArticle, ensureSection } from '../../content/articles.js';
import { findStory } from '../../content/queries.js';
import { saveSettings } from '../../content/settings.js';
import { makeFormToken } from '../../comments/form-token.js';
import type { QueueItem } from '../../comments/moderation.js';
import type { CommentStatus } from '../../db/schema.js';
import { createTestUser, signIn, type SignedIn, type TestUser } from '../../../test/helpers/auth.js';
import { get, startTestServer, type TestServer } from '../../../test/helpers/server.js';

interface Queue {
  counts: Record<CommentStatus, number>;
  items: QueueItem[];
}

describe('comment moderation', () => {
  let server: TestServer;
  let editor: TestUser;
  let editorSession: SignedIn;
  let authorSession: SignedIn;
  let contributorSession: SignedIn;
  let story: { id: number; url: string };
  let sectionId: number;

  before(async () => {
    server = await startTestServer({ seed: false });
    editor = await createTestUser(server, 'editor', { name: 'Edna Editor' });
    const author = await createTestUser(server, 'author');
    const contributor = await createTestUser(server, 'contributor');
    editorSession = await signIn(server, editor.email, editor.password);
    authorSession = await signIn(server, author.email, author.password);
    contributorSession = await signIn(server, contributor.email, contributor.password);
    sectionId = await ensureSection(server.ctx.store.db, { slug: 'local', name: 'Local' });
    const id = await createArticle(server.ctx.store.db, {
      title: 'Library extends opening hours', bodyHtml: '<p>The reading room now opens at seven.</p>', sectionId, status: 'published', authorIds: [author.id],
    });
    story = { id, url: (await findStory(server.ctx.store.db, { id }))!.url };
  });

  after(async () => {
    await server?.stop();
  });

  async function comment(articleId: number, name: string, email: string, body: string): Promise<Response> {
    return fetch(`${server.url}/comments`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ article_id: String(articleId), name, email, body, website: '', form_token: makeFormToken(server.ctx.secret, articleId) }).toString(),
    });
  }

  async function queue(status: CommentStatus = 'pending', session = editorSession): Promise<Queue> {
    const response = await get(server, `/newsroom/comments?status=${status}`, { headers: { cookie: session.cookie, accept: 'application/json' } });
    assert.equal(response.status, 200);
    return (await response.json()) as Queue;
  }

  async function post(session: SignedIn, pathname: string, fields: Record<string, string | string[]>, json = false): Promise<Response> {
    const form = new URLSearchParams({ _csrf: session.csrf });
    for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
    return fetch(`${server.url}${pathname}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', ...(json ? { accept: 'application/json' } : {}) },
      body: form.toString(),
    });
  }

  async function publicPage(): Promise<string> {
    return (await get(server, story.url)).text();
  }

  function idOf(items: QueueItem[], body: string): number {
    const item = items.find((i) => i.body === body);
    assert.ok(item, `comment “${body}” is in the queue`);
    return item.id;
  }

  it('holds new readers’ comments in the queue and counts them by status', async () => {
    for (const [name, body] of [['Ada', 'Finally, evening hours!'], ['Ben', 'What about Sundays?'], ['Cy', 'Buy cheap watches here']] as const) {
      const response = await comment(story.id, name, `${name.toLowerCase()}@readers.test`, body);
      assert.equal(response.status, 303);
      assert.match(response.headers.get('location') ?? '', /comment=pending/);
    }
    const pending = await queue();
    assert.equal(pending.counts.pending, 3);
    assert.equal(pending.counts.approved, 0);
    assert.deepEqual(pending.items.map((i) => i.authorName), ['Ada', 'Ben', 'Cy']);
    assert.equal(pending.items[0]!.story?.title, 'Library extends opening hours');

    const html = await (await get(server, '/newsroom/comments', { headers: { cookie: editorSession.cookie } })).text();
    assert.match(html, /<span class="nr-card-count">3<\/span><span class="nr-card-label">Pending<\/span>/);
    assert.match(html, /What about Sundays\?/);
    assert.doesNotMatch(await publicPage(), /Finally, evening hours!/);
  });

  it('approves one comment, which then shows on the public story', async () => {
    const id = idOf((await queue()).items, 'Finally, evening hours!');
    const response = await post(editorSession, '/newsroom/comments', { one: `${id}:approve`, status: 'pending' });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/newsroom/comments?status=pending&to=approved&n=1');
    assert.match(await (await get(server, response.headers.get('location')!, { headers: { cookie: editorSession.cookie } })).text(), /Approved: 1 comment\./);
    const after = await queue();
    assert.equal(after.counts.pending, 2);
    assert.equal(after.counts.approved, 1);
    assert.match(await publicPage(), /Finally, evening hours!/);
  });

  it('moves comments to spam and to trash in bulk, and takes an approved one down', async () => {
    const pending = (await queue()).items;
    const ids = [idOf(pending, 'What about Sundays?'), idOf(pending, 'Buy cheap watches here')].map(String);
    const spam = await post(editorSession, '/newsroom/comments', { ids, action: 'spam' }, true);
    assert.deepEqual(await spam.json(), { changed: 2, status: 'spam' });
    assert.equal((await queue()).counts.spam, 2);
    await post(editorSession, '/newsroom/comments', { ids, action: 'trash' });
    const counts = (await queue('trash')).counts;
    assert.deepEqual(counts, { pending: 0, approved: 1, spam: 0, trash: 2 });

    const approvedId = (await queue('approved')).items[0]!.id;
    await post(editorSession, '/newsroom/comments', { ids: String(approvedId), action: 'trash' });
    assert.doesNotMatch(await publicPage(), /Finally, evening hours!/);
    await post(editorSession, '/newsroom/comments', { ids: String(approvedId), action: 'approve' });
    assert.match(await publicPage(), /Finally, evening hours!/);
  });

  it('refuses an empty selection, an unknown action and a missing CSRF token', async () => {
    assert.equal((await post(editorSession, '/newsroom/comments', { action: 'approve' }, true)).status, 422);
    assert.equal((await post(editorSession, '/newsroom/comments', { ids: '1', action: 'publish' }, true)).status, 400);
    const forged = await fetch(`${server.url}/newsroom/comments`, {
      method: 'POST',
      headers: { cookie: editorSession.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ids=1&action=trash',
    });
    assert.equal(forged.status, 403);
  });

  it('publishes a staff reply at once and approves the held comment it answers', async () => {
    await comment(story.id, 'Dee', 'dee@readers.test', 'Will the café stay open too?');
    const id = idOf((await queue()).items, 'Will the café stay open too?');
    const response = await post(editorSession, `/newsroom/comments/${id}/reply`, { body: 'Yes, until nine.' });
    assert.equal(response.status, 303);
    const approved = (await queue('approved')).items;
    const reply = approved.find((i) => i.body === 'Yes, until nine.');
    assert.ok(reply);
    assert.equal(reply.parentId, id);
    assert.equal(reply.authorName, 'Edna Editor');
    assert.ok(approved.some((i) => i.id === id), 'the answered comment is approved');
    const html = await publicPage();
    assert.match(html, /Will the café stay open too\?/);
    assert.match(html, /Yes, until nine\./);
    assert.equal((await post(editorSession, `/newsroom/comments/${id}/reply`, { body: ' ' })).status, 422);
  });

  it('sends comments with a blocked word to spam', async () => {
    const added = await post(editorSession, '/newsroom/comments/blocklist', { kind: 'word', value: 'Casino' });
    assert.equal(added.status, 303);
    const response = await comment(story.id, 'Eve', 'eve@readers.test', 'Visit my CASINO tonight');
    assert.match(response.headers.get('location') ?? '', /comment=held/, 'the reader is told it is held, not that it awaits moderation');
    const held = (await queue('spam')).items.find((i) => i.body === 'Visit my CASINO tonight');
    assert.ok(held);
    assert.deepEqual(held.holdReasons, ['contains the blocked word “casino”']);
    await comment(story.id, 'Fay', 'fay@readers.test', 'Casinos aside, this is good news');
    assert.ok((await queue('pending')).items.some((i) => i.authorName === 'Fay'), 'only whole words match');
  });

  it('refuses comments from a blocked email, domain or IP address, storing nothing, until the entry is removed', async () => {
    const before = (await queue()).counts;
    await post(editorSession, '/newsroom/comments/blocklist', { kind: 'email', value: '@spam.test' });
    const refused = await comment(story.id, 'Gus', 'gus@spam.test', 'Hello there');
    assert.equal(refused.status, 403);
    const refusedPage = await refused.text();
    assert.match(refusedPage, /not accepted/);
    assert.match(refusedPage, /<textarea[^>]*>Hello there<\/textarea>/, 'the text the reader typed comes back');

    const ipEntry = await post(editorSession, '/newsroom/comments/blocklist', { kind: 'ip', value: '127.0.0.1', note: 'Test runner' }, true);
    assert.equal(ipEntry.status, 201);
    const entry = ((await ipEntry.json()) as { item: { id: number; value: string } }).item;
    assert.notEqual(entry.value, '127.0.0.1', 'IP addresses are stored hashed');
    assert.equal((await comment(story.id, 'Hal', 'hal@readers.test', 'From the blocked address')).status, 403);
    assert.deepEqual((await queue()).counts, before);

    const page = await (await get(server, '/newsroom/comments/blocklist', { headers: { cookie: editorSession.cookie } })).text();
    assert.match(page, /@spam\.test/);
    assert.match(page, /Test runner/);
    assert.equal((await post(editorSession, '/newsroom/comments/blocklist', { kind: 'ip', value: 'not-an-ip' })).status, 422);
    assert.equal((await post(editorSession, '/newsroom/comments/blocklist', { kind: 'email', value: 'nobody' })).status, 422);

    await post(editorSession, `/newsroom/comments/blocklist/${entry.id}/delete`, {});
    assert.equal((await comment(story.id, 'Hal', 'hal@readers.test', 'From the unblocked address')).status, 303);
  });

  it('blocks a commenter from their comment and moves it to spam', async () => {
    await comment(story.id, 'Ike', 'ike@readers.test', 'First message from Ike');
    const id = idOf((await queue()).items, 'First message from Ike');
    assert.equal((await post(editorSession, `/newsroom/comments/${id}/block`, { what: 'email' })).status, 303);
    assert.ok((await queue('spam')).items.some((i) => i.id === id));
    assert.equal((await comment(story.id, 'Ike', 'IKE@readers.test', 'Second message')).status, 403);
  });

  it('shows comment text and names as text, never as markup', async () => {
    await comment(story.id, '<b>Mallory</b>', 'mallory@readers.test', 'Look <img src=x onerror=alert(1)> <script>alert(2)</script>');
    const id = idOf((await queue()).items, 'Look <img src=x onerror=alert(1)> <script>alert(2)</script>');
    for (const pathname of ['/newsroom/comments', `/newsroom/comments/${id}`]) {
      const html = await (await get(server, pathname, { headers: { cookie: editorSession.cookie } })).text();
      assert.match(html, /Look &lt;img src=x onerror=alert\(1\)> &lt;script>alert\(2\)&lt;\/script>/);
      assert.match(html, /&lt;b>Mallory&lt;\/b>/);
      assert.doesNotMatch(html, /<img src=x|<script>alert|<b>Mallory/);
    }
    await post(editorSession, '/newsroom/comments', { ids: String(id), action: 'trash' });
  });

  it('narrows the queue to one story, and keeps it narrowed after an action', async () => {
    const other = await createArticle(server.ctx.store.db, {
      title: 'Tram line gets a new stop', bodyHtml: '<p>At the market.</p>', sectionId, status: 'published', authorIds: [editor.id],
    });
    await comment(other, 'Kim', 'kim@readers.test', 'About time for the market stop');
    const all = await queue();
    const narrowed = (await (await get(server, `/newsroom/comments?article=${other}`, { headers: { cookie: editorSession.cookie, accept: 'application/json' } })).json()) as Queue;
    assert.deepEqual(narrowed.counts, { pending: 1, approved: 0, spam: 0, trash: 0 });
    assert.deepEqual(narrowed.items.map((i) => i.authorName), ['Kim']);
    assert.ok(all.counts.pending > 1);

    const page = await (await get(server, `/newsroom/comments?article=${other}`, { headers: { cookie: editorSession.cookie } })).text();
    assert.match(page, /Comments on <a href="\/newsroom\/stories\/\d+">Tram line gets a new stop<\/a> only/);
    const moved = await post(editorSession, '/newsroom/comments', { ids: String(narrowed.items[0]!.id), action: 'approve', status: 'pending', article: String(other) });
    assert.equal(moved.headers.get('location'), `/newsroom/comments?status=pending&article=${other}&to=approved&n=1`);
    assert.equal((await get(server, '/newsroom/comments?article=999999', { headers: { cookie: editorSession.cookie } })).status, 404);
  });

  it('refuses comments on a story closed to comments, and on stories older than the site’s limit', async () => {
    const closed = await createArticle(server.ctx.store.db, {
      title: 'Council minutes published', bodyHtml: '<p>Read them online.</p>', sectionId, status: 'published', authorIds: [editor.id], commentsOpen: false,
    });
    const response = await comment(closed, 'Jo', 'jo@readers.test', 'Can I comment?');
    assert.equal(response.status, 403);
    assert.match(await response.text(), /Comments are closed/);

    const old = await createArticle(server.ctx.store.db, {
      title: 'Bridge opened in spring', bodyHtml: '<p>Long ago.</p>', sectionId, status: 'published', authorIds: [editor.id],
      publishedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
    });
    await saveSettings(server.ctx.store.db, { commentsCloseAfterDays: 30 });
    try {
      assert.equal((await comment(old, 'Jo', 'jo@readers.test', 'Too late?')).status, 403);
      assert.equal((await comment(story.id, 'Jo', 'jo@readers.test', 'Still open here')).status, 303);
    } finally {
      await saveSettings(server.ctx.store.db, { commentsCloseAfterDays: 0 });
    }
  });

  for (const role of ['author', 'contributor'] as const) {
    it(`refuses the queue and every moderation action to a ${role}`, async () => {
      const session = role === 'author' ? authorSession : contributorSession;
      const pending = await queue();
      const target = pending.items[0]!.id;
      for (const pathname of ['/newsroom/comments', '/newsroom/comments/blocklist', `/newsroom/comments/${target}`]) {
        assert.equal((await get(server, pathname, { headers: { cookie: session.cookie } })).status, 403, pathname);
      }
      assert.equal((await post(session, '/newsroom/comments', { one: `${target}:approve` })).status, 403);
      assert.equal((await post(session, `/newsroom/comments/${target}/reply`, { body: 'Thanks!' })).status, 403);
      assert.equal((await post(session, '/newsroom/comments/blocklist', { kind: 'word', value: 'anything' })).status, 403);
      assert.deepEqual((await queue()).counts, pending.counts);
    });
  }
});

describe('suspected spam in moderation', () => {
  let server: TestServer;
  let editorSession: SignedIn;
  let story: { id: number; url: string };

  before(async () => {
    server = await startTestServer({ seed: false, env: { COMMENT_MIN_SECONDS: '30', COMMENT_SPAM_DAYS: '14' } });
    const editor = await createTestUser(server, 'editor');
    editorSession = await signIn(server, editor.email, editor.password);
    const sectionId = await ensureSection(server.ctx.store.db, { slug: 'local', name: 'Local' });
    const id = await createArticle(server.ctx.store.db, { title: 'Harbour ferry timetable', bodyHtml: '<p>New times.</p>', sectionId, status: 'published', authorIds: [editor.id] });
    story = { id, url: (await findStory(server.ctx.store.db, { id }))!.url };
  });

  after(async () => {
    await server?.stop();
  });

  function send(fields: Record<string, string>): Promise<Response> {
    return fetch(`${server.url}/comments`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ article_id: String(story.id), website: '', form_token: makeFormToken(server.ctx.secret, story.id, Date.now() - 1400), ...fields }).toString(),
    });
  }

  async function page(pathname: string): Promise<string> {
    const response = await get(server, pathname, { headers: { cookie: editorSession.cookie } });
    assert.equal(response.status, 200);
    return response.text();
  }

  it('holds a fast post in spam with its measured time, shows why, and an editor can approve it', async () => {
    const response = await send({ name: 'Quick Paster', email: 'paster@readers.test', body: 'I wrote this before the story came out.' });
    assert.equal(response.status, 303);
    assert.match(response.headers.get('location') ?? '', /comment=held/);

    const spam = (await (await get(server, '/newsroom/comments?status=spam', { headers: { cookie: editorSession.cookie, accept: 'application/json' } })).json()) as Queue & { spamDays: number };
    assert.equal(spam.counts.spam, 1);
    assert.equal(spam.spamDays, 14);
    const item = spam.items[0]!;
    assert.equal(item.body, 'I wrote this before the story came out.');
    assert.equal(item.holdReasons.length, 1);
    const measured = /^posted (\d+\.\d) s after the form loaded \(under 30 s\)$/.exec(item.holdReasons[0]!);
    assert.ok(measured, item.holdReasons[0]);
    assert.ok(Number(measured[1]) >= 1.4, 'the time since the form was served');

    const html = await page('/newsroom/comments?status=spam');
    assert.ok(html.includes(`Held because:</strong> ${item.holdReasons[0]!}.`), 'the reason is shown next to the comment');
    assert.match(html, /Spam is deleted after 14 days/);
    assert.ok((await page(`/newsroom/comments/${item.id}`)).includes(`Held because:</strong> ${item.holdReasons[0]!}.`));

    const approve = await fetch(`${server.url}/newsroom/comments`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: editorSession.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: editorSession.csrf, one: `${item.id}:approve`, status: 'spam' }).toString(),
    });
    assert.equal(approve.status, 303);
    assert.match(await (await get(server, story.url)).text(), /I wrote this before the story came out\./);
    const row = await server.ctx.store.db.selectFrom('comments').select(['status', 'spam_since']).where('id', '=', item.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'approved', spam_since: null });
  });

  it('counts honeypot drops on the moderation page', async () => {
    assert.match(await page('/newsroom/comments'), /0 bot posts dropped in the last 14 days/);
    for (const n of [1, 2]) {
      const response = await send({ name: 'Bot', email: `bot${n}@spam.test`, body: 'Cheap pills', website: 'https://pills.example' });
      assert.equal(response.status, 422);
      assert.doesNotMatch(await response.text(), /awaiting moderation/);
    }
    assert.match(await page('/newsroom/comments'), /2 bot posts dropped in the last 14 days/);
    const json = (await (await get(server, '/newsroom/comments', { headers: { cookie: editorSession.cookie, accept: 'application/json' } })).json()) as { dropped: number };
    assert.equal(json.dropped, 2);
  });
});
