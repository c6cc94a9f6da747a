import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { createUser } from '../accounts/users.js';
import { createArticle, ensureSection, updateArticle, type ArticleInput } from '../content/articles.js';
import { get, startTestServer, testEngine, type TestServer } from '../../test/helpers/server.js';
import { storyChangedEvent } from '../../test/helpers/story-events.js';
import { findStory } from '../content/queries.js';
import { rebuildSearchIndex, searchStories } from './index.js';
import { beginPostgresBulk } from './postgres-writes.js';
import { ranking } from './types.js';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../db/index.js';
import type { Database } from '../db/schema.js';
import { isPostgres } from '../db/dialect.js';
import { resultCount } from '../site/views/search.js';

let server: TestServer;
const ids: Record<string, number> = {};
let politics = 0;
let world = 0;
let authorA = 0;
let authorB = 0;

const day = 24 * 3600 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * day).toISOString();
const filler = 'Officials gave few details on Monday and said more would follow later in the month after meetings.';

async function publish(key: string, input: Partial<ArticleInput> & { title: string }): Promise<void> {
  ids[key] = await createArticle(server.ctx.store.db, {
    dek: '',
    bodyHtml: `<p>${filler}</p>`,
    sectionId: world,
    status: 'published',
    publishedAt: daysAgo(3),
    authorIds: [authorA],
    tagNames: [],
    ...input,
  });
}

async function searchIds(q: string, extra: Record<string, unknown> = {}): Promise<number[]> {
  const result = await searchStories(server.ctx.store.read, { q, limit: 20, ...extra });
  return result.hits.map((h) => h.id);
}

async function page(pathname: string) {
  const response = await get(server, pathname);
  return { response, $: cheerio.load(await response.text()) };
}

async function suggest(q: string) {
  const response = await get(server, `/search/suggest?${new URLSearchParams({ q }).toString()}`);
  return { response, body: (await response.json()) as { query: string; total: number; results: { title: string; url: string; titleHighlighted: { text: string; hit: boolean }[]; section: { name: string; url: string }; publishedAt: string }[] } };
}

before(async () => {
  server = await startTestServer({ seed: false });
  const db = server.ctx.store.db;
  world = await ensureSection(db, { slug: 'world', name: 'World' });
  politics = await ensureSection(db, { slug: 'politics', name: 'Politics' });
  authorA = (await createUser(db, { email: 'ana@example.com', name: 'Ana Vidal', role: 'author' })).id;
  authorB = (await createUser(db, { email: 'ben@example.com', name: 'Ben Okoro', role: 'author' })).id;
  await publish('titlePhrase', { title: 'Harbour strike enters its second week', bodyHtml: `<p>${filler}</p>` });
  await publish('dekPhrase', { title: 'Dockers stay away from the cranes', dek: 'The harbour strike has closed three berths.' });
  await publish('bodyWords', { title: 'Port traffic news', bodyHtml: `<p>The harbour reopened. A week later a second strike was called by crews. ${filler} ${filler} ${filler}</p>` });
  // Many title and dek hits on one word in a short story: bm25 alone would rank this above the all-words story.
  await publish('anyWord', { title: 'Strike called at dawn, strike over by dusk', dek: 'The strike lasted a day.' });
  await publish('harbourOnly', { title: 'Harbour festival returns with lanterns' });
  await publish('lighthouseBody', { title: 'Coastal walk guide', bodyHtml: `<p>The old lighthouse stands at the end of the path. ${filler}</p>` });
  await publish('lighthouseTag', { title: 'Coastal ferry guide', bodyHtml: `<p>The old ferry leaves from the end of the path. ${filler}</p>`, tagNames: ['Lighthouse'] });
  await publish('palmyra', {
    title: 'Army withdraws from Palmyra after a week-long offensive',
    bodyHtml: `<p>Troops pulled back from the ancient city of Palmyra. ${filler}</p>`,
  });
  await publish('zurich', { title: 'Zürich café owners protest new terrace rules' });
  await publish('election', { title: 'Election commission sets the date', sectionId: politics, authorIds: [authorB], tagNames: ['Elections'], publishedAt: daysAgo(40) });
  await publish('electionOld', { title: 'Election turnout fell in the spring', sectionId: politics, authorIds: [authorA], publishedAt: daysAgo(200) });
  await publish('electionWorld', { title: 'Election observers arrive abroad', sectionId: world, authorIds: [authorB], tagNames: ['Elections'], publishedAt: daysAgo(10) });
  await publish('markup', { title: 'Harbour <b>bold</b> & "quoted" <script>alert(1)</script> plans' });
});

