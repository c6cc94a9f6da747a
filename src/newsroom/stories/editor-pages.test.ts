/** The editor's pages over HTTP: the publish dialog says who will be emailed; the revisions page shows the desk's notes. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createArticle, ensureSection, ensureThread } from '../../content/articles.js';
import { addStoryNote } from '../../content/commands/add-story-note.js';
import { followersLine } from '../editor/followers-line.js';
import { createTestUser, signIn, type SignedIn } from '../../../test/helpers/auth.js';
import { get, startTestServer, type TestServer } from '../../../test/helpers/server.js';

let server: TestServer;
let session: SignedIn;
let editorUser: { id: number; name: string; email: string };
let storyId: number;
let citySectionId: number;

async function follow(email: string, lists: string[], options: { confirmed?: boolean; status?: 'active' | 'unsubscribed'; paused?: boolean } = {}): Promise<void> {
  const db = server.ctx.store.db;
  const at = new Date().toISOString();
  const subscriber = await db
    .insertInto('subscribers')
    .values({ email, status: options.status ?? 'active', paused: options.paused ? 1 : 0, created_at: at, confirmed_at: at, confirm_window_start: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const list of lists) {
    await db.insertInto('subscriptions').values({ subscriber_id: subscriber.id, list_key: list, confirmed: options.confirmed === false ? 0 : 1, created_at: at }).execute();
  }
}

before(async () => {
  server = await startTestServer({ seed: false });
  const db = server.ctx.store.db;
  citySectionId = await ensureSection(db, { slug: 'city', name: 'City' });
  await ensureSection(db, { slug: 'sport', name: 'Sport' });
  const threadId = await ensureThread(db, 'tram-strike', 'The tram strike');
  const editor = await createTestUser(server, 'editor');
  session = await signIn(server, editor.email, editor.password);
  editorUser = editor;
  storyId = await createArticle(db, { title: 'Trams stop for a second day', bodyHtml: '<p>No trams ran.</p>', sectionId: citySectionId, threadId, status: 'draft', authorIds: [editor.id] });
  await follow('one@example.test', ['section:city', 'thread:tram-strike']);
  await follow('two@example.test', ['section:city']);
  // Not told: an address that has not confirmed, one that left, one that paused.
  await follow('pending@example.test', ['section:city'], { confirmed: false });
  await follow('gone@example.test', ['section:city'], { status: 'unsubscribed' });
  await follow('paused@example.test', ['section:city', 'thread:tram-strike'], { paused: true });
});
after(async () => server?.stop());

describe('the publish dialog', () => {
  it("names the section's and the thread's followers who will get an alert, counting only those mail goes to", async () => {
    const page = await (await get(server, `/newsroom/stories/${storyId}`, { headers: { cookie: session.cookie } })).text();
    assert.match(page, /Email alerts go to 2 readers following its section and 1 reader following “The tram strike”/);
    const bySection = JSON.parse(/data-section-followers="([^"]+)"/.exec(page)![1]!.replace(/&quot;/g, '"')) as Record<string, number>;
    assert.equal(bySection[String(citySectionId)], 2);
    assert.equal(Object.values(bySection).filter((n) => n === 0).length, 1, 'Sport has no followers');
  });

  it('says plainly when nobody will be emailed', () => {
    assert.equal(followersLine(0, null), 'No reader follows its section by email yet, so no alert goes out.');
    assert.equal(followersLine(0, { title: 'The tram strike', count: 0 }), 'No reader follows its section or its thread by email yet, so no alert goes out.');
    assert.match(followersLine(1, null), /^Email alerts go to 1 reader following its section:/);
  });
});

describe('the revisions page', () => {
  it("shows each desk note beside the revision it was written on, and only to the newsroom", async () => {
    const db = server.ctx.store.db;
    const revision = await db.insertInto('revisions').values({ article_id: storyId, title: 'Trams stop for a second day', dek: '', body_html: '<p>No trams ran.</p>', editor_id: editorUser.id, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    await addStoryNote(server.ctx, { id: editorUser.id, email: editorUser.email, name: editorUser.name, slug: 'editor', role: 'editor' }, storyId, { body: 'Check the union figure before this runs.' });
    const page = await (await get(server, `/newsroom/stories/${storyId}/revisions`, { headers: { cookie: session.cookie } })).text();
    const row = page.slice(page.indexOf(`value="${revision.id}"`), page.indexOf('</tr>', page.indexOf(`value="${revision.id}"`)));
    assert.match(row, /Check the union figure before this runs\./, 'the note sits in its revision\'s row');
    assert.match(row, new RegExp(`— ${editorUser.name}`));
    assert.equal((await get(server, `/newsroom/stories/${storyId}/revisions`)).status, 303, 'signed out: sent to sign in');
  });
});
