/**
 * The story commands called directly, on a real database (SQLite file, or PostgreSQL when the run says so): what they
 * store, what they refuse, and the one story.changed each announces after commit, with what listeners need.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { SessionUser } from '../../accounts/sessions.js';
import { findUserById } from '../../accounts/users.js';
import type { ArticleStatus, Role } from '../../db/schema.js';
import { CommandError, type RefusalKind } from '../../errors.js';
import { createTestUser } from '../../../test/helpers/auth.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { ensureSection, ensureThread } from '../articles.js';
import type { StoryChanged } from '../events.js';
import { findStory } from '../queries.js';
import { listRevisions } from '../revisions.js';
import { loadEditableStory, type StoryDraft } from '../workflow.js';
import { deleteStory } from './delete-story.js';
import { publishDueStories } from './publish-due-stories.js';
import { restoreRevision, saveStory } from './save-story.js';

let server: TestServer;
let sectionId: number;
const users = new Map<Role, SessionUser>();

/** Every story.changed, with the story's status as a query started by the listener itself found it. */
let seen: { event: StoryChanged; statusSeenByListener: Promise<ArticleStatus | null> }[] = [];
function listener(event: StoryChanged): void {
  const statusSeenByListener = server.ctx.store.db
    .selectFrom('articles').select('status').where('id', '=', event.articleId).executeTakeFirst()
    .then((row) => row?.status ?? null);
  seen.push({ event, statusSeenByListener });
}

async function sessionUser(role: Role): Promise<SessionUser> {
  const user = await findUserById(server.ctx.store.db, (await createTestUser(server, role)).id);
  assert.ok(user);
  return { id: user.id, email: user.email, name: user.name, slug: user.slug, role: user.role };
}

function newDraft(author: SessionUser, extra: Partial<StoryDraft> = {}): StoryDraft {
  return {
    title: `Ferry timetable changes ${Math.random().toString(36).slice(2, 8)}`, dek: 'Fewer crossings in winter.', bodyHtml: '<p>From November.</p>',
    slug: '', sectionId, tagNames: ['Ferries', 'Winter'], authorIds: [author.id], featuredMediaId: null, seoTitle: '', seoDescription: '',
    canonicalUrl: '', commentsOpen: true, publishAt: null, correction: '', ...extra,
  };
}

async function draftOf(id: number, extra: Partial<StoryDraft> = {}): Promise<StoryDraft> {
  const { article, authorIds, tagNames } = await loadEditableStory(server.ctx.store.db, id);
  return {
    title: article.title, dek: article.dek, bodyHtml: article.body_html, slug: article.slug, sectionId: article.section_id, tagNames, authorIds,
    featuredMediaId: article.featured_media_id, seoTitle: article.seo_title, seoDescription: article.seo_description, canonicalUrl: article.canonical_url,
    commentsOpen: article.comments_open === 1, publishAt: null, expectedVersion: article.version, correction: '', ...extra,
  };
}

const refusedAs = (kind: RefusalKind, code?: string) => (err: unknown): boolean =>
  err instanceof CommandError && err.kind === kind && (code === undefined || err.code === code);

/** The one event the last command announced, checked to have been emitted after its transaction committed. */
async function onlyEvent(): Promise<StoryChanged> {
  assert.equal(seen.length, 1, `exactly one story.changed, got ${seen.length}`);
  const [{ event, statusSeenByListener }] = seen as [(typeof seen)[number]];
  assert.equal(await statusSeenByListener, event.statusAfter, 'a listener reading the database sees the committed change');
  seen = [];
  return event;
}

before(async () => {
  server = await startTestServer({ seed: false });
  sectionId = await ensureSection(server.ctx.store.db, { slug: 'coast', name: 'Coast' });
  for (const role of ['contributor', 'author', 'editor'] as Role[]) users.set(role, await sessionUser(role));
  server.ctx.events.on('story.changed', listener);
});

after(async () => {
  server?.ctx.events.off('story.changed', listener);
  await server?.stop();
});

beforeEach(() => {
  seen = [];
});

