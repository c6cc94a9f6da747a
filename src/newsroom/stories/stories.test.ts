/** The story editor over real HTTP: create, edit, the conflict refusal that keeps the text, autosave, revisions, sanitizing, preview and roles. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { load } from 'cheerio';
import { ensureSection } from '../../content/articles.js';
import { findStory } from '../../content/queries.js';
import { saveSettings } from '../../content/settings.js';
import { get, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { createTestUser, signIn, type SignedIn, type TestUser } from '../../../test/helpers/auth.js';

let server: TestServer;
let sectionId: number;
let editor: TestUser;
let author: TestUser;
let contributor: TestUser;
const sessions = new Map<string, SignedIn>();

const quote = '<figure class="quote"><blockquote cite="https://example.org/report"><p>The bridge will reopen on Monday.</p></blockquote><figcaption><cite>City Transit</cite>, press office</figcaption></figure>';

function form(session: SignedIn, fields: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams({ _csrf: session.csrf });
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return body;
}

async function post(session: SignedIn, path: string, fields: Record<string, string | string[]>, accept = 'text/html'): Promise<Response> {
  return get(server, path, {
    method: 'POST',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept },
    body: form(session, fields).toString(),
  });
}

const page = (session: SignedIn, path: string) => get(server, path, { headers: { cookie: session.cookie } });

function storyFields(user: TestUser, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    title: 'Bridge to reopen after repairs', dek: 'Traffic returns on Monday.', body_html: `<p>The river crossing has been shut since spring.</p>${quote}`,
    section_id: String(sectionId), author_ids: [String(user.id)], tags: 'Transport, City hall', comments_open: 'on', action: 'save', ...overrides,
  };
}

async function createStory(session: SignedIn, user: TestUser, overrides: Record<string, string | string[]> = {}): Promise<number> {
  const response = await post(session, '/newsroom/stories', storyFields(user, overrides));
  assert.equal(response.status, 303, await response.text());
  const match = /^\/newsroom\/stories\/(\d+)\?saved=/.exec(response.headers.get('location') ?? '');
  assert.ok(match, `redirected to ${response.headers.get('location')}`);
  return Number(match[1]);
}

async function currentVersion(session: SignedIn, id: number): Promise<string> {
  const html = await (await page(session, `/newsroom/stories/${id}`)).text();
  const match = /name="version" value="(\d+)"/.exec(html);
  assert.ok(match, 'the edit form carries the version');
  return match[1]!;
}

before(async () => {
  server = await startTestServer({ seed: false });
  sectionId = await ensureSection(server.ctx.store.db, { slug: 'city', name: 'City' });
  editor = await createTestUser(server, 'editor');
  author = await createTestUser(server, 'author');
  contributor = await createTestUser(server, 'contributor');
  for (const user of [editor, author, contributor]) sessions.set(user.email, await signIn(server, user.email, user.password));
});

after(async () => {
  await server?.stop();
});

const session = (user: TestUser) => sessions.get(user.email)!;

async function loadStatus(id: number): Promise<string> {
  return (await server.ctx.store.db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

describe('writing and editing', () => {
  test('signed-out visitors are sent to sign in', async () => {
    const response = await get(server, '/newsroom/stories/new');
    assert.equal(response.status, 303);
    assert.match(response.headers.get('location') ?? '', /^\/newsroom\/sign-in\?next=/);
  });

  test('a new story is saved as a draft with its fields, tags and attributed quote, and listed', async () => {
    const id = await createStory(session(author), author);
    const edit = await (await page(session(author), `/newsroom/stories/${id}`)).text();
    assert.match(edit, /Bridge to reopen after repairs/);
    assert.match(edit, /value="City hall, Transport"/);
    assert.match(edit, /Draft/);
    const row = await server.ctx.store.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'draft');
    assert.equal(row.slug, 'bridge-to-reopen-after-repairs');
    assert.ok(row.body_html.includes(quote), `the quote is stored exactly: ${row.body_html}`);
    const list = await (await page(session(author), '/newsroom/stories?status=draft')).text();
    assert.match(list, new RegExp(`href="/newsroom/stories/${id}"`));
  });

  test('editing saves a new version; the list filters by status', async () => {
    const id = await createStory(session(author), author);
    const version = await currentVersion(session(author), id);
    const response = await post(session(author), `/newsroom/stories/${id}`, storyFields(author, { title: 'Bridge reopens a week early', version }));
    assert.equal(response.status, 303);
    assert.equal(await currentVersion(session(author), id), String(Number(version) + 1));
    const published = await (await page(session(author), '/newsroom/stories?status=published')).text();
    assert.doesNotMatch(published, new RegExp(`href="/newsroom/stories/${id}"`));
    assert.equal((await page(session(author), '/newsroom/stories?status=nonsense')).status, 400);
  });

  test('a save based on an old version is refused with 409, and the form shows the later writer their own text', async () => {
    const id = await createStory(session(editor), editor);
    const version = await currentVersion(session(editor), id);
    const first = await post(session(editor), `/newsroom/stories/${id}`, storyFields(editor, { body_html: '<p>First writer wins the race.</p>', version }));
    assert.equal(first.status, 303);
    const second = await post(session(editor), `/newsroom/stories/${id}`, storyFields(editor, { body_html: '<p>Second writer keeps their words & text.</p>', version }));
    assert.equal(second.status, 409);
    const html = await second.text();
    assert.match(html, /Someone else saved this story/);
    assert.match(html, new RegExp(`<a href="/newsroom/stories/${id}" target="_blank" rel="noopener">Open the saved version in a new tab</a>`));
    assert.match(html, /Second writer keeps their words &amp; text\./, 'the refused text is back in the form, escaped');
    const row = await server.ctx.store.db.selectFrom('articles').select('body_html').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.body_html, '<p>First writer wins the race.</p>', 'nothing was overwritten');
  });

  test('of many saves racing from one version, exactly one is kept', async () => {
    const id = await createStory(session(editor), editor);
    const version = await currentVersion(session(editor), id);
    const responses = await Promise.all(
      [1, 2, 3, 4].map((n) => post(session(editor), `/newsroom/stories/${id}`, storyFields(editor, { body_html: `<p>Writer ${n}.</p>`, version }))),
    );
    assert.deepEqual(responses.map((r) => r.status).sort(), [303, 409, 409, 409]);
    assert.equal(await currentVersion(session(editor), id), String(Number(version) + 1));
  });

  test('a form with a problem comes back with the message and the text kept', async () => {
    const response = await post(session(author), '/newsroom/stories', storyFields(author, { title: '   ', body_html: '<p>Keep me.</p>' }));
    assert.equal(response.status, 422);
    const html = await response.text();
    assert.match(html, /A story needs a headline/);
    assert.match(html, /&lt;p>Keep me\.&lt;\/p>|&lt;p&gt;Keep me\.&lt;\/p&gt;/);
    const bad = await post(session(author), '/newsroom/stories', storyFields(author, { canonical_url: 'javascript:alert(1)' }));
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /canonical address/);
  });

  test('without the CSRF token nothing is saved', async () => {
    const before = await server.ctx.store.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const response = await get(server, '/newsroom/stories', {
      method: 'POST',
      headers: { cookie: session(author).cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(storyFields(author) as Record<string, string>).toString(),
    });
    assert.equal(response.status, 403);
    const after = await server.ctx.store.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  test('a hostile body is stored sanitized and a hostile headline is shown escaped', async () => {
    const id = await createStory(session(author), author, {
      title: '<img src=x onerror=alert(1)>Headline',
      body_html: '<p onclick="alert(1)">Safe words</p><script>alert(2)</script><a href="javascript:alert(3)">link</a><iframe src="https://evil.example/"></iframe><img src="x" onerror="alert(4)"><p style="color:red">styled</p>',
    });
    const row = await server.ctx.store.db.selectFrom('articles').select(['body_html', 'title']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.doesNotMatch(row.body_html, /script|onclick|onerror|javascript:|iframe|style=/i);
    assert.match(row.body_html, /Safe words/);
    for (const path of [`/newsroom/stories/${id}`, `/newsroom/stories/${id}/preview`]) {
      const $ = load(await (await page(session(author), path)).text());
      const handlers = $('*').toArray().filter((el) => 'attribs' in el && Object.keys(el.attribs).some((name) => name.startsWith('on')));
      assert.equal(handlers.length, 0, `${path} has no element with an event handler`);
      assert.equal($('script:not([src]):not([type="application/ld+json"])').length, 0, `${path} has no inline script`);
      assert.ok($.root().text().includes('<img src=x onerror=alert(1)>Headline'), 'the headline is shown as text');
    }
  });

  test('the editor page loads its bundled script and styles from the app, under the same CSP', async () => {
    const html = await (await page(session(author), '/newsroom/stories/new')).text();
    const script = /<script type="module" src="(\/newsroom\/editor\/editor\.js\?v=[0-9a-f]+)"/.exec(html)?.[1];
    const styles = /<link rel="stylesheet" href="(\/newsroom\/editor\/editor\.css\?v=[0-9a-f]+)"/.exec(html)?.[1];
    assert.ok(script && styles, 'the page links the editor bundle');
    const js = await page(session(author), script);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    assert.match(await js.text(), /quoteFigure/);
    assert.equal((await page(session(author), styles)).status, 200);
    assert.equal((await page(session(author), '/newsroom/editor/other.js')).status, 404);
    assert.notEqual((await get(server, script)).status, 200, 'only for signed-in newsroom users');
  });

  test('tag suggestions come from existing tags', async () => {
    await createStory(session(author), author, { tags: 'Waterfront' });
    const response = await page(session(author), '/newsroom/stories/tags.json?q=water');
    assert.equal(response.status, 200);
    const data = (await response.json()) as { tags: { name: string }[] };
    assert.ok(data.tags.some((t) => t.name === 'Waterfront'));
  });
});

describe('autosave', () => {
  test('saves a draft and returns the new version; a stale version is a 409 in JSON', async () => {
    const id = await createStory(session(author), author);
    const version = await currentVersion(session(author), id);
    const saved = await post(session(author), `/newsroom/stories/${id}/autosave`, storyFields(author, { body_html: '<p>Autosaved words.</p>', version }), 'application/json');
    assert.equal(saved.status, 200);
    const data = (await saved.json()) as { version: number };
    assert.equal(data.version, Number(version) + 1);
    const stale = await post(session(author), `/newsroom/stories/${id}/autosave`, storyFields(author, { body_html: '<p>Late words.</p>', version }), 'application/json');
    assert.equal(stale.status, 409);
    const problem = (await stale.json()) as { error: { code: string; message: string } };
    assert.equal(problem.error.code, 'conflict');
  });
});

describe('autosave of a new story', () => {
  test('creates the draft once it has a headline and says where it lives', async () => {
    const untitled = await post(session(author), '/newsroom/stories/autosave', storyFields(author, { title: '' }), 'application/json');
    assert.equal(untitled.status, 422);
    const created = await post(session(author), '/newsroom/stories/autosave', storyFields(author, { title: 'Started in a hurry' }), 'application/json');
    assert.equal(created.status, 200);
    const data = (await created.json()) as { id: number; version: number; editUrl: string; autosaveUrl: string };
    assert.equal(data.editUrl, `/newsroom/stories/${data.id}`);
    assert.equal(data.autosaveUrl, `/newsroom/stories/${data.id}/autosave`);
    assert.equal(await loadStatus(data.id), 'draft');
    const next = await post(session(author), data.autosaveUrl, storyFields(author, { title: 'Started in a hurry', version: String(data.version) }), 'application/json');
    assert.equal(next.status, 200);
  });
});

describe('revisions', () => {
  test('every save is a revision; two compare as a word diff; an old one can be restored', async () => {
    const id = await createStory(session(editor), editor, { body_html: '<p>The council met on Tuesday.</p>' });
    let version = await currentVersion(session(editor), id);
    await post(session(editor), `/newsroom/stories/${id}`, storyFields(editor, { body_html: '<p>The council met on Wednesday evening.</p>', version }));
    const list = await (await page(session(editor), `/newsroom/stories/${id}/revisions`)).text();
    const ids = [...list.matchAll(/name="to" value="(\d+)"/g)].map((m) => m[1]!);
    assert.equal(ids.length, 2);
    const [newer, older] = ids;
    const compare = await (await page(session(editor), `/newsroom/stories/${id}/revisions/compare?from=${older}&to=${newer}`)).text();
    assert.match(compare, /<del>Tuesday\.?<\/del>/);
    assert.match(compare, /<ins>Wednesday evening\.?<\/ins>/);
    version = await currentVersion(session(editor), id);
    const restore = await post(session(editor), `/newsroom/stories/${id}/revisions/${older}/restore`, { version });
    assert.equal(restore.status, 303);
    const row = await server.ctx.store.db.selectFrom('articles').select('body_html').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.body_html, '<p>The council met on Tuesday.</p>');
    const after = await (await page(session(editor), `/newsroom/stories/${id}/revisions`)).text();
    assert.equal([...after.matchAll(/name="to" value="(\d+)"/g)].length, 3, 'the restore is itself a new revision');
    assert.equal((await page(session(editor), `/newsroom/stories/${id}/revisions/compare?from=999999&to=${newer}`)).status, 404);
  });
});

describe('preview, publishing and roles', () => {
  test('a draft is previewed with the public story page, and is not public', async () => {
    const id = await createStory(session(author), author, { title: 'Preview only headline' });
    const preview = await page(session(author), `/newsroom/stories/${id}/preview`);
    assert.equal(preview.status, 200);
    assert.match(preview.headers.get('cache-control') ?? '', /private/);
    const html = await preview.text();
    assert.match(html, /<article class="story"/);
    assert.match(html, /Preview only headline/);
    assert.match(html, /<meta name="robots" content="noindex/);
    const story = await findStory(server.ctx.store.db, { id }, true);
    assert.equal((await get(server, story!.url)).status, 404);
  });

  test("others' drafts are not theirs to open, and contributors cannot publish", async () => {
    const id = await createStory(session(author), author);
    assert.equal((await page(session(contributor), `/newsroom/stories/${id}`)).status, 403);
    assert.equal((await page(session(contributor), `/newsroom/stories/${id}/preview`)).status, 403);
    const own = await createStory(session(contributor), contributor);
    const version = await currentVersion(session(contributor), own);
    const refused = await post(session(contributor), `/newsroom/stories/${own}`, storyFields(contributor, { action: 'publish', version }));
    assert.equal(refused.status, 403);
    const submitted = await post(session(contributor), `/newsroom/stories/${own}`, storyFields(contributor, { action: 'submit', version }));
    assert.equal(submitted.status, 303);
    const list = await (await page(session(contributor), '/newsroom/stories')).text();
    assert.doesNotMatch(list, new RegExp(`href="/newsroom/stories/${id}"`), 'contributors see their own stories');
  });

  test('a story with an image that has no alt text is not published, and the text is kept', async () => {
    const id = await createStory(session(author), author, { body_html: '<p>Look:</p><figure class="image"><img src="/media/x.jpg"></figure>' });
    const version = await currentVersion(session(author), id);
    const refused = await post(session(author), `/newsroom/stories/${id}`, storyFields(author, { body_html: '<p>Look again:</p><figure class="image"><img src="/media/x.jpg"></figure>', action: 'publish', version }));
    assert.equal(refused.status, 422);
    const html = await refused.text();
    assert.match(html, /Add alt text to 1 image in the text before publishing/);
    assert.match(html, /Look again:/);
    assert.equal((await loadStatus(id)), 'draft');
  });

  test('drafts can be deleted by their author or an editor, published stories only after unpublishing', async () => {
    const id = await createStory(session(author), author, { title: 'A draft to throw away' });
    assert.equal((await page(session(contributor), `/newsroom/stories/${id}/delete`)).status, 403);
    assert.equal((await post(session(contributor), `/newsroom/stories/${id}/delete`, {})).status, 403);
    const confirm = await page(session(author), `/newsroom/stories/${id}/delete`);
    assert.equal(confirm.status, 200);
    assert.match(await confirm.text(), /A draft to throw away/);
    const deleted = await post(session(author), `/newsroom/stories/${id}/delete`, {});
    assert.equal(deleted.status, 303);
    assert.match(await (await page(session(author), deleted.headers.get('location')!)).text(), /The story was deleted\./);
    assert.equal((await page(session(author), `/newsroom/stories/${id}`)).status, 404);

    const live = await createStory(session(editor), editor, { action: 'publish' });
    assert.equal((await post(session(editor), `/newsroom/stories/${live}/delete`, {})).status, 409);
    assert.equal(await loadStatus(live), 'published');
  });

  test('scheduling from the form reads the time on the site\'s clock', async () => {
    await saveSettings(server.ctx.store.db, { timezone: 'Europe/Berlin' });
    try {
      const id = await createStory(session(author), author);
      const version = await currentVersion(session(author), id);
      const scheduled = await post(session(author), `/newsroom/stories/${id}`, storyFields(author, { action: 'schedule', publish_at: '2030-06-01T10:00', version }));
      assert.equal(scheduled.status, 303, await scheduled.text());
      const row = await server.ctx.store.db.selectFrom('articles').select(['status', 'published_at']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'scheduled', published_at: '2030-06-01T08:00:00.000Z' });
      const edit = await (await page(session(author), `/newsroom/stories/${id}`)).text();
      assert.match(edit, /name="publish_at" value="2030-06-01T10:00"/);
      assert.match(edit, /Publish at \(Europe\/Berlin time\)/);
      const past = await post(session(author), `/newsroom/stories/${id}`, storyFields(author, { action: 'schedule', publish_at: '2020-01-01T10:00', version: String(Number(version) + 1) }));
      assert.equal(past.status, 422);
      assert.match(await past.text(), /must be in the future/);
    } finally {
      await saveSettings(server.ctx.store.db, { timezone: 'UTC' });
    }
  });

  test('every field of the form reaches the public page', async () => {
    const { id: mediaId } = await server.ctx.store.db
      .insertInto('media')
      .values({ path: 'test/lighthouse.jpg', mime: 'image/jpeg', width: 1200, height: 800, bytes: 1000, alt: 'A lighthouse at night', caption: 'The old lighthouse.', credit: 'Photo: Test', variants: '[]', created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const missing = await post(session(editor), '/newsroom/stories', storyFields(editor, { featured_media_id: '987654' }));
    assert.equal(missing.status, 422);
    assert.match(await missing.text(), /no image number 987654/);
    const id = await createStory(session(editor), editor, {
      title: 'Lighthouse keepers return', author_ids: [String(editor.id), String(author.id)], featured_media_id: String(mediaId),
      seo_title: 'Keepers back at the lighthouse', seo_description: 'Two keepers move back in after forty years.',
      canonical_url: 'https://partner.example/lighthouse', comments_open: [], slug: 'keepers-return', action: 'publish',
    });
    const story = await findStory(server.ctx.store.db, { id });
    assert.ok(story);
    assert.equal(story.url.endsWith('/keepers-return'), true);
    assert.deepEqual(story.authors.map((a) => a.id), [editor.id, author.id]);
    assert.equal(story.commentsOpen, false);
    const $ = load(await (await get(server, story.url)).text());
    assert.equal($('title').text().startsWith('Keepers back at the lighthouse'), true);
    assert.equal($('meta[name="description"]').attr('content'), 'Two keepers move back in after forty years.');
    assert.equal($('link[rel="canonical"]').attr('href'), 'https://partner.example/lighthouse');
    assert.equal($('.featured-image img').attr('alt'), 'A lighthouse at night');
    assert.equal($('.story-meta .byline a').length, 2);
    assert.equal($('form.comment-form').length, 0, 'comments are closed');
    assert.match($('.comments-closed').text(), /Comments are closed/);
  });

  test('publishing puts the story on the site; an editor can then correct it with a note', async () => {
    const id = await createStory(session(author), author, { title: 'Ferry timetable changes' });
    let version = await currentVersion(session(author), id);
    const published = await post(session(author), `/newsroom/stories/${id}`, storyFields(author, { title: 'Ferry timetable changes', action: 'publish', version }));
    assert.equal(published.status, 303);
    const story = await findStory(server.ctx.store.db, { id });
    assert.ok(story, 'published');
    const publicPage = await get(server, story.url);
    assert.equal(publicPage.status, 200);
    const publicHtml = await publicPage.text();
    assert.match(publicHtml, /Ferry timetable changes/);
    assert.match(publicHtml, /<figcaption><cite>City Transit<\/cite>, press office<\/figcaption>/);
    version = await currentVersion(session(editor), id);
    const corrected = await post(session(editor), `/newsroom/stories/${id}`, storyFields(author, {
      title: 'Ferry timetable changes', body_html: '<p>The first ferry leaves at 6:40.</p>', correction: 'An earlier version gave the wrong departure time.', version,
    }));
    assert.equal(corrected.status, 303);
    const after = await (await get(server, story.url)).text();
    assert.match(after, /An earlier version gave the wrong departure time\./);
    assert.match(after, /6:40/);
  });
});
