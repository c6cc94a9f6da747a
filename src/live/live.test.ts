/**
 * Live coverage end to end on a real server and database (SQLite, or PostgreSQL when the run says so): the commands
 * and what they refuse, the one event each announces, the public page (summary, key events, order, permalinks, share
 * previews, JSON-LD), the feeds, the page cache, and the Server-Sent Events stream read by the `eventsource` client:
 * live delivery, Last-Event-ID replay (also across a restart), resynchronisation, the per-IP limit and a clean close.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EventSource } from 'eventsource';
import { parseFeed } from '@rowanmanning/feed-parser';
import * as cheerio from 'cheerio';
import { createArticle, ensureSection } from '../content/articles.js';
import { findStory } from '../content/queries.js';
import type { Role } from '../db/schema.js';
import { CommandError, type RefusalKind } from '../errors.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../cli/serve.js';
import { createTestUser, signIn } from '../../test/helpers/auth.js';
import { createTestDatabase, startTestServer, type TestServer } from '../../test/helpers/server.js';
import {
  approveUpdate, correctUpdate, deleteUpdate, editUpdate, endCoverage, pinUpdate, postUpdate, startCoverage, unpinUpdate, updateCoverage,
} from './commands.js';
import type { LiveUpdateChanged } from './events.js';
import { listUpdateRevisions } from './store.js';
import { systemActor } from '../accounts/actor.js';
import { addWebhookEndpoint } from '../webhooks/commands.js';
import { livePaths } from '../cache/invalidation.js';
import { startReceiver } from '../../test/helpers/receiver.js';

type Person = { id: number; role: Role };

let server: TestServer;
const people = new Map<Role, Person>();
let sectionId: number;
let stories = 0;
let seen: { name: string; change: unknown }[] = [];

async function story(status: 'published' | 'draft' = 'published', threadId: number | null = null): Promise<number> {
  stories++;
  return createArticle(server.ctx.store.db, {
    title: `Live story ${stories}`, dek: 'A developing story.', bodyHtml: '<p>Background of the story.</p>', sectionId, status,
    publishedAt: status === 'published' ? new Date(Date.now() - 3600_000).toISOString() : null, authorIds: [people.get('author')!.id], threadId,
  });
}

async function refused(work: Promise<unknown>, kind: RefusalKind): Promise<CommandError> {
  const before = seen.length;
  const error = await work.then(() => assert.fail(`expected a ${kind} refusal`), (e: unknown) => e);
  assert.ok(error instanceof CommandError, String(error));
  assert.equal(error.kind, kind, error.message);
  assert.equal(seen.length, before, 'a refusal announces nothing');
  return error;
}

const updateCount = async (storyId: number) =>
  Number((await server.ctx.store.db.selectFrom('live_updates').select((eb) => eb.fn.countAll<number>().as('n')).where('article_id', '=', storyId).executeTakeFirstOrThrow()).n);

before(async () => {
  server = await startTestServer({ seed: false, env: { GAZETTE_LIVE_STREAMS_PER_IP: '3', GAZETTE_LIVE_HEARTBEAT_MS: '200', GAZETTE_OUTBOUND_ALLOW: '127.0.0.1', GAZETTE_WEBHOOK_RETRY_MS: '50' } });
  for (const role of ['contributor', 'author', 'editor'] as Role[]) people.set(role, { id: (await createTestUser(server, role)).id, role });
  sectionId = await ensureSection(server.ctx.store.db, { slug: 'news', name: 'News' });
  const names = ['live.update.posted', 'live.update.approved', 'live.update.edited', 'live.update.corrected', 'live.update.deleted', 'live.update.pinned', 'live.update.unpinned', 'live.coverage.started', 'live.coverage.updated', 'live.coverage.ended'] as const;
  for (const name of names) server.ctx.events.on(name, (change: unknown) => seen.push({ name, change }));
});

after(async () => server.stop());

describe('live commands', () => {
  it('make a published story live, post, edit, correct, pin, delete, approve and end, one event each', async () => {
    const editor = people.get('editor')!;
    const author = people.get('author')!;
    const contributor = people.get('contributor')!;
    const id = await story();
    seen = [];
    await refused(postUpdate(server.ctx, author, { storyId: id, bodyHtml: '<p>Too early</p>' }), 'conflict');
    await refused(startCoverage(server.ctx, contributor, { storyId: id }), 'forbidden');
    const started = await startCoverage(server.ctx, editor, { storyId: id, summaryHtml: '<p>What we know.</p><script>alert(1)</script>', approvalRequired: true });
    assert.equal(started.coverage.summaryHtml, '<p>What we know.</p>');
    assert.deepEqual(seen.map((s) => s.name), ['live.coverage.started']);
    await refused(startCoverage(server.ctx, editor, { storyId: id }), 'conflict');

    seen = [];
    const posted = await postUpdate(server.ctx, author, { storyId: id, headline: ' Evacuation ordered ', bodyHtml: '<p>Residents leave.</p><img src="x" onerror="alert(1)">' });
    assert.equal(posted.update.headline, 'Evacuation ordered');
    assert.ok(!posted.update.bodyHtml.includes('onerror'), posted.update.bodyHtml);
    assert.equal(posted.update.status, 'published');
    assert.ok(posted.streamId && posted.streamId > started.streamId);
    const payload = seen[0]!.change as LiveUpdateChanged;
    assert.deepEqual(seen.map((s) => s.name), ['live.update.posted']);
    assert.equal(payload.story.id, id);
    assert.match(payload.story.url, /^\/news\/\d{4}\/\d{2}\/live-story-\d+$/);
    assert.equal(payload.story.headline, (await findStory(server.ctx.store.db, { id }))!.title);

    // Bad input stores nothing.
    const before = await updateCount(id);
    await refused(postUpdate(server.ctx, author, { storyId: id, bodyHtml: '   ' }), 'invalid');
    await refused(postUpdate(server.ctx, author, { storyId: id, bodyHtml: '<p><script>x</script></p>' }), 'invalid');
    await refused(postUpdate(server.ctx, author, { storyId: id, bodyHtml: `<p>${'a'.repeat(60_000)}</p>` }), 'invalid');
    await refused(postUpdate(server.ctx, author, { storyId: id, headline: 'h'.repeat(201), bodyHtml: '<p>ok</p>' }), 'invalid');
    await refused(postUpdate(server.ctx, author, { storyId: await story('draft'), bodyHtml: '<p>Not live</p>' }), 'conflict');
    await refused(postUpdate(server.ctx, author, { storyId: 999_999, bodyHtml: '<p>Nowhere</p>' }), 'not_found');
    assert.equal(await updateCount(id), before);

    // A contributor's update waits for an editor; nobody else sees it until approved.
    seen = [];
    const waiting = await postUpdate(server.ctx, contributor, { storyId: id, bodyHtml: '<p>From the field.</p>' });
    assert.equal(waiting.update.status, 'pending');
    assert.equal(waiting.streamId, null);
    await refused(approveUpdate(server.ctx, author, { updateId: waiting.update.id }), 'forbidden');
    const approved = await approveUpdate(server.ctx, editor, { updateId: waiting.update.id });
    assert.equal(approved.update.status, 'published');
    assert.deepEqual(seen.map((s) => s.name), ['live.update.posted', 'live.update.approved']);

    // Edits keep revisions and show "Updated"; corrections carry a note.
    seen = [];
    await refused(editUpdate(server.ctx, contributor, { updateId: posted.update.id, bodyHtml: '<p>Not mine</p>' }), 'forbidden');
    const edited = await editUpdate(server.ctx, author, { updateId: posted.update.id, headline: 'Evacuation ordered', bodyHtml: '<p>Residents of three streets leave.</p>' });
    assert.ok(edited.update.editedAt);
    const corrected = await correctUpdate(server.ctx, editor, { updateId: posted.update.id, note: 'An earlier version named the wrong street.' });
    assert.equal(corrected.update.correction, 'An earlier version named the wrong street.');
    assert.equal((await listUpdateRevisions(server.ctx.store.db, posted.update.id)).length, 2);
    await refused(correctUpdate(server.ctx, editor, { updateId: posted.update.id, note: ' ' }), 'invalid');

    // Pins belong to the story named; deleting is for editors.
    const other = await story();
    await startCoverage(server.ctx, editor, { storyId: other });
    seen = [];
    await refused(pinUpdate(server.ctx, editor, { storyId: other, updateId: posted.update.id }), 'invalid');
    await refused(pinUpdate(server.ctx, contributor, { storyId: id, updateId: posted.update.id }), 'forbidden');
    const pinned = await pinUpdate(server.ctx, author, { storyId: id, updateId: posted.update.id });
    assert.equal(pinned.update.pinned, true);
    assert.equal(pinned.update.headline, 'Evacuation ordered');
    await refused(pinUpdate(server.ctx, author, { storyId: id, updateId: posted.update.id }), 'conflict');
    await unpinUpdate(server.ctx, editor, { storyId: id, updateId: posted.update.id });
    await pinUpdate(server.ctx, editor, { storyId: id, updateId: posted.update.id });
    await refused(deleteUpdate(server.ctx, author, { updateId: approved.update.id }), 'forbidden');
    await deleteUpdate(server.ctx, editor, { updateId: approved.update.id });
    await refused(deleteUpdate(server.ctx, editor, { updateId: approved.update.id }), 'not_found');
    await updateCoverage(server.ctx, editor, { storyId: id, summaryHtml: '<p>Latest: three streets evacuated.</p>', approvalRequired: false });
    assert.deepEqual(seen.map((s) => s.name), ['live.update.pinned', 'live.update.unpinned', 'live.update.pinned', 'live.update.deleted', 'live.coverage.updated']);

    seen = [];
    await endCoverage(server.ctx, editor, { storyId: other });
    await refused(postUpdate(server.ctx, author, { storyId: other, bodyHtml: '<p>Too late</p>' }), 'conflict');
    await refused(endCoverage(server.ctx, editor, { storyId: other }), 'conflict');
    assert.deepEqual(seen.map((s) => s.name), ['live.coverage.ended']);
  });
});

async function liveStory(summary = '<p>Summary.</p>'): Promise<{ id: number; url: string }> {
  const id = await story();
  await startCoverage(server.ctx, people.get('editor')!, { storyId: id, summaryHtml: summary });
  return { id, url: (await findStory(server.ctx.store.db, { id }))!.url };
}

const post = (id: number, text: string, headline = '') => postUpdate(server.ctx, people.get('author')!, { storyId: id, headline, bodyHtml: `<p>${text}</p>` });

describe('the public live page', () => {
  it('shows summary, key events, updates newest first or oldest first, permalinks and share previews', async () => {
    const { id, url } = await liveStory('<p>Floods across the valley.</p>');
    const first = await post(id, 'First update.', 'Rain begins');
    const second = await post(id, 'Second update.');
    await pinUpdate(server.ctx, people.get('editor')!, { storyId: id, updateId: first.update.id });
    const page = await fetch(`${server.url}${url}`);
    assert.equal(page.status, 200);
    const $ = cheerio.load(await page.text());
    assert.equal($('.live .live-badge').text(), 'Live');
    assert.match($('[data-live-summary]').text(), /Floods across the valley/);
    assert.deepEqual($('.live-key-list a').map((_, a) => $(a).attr('href')).get(), [`#update-${first.update.id}`]);
    assert.deepEqual($('.live-update').map((_, a) => $(a).attr('id')).get(), [`update-${second.update.id}`, `update-${first.update.id}`]);
    assert.equal($(`#update-${first.update.id} .live-key-label`).text(), 'Key event');
    assert.ok($('script[src^="/assets/live.js"]').length === 1);
    const ld = $('script[type="application/ld+json"]').map((_, s) => JSON.parse($(s).text()) as Record<string, unknown>).get() as Record<string, unknown>[];
    const blog = ld.find((d) => d['@type'] === 'LiveBlogPosting') as { coverageStartTime: string; coverageEndTime?: string; liveBlogUpdate: { headline: string; url: string }[] };
    assert.ok(blog, 'LiveBlogPosting');
    assert.ok(blog.coverageStartTime);
    assert.equal(blog.coverageEndTime, undefined);
    assert.deepEqual(blog.liveBlogUpdate.map((u) => u.headline), ['Second update.', 'Rain begins']);

    const oldest = cheerio.load(await (await fetch(`${server.url}${url}?order=oldest`)).text());
    assert.deepEqual(oldest('.live-update').map((_, a) => oldest(a).attr('id')).get(), [`update-${first.update.id}`, `update-${second.update.id}`]);
    assert.match(oldest('.live-order a').attr('href') ?? '', new RegExp(`^${url}#`));

    const shared = cheerio.load(await (await fetch(`${server.url}${url}?update=${first.update.id}`)).text());
    assert.match(shared('meta[property="og:title"]').attr('content') ?? '', /^Rain begins \| Live story/);
    assert.equal(shared('meta[property="og:description"]').attr('content'), 'First update.');
    assert.equal(shared('link[rel="canonical"]').attr('href'), `${server.url}${url}`);
  });

  it('is purged exactly by each update, marked LIVE on the home page, and closes into a normal story', async () => {
    const { id, url } = await liveStory();
    await post(id, 'Before caching.');
    await fetch(`${server.url}${url}`);
    const hit = await fetch(`${server.url}${url}`);
    assert.equal(hit.headers.get('x-page-cache'), 'hit');
    await fetch(`${server.url}/about-nothing`);
    const posted = await post(id, 'After caching.');
    const fresh = await fetch(`${server.url}${url}`);
    assert.notEqual(fresh.headers.get('x-page-cache'), 'hit');
    assert.match(await fresh.text(), new RegExp(`id="update-${posted.update.id}"`));

    const home = cheerio.load(await (await fetch(`${server.url}/`)).text());
    const marked = home('.live-badge').map((_, b) => home(b).closest('a, h2, h3').find('a').addBack('a').attr('href') ?? home(b).parent().find('a').attr('href')).get();
    assert.ok(home('.live-badge').length > 0, 'the home page marks live stories');
    assert.ok(marked.length > 0);

    await endCoverage(server.ctx, people.get('editor')!, { storyId: id });
    const ended = cheerio.load(await (await fetch(`${server.url}${url}`)).text());
    assert.equal(ended('.live .live-badge').length, 0);
    assert.equal(ended('.live-ended-label').text(), 'Live coverage ended');
    assert.equal(ended('script[src^="/assets/live.js"]').length, 0);
    assert.ok(ended('.live-update').length === 2);
    const ld = ended('script[type="application/ld+json"]').map((_, s) => JSON.parse(ended(s).text()) as Record<string, unknown>).get() as Record<string, unknown>[];
    assert.ok(ld.find((d) => d['@type'] === 'LiveBlogPosting')?.coverageEndTime);
  });

  it('has Atom and JSON feeds of its updates that say when coverage ended', async () => {
    const { id, url } = await liveStory();
    const a = await post(id, 'Feed one.', 'One');
    await post(id, 'Feed two & more.');
    await correctUpdate(server.ctx, people.get('editor')!, { updateId: a.update.id, note: 'Fixed a name.' });
    // The page announces its feeds of updates to feed readers.
    const head = cheerio.load(await (await fetch(`${server.url}${url}`)).text());
    assert.equal(head('link[rel="alternate"][type="application/atom+xml"][href$="/updates.atom"]').attr('href'), `${url}/updates.atom`);
    assert.equal(head('link[rel="alternate"][type="application/feed+json"][href$="/updates.json"]').attr('href'), `${url}/updates.json`);
    const atom = await fetch(`${server.url}${url}/updates.atom`);
    assert.equal(atom.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
    const parsed = parseFeed(await atom.text());
    assert.deepEqual(parsed.items.map((i) => i.title), ['Feed two &amp; more.', 'One'].map((t) => t.replace('&amp;', '&')));
    assert.equal(parsed.items[1]!.url, `${server.url}${url}#update-${a.update.id}`);
    assert.match(parsed.items[1]!.content ?? '', /Correction:.*Fixed a name/);
    const json = (await (await fetch(`${server.url}${url}/updates.json`)).json()) as { version: string; items: { id: string; title: string }[]; _live: { live: boolean; coverage_end: string | null } };
    assert.equal(json.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(json.items.length, 2);
    assert.equal(json._live.live, true);
    await endCoverage(server.ctx, people.get('editor')!, { storyId: id });
    const closed = (await (await fetch(`${server.url}${url}/updates.json`)).json()) as typeof json;
    assert.equal(closed._live.live, false);
    assert.ok(closed._live.coverage_end);
    assert.equal((await fetch(`${server.url}${url}/updates.rss`)).status, 404);
    assert.equal((await fetch(`${server.url}${(await findStory(server.ctx.store.db, { id: await story() }))!.url}/updates.atom`)).status, 404);
  });
});

/** Collects a stream's messages; `next(n)` waits for n more. */
function listen(url: string, headers: Record<string, string> = {}) {
  const messages: { id: string; data: { kind: string; updateId: number | null; html: string | null } }[] = [];
  const waiters: (() => void)[] = [];
  const source = new EventSource(url, { fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } }) });
  source.onmessage = (event) => {
    messages.push({ id: event.lastEventId, data: JSON.parse(event.data) as never });
    waiters.splice(0).forEach((w) => w());
  };
  const open = new Promise<void>((resolve, reject) => {
    source.onopen = () => resolve();
    source.onerror = (e) => reject(new Error(`stream error ${String((e as { code?: number }).code)}`));
  });
  return {
    source,
    messages,
    open,
    async until(count: number, timeoutMs = 5000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${messages.length}: ${JSON.stringify(messages.map((m) => m.data.kind))}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
  };
}

