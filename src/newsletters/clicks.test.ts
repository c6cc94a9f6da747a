/**
 * Per-edition click counts on a real server and SMTP server: off by default (the mail links straight to the story and
 * nothing is stored); an administrator turns them on in the newsroom, and the next edition's links go through a
 * signed redirect that counts and sends the reader on, only to that edition's own links; counts show per edition.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ParsedMail } from 'mailparser';
import { createArticle, ensureSection } from '../content/articles.js';
import { findStory } from '../content/queries.js';
import { createTestUser, signIn, type SignedIn } from '../../test/helpers/auth.js';
import { startMailSink, type MailSink } from '../../test/helpers/mail-sink.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';

let sink: MailSink;
let server: TestServer;
let admin: SignedIn;
let editor: SignedIn;
let storyId: number;
let storyUrl: string;
const reader = 'clicker@example.test';

before(async () => {
  sink = await startMailSink();
  server = await startTestServer({ seed: false, env: { SMTP_URL: sink.url, MAIL_FROM: 'Gazette <news@gazette.test>' } });
  const db = server.ctx.store.db;
  const sectionId = await ensureSection(db, { slug: 'world', name: 'World' });
  const adminUser = await createTestUser(server, 'admin');
  const editorUser = await createTestUser(server, 'editor');
  admin = await signIn(server, adminUser.email, adminUser.password);
  editor = await signIn(server, editorUser.email, editorUser.password);
  storyId = await createArticle(db, { title: 'A story worth a click', dek: 'Read on.', bodyHtml: '<p>Text.</p>', sectionId, status: 'published', publishedAt: new Date().toISOString(), authorIds: [adminUser.id] });
  storyUrl = `${server.url}${(await findStory(db, { id: storyId }))!.url}`;
  const at = new Date().toISOString();
  const row = await db.insertInto('subscribers').values({ email: reader, status: 'active', created_at: at, confirmed_at: at }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('subscriptions').values({ subscriber_id: row.id, list_key: 'weekly', confirmed: 1, created_at: at }).execute();
});

after(async () => {
  await server?.stop();
  await sink?.close();
});

function post(path: string, session: SignedIn, values: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST', redirect: 'manual', headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: session.csrf, ...values }).toString(),
  });
}

/** Composes and sends an edition with the story through the newsroom; returns its id and the reader's copy. */
async function sendEdition(subject: string): Promise<{ id: number; mail: ParsedMail }> {
  const seen = sink.to(reader).length;
  const values = { list: 'weekly', subject, intro: 'Hello.', stories: String(storyId) };
  const created = await post('/newsroom/newsletters', editor, values);
  assert.equal(created.status, 303);
  const path = created.headers.get('location')!.replace(/\?.*$/, '');
  assert.equal((await post(path, editor, { ...values, action: 'send' })).status, 303);
  const deadline = Date.now() + 15_000;
  while (sink.to(reader).length <= seen) {
    if (Date.now() > deadline) throw new Error(`the edition “${subject}” did not arrive`);
    await sleep(50);
  }
  return { id: Number(path.split('/').pop()), mail: sink.to(reader)[seen]! };
}

const counted = /http:\/\/127\.0\.0\.1:\d+\/newsletters\/c\/\d+\/\d+\/[\w-]{16}/g;