after(async () => {
  await server?.stop();
});

describe('ranking', () => {
  it('puts phrase matches first (title above dek), then the other matches', async () => {
    const found = await searchIds('harbour strike');
    assert.deepEqual(found.slice(0, 2), [ids.titlePhrase, ids.dekPhrase], 'title phrase, then summary phrase');
    assert.ok(found.includes(ids.bodyWords as number) && found.includes(ids.anyWord as number), 'stories with some of the words follow');
  });

  it('puts the one story holding the rare words of a long sentence first, above stories sharing its common words', async () => {
    for (let i = 0; i < 6; i++) await publish(`ferry${i}`, { title: `Night ferry passengers ${['complain', 'wait', 'queue', 'sing', 'vote', 'cheer'][i]} on the crossing` });
    await publish('measles', { title: 'Measles case keeps travellers in quarantine', bodyHtml: `<p>Health officers acted after one case. ${filler}</p>`, publishedAt: daysAgo(300) });
    // Its distinguishing words come at the end of the sentence, past the first twelve words.
    const found = await searchIds('which night ferry had its passengers held on board for days because of a measles quarantine');
    assert.equal(found[0], ids.measles);
    assert.ok(found.length >= 7, 'the stories sharing only common words are still found');
  });

  it('weighs a word in the body above the same word only in the tags', async () => {
    const found = await searchIds('lighthouse');
    assert.deepEqual(found.filter((id) => id === ids.lighthouseBody || id === ids.lighthouseTag), [ids.lighthouseBody, ids.lighthouseTag]);
  });

  it('answers a sentence by any matching words, stop words dropped, best match first', async () => {
    const found = await searchIds('army withdrawal from palmyra after the offensive');
    assert.equal(found[0], ids.palmyra);
  });

  it('multiplies the whole relevance of a query of several words, every word\'s share, by the phrase boost', async () => {
    const at = daysAgo(5);
    await publish('copperPhrase', { title: 'Copper tariff talks stall', publishedAt: at });
    await publish('copperApart', { title: 'Tariff copper talks stall', publishedAt: at });
    const result = await searchStories(server.ctx.store.read, { q: 'copper tariff', limit: 20 });
    const score = (key: string) => result.hits.find((h) => h.id === ids[key])?.score ?? Number.NaN;
    // The same words, as often, in stories as long and as old: only the phrase, in the first, tells them apart.
    const expected = (1 + ranking.allWordsBoost + ranking.phraseBoost) / (1 + ranking.allWordsBoost);
    const ratio = score('copperPhrase') / score('copperApart');
    assert.ok(Math.abs(ratio - expected) < 1e-6, `score ratio ${ratio}, expected ${expected}`);
  });

  it('mixes in freshness among equally relevant stories and sorts by date on request', async () => {
    const relevance = await searchIds('election', { sectionId: politics });
    assert.deepEqual(relevance, [ids.election, ids.electionOld]);
    const newest = await searchIds('election', { sort: 'newest' });
    assert.deepEqual(newest.slice(0, 3), [ids.electionWorld, ids.election, ids.electionOld]);
    // The page by date comes with its headlines marked, as the page by relevance does.
    const marked = await searchStories(server.ctx.store.read, { q: 'election', sort: 'newest', limit: 3, highlight: true, snippets: true });
    assert.deepEqual(
      marked.hits.map((h) => h.title.filter((s) => s.hit).map((s) => s.text.toLowerCase())),
      [['election'], ['election'], ['election']],
    );
  });
});

