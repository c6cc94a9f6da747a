import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestUser, signIn, type SignedIn } from '../../test/helpers/auth.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { fixturesDir } from '../importers/testing.js';

function upload(server: TestServer, session: SignedIn, file: string, fields: Record<string, string> = {}, csrf = session.csrf): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', csrf);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.set('file', new Blob([fs.readFileSync(file)], { type: 'text/xml' }), path.basename(file));
  return fetch(`${server.url}/newsroom/import`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: session.cookie } });
}

describe('newsroom import form', () => {
  let server: TestServer;
  let admin: SignedIn;
  let editor: SignedIn;
  const articles = async () => Number((await server.ctx.store.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  before(async () => {
    server = await startTestServer({ seed: false });
    const adminUser = await createTestUser(server, 'admin');
    const editorUser = await createTestUser(server, 'editor');
    admin = await signIn(server, adminUser.email, adminUser.password);
    editor = await signIn(server, editorUser.email, editorUser.password);
  });
  after(() => server.stop());

  it('is offered to administrators only', async () => {
    const page = await get(server, '/newsroom/import', { headers: { cookie: admin.cookie } });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /enctype="multipart\/form-data"/);
    assert.match(html, /href="\/newsroom\/import"/, 'the navigation links to it');
    assert.equal((await get(server, '/newsroom/import', { headers: { cookie: editor.cookie } })).status, 403);
    assert.equal((await upload(server, editor, path.join(fixturesDir, 'v1.0.xml'))).status, 403);
    const anonymous = await get(server, '/newsroom/import');
    assert.ok(anonymous.status === 302 || anonymous.status === 303 || anonymous.status === 401, `anonymous visitors are sent to sign in (${anonymous.status})`);
    assert.equal(await articles(), 0);
  });

  it('refuses an upload without the form token and stores nothing', async () => {
    const response = await upload(server, admin, path.join(fixturesDir, 'v1.0.xml'), {}, 'forged');
    assert.equal(response.status, 403);
    assert.equal(await articles(), 0);
  });

  it('names the line of a malformed file and stores nothing', async () => {
    const response = await upload(server, admin, path.join(fixturesDir, 'malformed.xml'));
    assert.equal(response.status, 422);
    assert.match(await response.text(), /Nothing was imported: line 9 of the file: the XML is malformed/);
    assert.equal(await articles(), 0);
  });

  it('imports an uploaded export and shows the report, escaped', async () => {
    const response = await upload(server, admin, path.join(fixturesDir, 'full-1.2.xml'), { categories: 'sections', defaultSection: 'news', pagesSection: 'pages' });
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /Imported from https:\/\/courier.example \(WXR 1.2\)/);
    assert.match(html, /<th scope="row">Posts<\/th><td>9<\/td><td>0<\/td>/);
    assert.match(html, /post 107 &quot;Binned story&quot; \(line \d+\): it is in the WordPress trash/);
    assert.match(html, /https:\/\/courier.example\/wp-content\/uploads\/2026\/02\/ferry.jpg/);
    assert.equal((await get(server, '/ferries/2026/02/night-ferry-returns')).status, 200);

    const again = await upload(server, admin, path.join(fixturesDir, 'full-1.2.xml'));
    assert.match(await again.text(), /<th scope="row">Posts<\/th><td>0<\/td><td>9<\/td>/, 'a second upload changes nothing');
  });

  it('imports the good items of an export with odd ones and lists each skipped item with its line and reason', async () => {
    const response = await upload(server, admin, path.join(fixturesDir, 'odd-items.xml'));
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /Imported from http:\/\/tenyear.example \(WXR 1.2\)/);
    assert.match(html, /7 things were skipped \(listed below with the line of the file and\s+the reason\); everything else was imported\./);
    assert.match(html, /<th scope="row">Posts<\/th><td>2<\/td><td>0<\/td>/);
    assert.match(html, /<h3>Skipped \(7\)<\/h3>/);
    assert.match(html, /<li>item 2 &quot;Mystery item&quot; \(line 21\): it has no &lt;wp:post_type>, so it is not known what it is<\/li>/);
    assert.match(html, /<li>comment 77 \(line 73\): it is not inside the &lt;item> of the post it belongs to<\/li>/);
    assert.equal((await get(server, '/news/2014/04/tide-tables-april')).status, 200);
  });

  it('checks the section fields', async () => {
    const response = await upload(server, admin, path.join(fixturesDir, 'v1.0.xml'), { defaultSection: 'Not a slug!' });
    assert.equal(response.status, 422);
    assert.match(await response.text(), /is not a section slug/);
  });
});
