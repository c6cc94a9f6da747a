import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { createApiToken, type ApiScope } from '../accounts/tokens.js';
import { insertComment } from '../comments/comments.js';
import { ensureSection } from '../content/articles.js';
import type { Role } from '../db/schema.js';
import { createTestUser, signIn, type TestUser } from '../../test/helpers/auth.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
type Body = any;

let server: TestServer;
const people = {} as Record<Role | 'otherAuthor', TestUser & { token: string }>;
const allScopes: ApiScope[] = ['stories:write', 'media:write', 'comments:moderate'];

async function call(method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: Body }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const story = (overrides: Record<string, unknown> = {}) => ({ title: 'Council votes on the budget', body: '<p>The vote was close.</p>', section: 'news', ...overrides });

async function publicStatus(id: number): Promise<number> {
  return (await fetch(`${server.url}/api/v1/stories/${id}`)).status;
}

describe('admin API', () => {
  before(async () => {
    server = await startTestServer({ seed: false });
    await ensureSection(server.ctx.store.db, { slug: 'news', name: 'News' });
    await ensureSection(server.ctx.store.db, { slug: 'sport', name: 'Sport' });
    for (const role of ['contributor', 'author', 'editor', 'admin', 'otherAuthor'] as const) {
      const user = await createTestUser(server, role === 'otherAuthor' ? 'author' : role);
      const { token } = await createApiToken(server.ctx.store.db, { userId: user.id, name: `${role} tool`, scopes: allScopes });
      people[role] = { ...user, token };
    }
  });
  after(async () => server?.stop());

  test('writes need a valid token with the right scope', async () => {
    const none = await call('POST', '/api/v1/stories', null, story());
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'token_required');
    const forged = await call('POST', '/api/v1/stories', 'gzt_not-a-real-token', story());
    assert.equal(forged.status, 401);
    assert.ok(forged.body.error.message);

    const { token: mediaOnly } = await createApiToken(server.ctx.store.db, { userId: people.admin.id, name: 'uploader', scopes: ['media:write'] });
    const unscoped = await call('POST', '/api/v1/stories', mediaOnly, story());
    assert.equal(unscoped.status, 403);
    assert.equal(unscoped.body.error.code, 'insufficient_scope');
    assert.match(unscoped.body.error.message, /stories:write/);

    const onNewsroom = await fetch(`${server.url}/newsroom`, { headers: { authorization: `Bearer ${people.admin.token}` }, redirect: 'manual' });
    assert.equal(onNewsroom.status, 400, 'tokens do not open newsroom pages');
  });

  test('tokens are made in the newsroom, shown once, and refused once revoked', async () => {
    const session = await signIn(server, people.author.email, people.author.password);
    const form = (path: string, fields: [string, string][]) => fetch(`${server.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([...fields, ['_csrf', session.csrf]]).toString(),
    });
    const made = await form('/newsroom/tokens', [['name', 'Wire desk'], ['scopes', 'stories:write']]);
    assert.equal(made.status, 201);
    assert.equal(made.headers.get('cache-control'), 'no-store');
    const token = /id="new-token">([^<]+)</.exec(await made.text())?.[1];
    assert.ok(token?.startsWith('gzt_'));

    const used = await call('POST', '/api/v1/stories', token ?? null, story({ title: 'Made with a fresh token' }));
    assert.equal(used.status, 201);
    const listing = await (await fetch(`${server.url}/newsroom/tokens`, { headers: { cookie: session.cookie } })).text();
    assert.match(listing, /Wire desk/);
    assert.ok(!listing.includes(token!), 'the secret is not shown again');
    const row = /<tr><td>Wire desk[\s\S]*?<\/tr>/.exec(listing)?.[0] ?? '';
    assert.ok(row && !row.includes('Never'), 'the last use is recorded');

    const badName = await form('/newsroom/tokens', [['name', ''], ['scopes', 'stories:write']]);
    assert.equal(badName.status, 422);
    const badScope = await form('/newsroom/tokens', [['name', 'x'], ['scopes', 'everything']]);
    assert.equal(badScope.status, 422);

    const id = /action="\/newsroom\/tokens\/(\d+)\/revoke"/.exec(listing)?.[1];
    assert.ok(id);
    const other = await signIn(server, people.otherAuthor.email, people.otherAuthor.password);
    const stranger = await fetch(`${server.url}/newsroom/tokens/${id}/revoke`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: other.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: other.csrf }).toString(),
    });
    assert.equal(stranger.status, 403, "nobody but the owner or an admin revokes a token");
    const revoked = await form(`/newsroom/tokens/${id}/revoke`, []);
    assert.equal(revoked.status, 303);
    const refused = await call('POST', '/api/v1/stories', token ?? null, story());
    assert.equal(refused.status, 401);
  });

  test('the newsroom role rules apply to API writes', async () => {
    const draft = await call('POST', '/api/v1/stories', people.contributor.token, story({ title: 'A contributor draft' }));
    assert.equal(draft.status, 201);
    assert.equal(draft.body.data.status, 'draft');
    assert.equal(draft.body.version, 1);
    assert.deepEqual(draft.body.data.authors.map((a: { id: number }) => a.id), [people.contributor.id]);
    assert.equal(await publicStatus(draft.body.data.id), 404, 'drafts stay private');

    const before = (await call('GET', '/api/v1/stories?limit=100&fields=id', null)).body.data.length;
    const refused = await call('POST', '/api/v1/stories', people.contributor.token, story({ title: 'Contributor tries to publish', status: 'published' }));
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'forbidden');
    assert.equal((await call('GET', '/api/v1/stories?limit=100&fields=id', null)).body.data.length, before, 'nothing was published');

    const own = await call('POST', '/api/v1/stories', people.author.token, story({ title: 'Author publishes', status: 'published', tags: ['Budget', 'Council'] }));
    assert.equal(own.status, 201);
    assert.equal(own.body.data.status, 'published');
    assert.deepEqual(own.body.data.tags.map((t: { name: string }) => t.name).sort(), ['Budget', 'Council']);
    assert.equal(await publicStatus(own.body.data.id), 200);

    const notTheirs = await call('PATCH', `/api/v1/stories/${own.body.data.id}`, people.otherAuthor.token, { version: own.body.version, title: 'Hijacked' });
    assert.equal(notTheirs.status, 403);
    const edited = await call('PATCH', `/api/v1/stories/${own.body.data.id}`, people.editor.token, { version: own.body.version, dek: 'Editors may edit any story.' });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.data.dek, 'Editors may edit any story.');
    assert.equal(edited.body.data.title, 'Author publishes', 'fields not sent stay as they were');
    assert.equal(edited.body.version, own.body.version + 1);

    const moved = await call('PATCH', `/api/v1/stories/${draft.body.data.id}`, people.contributor.token, { version: 1, section: 'sport', status: 'review' });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.data.status, 'review');
    assert.equal(moved.body.data.section.slug, 'sport');
  });

  test('stale versions get 409 and change nothing', async () => {
    const created = await call('POST', '/api/v1/stories', people.editor.token, story({ title: 'Original headline' }));
    const id = created.body.data.id;
    const first = await call('PATCH', `/api/v1/stories/${id}`, people.editor.token, { version: 1, title: 'First edit' });
    assert.equal(first.status, 200);
    const stale = await call('PATCH', `/api/v1/stories/${id}`, people.admin.token, { version: 1, title: 'Overwrites the first edit' });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'conflict');
    const current = await call('GET', `/api/v1/stories/${id}/editable`, people.admin.token);
    assert.equal(current.status, 200);
    assert.equal(current.body.version, first.body.version);
    assert.equal(current.body.data.status, 'draft');
    assert.equal((await call('GET', `/api/v1/stories/${id}/editable`, people.otherAuthor.token)).status, 403);
    const fresh = await call('PATCH', `/api/v1/stories/${id}`, people.admin.token, { version: first.body.version, status: 'published' });
    assert.equal(fresh.status, 200);
    assert.equal((await call('GET', `/api/v1/stories/${id}?fields=title`, null)).body.data.title, 'First edit');
  });

  test('a change and its correction note are stored together or not at all', async () => {
    const created = await call('POST', '/api/v1/stories', people.editor.token, story({ title: 'Ferry fares rise', status: 'published' }));
    assert.equal(created.status, 201);
    const id = created.body.data.id;
    // 2,000 characters by the schema's count (code points), 4,000 UTF-16 units by the note's own limit.
    const tooLong = await call('PATCH', `/api/v1/stories/${id}`, people.editor.token, { version: created.body.version, title: 'Ferry fares fall', correction: '📰'.repeat(2000) });
    assert.equal(tooLong.status, 422);
    assert.ok(tooLong.body.error.fields.correction);
    const unchanged = await call('GET', `/api/v1/stories/${id}/editable`, people.editor.token);
    assert.equal(unchanged.body.version, created.body.version, 'the refused save left no new version');
    assert.equal(unchanged.body.data.title, 'Ferry fares rise');
    assert.deepEqual(unchanged.body.data.corrections, []);

    const fixed = await call('PATCH', `/api/v1/stories/${id}`, people.editor.token, { version: created.body.version, title: 'Ferry fares fall', correction: 'An earlier version said fares rise.' });
    assert.equal(fixed.status, 200);
    const shown = await call('GET', `/api/v1/stories/${id}?fields=title,corrections`, null);
    assert.equal(shown.body.data.title, 'Ferry fares fall');
    assert.deepEqual(shown.body.data.corrections.map((c: { text: string }) => c.text), ['An earlier version said fares rise.']);
  });

  test('scheduling and unpublishing', async () => {
    const created = await call('POST', '/api/v1/stories', people.author.token, story({ title: 'Goes out tomorrow' }));
    const id = created.body.data.id;
    const noTime = await call('PATCH', `/api/v1/stories/${id}`, people.author.token, { version: 1, status: 'scheduled' });
    assert.equal(noTime.status, 422);
    assert.ok(noTime.body.error.fields);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const scheduled = await call('PATCH', `/api/v1/stories/${id}`, people.author.token, { version: 1, status: 'scheduled', publishAt: tomorrow });
    assert.equal(scheduled.status, 200);
    assert.equal(scheduled.body.data.status, 'scheduled');
    assert.equal(await publicStatus(id), 404);
    const now = await call('PATCH', `/api/v1/stories/${id}`, people.author.token, { version: scheduled.body.version, status: 'published' });
    assert.equal(now.body.data.status, 'published');
    assert.equal(await publicStatus(id), 200);
    const down = await call('PATCH', `/api/v1/stories/${id}`, people.author.token, { version: now.body.version, status: 'archived' });
    assert.equal(down.status, 200);
    assert.equal(await publicStatus(id), 404);
  });

  test('invalid input gets 422 with a message per field, and stores nothing', async () => {
    const missing = await call('POST', '/api/v1/stories', people.admin.token, { body: '<p>No headline.</p>' });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.error.code, 'invalid');
    assert.ok(missing.body.error.fields.title);
    assert.ok(missing.body.error.message);
    const wrongType = await call('POST', '/api/v1/stories', people.admin.token, story({ authorIds: ['somebody'] }));
    assert.equal(wrongType.status, 422);
    assert.ok(wrongType.body.error.fields['authorIds.0']);
    const extra = await call('POST', '/api/v1/stories', people.admin.token, story({ colour: 'red' }));
    assert.equal(extra.status, 422);
    assert.ok(extra.body.error.fields.colour);
    const unknownSection = await call('POST', '/api/v1/stories', people.admin.token, story({ section: 'weather' }));
    assert.equal(unknownSection.status, 422);
    assert.ok(unknownSection.body.error.fields.section);
    const blank = await call('POST', '/api/v1/stories', people.admin.token, story({ title: '   ' }));
    assert.equal(blank.status, 422);
    assert.ok(blank.body.error.fields.title);
    const noVersion = await call('PATCH', '/api/v1/stories/1', people.admin.token, { title: 'x' });
    assert.equal(noVersion.status, 422);
    assert.ok(noVersion.body.error.fields.version);
    const notJson = await fetch(`${server.url}/api/v1/stories`, {
      method: 'POST', headers: { authorization: `Bearer ${people.admin.token}`, 'content-type': 'application/json' }, body: '{"title":',
    });
    assert.equal(notJson.status, 400);
    assert.equal(((await notJson.json()) as Body).error.code, 'bad_request');
    const nobody = await call('POST', '/api/v1/stories', people.admin.token, story({ authorIds: [987654] }));
    assert.equal(nobody.status, 422);
    assert.match(nobody.body.error.fields.authorIds, /987654/);
    const noImage = await call('POST', '/api/v1/stories', people.admin.token, story({ featuredMediaId: 987654 }));
    assert.equal(noImage.status, 422);
    assert.ok(noImage.body.error.fields.featuredMediaId);
    const hugeId = await call('PATCH', '/api/v1/stories/99999999999', people.admin.token, { version: 1, title: 'x' });
    assert.equal(hugeId.status, 400);
    assert.ok(hugeId.body.error.fields.id);
    const missingStory = await call('PATCH', '/api/v1/stories/999999', people.admin.token, { version: 1, title: 'x' });
    assert.equal(missingStory.status, 404);
    const published = await call('GET', '/api/v1/stories?limit=100&fields=title', null);
    assert.ok(!published.body.data.some((s: { title: string }) => s.title.trim() === ''));
  });

  test('media upload: an image with alt text; other files and missing alt are refused', async () => {
    const png = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#3366aa' } }).png().toBuffer();
    const upload = (token: string, fields: Record<string, string>, file: Buffer | null, name = 'harbour.png') => {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) form.append(key, value);
      if (file) form.append('file', new Blob([new Uint8Array(file)]), name);
      return fetch(`${server.url}/api/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    };
    const ok = await upload(people.contributor.token, { alt: 'The harbour at dusk', credit: 'Staff' }, png);
    assert.equal(ok.status, 201);
    const media = ((await ok.json()) as Body).data;
    assert.equal(media.width, 640);
    assert.equal(media.alt, 'The harbour at dusk');
    assert.ok(media.variants.length > 0);
    assert.equal((await fetch(media.url.replace(/^https?:\/\/[^/]+/, server.url))).status, 200);

    const noAlt = await upload(people.contributor.token, {}, png);
    assert.equal(noAlt.status, 422);
    assert.ok(((await noAlt.json()) as Body).error.fields.alt);
    const longCaption = await upload(people.contributor.token, { alt: 'Harbour', caption: 'x'.repeat(1001) }, png);
    assert.equal(longCaption.status, 422);
    assert.ok(((await longCaption.json()) as Body).error.fields.caption);
    const text = await upload(people.contributor.token, { alt: 'Not a picture' }, Buffer.from('hello, world'), 'notes.txt');
    assert.equal(text.status, 415);
    const noFile = await upload(people.contributor.token, { alt: 'Nothing' }, null);
    assert.equal(noFile.status, 422);
    const { token: storiesOnly } = await createApiToken(server.ctx.store.db, { userId: people.admin.id, name: 'writer', scopes: ['stories:write'] });
    assert.equal((await upload(storiesOnly, { alt: 'x' }, png)).status, 403);
  });

  test('comment moderation: editors and admins only, with clear refusals', async () => {
    const published = await call('POST', '/api/v1/stories', people.editor.token, story({ title: 'Open for comments', status: 'published' }));
    const storyId = published.body.data.id;
    const commentId = await insertComment(server.ctx.store.db, {
      articleId: storyId, parentId: null, name: 'Pat', email: 'pat@example.test', body: 'First!', status: 'pending', createdAt: new Date().toISOString(),
    });
    const byContributor = await call('POST', `/api/v1/comments/${commentId}/moderate`, people.contributor.token, { status: 'approved' });
    assert.equal(byContributor.status, 403);
    const badStatus = await call('POST', `/api/v1/comments/${commentId}/moderate`, people.editor.token, { status: 'loved' });
    assert.equal(badStatus.status, 422);
    assert.ok(badStatus.body.error.fields.status);
    const approved = await call('POST', `/api/v1/comments/${commentId}/moderate`, people.editor.token, { status: 'approved' });
    assert.equal(approved.status, 200);
    assert.deepEqual(approved.body.data, { id: commentId, status: 'approved' });
    const thread = await call('GET', `/api/v1/stories/${storyId}/comments`, null);
    assert.equal(thread.body.count, 1);
    const missing = await call('POST', '/api/v1/comments/999999/moderate', people.admin.token, { status: 'spam' });
    assert.equal(missing.status, 404);
  });

  test('browsers on other sites may not send writes (preflight allows GET only)', async () => {
    const preflight = await fetch(`${server.url}/api/v1/stories`, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    assert.doesNotMatch(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
    const write = await fetch(`${server.url}/api/v1/stories`, {
      method: 'POST',
      headers: { origin: 'https://elsewhere.example', authorization: `Bearer ${people.admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(story({ title: 'Cross-site write' })),
    });
    assert.equal(write.headers.get('access-control-allow-origin'), null);
  });
});