describe('queries matching more stories than are ranked', () => {
  it('count every match below the pool; past it estimate the total, or with filters count it', async () => {
    const all = await searchStories(server.ctx.store.read, { q: 'election', limit: 20 });
    assert.deepEqual([all.total, all.estimated], [3, false]);
    const pooled = await searchStories(server.ctx.store.read, { q: 'election', limit: 2, pool: 2 });
    assert.equal(pooled.estimated, true, 'past the pool without filters the total is estimated');
    assert.ok(pooled.total >= 2, `the estimate is at least the matches found: ${pooled.total}`);
    assert.equal(pooled.hits.length, 2);
    const filtered = await searchStories(server.ctx.store.read, { q: 'election', limit: 1, pool: 1, sectionId: politics });
    assert.deepEqual([filtered.total, filtered.estimated], [2, false], 'counted with a filter');
    assert.equal(filtered.hits.length, 1);
    const paged = await searchStories(server.ctx.store.read, { q: 'election', limit: 1, offset: 2, pool: 1, sort: 'newest' });
    assert.deepEqual(paged.hits.map((h) => h.id), [ids.electionOld], 'a page past the pool widens it');
  });

  it('rank every match of the query\'s rare words too, so an older best answer beyond the newest matches comes first', async () => {
    await publish('tunnelFlood', { title: 'Tunnel inquiry reopens the flooding report', publishedAt: daysAgo(900) });
    for (let i = 0; i < 3; i++) await publish(`tunnel${i}`, { title: `Tunnel works resume on section ${i + 1}` });
    const found = await searchStories(server.ctx.store.read, { q: 'tunnel flooding', limit: 2, pool: 2 });
    assert.equal(found.estimated, true, 'more matches than the pool');
    assert.equal(found.hits[0]?.id, ids.tunnelFlood);
  });

  it('with filters, stop counting at the cap past the pool and say the total is a lower bound, on the page and in the API', async () => {
    const exact = await searchStories(server.ctx.store.read, { q: 'tunnel', limit: 20, sectionId: world });
    assert.deepEqual([exact.total, exact.estimated, exact.totalIsLowerBound], [4, false, false]);
    const capped = await searchStories(server.ctx.store.read, { q: 'tunnel', limit: 2, pool: 2, countCap: 3, sectionId: world });
    assert.deepEqual([capped.total, capped.estimated, capped.totalIsLowerBound], [3, true, true]);
    assert.equal(capped.hits.length, 2);
    assert.equal(resultCount({ total: 12_000, estimated: true, totalIsLowerBound: true }), 'More than 12,000 stories found');
    assert.equal(resultCount({ total: 48_000, estimated: true, totalIsLowerBound: false }), 'About 48,000 stories found');
    assert.equal(resultCount({ total: 4, estimated: false, totalIsLowerBound: false }), '4 stories found');
    const api = (await (await get(server, '/api/v1/search?q=tunnel&section=world')).json()) as { total: number; estimated: boolean; totalIsLowerBound: boolean; data: unknown[] };
    assert.deepEqual([api.total, api.estimated, api.totalIsLowerBound, api.data.length], [4, false, false, 4]);
  });

  it('find the newest matches and count them however the matches lie among older and newer stories', async () => {
    // A word in every one of 24 stories, and a rarer one in the oldest, a middle and the newest of them: PostgreSQL
    // looks for the newest matches in id windows sized by how common the words are, so this takes several windows.
    const keys = Array.from({ length: 24 }, (_, i) => `ferry${i}`);
    const before = (await searchStories(server.ctx.store.read, { q: 'ferry', limit: 1, sectionId: world })).total;
    for (const [i, key] of keys.entries()) {
      const rare = i === 0 || i === 12 || i === 23 ? ' The quokka colony waited on the pier.' : '';
      await publish(key, { title: `Ferry timetable change number ${i + 1}`, bodyHtml: `<p>The ferry sails later.${rare} ${filler}</p>` });
    }
    // Filtered, so that past the pool the matches are counted rather than estimated.
    const newest = await searchStories(server.ctx.store.read, { q: 'ferry', limit: 5, pool: 5, sort: 'newest', sectionId: world });
    assert.deepEqual([newest.total, newest.estimated], [before + 24, false], 'every ferry story counted');
    assert.deepEqual(newest.hits.map((h) => h.id), keys.slice(-5).reverse().map((k) => ids[k]));
    const capped = await searchStories(server.ctx.store.read, { q: 'ferry', limit: 5, pool: 5, countCap: 7, sectionId: world });
    assert.deepEqual([capped.total, capped.totalIsLowerBound], [7, true]);
    const rare = await searchStories(server.ctx.store.read, { q: 'quokka ferry', limit: 3, pool: 3 });
    assert.deepEqual(new Set(rare.hits.map((h) => h.id)), new Set([ids.ferry0, ids.ferry12, ids.ferry23]), 'the rare word\'s three stories, oldest included');
    const typed = (await suggest('quokk')).body;
    assert.deepEqual([typed.total, typed.results.length], [3, 3]);
  });

  it('count on the first page and reuse that total on the next ones, until the index changes', async () => {
    const first = await searchStories(server.ctx.store.read, { q: 'quokka', limit: 2 });
    const second = await searchStories(server.ctx.store.read, { q: 'quokka', limit: 2, offset: 2 });
    assert.deepEqual([first.total, second.total, second.hits.length], [3, 3, 1]);
    await publish('quokkaLate', { title: 'Quokka colony moves to the pier' });
    const after = await searchStories(server.ctx.store.read, { q: 'quokka', limit: 2, offset: 2 });
    assert.deepEqual([after.total, after.hits.length], [4, 2], 'a story published since is counted on a later page too');
  });

  it('leave out a word most stories hold when the query has a rarer one, past the size where that pays', async () => {
    // Nearly every story here ends with the same filler sentence ("… after meetings."); four hold "quokka".
    const everyWord = await searchStories(server.ctx.store.read, { q: 'meetings quokka', limit: 20 });
    assert.ok(everyWord.total > 20, `below the minimum every word is searched: ${everyWord.total} stories`);
    const common = await searchStories(server.ctx.store.read, { q: 'meetings quokka', limit: 20, commonFrom: 2 });
    assert.equal(common.total, 4);
    assert.deepEqual(new Set(common.hits.map((h) => h.id)), new Set([ids.ferry0, ids.ferry12, ids.ferry23, ids.quokkaLate]));
    const alone = await searchStories(server.ctx.store.read, { q: 'meetings', limit: 20, commonFrom: 2 });
    // The quokka stories end with the filler too, so the common word alone finds what both words found.
    assert.equal(alone.total, everyWord.total, 'a common word alone is still searched');
    if (!isPostgres(server.ctx.store.db)) {
      // SQLite ranks a query of common words alone among its newest matches without bm25(), newest first when no
      // story holds more of the tiers than another (PostgreSQL's BM25 reads no postings to weigh a word, so it keeps it).
      const newest = await searchStories(server.ctx.store.read, { q: 'meetings', limit: 3, pool: 3, sort: 'newest', commonFrom: 2 });
      const ranked = await searchStories(server.ctx.store.read, { q: 'meetings', limit: 3, pool: 3, commonFrom: 2 });
      assert.deepEqual(ranked.hits.map((h) => h.id), newest.hits.map((h) => h.id));
      // Each score is the story's freshness, as when the tiers and bm25's stand-in are multiplied in.
      const dates = new Map((await server.ctx.store.read.selectFrom('articles').select(['id', 'published_at']).where('id', 'in', ranked.hits.map((h) => h.id)).execute()).map((r) => [r.id, r.published_at]));
      for (const hit of ranked.hits) {
        const age = Math.max(0, (Date.now() - Date.parse(String(dates.get(hit.id)))) / 86_400_000);
        const freshness = 1 - ranking.freshnessShare + ranking.freshnessShare / (1 + age / 365);
        assert.ok(Math.abs(hit.score - freshness) < 1e-7, `story ${hit.id}: score ${hit.score}, freshness ${freshness}`);
      }
      const second = await searchStories(server.ctx.store.read, { q: 'meetings', limit: 2, offset: 1, pool: 3, commonFrom: 2 });
      assert.deepEqual(second.hits.map((h) => h.id), newest.hits.slice(1, 3).map((h) => h.id), 'a later page continues the same order');
      const weighed = await searchStories(server.ctx.store.read, { q: 'meetings', limit: 3, pool: 3 });
      assert.ok(weighed.hits.every((h) => h.score !== ranked.hits[0]?.score), 'below the minimum bm25 weighs it');
    }
  });
});

