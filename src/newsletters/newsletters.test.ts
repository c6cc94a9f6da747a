/**
 * Newsletters end to end on a real server, database and SMTP server: a reader subscribes without an account (double
 * opt-in), follows a developing story, receives an edition, a follow alert and one correction notice, and leaves
 * with the one-click unsubscribe; every message is parsed with mailparser and its links are followed over HTTP.
 * Then the bad input: malformed addresses, unknown lists, tampered and expired links, the honeypot, SMTP refusals.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ParsedMail } from 'mailparser';
import type { SessionUser } from '../accounts/sessions.js';
import { createArticle, ensureSection, ensureThread } from '../content/articles.js';
import { saveStory } from '../content/commands/save-story.js';
import { pinUpdate, postUpdate, startCoverage } from '../live/commands.js';
import { findStory } from '../content/queries.js';
import { loadEditableStory, type StoryDraft } from '../content/workflow.js';
import { webhookEvents } from '../webhooks/store.js';
import { createTestUser, signIn, type SignedIn } from '../../test/helpers/auth.js';
import { startMailSink, type MailSink } from '../../test/helpers/mail-sink.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { linkQuery, signLink } from './links.js';

let sink: MailSink;
let server: TestServer;
let editor: SessionUser;
let editorSession: SignedIn;
let sectionId: number;
let threadId: number;
let storyA: number;
let storyAUrl: string;

const reader = 'reader@example.test';

function form(values: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  return params.toString();
}

async function post(path: string, values: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: form(values) });
}

async function formToken(path = '/newsletters'): Promise<string> {
  const html = await (await get(server, path)).text();
  const match = /name="form_token" value="([^"]+)"/.exec(html);
  assert.ok(match, `no subscribe form on ${path}`);
  return match[1]!;
}

async function subscribe(email: string, lists: string[], extra: Record<string, string> = {}): Promise<Response> {
  return post('/newsletters/subscribe', { email, lists, form_token: await formToken(), website: '', ...extra });
}

/** Waits for the next message to an address after `seen` of them. */
async function nextMail(address: string, seen: number, timeoutMs = 15_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const mails = sink.to(address);
    if (mails.length > seen) return mails[seen]!;
    await sleep(50);
  }
  throw new Error(`no message number ${seen + 1} for ${address}; got ${sink.to(address).map((m) => m.subject).join(' | ')}`);
}

function linkIn(mail: ParsedMail, path: string): string {
  const match = new RegExp(`${server.url.replace(/[.:/]/g, '\\$&')}${path}\\?[^\\s<>"]+`).exec(mail.text ?? '');
  assert.ok(match, `no ${path} link in: ${mail.text}`);
  return match[0].replace(/&amp;/g, '&');
}

/** A header as sent (mailparser folds List-* headers into an object; the raw line is what mail clients read). */
function header(mail: ParsedMail, name: string): string {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase());
  return line ? line.line.slice(line.line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim() : '';
}