describe('listeners', () => {
  it('webhooks carry self-describing live events; nothing is sent for an update waiting for approval', async () => {
    const arrivals: { event: string; data: Record<string, Record<string, unknown>> }[] = [];
    const receiver = await startReceiver((request, body, response) => {
      arrivals.push(JSON.parse(body) as never);
      response.writeHead(204).end();
    });
    try {
      await addWebhookEndpoint(server.ctx, systemActor('test'), { url: `${receiver.url}/hook`, events: ['live.coverage.started', 'live.update.posted', 'live.update.pinned', 'live.update.deleted'], description: 'live' });
      const { id, url } = await liveStory();
      await postUpdate(server.ctx, people.get('contributor')!, { storyId: id, bodyHtml: '<p>Published at once: no approval asked.</p>' });
      const update = await post(id, 'The key moment.', 'Dam holds');
      await pinUpdate(server.ctx, people.get('editor')!, { storyId: id, updateId: update.update.id });
      await deleteUpdate(server.ctx, people.get('editor')!, { updateId: update.update.id });
      const deadline = Date.now() + 10_000;
      while (arrivals.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(arrivals.map((a) => a.event).sort(), ['live.coverage.started', 'live.update.deleted', 'live.update.pinned', 'live.update.posted', 'live.update.posted']);
      const pinned = arrivals.find((a) => a.event === 'live.update.pinned')!.data;
      assert.deepEqual(pinned.story, { id, url: `${server.url}${url}`, headline: (await findStory(server.ctx.store.db, { id }))!.title });
      assert.equal(pinned.update!.id, update.update.id);
      assert.equal(pinned.update!.headline, 'Dam holds');
      assert.equal(pinned.update!.url, `${server.url}${url}#update-${update.update.id}`);
      assert.equal(pinned.update!.pinned, true);
    } finally {
      await receiver.close();
    }
  });

  it('purge exactly the live page, its order variant and feeds for an update, and listings only when coverage starts or ends', async () => {
    const { id, url } = await liveStory();
    const { id: otherId, url: otherUrl } = await liveStory();
    const cache = server.app.pageCache;
    const warm = async (paths: string[]) => {
      for (const p of paths) for (let i = 0; i < 2; i++) await (await fetch(`${server.url}${p}`)).arrayBuffer();
    };
    const cached = [url, `${url}?order=oldest`, ...livePaths(url).slice(1), otherUrl, '/'];
    await warm(cached);
    assert.deepEqual(cached.filter((p) => !cache.has(p)), [], 'every page is cached');
    await post(id, 'Purges its own page.');
    assert.deepEqual(cached.filter((p) => !cache.has(p)), [url, `${url}?order=oldest`, `${url}/updates.atom`, `${url}/updates.json`]);
    await warm(cached);
    await postUpdate(server.ctx, people.get('contributor')!, { storyId: otherId, bodyHtml: '<p>Still no approval needed.</p>' });
    assert.ok(!cache.has(otherUrl));
    assert.ok(cache.has('/'), 'an update leaves the home page alone');
    await warm([...cached, `${otherUrl}/updates.atom`]);
    await endCoverage(server.ctx, people.get('editor')!, { storyId: id });
    assert.ok(!cache.has('/') && !cache.has(url), 'ending coverage purges the home page (its LIVE mark) and the story');
    assert.ok(cache.has(`${otherUrl}/updates.atom`), 'and not another live story\'s feed');
  });
});

describe('the live event stream', () => {
  it('delivers posts, edits and deletions to an EventSource reader, and replays exactly what a reconnecting one missed', async () => {
    const { id } = await liveStory();
    const reader = listen(`${server.url}/live/${id}/events`);
    await reader.open;
    const one = await post(id, 'Streamed one.');
    await reader.until(1);
    assert.equal(reader.messages[0]!.data.kind, 'update.posted');
    assert.equal(reader.messages[0]!.id, String(one.streamId));
    assert.match(reader.messages[0]!.data.html ?? '', /Streamed one/);
    await editUpdate(server.ctx, people.get('author')!, { updateId: one.update.id, bodyHtml: '<p>Streamed one, edited.</p>' });
    await deleteUpdate(server.ctx, people.get('editor')!, { updateId: one.update.id });
    await reader.until(3);
    assert.deepEqual(reader.messages.map((m) => m.data.kind), ['update.posted', 'update.edited', 'update.deleted']);
    assert.equal(reader.messages[2]!.data.html, null);
    reader.source.close();

    // Missed while away: exactly the events after the last one seen, in order, none twice.
    const lastSeen = reader.messages[0]!.id;
    const two = await post(id, 'While away two.');
    const three = await post(id, 'While away three.');
    const back = listen(`${server.url}/live/${id}/events`, { 'last-event-id': lastSeen });
    await back.open;
    await back.until(4);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(back.messages.map((m) => m.data.kind), ['update.edited', 'update.deleted', 'update.posted', 'update.posted']);
    assert.deepEqual(back.messages.slice(2).map((m) => m.id), [String(two.streamId), String(three.streamId)]);
    const ids = back.messages.map((m) => Number(m.id));
    assert.deepEqual(ids, [...ids].sort((x, y) => x - y));
    back.source.close();
  });

  it('answers an unknown or malformed Last-Event-ID with a resynchronisation, not an error', async () => {
    const { id } = await liveStory();
    await post(id, 'Something.');
    for (const bad of ['banana', '99999999999', '-1']) {
      const reader = listen(`${server.url}/live/${id}/events`, { 'last-event-id': bad });
      await reader.open;
      await reader.until(1);
      assert.equal(reader.messages[0]!.data.kind, 'resync', bad);
      const next = await post(id, `After resync ${bad}.`);
      await reader.until(2);
      assert.equal(reader.messages[1]!.id, String(next.streamId));
      reader.source.close();
    }
    assert.equal((await fetch(`${server.url}/live/999999/events`)).status, 404);
    assert.equal((await fetch(`${server.url}/live/abc/events`)).status, 404);
    // A live story taken back to draft streams nothing to readers.
    const takenDown = await liveStory();
    await server.ctx.store.db.updateTable('articles').set({ status: 'draft' }).where('id', '=', takenDown.id).execute();
    assert.equal((await fetch(`${server.url}/live/${takenDown.id}/events`)).status, 404);
  });

  it('limits streams per IP address, sends heartbeats, and ends streams cleanly when the server closes', async () => {
    const { id } = await liveStory();
    const controllers = [new AbortController(), new AbortController(), new AbortController()];
    const open = await Promise.all(controllers.map((c) => fetch(`${server.url}/live/${id}/events`, { signal: c.signal })));
    assert.deepEqual(open.map((r) => r.status), [200, 200, 200]);
    assert.equal(open[0]!.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const fourth = await fetch(`${server.url}/live/${id}/events`);
    assert.equal(fourth.status, 429);
    assert.match(await fourth.text(), /Too many live streams from one address/);
    const reader = open[0]!.body!.getReader();
    let text = '';
    const deadline = Date.now() + 3000;
    while (!text.includes(': heartbeat') && Date.now() < deadline) text += new TextDecoder().decode((await reader.read()).value);
    assert.match(text, /: heartbeat/);
    controllers.forEach((c) => c.abort());
    await new Promise((r) => setTimeout(r, 200));
    const again = await fetch(`${server.url}/live/${id}/events`);
    assert.equal(again.status, 200, 'closed streams no longer count');
    await again.body?.cancel();
  });

  it('replays after a restart from the change log, and a server going down ends its streams', async () => {
    const database = await createTestDatabase();
    const config = () => loadConfig({ PORT: '0', HOST: '127.0.0.1', GAZETTE_DATA_DIR: database.dataDir, DATABASE_URL: database.url, GAZETTE_DEMO: 'false', LOG_LEVEL: 'silent' });
    const urlOf = (s: RunningServer) => {
      const address = s.app.server.address();
      return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    };
    let first: RunningServer | null = await startServer(config(), { quiet: true });
    try {
      const db = first.ctx.store.db;
      const editor = await createTestUser(first as unknown as TestServer, 'editor');
      const section = await ensureSection(db, { slug: 'world', name: 'World' });
      const id = await createArticle(db, { title: 'Restart story', bodyHtml: '<p>x</p>', sectionId: section, status: 'published', publishedAt: new Date().toISOString(), authorIds: [editor.id] });
      const actor = { id: editor.id, role: 'editor' as const };
      await startCoverage(first.ctx, actor, { storyId: id });
      const seenBefore = await postUpdate(first.ctx, actor, { storyId: id, bodyHtml: '<p>Before the restart.</p>' });
      const reader = listen(`${urlOf(first)}/live/${id}/events`);
      await reader.open;
      const missed = await postUpdate(first.ctx, actor, { storyId: id, bodyHtml: '<p>Just before going down.</p>' });
      await reader.until(1);
      const ended = new Promise<void>((resolve) => reader.source.addEventListener('error', () => resolve()));
      await first.close();
      first = null;
      await ended;
      reader.source.close();

      const second = await startServer(config(), { quiet: true });
      try {
        const after = await postUpdate(second.ctx, actor, { storyId: id, bodyHtml: '<p>After the restart.</p>' });
        const back = listen(`${urlOf(second)}/live/${id}/events`, { 'last-event-id': String(seenBefore.streamId) });
        await back.open;
        await back.until(2);
        await new Promise((r) => setTimeout(r, 200));
        assert.deepEqual(back.messages.map((m) => m.id), [String(missed.streamId), String(after.streamId)]);
        back.source.close();
      } finally {
        await second.close();
      }
    } finally {
      await first?.close();
      await database.drop();
    }
  });
});

describe('the live desk over HTTP', () => {
  it('lets journalists go live, post, pin, edit, correct, approve and delete through forms and JSON, refusing bad input with a 4xx', async () => {
    const editorUser = await createTestUser(server, 'editor');
    const editor = await signIn(server, editorUser.email, editorUser.password);
    const contributorUser = await createTestUser(server, 'contributor');
    const contributor = await signIn(server, contributorUser.email, contributorUser.password);
    const id = await story();
    const form = (who: { cookie: string; csrf: string }, fields: Record<string, string>, json = false) => ({
      method: 'POST', redirect: 'manual' as const,
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded', ...(json ? { accept: 'application/json' } : {}) },
      body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
    });
    const list = await fetch(`${server.url}/newsroom/live`, { headers: { cookie: editor.cookie } });
    assert.equal(list.status, 200);
    assert.match(await list.text(), /Start live coverage/);
    const start = await fetch(`${server.url}/newsroom/live`, form(editor, { story_id: String(id), summary_html: '<p>Desk summary</p>', approval_required: '1' }));
    assert.equal(start.status, 303);
    assert.equal(start.headers.get('location'), `/newsroom/live/${id}`);
    const desk = await fetch(`${server.url}/newsroom/live/${id}`, { headers: { cookie: editor.cookie } });
    const deskHtml = await desk.text();
    assert.match(deskHtml, /id="story-form"/);
    assert.match(deskHtml, /\/newsroom\/editor\/editor\.js/);

    const posted = await fetch(`${server.url}/newsroom/live/${id}/updates`, form(editor, { headline: 'From the desk', body_html: '<p>Desk post</p>' }, true));
    assert.equal(posted.status, 201);
    const made = (await posted.json()) as { update: { id: number; status: string } };
    assert.equal(made.update.status, 'published');
    const empty = await fetch(`${server.url}/newsroom/live/${id}/updates`, form(editor, { body_html: '<p> </p>' }));
    assert.equal(empty.status, 422);
    assert.match(await empty.text(), /Write something before posting/);
    const emptyJson = await fetch(`${server.url}/newsroom/live/${id}/updates`, form(editor, { body_html: '' }, true));
    assert.equal(emptyJson.status, 422);
    const fromField = await fetch(`${server.url}/newsroom/live/${id}/updates`, form(contributor, { body_html: '<p>Field report</p>' }, true));
    const pending = (await fromField.json()) as { update: { id: number; status: string } };
    assert.equal(pending.update.status, 'pending');
    const waiting = (await (await fetch(`${server.url}/newsroom/live/${id}/pending`, { headers: { cookie: editor.cookie } })).json()) as { pending: number[] };
    assert.deepEqual(waiting.pending, [pending.update.id], 'the desk can ask which updates wait for approval');
    assert.equal((await fetch(`${server.url}/newsroom/live/${id}/updates/${pending.update.id}/approve`, form(contributor, {}))).status, 403);
    assert.equal((await fetch(`${server.url}/newsroom/live/${id}/updates/${pending.update.id}/approve`, form(editor, {}))).status, 303);
    assert.equal((await fetch(`${server.url}/newsroom/live/${id}/updates/${made.update.id}/pin`, form(editor, {}))).status, 303);
    assert.equal((await fetch(`${server.url}/newsroom/live/${id}/updates/${made.update.id}/unpin`, form(editor, {}))).status, 303);
    // The card the desk's script fetches for an update that arrives over the stream: the controls this journalist may use.
    const cardOf = async (who: { cookie: string }, storyId: number, updateId: number) => fetch(`${server.url}/newsroom/live/${storyId}/updates/${updateId}/card`, { headers: { cookie: who.cookie }, redirect: 'manual' });
    const editorCard = await cardOf(editor, id, made.update.id);
    assert.equal(editorCard.status, 200);
    const editorControls = cheerio.load(await editorCard.text())(`#desk-update-${made.update.id} .live-desk-actions button, #desk-update-${made.update.id} .live-desk-actions a`).map((_, el) => cheerio.load(el).text()).get();
    assert.deepEqual(editorControls, ['Pin as key event', 'Edit or correct', 'Delete']);
    const contributorControls = cheerio.load(await (await cardOf(contributor, id, made.update.id)).text())('.live-desk-actions button, .live-desk-actions a').map((_, el) => cheerio.load(el).text()).get();
    assert.deepEqual(contributorControls, [], 'a contributor may not pin, edit or delete a colleague’s update');
    assert.equal((await cardOf({ cookie: '' }, id, made.update.id)).status, 303, 'strangers get no card');
    const other = await story();
    await startCoverage(server.ctx, people.get('editor')!, { storyId: other });
    assert.equal((await cardOf(editor, other, made.update.id)).status, 404, 'an update is shown only under its own story');
    const wrongStory = await fetch(`${server.url}/newsroom/live/${other}/updates/${made.update.id}/pin`, form(editor, {}, true));
    assert.equal(wrongStory.status, 422);
    const editPage = await fetch(`${server.url}/newsroom/live/${id}/updates/${made.update.id}/edit`, { headers: { cookie: editor.cookie } });
    assert.equal(editPage.status, 200);
    assert.equal((await fetch(`${server.url}/newsroom/live/${id}/updates/${made.update.id}/edit`, form(editor, { headline: 'From the desk', body_html: '<p>Desk post, edited</p>' }))).status, 303);
    assert.equal((await fetch(`${server.url}/newsroom/live/${id}/updates/${made.update.id}/edit`, form(editor, { headline: 'From the desk', body_html: '<p>Desk post, corrected</p>', note: 'Corrected the count.' }))).status, 303);
    assert.match(await (await fetch(`${server.url}/newsroom/live/${id}/updates/${made.update.id}/edit`, { headers: { cookie: editor.cookie } })).text(), /Earlier versions/);
    assert.equal((await fetch(`${server.url}/newsroom/live/${id}/updates/${made.update.id}/delete`, form(contributor, {}))).status, 403);
    assert.equal((await fetch(`${server.url}/newsroom/live/${id}/updates/${made.update.id}/delete`, form(editor, {}))).status, 303);
    assert.equal((await cardOf(editor, id, made.update.id)).status, 404, 'a deleted update has no card');
    assert.equal((await fetch(`${server.url}/newsroom/live/${id}/coverage`, form(editor, { summary_html: '<p>New summary</p>' }))).status, 303);
    assert.equal((await fetch(`${server.url}/newsroom/live/${id}/end`, form(editor, {}))).status, 303);
    const late = await fetch(`${server.url}/newsroom/live/${id}/updates`, form(editor, { body_html: '<p>Too late</p>' }, true));
    assert.equal(late.status, 409);
    assert.equal((await fetch(`${server.url}/newsroom/live/${id}/start`, form(editor, {}))).status, 303);
    assert.equal((await fetch(`${server.url}/newsroom/live/${id}`, { redirect: 'manual' })).status, 303, 'strangers are sent to sign in');
  });
});