describe('matching', () => {
  it('completes the word being typed, including words whose stem differs from the prefix', async () => {
    assert.ok((await searchIds('harb')).includes(ids.titlePhrase as number));
    assert.ok((await searchIds('palmy')).includes(ids.palmyra as number));
    assert.ok((await searchIds('offensiv')).includes(ids.palmyra as number));
    assert.deepEqual(await searchIds('harb '), [], 'a finished word is not a prefix');
  });

  it('stems, folds case and accents', async () => {
    assert.ok((await searchIds('WITHDRAWING ')).includes(ids.palmyra as number));
    assert.ok((await searchIds('zurich cafe ')).includes(ids.zurich as number));
    assert.ok((await searchIds('ZÜRICH')).includes(ids.zurich as number));
  });

  it('tolerates one typo in words of five letters or more, and offers the correction', async () => {
    for (const typo of ['harbuor ', 'hrabour ', 'harbouur ', 'harbor ']) {
      const result = await searchStories(server.ctx.store.read, { q: typo, limit: 20 });
      assert.ok(result.hits.some((h) => h.id === ids.titlePhrase), `"${typo.trim()}" finds harbour stories`);
      assert.equal(result.corrections.get(typo.trim()), 'harbour');
    }
    assert.deepEqual(await searchIds('wek '), [], 'short words are not corrected');
    assert.deepEqual(await searchIds('hxrbxur '), [], 'two edits are too many');
  });

  it('matches quoted phrases as written and leaves out -excluded words', async () => {
    assert.deepEqual(await searchIds('"second week"'), [ids.titlePhrase]);
    const excluded = await searchIds('harbour -strike');
    assert.ok(excluded.includes(ids.harbourOnly as number));
    assert.ok(!excluded.includes(ids.titlePhrase as number) && !excluded.includes(ids.bodyWords as number));
    // Past a pool of two, the rare words' matches are gathered as candidates: the phrase and the exclusion still hold.
    const pastPool = await searchIds('harbour -strike', { pool: 2 });
    assert.ok(pastPool.includes(ids.harbourOnly as number));
    assert.ok(!pastPool.includes(ids.titlePhrase as number) && !pastPool.includes(ids.bodyWords as number) && !pastPool.includes(ids.dekPhrase as number));
    assert.deepEqual(await searchIds('"second week" harbour strike', { pool: 2 }), [ids.titlePhrase]);
  });

  it('filters by section, tag, author and date range', async () => {
    assert.deepEqual(new Set(await searchIds('election', { sectionId: politics })), new Set([ids.election, ids.electionOld]));
    const tagged = await page('/search?q=election&tag=elections&author=ben-okoro&section=world');
    assert.deepEqual(tagged.$('.search-result h2 a').map((_i, el) => tagged.$(el).text()).get(), ['Election observers arrive abroad']);
    const from = daysAgo(60).slice(0, 10);
    const to = daysAgo(20).slice(0, 10);
    const ranged = await page(`/search?q=election&from=${from}&to=${to}`);
    assert.deepEqual(ranged.$('.search-result h2 a').map((_i, el) => ranged.$(el).text()).get(), ['Election commission sets the date']);
    assert.match(ranged.$('.active-filters').text(), new RegExp(`From ${from}`));
  });
});

