/** Related-stories lists on a real database and server: stored on publish, kept current for neighbours, dropped on unpublish, worked out at read time when missing, and rebuilt by reindex. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import type { SessionUser } from '../accounts/sessions.js';
import { createTestUser } from '../../test/helpers/auth.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { createArticle, ensureSection } from './articles.js';
import { findStory } from './queries.js';
import { computeRelatedIds, forgetRelatedLists, rebuildRelatedLists, storedRelatedIds, workOutRelatedLists } from './related.js';
import { saveStory } from './commands/save-story.js';
import { loadEditableStory } from './workflow.js';

let server: TestServer;
let editor: SessionUser;
let sectionId: number;
let minutes = 0;

async function publish(title: string, tagNames: string[]): Promise<number> {
  minutes += 1;
  return createArticle(server.ctx.store.db, {
    title, bodyHtml: `<p>${title}.</p>`, sectionId, status: 'published', tagNames,
    publishedAt: new Date(Date.UTC(2026, 0, 1, 0, minutes)).toISOString(), authorIds: [editor.id],
  });
}

async function relatedTitles(id: number): Promise<string[]> {
  const story = await findStory(server.ctx.store.db, { id });
  assert.ok(story);
  const response = await get(server, story.url);
  assert.equal(response.status, 200);
  const $ = cheerio.load(await response.text());
  return $('.related-list li h3').map((_, el) => $(el).text().trim()).get();
}

async function unpublish(id: number): Promise<void> {
  const { article, authorIds, tagNames } = await loadEditableStory(server.ctx.store.db, id);
  await saveStory(server.ctx, editor, id, {
    title: article.title, dek: article.dek, bodyHtml: article.body_html, slug: article.slug, sectionId: article.section_id, tagNames, authorIds,
    featuredMediaId: null, seoTitle: '', seoDescription: '', canonicalUrl: '', commentsOpen: true, publishAt: null,
    expectedVersion: article.version, correction: '',
  }, 'unpublish');
}

describe('related stories', () => {
  let harbour: number, ferry: number, pier: number, budget: number;

  before(async () => {
    server = await startTestServer({ seed: false });
    const user = await createTestUser(server, 'editor');
    editor = { id: user.id, email: user.email, name: user.name, slug: '', role: 'editor' };
    sectionId = await ensureSection(server.ctx.store.db, { slug: 'local', name: 'Local' });
    harbour = await publish('Harbour dredging starts', ['harbour', 'shipping', 'council']);
    budget = await publish('Council sets the budget', ['council', 'taxes']);
    ferry = await publish('Ferry timetable changes', ['harbour', 'shipping']);
    pier = await publish('Pier repairs delayed', ['harbour', 'shipping', 'weather']);
  });
  after(() => server.stop());

  test('a published story stores the stories sharing the most tags, and joins its neighbours\' lists', async () => {
    assert.deepEqual(await storedRelatedIds(server.ctx.store.db, pier), [ferry, harbour]);
    // Harbour was published first: it lists the later stories only because publishing them refreshed its list.
    assert.deepEqual(await storedRelatedIds(server.ctx.store.db, harbour), [pier, ferry, budget]);
    const titles = await relatedTitles(harbour);
    assert.deepEqual(titles.slice(0, 3), ['Pier repairs delayed', 'Ferry timetable changes', 'Council sets the budget']);
  });

  test('a draft is in no list, and unpublishing a story takes it out of its neighbours\' lists and pages', async () => {
    const draft = await createArticle(server.ctx.store.db, { title: 'Harbour draft', bodyHtml: '<p>Not yet.</p>', sectionId, status: 'draft', tagNames: ['harbour', 'shipping', 'council'], authorIds: [editor.id] });
    assert.equal(await storedRelatedIds(server.ctx.store.db, draft), null);
    assert.ok(!(await storedRelatedIds(server.ctx.store.db, harbour))!.includes(draft));

    await unpublish(pier);
    assert.equal(await storedRelatedIds(server.ctx.store.db, pier), null);
    assert.deepEqual(await storedRelatedIds(server.ctx.store.db, harbour), [ferry, budget]);
    assert.ok(!(await relatedTitles(harbour)).includes('Pier repairs delayed'));
  });

  test('a story without a stored list is related at read time, and rebuilding stores every list again', async () => {
    const before = await relatedTitles(ferry);
    await forgetRelatedLists(server.ctx.store.db, [ferry, harbour, budget]);
    assert.equal(await storedRelatedIds(server.ctx.store.db, ferry), null);
    server.app.pageCache.purge({ all: true });
    assert.deepEqual(await relatedTitles(ferry), before);

    const progress: Array<[number, number]> = [];
    assert.equal(await rebuildRelatedLists(server.ctx.store.db, (done, total) => progress.push([done, total])), 3);
    assert.deepEqual(progress, [[3, 3]], 'progress reaches the end once');
    assert.deepEqual(await storedRelatedIds(server.ctx.store.db, ferry), [harbour]);
    assert.deepEqual(await storedRelatedIds(server.ctx.store.db, harbour), [ferry, budget]);
    assert.equal(await storedRelatedIds(server.ctx.store.db, pier), null);
    // The bulk path ranks exactly as the per-story query does.
    for (const id of [ferry, harbour, budget]) assert.deepEqual(await storedRelatedIds(server.ctx.store.db, id), await computeRelatedIds(server.ctx.store.db, id));
  });

  test('ranks exactly as the per-story query does, through tag pairs and by counting alike', async () => {
    // A small deterministic newsroom: 150 stories with one to six of 18 tags, each a minute apart.
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const tags = Array.from({ length: 18 }, (_, i) => `topic ${i}`);
    for (let i = 0; i < 150; i++) {
      const chosen = new Set<string>();
      const count = 1 + Math.floor(next() * 6);
      while (chosen.size < count) chosen.add(tags[Math.floor(next() * (next() < 0.5 ? 4 : tags.length))]!);
      await publish(`Bulk story ${i}`, [...chosen]);
    }
    const db = server.ctx.store.db;
    const throughPairs = await workOutRelatedLists(db, null);
    const byCounting = await workOutRelatedLists(db, null, { pairLimit: 0 });
    assert.ok(throughPairs.size >= 150);
    let withTwoShared = 0;
    for (const [id, list] of throughPairs) {
      const expected = await computeRelatedIds(db, id);
      assert.deepEqual(list, expected, `story ${id} through pairs`);
      assert.deepEqual(byCounting.get(id), expected, `story ${id} by counting`);
      if (expected.length) withTwoShared++;
    }
    assert.ok(withTwoShared > 100);
  });
});
