/** The search page's author filter lists exactly the people with a published story, by name, whatever else they wrote. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestUser, type TestUser } from '../../test/helpers/auth.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { createArticle, ensureSection } from './articles.js';
import { listAuthorsWithStories } from './directory-queries.js';

describe('authors with published stories', () => {
  let server: TestServer;
  let people: Record<'zoe' | 'adam' | 'drafter' | 'idle', TestUser>;

  before(async () => {
    server = await startTestServer({ seed: false });
    people = {
      zoe: await createTestUser(server, 'author', { name: 'Zoe Quint' }),
      adam: await createTestUser(server, 'author', { name: 'Adam Brook' }),
      drafter: await createTestUser(server, 'author', { name: 'Dora Draft' }),
      idle: await createTestUser(server, 'author', { name: 'Ivo Idle' }),
    };
    const db = server.ctx.store.db;
    const section = await ensureSection(db, { slug: 'city', name: 'City' });
    const story = (title: string, status: 'draft' | 'published', authorIds: number[]) =>
      createArticle(db, { title, bodyHtml: `<p>${title}.</p>`, sectionId: section, status, authorIds, publishedAt: status === 'published' ? new Date().toISOString() : undefined });
    // Adam's first stories are drafts, so a check that looked only at an author's first story would miss him.
    for (let i = 0; i < 5; i++) await story(`Adam's draft ${i}`, 'draft', [people.adam.id]);
    await story('Adam and Zoe report', 'published', [people.adam.id, people.zoe.id]);
    await story('Dora never publishes', 'draft', [people.drafter.id]);
  });

  after(async () => server?.stop());

  it('names every author with a published story once, in name order, and no one else', async () => {
    const authors = await listAuthorsWithStories(server.ctx.store.db);
    assert.deepEqual(authors.map((a) => a.name), ['Adam Brook', 'Zoe Quint']);
  });
});