/** Every message must carry both parts, one-click unsubscribe (RFC 8058) and the site's sender. */
function checkMessage(mail: ParsedMail): void {
  assert.ok(mail.text && mail.text.length > 20, 'plain-text part');
  assert.ok(typeof mail.html === 'string' && mail.html.includes('<table'), 'HTML part');
  assert.match(header(mail, 'list-unsubscribe'), /^<http:\/\/127\.0\.0\.1:\d+\/newsletters\/unsubscribe\?s=\d+&t=[\w-]{32}/);
  assert.equal(header(mail, 'list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
  assert.match(mail.from?.text ?? '', /news@gazette\.test/);
  assert.match(mail.replyTo?.text ?? '', /desk@gazette\.test/);
  assert.doesNotMatch(mail.html as string, /src="\/|href="\//, 'every link and image is absolute');
  assert.equal(header(mail, 'dkim-signature'), '', 'no DKIM key is configured here, so nothing is signed');
}

/** The hidden fields of the form posting to `action`. */
function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`<form method="post" action="${action}"`);
  assert.ok(start >= 0, `no form for ${action}`);
  const body = html.slice(start, html.indexOf('</form>', start));
  return Object.fromEntries([...body.matchAll(/<input type="hidden" name="(\w)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));
}

async function draftOf(id: number): Promise<StoryDraft> {
  const { article, authorIds, tagNames } = await loadEditableStory(server.ctx.store.db, id);
  return {
    title: article.title, dek: article.dek, bodyHtml: article.body_html, slug: article.slug, sectionId: article.section_id, tagNames, authorIds,
    featuredMediaId: null, seoTitle: '', seoDescription: '', canonicalUrl: '', commentsOpen: true, publishAt: null, expectedVersion: article.version, correction: '',
  };
}

before(async () => {
  sink = await startMailSink();
  server = await startTestServer({
    seed: false,
    env: { SMTP_URL: sink.url, MAIL_FROM: 'The Test Gazette <news@gazette.test>', MAIL_REPLY_TO: 'desk@gazette.test', NEWSLETTER_ALERT_WINDOW: '1', MAIL_RETRY_MS: '100', MAIL_BOUNCE_LIMIT: '2', NEWSLETTER_RATE_LIMIT: '1000' },
  });
  const db = server.ctx.store.db;
  sectionId = await ensureSection(db, { slug: 'world', name: 'World' });
  threadId = await ensureThread(db, 'the-storm', 'The storm');
  const user = await createTestUser(server, 'editor');
  editor = { id: user.id, email: user.email, name: user.name, slug: 'editor', role: 'editor' };
  editorSession = await signIn(server, user.email, user.password);
  storyA = await createArticle(db, {
    title: 'The storm reaches the coast', dek: 'Thousands leave their homes.', bodyHtml: '<p>The storm reached the coast at dawn.</p>', sectionId, threadId,
    status: 'published', publishedAt: new Date(Date.now() - 3600_000).toISOString(), authorIds: [user.id],
  });
  storyAUrl = (await findStory(db, { id: storyA }))!.url;
});

after(async () => {
  await server?.stop();
  await sink?.close();
});

describe('a reader follows by email', () => {
  let preferencesUrl = '';

  test('subscribing answers the same whether or not the address is known, and sends only a confirmation', async () => {
    const first = await subscribe(reader, ['daily']);
    assert.equal(first.status, 303);
    assert.equal(first.headers.get('location'), '/newsletters/check-email');
    const confirmation = await nextMail(reader, 0);
    checkMessage(confirmation);
    assert.match(confirmation.subject ?? '', /Confirm/);
    // The story page's "Follow this story" form: it names the thread and carries its own token.
    const storyPage = await (await get(server, storyAUrl)).text();
    assert.match(storyPage, /Follow this story/);
    assert.match(storyPage, /name="lists" value="thread:the-storm"/);
    const again = await post('/newsletters/subscribe', { email: reader.toUpperCase(), lists: 'thread:the-storm', form_token: /name="form_token" value="([^"]+)"/.exec(storyPage)![1]!, website: '' });
    assert.equal(again.status, first.status);
    assert.equal(again.headers.get('location'), first.headers.get('location'));
    const threadPage = await (await get(server, '/thread/the-storm')).text();
    assert.match(threadPage, /name="lists" value="thread:the-storm"/);
    const page = await (await get(server, '/newsletters/check-email')).text();
    assert.match(page, /Check your email/);
    const second = await nextMail(reader, 1);
    const confirmUrl = linkIn(second, '/newsletters/confirm');
    // Nothing but confirmations so far.
    assert.deepEqual(sink.to(reader).map((m) => /Confirm/.test(m.subject ?? '')), [true, true]);

    // Opening the link shows a button; only the POST confirms.
    const confirmPage = await fetch(confirmUrl, { redirect: 'manual' });
    assert.equal(confirmPage.status, 200);
    const html = await confirmPage.text();
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="(\w)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));
    assert.ok(fields.s && fields.t && fields.e);
    const row = await server.ctx.store.db.selectFrom('subscribers').select('status').where('email', '=', reader).executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    const confirmed = await post('/newsletters/confirm', fields);
    assert.equal(confirmed.status, 303);
    preferencesUrl = `${server.url}${confirmed.headers.get('location')!}`;
    const prefs = await (await fetch(preferencesUrl)).text();
    assert.match(prefs, /reader@example\.test/);
    assert.match(prefs, /your subscription is confirmed/);
    const lists = await server.ctx.store.db.selectFrom('subscriptions').select(['list_key', 'confirmed']).orderBy('list_key').execute();
    assert.deepEqual(lists.map((l) => `${l.list_key}:${l.confirmed}`), ['daily:1', 'thread:the-storm:1']);
  });

  test('a key moment of a live story sends its followers one short alert; ordinary updates send nothing', async () => {
    const db = server.ctx.store.db;
    const liveId = await createArticle(db, {
      title: 'Flood defences hold in the capital', bodyHtml: '<p>The barriers held overnight.</p>', sectionId, status: 'published',
      publishedAt: new Date(Date.now() - 600_000).toISOString(), authorIds: [editor.id],
    });
    await startCoverage(server.ctx, editor, { storyId: liveId, summaryHtml: '<p>The river is expected to peak this afternoon.</p>' });
    const liveUrl = (await findStory(db, { id: liveId }))!.url;
    const page = await (await get(server, liveUrl)).text();
    assert.match(page, new RegExp(`name="lists" value="live:${liveId}"`), 'the live page follows the live coverage');
    assert.match(page, /each key moment/);

    const follower = 'live-follower@example.test';
    assert.equal((await subscribe(follower, [`live:${liveId}`])).status, 303);
    const confirmPage = await (await fetch(linkIn(await nextMail(follower, 0), '/newsletters/confirm'), { redirect: 'manual' })).text();
    const fields = Object.fromEntries([...confirmPage.matchAll(/<input type="hidden" name="(\w)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));
    assert.equal((await post('/newsletters/confirm', fields)).status, 303);

    await postUpdate(server.ctx, editor, { storyId: liveId, bodyHtml: '<p>Volunteers are filling sandbags on the quay.</p>' });
    const peak = await postUpdate(server.ctx, editor, { storyId: liveId, headline: 'The river peaks', bodyHtml: '<p>The river peaked at 6.1 metres, below the barriers.</p>' });
    await pinUpdate(server.ctx, editor, { storyId: liveId, updateId: peak.update.id });
    const alert = await nextMail(follower, 1);
    checkMessage(alert);
    assert.match(alert.subject ?? '', /Key moment: .*Flood defences hold in the capital/);
    assert.ok((alert.text ?? '').includes(liveUrl), 'the alert links to the live page');
    // The ordinary update sent nothing of its own: one alert after the confirmation, also once the window has passed.
    await sleep(2500);
    assert.equal(sink.to(follower).length, 2);
  });

  test('a new story in the followed thread sends one short alert', async () => {
    const seen = sink.to(reader).length;
    const draft = await createArticle(server.ctx.store.db, {
      title: 'Rivers rise after the storm', bodyHtml: '<p>Rivers rose overnight.</p>', sectionId, threadId, status: 'draft', publishedAt: null, authorIds: [editor.id],
    });
    await saveStory(server.ctx, editor, draft, await draftOf(draft), 'publish');
    const alert = await nextMail(reader, seen);
    checkMessage(alert);
    assert.match(alert.subject ?? '', /Rivers rise after the storm/);
    const storyLink = /http:\/\/127\.0\.0\.1:\d+\/world\/\d{4}\/\d{2}\/rivers-rise-after-the-storm/.exec(alert.text ?? '');
    assert.ok(storyLink);
    assert.equal((await fetch(storyLink[0])).status, 200);
  });

  test('the desk composes an edition, previews it, tests it on itself, and sends it', async () => {
    const headers = { cookie: editorSession.cookie };
    const created = await post('/newsroom/newsletters', { _csrf: editorSession.csrf, list: 'daily', subject: 'Morning briefing', intro: 'Good morning.\n\nThe storm dominates the day.', stories: String(storyA) }, headers);
    assert.equal(created.status, 303);
    const editionPath = created.headers.get('location')!.replace(/\?.*$/, '');
    assert.equal((await get(server, '/newsroom/newsletters', { headers })).status, 200);
    assert.equal((await get(server, '/newsroom/newsletters/new', { headers })).status, 200);
    const editPage = await get(server, editionPath, { headers });
    assert.equal(editPage.status, 200);
    assert.match(await editPage.text(), /Morning briefing/);
    const preview = await get(server, `${editionPath}/preview`, { headers });
    assert.equal(preview.status, 200);
    assert.match(preview.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.match(await preview.text(), /The storm reaches the coast/);

    const test = await post(editionPath, { _csrf: editorSession.csrf, action: 'test', list: 'daily', subject: 'Morning briefing', intro: 'Good morning.', stories: String(storyA) }, headers);
    assert.equal(test.status, 303);
    const testMail = await nextMail(editor.email, 0);
    assert.match(testMail.subject ?? '', /^\[Test\] Morning briefing/);

    const seen = sink.to(reader).length;
    const sent = await post(editionPath, { _csrf: editorSession.csrf, action: 'send', list: 'daily', subject: 'Morning briefing', intro: 'Good morning.', stories: String(storyA) }, headers);
    assert.equal(sent.status, 303);
    const edition = await nextMail(reader, seen);
    checkMessage(edition);
    assert.equal(edition.subject, 'Morning briefing');
    assert.match(edition.text ?? '', /Good morning\./);
    assert.equal(header(edition, 'list-id').includes('daily'), true);
    const storyLink = new RegExp(`http://127\\.0\\.0\\.1:\\d+${storyAUrl}`).exec(edition.text ?? '');
    assert.ok(storyLink);
    assert.equal((await fetch(storyLink[0])).status, 200);
    // The preferences link in the mail works.
    assert.equal((await fetch(linkIn(edition, '/newsletters/preferences'))).status, 200);
    // A sent edition cannot be sent again.
    const twice = await post(editionPath, { _csrf: editorSession.csrf, action: 'send', list: 'daily', subject: 'Morning briefing', intro: '', stories: String(storyA) }, headers);
    assert.equal(twice.status, 409);
  });

  test('a correction reaches the reader once, and shows on /corrections, its feed, the JSON-LD and as a webhook event', async () => {
    const seen = sink.to(reader).length;
    const draft = { ...(await draftOf(storyA)), correction: 'An earlier version gave the wrong time of landfall.' };
    await saveStory(server.ctx, editor, storyA, draft, 'save');
    const notice = await nextMail(reader, seen);
    checkMessage(notice);
    assert.match(notice.subject ?? '', /^Correction: The storm reaches the coast/);
    assert.match(notice.text ?? '', /wrong time of landfall/);
    await sleep(2500);
    assert.equal(sink.to(reader).length, seen + 1, 'one notice, though the reader both received the story and follows its thread');
    const corrections = await (await get(server, '/corrections')).text();
    assert.match(corrections, /wrong time of landfall/);
    const feed = await get(server, '/corrections/feed.atom');
    assert.equal(feed.status, 200);
    assert.match(await feed.text(), /wrong time of landfall/);
    const story = await (await get(server, storyAUrl)).text();
    assert.match(story, /"correction":\[\{"@type":"CorrectionComment","text":"An earlier version gave the wrong time of landfall\./);
    assert.match(story, /"dateModified"/);
    assert.ok('story.corrected' in webhookEvents);
  });

  test('the preferences page changes lists, pauses, and downloads the data', async () => {
    const prefs = await (await fetch(preferencesUrl)).text();
    const fields = formFields(prefs, '/newsletters/preferences');
    const saved = await post('/newsletters/preferences', { ...fields, lists: ['daily', 'weekly', 'thread:the-storm'], paused: '1' });
    assert.equal(saved.status, 303);
    const after = await (await fetch(`${server.url}${saved.headers.get('location')!}`)).text();
    assert.match(after, /Your choices are saved/);
    assert.match(after, /Your emails are paused/);
    const unknown = await post('/newsletters/preferences', { ...fields, lists: ['no-such-list'] });
    assert.equal(unknown.status, 422);
    const exported = await fetch(`${server.url}/newsletters/preferences/export?${new URLSearchParams(fields).toString()}`);
    assert.equal(exported.status, 200);
    const data = await exported.json() as { email: string; lists: { list: string }[]; messages: unknown[] };
    assert.equal(data.email, reader);
    assert.deepEqual(data.lists.map((l) => l.list).sort(), ['daily', 'thread:the-storm', 'weekly']);
    assert.ok(data.messages.length >= 4);
    await post('/newsletters/preferences', { ...fields, lists: ['daily', 'thread:the-storm'] });
  });

  test('one-click unsubscribe (RFC 8058) leaves the list; doing it twice is harmless', async () => {
    const edition = sink.to(reader).find((m) => m.subject === 'Morning briefing')!;
    const url = /<([^>]+)>/.exec(header(edition, 'list-unsubscribe'))![1]!;
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Unsubscribe/);
    for (let i = 0; i < 2; i++) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      assert.equal(response.status, 200);
      assert.match(await response.text(), /no more emails from The daily briefing/);
    }
    const lists = await server.ctx.store.db.selectFrom('subscriptions').innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id').select('list_key').where('email', '=', reader).execute();
    assert.deepEqual(lists.map((l) => l.list_key), ['thread:the-storm']);
  });

  test('erasing the address removes it and voids its links', async () => {
    const prefs = await (await fetch(preferencesUrl)).text();
    const fields = formFields(prefs, '/newsletters/preferences/delete');
    const erased = await post('/newsletters/preferences/delete', fields);
    assert.equal(erased.status, 200);
    const rows = await server.ctx.store.db.selectFrom('subscribers').select('id').where('email', '=', reader).execute();
    assert.equal(rows.length, 0);
    const stored = await server.ctx.store.db.selectFrom('mail_outbox').select('to_address').where('to_address', '=', reader).execute();
    assert.equal(stored.length, 0);
    assert.equal((await fetch(preferencesUrl)).status, 404);
  });
});

describe('bad input', () => {
  test('malformed addresses and unknown lists are refused with a message, storing nothing', async () => {
    for (const email of ['', 'not-an-address', 'a@b', 'two@@example.test', `${'x'.repeat(250)}@example.test`, 'spaces in@example.test']) {
      const response = await subscribe(email, ['daily']);
      assert.equal(response.status, 422, email);
      assert.match(await response.text(), /email address/);
    }
    for (const lists of [['no-such-list'], ['section:nowhere'], ['thread:nothing'], []]) {
      const response = await subscribe('someone@example.test', lists);
      assert.equal(response.status, 422, lists.join());
    }
    const stored = await server.ctx.store.db.selectFrom('subscribers').select('id').where('email', 'in', ['someone@example.test', 'not-an-address']).execute();
    assert.equal(stored.length, 0);
  });

  test('a filled honeypot or a forged form token stores nothing', async () => {
    const bot = await subscribe('bot@example.test', ['daily'], { website: 'http://spam.example' });
    assert.equal(bot.status, 303);
    const forged = await post('/newsletters/subscribe', { email: 'forged@example.test', lists: 'daily', form_token: 'abc.def', website: '' });
    assert.equal(forged.status, 400);
    const stored = await server.ctx.store.db.selectFrom('subscribers').select('id').where('email', 'in', ['bot@example.test', 'forged@example.test']).execute();
    assert.equal(stored.length, 0);
  });

  test('one address gets at most three confirmation mails a day, and the answer does not change', async () => {
    const address = 'eager@example.test';
    for (let i = 0; i < 5; i++) {
      const response = await subscribe(address, ['weekly']);
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), '/newsletters/check-email');
    }
    await sleep(500);
    assert.equal(sink.to(address).length, 3);
  });

  test('tampered, voided and expired links are refused', async () => {
    await subscribe('linker@example.test', ['daily']);
    const mail = await nextMail('linker@example.test', 0);
    const good = new URL(linkIn(mail, '/newsletters/confirm'));
    const tampered = new URL(good);
    tampered.searchParams.set('t', `${good.searchParams.get('t')!.slice(0, 31)}${good.searchParams.get('t')!.endsWith('A') ? 'B' : 'A'}`);
    assert.equal((await fetch(tampered)).status, 404);
    const other = new URL(good);
    other.searchParams.set('s', String(Number(good.searchParams.get('s')) + 1000));
    assert.equal((await fetch(other)).status, 404);
    const id = Number(good.searchParams.get('s'));
    const expired = signLink(server.ctx.secret, 'confirm', id, 1, { expiresAt: Date.now() - 1000 });
    const response = await fetch(`${server.url}/newsletters/confirm?${linkQuery(expired)}`);
    assert.equal(response.status, 410);
    assert.match(await response.text(), /expired/);
    // A preferences link is not an unsubscribe link.
    const prefs = signLink(server.ctx.secret, 'preferences', id, 1);
    assert.equal((await fetch(`${server.url}/newsletters/unsubscribe?${linkQuery(prefs)}`)).status, 404);
    assert.equal((await post('/newsletters/unsubscribe', {})).status, 404);
    assert.equal((await fetch(`${server.url}/newsletters/preferences?s=1&t=short`)).status, 404);
  });

  test('a temporary refusal is retried; permanent ones stop mail to the address after the stated limit', async () => {
    const db = server.ctx.store.db;
    const at = new Date().toISOString();
    const ids: Record<string, number> = {};
    for (const email of ['busy@example.test', 'gone@example.test']) {
      const row = await db.insertInto('subscribers').values({ email, status: 'active', created_at: at, confirmed_at: at }).returning('id').executeTakeFirstOrThrow();
      ids[email] = row.id;
      await db.insertInto('subscriptions').values({ subscriber_id: row.id, list_key: 'weekly', confirmed: 1, created_at: at }).execute();
    }
    sink.refuse('busy@example.test', 450);
    sink.refuse('gone@example.test', 550);
    const headers = { cookie: editorSession.cookie };
    const send = async (subject: string) => {
      const created = await post('/newsroom/newsletters', { _csrf: editorSession.csrf, list: 'weekly', subject, intro: 'Hello.', stories: String(storyA) }, headers);
      const path = created.headers.get('location')!.replace(/\?.*$/, '');
      assert.equal((await post(path, { _csrf: editorSession.csrf, action: 'send', list: 'weekly', subject, intro: 'Hello.', stories: String(storyA) }, headers)).status, 303);
    };
    await send('Weekly one');
    const waitFor = async (check: () => Promise<boolean>, what: string) => {
      const deadline = Date.now() + 15_000;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(50);
      }
    };
    await waitFor(async () => ((await db.selectFrom('mail_outbox').select('attempts').where('to_address', '=', 'busy@example.test').executeTakeFirst())?.attempts ?? 0) >= 2, 'a retry');
    sink.refuse('busy@example.test', null);
    await nextMail('busy@example.test', 0);
    await waitFor(async () => (await db.selectFrom('mail_outbox').select('status').where('to_address', '=', 'busy@example.test').executeTakeFirstOrThrow()).status === 'sent', 'the retry marked sent');
    const busy = await db.selectFrom('mail_outbox').select(['status', 'attempts', 'last_error']).where('to_address', '=', 'busy@example.test').executeTakeFirstOrThrow();
    assert.equal(busy.status, 'sent');
    assert.ok(busy.attempts >= 2);
    await waitFor(async () => (await db.selectFrom('mail_outbox').select('status').where('to_address', '=', 'gone@example.test').executeTakeFirst())?.status === 'failed', 'a failure');
    assert.equal((await db.selectFrom('subscribers').select('status').where('id', '=', ids['gone@example.test']!).executeTakeFirstOrThrow()).status, 'active', 'one refusal does not stop the mail');
    await send('Weekly two');
    await waitFor(async () => (await db.selectFrom('subscribers').select('status').where('id', '=', ids['gone@example.test']!).executeTakeFirstOrThrow()).status === 'bounced', 'the address marked bounced');
    await send('Weekly three');
    await waitFor(async () => (await db.selectFrom('mail_outbox').select('status').where('to_address', '=', 'gone@example.test').where('status', '=', 'skipped').execute()).length === 0
      ? (await db.selectFrom('mail_outbox').select('id').where('to_address', '=', 'gone@example.test').execute()).length === 2 : true, 'the third edition');
    const third = await db.selectFrom('mail_outbox').select('status').where('to_address', '=', 'gone@example.test').orderBy('id').execute();
    assert.deepEqual(third.map((r) => r.status).slice(0, 2), ['failed', 'failed']);
    assert.ok(third.length === 2 || third[2]!.status === 'skipped', 'nothing more is sent to a bounced address');
    assert.equal(sink.to('gone@example.test').length, 0);
  });
});

describe('without SMTP_URL', () => {
  test('messages stay in the outbox, readable in the newsroom, and the log names each link', async () => {
    const local = await startTestServer({ seed: false, env: { LOG_LEVEL: 'silent', NEWSLETTER_RATE_LIMIT: '2' } });
    try {
      const token = /name="form_token" value="([^"]+)"/.exec(await (await get(local, '/newsletters')).text())![1]!;
      const response = await fetch(`${local.url}/newsletters/subscribe`, {
        method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form({ email: 'local@example.test', lists: 'daily', form_token: token, website: '' }),
      });
      assert.equal(response.status, 303);
      const deadline = Date.now() + 10_000;
      let row;
      while (!(row = await local.ctx.store.db.selectFrom('mail_outbox').select(['id', 'status']).where('status', '=', 'stored').executeTakeFirst())) {
        if (Date.now() > deadline) throw new Error('the message was not stored');
        await sleep(50);
      }
      const admin = await createTestUser(local, 'admin');
      const session = await signIn(local, admin.email, admin.password);
      const headers = { cookie: session.cookie };
      const outbox = await (await get(local, '/newsroom/outbox', { headers })).text();
      assert.match(outbox, /local@example\.test/);
      assert.match(outbox, /no SMTP server/);
      const message = await (await get(local, `/newsroom/outbox/${row.id}`, { headers })).text();
      assert.match(message, /\/newsletters\/confirm\?s=/);
      const html = await get(local, `/newsroom/outbox/${row.id}/html`, { headers });
      assert.equal(html.status, 200);
      assert.match(await html.text(), /Confirm my subscription/);
      assert.equal((await get(local, '/newsroom/outbox/999999', { headers })).status, 404);
      // The per-IP limit: the third request in ten minutes is refused.
      const again = () => fetch(`${local.url}/newsletters/subscribe`, {
        method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form({ email: 'other@example.test', lists: 'daily', form_token: token, website: '' }),
      });
      assert.equal((await again()).status, 303);
      assert.equal((await again()).status, 429);
    } finally {
      await local.stop();
    }
  });
});