describe('saveStory', () => {
  test('a new draft is saved and announced as a change only the newsroom sees', async () => {
    const author = users.get('author')!;
    const result = await saveStory(server.ctx, author, null, newDraft(author), 'save');
    assert.equal(result.status, 'draft');
    assert.equal(result.version, 1);
    assert.equal(result.story, null);
    const event = await onlyEvent();
    assert.deepEqual(
      { ...event },
      { articleId: result.id, kind: 'saved', statusBefore: null, statusAfter: 'draft', before: null, after: null, story: null },
    );
  });

  test('publishing announces where the story now shows and the story as stored', async () => {
    const editor = users.get('editor')!;
    const threadId = await ensureThread(server.ctx.store.db, 'winter-ferries', 'Winter ferries');
    const { id } = await saveStory(server.ctx, editor, null, newDraft(editor), 'save');
    await server.ctx.store.db.updateTable('articles').set({ thread_id: threadId }).where('id', '=', id).execute();
    seen = [];
    const result = await saveStory(server.ctx, editor, id, await draftOf(id), 'publish');
    const event = await onlyEvent();
    const stored = await findStory(server.ctx.store.db, { id });
    assert.ok(stored);
    assert.equal(event.kind, 'published');
    assert.equal(event.statusBefore, 'draft');
    assert.equal(event.statusAfter, 'published');
    assert.equal(event.before, null);
    assert.deepEqual(event.after, { url: stored.url, sectionSlug: 'coast', tagSlugs: ['ferries', 'winter'], authorSlugs: [editor.slug], threadSlug: 'winter-ferries' });
    assert.deepEqual(event.story, stored, 'the snapshot is the story as a reader would load it');
    assert.deepEqual(result.story, stored);
  });

  test('a change to a published story names its old and new places; a correction commits with the save', async () => {
    const editor = users.get('editor')!;
    const { id } = await saveStory(server.ctx, editor, null, newDraft(editor), 'publish');
    const before = (await findStory(server.ctx.store.db, { id }))!;
    seen = [];
    await saveStory(server.ctx, editor, id, await draftOf(id, { tagNames: ['Harbours'], slug: 'ferry-cuts', correction: 'The first crossing is at 7:10, not 7:00.' }), 'save');
    const event = await onlyEvent();
    const after = (await findStory(server.ctx.store.db, { id }))!;
    assert.equal(event.kind, 'updated');
    assert.deepEqual(event.before, { url: before.url, sectionSlug: 'coast', tagSlugs: ['ferries', 'winter'], authorSlugs: [editor.slug], threadSlug: null });
    assert.deepEqual(event.after, { url: after.url, sectionSlug: 'coast', tagSlugs: ['harbours'], authorSlugs: [editor.slug], threadSlug: null });
    assert.notEqual(before.url, after.url);
    assert.deepEqual(after.corrections.map((c) => c.text), ['The first crossing is at 7:10, not 7:00.']);
    assert.deepEqual(event.story?.corrections, after.corrections);
  });

  test('unpublishing announces where the story showed, and that it shows nowhere now', async () => {
    const editor = users.get('editor')!;
    const { id } = await saveStory(server.ctx, editor, null, newDraft(editor), 'publish');
    const published = (await findStory(server.ctx.store.db, { id }))!;
    seen = [];
    await saveStory(server.ctx, editor, id, await draftOf(id), 'unpublish');
    const event = await onlyEvent();
    assert.equal(event.kind, 'unpublished');
    assert.equal(event.before?.url, published.url);
    assert.equal(event.after, null);
    assert.equal(event.story?.status, 'archived');
  });

  test('refusals store nothing and announce nothing', async () => {
    const editor = users.get('editor')!;
    const contributor = users.get('contributor')!;
    const { id } = await saveStory(server.ctx, contributor, null, newDraft(contributor), 'save');
    seen = [];
    const stale = await draftOf(id);
    await saveStory(server.ctx, editor, id, await draftOf(id, { title: 'Edited by the editor' }), 'save');
    seen = [];
    const version = (await loadEditableStory(server.ctx.store.db, id)).article.version;

    await assert.rejects(saveStory(server.ctx, contributor, id, await draftOf(id), 'publish'), refusedAs('forbidden'));
    await assert.rejects(saveStory(server.ctx, contributor, id, { ...stale, title: 'Overwrites the editor' }, 'save'), refusedAs('conflict', 'conflict'));
    await assert.rejects(saveStory(server.ctx, editor, id, await draftOf(id, { featuredMediaId: 987654 }), 'save'), (err: unknown) =>
      refusedAs('invalid')(err) && /no image number 987654/.test((err as CommandError).message) && 'featuredMediaId' in (err as CommandError).details);
    await assert.rejects(saveStory(server.ctx, editor, id, await draftOf(id, { correction: 'Not on a draft.' }), 'save'), refusedAs('invalid'));
    await assert.rejects(saveStory(server.ctx, editor, id, await draftOf(id), 'unpublish'), refusedAs('conflict', 'invalid_transition'));
    await assert.rejects(saveStory(server.ctx, editor, 999_999, newDraft(editor), 'save'), refusedAs('not_found'));

    assert.equal(seen.length, 0, 'no refusal announces a change');
    const now = await loadEditableStory(server.ctx.store.db, id);
    assert.equal(now.article.version, version);
    assert.equal(now.article.title, 'Edited by the editor');
    assert.equal(now.article.featured_media_id, null);
  });

  test('a transaction that fails part-way keeps nothing and announces nothing', async () => {
    const editor = users.get('editor')!;
    const { id } = await saveStory(server.ctx, editor, null, newDraft(editor), 'publish');
    const revisions = (await listRevisions(server.ctx.store.db, id)).length;
    seen = [];
    // The story row is updated before its authors are written; an author who does not exist fails that insert.
    await assert.rejects(saveStory(server.ctx, editor, id, await draftOf(id, { title: 'Never stored', authorIds: [editor.id, 987_654] }), 'save'));
    assert.equal(seen.length, 0);
    const story = await loadEditableStory(server.ctx.store.db, id);
    assert.notEqual(story.article.title, 'Never stored');
    assert.deepEqual(story.authorIds, [editor.id]);
    assert.equal((await listRevisions(server.ctx.store.db, id)).length, revisions);
  });

  test('autosave keeps to drafts and stories in review', async () => {
    const editor = users.get('editor')!;
    const { id } = await saveStory(server.ctx, editor, null, newDraft(editor), 'publish');
    seen = [];
    await assert.rejects(saveStory(server.ctx, editor, id, await draftOf(id), 'save', { autosave: true }), refusedAs('conflict', 'not_a_draft'));
    assert.equal(seen.length, 0);
  });
});

