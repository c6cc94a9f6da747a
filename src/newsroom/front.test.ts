/** The front page arrangement over real HTTP: who may, the saved order on the home page, the cache purge, the preview, and reordering without JavaScript. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createArticle } from '../content/articles.js';
import { loadArrangement } from '../content/front/store.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { createTestUser, signIn, type SignedIn, type TestUser } from '../../test/helpers/auth.js';
import { saveStory } from '../content/commands/save-story.js';
import { loadEditableStory } from '../content/workflow.js';

let server: TestServer;
let writer: TestUser;
let editor: SignedIn;
const story: Record<string, number> = {};
let newsId = 0;
let opinionId = 0;

async function post(path: string, fields: [string, string][], cookie: string): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams(fields).toString(),
  });
}

async function page(path: string, cookie?: string): Promise<Response> {
  return fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

/** Headlines in the order the home page shows them, from the top stories on. */
function topOrder(html: string): string[] {
  return [...html.slice(html.indexOf('id="latest-title"')).matchAll(/>(Story \d+)</g)].map((m) => m[1]!);
}

function leadOf(html: string): string {
  return /aria-label="Lead story"[\s\S]*?>(Story \d+)</.exec(html)?.[1] ?? '';
}

/** A full form as the page posts it: top stories with their position fields, every section in order. */
function arrangement(options: { lead?: string; related?: string[]; top?: [string, string][]; opinion?: string; csrf: string }): [string, string][] {
  return [
    ['_csrf', options.csrf],
    ['lead', options.lead ?? ''],
    ...(options.related ?? []).map((id): [string, string] => ['related', id]),
    ...(options.top ?? []).flatMap(([id, position]): [string, string][] => [['top', id], ['topPosition', position]]),
    ['sections', String(opinionId)], ['sectionsPosition', '1'],
    ['sections', String(newsId)], ['sectionsPosition', '2'],
    ['opinion', options.opinion ?? ''],
  ];
}

