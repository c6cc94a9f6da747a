import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { createArticle } from '../content/articles.js';
import { findStory } from '../content/queries.js';
import { makeFormToken } from './form-token.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';

let server: TestServer;
let storyUrl: string;
let storyId: number;

interface FormFields {
  article_id: string;
  form_token: string;
  parent_id?: string;
  name?: string;
  email?: string;
  body?: string;
  website?: string;
}

async function formFor(url: string): Promise<FormFields> {
  const $ = cheerio.load(await (await get(server, url)).text());
  return {
    article_id: $('#comment-form input[name="article_id"]').val() as string,
    form_token: $('#comment-form input[name="form_token"]').val() as string,
  };
}

async function post(fields: FormFields, target: TestServer = server): Promise<Response> {
  const body = new URLSearchParams(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined));
  return fetch(`${target.url}/comments`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
}

async function commentCount(target: TestServer = server): Promise<number> {
  const row = await target.ctx.store.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

before(async () => {
  server = await startTestServer();
  const db = server.ctx.store.db;
  const sectionId = (await db.selectFrom('sections').select('id').where('slug', '=', 'politics').executeTakeFirstOrThrow()).id;
  const authorId = (await db.selectFrom('users').select('id').where('slug', '=', 'tomas-lindqvist').executeTakeFirstOrThrow()).id;
  storyId = await createArticle(db, { title: 'A story for the comment tests', bodyHtml: '<p>Text.</p>', sectionId, status: 'published', authorIds: [authorId] });
  storyUrl = (await findStory(db, { id: storyId }))!.url;
});
after(async () => {
  await server.stop();
});

describe('posting a comment', () => {
  it('holds a first-time commenter for moderation and says so, with JavaScript off', async () => {
    const form = await formFor(storyUrl);
    const response = await post({ ...form, name: 'Ada Reader', email: 'ada.first@example.com', body: 'A first thought.' });
    assert.equal(response.status, 303);
    const location = response.headers.get('location')!;
    assert.equal(location, `${storyUrl}?comment=pending#comment-status`);
    const row = await server.ctx.store.db.selectFrom('comments').selectAll().where('author_email', '=', 'ada.first@example.com').executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.notEqual(row.ip_hash, '');
    assert.notEqual(row.ip_hash, '127.0.0.1');
    const $ = cheerio.load(await (await get(server, location.replace(/#.*/, ''))).text());
    assert.match($('#comment-status').text(), /awaiting moderation/);
    assert.equal($('.comment-body').text().includes('A first thought.'), false, 'a held comment is not shown');
    const fresh = await get(server, storyUrl);
    assert.doesNotMatch(await fresh.text(), /ada\.first@example\.com/, 'emails are never shown');
  });

  it('approves at once an email that already has an approved comment, and shows it', async () => {
    const known = await server.ctx.store.db
      .selectFrom('comments')
      .select('author_email')
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow();
    const form = await formFor(storyUrl);
    const response = await post({ ...form, name: 'Regular Reader', email: known.author_email.toUpperCase(), body: 'Back again.\nSecond line, see https://example.com/report and <script>alert(1)</script>' });
    assert.equal(response.status, 303);
    const location = response.headers.get('location')!;
    const id = location.match(/#comment-(\d+)$/)?.[1];
    assert.ok(id, `redirects to the published comment, got ${location}`);
    const $ = cheerio.load(await (await get(server, storyUrl)).text());
    const comment = $(`#comment-${id}`);
    assert.equal(comment.find('.comment-author').first().text(), 'Regular Reader');
    assert.equal(comment.find('.comment-body br').length, 1, 'line breaks are kept');
    const link = comment.find('.comment-body a');
    assert.equal(link.attr('href'), 'https://example.com/report');
    assert.match(link.attr('rel') ?? '', /nofollow/);
    assert.match(link.attr('rel') ?? '', /ugc/);
    assert.equal(comment.find('script').length, 0);
    assert.match(comment.find('.comment-body').text(), /<script>alert\(1\)<\/script>/, 'shown as text');
  });

  it('threads a reply under its parent', async () => {
    const parent = await server.ctx.store.db
      .selectFrom('comments')
      .select(['id', 'author_email'])
      .where('article_id', '=', storyId)
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow();
    const page = cheerio.load(await (await get(server, `${storyUrl}?reply=${parent.id}`)).text());
    assert.match(page('[data-replying-to]').text(), /Replying to/);
    const form = await formFor(storyUrl);
    const response = await post({ ...form, parent_id: String(parent.id), name: 'Replier', email: parent.author_email, body: 'A reply.' });
    assert.equal(response.status, 303);
    const id = response.headers.get('location')!.match(/#comment-(\d+)$/)?.[1];
    const $ = cheerio.load(await (await get(server, storyUrl)).text());
    assert.equal($(`#comment-${parent.id} .comment-replies #comment-${id}`).length, 1);
  });
});

describe('rejected comments store nothing', () => {
  const cases: [string, Partial<FormFields>, number, RegExp][] = [
    ['empty comment', { body: '   ' }, 422, /write a comment/],
    ['missing name', { name: '' }, 422, /give a name/],
    ['bad email', { email: 'not-an-email' }, 422, /email address/],
    ['too long', { body: 'x'.repeat(5001) }, 422, /at most 5000 characters/],
    ['too many links', { body: 'https://a.example https://b.example https://c.example https://d.example' }, 422, /at most 3 links/],
    ['unknown parent', { parent_id: '999999' }, 422, /replied to/],
    ['forged form token', { form_token: 'abc.def' }, 400, /not recognised/],
  ];
  for (const [name, change, status, message] of cases) {
    it(name, async () => {
      const before = await commentCount();
      const form = await formFor(storyUrl);
      const response = await post({ ...form, name: 'Someone', email: 'someone@example.com', body: 'Fine text', ...change });
      assert.equal(response.status, status);
      const html = await response.text();
      assert.match(html, message);
      const $ = cheerio.load(html);
      assert.equal($('#comment-form').length, 1, 'the form comes back');
      if (change.body && change.body.length < 200) assert.equal($('#comment-body').text(), change.body, 'what was typed is kept');
      assert.equal(await commentCount(), before);
    });
  }

  it('unknown story: 404', async () => {
    const before = await commentCount();
    const response = await post({ article_id: '987654', form_token: 'x.y', name: 'A', email: 'a@example.com', body: 'Hello there' });
    assert.equal(response.status, 404);
    assert.equal(await commentCount(), before);
  });

  it('malformed story id: 400', async () => {
    const response = await post({ article_id: '1 OR 1=1', form_token: 'x.y', name: 'A', email: 'a@example.com', body: 'Hello there' });
    assert.equal(response.status, 400);
  });

  it('comments closed: 403', async () => {
    const db = server.ctx.store.db;
    const sectionId = (await db.selectFrom('sections').select('id').where('slug', '=', 'politics').executeTakeFirstOrThrow()).id;
    const authorId = (await db.selectFrom('users').select('id').where('slug', '=', 'tomas-lindqvist').executeTakeFirstOrThrow()).id;
    const closedId = await createArticle(db, { title: 'Closed for comments', bodyHtml: '<p>x</p>', sectionId, status: 'published', authorIds: [authorId], commentsOpen: false });
    const closedUrl = (await findStory(db, { id: closedId }))!.url;
    const $ = cheerio.load(await (await get(server, closedUrl)).text());
    assert.match($('.comments-closed').text(), /closed/);
    const before = await commentCount();
    const response = await post({ article_id: String(closedId), form_token: makeFormToken(server.ctx.secret, closedId, Date.now() - 10_000), name: 'A', email: 'a@example.com', body: 'Hello there' });
    assert.equal(response.status, 403);
    assert.equal(cheerio.load(await response.text())('.comments-closed').length, 1, 'the story again, saying comments are closed');
    assert.equal(await commentCount(), before);
  });

  it('honeypot filled: dropped unstored and counted, and the reader is told it was not posted, text kept', async () => {
    const db = server.ctx.store.db;
    const drops = async () => Number((await db.selectFrom('comment_drops').select((eb) => eb.fn.sum<number>('count').as('n')).where('reason', '=', 'honeypot').executeTakeFirst())?.n ?? 0);
    const before = await commentCount();
    const dropsBefore = await drops();
    const form = await formFor(storyUrl);
    const response = await post({ ...form, name: 'Bot', email: 'bot@example.com', body: 'Buy now', website: 'http://spam.example' });
    assert.equal(response.status, 422);
    const $ = cheerio.load(await response.text());
    assert.match($('#comment-errors').text(), /was not posted: a hidden field/);
    assert.doesNotMatch($('#comment-form').text(), /awaiting moderation|held for review/);
    assert.equal($('#comment-body').text(), 'Buy now', 'the text comes back');
    assert.equal($('#comment-website').val(), '', 'the hidden field comes back empty');
    assert.equal(await commentCount(), before);
    assert.equal(await drops(), dropsBefore + 1);
  });
});

describe('the comment box length', () => {
  it('refuses a 20,000-character paste with the limit and keeps every character of it', async () => {
    const before = await commentCount();
    const pasted = 'Длинный комментарий. '.repeat(1000).trim();
    assert.equal(pasted.length, 20_999);
    const form = await formFor(storyUrl);
    const response = await post({ ...form, name: 'Long Reader', email: 'long@example.com', body: pasted });
    assert.equal(response.status, 422);
    const $ = cheerio.load(await response.text());
    assert.match($('#comment-errors').text(), /Comments can be at most 5000 characters; yours has 20999\./);
    assert.equal($('#comment-body').text(), pasted, 'nothing of the text is lost');
    assert.equal($('#comment-body').attr('maxlength'), undefined, 'no maxlength to cut a paste short');
    assert.equal($('#comment-body').attr('data-max-length'), '5000');
    assert.match($('#comment-body-limit').text(), /Up to 5000 characters/);
    assert.equal(await commentCount(), before);
  });

  it('counts a line break as one character, as the browser does, though the form sends it as two', async () => {
    const body = `${'x'.repeat(4000)}${'\r\n'.repeat(600)}y`;
    const form = await formFor(storyUrl);
    const response = await post({ ...form, name: 'Many Lines', email: 'lines@example.com', body });
    assert.equal(response.status, 303);
    const row = await server.ctx.store.db.selectFrom('comments').select('body').where('author_email', '=', 'lines@example.com').executeTakeFirstOrThrow();
    assert.equal(row.body.length, 4601);
  });
});

describe('fresh form tokens', () => {
  it('hands out a fresh, uncached token for a published story, and nothing for others', async () => {
    const response = await get(server, `/comments/form-token?article=${storyId}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const { token } = (await response.json()) as { token: string };
    const form = await formFor(storyUrl);
    const posted = await post({ ...form, form_token: token, name: 'Fresh Token', email: 'fresh@example.com', body: 'With a fresh token.' });
    assert.equal(posted.status, 303);
    assert.equal((await get(server, '/comments/form-token?article=999999')).status, 404);
    assert.equal((await get(server, '/comments/form-token?article=abc')).status, 400);
  });
});

describe('limits', () => {
  it('rate-limits comments per IP with a clear message', async () => {
    const limited = await startTestServer({ seed: false, env: { COMMENT_RATE_LIMIT: '2' } });
    try {
      const db = limited.ctx.store.db;
      const sectionId = (await db.insertInto('sections').values({ slug: 'news', name: 'News', description: '', position: 0 }).returning('id').executeTakeFirstOrThrow()).id;
      const user = await db.insertInto('users').values({ email: 'w@example.com', name: 'Writer', slug: 'writer', bio: '', role: 'author', password_hash: null, avatar_media_id: null, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
      const id = await createArticle(db, { title: 'Rate limit story', bodyHtml: '<p>x</p>', sectionId, status: 'published', authorIds: [user.id] });
      const url = (await findStory(db, { id }))!.url;
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const $ = cheerio.load(await (await get(limited, url)).text());
        const response = await post(
          { article_id: String(id), form_token: $('#comment-form input[name="form_token"]').val() as string, name: 'R', email: `r${i}@example.com`, body: `Comment ${i}` },
          limited,
        );
        statuses.push(response.status);
        if (response.status === 429) assert.match(await response.text(), /Too many attempts/);
      }
      assert.deepEqual(statuses, [303, 303, 429]);
      assert.equal(await commentCount(limited), 2);
    } finally {
      await limited.stop();
    }
  });

  it('limits comments per email address too, across IP addresses', async () => {
    const limited = await startTestServer({ seed: false, env: { COMMENT_RATE_LIMIT: '2', TRUST_PROXY: 'true' } });
    try {
      const db = limited.ctx.store.db;
      const sectionId = (await db.insertInto('sections').values({ slug: 'news', name: 'News', description: '', position: 0 }).returning('id').executeTakeFirstOrThrow()).id;
      const user = await db.insertInto('users').values({ email: 'w@example.com', name: 'Writer', slug: 'writer', bio: '', role: 'author', password_hash: null, avatar_media_id: null, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
      const id = await createArticle(db, { title: 'Email limit story', bodyHtml: '<p>x</p>', sectionId, status: 'published', authorIds: [user.id] });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await fetch(`${limited.url}/comments`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `198.51.100.${i + 1}` },
          body: new URLSearchParams({ article_id: String(id), form_token: makeFormToken(limited.ctx.secret, id, Date.now() - 10_000), name: 'Same', email: 'same@example.com', body: `Comment ${i}` }),
        });
        statuses.push(response.status);
        if (response.status === 429) {
          const $ = cheerio.load(await response.text());
          assert.match($('#comment-errors').text(), /wait a little/);
          assert.equal($('#comment-body').text(), `Comment ${i}`, 'the text the reader typed comes back');
          assert.equal($('#comment-email').val(), 'same@example.com');
        }
      }
      assert.deepEqual(statuses, [303, 303, 429]);
      assert.equal(await commentCount(limited), 2);
    } finally {
      await limited.stop();
    }
  });

  async function strictServer(): Promise<{ target: TestServer; id: number; url: string }> {
    const target = await startTestServer({ seed: false, env: { COMMENT_MIN_SECONDS: '60' } });
    const db = target.ctx.store.db;
    const sectionId = (await db.insertInto('sections').values({ slug: 'news', name: 'News', description: '', position: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    const user = await db.insertInto('users').values({ email: 'w@example.com', name: 'Writer', slug: 'writer', bio: '', role: 'author', password_hash: null, avatar_media_id: null, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    const id = await createArticle(db, { title: 'Speed story', bodyHtml: '<p>x</p>', sectionId, status: 'published', authorIds: [user.id] });
    return { target, id, url: (await findStory(db, { id }))!.url };
  }

  it('holds a comment sent faster than a person could type it, with the measured time, and tells the reader', async () => {
    const { target, id, url } = await strictServer();
    try {
      const $ = cheerio.load(await (await get(target, url)).text());
      const response = await post({ article_id: String(id), form_token: $('#comment-form input[name="form_token"]').val() as string, name: 'Fast', email: 'fast@example.com', body: 'Pasted at once' }, target);
      assert.equal(response.status, 303);
      const location = response.headers.get('location')!;
      assert.equal(location, `${url}?comment=held#comment-status`);
      const row = await target.ctx.store.db.selectFrom('comments').selectAll().where('author_email', '=', 'fast@example.com').executeTakeFirstOrThrow();
      assert.equal(row.status, 'spam');
      assert.equal(row.body, 'Pasted at once');
      assert.match(row.hold_reasons, /posted \d+\.\d s after the form loaded \(under 60 s\)/);
      assert.ok(row.spam_since, 'the purge clock starts');
      const page = cheerio.load(await (await get(target, location.replace(/#.*/, ''))).text());
      assert.match(page('#comment-status').text(), /held for review/);
      assert.doesNotMatch(page('#comment-status').text(), /awaiting moderation/);
    } finally {
      await target.stop();
    }
  });

  it('never publishes a fast comment on trust: a known commenter waits in the pending queue, the reason noted', async () => {
    const { target, id, url } = await strictServer();
    try {
      const db = target.ctx.store.db;
      await db.insertInto('comments').values({ article_id: id, parent_id: null, author_name: 'Known', author_email: 'known@example.com', body: 'Earlier.', status: 'approved', ip_hash: '', created_at: new Date().toISOString() }).execute();
      const slow = await post({ article_id: String(id), form_token: makeFormToken(target.ctx.secret, id, Date.now() - 120_000), name: 'Known', email: 'known@example.com', body: 'Took my time.' }, target);
      assert.match(slow.headers.get('location')!, /\?comment=published#comment-\d+$/);
      const fast = await post({ article_id: String(id), form_token: makeFormToken(target.ctx.secret, id), name: 'Known', email: 'known@example.com', body: 'Pasted at once.' }, target);
      assert.equal(fast.headers.get('location'), `${url}?comment=pending#comment-status`);
      const row = await db.selectFrom('comments').selectAll().where('body', '=', 'Pasted at once.').executeTakeFirstOrThrow();
      assert.equal(row.status, 'pending');
      assert.match(row.hold_reasons, /after the form loaded/);
    } finally {
      await target.stop();
    }
  });

  it('measures from the page loading when the page script fetches a fresh token (?age=), not from the first keystroke', async () => {
    const { target, id, url } = await strictServer();
    try {
      const response = await get(target, `/comments/form-token?article=${id}&age=90000`);
      assert.equal(response.status, 200);
      const { token } = (await response.json()) as { token: string };
      const posted = await post({ article_id: String(id), form_token: token, name: 'Reader', email: 'reader@example.com', body: 'Read the story first.' }, target);
      assert.equal(posted.headers.get('location'), `${url}?comment=pending#comment-status`);
      const row = await target.ctx.store.db.selectFrom('comments').select(['status', 'hold_reasons']).where('author_email', '=', 'reader@example.com').executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'pending', hold_reasons: '[]' });
      const bad = await get(target, `/comments/form-token?article=${id}&age=soon`);
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /whole number of milliseconds/);
    } finally {
      await target.stop();
    }
  });
});
