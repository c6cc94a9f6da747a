/** The editorial workflow on a real server and database: every move per role, own and others' stories, and scheduled publishing on time and across a restart. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SessionUser } from '../accounts/sessions.js';
import { findUserById } from '../accounts/users.js';
import { startServer } from '../cli/serve.js';
import { loadConfig } from '../config.js';
import type { ArticleStatus, Role } from '../db/schema.js';
import { CommandError, type RefusalKind } from '../errors.js';
import type { StoryChanged } from './events.js';
import { createTestDatabase, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { createTestUser } from '../../test/helpers/auth.js';
import { createArticle, ensureSection } from './articles.js';
import { findStory } from './queries.js';
import { publishDueStories } from './commands/publish-due-stories.js';
import { saveStory } from './commands/save-story.js';
import { loadEditableStory, type SaveAction, type StoryDraft } from './workflow.js';

/** A command's refusal of this kind (the faces turn it into 403, 409 or 422). */
const refusedAs = (err: unknown, kind: RefusalKind): boolean => err instanceof CommandError && err.kind === kind;

const roles: Role[] = ['contributor', 'author', 'editor', 'admin'];

let server: TestServer;
let sectionId: number;
const users = new Map<Role, SessionUser>();
let outsider: SessionUser;

async function sessionUser(id: number): Promise<SessionUser> {
  const user = await findUserById(server.ctx.store.db, id);
  assert.ok(user);
  return { id: user.id, email: user.email, name: user.name, slug: user.slug, role: user.role };
}

async function storyIn(status: ArticleStatus, authorId: number): Promise<number> {
  const publishedAt = status === 'scheduled' ? new Date(Date.now() + 3600_000).toISOString() : status === 'published' || status === 'archived' ? new Date().toISOString() : null;
  return createArticle(server.ctx.store.db, {
    title: `A ${status} story`, bodyHtml: '<p>Text.</p>', sectionId, status, publishedAt, authorIds: [authorId],
  });
}

async function draftOf(id: number): Promise<StoryDraft> {
  const { article, authorIds, tagNames } = await loadEditableStory(server.ctx.store.db, id);
  return {
    title: article.title, dek: article.dek, bodyHtml: article.body_html, slug: article.slug, sectionId: article.section_id, tagNames, authorIds,
    featuredMediaId: null, seoTitle: '', seoDescription: '', canonicalUrl: '', commentsOpen: true,
    publishAt: new Date(Date.now() + 7200_000).toISOString(), expectedVersion: article.version, correction: '',
  };
}

/** What the role rules promise for each move: editors and admins on any story; authors on their own; contributors only drafting their own. */
function expected(role: Role, own: boolean, action: SaveAction, from: ArticleStatus): boolean {
  if (role === 'editor' || role === 'admin') return true;
  if (!own) return false;
  if (role === 'author') return true;
  return (action === 'submit' || action === 'return' || action === 'save') && (from === 'draft' || from === 'review');
}

const moves: { action: SaveAction; from: ArticleStatus; to: ArticleStatus }[] = [
  { action: 'save', from: 'draft', to: 'draft' },
  { action: 'submit', from: 'draft', to: 'review' },
  { action: 'return', from: 'review', to: 'draft' },
  { action: 'schedule', from: 'review', to: 'scheduled' },
  { action: 'unschedule', from: 'scheduled', to: 'draft' },
  { action: 'publish', from: 'review', to: 'published' },
  { action: 'publish', from: 'archived', to: 'published' },
  { action: 'save', from: 'published', to: 'published' },
  { action: 'unpublish', from: 'published', to: 'archived' },
];

before(async () => {
  server = await startTestServer({ seed: false });
  sectionId = await ensureSection(server.ctx.store.db, { slug: 'world', name: 'World' });
  for (const role of roles) users.set(role, await sessionUser((await createTestUser(server, role)).id));
  outsider = await sessionUser((await createTestUser(server, 'author')).id);
});

after(async () => {
  await server?.stop();
});

describe('every move, per role, on own and on others\' stories', () => {
  for (const role of roles) {
    for (const own of [true, false]) {
      for (const move of moves) {
        const allowed = expected(role, own, move.action, move.from);
        test(`${role} ${allowed ? 'may' : 'may not'} ${move.action} ${own ? 'their own' : "someone else's"} ${move.from} story`, async () => {
          const user = users.get(role)!;
          const id = await storyIn(move.from, own ? user.id : outsider.id);
          const draft = await draftOf(id);
          if (allowed) {
            const result = await saveStory(server.ctx, user, id, draft, move.action);
            assert.equal(result.status, move.to);
            assert.equal((await loadEditableStory(server.ctx.store.db, id)).article.status, move.to);
          } else {
            await assert.rejects(saveStory(server.ctx, user, id, draft, move.action), (err: unknown) => refusedAs(err, 'forbidden'));
            assert.equal((await loadEditableStory(server.ctx.store.db, id)).article.status, move.from, 'a refused move changes nothing');
          }
        });
      }
    }
  }
});