describe('the results page', () => {
  it('highlights matches in headlines and snippets as escaped text, with a count and a did-you-mean link', async () => {
    const { response, $ } = await page('/search?q=harbuor');
    assert.equal(response.status, 200);
    assert.match($('.list-count').text(), /\d+ stor(y|ies) found/);
    assert.equal($('.did-you-mean a').text(), 'harbour');
    assert.equal($('.did-you-mean a').attr('href'), '/search?q=harbour');
    assert.ok($('.search-result h2 mark').length > 0);
    const bodyOnly = await page('/search?q=lighthouse');
    const snippets = bodyOnly.$('.search-snippet').map((_i, el) => bodyOnly.$(el).text()).get();
    assert.ok(snippets.some((text) => /The old lighthouse stands at the end of the path/.test(text)), 'the passage holding the word');
    assert.deepEqual([...new Set(bodyOnly.$('.search-snippet mark').map((_i, el) => bodyOnly.$(el).text()).get())], ['lighthouse']);
    const html = await (await get(server, '/search?q=harbour+plans')).text();
    assert.doesNotMatch(html, /<script>alert|<b>bold<\/b>/);
    assert.match(html, /&lt;b>bold&lt;\/b>|&lt;b&gt;bold&lt;\/b&gt;/);
  });

  it('offers as author filters the authors with a published story, and nobody else', async () => {
    await createUser(server.ctx.store.db, { email: 'nobody@example.com', name: 'Nora Unpublished', role: 'author' });
    const { $ } = await page('/search?q=election');
    const options = $('select[name="author"] option').map((_i, el) => $(el).text()).get().filter((name) => name !== '' && !/any/i.test(name));
    assert.deepEqual(options, ['Ana Vidal', 'Ben Okoro']);
  });

  it('paginates, keeping the query and filters in the links', async () => {
    for (let i = 0; i < 21; i++) await publish(`bulk${i}`, { title: `Quarry report number ${i + 1}`, sectionId: politics });
    const first = await page('/search?q=quarry&section=politics');
    assert.equal(first.$('.search-result').length, 20);
    assert.equal(first.$('a[rel="next"]').attr('href'), '/search?q=quarry&section=politics&page=2');
    const second = await page('/search?q=quarry&section=politics&page=2');
    assert.equal(second.$('.search-result').length, 1);
    assert.equal(second.$('ol.search-results').attr('start'), '21');
    assert.equal((await get(server, '/search?q=quarry&page=3')).status, 404);
  });

  it('shows a helpful empty state and search tips', async () => {
    const none = await page('/search?q=xylophonics&section=politics');
    assert.equal(none.response.status, 200);
    assert.match(none.$('.empty-state').text(), /No stories matched “xylophonics” with these filters/);
    assert.equal(none.$('.empty-state a').first().attr('href'), '/search?q=xylophonics');
    const empty = await page('/search');
    assert.equal(empty.response.status, 200);
    assert.ok(empty.$('.search-tips').length);
  });

  it('refuses malformed filters with a 400 that says what is wrong, and stores nothing', async () => {
    for (const [query, message] of [
      ['q=a&from=2026-02-30', /real date/],
      ['q=a&from=2026-05-01&to=2026-04-01', /after the “to” date/],
      ['q=a&section=nowhere', /no section called “nowhere”/],
      ['q=a&author=nobody', /no author called/],
      ['q=a&tag=never-used', /No story is tagged/],
      ['q=a&sort=random', /relevance/],
      ['q=a&q=b', /once/],
      ['q=a&page=0', /page number/],
    ] as const) {
      const response = await get(server, `/search?${query}`);
      assert.equal(response.status, 400, query);
      assert.match(await response.text(), message, query);
    }
  });
});

