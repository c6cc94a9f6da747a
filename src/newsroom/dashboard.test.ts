/** The dashboard over real HTTP: counts by status, the scheduled queue on the site's clock, pending comments for moderators, recent saves, and scope by role. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestUser, signIn, type TestUser } from '../../test/helpers/auth.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { insertComment } from '../comments/comments.js';
import { createArticle, ensureSection } from '../content/articles.js';
import { saveSettings } from '../content/settings.js';

let server: TestServer;
let editor: TestUser;
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

describe('newsroom dashboard', () => {
  before(async () => {
    server = await startTestServer({ seed: false });
    editor = await createTestUser(server, 'editor', { name: 'Eda Editor' });
    contributor = await createTestUser(server, 'contributor', { name: 'Cal Contributor' });
    const db = server.ctx.store.db;
    const sectionId = await ensureSection(db, { slug: 'city', name: 'City' });
    const story = (title: string, status: 'draft' | 'review' | 'scheduled' | 'published', authorId: number, publishedAt: string | null = null) =>
      createArticle(db, { title, bodyHtml: '<p>Text.</p>', sectionId, status, publishedAt, authorIds: [authorId], editorId: authorId });
    await story('Contributor draft one', 'draft', contributor.id);
    await story('Contributor pitch in review', 'review', contributor.id);
    await story('Editor draft', 'draft', editor.id);
    await story('Late-night bridge <closure>', 'scheduled', editor.id, nextJanuaryMorning);
    const published = await story('Harbour reopens', 'published', editor.id, new Date(Date.now() - 3600_000).toISOString());
    for (const status of ['pending', 'pending', 'approved'] as const) {
      await insertComment(db, { articleId: published, parentId: null, name: 'Reader', email: 'reader@example.test', body: 'A comment.', status, createdAt: new Date().toISOString() });
    }
    await saveSettings(db, { timezone: 'Asia/Tokyo' });
  });
  after(async () => {
    await server?.stop();
  });

  it('shows an editor every story by status, the scheduled queue in the site time zone, and pending comments', async () => {
    const html = await dashboard(editor);
    assert.equal(count(html, 'Drafts'), 2);
    assert.equal(count(html, 'In review'), 1);
    assert.equal(count(html, 'Scheduled'), 1);
    assert.equal(count(html, 'Published'), 1);
    assert.equal(count(html, 'Comments waiting'), 2);
    assert.ok(html.includes('href="/newsroom/stories?status=review"'), 'counts link to the filtered story list');
    const queue = html.slice(html.indexOf('id="queue-heading"'), html.indexOf('id="activity-heading"'));
    assert.match(queue, /Late-night bridge &lt;closure>/, 'titles are escaped');
    assert.match(queue, /15 January \d{4} at 18:30 GMT\+9/, 'times are on the site clock (Asia/Tokyo)');
    const activity = html.slice(html.indexOf('id="activity-heading"'));
    assert.match(activity, /Cal Contributor saved .*Contributor pitch in review/);
    assert.match(activity, /Eda Editor saved .*Harbour reopens/);
  });

  it('shows a contributor only their own stories and no moderation count', async () => {
    const html = await dashboard(contributor);
    assert.match(html, /Your stories by status/);
    assert.equal(count(html, 'Drafts'), 1);
    assert.equal(count(html, 'In review'), 1);
    assert.equal(count(html, 'Scheduled'), 0);
    assert.doesNotMatch(html, /Comments waiting/);
    assert.doesNotMatch(html, /Editor draft|Harbour reopens|bridge/);
  });
});