describe('moves that make no sense are refused for everyone', () => {
  const impossible: { action: SaveAction; from: ArticleStatus }[] = [
    { action: 'unpublish', from: 'draft' },
    { action: 'submit', from: 'published' },
    { action: 'unschedule', from: 'published' },
    { action: 'return', from: 'draft' },
    { action: 'schedule', from: 'published' },
  ];
  for (const move of impossible) {
    test(`${move.action} from ${move.from} is a 409`, async () => {
      const admin = users.get('admin')!;
      const id = await storyIn(move.from, admin.id);
      await assert.rejects(saveStory(server.ctx, admin, id, await draftOf(id), move.action), (err: unknown) => refusedAs(err, 'conflict'));
    });
  }

  test('scheduling needs a time in the future', async () => {
    const editor = users.get('editor')!;
    const id = await storyIn('draft', editor.id);
    const draft = { ...(await draftOf(id)), publishAt: new Date(Date.now() - 60_000).toISOString() };
    await assert.rejects(saveStory(server.ctx, editor, id, draft, 'schedule'), (err: unknown) => refusedAs(err, 'invalid'));
    await assert.rejects(saveStory(server.ctx, editor, id, { ...draft, publishAt: null }, 'schedule'), (err: unknown) => refusedAs(err, 'invalid'));
  });

  test('only editors add correction notes, and only to published stories', async () => {
    const author = users.get('author')!;
    const own = await storyIn('published', author.id);
    await assert.rejects(saveStory(server.ctx, author, own, { ...(await draftOf(own)), correction: 'Fixed a name.' }, 'save'), (err: unknown) => refusedAs(err, 'forbidden'));
    const editor = users.get('editor')!;
    const draft = await storyIn('draft', editor.id);
    await assert.rejects(saveStory(server.ctx, editor, draft, { ...(await draftOf(draft)), correction: 'Fixed.' }, 'save'), (err: unknown) => refusedAs(err, 'invalid'));
    await saveStory(server.ctx, editor, own, { ...(await draftOf(own)), correction: 'An earlier version misspelled the mayor\'s name.' }, 'save');
    const story = await findStory(server.ctx.store.db, { id: own });
    assert.deepEqual(story?.corrections.map((c) => c.text), ["An earlier version misspelled the mayor's name."]);
  });

  test('a correction note that cannot be stored leaves the story as it was', async () => {
    const editor = users.get('editor')!;
    const id = await storyIn('published', editor.id);
    const before = await loadEditableStory(server.ctx.store.db, id);
    const change = { ...(await draftOf(id)), title: 'A headline that must not be saved alone' };
    await assert.rejects(saveStory(server.ctx, editor, id, { ...change, correction: 'x'.repeat(2001) }, 'save'), (err: unknown) => refusedAs(err, 'invalid'));
    const after = await loadEditableStory(server.ctx.store.db, id);
    assert.equal(after.article.title, before.article.title);
    assert.equal(after.article.version, before.article.version);
    assert.deepEqual((await findStory(server.ctx.store.db, { id }))?.corrections, []);
  });
});

describe('announcements', () => {
  test('publish, update and unpublish each announce story.changed with the story\'s address', async () => {
    const editor = users.get('editor')!;
    const seen: StoryChanged[] = [];
    const listener = (event: StoryChanged) => seen.push(event);
    server.ctx.events.on('story.changed', listener);
    try {
      const id = await storyIn('review', editor.id);
      await saveStory(server.ctx, editor, id, await draftOf(id), 'publish');
      await saveStory(server.ctx, editor, id, { ...(await draftOf(id)), title: 'A changed headline' }, 'save');
      await saveStory(server.ctx, editor, id, await draftOf(id), 'unpublish');
      assert.deepEqual(seen.map((e) => e.kind), ['published', 'updated', 'unpublished']);
      for (const event of seen) {
        const url = (event.after ?? event.before)?.url ?? '';
        assert.match(url, /^\/world\/\d{4}\/\d{2}\/a-review-story(-\d+)?$/);
      }
    } finally {
      server.ctx.events.off('story.changed', listener);
    }
  });
});

