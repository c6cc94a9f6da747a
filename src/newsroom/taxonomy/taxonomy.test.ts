/** Sections & tags over real HTTP: adding, describing and reordering sections; renaming tags with redirects; merging tags; refusals. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createArticle, ensureSection } from '../../content/articles.js';
import { tagsFor } from '../../content/queries.js';
import { computeRelatedIds, storedRelatedIds } from '../../content/related.js';
import type { Section } from '../../db/schema.js';
import { createTestUser, signIn, type SignedIn } from '../../../test/helpers/auth.js';
import { get, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import type { TagWithUses } from '../../content/taxonomy/store.js';

interface Overview {
  sections: (Section & { stories: number })[];
  tags: TagWithUses[];
}

describe('sections and tags', () => {
  let server: TestServer;
  let editorSession: SignedIn;
  let authorSession: SignedIn;
  let first: number;
  let second: number;

  before(async () => {
    server = await startTestServer({ seed: false });
    const editor = await createTestUser(server, 'editor');
    const author = await createTestUser(server, 'author');
    editorSession = await signIn(server, editor.email, editor.password);
    authorSession = await signIn(server, author.email, author.password);
    const sectionId = await ensureSection(server.ctx.store.db, { slug: 'science', name: 'Science' });
    first = await createArticle(server.ctx.store.db, {
      title: 'Glacier retreat measured from orbit', bodyHtml: '<p>New satellite data.</p>', sectionId, status: 'published', authorIds: [editor.id], tagNames: ['Climate', 'Weather'],
    });
    second = await createArticle(server.ctx.store.db, {
      title: 'Cities plan for hotter summers', bodyHtml: '<p>Shade and water.</p>', sectionId, status: 'published', authorIds: [editor.id], tagNames: ['Climate change'],
    });
  });

  after(async () => {
    await server?.stop();
  });

  async function overview(): Promise<Overview> {
    const response = await get(server, '/newsroom/taxonomy', { headers: { cookie: editorSession.cookie, accept: 'application/json' } });
    assert.equal(response.status, 200);
    return (await response.json()) as Overview;
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

  const tagId = async (slug: string) => (await overview()).tags.find((t) => t.slug === slug)!.id;
  const sectionOrder = async () => (await overview()).sections.map((s) => s.slug);

  it('adds sections with descriptions at the end, and refuses taken or reserved slugs', async () => {
    const added = await post(editorSession, '/newsroom/taxonomy/sections', { name: 'Health', description: 'Medicine, care and public health.' });
    assert.equal(added.status, 303);
    await post(editorSession, '/newsroom/taxonomy/sections', { name: 'Sport', slug: 'sport', description: '' });
    assert.deepEqual(await sectionOrder(), ['science', 'health', 'sport']);
    const page = await (await get(server, '/health')).text();
    assert.match(page, /Medicine, care and public health\./);

    const taken = await post(editorSession, '/newsroom/taxonomy/sections', { name: 'Health again', slug: 'health' });
    assert.equal(taken.status, 422);
    assert.match(await taken.text(), /already a section at \/health/);
    assert.equal((await post(editorSession, '/newsroom/taxonomy/sections', { name: 'Newsroom' }, true)).status, 422);
    assert.equal((await post(editorSession, '/newsroom/taxonomy/sections', { name: '' }, true)).status, 422);
    assert.equal((await overview()).sections.length, 3);
  });

  it('shows the edit pages of a section and a tag, escaped, and 404 for unknown ones', async () => {
    const sectionId = (await overview()).sections[0]!.id;
    const sectionPage = await get(server, `/newsroom/taxonomy/sections/${sectionId}`, { headers: { cookie: editorSession.cookie } });
    assert.equal(sectionPage.status, 200);
    assert.match(await sectionPage.text(), /name="_csrf"/);
    const tagPage = await get(server, `/newsroom/taxonomy/tags/${await tagId('climate')}`, { headers: { cookie: editorSession.cookie } });
    assert.equal(tagPage.status, 200);
    assert.match(await tagPage.text(), /Climate/);
    assert.equal((await get(server, '/newsroom/taxonomy/tags/999999', { headers: { cookie: editorSession.cookie } })).status, 404);
    assert.equal((await get(server, '/newsroom/taxonomy/sections/999999', { headers: { cookie: editorSession.cookie } })).status, 404);
    assert.equal((await get(server, `/newsroom/taxonomy/sections/${sectionId}`, { headers: { cookie: authorSession.cookie } })).status, 403);
  });

  it('edits a section’s name and description', async () => {
    const health = (await overview()).sections.find((s) => s.slug === 'health')!;
    const saved = await post(editorSession, `/newsroom/taxonomy/sections/${health.id}`, { name: 'Health & care', description: 'How we stay well.' });
    assert.equal(saved.status, 303);
    const page = await (await get(server, '/health')).text();
    assert.match(page, /How we stay well\./);
    assert.match(page, /Health &amp; care/);
  });

  it('reorders sections one step at a time and all at once, and the site navigation follows', async () => {
    const sections = (await overview()).sections;
    const sport = sections.find((s) => s.slug === 'sport')!;
    assert.equal((await post(editorSession, `/newsroom/taxonomy/sections/${sport.id}/move`, { direction: 'up' })).status, 303);
    assert.deepEqual(await sectionOrder(), ['science', 'sport', 'health']);
    await post(editorSession, `/newsroom/taxonomy/sections/${sport.id}/move`, { direction: 'up' });
    assert.deepEqual(await sectionOrder(), ['sport', 'science', 'health']);
    await post(editorSession, `/newsroom/taxonomy/sections/${sport.id}/move`, { direction: 'up' });
    assert.deepEqual(await sectionOrder(), ['sport', 'science', 'health'], 'the first section stays first');

    const bySlug = new Map(sections.map((s) => [s.slug, String(s.id)]));
    const ordered = await post(editorSession, '/newsroom/taxonomy/sections/order', { ids: ['health', 'science', 'sport'].map((s) => bySlug.get(s)!) }, true);
    assert.equal(ordered.status, 200);
    assert.deepEqual(await sectionOrder(), ['health', 'science', 'sport']);
    const home = await (await get(server, '/')).text();
    const nav = /<nav class="sections-nav"[\s\S]*?<\/nav>/.exec(home)?.[0] ?? '';
    assert.ok(nav.indexOf('/health') < nav.indexOf('/science') && nav.indexOf('/science') < nav.indexOf('/sport'), nav);
    assert.equal((await post(editorSession, '/newsroom/taxonomy/sections/order', { ids: ['99999'] }, true)).status, 422);
  });

  it('renames a tag; a new slug leaves a permanent redirect from the old tag page', async () => {
    const id = await tagId('weather');
    assert.equal((await get(server, '/tag/weather')).status, 200, 'the old tag page is served (and cached) before the rename');
    const renamed = await post(editorSession, `/newsroom/taxonomy/tags/${id}`, { name: 'Storms', slug: 'storms' });
    assert.equal(renamed.status, 303);
    const old = await get(server, '/tag/weather');
    assert.equal(old.status, 301);
    assert.equal(new URL(old.headers.get('location')!, server.url).pathname, '/tag/storms');
    const page = await get(server, '/tag/storms');
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Glacier retreat measured from orbit/);
    assert.deepEqual((await tagsFor(server.ctx.store.db, first)).map((t) => t.name), ['Climate', 'Storms']);

    const clash = await post(editorSession, `/newsroom/taxonomy/tags/${id}`, { name: 'Storms', slug: 'climate' });
    assert.equal(clash.status, 409);
    assert.match(await clash.text(), /Merge this tag into it instead/);
    assert.equal((await post(editorSession, `/newsroom/taxonomy/tags/${id}`, { name: 'Storms', slug: 'Not A Slug' }, true)).status, 422);
  });

  it('merges one tag into another: stories move, the old tag goes and its page redirects', async () => {
    const from = await tagId('climate-change');
    const merged = await post(editorSession, `/newsroom/taxonomy/tags/${from}/merge`, { into: 'Climate' });
    assert.equal(merged.status, 303);
    const tags = (await overview()).tags;
    assert.equal(tags.find((t) => t.slug === 'climate-change'), undefined);
    assert.equal(tags.find((t) => t.slug === 'climate')!.uses, 2);
    assert.deepEqual((await tagsFor(server.ctx.store.db, second)).map((t) => t.slug), ['climate']);
    const found = await get(server, '/newsroom/taxonomy?q=clim', { headers: { cookie: editorSession.cookie, accept: 'application/json' } });
    assert.deepEqual(((await found.json()) as Overview).tags.map((t) => t.slug), ['climate']);
    const wildcard = await get(server, '/newsroom/taxonomy?q=_', { headers: { cookie: editorSession.cookie, accept: 'application/json' } });
    assert.deepEqual(((await wildcard.json()) as Overview).tags, []);
    const old = await get(server, '/tag/climate-change');
    assert.equal(old.status, 301);
    assert.equal(new URL(old.headers.get('location')!, server.url).pathname, '/tag/climate');
    const page = await (await get(server, '/tag/climate')).text();
    assert.match(page, /Glacier retreat measured from orbit/);
    assert.match(page, /Cities plan for hotter summers/);

    // The merged tag's stories are related again in the background, to each other now that they share a tag.
    for (const story of [first, second]) {
      let stored = await storedRelatedIds(server.ctx.store.db, story);
      for (let attempt = 0; attempt < 100 && stored === null; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        stored = await storedRelatedIds(server.ctx.store.db, story);
      }
      assert.deepEqual(stored, await computeRelatedIds(server.ctx.store.db, story), `story ${story} has its list stored again`);
      assert.ok(stored.includes(story === first ? second : first), 'the two climate stories are related');
    }

    const climate = await tagId('climate');
    assert.equal((await post(editorSession, `/newsroom/taxonomy/tags/${climate}/merge`, { into: 'climate' }, true)).status, 422);
    assert.equal((await post(editorSession, `/newsroom/taxonomy/tags/${climate}/merge`, { into: 'No such tag' })).status, 422);
  });

  it('refuses every change to an author and without a CSRF token', async () => {
    const before = await overview();
    const climate = before.tags.find((t) => t.slug === 'climate')!;
    assert.equal((await get(server, '/newsroom/taxonomy', { headers: { cookie: authorSession.cookie } })).status, 403);
    assert.equal((await post(authorSession, '/newsroom/taxonomy/sections', { name: 'Opinion' })).status, 403);
    assert.equal((await post(authorSession, `/newsroom/taxonomy/tags/${climate.id}`, { name: 'Weather', slug: 'weather' })).status, 403);
    assert.equal((await post(authorSession, `/newsroom/taxonomy/sections/${before.sections[0]!.id}/move`, { direction: 'down' })).status, 403);
    const forged = await fetch(`${server.url}/newsroom/taxonomy/sections`, {
      method: 'POST',
      headers: { cookie: editorSession.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Opinion',
    });
    assert.equal(forged.status, 403);
    assert.deepEqual(await overview(), before);
  });
});
