/** Media files: checks an image by its bytes, stores the original under the data dir, and makes responsive WebP variants. */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import type { Media } from '../db/schema.js';
import { HttpError } from '../http/errors.js';
import type { MediaVariant } from '../content/queries.js';

export const variantWidths = [480, 960, 1600];
export const maxUploadBytes = 20 * 1024 * 1024;

const formats: Record<string, { mime: string; ext: string }> = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  webp: { mime: 'image/webp', ext: 'webp' },
  gif: { mime: 'image/gif', ext: 'gif' },
  heif: { mime: 'image/avif', ext: 'avif' },
};

export interface StoreImageInput {
  bytes: Buffer;
  alt: string;
  caption?: string;
  credit?: string;
  /** Original file name, used only to make a readable stored name. */
  filename?: string;
}

/** Stores an image and its variants; the same bytes stored twice give the same media row. */
export async function storeImage(db: Db, mediaDir: string, input: StoreImageInput): Promise<Media> {
  if (input.bytes.length > maxUploadBytes) throw new HttpError(413, `Images can be at most ${maxUploadBytes / 1024 / 1024} MB.`);
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(input.bytes).metadata();
  } catch {
    throw new HttpError(415, 'That file is not an image we can read (JPEG, PNG, WebP, GIF or AVIF).');
  }
  const format = metadata.format ? formats[metadata.format] : undefined;
  if (!format || !metadata.width || !metadata.height) {
    throw new HttpError(415, `That file is ${metadata.format ?? 'not an image'}; upload JPEG, PNG, WebP, GIF or AVIF.`);
  }
  const hash = createHash('sha256').update(input.bytes).digest('hex').slice(0, 16);
  const existing = await db.selectFrom('media').selectAll().where('path', 'like', `%/${hash}-%`).executeTakeFirst();
  if (existing) return existing;
  const stamp = new Date();
  const folder = `${stamp.getUTCFullYear()}/${String(stamp.getUTCMonth() + 1).padStart(2, '0')}`;
  const base = (input.filename ?? 'image').replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'image';
  const name = `${hash}-${base}`;
  await fs.mkdir(path.join(mediaDir, folder), { recursive: true });
  const originalPath = `${folder}/${name}.${format.ext}`;
  await fs.writeFile(path.join(mediaDir, originalPath), input.bytes);
  const variants: MediaVariant[] = [];
  for (const width of variantWidths.filter((w) => w < metadata.width! || w === variantWidths[0])) {
    const variantPath = `${folder}/${name}-${width}.webp`;
    await sharp(input.bytes).rotate().resize({ width, withoutEnlargement: true }).webp({ quality: 78 }).toFile(path.join(mediaDir, variantPath));
    variants.push({ width: Math.min(width, metadata.width), format: 'webp', path: variantPath });
  }
  return db
    .insertInto('media')
    .values({
      path: originalPath,
      mime: format.mime,
      width: metadata.width,
      height: metadata.height,
      bytes: input.bytes.length,
      alt: input.alt.trim(),
      caption: input.caption?.trim() ?? '',
      credit: input.credit?.trim() ?? '',
      variants: JSON.stringify(variants),
      created_at: now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
