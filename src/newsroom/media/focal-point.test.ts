/** The focal point over real HTTP: set in the media library's form, refused with the typed values kept, and carried to the public cards' cropped <img>. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { createTestUser, signIn } from '../../../test/helpers/auth.js';

let server: TestServer;

function post(path: string, fields: Record<string, string>, cookie: string): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams(fields).toString(),
  });
}

describe('focal point', () => {
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.stop();
  });

  it('an editor sets it on an image; the cards cropping that image keep it (object-position through classes)', async () => {
    const editor = await createTestUser(server, 'editor');
    const session = await signIn(server, editor.email, editor.password);
    const lead = await server.ctx.store.db
      .selectFrom('articles').innerJoin('media', 'media.id', 'articles.featured_media_id')
      .select(['media.id', 'media.path', 'media.alt']).where('articles.status', '=', 'published').orderBy('articles.published_at', 'desc').executeTakeFirstOrThrow();
    const imgOf = (html: string) => new RegExp(`<img src="/media/${lead.path.replace(/[.]/g, '\\.')}"([^>]*)>`).exec(html)?.[1];
    const before = imgOf(await (await fetch(`${server.url}/`)).text());
    assert.ok(before !== undefined, 'the home page shows the picture');
    assert.doesNotMatch(before, /focal-/, 'no focal point yet: the middle');

    const form = await (await fetch(`${server.url}/newsroom/media/${lead.id}`, { headers: { cookie: session.cookie } })).text();
    assert.match(form, /<input id="focalX" name="focalX"[^>]*\bvalue(="")? /, 'empty');
    assert.match(form, /data-focal-picker/);

    const fields = { alt: lead.alt, caption: '', credit: '', _csrf: session.csrf };
    const bad = await post(`/newsroom/media/${lead.id}`, { ...fields, focalX: '140', focalY: '35' }, session.cookie);
    assert.equal(bad.status, 422);
    const badText = await bad.text();
    assert.match(badText, /percentage from 0 \(left edge\) to 100/);
    assert.match(badText, /id="focalX"[^>]*value="140"/, 'kept as typed');
    assert.match(badText, /id="focalY"[^>]*value="35"/);

    assert.equal((await post(`/newsroom/media/${lead.id}`, { ...fields, focalX: '18', focalY: '72' }, session.cookie)).status, 303);
    const after = imgOf(await (await fetch(`${server.url}/`)).text());
    assert.match(after ?? '', /class="focal-x20 focal-y70"/, 'the rendered img centres its crop on the focal point');
    const edit = await (await fetch(`${server.url}/newsroom/media/${lead.id}`, { headers: { cookie: session.cookie } })).text();
    assert.match(edit, /class="crop-preview focal-x20 focal-y70"/, 'the newsroom previews the crop');
    assert.match(edit, /id="focalX"[^>]*value="18"/);
    const css = await (await fetch(`${server.url}${/href="(\/assets\/site\.css\?v=\w+)"/.exec(await (await fetch(`${server.url}/`)).text())?.[1]}`)).text();
    assert.match(css, /\.card-image img\s*\{[^}]*object-position:\s*var\(--focal-x,\s*50%\)\s*var\(--focal-y,\s*50%\)/);
    assert.match(css, /\.focal-x20\s*\{\s*--focal-x:\s*20%;?\s*\}/);
  });
});
