/** /favicon.ico over real HTTP: a real ICO of PNGs, on public and newsroom pages, drawn from the logo once one is set. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { saveSettings } from '../content/settings.js';
import { settleMediaJobs, storeImage } from '../media/storage.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { faviconSizes } from './favicon.js';

/** Reads an ICO's directory and checks every image it points at is a PNG of the size it claims. */
async function parseIco(body: Buffer): Promise<{ size: number; png: Buffer }[]> {
  assert.ok(body.length > 6);
  assert.equal(body.readUInt16LE(0), 0, 'reserved');
  assert.equal(body.readUInt16LE(2), 1, 'type 1 = icon');
  const count = body.readUInt16LE(4);
  const images: { size: number; png: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const entry = 6 + 16 * i;
    const size = body.readUInt8(entry) || 256;
    assert.equal(body.readUInt8(entry + 1) || 256, size, 'square');
    const length = body.readUInt32LE(entry + 8);
    const offset = body.readUInt32LE(entry + 12);
    assert.ok(offset + length <= body.length, 'the image lies inside the file');
    const png = body.subarray(offset, offset + length);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
    const meta = await sharp(png).metadata();
    assert.equal(meta.format, 'png');
    assert.equal(meta.width, size);
    assert.equal(meta.height, size);
    images.push({ size, png });
  }
  return images;
}

describe('/favicon.ico', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ seed: false });
  });
  after(async () => {
    await settleMediaJobs();
    await server?.stop();
  });

  it('answers an ICO drawn from the site icon, linked from public and newsroom pages, and revalidates by ETag', async () => {
    const response = await get(server, '/favicon.ico');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/x-icon');
    const etag = response.headers.get('etag');
    assert.ok(etag);
    const images = await parseIco(Buffer.from(await response.arrayBuffer()));
    assert.ok(images.length > 0);
    assert.deepEqual(images.map((image) => image.size), faviconSizes);
    // The site icon is white on dark red: the middle-left of the 48 px image is red.
    const { data } = await sharp(images.at(-1)!.png).raw().toBuffer({ resolveWithObject: true });
    const pixel = (24 * 48 + 3) * 4;
    assert.ok(data[pixel]! > 120 && data[pixel + 1]! < 60, `red at the edge: ${[...data.subarray(pixel, pixel + 4)].join(',')}`);

    assert.equal((await get(server, '/favicon.ico', { headers: { 'if-none-match': etag } })).status, 304);
    for (const page of ['/', '/newsroom/sign-in']) {
      assert.match(await (await get(server, page)).text(), /<link rel="icon" href="\/favicon\.ico"/, page);
    }
  });

  it('changes to an icon drawn from the logo once a logo is set', async () => {
    const before = await get(server, '/favicon.ico');
    const beforeTag = before.headers.get('etag');
    await before.arrayBuffer();
    const png = await sharp({ create: { width: 300, height: 100, channels: 3, background: { r: 0, g: 90, b: 200 } } }).png().toBuffer();
    const logo = await storeImage(server.ctx.store.db, path.join(server.ctx.config.dataDir, 'media'), { bytes: png, alt: 'The Evening Ledger', filename: 'logo.png' });
    await saveSettings(server.ctx.store.db, { logoMediaId: logo.id });

    const after = await get(server, '/favicon.ico', { headers: { 'if-none-match': beforeTag ?? '' } });
    assert.equal(after.status, 200, 'the old ETag no longer matches');
    assert.notEqual(after.headers.get('etag'), beforeTag);
    const images = await parseIco(Buffer.from(await after.arrayBuffer()));
    assert.ok(images.length > 0);
    const { data } = await sharp(images.at(-1)!.png).raw().toBuffer({ resolveWithObject: true });
    const centre = (24 * 48 + 24) * 4;
    assert.deepEqual([...data.subarray(centre, centre + 4)], [0, 90, 200, 255], 'the logo’s blue in the middle');
    const top = (2 * 48 + 24) * 4;
    assert.equal(data[top + 3], 0, 'a wide logo is letterboxed on transparency, not stretched');
  });
});