test('without the setting no link is rewritten and nothing is counted', async () => {
  const overview = await (await get(server, '/newsroom/newsletters', { headers: { cookie: editor.cookie } })).text();
  assert.match(overview, /Off \(the default\)/);
  assert.match(overview, /nothing tracks opens or clicks/);
  const { id, mail } = await sendEdition('Not counted');
  assert.ok((mail.text ?? '').includes(storyUrl), 'the story link goes straight to the story');
  assert.ok((mail.html as string).includes(`href="${storyUrl}"`));
  assert.doesNotMatch(`${mail.text}${mail.html}`, /\/newsletters\/c\//);
  const links = await server.ctx.store.db.selectFrom('edition_links').selectAll().where('edition_id', '=', id).execute();
  assert.deepEqual(links, []);
});

test('only an administrator turns click counts on', async () => {
  assert.equal((await post('/newsroom/newsletters/click-counts', editor, { on: '1' })).status, 403);
  assert.equal((await post('/newsroom/newsletters/click-counts', admin, { on: 'maybe' })).status, 400);
  const on = await post('/newsroom/newsletters/click-counts', admin, { on: '1' });
  assert.equal(on.status, 303);
  const overview = await (await get(server, on.headers.get('location')!, { headers: { cookie: admin.cookie } })).text();
  assert.match(overview, /Click counts are on/);
  assert.match(overview, /Stop counting clicks/);
});

test('with the setting, the edition’s links count through a signed redirect to that edition’s own links only', async () => {
  const { id, mail } = await sendEdition('Counted');
  const textLinks = (mail.text ?? '').match(counted) ?? [];
  const htmlLinks = (mail.html as string).match(counted) ?? [];
  assert.ok(textLinks.length >= 2, `counted links in the text: ${mail.text}`);
  assert.deepEqual([...new Set(htmlLinks)].sort(), [...new Set(textLinks)].sort(), 'both parts share the same counted links');
  assert.ok(!(mail.text ?? '').includes(storyUrl), 'the story is reached through the counter');
  // The reader's own links are left alone: they name the reader, and unsubscribing must never depend on a redirect.
  assert.match(mail.text ?? '', /\/newsletters\/unsubscribe\?s=\d+/);
  assert.match(mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line, /\/newsletters\/unsubscribe\?s=/);

  const targets = new Map<string, string>();
  for (const link of new Set(textLinks)) {
    const response = await fetch(link, { redirect: 'manual' });
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    targets.set(link, response.headers.get('location')!);
  }
  const storyLink = [...targets].find(([, target]) => target === storyUrl)?.[0];
  assert.ok(storyLink, `one counted link leads to the story: ${[...targets.values()].join(', ')}`);
  assert.equal((await fetch(storyLink)).status, 200, 'followed to the end, the story opens');
  assert.equal((await fetch(storyLink, { method: 'HEAD', redirect: 'manual' })).status, 302);

  // Tampered signature, another edition's number, a position the edition does not have: refused, nothing counted.
  const [, editionPart, position, signature] = /\/c\/(\d+)\/(\d+)\/([\w-]+)$/.exec(storyLink)!;
  const base = storyLink.slice(0, storyLink.indexOf('/newsletters/c/'));
  const forged = `${signature!.slice(0, -1)}${signature!.endsWith('A') ? 'B' : 'A'}`;
  assert.equal((await fetch(`${base}/newsletters/c/${editionPart}/${position}/${forged}`, { redirect: 'manual' })).status, 404);
  assert.equal((await fetch(`${base}/newsletters/c/${Number(editionPart) + 1}/${position}/${signature}`, { redirect: 'manual' })).status, 404);
  assert.equal((await fetch(`${base}/newsletters/c/${editionPart}/999/${signature}`, { redirect: 'manual' })).status, 404);
  assert.equal((await fetch(`${base}/newsletters/c/${editionPart}/${position}/https%3A%2F%2Fevil.example`, { redirect: 'manual' })).status, 404);

  const rows = await server.ctx.store.db.selectFrom('edition_links').select(['url', 'clicks']).where('edition_id', '=', id).execute();
  assert.equal(rows.find((r) => r.url === storyUrl)?.clicks, 2, 'two GETs counted; the HEAD and the refusals were not');
  const total = rows.reduce((sum, r) => sum + r.clicks, 0);
  assert.equal(total, targets.size + 1);

  const editionPage = await (await get(server, `/newsroom/newsletters/${id}`, { headers: { cookie: editor.cookie } })).text();
  assert.match(editionPage, new RegExp(`Clicks: ${total}`));
  assert.ok(editionPage.includes(`<td><a href="${storyUrl}">${storyUrl}</a></td><td>2</td>`), 'the story link with its two clicks');
  const overview = await (await get(server, '/newsroom/newsletters', { headers: { cookie: editor.cookie } })).text();
  assert.match(overview, /<th scope="col">Clicks<\/th>/);
  assert.match(overview, /not counted/, 'the edition sent before counting was on says so');
});

test('turned off again, the next edition links straight to its pages', async () => {
  assert.equal((await post('/newsroom/newsletters/click-counts', admin, { on: '0' })).status, 303);
  const { id, mail } = await sendEdition('Not counted again');
  assert.doesNotMatch(`${mail.text}${mail.html}`, /\/newsletters\/c\//);
  assert.ok((mail.text ?? '').includes(storyUrl));
  assert.equal((await server.ctx.store.db.selectFrom('edition_links').select('position').where('edition_id', '=', id).execute()).length, 0);
});
