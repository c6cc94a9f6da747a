/**
 * /favicon.ico on every path browsers ask for it: an ICO holding 16, 32 and 48 px PNGs, drawn by sharp from the logo
 * chosen in the newsroom's settings, else from the site's own icon (assets/favicon.svg). Drawn once per logo and kept;
 * its ETag names the source, so a new logo gives a new icon at the next revalidation.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { loadSettings } from '../content/settings.js';
import { findMedia } from '../media/library.js';
import { loadSharp } from '../media/storage.js';
import { readAsset } from './assets.js';

export const faviconSizes = [16, 32, 48];

/** An ICO file whose images are PNGs (allowed since Windows Vista, read by every browser): a 6-byte header, a 16-byte entry per image, then the images. */
export function icoFromPngs(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // width; 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1); // height
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

async function drawIcon(source: Buffer): Promise<Buffer> {
  const sharp = await loadSharp();
  const images = await Promise.all(
    faviconSizes.map(async (size) => ({
      size,
      png: await sharp(source, { density: 300 }).resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer(),
    })),
  );
  return icoFromPngs(images);
}

interface Icon {
  etag: string;
  body: Buffer;
}

export function faviconRoutes(ctx: AppContext) {
  const mediaDir = path.join(ctx.config.dataDir, 'media');
  /** The icon of the current source (logo path, or the site's own icon): drawn once, redrawn when the source changes. */
  let drawn: { source: string; icon: Promise<Icon> } | null = null;

  function siteIcon(): Buffer {
    const svg = readAsset('favicon.svg');
    if (!svg) throw new Error('src/site/assets/favicon.svg is missing');
    return svg.body;
  }

  async function currentSource(): Promise<string> {
    const settings = await loadSettings(ctx.store.read);
    const logo = settings.logoMediaId !== null ? await findMedia(ctx.store.read, settings.logoMediaId) : null;
    return logo ? logo.path : '';
  }

  async function icon(): Promise<Icon> {
    const logoPath = await currentSource();
    if (!drawn || drawn.source !== logoPath) {
      const fromSite = () => drawIcon(siteIcon());
      // A logo file that is gone or cannot be read gives the site's own icon rather than no icon.
      const body = logoPath ? fs.readFile(path.join(mediaDir, logoPath)).then(drawIcon).catch(fromSite) : fromSite();
      drawn = { source: logoPath, icon: body.then((bytes) => ({ etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`, body: bytes })) };
    }
    return drawn.icon;
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/favicon.ico', async (request, reply) => {
      const { etag, body } = await icon();
      // Revalidated at every use (a 304 while the logo stays); not kept in the page cache, which would need purging on a logo change.
      reply.header('etag', etag).header('cache-control', 'no-cache');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('image/x-icon').send(body);
    });
  };
}