describe('hostile and odd queries', () => {
  const queries = [
    '', ' ', '"', '""', '"unbalanced quote', 'a"b"c"', 'NEAR(harbour strike, 2)', 'harbour NEAR strike', '*', 'harb*', '^harbour',
    'title:harbour', '{title body}: harbour', 'harbour AND OR NOT', "'; drop table articles; --", 'x'.repeat(1000),
    `${'harbour '.repeat(150)}`, '-', '--', '-harbour', '() [] {} :* <-> !! & |', '\u0001\u0007\uE000\uE001\uFFFF', '🙂 emoji', 'ß ﬁ Ⅳ',
  ];
  it('never errors, on the page or the suggest endpoint, on either engine', async () => {
    for (const q of queries) {
      const params = new URLSearchParams({ q }).toString();
      const pageResponse = await get(server, `/search?${params}`);
      assert.equal(pageResponse.status, 200, `page: ${JSON.stringify(q.slice(0, 40))}`);
      const suggestResponse = await get(server, `/search/suggest?${params}`);
      assert.equal(suggestResponse.status, 200, `suggest: ${JSON.stringify(q.slice(0, 40))}`);
      const body = (await suggestResponse.json()) as { results: unknown[] };
      assert.ok(Array.isArray(body.results));
    }
    assert.ok((await searchIds('harbour NEAR strike')).includes(ids.titlePhrase as number), 'operators are read as words');
    const nul = await get(server, '/search?q=%00harbour');
    assert.ok(nul.status >= 400 && nul.status < 500, 'a NUL byte is refused as bad input, not a server error');
  });
});

/** What the newsroom's save does after writing: tells the page cache, which holds repeated searches, that the story changed. */
async function announce(articleId: number, kind: 'published' | 'unpublished'): Promise<void> {
  const story = await findStory(server.ctx.store.db, { id: articleId }, true);
  assert.ok(story);
  server.ctx.events.emit('story.changed', storyChangedEvent(story, kind));
}

describe('visibility', () => {
  it('never shows a draft, scheduled or unpublished story, and shows it at once when published', async () => {
    const db = server.ctx.store.db;
    const base = { title: 'Zanzibarite mineral found in the quarry', bodyHtml: '<p>Zanzibarite text.</p>', sectionId: world, authorIds: [authorA], tagNames: [] };
    const draft = await createArticle(db, { ...base, status: 'draft' });
    const scheduled = await createArticle(db, { ...base, status: 'scheduled', publishedAt: new Date(Date.now() + 7 * day).toISOString() });
    assert.deepEqual(await searchIds('zanzibarite'), []);
    assert.equal((await suggest('zanzib')).body.total, 0);
    assert.equal((await suggest('zanzibarit')).body.total, 0);
    await updateArticle(db, draft, { ...base, status: 'published' });
    await announce(draft, 'published');
    assert.deepEqual(await searchIds('zanzibarite'), [draft]);
    assert.equal((await suggest('zanzib')).body.results[0]?.title, base.title);
    await updateArticle(db, draft, { ...base, status: 'draft' });
    await announce(draft, 'unpublished');
    assert.deepEqual(await searchIds('zanzibarite'), []);
    assert.equal((await suggest('zanzib')).body.total, 0);
    const html = await (await get(server, '/search?q=zanzibarite')).text();
    assert.doesNotMatch(html, /Zanzibarite mineral/);
    const misspelt = await searchStories(server.ctx.store.read, { q: 'zanzibarete ', limit: 5 });
    assert.equal(misspelt.corrections.size, 0, '"did you mean" never offers a word only an unpublished story used');
    assert.ok(scheduled > 0);
  });
});

