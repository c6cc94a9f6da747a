/**
 * The as-you-type order on a real database, on both engines: stories holding the typed words as a phrase first, then
 * those holding them all, then the rest, headline matches ahead of the others within each.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureSection } from '../content/articles.js';
import { insertBulkStories, type BulkStory } from '../../test/helpers/bulk-stories.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { rebuildSearchIndex, suggestStories } from './index.js';

let server: TestServer;

/** Oldest first: the newest are the ones that must not win on freshness. */
const stories: BulkStory[] = [
  { slug: 'phrase-in-body', title: 'Dockers stay away', bodyHtml: '<p>The harbour strike goes into a second week.</p>' },
  { slug: 'both-in-headline', title: 'Strike at the harbour gates', bodyHtml: '<p>Pickets gathered before dawn.</p>' },
  { slug: 'harbour-in-headline', title: 'Harbour news', bodyHtml: '<p>The ferry timetable changes on Monday.</p>' },
  { slug: 'strike-in-body', title: 'Council meeting', bodyHtml: '<p>A strike was discussed.</p>' },
];

before(async () => {
  server = await startTestServer({ seed: false });
  const sectionId = await ensureSection(server.ctx.store.db, { slug: 'port', name: 'Port' });
  await insertBulkStories(server.ctx.store.db, sectionId, stories.length, (n) => stories[n] as BulkStory);
  await rebuildSearchIndex(server.ctx.store.db);
});
after(async () => {
  await server.stop();
});

describe('the as-you-type order', () => {
  it('puts the phrase first, then every word, then headline matches, then the rest', async () => {
    const typed = await suggestStories(server.ctx.store.read, 'harbour str', 8);
    assert.deepEqual(
      typed.hits.map((h) => h.story.slug),
      ['phrase-in-body', 'both-in-headline', 'harbour-in-headline', 'strike-in-body'],
    );
    assert.deepEqual([typed.total, typed.estimated], [4, false]);
  });

  it('ranks by headline and freshness when no story holds every word', async () => {
    const typed = await suggestStories(server.ctx.store.read, 'ferry pick', 8);
    assert.deepEqual(typed.hits.map((h) => h.story.slug), ['harbour-in-headline', 'both-in-headline']);
  });
});
