/**
 * The dashboard over real HTTP: what needs me now (waiting for my review, scheduled today on the site's clock,
 * comments waiting, my drafts), recent activity with one line per story and change however often a story saved
 * itself, counts by status, the scheduled queue, and scope by role.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestUser, signIn, type TestUser } from '../../test/helpers/auth.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import type { SessionUser } from '../accounts/sessions.js';
import { insertComment } from '../comments/comments.js';
import { createArticle, ensureSection } from '../content/articles.js';
import { saveStory } from '../content/commands/save-story.js';
import { recentActivity } from '../content/revisions.js';
import { saveSettings } from '../content/settings.js';
import { draftOfStory, loadEditableStory, type SaveAction } from '../content/workflow.js';
import { siteDayBounds } from './dashboard.js';

let server: TestServer;
let editor: TestUser;
let otherEditor: TestUser;
let contributor: TestUser;
const nextJanuaryMorning = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 15, 9, 30)).toISOString();

async function dashboard(user: TestUser): Promise<string> {
  const session = await signIn(server, user.email, user.password);
  const response = await fetch(`${server.url}/newsroom`, { headers: { cookie: session.cookie } });
  assert.equal(response.status, 200);
  return response.text();
}

function count(html: string, label: string): number {
  const match = new RegExp(`<span class="nr-card-count">(\\d+)</span><span class="nr-card-label">${label}</span>`).exec(html);
  assert.ok(match, `no ${label} card`);
  return Number(match[1]);
}

/** The part of the page under one heading, up to the next section. */
function part(html: string, headingId: string): string {
  const start = html.indexOf(`id="${headingId}"`);
  assert.ok(start > 0, `the page has ${headingId}`);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
}

async function sessionUser(user: TestUser): Promise<SessionUser> {
  const row = await server.ctx.store.db.selectFrom('users').select(['id', 'email', 'name', 'slug', 'role']).where('id', '=', user.id).executeTakeFirstOrThrow();
  return row;
}

/** Saves a story the way the editor does (autosaves are plain saves of a draft). */
async function save(user: TestUser, id: number, action: SaveAction = 'save', options: { autosave?: boolean } = {}, change: (body: string) => string = (b) => b) {
  const story = await loadEditableStory(server.ctx.store.db, id);
  const draft = draftOfStory(story);
  return saveStory(server.ctx, await sessionUser(user), id, { ...draft, bodyHtml: change(draft.bodyHtml) }, action, options);
}