describe('newsroom front page', () => {
  before(async () => {
    server = await startTestServer({ seed: false });
    const db = server.ctx.store.db;
    newsId = (await db.insertInto('sections').values({ slug: 'news', name: 'News', description: '', position: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    opinionId = (await db.insertInto('sections').values({ slug: 'opinion', name: 'Opinion', description: '', position: 1 }).returning('id').executeTakeFirstOrThrow()).id;
    writer = await createTestUser(server, 'editor');
    for (let i = 1; i <= 12; i++) {
      story[i] = await createArticle(db, {
        title: `Story ${i}`, bodyHtml: '<p>Text.</p>', sectionId: i % 5 === 0 ? opinionId : newsId, status: 'published',
        publishedAt: new Date(Date.UTC(2026, 10, i)).toISOString(), authorIds: [writer.id],
      });
    }
    story.draft = await createArticle(db, { title: 'Story 99', bodyHtml: '<p>Text.</p>', sectionId: newsId, status: 'draft', authorIds: [writer.id] });
    editor = await signIn(server, writer.email, writer.password);
  });
  after(async () => {
    await server?.stop();
  });

  it('is for editors and admins: linked in their navigation, refused to authors', async () => {
    const author = await createTestUser(server, 'author');
    const authorSession = await signIn(server, author.email, author.password);
    assert.equal((await page('/newsroom/front', authorSession.cookie)).status, 403);
    assert.equal((await post('/newsroom/front', arrangement({ lead: String(story[3]), csrf: authorSession.csrf }), authorSession.cookie)).status, 403);
    assert.equal((await post('/newsroom/front/preview', arrangement({ lead: String(story[3]), csrf: authorSession.csrf }), authorSession.cookie)).status, 403);
    assert.doesNotMatch(await (await page('/newsroom', authorSession.cookie)).text(), /href="\/newsroom\/front"/);
    const response = await page('/newsroom/front', editor.cookie);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /href="\/newsroom\/front" aria-current="page"/);
    assert.match(html, /Nobody has arranged the front yet/);
    assert.match(html, /src="\/newsroom\/assets\/front\.js\?v=/, 'the drag script is a module from the newsroom bundle, no inline script');
    assert.doesNotMatch(html, /<script>/);
    const search = await (await page('/newsroom/front?q=story%2011', editor.cookie)).text();
    assert.match(search, /<option value="\d+">Story 11 \(News/);
    assert.doesNotMatch(search, /<option value="\d+">Story 4 \(/, 'the search narrows the stories offered');
  });

  it('saves the arrangement: the home page shows the lead, its related links and the top stories in order, purged at once', async () => {
    const before = await page('/');
    assert.equal(leadOf(await before.text()), 'Story 12', 'the automatic front leads with the newest story');
    const again = await page('/');
    assert.equal(again.headers.get('x-page-cache'), 'hit', 'the front is cached');
    await again.text();

    // Positions decide the order, whatever order the rows were posted in.
    const saved = await post('/newsroom/front', arrangement({ lead: String(story[3]), related: [String(story[7])], top: [[String(story[1]), '3'], [String(story[8]), '1'], [String(story[2]), '2']], opinion: String(opinionId), csrf: editor.csrf }), editor.cookie);
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), '/newsroom/front?saved=1');
    const home = await page('/');
    assert.equal(home.headers.get('x-page-cache'), 'miss', 'saving purged the cached front');
    const html = await home.text();
    assert.equal(leadOf(html), 'Story 3');
    assert.match(html, /class="lead-related"[\s\S]*?>Story 7</);
    assert.deepEqual(topOrder(html).slice(0, 3), ['Story 8', 'Story 2', 'Story 1']);
    assert.match(html, /class="opinion-rail"/);
    assert.ok(html.indexOf('id="block-opinion"') === -1, 'the opinion section is the rail, not also a block');
    assert.match(await (await page('/newsroom/front?saved=1', editor.cookie)).text(), /The front is saved/);
  });

  it('refuses a draft as the lead with 422, keeping every choice typed', async () => {
    const stored = await loadArrangement(server.ctx.store.db);
    const refused = await post('/newsroom/front', arrangement({ lead: String(story.draft), top: [[String(story[9]), '1'], [String(story[4]), '2']], csrf: editor.csrf }), editor.cookie);
    assert.equal(refused.status, 422);
    const html = await refused.text();
    assert.match(html, /Choose a published story for the lead/);
    assert.match(html, new RegExp(`<option value="${story.draft}" selected>Story ${story.draft} \\(not published\\)`));
    assert.match(html, new RegExp(`name="top"[^>]*>[\\s\\S]*?<option value="${story[9]}" selected>Story 9`));
    assert.deepEqual(await loadArrangement(server.ctx.store.db), stored, 'nothing was saved');
  });

  it('reorders without JavaScript: an arrow button shows the new order and saves nothing', async () => {
    const stored = await loadArrangement(server.ctx.store.db);
    const moved = await post('/newsroom/front', [...arrangement({ lead: String(story[3]), top: [[String(story[8]), '1'], [String(story[2]), '2']], csrf: editor.csrf }), ['move', 'top:1:up']], editor.cookie);
    assert.equal(moved.status, 200);
    const html = await moved.text();
    assert.match(html, /Nothing is saved until you press/);
    const chosen = [...html.matchAll(/name="top"[^>]*>[\s\S]*?<option value="(\d+)" selected>/g)].map((m) => Number(m[1]));
    assert.deepEqual(chosen.slice(0, 2), [story[2], story[8]]);
    assert.deepEqual(await loadArrangement(server.ctx.store.db), stored);
  });

  it('previews an unsaved arrangement with the real home page, marked, never cached, changing nothing', async () => {
    const preview = await post('/newsroom/front/preview', arrangement({ lead: String(story[5]), top: [[String(story[6]), '1']], csrf: editor.csrf }), editor.cookie);
    assert.equal(preview.status, 200);
    assert.match(preview.headers.get('cache-control') ?? '', /private/);
    assert.equal(preview.headers.get('x-page-cache'), null, 'the preview does not go through the page cache');
    const html = await preview.text();
    assert.match(html, /Preview of an unsaved arrangement/);
    assert.match(html, /<meta name="robots" content="noindex/);
    assert.equal(leadOf(html), 'Story 5');
    assert.equal(topOrder(html)[0], 'Story 6');
    const home = await (await page('/')).text();
    assert.equal(leadOf(home), 'Story 3', 'readers still see the saved front');
    assert.doesNotMatch(home, /Preview of an unsaved/);
  });

  it('falls back to the automatic front when a chosen story is unpublished, and the unpublishing purges the front', async () => {
    assert.equal(leadOf(await (await page('/')).text()), 'Story 3');
    assert.equal((await page('/')).headers.get('x-page-cache'), 'hit');
    const { article, authorIds, tagNames } = await loadEditableStory(server.ctx.store.db, story[3]!);
    await saveStory(server.ctx, { id: writer.id, email: writer.email, name: writer.name, slug: 'front-writer', role: 'editor' }, story[3]!, {
      title: article.title, dek: article.dek, bodyHtml: article.body_html, slug: article.slug, sectionId: article.section_id, tagNames, authorIds,
      featuredMediaId: article.featured_media_id, seoTitle: article.seo_title, seoDescription: article.seo_description, canonicalUrl: article.canonical_url,
      commentsOpen: article.comments_open === 1, publishAt: null, expectedVersion: article.version, correction: '',
    }, 'unpublish');
    // The purge looks up the source pages the story cites before it ends; until then the cache stands aside.
    await server.app.pageCache.settled();
    const home = await page('/');
    assert.equal(home.headers.get('x-page-cache'), 'miss');
    const html = await home.text();
    assert.equal(leadOf(html), 'Story 12', 'the newest story leads in its place');
    assert.doesNotMatch(html, />Story 3</);
  });
});
