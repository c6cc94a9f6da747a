/** The front's command and resolution on a real database: who may arrange it, refusals, one event after commit, and the automatic fill. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { siteChangeSpec } from '../../cache/invalidation.js';
import { createArticle } from '../articles.js';
import { addSection } from '../taxonomy/commands.js';
import { saveFront } from './commands.js';
import { resolveFront } from './queries.js';
import { emptyArrangement, loadArrangement, pinToFront, type FrontArrangement } from './store.js';
import { assertRefused, startCommandBench, type CommandBench } from '../../../test/helpers/commands.js';

let bench: CommandBench;
const ids: Record<string, number> = {};
let newsId = 0;
let opinionId = 0;
let threadId = 0;

describe('the edited front', () => {
  before(async () => {
    bench = await startCommandBench();
    const editor = await bench.person('editor');
    newsId = (await addSection(bench.ctx, editor, { name: 'News', description: '' })).id;
    opinionId = (await addSection(bench.ctx, editor, { name: 'Opinion', description: '' })).id;
    threadId = (await bench.ctx.store.db.insertInto('threads').values({ slug: 'harbour-strike', title: 'Harbour strike', description: '' }).returning('id').executeTakeFirstOrThrow()).id;
    const db = bench.ctx.store.db;
    for (let i = 1; i <= 14; i++) {
      ids[`s${i}`] = await createArticle(db, {
        title: `Story ${i}`, bodyHtml: '<p>Text.</p>', sectionId: i % 4 === 0 ? opinionId : newsId, status: 'published',
        publishedAt: new Date(Date.UTC(2026, 10, i)).toISOString(), authorIds: [editor.id], threadId: i === 3 ? threadId : null,
      });
    }
    ids.draft = await createArticle(db, { title: 'A draft', bodyHtml: '<p>Text.</p>', sectionId: newsId, status: 'draft', authorIds: [editor.id] });
    bench.take();
  });
  after(async () => {
    await bench?.close();
  });

  it('without an arrangement the automatic front fills every place, newest first, with pinned (sticky) stories leading the top stories', async () => {
    const auto = await resolveFront(bench.ctx.store.db);
    assert.equal(auto.arranged, false);
    assert.equal(auto.lead?.title, 'Story 14');
    assert.equal(auto.top.length, 8);
    assert.deepEqual(auto.top.map((s) => s.title).slice(0, 2), ['Story 13', 'Story 12']);
    assert.equal(auto.opinion?.section.name, 'Opinion', 'the opinion section is the automatic opinion rail');
    assert.deepEqual(auto.developing.map((d) => d.thread.title), ['Harbour strike']);
    await pinToFront(bench.ctx.store.db, ids.s2!);
    const pinned = await resolveFront(bench.ctx.store.db);
    assert.equal(pinned.top[0]?.title, 'Story 2', 'a sticky story is first among the top stories');
    assert.equal(pinned.topChosen, 1);
  });

  it('saveFront: editors and admins only; refusals name the place and save nothing', async () => {
    const [author, editor] = [await bench.person('author'), await bench.person('editor')];
    const good: FrontArrangement = { ...emptyArrangement, lead: ids.s5!, related: [ids.s6!], top: [ids.s1!, ids.s9!], developing: [threadId], sections: [opinionId, newsId], opinion: opinionId };
    await assertRefused(bench, saveFront(bench.ctx, author, good), 'forbidden');
    const draft = await assertRefused(bench, saveFront(bench.ctx, editor, { ...good, lead: ids.draft! }), 'invalid');
    assert.match(draft.details.lead ?? '', /published story/);
    const twice = await assertRefused(bench, saveFront(bench.ctx, editor, { ...good, top: [ids.s1!, ids.s1!] }), 'invalid');
    assert.match(twice.details.top ?? '', /once/);
    const many = await assertRefused(bench, saveFront(bench.ctx, editor, { ...good, related: [ids.s6!, ids.s7!, ids.s8!, ids.s10!] }), 'invalid');
    assert.match(many.details.related ?? '', /At most 3/);
    const noLead = await assertRefused(bench, saveFront(bench.ctx, editor, { ...good, lead: null }), 'invalid');
    assert.match(noLead.details.related ?? '', /lead/);
    const bad = await assertRefused(bench, saveFront(bench.ctx, editor, { ...good, developing: [999999], opinion: Number.NaN }), 'invalid');
    assert.deepEqual(Object.keys(bad.details).sort(), ['developing', 'opinion']);
    assert.equal(await loadArrangement(bench.ctx.store.db), null, 'nothing was saved');
  });

  it('saveFront stores the arrangement, announces one site.changed front after commit, and purges only the home page', async () => {
    const admin = await bench.person('admin');
    const arrangement: FrontArrangement = { lead: ids.s5!, related: [ids.s6!], top: [ids.s1!, ids.s9!], developing: [threadId], sections: [opinionId, newsId], opinion: null };
    let seen: FrontArrangement | null = null;
    bench.ctx.events.once('site.changed', () => void loadArrangement(bench.ctx.store.db).then((a) => (seen = a)));
    await saveFront(bench.ctx, admin, arrangement);
    const announced = bench.take();
    assert.deepEqual(announced, [{ event: 'site.changed', change: { what: 'front' } }]);
    assert.deepEqual(siteChangeSpec({ what: 'front' }), { paths: ['/'] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(seen, arrangement, 'the listener reads the committed arrangement');

    const front = await resolveFront(bench.ctx.store.db);
    assert.equal(front.arranged, true);
    assert.equal(front.lead?.title, 'Story 5');
    assert.deepEqual(front.related.map((s) => s.title), ['Story 6']);
    assert.deepEqual(front.top.slice(0, 2).map((s) => s.title), ['Story 1', 'Story 9'], "the editors' order, and the pin no longer applies");
    assert.equal(front.top.length, 8, 'the automatic front fills the other top places');
    assert.equal(front.opinion, null, 'no opinion rail chosen');
    assert.deepEqual(front.sections.map((b) => b.section.name), ['Opinion', 'News']);
    const shown = [front.lead!, ...front.related, ...front.top, ...front.sections.flatMap((b) => b.stories), ...front.railMore].map((s) => s.id);
    assert.equal(new Set(shown).size, shown.length, 'no story shows twice');
  });

  it('a chosen story that is unpublished later drops out and the automatic front fills its place', async () => {
    await bench.ctx.store.db.updateTable('articles').set({ status: 'draft' }).where('id', 'in', [ids.s5!, ids.s1!]).execute();
    const front = await resolveFront(bench.ctx.store.db);
    assert.equal(front.lead?.title, 'Story 14', 'the newest story leads instead');
    assert.deepEqual(front.related, [], 'related links belong to the lead that is gone');
    assert.equal(front.top[0]?.title, 'Story 9');
    assert.equal(front.top.length, 8);
    assert.ok(!front.top.some((s) => s.id === ids.s1), 'the unpublished story is not shown');
  });
});