describe('newsroom dashboard', () => {
  let editorDraft = 0;
  let published = 0;
  let contributorDraft = 0;
  before(async () => {
    server = await startTestServer({ seed: false });
    editor = await createTestUser(server, 'editor', { name: 'Eda Editor' });
    otherEditor = await createTestUser(server, 'editor', { name: 'Omar Other' });
    contributor = await createTestUser(server, 'contributor', { name: 'Cal Contributor' });
    const db = server.ctx.store.db;
    await saveSettings(db, { timezone: 'Asia/Tokyo' });
    const sectionId = await ensureSection(db, { slug: 'city', name: 'City' });
    const story = (title: string, status: 'draft' | 'review' | 'scheduled' | 'published', authorId: number, publishedAt: string | null = null) =>
      createArticle(db, { title, bodyHtml: '<p>Text.</p>', sectionId, status, publishedAt, authorIds: [authorId], editorId: authorId, change: 'create' });
    contributorDraft = await story('Contributor draft one', 'draft', contributor.id);
    await story('Contributor pitch in review', 'review', contributor.id);
    await story('Eda asks for a second read', 'review', editor.id);
    editorDraft = await story('Editor draft', 'draft', editor.id);
    await story('Late-night bridge <closure>', 'scheduled', editor.id, nextJanuaryMorning);
    const today = siteDayBounds('Asia/Tokyo');
    const endOfToday = new Date(Date.parse(today.to) - 60_000).toISOString();
    await story('Council vote tonight', 'scheduled', otherEditor.id, endOfToday);
    await story('Market report tomorrow', 'scheduled', otherEditor.id, new Date(Date.parse(today.to) + 3600_000).toISOString());
    published = await story('Harbour reopens', 'published', editor.id, new Date(Date.now() - 3600_000).toISOString());
    for (const status of ['pending', 'pending', 'approved'] as const) {
      await insertComment(db, { articleId: published, parentId: null, name: 'Reader', email: 'reader@example.test', body: 'A comment.', status, createdAt: new Date().toISOString() });
    }
    // A day's work: the editor's draft saves itself over and over, the published story is edited several times,
    // the contributor submits their draft.
    for (let i = 0; i < 9; i++) await save(editor, editorDraft, 'save', { autosave: true }, (b) => `${b}<p>Paragraph ${i}.</p>`);
    for (let i = 0; i < 4; i++) await save(editor, published, 'save', {}, (b) => `${b}<p>Update ${i}.</p>`);
    await save(contributor, contributorDraft, 'submit');
  });
  after(async () => {
    await server?.stop();
  });

  it('puts what needs an editor first: stories waiting for their review, scheduled today, comments, their drafts', async () => {
    const html = await dashboard(editor);
    assert.match(html, /<a class="nr-button" href="\/newsroom\/stories\/new">New story<\/a>/, 'a New story button on the page');
    const review = part(html, 'review-heading');
    assert.match(review, /Contributor pitch in review/);
    assert.match(review, /Contributor draft one/, 'the story just submitted waits too');
    assert.doesNotMatch(review, /Eda asks for a second read/, "an editor's own story does not wait for their own review");
    assert.match(review, /\(2\)/);
    const today = part(html, 'today-heading');
    assert.match(today, /Council vote tonight/);
    assert.match(today, /GMT\+9/, 'times on the site clock');
    assert.doesNotMatch(today, /Market report tomorrow|bridge/);
    assert.match(part(html, 'comments-heading'), /href="\/newsroom\/comments">2 comments waiting/);
    const drafts = part(html, 'drafts-heading');
    assert.match(drafts, /Editor draft/);
    assert.doesNotMatch(drafts, /Contributor/);

    const other = part(await dashboard(otherEditor), 'review-heading');
    assert.match(other, /Eda asks for a second read/, "another editor sees Eda's story waiting for review");
  });

  it('lists recent activity once per story and change, however often a story saved itself', async () => {
    const html = await dashboard(editor);
    const activity = part(html, 'activity-heading');
    const lines = [...activity.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    assert.ok(lines.length >= 5, `activity lines: ${lines.join(' | ')}`);
    const about = (title: string) => lines.filter((l) => l.includes(title));
    assert.equal(about('Editor draft').length, 1, `one line for the autosaved draft: ${about('Editor draft').join(' | ')}`);
    assert.match(about('Editor draft')[0]!, /Eda Editor started Editor draft/);
    assert.equal(about('Harbour reopens').length, 2, 'one line for creating it, one for the four edits');
    assert.match(about('Harbour reopens')[0]!, /Eda Editor edited the published story Harbour reopens/);
    assert.deepEqual(
      about('Contributor draft one').map((l) => l.replace(/\s+/g, ' ').trim().split(' Contributor draft one')[0]),
      ['Cal Contributor submitted for review', 'Cal Contributor started'],
    );
    // The same through the query, with the runs counted.
    const recent = await recentActivity(server.ctx.store.db, { limit: 20 });
    const draftLine = recent.filter((l) => l.articleId === editorDraft);
    assert.deepEqual(draftLine.map((l) => [l.change, l.saves]), [['create', 10]]);
    assert.deepEqual(recent.filter((l) => l.articleId === published).map((l) => [l.change, l.saves, l.status]), [['save', 4, 'published'], ['create', 1, 'published']]);
  });

  it('keeps the counts by status and the scheduled queue on the site clock', async () => {
    const html = await dashboard(editor);
    assert.equal(count(html, 'Drafts'), 1);
    assert.equal(count(html, 'In review'), 3);
    assert.equal(count(html, 'Scheduled'), 3);
    assert.equal(count(html, 'Published'), 1);
    assert.equal(count(html, 'Comments waiting'), 2);
    assert.ok(html.includes('href="/newsroom/stories?status=review"'), 'counts link to the filtered story list');
    const queue = part(html, 'queue-heading');
    assert.match(queue, /Late-night bridge &lt;closure>/, 'titles are escaped');
    assert.match(queue, /15 January \d{4} at 18:30 GMT\+9/, 'times are on the site clock (Asia/Tokyo)');
    assert.ok(queue.indexOf('Council vote tonight') < queue.indexOf('Late-night bridge'), 'soonest first');
  });

  it('shows a contributor only their own stories, what waits for an editor, and no moderation', async () => {
    const html = await dashboard(contributor);
    assert.match(html, /Your stories by status/);
    assert.equal(count(html, 'Drafts'), 0);
    assert.equal(count(html, 'In review'), 2);
    assert.doesNotMatch(html, /Comments waiting|id="review-heading"/);
    assert.match(part(html, 'in-review-heading'), /Contributor pitch in review/);
    assert.doesNotMatch(html, /Editor draft|Harbour reopens|bridge|Council vote/);
  });
});
