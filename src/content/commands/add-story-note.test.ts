/** Desk notes called directly on a real database: stored with the story's newest revision, refused when empty or not allowed, announced once. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SessionUser } from '../../accounts/sessions.js';
import { findUserById } from '../../accounts/users.js';
import type { Role } from '../../db/schema.js';
import { CommandError } from '../../errors.js';
import { createTestUser } from '../../../test/helpers/auth.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { createArticle, ensureSection } from '../articles.js';
import type { StoryNoteAdded } from '../events.js';
import { listStoryNotes } from '../notes.js';
import { addStoryNote } from './add-story-note.js';

let server: TestServer;

async function sessionUser(role: Role): Promise<SessionUser> {
  const user = await findUserById(server.ctx.store.db, (await createTestUser(server, role)).id);
  assert.ok(user);
  return { id: user.id, email: user.email, name: user.name, slug: user.slug, role: user.role };
}

describe('addStoryNote', () => {
  before(async () => {
    server = await startTestServer({ seed: false });
  });
  after(async () => server?.stop());

  test('stores the note with the newest revision, lists it newest first, and announces it once', async () => {
    const db = server.ctx.store.db;
    const author = await sessionUser('author');
    const editor = await sessionUser('editor');
    const sectionId = await ensureSection(db, { slug: 'city', name: 'City' });
    const id = await createArticle(db, { title: 'Night buses', bodyHtml: '<p>Text.</p>', sectionId, status: 'draft', authorIds: [author.id] });
    const seen: StoryNoteAdded[] = [];
    server.ctx.events.on('story.note-added', (event) => seen.push(event));
    const first = await addStoryNote(server.ctx, editor, id, { body: '  Check the route map.  ' });
    const second = await addStoryNote(server.ctx, author, id, { body: 'Map checked.' });
    const revision = await db.selectFrom('revisions').select('id').where('article_id', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(first.body, 'Check the route map.');
    assert.equal(first.revisionId, revision.id);
    const notes = await listStoryNotes(db, id);
    assert.deepEqual(notes.map((n) => [n.body, n.authorName]), [['Map checked.', author.name], ['Check the route map.', editor.name]]);
    assert.deepEqual(seen, [{ articleId: id, noteId: first.id, authorId: editor.id }, { articleId: id, noteId: second.id, authorId: author.id }]);
  });

  test('refuses an empty note, a note on someone else\'s story by an author, and a missing story, storing nothing', async () => {
    const db = server.ctx.store.db;
    const owner = await sessionUser('author');
    const other = await sessionUser('author');
    const sectionId = await ensureSection(db, { slug: 'city', name: 'City' });
    const id = await createArticle(db, { title: 'Tram works', bodyHtml: '<p>Text.</p>', sectionId, status: 'draft', authorIds: [owner.id] });
    await assert.rejects(addStoryNote(server.ctx, owner, id, { body: '   ' }), (err: unknown) => err instanceof CommandError && err.kind === 'invalid');
    await assert.rejects(addStoryNote(server.ctx, owner, id, { body: 'x'.repeat(4001) }), (err: unknown) => err instanceof CommandError && err.kind === 'invalid');
    await assert.rejects(addStoryNote(server.ctx, other, id, { body: 'Not mine.' }), (err: unknown) => err instanceof CommandError && err.kind === 'forbidden');
    await assert.rejects(addStoryNote(server.ctx, owner, 999_999, { body: 'Nowhere.' }), (err: unknown) => err instanceof CommandError && err.kind === 'not_found');
    assert.deepEqual(await listStoryNotes(db, id), []);
  });
});