describe('the other story commands', () => {
  test('restoring a revision saves its text as the newest version, announced once', async () => {
    const editor = users.get('editor')!;
    const { id } = await saveStory(server.ctx, editor, null, newDraft(editor, { title: 'First headline' }), 'publish');
    await saveStory(server.ctx, editor, id, await draftOf(id, { title: 'Second headline' }), 'save');
    const [, first] = await listRevisions(server.ctx.store.db, id);
    seen = [];
    await restoreRevision(server.ctx, editor, id, first!.id);
    const event = await onlyEvent();
    assert.equal(event.kind, 'updated');
    assert.equal(event.story?.title, 'First headline');
    await assert.rejects(restoreRevision(server.ctx, users.get('contributor')!, id, first!.id), refusedAs('forbidden'));
    await assert.rejects(restoreRevision(server.ctx, editor, id, 987_654), refusedAs('not_found'));
    assert.equal(seen.length, 0);
  });

  test('deleting refuses a published story and announces the deletion of another', async () => {
    const editor = users.get('editor')!;
    const published = await saveStory(server.ctx, editor, null, newDraft(editor), 'publish');
    const draft = await saveStory(server.ctx, editor, null, newDraft(editor), 'save');
    seen = [];
    await assert.rejects(deleteStory(server.ctx, editor, published.id), refusedAs('conflict', 'invalid_transition'));
    await assert.rejects(deleteStory(server.ctx, users.get('author')!, draft.id), refusedAs('forbidden'));
    assert.equal(seen.length, 0);
    await deleteStory(server.ctx, editor, draft.id);
    const event = await onlyEvent();
    assert.deepEqual({ ...event }, { articleId: draft.id, kind: 'deleted', statusBefore: 'draft', statusAfter: null, before: null, after: null, story: null });
  });

  test('the scheduler publishes what is due and announces each story once, with its place', async () => {
    const editor = users.get('editor')!;
    const inAnHour = new Date(Date.now() + 3600_000).toISOString();
    const { id } = await saveStory(server.ctx, editor, null, newDraft(editor, { publishAt: inAnHour }), 'schedule');
    assert.equal((await onlyEvent()).kind, 'saved');
    const later = new Date(Date.now() + 2 * 3600_000).toISOString();
    const [first, second] = await Promise.all([publishDueStories(server.ctx, later), publishDueStories(server.ctx, later)]);
    assert.deepEqual([...first, ...second], [id]);
    const event = await onlyEvent();
    const stored = (await findStory(server.ctx.store.db, { id }))!;
    assert.equal(event.kind, 'published');
    assert.equal(event.statusBefore, 'scheduled');
    assert.equal(event.after?.url, stored.url);
    assert.deepEqual(event.story, stored);
  });
});