describe('GET /search/suggest', () => {
  it('answers as-you-type with up to eight stories, highlighted headline segments and a total, cacheable briefly', async () => {
    const { response, body } = await suggest('harb');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    assert.match(response.headers.get('cache-control') ?? '', /public, max-age=\d+/);
    assert.equal(body.query, 'harb');
    assert.ok(body.total >= 5 && body.results.length <= 8 && body.results.length >= 5);
    const first = body.results[0]!;
    assert.ok(first.section.name && !Number.isNaN(Date.parse(first.publishedAt)));
    // Each link opens the story it names, and its section link that story's section.
    for (const result of body.results.slice(0, 3)) {
      const story = await page(result.url);
      assert.equal(story.response.status, 200, result.url);
      assert.equal(story.$('h1').first().text().trim(), result.title);
      const section = await page(result.section.url);
      assert.equal(section.response.status, 200);
      assert.match(section.$('h1').first().text(), new RegExp(result.section.name));
    }
    assert.equal(first.titleHighlighted.map((s) => s.text).join(''), first.title);
    assert.ok(first.titleHighlighted.some((s) => s.hit && /^harbour$/i.test(s.text)));
    const typing = await suggest('harbour str');
    assert.deepEqual(typing.body.results.slice(0, 2).map((r) => r.title), ['Harbour strike enters its second week', 'Dockers stay away from the cranes'], 'phrase in the headline, then in the summary');
    const markup = body.results.find((r) => r.title.includes('<b>'));
    assert.ok(markup, 'titles are plain text in JSON, for the client to insert as text');
  });

  it('waits for a second character and refuses a repeated parameter', async () => {
    assert.deepEqual((await suggest('h')).body, { query: 'h', results: [], total: 0 });
    const repeated = await get(server, '/search/suggest?q=a&q=b');
    assert.equal(repeated.status, 400);
    assert.match(((await repeated.json()) as { error: { message: string } }).error.message, /once/);
  });
});

describe('a results page on PostgreSQL', () => {
  it('runs in a transaction of its own that leaves its connection as it found it', { skip: testEngine() !== 'postgres' && 'PostgreSQL only' }, async () => {
    // One connection, so that the statements after the search run on the connection the search used.
    const url = new URL(server.database.url);
    const schema = url.searchParams.get('schema');
    url.searchParams.delete('schema');
    const pool = new pg.Pool({ connectionString: url.toString(), max: 1, options: schema ? `-c search_path=${schema},public` : undefined });
    const db: Db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    try {
      const result = await searchStories(db, { q: 'harbour strike', limit: 20, highlight: true, snippets: true });
      assert.equal(result.hits[0]?.id, ids.titlePhrase);
      assert.ok(result.hits[0]?.title.some((s) => s.hit) && result.hits.some((h) => h.snippet.length > 0), 'headlines and passages come with the page');
      const after = (await sql<{ seqscan: string; indexscan: string; fresh: boolean }>`
        select current_setting('enable_seqscan') as seqscan, current_setting('enable_indexscan') as indexscan, now() = statement_timestamp() as fresh`.execute(db)).rows[0];
      assert.deepEqual(after, { seqscan: 'on', indexscan: 'on', fresh: true }, 'the planner settings are back and no transaction is left open');
    } finally {
      await db.destroy();
    }
  });
});

describe('gazette reindex', () => {
  it('rebuilds the index with progress on stderr, and can run again with the same results', async () => {
    const before = await searchIds('harbour strike');
    const run = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: server.database.url, GAZETTE_DATA_DIR: server.database.dataDir, LOG_LEVEL: 'silent' };
    const cli = path.resolve('src/main.ts');
    for (let i = 0; i < 2; i++) {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', cli, 'reindex'], { env });
      assert.match(stdout, /Indexed \d+ published stories/);
      assert.match(stderr, /100%/);
    }
    assert.deepEqual(await searchIds('harbour strike'), before);
    assert.ok((await searchIds('harbuor ')).includes(ids.titlePhrase as number), 'the word list is rebuilt too');
  });
});