describe('scheduled publishing', () => {
  test('a scheduled story publishes itself when its time comes', async () => {
    const editor = users.get('editor')!;
    const id = await storyIn('draft', editor.id);
    const goesOut = new Date(Date.now() + 1500).toISOString();
    await saveStory(server.ctx, editor, id, { ...(await draftOf(id)), publishAt: goesOut }, 'schedule');
    assert.equal((await loadEditableStory(server.ctx.store.db, id)).article.status, 'scheduled');
    assert.equal(await findStory(server.ctx.store.db, { id }), null, 'not public before its time');
    let status: ArticleStatus = 'scheduled';
    for (let i = 0; i < 150 && status !== 'published'; i++) {
      await sleep(100);
      status = (await loadEditableStory(server.ctx.store.db, id)).article.status;
    }
    assert.equal(status, 'published');
    const story = await findStory(server.ctx.store.db, { id });
    assert.equal(story?.publishedAt, goesOut, 'it goes out with the time it was scheduled for');
  });

  test('a new time on a scheduled story reschedules it, for those who may schedule', async () => {
    const author = users.get('author')!;
    const id = await storyIn('scheduled', author.id);
    const later = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 16) + ':00.000Z';
    await saveStory(server.ctx, author, id, { ...(await draftOf(id)), publishAt: later }, 'save');
    const { article } = await loadEditableStory(server.ctx.store.db, id);
    assert.equal(article.status, 'scheduled');
    assert.equal(article.published_at, later);
    await assert.rejects(
      saveStory(server.ctx, author, id, { ...(await draftOf(id)), publishAt: new Date(Date.now() - 60_000).toISOString() }, 'save'),
      (err: unknown) => refusedAs(err, 'invalid'),
    );
  });

  test('publishDueStories publishes only what is due, once', async () => {
    const editor = users.get('editor')!;
    const due = await storyIn('draft', editor.id);
    const later = await storyIn('draft', editor.id);
    await saveStory(server.ctx, editor, due, { ...(await draftOf(due)), publishAt: new Date(Date.now() + 3600_000).toISOString() }, 'schedule');
    await saveStory(server.ctx, editor, later, { ...(await draftOf(later)), publishAt: new Date(Date.now() + 7200_000).toISOString() }, 'schedule');
    const inNinetyMinutes = new Date(Date.now() + 90 * 60_000).toISOString();
    const [first, second] = await Promise.all([publishDueStories(server.ctx, inNinetyMinutes), publishDueStories(server.ctx, inNinetyMinutes)]);
    const published = [...first!, ...second!];
    assert.equal(published.filter((id) => id === due).length, 1, 'two runs at once publish it once');
    assert.ok(!published.includes(later));
    assert.equal((await loadEditableStory(server.ctx.store.db, later)).article.status, 'scheduled');
  });

  test('a story whose time passed while the server was down is published when it starts again', async () => {
    const database = await createTestDatabase();
    const config = loadConfig({
      PORT: '0', HOST: '127.0.0.1', GAZETTE_DATA_DIR: database.dataDir, DATABASE_URL: database.url, GAZETTE_DEMO: 'false', LOG_LEVEL: 'silent',
    });
    try {
      const first = await startServer(config, { quiet: true });
      const db = first.ctx.store.db;
      const section = await ensureSection(db, { slug: 'world', name: 'World' });
      const user = await findUserById(db, (await db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id);
      assert.ok(user);
      const editor: SessionUser = { id: user.id, email: user.email, name: user.name, slug: user.slug, role: user.role };
      const id = await createArticle(db, { title: 'Out while we slept', bodyHtml: '<p>Text.</p>', sectionId: section, status: 'draft', authorIds: [editor.id] });
      const goesOut = new Date(Date.now() + 1500).toISOString();
      const { article } = await loadEditableStory(db, id);
      await saveStory(first.ctx, editor, id, {
        title: article.title, dek: '', bodyHtml: article.body_html, slug: '', sectionId: section, tagNames: [], authorIds: [editor.id],
        featuredMediaId: null, seoTitle: '', seoDescription: '', canonicalUrl: '', commentsOpen: true, publishAt: goesOut, correction: '',
      }, 'schedule');
      await first.close();

      while (Date.now() <= new Date(goesOut).getTime() + 100) await sleep(100);

      const second = await startServer(config, { quiet: true });
      try {
        const after = await loadEditableStory(second.ctx.store.db, id);
        assert.equal(after.article.status, 'published', 'caught up on start, before serving');
        const address = second.app.server.address();
        const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
        const page = await fetch(`${origin}${(await findStory(second.ctx.store.db, { id }))!.url}`);
        assert.equal(page.status, 200);
        assert.match(await page.text(), /Out while we slept/);
      } finally {
        await second.close();
      }
    } finally {
      await database.drop();
    }
  });
});
