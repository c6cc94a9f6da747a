/**
 * The stories list over real HTTP: search, filters, sort and pages from the URL (a bookmark shows the same view),
 * refusals of bad views, and bulk actions through the story commands, each story authorized on its own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { load, type CheerioAPI } from 'cheerio';
import { createArticle, ensureSection } from '../../content/articles.js';
import { get, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { createTestUser, signIn, type SignedIn, type TestUser } from '../../../test/helpers/auth.js';

let server: TestServer;
let city = 0;
let sport = 0;
let editor: TestUser;
let author: TestUser;
let contributor: TestUser;
const sessions = new Map<string, SignedIn>();
const ids: Record<string, number> = {};

async function session(user: TestUser): Promise<SignedIn> {
  let s = sessions.get(user.email);
  if (!s) {
    s = await signIn(server, user.email, user.password);
    sessions.set(user.email, s);
  }
  return s;
}

async function list(user: TestUser, query = ''): Promise<{ status: number; $: CheerioAPI; html: string }> {
  const s = await session(user);
  const response = await get(server, `/newsroom/stories${query}`, { headers: { cookie: s.cookie } });
  const html = await response.text();
  return { status: response.status, $: load(html), html };
}

const titles = ($: CheerioAPI): string[] => $('table.nr-stories tbody .nr-story-title a').map((_, a) => $(a).text()).get();

async function bulk(user: TestUser, fields: Record<string, string | string[]>, csrf = true): Promise<Response> {
  const s = await session(user);
  const body = new URLSearchParams(csrf ? { _csrf: s.csrf } : {});
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return get(server, '/newsroom/stories/bulk', { method: 'POST', redirect: 'manual', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: body.toString() });
}

async function statusOf(id: number): Promise<{ status: string; section_id: number } | undefined> {
  return server.ctx.store.db.selectFrom('articles').select(['status', 'section_id']).where('id', '=', id).executeTakeFirst();
}

before(async () => {
  server = await startTestServer({ seed: false });
  const db = server.ctx.store.db;
  city = await ensureSection(db, { slug: 'city', name: 'City' });
  sport = await ensureSection(db, { slug: 'sport', name: 'Sport' });
  editor = await createTestUser(server, 'editor', { name: 'Eda Editor' });
  author = await createTestUser(server, 'author', { name: 'Aria Author' });
  contributor = await createTestUser(server, 'contributor', { name: 'Cole Contributor' });
  let minute = 0;
  const story = async (key: string, title: string, status: 'draft' | 'review' | 'published' | 'scheduled', sectionId: number, authorIds: number[], dek = '') => {
    minute++;
    const savedAt = new Date(Date.UTC(2026, 10, 1, 8, minute)).toISOString();
    const publishedAt = status === 'published' ? savedAt : status === 'scheduled' ? '2099-01-01T09:00:00.000Z' : null;
    ids[key] = await createArticle(db, { title, dek, bodyHtml: '<p>Text.</p>', sectionId, status, publishedAt, authorIds, editorId: authorIds[0], savedAt });
  };
  await story('ferry', 'Ferry timetable changes', 'draft', city, [contributor.id], 'Winter crossings');
  await story('pitch', 'Allotment waiting list grows', 'review', city, [contributor.id]);
  await story('derby', 'Derby ends in a draw', 'published', sport, [author.id]);
  await story('stadium', 'Stadium roof plans', 'draft', sport, [author.id, contributor.id]);
  await story('budget', 'City budget vote', 'review', city, [author.id]);
  await story('library', 'Library opens on Sundays', 'scheduled', city, [editor.id]);
  await story('mayor', 'Mayor answers questions on the ferry', 'review', city, [editor.id]);
  // Enough drafts for a second page (50 a page).
  for (let i = 1; i <= 51; i++) await story(`filler${i}`, `Council notice ${String(i).padStart(2, '0')}`, 'draft', sport, [editor.id]);
});

after(async () => {
  await server?.stop();
});

describe('the stories list: views in the URL', () => {
  test('searches headlines and summaries, and filters by status, section, author and "mine"', async () => {
    const ferry = await list(editor, '?q=FERRY');
    assert.equal(ferry.status, 200);
    assert.deepEqual(titles(ferry.$).sort(), ['Ferry timetable changes', 'Mayor answers questions on the ferry']);
    assert.deepEqual(titles((await list(editor, '?q=winter')).$), ['Ferry timetable changes'], 'the summary is searched too');
    assert.equal(titles((await list(editor, '?q=100%25')).$).length, 0, 'LIKE wildcards are plain text');

    const review = await list(editor, '?status=review&section=city');
    assert.deepEqual(titles(review.$).sort(), ['Allotment waiting list grows', 'City budget vote', 'Mayor answers questions on the ferry']);
    assert.equal(review.$('.nr-tabs a[aria-current="page"]').text(), 'In review (3)', 'the tabs count within the other filters');
    assert.equal(review.$('#story-section option[selected]').attr('value'), 'city', 'the form shows the view');

    const aria = (await list(editor, `?author=aria-author`)).$;
    assert.deepEqual(titles(aria).sort(), ['City budget vote', 'Derby ends in a draw', 'Stadium roof plans']);
    const mine = await list(editor, '?mine=1&status=review');
    assert.deepEqual(titles(mine.$), ['Mayor answers questions on the ferry']);
    assert.ok(mine.$('input[name="mine"]').is('[checked]'));
  });

  test('"waiting for my review" shows stories in review by others, for editors only', async () => {
    const waiting = await list(editor, '?review=me');
    assert.deepEqual(titles(waiting.$).sort(), ['Allotment waiting list grows', 'City budget vote']);
    const refused = await list(contributor, '?review=me');
    assert.equal(refused.status, 403);
    assert.match(refused.html, /As a contributor you cannot edit other people&#39;s stories|As a contributor you cannot edit other people's stories/);
    assert.equal((await list(contributor)).$('input[name="review"]').length, 0, 'not offered to a contributor');
  });

  test('sorts, pages, and keeps the view in every link', async () => {
    const az = await list(editor, '?sort=title&section=sport');
    const sorted = titles(az.$);
    assert.equal(sorted.length, 50);
    assert.deepEqual(sorted.slice(0, 3), ['Council notice 01', 'Council notice 02', 'Council notice 03']);
    const next = az.$('a[rel="next"]').attr('href');
    assert.equal(next, '/newsroom/stories?section=sport&sort=title&page=2');
    const second = await list(editor, next!.replace('/newsroom/stories', ''));
    assert.deepEqual(titles(second.$), ['Council notice 51', 'Derby ends in a draw', 'Stadium roof plans']);
    assert.equal(second.$('.nr-tabs a').first().attr('href'), '/newsroom/stories?section=sport&sort=title', 'tabs keep the filters and go back to page 1');
    const oldest = titles((await list(editor, '?sort=oldest')).$);
    assert.equal(oldest[0], 'Ferry timetable changes');
  });

  test('a contributor sees only their own stories, and no author filter', async () => {
    const { $ } = await list(contributor);
    assert.deepEqual(titles($).sort(), ['Allotment waiting list grows', 'Ferry timetable changes', 'Stadium roof plans']);
    assert.equal($('#story-author').length, 0);
    assert.equal($('h1').text(), 'Your stories');
    assert.equal((await list(contributor, '?author=aria-author')).status, 400, "another person's stories are not a filter for a contributor");
  });

  test('a submitted filter form (empty fields and all) is answered with the short address of its view', async () => {
    const s = await session(editor);
    const response = await get(server, '/newsroom/stories?q=ferry&section=&author=&sort=title&mine=', { redirect: 'manual', headers: { cookie: s.cookie } });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/newsroom/stories?q=ferry&sort=title');
  });

  test('refuses views it cannot show with a 400 that says why', async () => {
    for (const [query, words] of [
      ['?status=lost', /not a story status/],
      ['?sort=random', /not a way to sort/],
      ['?section=nowhere', /no section &quot;nowhere&quot;/],
      ['?author=nobody-here', /no author &quot;nobody-here&quot;/],
      ['?page=0', /whole number/],
      ['?mine=yes', /mine=1/],
    ] as const) {
      const { status, html } = await list(editor, query);
      assert.equal(status, 400, query);
      assert.match(html, words, query);
    }
  });

  test('the filters are a plain GET form and the rows a plain POST form: no script needed', async () => {
    const { $ } = await list(editor);
    const filters = $('form.nr-filters');
    assert.equal(filters.attr('method'), 'get');
    assert.deepEqual(filters.find('[name]').map((_, el) => $(el).attr('name')).get().sort(), ['author', 'mine', 'q', 'review', 'section', 'sort']);
    const bulkForm = $('#bulk-form');
    assert.equal(bulkForm.attr('method'), 'post');
    assert.ok(bulkForm.find('input[name="ids"]').length >= 50);
    assert.deepEqual(bulkForm.find('#bulk-action option').map((_, o) => $(o).attr('value')).get(), ['submit', 'move', 'unpublish', 'delete']);
    assert.deepEqual((await list(contributor)).$('#bulk-action option').map((_, o) => $(o).attr('value')).get(), ['submit', 'move', 'delete'], 'a contributor is not offered unpublishing');
  });
});

describe('the stories list: bulk actions', () => {
  test('an editor moves stories to another section; the list says so', async () => {
    const response = await bulk(editor, { action: 'move', section: String(sport), ids: [String(ids.budget), String(ids.mayor), String(ids.derby)], back: '/newsroom/stories?status=review' });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/newsroom/stories?status=review&done=move&n=2&same=1');
    assert.equal((await statusOf(ids.budget!))?.section_id, sport);
    assert.equal((await statusOf(ids.mayor!))?.section_id, sport);
    const after = await list(editor, '?status=review&done=move&n=2&same=1');
    assert.match(after.$('.nr-notice').text(), /2 stories moved\. 1 story was already in that section\./);
  });

  test('a contributor submits their drafts; a story that is not theirs is refused and not named', async () => {
    const response = await bulk(contributor, { action: 'submit', ids: [String(ids.ferry), String(ids.filler1)] });
    assert.equal(response.status, 200, 'some done, some refused: the list with what was refused');
    const $ = load(await response.text());
    assert.equal((await statusOf(ids.ferry!))?.status, 'review');
    assert.equal((await statusOf(ids.filler1!))?.status, 'draft');
    const refusal = $('.nr-error[role="alert"]').text();
    assert.match(refusal, /1 story done; 1 story could not be changed/);
    assert.match(refusal, new RegExp(`Story ${ids.filler1}: As a contributor you cannot edit this story that is not yours`));
    assert.doesNotMatch(refusal, /Council notice/, "the title of a story the contributor cannot see is not shown");
    assert.match($('.nr-notice').text(), /1 story submitted for review/);

    const none = await bulk(contributor, { action: 'submit', ids: [String(ids.filler2)] });
    assert.equal(none.status, 403, 'nothing done: the status of the refusal');
  });

  test('unpublishing asks first; a contributor is refused; an author unpublishes their own story', async () => {
    const contributorTry = await bulk(contributor, { action: 'unpublish', ids: [String(ids.derby)], confirm: '1' });
    assert.equal(contributorTry.status, 403);
    assert.match(await contributorTry.text(), /As a contributor you cannot edit this story that is not yours/);
    assert.equal((await statusOf(ids.derby!))?.status, 'published');

    const ask = await bulk(author, { action: 'unpublish', ids: [String(ids.derby)], back: '/newsroom/stories?status=published' });
    assert.equal(ask.status, 200);
    const $ = load(await ask.text());
    assert.equal($('h1').text(), 'Unpublish 1 story?');
    assert.match($('main ul').text(), /Derby ends in a draw/);
    assert.equal($('form input[name="confirm"]').attr('value'), '1');
    assert.equal((await statusOf(ids.derby!))?.status, 'published', 'asking changes nothing');

    const done = await bulk(author, { action: 'unpublish', ids: [String(ids.derby)], confirm: '1', back: '/newsroom/stories?status=published' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), '/newsroom/stories?status=published&done=unpublish&n=1');
    assert.equal((await statusOf(ids.derby!))?.status, 'archived');
  });

  test('deleting asks first and deletes only what each person may delete', async () => {
    const ask = await bulk(editor, { action: 'delete', ids: [String(ids.filler50), String(ids.filler51)] });
    assert.equal(ask.status, 200);
    assert.match(load(await ask.text())('h1').text(), /Delete 2 stories\?/);
    const done = await bulk(editor, { action: 'delete', ids: [String(ids.filler50), String(ids.filler51)], confirm: '1' });
    assert.equal(done.status, 303);
    assert.equal(await statusOf(ids.filler50!), undefined);
    assert.equal(await statusOf(ids.filler51!), undefined);

    // An author may delete their own drafts only: the scheduled story is an editor's.
    const refused = await bulk(author, { action: 'delete', ids: [String(ids.library)], confirm: '1' });
    assert.equal(refused.status, 403);
    assert.ok(await statusOf(ids.library!), 'still there');
  });

  test('refuses a request it cannot act on, storing nothing', async () => {
    const nothing = await bulk(editor, { action: 'submit' });
    assert.equal(nothing.status, 422);
    assert.match(await nothing.text(), /Select at least one story first/);
    const noAction = await bulk(editor, { ids: [String(ids.filler3)] });
    assert.equal(noAction.status, 422);
    assert.match(await noAction.text(), /Choose what to do with the selected stories/);
    const noSection = await bulk(editor, { action: 'move', ids: [String(ids.filler3)] });
    assert.equal(noSection.status, 422);
    assert.match(await noSection.text(), /Choose the section to move the stories to/);
    const badIds = await bulk(editor, { action: 'submit', ids: ['1 OR 1=1'] });
    assert.equal(badIds.status, 400);
    const elsewhere = await bulk(editor, { action: 'submit', ids: [String(ids.filler3)], back: 'https://evil.example/' });
    assert.equal(elsewhere.headers.get('location'), '/newsroom/stories?done=submit&n=1', 'goes back only to the list');
    const noCsrf = await bulk(editor, { action: 'submit', ids: [String(ids.filler4)] }, false);
    assert.equal(noCsrf.status, 403);
    assert.equal((await statusOf(ids.filler4!))?.status, 'draft');
  });
});