describe('bulk rebuild', () => {
  /**
   * The names and definitions of this schema's search_documents indexes, by name. Only this table's indexes are
   * described: filtering pg_indexes by its definition can describe every index in the database, and one that a test in
   * another schema drops at that moment fails the query ("could not open relation").
   */
  const searchDocumentIndexes = async () =>
    (await sql<{ name: string; definition: string }>`select c.relname as name, pg_get_indexdef(c.oid) as definition from pg_index i
      join pg_class c on c.oid = i.indexrelid where i.indrelid = 'search_documents'::regclass order by 1`.execute(server.ctx.store.db)).rows;

  it('loads in batches with progress, drops stories no longer published, and finishes after an interrupted run', async () => {
    const db = server.ctx.store.db;
    const before = await searchIds('harbour strike');
    // A story unpublished behind the index's back (as if its event were lost) must leave the index on the next rebuild.
    await db.updateTable('articles').set({ status: 'draft' }).where('id', '=', ids.harbourOnly as number).execute();
    const published = Number((await db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'published').executeTakeFirstOrThrow()).n);
    assert.ok(published > 10);
    // Interrupted after its first batch of five: what was written stays searchable, and the run can simply start again.
    await assert.rejects(rebuildSearchIndex(db, (done) => {
      if (done === 5) throw new Error('interrupted');
    }, 5), /interrupted/);
    assert.deepEqual(await searchIds('harbour strike'), before.filter((id) => id !== ids.harbourOnly));
    const progress: number[] = [];
    const count = await rebuildSearchIndex(db, (done, total) => {
      assert.equal(total, published);
      progress.push(done);
    }, 5);
    assert.equal(count, published);
    assert.deepEqual(progress, [0, ...Array.from({ length: Math.ceil(published / 5) }, (_, i) => Math.min(published, (i + 1) * 5))]);
    assert.deepEqual(await searchIds('harbour strike'), before.filter((id) => id !== ids.harbourOnly));
    const row = isPostgres(db)
      ? await sql`select 1 from search_documents where article_id = ${ids.harbourOnly}`.execute(db)
      : await sql`select 1 from search_fts where rowid = ${ids.harbourOnly}`.execute(db);
    assert.equal(row.rows.length, 0, 'the unpublished story is gone from the index');
    assert.ok((await searchIds('harbuor ')).includes(ids.titlePhrase as number), 'the word list is rebuilt too');
    if (isPostgres(db)) {
      // With btree_gin (migration 511) the GIN index also holds story ids; without it, the tsvector alone.
      const indexes = await searchDocumentIndexes();
      const gin = indexes.filter((r) => r.definition.includes('USING gin (document')).map((r) => r.name);
      const btreeGin = (await sql`select 1 from pg_extension where extname = 'btree_gin'`.execute(db)).rows.length > 0;
      assert.deepEqual(gin, [btreeGin ? 'search_documents_document_order' : 'search_documents_document'], 'the GIN index is in place');
      // The headlines' own GIN index (migration 514).
      const headline = indexes.filter((r) => r.definition.includes("USING gin (ts_filter(document, '{a}'")).map((r) => r.name);
      assert.deepEqual(headline, ['search_documents_headline'], 'the headline index is in place');
    } else {
      const config = await sql<{ v: number }>`select v from search_fts_config where k = 'automerge'`.execute(db);
      assert.deepEqual(config.rows.map((r) => Number(r.v)), [4], 'automerge is back on after the load');
    }
    await db.updateTable('articles').set({ status: 'published' }).where('id', '=', ids.harbourOnly as number).execute();
    await rebuildSearchIndex(db);
  });

  it('loads an empty PostgreSQL index without its GIN indexes and builds both once at the end', { skip: testEngine() !== 'postgres' && 'SQLite has no GIN index' }, async () => {
    const db = server.ctx.store.db;
    const before = await searchIds('harbour strike');
    const ginIndexes = async () => (await searchDocumentIndexes()).filter((r) => r.definition.includes(' USING gin ')).map((r) => r.name);
    const built = await ginIndexes();
    assert.equal(built.length, 2, 'the words and the headlines each have a GIN index');
    await sql`delete from search_documents`.execute(db);
    const load = await beginPostgresBulk(db);
    assert.deepEqual(await ginIndexes(), [], 'no GIN index is kept up during the load');
    await load.finish();
    assert.deepEqual(await ginIndexes(), built);
    await rebuildSearchIndex(db);
    assert.deepEqual(await ginIndexes(), built);
    assert.deepEqual(await searchIds('harbour strike'), before);
  });
});
