import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { insertComment } from '../comments/comments.js';
import { addBlock } from '../comments/moderate.js';
import { postComment } from '../comments/post.js';
import { ensureSection } from '../content/articles.js';
import { findStory } from '../content/queries.js';
import { listDeliveries, listWebhooks } from './store.js';
import { createTestUser, signIn, type SignedIn } from '../../test/helpers/auth.js';
import { startReceiver, type Receiver } from '../../test/helpers/receiver.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';

const retryMs = 100;

interface Arrival {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

let server: TestServer;
let receiver: Receiver;
let receiverUrl = '';
let admin: SignedIn;
/** A server with the default outbound rules (nothing allowed), and its admin. */
let strict: TestServer;
let strictAdmin: SignedIn;
let apiToken = '';
const arrivals: Arrival[] = [];
/** How many more times each receiver path answers 500 before it recovers (Infinity: never). */
const failuresLeft = new Map<string, number>();
/** Receiver paths that answer with a redirect. */
const redirects = new Map<string, { status: number; to: string }>();

function newsroomForm(path: string, fields: Record<string, string | string[]>, session = admin, on = server): Promise<Response> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...fields, _csrf: session.csrf })) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return fetch(`${on.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
}

async function addEndpoint(path: string, events: string[]): Promise<{ id: number; secret: string }> {
  const response = await newsroomForm('/newsroom/webhooks', { url: `${receiverUrl}${path}`, events, description: `receiver ${path}` });
  assert.equal(response.status, 201);
  const secret = /id="new-secret">([^<]+)</.exec(await response.text())?.[1];
  assert.ok(secret, 'the secret is shown once');
  const hook = (await listWebhooks(server.ctx.store.db)).find((h) => h.url === `${receiverUrl}${path}`);
  assert.ok(hook);
  return { id: hook.id, secret };
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function publishStory(title: string): Promise<number> {
  const response = await fetch(`${server.url}/api/v1/stories`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title, body: '<p>Webhook subject.</p>', section: 'news', status: 'published' }),
  });
  assert.equal(response.status, 201);
  return ((await response.json()) as { data: { id: number } }).data.id;
}

const arrivalsAt = (path: string) => arrivals.filter((a) => a.path === path);

describe('webhooks', () => {
  before(async () => {
    receiver = await startReceiver((request, body, response) => {
      const path = request.url ?? '/';
      arrivals.push({ path, headers: request.headers, body, at: Date.now() });
      const redirect = redirects.get(path);
      if (redirect) {
        response.writeHead(redirect.status, { location: redirect.to }).end();
        return;
      }
      const left = failuresLeft.get(path) ?? 0;
      if (left > 0) {
        failuresLeft.set(path, left - 1);
        response.writeHead(500).end('not now');
      } else {
        response.writeHead(204).end();
      }
    });
    receiverUrl = receiver.url;
    // The receiver runs on this machine: allowed by name, as someone running a local receiver would.
    server = await startTestServer({ seed: false, env: { GAZETTE_WEBHOOK_RETRY_MS: String(retryMs), GAZETTE_WEBHOOK_ATTEMPTS: '4', GAZETTE_OUTBOUND_ALLOW: '127.0.0.1' } });
    await ensureSection(server.ctx.store.db, { slug: 'news', name: 'News' });
    const user = await createTestUser(server, 'admin');
    admin = await signIn(server, user.email, user.password);
    const made = await newsroomForm('/newsroom/tokens', { name: 'webhook test', scopes: ['stories:write', 'comments:moderate'] });
    apiToken = /id="new-token">([^<]+)</.exec(await made.text())?.[1] ?? '';
    assert.ok(apiToken);
    strict = await startTestServer({ seed: false, env: { GAZETTE_WEBHOOK_ATTEMPTS: '1' } });
    const strictUser = await createTestUser(strict, 'admin');
    strictAdmin = await signIn(strict, strictUser.email, strictUser.password);
  });
  after(async () => {
    await strict?.stop();
    await server?.stop();
    await receiver?.close();
  });

  test('a published story reaches the endpoint, signed with its secret', async () => {
    const { secret } = await addEndpoint('/ok', ['story.published', 'story.updated']);
    const id = await publishStory('Harbour bridge reopens');
    const arrival = await waitFor('the delivery', () => arrivalsAt('/ok').find((a) => JSON.parse(a.body).data.id === id));
    assert.equal(arrival.headers['content-type'], 'application/json');
    assert.equal(arrival.headers['x-gazette-event'], 'story.published');
    const timestamp = String(arrival.headers['x-gazette-timestamp']);
    const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${arrival.body}`).digest('hex')}`;
    assert.equal(arrival.headers['x-gazette-signature'], expected);
    assert.notEqual(arrival.headers['x-gazette-signature'], `sha256=${createHmac('sha256', 'wrong').update(`${timestamp}.${arrival.body}`).digest('hex')}`);
    assert.ok(Math.abs(Number(timestamp) - Date.now() / 1000) < 300);
    const payload = JSON.parse(arrival.body);
    assert.equal(payload.event, 'story.published');
    assert.equal(payload.data.title, 'Harbour bridge reopens');
    assert.equal(payload.data.status, 'published');
  });

  test('a failing endpoint is retried with growing pauses until it answers, and the log shows it', async () => {
    failuresLeft.set('/flaky', 2);
    const { id: hookId } = await addEndpoint('/flaky', ['story.published']);
    const storyId = await publishStory('Ferry timetable changes');
    const mine = () => arrivalsAt('/flaky').filter((a) => JSON.parse(a.body).data.id === storyId);
    await waitFor('three attempts', () => mine().length >= 3 || undefined);
    const attempts = mine();
    assert.equal(new Set(attempts.map((a) => a.headers['x-gazette-delivery'])).size, 1, 'one delivery, attempted again');
    // Lower bounds only: a retry can come late on a busy machine, never early.
    assert.ok(attempts[1]!.at - attempts[0]!.at >= retryMs, 'first retry waits the base pause');
    assert.ok(attempts[2]!.at - attempts[1]!.at >= 2 * retryMs, 'second retry waits twice as long');
    const delivery = await waitFor('the delivered status', async () => (await listDeliveries(server.ctx.store.db, hookId)).find((d) => d.status === 'delivered'));
    assert.equal(delivery.attempts, 3);
    assert.equal(delivery.lastStatusCode, 204);

    const log = await fetch(`${server.url}/newsroom/webhooks/${hookId}`, { headers: { cookie: admin.cookie } });
    assert.equal(log.status, 200);
    const html = await log.text();
    assert.match(html, /story\.published/);
    assert.match(html, /Delivered/);
  });

  test('an endpoint that never answers is given up on after the last attempt, and can be sent again', async () => {
    failuresLeft.set('/down', Infinity);
    const { id: hookId } = await addEndpoint('/down', ['story.published']);
    await publishStory('Storm warning lifted');
    const failed = await waitFor('the failed status', async () => (await listDeliveries(server.ctx.store.db, hookId)).find((d) => d.status === 'failed'));
    assert.equal(failed.attempts, 4);
    assert.equal(failed.lastStatusCode, 500);
    assert.equal(arrivalsAt('/down').length, 4);
    const page = await (await fetch(`${server.url}/newsroom/webhooks/${hookId}`, { headers: { cookie: admin.cookie } })).text();
    assert.match(page, /Failed: gave up/);
    assert.match(page, /HTTP 500/);

    failuresLeft.set('/down', 0);
    const retry = await newsroomForm(`/newsroom/webhooks/${hookId}/deliveries/${failed.id}/retry`, {});
    assert.equal(retry.status, 303);
    await waitFor('the redelivery', async () => (await listDeliveries(server.ctx.store.db, hookId)).find((d) => d.id === failed.id && d.status === 'delivered'));
  });

  test('approving a comment through the API announces comment.approved without the email address', async () => {
    const { secret } = await addEndpoint('/comments', ['comment.approved']);
    const storyId = await publishStory('Library extends hours');
    const commentId = await insertComment(server.ctx.store.db, {
      articleId: storyId, parentId: null, name: 'Reader', email: 'reader@example.test', body: 'Good news for students.', status: 'pending', createdAt: new Date().toISOString(),
    });
    const moderated = await fetch(`${server.url}/api/v1/comments/${commentId}/moderate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'approved' }),
    });
    assert.equal(moderated.status, 200);
    const arrival = await waitFor('the comment event', () => arrivalsAt('/comments')[0]);
    const timestamp = String(arrival.headers['x-gazette-timestamp']);
    assert.equal(arrival.headers['x-gazette-signature'], `sha256=${createHmac('sha256', secret).update(`${timestamp}.${arrival.body}`).digest('hex')}`);
    const payload = JSON.parse(arrival.body);
    assert.equal(payload.event, 'comment.approved');
    assert.equal(payload.data.id, commentId);
    assert.equal(payload.data.storyId, storyId);
    assert.equal(payload.data.storyUrl, `${server.ctx.config.siteUrl}${(await findStory(server.ctx.store.db, { id: storyId }))!.url}`);
    assert.equal(payload.data.status, 'approved');
    assert.equal(payload.data.body, 'Good news for students.');
    assert.doesNotMatch(arrival.body, /reader@example\.test/);
    assert.equal(arrivalsAt('/comments').length, 1, 'only the subscribed event is sent');
  });

  test('a reader\'s comment waiting for moderation announces comment.posted; one held as spam sends nothing', async () => {
    await addEndpoint('/posted', ['comment.posted']);
    const storyId = await publishStory('Market square reopens');
    await addBlock(server.ctx, { id: 0, role: 'editor' }, { kind: 'word', value: 'jackpot' });
    const reader = { ip: '203.0.113.5' };
    const comment = { articleId: storyId, parentId: null, name: 'Reader', honeypot: '', formAgeSeconds: 30 };
    const held = await postComment(server.ctx, reader, { ...comment, email: 'held@example.test', body: 'Claim your jackpot now' });
    assert.equal(held.status, 'spam');
    const waiting = await postComment(server.ctx, reader, { ...comment, email: 'waiting@example.test', body: 'Will the stalls be back?' });
    assert.equal(waiting.status, 'pending');
    const arrival = await waitFor('the posted event', () => arrivalsAt('/posted')[0]);
    const payload = JSON.parse(arrival.body);
    assert.equal(payload.event, 'comment.posted');
    assert.equal(payload.data.id, waiting.id);
    assert.equal(payload.data.status, 'pending');
    assert.equal(payload.data.storyUrl, `${server.ctx.config.siteUrl}${waiting.storyPath}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(arrivalsAt('/posted').length, 1, 'the held comment sent nothing');
  });

  test('a test delivery can be sent from the newsroom', async () => {
    const { id } = await addEndpoint('/ping', ['story.updated']);
    const response = await newsroomForm(`/newsroom/webhooks/${id}/ping`, {});
    assert.equal(response.status, 303);
    const arrival = await waitFor('the ping', () => arrivalsAt('/ping')[0]);
    assert.equal(arrival.headers['x-gazette-event'], 'ping');
  });

  test('an endpoint can be removed, and then receives nothing', async () => {
    const { id } = await addEndpoint('/removed', ['story.updated']);
    const before = (await listWebhooks(server.ctx.store.db)).length;
    const removed = await newsroomForm(`/newsroom/webhooks/${id}/delete`, {});
    assert.equal(removed.status, 303);
    assert.equal((await listWebhooks(server.ctx.store.db)).length, before - 1);
    assert.equal((await fetch(`${server.url}/newsroom/webhooks/${id}`, { headers: { cookie: admin.cookie } })).status, 404);
  });

  test('redirects are followed, each hop checked: one to a refused address fails with the reason in the log', async () => {
    const port = new URL(receiverUrl).port;
    redirects.set('/moved', { status: 308, to: '/moved-here' });
    redirects.set('/sneaky-hop', { status: 307, to: `http://localhost:${port}/inside` });
    const { id: movedId } = await addEndpoint('/moved', ['story.published']);
    const { id: hopId } = await addEndpoint('/sneaky-hop', ['story.published']);
    const storyId = await publishStory('Lighthouse keeper retires');
    const moved = await waitFor('the moved delivery', () => arrivalsAt('/moved-here').find((a) => JSON.parse(a.body).data.id === storyId));
    assert.equal(moved.headers['x-gazette-event'], 'story.published');
    assert.equal((await waitFor('delivered', async () => (await listDeliveries(server.ctx.store.db, movedId)).find((d) => d.status === 'delivered'))).lastStatusCode, 204);

    const failed = await waitFor('the refused delivery', async () => (await listDeliveries(server.ctx.store.db, hopId)).find((d) => d.status === 'failed'));
    assert.match(failed.lastError, /^Refused: localhost \(.*\) is a loopback address/);
    assert.equal(arrivalsAt('/inside').length, 0, 'the refused hop was never made');
    assert.equal(arrivalsAt('/sneaky-hop').length, 4, 'the allowed first hop was tried at every attempt');
    const log = await (await fetch(`${server.url}/newsroom/webhooks/${hopId}`, { headers: { cookie: admin.cookie } })).text();
    assert.match(log, /Refused: localhost \(.*\) is a loopback address/);
  });

  test('by default an endpoint on a loopback address is refused when added, in every spelling, with the reason', async () => {
    const port = new URL(receiverUrl).port;
    const refused: [string, RegExp][] = [
      [`http://127.0.0.1:${port}/literal`, /127\.0\.0\.1 is a loopback address/],
      [`http://localhost:${port}/name`, /localhost \(.*\) is a loopback address/],
      [`http://[::1]:${port}/ipv6`, /::1 is a loopback address/],
      [`http://2130706433:${port}/decimal`, /127\.0\.0\.1 is a loopback address/],
      [`http://0177.0.0.1:${port}/octal`, /127\.0\.0\.1 is a loopback address/],
      ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local address/],
      ['http://10.0.0.8/hooks', /10\.0\.0\.8 is a private address/],
    ];
    assert.ok(refused.length > 0);
    for (const [url, reason] of refused) {
      const response = await newsroomForm('/newsroom/webhooks', { url, events: ['story.published'], description: 'typed with care' }, strictAdmin, strict);
      assert.equal(response.status, 422, url);
      const html = await response.text();
      assert.match(html, reason, url);
      assert.match(html, /GAZETTE_OUTBOUND_ALLOW/, 'the message names the setting');
      assert.match(html, /value="typed with care"/, 'what was typed is kept');
    }
    assert.deepEqual(await listWebhooks(strict.ctx.store.db), [], 'nothing stored');
  });

  test('by default a stored endpoint whose host now resolves to a loopback address fails with the reason in the log', async () => {
    // Stored before the host pointed here (or before this check existed): the delivery checks again.
    const { id } = await strict.ctx.store.db
      .insertInto('webhooks')
      .values({ url: `http://localhost:${new URL(receiverUrl).port}/rebound`, secret: 'whsec_test', events: 'story.published', description: '', active: 1, created_by: null, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ping = await newsroomForm(`/newsroom/webhooks/${id}/ping`, {}, strictAdmin, strict);
    assert.equal(ping.status, 303);
    const failed = await waitFor('the refused delivery', async () => (await listDeliveries(strict.ctx.store.db, id)).find((d) => d.status === 'failed'));
    assert.match(failed.lastError, /^Refused: localhost \((127\.0\.0\.1|::1)\) is a loopback address/);
    assert.equal(failed.lastStatusCode, null);
    const log = await (await fetch(`${strict.url}/newsroom/webhooks/${id}`, { headers: { cookie: strictAdmin.cookie } })).text();
    assert.match(log, /Refused: localhost \(.*\) is a loopback address/);
    assert.equal(arrivalsAt('/rebound').length, 0, 'nothing was sent');
  });

  test('only admins manage webhooks, and a bad address is refused with nothing stored', async () => {
    const editorUser = await createTestUser(server, 'editor');
    const editor = await signIn(server, editorUser.email, editorUser.password);
    const page = await fetch(`${server.url}/newsroom/webhooks`, { headers: { cookie: editor.cookie } });
    assert.equal(page.status, 403);
    const sneaky = await newsroomForm('/newsroom/webhooks', { url: `${receiverUrl}/sneaky`, events: ['story.published'] }, editor);
    assert.equal(sneaky.status, 403);

    const before = (await listWebhooks(server.ctx.store.db)).length;
    const bad = await newsroomForm('/newsroom/webhooks', { url: 'ftp://example.test/hook', events: ['story.published'] });
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /must start with https:\/\/ or http:\/\//);
    const noEvents = await newsroomForm('/newsroom/webhooks', { url: `${receiverUrl}/none` });
    assert.equal(noEvents.status, 422);
    assert.equal((await listWebhooks(server.ctx.store.db)).length, before);

    const list = await fetch(`${server.url}/newsroom/webhooks`, { headers: { cookie: admin.cookie } });
    const html = await list.text();
    assert.doesNotMatch(html, /whsec_/, 'secrets are never shown again');
  });
});
