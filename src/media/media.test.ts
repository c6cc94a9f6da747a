/** Media library over real HTTP: uploads of every accepted format, variants on disk and served with long cache headers, refusals, and the in-use guard. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createArticle, ensureSection } from '../content/articles.js';
import { findStory } from '../content/queries.js';
import { createTestUser, signIn, type SignedIn, type TestUser } from '../../test/helpers/auth.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { mediaMissingAlt, requireAltTextForPublishing } from '../content/alt-text.js';
import { CommandError } from '../errors.js';
import { findMedia } from './library.js';
import { makeMissingVariants, settleMediaJobs, storeImage } from './storage.js';

interface PickerItem {
  id: number;
  url: string;
  thumbnail: string;
  srcset: string;
  mime: string;
  alt: string;
}

function picture(format: 'jpeg' | 'png' | 'webp' | 'gif' | 'avif', hue: number): Promise<Buffer> {
  const image = sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: hue, g: 255 - hue, b: 90 } } });
  return image[format]().toBuffer();
}

describe('media library', () => {
  let server: TestServer;
  let mediaDir: string;
  let editor: TestUser;
  let editorSession: SignedIn;
  let authorSession: SignedIn;
  let sectionId: number;

  before(async () => {
    server = await startTestServer({ seed: false });
    mediaDir = path.join(server.database.dataDir, 'media');
    editor = await createTestUser(server, 'editor');
    const author = await createTestUser(server, 'author');
    editorSession = await signIn(server, editor.email, editor.password);
    authorSession = await signIn(server, author.email, author.password);
    sectionId = await ensureSection(server.ctx.store.db, { slug: 'world', name: 'World' });
  });

  after(async () => {
    await settleMediaJobs();
    await server?.stop();
  });

  async function upload(session: SignedIn, file: { bytes: Buffer; name: string; type: string }, fields: Record<string, string> = {}, options: { json?: boolean; csrf?: string } = {}): Promise<Response> {
    const form = new FormData();
    form.set('_csrf', options.csrf ?? session.csrf);
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    form.set('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    return fetch(`${server.url}/newsroom/media`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: session.cookie, ...(options.json === false ? {} : { accept: 'application/json' }) },
      body: form,
    });
  }

  async function post(session: SignedIn, pathname: string, fields: Record<string, string>, json = false): Promise<Response> {
    return fetch(`${server.url}${pathname}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', ...(json ? { accept: 'application/json' } : {}) },
      body: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
    });
  }

  async function libraryCount(): Promise<number> {
    const response = await get(server, '/newsroom/media.json', { headers: { cookie: editorSession.cookie } });
    assert.equal(response.status, 200);
    return ((await response.json()) as { total: number }).total;
  }

  const formats = [
    { format: 'jpeg', mime: 'image/jpeg', name: 'harbour.jpg' },
    { format: 'png', mime: 'image/png', name: 'chart.png' },
    { format: 'webp', mime: 'image/webp', name: 'street.webp' },
    { format: 'gif', mime: 'image/gif', name: 'map.gif' },
    { format: 'avif', mime: 'image/avif', name: 'portrait.avif' },
  ] as const;

  const uploaded = new Map<string, PickerItem>();

  for (const [index, entry] of formats.entries()) {
    it(`stores a ${entry.format.toUpperCase()} upload with WebP and AVIF variants`, async () => {
      const bytes = await picture(entry.format, 40 * index);
      const response = await upload(authorSession, { bytes, name: entry.name, type: entry.mime }, { alt: `Test picture ${entry.format}`, credit: 'Photo: Test Desk' });
      assert.equal(response.status, 201, await response.clone().text());
      const { items } = (await response.json()) as { items: PickerItem[] };
      const item = items[0]!;
      assert.equal(item.mime, entry.mime);
      assert.equal(item.alt, `Test picture ${entry.format}`);
      assert.match(item.srcset, /-480\.webp 480w, .*-960\.webp 960w/);
      uploaded.set(entry.format, item);

      await settleMediaJobs();
      const row = await findMedia(server.ctx.store.db, item.id);
      assert.ok(row);
      const variants = JSON.parse(row.variants) as { format: string; path: string; width: number }[];
      assert.deepEqual(variants.filter((v) => v.format === 'webp').map((v) => v.width), [480, 960]);
      assert.deepEqual(variants.filter((v) => v.format === 'avif').map((v) => v.width), [480, 960]);
      for (const file of [row.path, ...variants.map((v) => v.path)]) assert.ok(fs.existsSync(path.join(mediaDir, file)), `${file} is on disk`);
      const avif = await sharp(path.join(mediaDir, variants.find((v) => v.format === 'avif')!.path)).metadata();
      assert.equal(avif.compression, 'av1');
    });
  }

  it('serves originals and variants with long cache headers', async () => {
    const item = uploaded.get('jpeg')!;
    for (const url of [item.url, item.thumbnail]) {
      const response = await get(server, url);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('cache-control') ?? '', /max-age=31536000/);
      assert.match(response.headers.get('cache-control') ?? '', /immutable/);
    }
  });

  it('puts srcset with WebP and AVIF variants on a story that uses the image', async () => {
    const item = uploaded.get('png')!;
    const id = await createArticle(server.ctx.store.db, {
      title: 'Harbour reopens after storm', bodyHtml: '<p>Boats returned on Tuesday.</p>', sectionId, status: 'published', authorIds: [editor.id], featuredMediaId: item.id,
    });
    const story = await findStory(server.ctx.store.db, { id });
    const html = await (await get(server, story!.url)).text();
    assert.match(html, /<source type="image\/avif" srcset="[^"]*-480\.avif 480w/);
    assert.match(html, /<source type="image\/webp" srcset="[^"]*-480\.webp 480w, [^"]*-960\.webp 960w/);
  });

  it('refuses a text file named .jpg with 415 and stores nothing', async () => {
    const before = await libraryCount();
    const response = await upload(editorSession, { bytes: Buffer.from('This is not a picture at all, only words.\n'), name: 'holiday.jpg', type: 'image/jpeg' });
    assert.equal(response.status, 415);
    const body = (await response.json()) as { error: { message: string } };
    assert.match(body.error.message, /not an image/);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>');
    const vector = await upload(editorSession, { bytes: svg, name: 'logo.png', type: 'image/png' });
    assert.equal(vector.status, 415, 'SVG (which can carry script) is refused whatever its name');
    const tiff = await upload(editorSession, { bytes: await sharp({ create: { width: 20, height: 20, channels: 3, background: '#000' } }).tiff().toBuffer(), name: 'scan.jpg', type: 'image/jpeg' });
    assert.equal(tiff.status, 415);
    assert.equal(await libraryCount(), before);
  });

  it('refuses a file over the size limit with 413 and stores nothing', async () => {
    const before = await libraryCount();
    const big = Buffer.alloc(21 * 1024 * 1024, 7);
    (await picture('jpeg', 10)).copy(big);
    const response = await upload(editorSession, { bytes: big, name: 'huge.jpg', type: 'image/jpeg' });
    assert.equal(response.status, 413);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /at most 20 MB/);
    assert.equal(await libraryCount(), before);
  });

  it('refuses an upload without the CSRF token, and one with no file', async () => {
    const bytes = await picture('jpeg', 200);
    assert.equal((await upload(editorSession, { bytes, name: 'x.jpg', type: 'image/jpeg' }, {}, { csrf: 'forged' })).status, 403);
    const form = new FormData();
    form.set('_csrf', editorSession.csrf);
    const empty = await fetch(`${server.url}/newsroom/media`, { method: 'POST', headers: { cookie: editorSession.cookie, accept: 'application/json' }, body: form });
    assert.equal(empty.status, 422);
  });

  it('answers a refused form upload with the upload form again, the problem, and the alt text, caption and credit typed', async () => {
    const typed = { alt: 'Gulls over the <harbour> wall', caption: 'Low tide, Tuesday', credit: 'Photo: K. Ashby' };
    const keptValues = (html: string) => {
      assert.match(html, /value="Gulls over the &lt;harbour> wall"/);
      assert.match(html, /value="Low tide, Tuesday"/);
      assert.match(html, /value="Photo: K. Ashby"/);
      assert.match(html, /<form class="nr-form" method="post" action="\/newsroom\/media" enctype="multipart\/form-data">/);
      assert.match(html, /choose the file again/);
      assert.doesNotMatch(html, /Back to the dashboard/);
    };
    const before = await libraryCount();

    const text = await upload(editorSession, { bytes: Buffer.from('This is not a picture at all, only words.\n'), name: 'holiday.jpg', type: 'image/jpeg' }, typed, { json: false });
    assert.equal(text.status, 415);
    assert.match(text.headers.get('content-type') ?? '', /text\/html/);
    const textPage = await text.text();
    assert.match(textPage, /not an image we can read/);
    keptValues(textPage);

    const big = Buffer.alloc(21 * 1024 * 1024, 7);
    (await picture('jpeg', 10)).copy(big);
    const huge = await upload(editorSession, { bytes: big, name: 'huge.jpg', type: 'image/jpeg' }, typed, { json: false });
    assert.equal(huge.status, 413);
    const hugePage = await huge.text();
    assert.match(hugePage, /at most 20 MB/);
    keptValues(hugePage);

    const long = await upload(editorSession, { bytes: await picture('jpeg', 40), name: 'ok.jpg', type: 'image/jpeg' }, { ...typed, credit: 'x'.repeat(201) }, { json: false });
    assert.equal(long.status, 422);
    const longPage = await long.text();
    assert.match(longPage, /<input id="credit" name="credit" type="text" value="x{201}"[^>]*aria-invalid="true"/);
    assert.match(longPage, /<span class="nr-field-error">At most 200 characters\.<\/span>/);

    const form = new FormData();
    form.set('_csrf', editorSession.csrf);
    for (const [key, value] of Object.entries(typed)) form.set(key, value);
    const none = await fetch(`${server.url}/newsroom/media`, { method: 'POST', redirect: 'manual', headers: { cookie: editorSession.cookie }, body: form });
    assert.equal(none.status, 422);
    const nonePage = await none.text();
    assert.match(nonePage, /Choose an image to upload/);
    keptValues(nonePage);

    const expired = await upload(editorSession, { bytes: await picture('jpeg', 41), name: 'ok.jpg', type: 'image/jpeg' }, typed, { json: false, csrf: 'stale' });
    assert.equal(expired.status, 403);
    const expiredPage = await expired.text();
    assert.match(expiredPage, /This form has expired/);
    keptValues(expiredPage);
    assert.match(expiredPage, new RegExp(`name="_csrf" value="${editorSession.csrf}"`), 'the form comes back with a token that works');

    assert.equal(await libraryCount(), before);
  });

  it('counts one variant in the singular on the image page', async () => {
    const small = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#336699' } }).png().toBuffer();
    const media = await storeImage(server.ctx.store.db, mediaDir, { bytes: small, filename: 'small.png', alt: 'A blue square', caption: '', credit: '' });
    const html = await (await get(server, `/newsroom/media/${media.id}`, { headers: { cookie: editorSession.cookie } })).text();
    assert.match(html, /1 variant \(WEBP\)/);
    assert.equal((await post(editorSession, `/newsroom/media/${media.id}/delete`, {})).status, 303, 'later tests count the images without AVIF');
  });

  it('sends the form upload to the new image page, shows the library and saves alt text', async () => {
    const bytes = await picture('jpeg', 123);
    const response = await upload(editorSession, { bytes, name: 'no-alt.jpg', type: 'image/jpeg' }, {}, { json: false });
    assert.equal(response.status, 303);
    const location = response.headers.get('location') ?? '';
    const id = Number(/\/newsroom\/media\/(\d+)/.exec(location)?.[1]);
    assert.ok(id > 0);
    assert.deepEqual(await mediaMissingAlt(server.ctx.store.db, [id, uploaded.get('jpeg')!.id]), [id]);

    const library = await (await get(server, '/newsroom/media?missing=alt', { headers: { cookie: editorSession.cookie } })).text();
    assert.match(library, new RegExp(`data-media-id="${id}"`));
    assert.doesNotMatch(library, new RegExp(`data-media-id="${uploaded.get('jpeg')!.id}"`));

    const saved = await post(authorSession, `/newsroom/media/${id}`, { alt: 'A <b>quay</b> at dawn', caption: 'Morning', credit: 'Photo: Desk' });
    assert.equal(saved.status, 303);
    assert.deepEqual(await mediaMissingAlt(server.ctx.store.db, [id]), []);
    const page = await (await get(server, `/newsroom/media/${id}`, { headers: { cookie: authorSession.cookie } })).text();
    assert.match(page, /value="A &lt;b>quay&lt;\/b> at dawn"/);
  });

  it('refuses publishing while a featured or body image lacks alt text', async () => {
    const db = server.ctx.store.db;
    const described = uploaded.get('jpeg')!;
    const bytes = await picture('png', 77);
    const bare = ((await (await upload(editorSession, { bytes, name: 'bare.png', type: 'image/png' })).json()) as { items: PickerItem[] }).items[0]!;
    await requireAltTextForPublishing(db, { featuredMediaId: described.id, bodyHtml: `<p>Text</p><img src="${described.url}" alt="Harbour">` });
    await assert.rejects(requireAltTextForPublishing(db, { featuredMediaId: bare.id, bodyHtml: '<p>Text</p>' }), (error: unknown) => {
      assert.ok(error instanceof CommandError && error.kind === 'invalid' && error.code === 'alt_text_missing', String(error));
      assert.match(error.message, /Add alt text to the featured image/);
      return true;
    });
    await assert.rejects(requireAltTextForPublishing(db, { featuredMediaId: bare.id, bodyHtml: `<figure class="image"><img src="${bare.thumbnail}" alt="" data-media-id="${bare.id}"></figure>` }), /the featured image and 1 image in the text/);
    await assert.rejects(requireAltTextForPublishing(db, { featuredMediaId: null, bodyHtml: '<img src="https://example.org/chart.png">' }), /1 image in the text/);
    await requireAltTextForPublishing(db, { featuredMediaId: null, bodyHtml: '<img src="https://example.org/chart.png" alt="Chart of rainfall">' });
  });

  it('refuses to delete an image in use as a featured image or in a body, and deletes an unused one with its files', async () => {
    const featured = uploaded.get('png')!;
    const refused = await post(editorSession, `/newsroom/media/${featured.id}/delete`, {});
    assert.equal(refused.status, 409);
    assert.match(await refused.text(), /still in use/);

    const inBody = uploaded.get('gif')!;
    await createArticle(server.ctx.store.db, {
      title: 'Map of the new routes', bodyHtml: `<figure class="image"><img src="${inBody.url}" alt="Map" data-media-id="${inBody.id}"></figure>`, sectionId, status: 'draft', authorIds: [editor.id],
    });
    assert.equal((await post(editorSession, `/newsroom/media/${inBody.id}/delete`, {}, true)).status, 409);

    const unused = uploaded.get('webp')!;
    assert.equal((await post(authorSession, `/newsroom/media/${unused.id}/delete`, {}, true)).status, 403, 'authors may not delete media');
    const row = await findMedia(server.ctx.store.db, unused.id);
    const deleted = await post(editorSession, `/newsroom/media/${unused.id}/delete`, {});
    assert.equal(deleted.status, 303);
    assert.equal(await findMedia(server.ctx.store.db, unused.id), null);
    assert.equal(fs.existsSync(path.join(mediaDir, row!.path)), false);
    assert.equal((await get(server, unused.thumbnail)).status, 404);
  });

  it('makes the AVIF variants an image stored without them is missing', async () => {
    await settleMediaJobs();
    const stored = await storeImage(server.ctx.store.db, mediaDir, { bytes: await picture('jpeg', 250), alt: 'Seeded picture', filename: 'seeded.jpg' });
    assert.deepEqual((JSON.parse(stored.variants) as { format: string }[]).map((v) => v.format), ['webp', 'webp']);
    assert.equal(await makeMissingVariants(server.ctx.store.db, mediaDir), 1);
    const variants = JSON.parse((await findMedia(server.ctx.store.db, stored.id))!.variants) as { format: string; path: string }[];
    assert.deepEqual(variants.map((v) => v.format).sort(), ['avif', 'avif', 'webp', 'webp']);
    for (const v of variants) assert.ok(fs.existsSync(path.join(mediaDir, v.path)));
    assert.equal(await makeMissingVariants(server.ctx.store.db, mediaDir), 0);
  });

  it('answers the picker JSON and sends signed-out visitors to sign in', async () => {
    const response = await get(server, '/newsroom/media.json?q=portrait', { headers: { cookie: authorSession.cookie } });
    const body = (await response.json()) as { items: PickerItem[]; total: number };
    assert.equal(body.total, 1);
    assert.equal(body.items[0]!.mime, 'image/avif');
    const wildcard = await get(server, '/newsroom/media.json?q=%25', { headers: { cookie: authorSession.cookie } });
    assert.equal(((await wildcard.json()) as { total: number }).total, 0, 'a % in the query is a character, not a wildcard');
    const anonymous = await get(server, '/newsroom/media');
    assert.ok([302, 303].includes(anonymous.status));
    assert.match(anonymous.headers.get('location') ?? '', /\/newsroom\/sign-in/);
  });
});
