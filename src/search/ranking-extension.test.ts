import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createUser } from '../accounts/users.js';
import { createArticle, ensureSection } from '../content/articles.js';
import { hasRankingExtension, migrate, openStore, type Store } from '../db/index.js';
import { buildRankingExtension } from '../../scripts/build.mjs';
import { rebuildSearchIndex, searchStories } from './index.js';

// The extension is SQLite's; the PostgreSQL pass has nothing to load it into.
const built = buildRankingExtension({ quiet: true });
const skip = process.env.GAZETTE_TEST_ENGINE === 'postgres' ? 'SQLite only' : built.error ? `not built: ${built.error}` : false;
if (built.error && !process.env.GAZETTE_TEST_ENGINE) console.warn(`ranking-extension.test.ts SKIPPED: the ranking extension was not built (${built.error}).`);

const weights = '10.0, 3.0, 1.0, 2.0';
const filler = 'Officials gave few details on Monday and said more would follow later in the month after meetings.';

describe('the SQLite ranking extension', { skip }, () => {
  let dir = '';
  let store: Store;
  let sectionId = 0;
  let authorId = 0;
  let published = 0;

  async function publish(title: string, body: string): Promise<number> {
    published++;
    return createArticle(store.db, {
      title,
      dek: '',
      bodyHtml: `<p>${body} ${filler}</p>`,
      sectionId,
      status: 'published',
      publishedAt: new Date(Date.now() - published * 3600_000).toISOString(),
      authorIds: [authorId],
      tagNames: [],
    });
  }

  /** Each matching story's gazette_bm25() beside FTS5's bm25(), for a match and its phrase kinds. */
  async function bothScores(match: string, kinds: string): Promise<{ id: number; ours: number; fts5: number }[]> {
    const rows = await sql<{ id: number; ours: number; fts5: number }>`
      select rowid as id, gazette_bm25(search_fts, ${kinds}, ${sql.raw(weights)}) as ours, bm25(search_fts, ${sql.raw(weights)}) as fts5
      from search_fts where search_fts match ${match} order by rowid`.execute(store.db);
    return rows.rows;
  }

  function assertSameScores(rows: { id: number; ours: number; fts5: number }[], atLeast: number): void {
    assert.ok(rows.length >= atLeast, `expected at least ${atLeast} matches, got ${rows.length}`);
    for (const row of rows) assert.ok(Math.abs(row.ours - row.fts5) < 1e-9, `story ${row.id}: ${row.ours} against bm25() ${row.fts5}`);
  }

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-ranking-'));
    store = await openStore(`sqlite://${path.join(dir, 'gazette.db')}`);
    await migrate(store.db, store.schema);
    sectionId = await ensureSection(store.db, { slug: 'coast', name: 'Coast' });
    authorId = (await createUser(store.db, { email: 'ana@example.com', name: 'Ana Vidal', role: 'author' })).id;
    await publish('Harbour strike enters its second week', 'Crews at the harbour walked out again.');
    await publish('Ferry timetable changes', 'The harbour ferry runs later in summer; the ferry crews agreed.');
    await publish('Harbour festival returns', 'Lanterns on the water, a harbour tradition.');
    await publish('Council meets on the budget', 'No word on the harbour.');
    await publish('Lighthouse keeper retires', 'The lighthouse stands above the harbour ferry landing, where crews rest.');
    await rebuildSearchIndex(store.db);
  });

  after(async () => {
    await store?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is loaded into the SQLite connection', () => {
    assert.equal(hasRankingExtension(store.db), true);
  });

  it("gives FTS5's bm25() figures for words, prefixes and phrases, again when the counts come from its cache", async () => {
    const cases: [string, string][] = [
      ['("harbour" OR "harb"*) AND "ferry"', 'wpw'],
      ['"harbour" OR "lighthouse" OR "crews"', 'www'],
      ['"harbour ferry" AND ("crews" OR "lantern")', 'xww'],
      ['("harbour") NOT ("festival")', 'ww'],
    ];
    const scores = new Set<string>();
    for (let round = 0; round < 2; round++) {
      for (const [match, kinds] of cases) {
        const rows = await bothScores(match, kinds);
        assertSameScores(rows, 2);
        for (const row of rows) scores.add(row.fts5.toFixed(6));
      }
    }
    assert.ok(scores.size > 5, `the stories should score differently, got ${[...scores].join(', ')}`);
  });

  it('counts again once the index changes, so a new story changes the weights as it does for bm25()', async () => {
    const before = await bothScores('"harbour" OR "ferry"', 'ww');
    assertSameScores(before, 4);
    for (let i = 0; i < 3; i++) await publish(`Ferry news ${i}`, 'The ferry was late again.');
    await rebuildSearchIndex(store.db);
    const afterPublishing = await bothScores('"harbour" OR "ferry"', 'ww');
    assertSameScores(afterPublishing, before.length + 3);
    const story = before[0]!.id;
    assert.notEqual(afterPublishing.find((r) => r.id === story)!.ours, before[0]!.ours, 'the commoner word should weigh less now');
  });

  it('ranks searches as bm25() does: the same stories in the same order without it', async () => {
    const queries = ['harbour ferry', 'harbour', 'lighthouse crews', 'ferry -festival', '"harbour strike"', 'harb'];
    const withExtension = await Promise.all(queries.map((q) => searchStories(store.db, { q, limit: 20 })));
    const previous = process.env.GAZETTE_RANKING_EXTENSION;
    process.env.GAZETTE_RANKING_EXTENSION = 'off';
    const plain = await openStore(`sqlite://${path.join(dir, 'gazette.db')}`);
    if (previous === undefined) delete process.env.GAZETTE_RANKING_EXTENSION;
    else process.env.GAZETTE_RANKING_EXTENSION = previous;
    try {
      assert.equal(hasRankingExtension(plain.db), false);
      for (const [i, q] of queries.entries()) {
        const without = await searchStories(plain.db, { q, limit: 20 });
        const ours = withExtension[i]!;
        assert.ok(ours.hits.length > 0, `"${q}" should find stories`);
        assert.deepEqual(ours.hits.map((h) => h.id), without.hits.map((h) => h.id), `"${q}"`);
        for (const [k, hit] of ours.hits.entries()) assert.ok(Math.abs(hit.score - without.hits[k]!.score) < 1e-9, `"${q}" story ${hit.id}`);
      }
    } finally {
      await plain.close();
    }
  });
});
