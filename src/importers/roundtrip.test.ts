import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';
import type { Db } from '../db/index.js';
import { runGazette } from './testing.js';

/** Everything the round trip must keep, keyed so that two databases with different ids compare equal. */
async function snapshot(db: Db) {
  const sections = await db.selectFrom('sections').select(['slug', 'name', 'description']).orderBy('position').execute();
  const tags = (await db.selectFrom('tags').select(['slug', 'name']).execute()).sort((a, b) => a.slug.localeCompare(b.slug));
  const articles = await db.selectFrom('articles').innerJoin('sections', 'sections.id', 'articles.section_id').selectAll('articles').select('sections.slug as section').execute();
  const authors = await db.selectFrom('article_authors').innerJoin('users', 'users.id', 'article_authors.user_id').select(['article_id', 'users.slug', 'users.name', 'users.email']).orderBy('position').execute();
  const tagLinks = await db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select(['article_id', 'tags.name']).execute();
  const comments = await db.selectFrom('comments').selectAll().orderBy('created_at').orderBy('id').execute();
  const threads = await db.selectFrom('threads').selectAll().execute();
  const corrections = await db.selectFrom('corrections').select(['article_id', 'text', 'created_at']).orderBy('created_at').orderBy('id').execute();
  const people = (await db.selectFrom('users').innerJoin('article_authors', 'article_authors.user_id', 'users.id').select(['users.slug', 'users.name', 'users.email', 'users.bio']).distinct().execute())
    .sort((a, b) => a.slug.localeCompare(b.slug));
  const media = await db.selectFrom('media').select(['id', 'alt', 'caption', 'credit', 'focal_x', 'focal_y']).execute();
  const imageOf = (id: number | null) => media.filter((m) => m.id === id).map((m) => `${m.alt}|${m.caption}|${m.credit}|${m.focal_x ?? ''},${m.focal_y ?? ''}`);
  const commentKey = new Map(comments.map((c) => [c.id, `${c.author_email}|${c.created_at.slice(0, 19)}`]));
  const stories = articles
    .map((a) => ({
      key: `${a.section}/${a.slug}`,
      title: a.title,
      dek: a.dek,
      body: a.body_html,
      status: a.status,
      publishedAt: a.status === 'published' || a.status === 'scheduled' ? a.published_at?.slice(0, 19) : null,
      commentsOpen: a.comments_open,
      seo: [a.seo_title, a.seo_description, a.canonical_url],
      image: imageOf(a.featured_media_id),
      thread: threads.filter((t) => t.id === a.thread_id).map((t) => `${t.slug}|${t.title}|${t.description}`),
      corrections: corrections.filter((c) => c.article_id === a.id).map((c) => `${c.created_at}|${c.text}`),
      authors: authors.filter((x) => x.article_id === a.id).map((x) => `${x.slug}|${x.name}|${x.email}`),
      tags: tagLinks.filter((t) => t.article_id === a.id).map((t) => t.name).sort(),
      comments: comments
        .filter((c) => c.article_id === a.id)
        .map((c) => ({ name: c.author_name, email: c.author_email, body: c.body, status: c.status, at: c.created_at.slice(0, 19), parent: c.parent_id ? commentKey.get(c.parent_id) : null })),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
  const redirects = await db.selectFrom('redirects').select(['from_path', 'to_path']).execute();
  return { sections, tags, stories, redirects, people };
}

describe('export then import into an empty Gazette', () => {
  let source: TestServer;
  let target: TestServer;
  let dir: string;
  before(async () => {
    source = await startTestServer();
    target = await startTestServer({ seed: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-roundtrip-'));
    const db = source.ctx.store.db;
    // Give the demo a renamed story (a redirect) and comments in every state, so all of them travel.
    await db.insertInto('redirects').values({ from_path: '/old/address', to_path: '/world', created_at: new Date().toISOString() }).execute();
    const first = await db.selectFrom('comments').select(['id', 'article_id']).orderBy('id').executeTakeFirstOrThrow();
    await db.updateTable('comments').set({ status: 'spam' }).where('id', '=', first.id).execute();
    // A picture whose subject sits off-centre: its focal point and credit must survive the trip.
    const pictured = await db.selectFrom('articles').select('featured_media_id').where('featured_media_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    await db.updateTable('media').set({ focal_x: 72, focal_y: 31, credit: 'Photo: Mara Oyelaran' }).where('id', '=', pictured.featured_media_id!).execute();
  });
  after(async () => {
    await source.stop();
    await target.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips every story, section, tag, author, comment and redirect through WXR', async () => {
    const file = path.join(dir, 'site.xml');
    const exported = await runGazette(source, ['export', '--format', 'wxr', '--out', file]);
    assert.equal(exported.code, 0, exported.stderr);
    const imported = await runGazette(target, ['import', 'wordpress', file, '--uploads', path.join(source.database.dataDir, 'media'), '--quiet']);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /Skipped: 0/);

    const before = await snapshot(source.ctx.store.db);
    const afterImport = await snapshot(target.ctx.store.db);
    assert.ok(before.stories.length > 10 && before.stories.some((s) => s.comments.length > 0), 'the demo has stories with comments');
    assert.deepEqual(afterImport.sections, before.sections);
    assert.deepEqual(afterImport.tags, before.tags);
    assert.deepEqual(afterImport.people, before.people);
    assert.ok(before.stories.some((s) => s.thread.length) && before.stories.some((s) => s.corrections.length), 'the demo has threads and corrections');
    assert.equal(afterImport.stories.length, before.stories.length);
    assert.ok(before.stories.some((s) => s.image.some((i) => i.endsWith('|Photo: Mara Oyelaran|72,31'))), 'a featured picture has a focal point');
    for (const [i, story] of before.stories.entries()) assert.deepEqual(afterImport.stories[i], story, story.key);
    for (const redirect of before.redirects) {
      assert.ok(afterImport.redirects.some((r) => r.from_path === redirect.from_path && r.to_path === redirect.to_path), `redirect ${redirect.from_path}`);
    }

    const story = before.stories.find((s) => s.status === 'published')!;
    const [section, slug] = story.key.split('/');
    const publishedAt = story.publishedAt!;
    const page = await get(target, `/${section}/${publishedAt.slice(0, 4)}/${publishedAt.slice(5, 7)}/${slug}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<img [^>]*src="\/media\//);
    assert.equal((await get(target, '/old/address')).headers.get('location'), '/world');
  });

  it('writes a JSON dump with the same content', async () => {
    const result = await runGazette(source, ['export', '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const dump = JSON.parse(result.stdout) as { format: string; stories: { title: string; comments: unknown[] }[]; sections: unknown[]; users: { email: string }[]; redirects: unknown[] };
    const before = await snapshot(source.ctx.store.db);
    assert.equal(dump.format, 'gazette-export');
    assert.equal(dump.stories.length, before.stories.length);
    assert.equal(dump.sections.length, before.sections.length);
    assert.equal(dump.redirects.length, before.redirects.length);
    assert.ok(!JSON.stringify(dump.users).includes('password'), 'no password hashes leave the site');
    const focal = (dump.stories as unknown as { featuredMedia: { focal: unknown; credit: string } | null }[]).map((s) => s.featuredMedia).filter((m) => m?.focal);
    assert.ok(focal.length > 0, 'the JSON dump carries the focal point');
    for (const m of focal) assert.deepEqual(m!.focal, { x: 72, y: 31 });
    const bad = await runGazette(source, ['export', '--format', 'csv']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format must be wxr or json/);
  });
});
