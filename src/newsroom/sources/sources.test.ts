/**
 * The sources directory over real HTTP: the newsroom's list, search, add, edit, merge and proposal pages (with their
 * refusals), the picker's JSON, and the public side: a story's Sources box and JSON-LD, the source page, its redirect
 * after a merge, and the 404 with a search box.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createArticle, ensureSection } from '../../content/articles.js';
import { systemActor } from '../../accounts/actor.js';
import { backfillSources } from '../../sources/backfill.js';
import { createTestUser, signIn, type SignedIn } from '../../../test/helpers/auth.js';
import { get, startTestServer, type TestServer } from '../../../test/helpers/server.js';

interface PickerSource { id: number; slug: string; name: string; kind: string; line: string; path: string }

describe('sources over HTTP', () => {
  let server: TestServer;
  let editor: SignedIn;
  let contributor: SignedIn;
  let sectionId: number;
  let authorId: number;

  before(async () => {
    server = await startTestServer({ seed: false });
    const editorUser = await createTestUser(server, 'editor');
    const contributorUser = await createTestUser(server, 'contributor');
    authorId = editorUser.id;
    editor = await signIn(server, editorUser.email, editorUser.password);
    contributor = await signIn(server, contributorUser.email, contributorUser.password);
    sectionId = await ensureSection(server.ctx.store.db, { slug: 'world', name: 'World' });
  });
  after(async () => server?.stop());

  async function post(session: SignedIn, pathname: string, fields: Record<string, string>, json = false): Promise<Response> {
    return fetch(`${server.url}${pathname}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', ...(json ? { accept: 'application/json' } : {}) },
      body: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
    });
  }

  async function pick(session: SignedIn, q: string): Promise<PickerSource[]> {
    const response = await get(server, `/newsroom/sources?q=${encodeURIComponent(q)}`, { headers: { cookie: session.cookie, accept: 'application/json' } });
    assert.equal(response.status, 200);
    return ((await response.json()) as { sources: PickerSource[] }).sources;
  }

  it('adds, lists and searches sources in any script; a contributor may add but not edit', async () => {
    assert.equal((await post(editor, '/newsroom/sources', { kind: 'organisation', name: 'Syrian Observatory for Human Rights', orgType: 'monitoring', description: 'A UK-based monitoring group with a network of sources on the ground.', url: 'https://www.syriahr.com/en/' })).status, 303);
    assert.equal((await post(editor, '/newsroom/sources', { kind: 'organisation', name: 'Министерство обороны', orgType: 'ministry' })).status, 303);
    const created = await post(contributor, '/newsroom/sources', { kind: 'person', name: 'رامي عبد الرحمن', role: 'Director', affiliation: 'Syrian Observatory for Human Rights' }, true);
    assert.equal(created.status, 201);
    const person = ((await created.json()) as { source: PickerSource }).source;
    assert.equal(person.name, 'رامي عبد الرحمن');
    assert.equal(person.line, 'Director, Syrian Observatory for Human Rights');
    assert.deepEqual((await pick(contributor, 'министерство')).map((s) => s.name), ['Министерство обороны']);
    assert.deepEqual((await pick(contributor, 'عبد الرحمن')).map((s) => s.name), ['رامي عبد الرحمن']);
    const list = await (await get(server, '/newsroom/sources?q=observatory', { headers: { cookie: editor.cookie } })).text();
    assert.match(list, /Syrian Observatory for Human Rights/);
    assert.match(list, /Monitoring group/);
    const all = await (await get(server, '/newsroom/sources?kind=person', { headers: { cookie: contributor.cookie } })).text();
    assert.match(all, /رامي عبد الرحمن/);
    assert.doesNotMatch(all, /Edit or merge/, 'a contributor sees no edit links');
    assert.equal((await get(server, `/newsroom/sources/${person.id}`, { headers: { cookie: contributor.cookie } })).status, 403);
    assert.equal((await post(contributor, `/newsroom/sources/${person.id}`, { kind: 'person', name: 'X' })).status, 403);
  });

  it('refuses bad input with the form shown again and the problem named', async () => {
    const missing = await post(editor, '/newsroom/sources', { kind: 'organisation', name: '' });
    assert.equal(missing.status, 422);
    const page = await missing.text();
    assert.match(page, /A name is required/);
    const twin = await post(editor, '/newsroom/sources', { kind: 'organisation', name: 'SYRIAN OBSERVATORY FOR HUMAN RIGHTS', orgType: 'monitoring' });
    assert.equal(twin.status, 409);
    assert.match(await twin.text(), /already in the directory/);
    const badLink = await post(editor, '/newsroom/sources', { kind: 'document', name: 'Report', url: 'ftp://x' }, true);
    assert.equal(badLink.status, 422);
    assert.match(JSON.stringify(await badLink.json()), /web address/);
    assert.equal((await get(server, '/newsroom/sources/999999', { headers: { cookie: editor.cookie } })).status, 404);
    assert.equal((await get(server, '/newsroom/sources/abc', { headers: { cookie: editor.cookie } })).status, 404);
  });

  it('shows what a story cites: the Sources box, JSON-LD, and the source page newest first', async () => {
    const [observatory] = await pick(editor, 'syrian observatory');
    const [ministry] = await pick(editor, 'министерство');
    const report = await post(editor, '/newsroom/sources', { kind: 'document', name: 'Casualty bulletin, March', affiliation: 'Syrian Observatory for Human Rights', publishedOn: '2026-03-02', url: 'https://example.org/bulletin.pdf' }, true);
    const bulletin = ((await report.json()) as { source: PickerSource }).source;
    const body = [
      `<p>At least 40 people were killed, according to <cite data-source="${observatory!.slug}">the Syrian Observatory</cite>.</p>`,
      `<figure class="quote"><blockquote cite="https://example.org/bulletin.pdf"><p>The shelling did not stop all night.</p></blockquote><figcaption><cite data-source="${observatory!.id}">Syrian Observatory for Human Rights</cite>, in its bulletin</figcaption></figure>`,
      `<figure class="quote"><blockquote><p>Всё под контролем.</p></blockquote><figcaption><cite data-source="${ministry!.id}">Министерство обороны</cite></figcaption></figure>`,
      `<p>The figures are in <cite data-source="${bulletin.id}">the March bulletin</cite>.</p>`,
    ].join('');
    await createArticle(server.ctx.store.db, { title: 'Older report', bodyHtml: `<p>Earlier, said <cite data-source="${observatory!.id}">SOHR</cite>.</p>`, sectionId, status: 'published', authorIds: [authorId], publishedAt: '2026-02-01T09:00:00.000Z' });
    const newer = await createArticle(server.ctx.store.db, { title: 'Shelling continues', bodyHtml: body, sectionId, status: 'published', authorIds: [authorId], publishedAt: '2026-03-03T09:00:00.000Z' });
    const storyHtml = await (await get(server, '/world/2026/03/shelling-continues')).text();
    const box = /<aside class="sources-box"[\s\S]*?<\/aside>/.exec(storyHtml)?.[0] ?? '';
    assert.match(box, /Syrian Observatory for Human Rights/);
    assert.match(box, /Министерство обороны/);
    assert.match(box, /Casualty bulletin, March/);
    assert.match(box, /Monitoring group/);
    assert.match(box, /href="https:\/\/example.org\/bulletin.pdf"/);
    assert.equal((box.match(/<li/g) ?? []).length, 3, 'each source once');
    const ld = [...storyHtml.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!.replace(/\\u003c/g, '<')) as Record<string, unknown>);
    const flat = ld.flatMap((item) => (Array.isArray(item) ? item : [item])) as Record<string, unknown>[];
    const article = flat.find((item) => item['@type'] === 'NewsArticle')!;
    assert.ok(JSON.stringify(article.citation).includes('Casualty bulletin, March'), JSON.stringify(article.citation));
    const quotations = flat.filter((item) => item['@type'] === 'Quotation');
    assert.deepEqual(quotations.map((q) => (q.creator as { name: string }).name), ['Syrian Observatory for Human Rights', 'Министерство обороны']);

    const sourcePage = await get(server, `/source/${observatory!.slug}`);
    assert.equal(sourcePage.status, 200);
    const html = await sourcePage.text();
    assert.match(html, /A UK-based monitoring group/);
    assert.ok(html.indexOf('Shelling continues') < html.indexOf('Older report') && html.indexOf('Older report') > 0, 'newest first');
    assert.match(html, /The shelling did not stop all night\./);
    assert.match(html, /Cited in 2 stories/);
    assert.ok(newer > 0);
    const api = (await (await get(server, `/api/v1/stories/${newer}`)).json()) as { data: { sources: { slug: string; kind: string }[] } };
    assert.deepEqual(api.data.sources.map((s) => s.slug), [observatory!.slug, ministry!.slug, bulletin.slug]);
    const filtered = await (await get(server, `/search?q=shelling&source=${ministry!.slug}`)).text();
    assert.match(filtered, /href="\/world\/2026\/03\/shelling-continues"/);
    assert.match(filtered, /Citing Министерство обороны/);
    const none = await (await get(server, `/search?q=earlier&source=${ministry!.slug}`)).text();
    assert.doesNotMatch(none, /older-report/);
    assert.equal((await get(server, '/search?q=shelling&source=no-such-source')).status, 400);
    const ministryPage = await (await get(server, `/source/${ministry!.slug}`)).text();
    assert.match(ministryPage, /Всё под контролем\./);
  });

  it('merges with a redirect and refuses merging into itself; unknown slugs are a 404 with a search box', async () => {
    const duplicate = ((await (await post(editor, '/newsroom/sources', { kind: 'organisation', name: 'SOHR monitor', orgType: 'monitoring' }, true)).json()) as { source: PickerSource }).source;
    const self = await post(editor, `/newsroom/sources/${duplicate.id}/merge`, { into: duplicate.slug });
    assert.equal(self.status, 422);
    assert.match(await self.text(), /cannot be merged into itself/);
    const merged = await post(editor, `/newsroom/sources/${duplicate.id}/merge`, { into: 'Syrian Observatory for Human Rights' });
    assert.equal(merged.status, 303);
    const [observatory] = await pick(editor, 'syrian observatory');
    assert.equal(merged.headers.get('location'), `/newsroom/sources/${observatory!.id}?notice=merged`);
    const old = await get(server, `/source/${duplicate.slug}`, { redirect: 'manual' });
    assert.equal(old.status, 301);
    assert.equal(old.headers.get('location'), `/source/${observatory!.slug}`);
    const back = await post(editor, `/newsroom/sources/${observatory!.id}/merge`, { into: String(duplicate.id) }, true);
    assert.equal(back.status, 422);
    assert.match(JSON.stringify(await back.json()), /circular merge/);
    const edit = await (await get(server, `/newsroom/sources/${observatory!.id}?notice=merged`, { headers: { cookie: editor.cookie } })).text();
    assert.match(edit, /Sources merged/);
    const saved = await post(editor, `/newsroom/sources/${observatory!.id}`, { kind: 'organisation', name: 'Syrian Observatory for Human Rights', orgType: 'monitoring', description: 'Based in Coventry.' });
    assert.equal(saved.status, 303);
    assert.match(await (await get(server, `/source/${observatory!.slug}`)).text(), /Based in Coventry\./);

    const unknown = await get(server, '/source/syrian-observatroy');
    assert.equal(unknown.status, 404);
    const page = await unknown.text();
    assert.match(page, /role="search"/);
    assert.match(page, /value="syrian observatroy"/);
  });

  it('lists the backfill proposals for the desk, who confirms, links or dismisses them', async () => {
    const quote = (name: string) => `<figure class="quote"><blockquote><p>Words.</p></blockquote><figcaption><cite>${name}</cite></figcaption></figure>`;
    await createArticle(server.ctx.store.db, { title: 'Aid one', bodyHtml: quote('U.N.'), sectionId, status: 'published', authorIds: [authorId] });
    await createArticle(server.ctx.store.db, { title: 'Aid two', bodyHtml: quote('UN'), sectionId, status: 'published', authorIds: [authorId] });
    await createArticle(server.ctx.store.db, { title: 'Aid three', bodyHtml: quote('S.O.H.R'), sectionId, status: 'published', authorIds: [authorId] });
    await createArticle(server.ctx.store.db, { title: 'Aid four', bodyHtml: quote('a witness'), sectionId, status: 'published', authorIds: [authorId] });
    await backfillSources(server.ctx, systemActor('test'));
    const page = await (await get(server, '/newsroom/sources/proposals', { headers: { cookie: editor.cookie } })).text();
    const ids = [...page.matchAll(/data-proposal-id="(\d+)"[\s\S]*?<h2[^>]*>([^<]+)<\/h2>/g)].map((m) => ({ id: m[1]!, name: m[2]! }));
    assert.deepEqual(ids.map((p) => p.name).sort(), ['S.O.H.R', 'UN', 'a witness']);
    const un = ids.find((p) => p.name === 'UN')!;
    assert.equal((await post(contributor, `/newsroom/sources/proposals/${un.id}`, { decision: 'dismiss' })).status, 403);
    const create = await post(editor, `/newsroom/sources/proposals/${un.id}`, { decision: 'create', kind: 'organisation', name: 'United Nations', orgType: 'international' });
    assert.equal(create.status, 303);
    const sohr = ids.find((p) => p.name === 'S.O.H.R')!;
    const bad = await post(editor, `/newsroom/sources/proposals/${sohr.id}`, { decision: 'merge', into: 'Nobody at all' });
    assert.equal(bad.status, 422);
    assert.equal((await post(editor, `/newsroom/sources/proposals/${sohr.id}`, { decision: 'merge', into: 'Syrian Observatory for Human Rights' })).status, 303);
    const witness = ids.find((p) => p.name === 'a witness')!;
    assert.equal((await post(editor, `/newsroom/sources/proposals/${witness.id}`, { decision: 'dismiss' })).status, 303);
    assert.match(await (await get(server, '/newsroom/sources/proposals?notice=dismissed', { headers: { cookie: editor.cookie } })).text(), /Nothing waits/);
    const [un2] = await pick(editor, 'united nations');
    const unPage = await (await get(server, `/source/${un2!.slug}`)).text();
    assert.match(unPage, /Cited in 2 stories/);
  });
});
