/** Media files: checks an image by its bytes, stores the original under the data dir, makes WebP variants at once and AVIF variants in the background. */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type sharp from 'sharp';
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import type { Media } from '../db/schema.js';
import { CommandError, invalid } from '../errors.js';
import type { MediaVariant } from '../content/queries.js';

/** sharp (libvips) is loaded on first use: a reading-only process never needs it. */
let sharpModule: Promise<typeof sharp> | null = null;
export function loadSharp(): Promise<typeof sharp> {
  sharpModule ??= import('sharp').then(({ default: loaded }) => {
    // libvips keeps recent operations (up to 50 MB) for reuse; every upload is a new image, so nothing is reused.
    loaded.cache(false);
    return loaded;
  });
  return sharpModule;
}

export const variantWidths = [480, 960, 1600];
export const maxUploadBytes = 20 * 1024 * 1024;
export const acceptedFormatsText = 'JPEG, PNG, WebP, GIF or AVIF';

interface StoredFormat {
  mime: string;
  ext: string;
}

export interface StoreImageInput {
  bytes: Buffer;
  alt: string;
  caption?: string;
  credit?: string;
  /** Where the subject is, in percent from the left and the top; crops keep it in view. */
  focal?: { x: number; y: number } | null;
  /** Original file name, used only to make a readable stored name. */
  filename?: string;
}

export interface StoreImageOptions {
  /** Also make AVIF variants, in the background after the WebP ones (uploads do; bulk seeding skips the cost). */
  avif?: boolean;
  /** Where a failed background job is reported. */
  warn?: (message: string) => void;
}

/** What sharp says the bytes are, mapped to what we store; HEIF stills that are not AV1 (HEIC) are refused. */
function storedFormat(metadata: sharp.Metadata): StoredFormat | undefined {
  switch (metadata.format) {
    case 'jpeg': return { mime: 'image/jpeg', ext: 'jpg' };
    case 'png': return { mime: 'image/png', ext: 'png' };
    case 'webp': return { mime: 'image/webp', ext: 'webp' };
    case 'gif': return { mime: 'image/gif', ext: 'gif' };
    case 'heif': return metadata.compression === 'av1' ? { mime: 'image/avif', ext: 'avif' } : undefined;
    default: return undefined;
  }
}

/** Reads an upload's real type from its bytes; throws 413 when too large and 415 when it is not an image we take. */
export async function inspectImage(bytes: Buffer): Promise<{ format: StoredFormat; width: number; height: number }> {
  if (bytes.length > maxUploadBytes) throw tooLarge();
  if (bytes.length === 0) throw invalid('That file is empty.', { file: 'Empty file.' });
  const sharpLib = await loadSharp();
  let metadata: sharp.Metadata;
  try {
    metadata = await sharpLib(bytes).metadata();
  } catch {
    throw new CommandError('unsupported', `That file is not an image we can read. Upload ${acceptedFormatsText}.`);
  }
  const format = storedFormat(metadata);
  if (!format || !metadata.width || !metadata.height) {
    throw new CommandError('unsupported', `That file is ${metadata.format ? `a ${metadata.format.toUpperCase()} image` : 'not an image'}; upload ${acceptedFormatsText}.`);
  }
  // Orientation 5–8 means the camera stored the picture on its side: report the size people see.
  const sideways = (metadata.orientation ?? 1) >= 5;
  return { format, width: sideways ? metadata.height : metadata.width, height: sideways ? metadata.width : metadata.height };
}

export function tooLarge(): CommandError {
  return new CommandError('too_large', `Images can be at most ${maxUploadBytes / 1024 / 1024} MB.`);
}

/** Stores an image and its variants; the same bytes stored twice give the same media row. */
export async function storeImage(db: Db, mediaDir: string, input: StoreImageInput, options: StoreImageOptions = {}): Promise<Media> {
  const { format, width, height } = await inspectImage(input.bytes);
  const hash = createHash('sha256').update(input.bytes).digest('hex').slice(0, 16);
  const existing = await db.selectFrom('media').selectAll().where('path', 'like', `%/${hash}-%`).executeTakeFirst();
  if (existing) return existing;
  const stamp = new Date();
  const folder = `${stamp.getUTCFullYear()}/${String(stamp.getUTCMonth() + 1).padStart(2, '0')}`;
  const base = (input.filename ?? 'image').replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'image';
  const stem = `${folder}/${hash}-${base}`;
  await fs.mkdir(path.join(mediaDir, folder), { recursive: true });
  const originalPath = `${stem}.${format.ext}`;
  await fs.writeFile(path.join(mediaDir, originalPath), input.bytes);
  const variants: MediaVariant[] = [];
  for (const target of widthsFor(width)) {
    const variantPath = `${stem}-${target}.webp`;
    await (await resized(input.bytes, target)).webp({ quality: 78 }).toFile(path.join(mediaDir, variantPath));
    variants.push({ width: Math.min(target, width), format: 'webp', path: variantPath });
  }
  const media = await db
    .insertInto('media')
    .values({
      path: originalPath,
      mime: format.mime,
      width,
      height,
      bytes: input.bytes.length,
      alt: input.alt.trim(),
      caption: input.caption?.trim() ?? '',
      credit: input.credit?.trim() ?? '',
      focal_x: input.focal?.x ?? null,
      focal_y: input.focal?.y ?? null,
      variants: JSON.stringify(variants),
      created_at: now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (options.avif) queueAvifVariants(db, mediaDir, media.id, input.bytes, stem, width, options.warn);
  return media;
}

function widthsFor(originalWidth: number): number[] {
  return variantWidths.filter((w) => w < originalWidth || w === variantWidths[0]);
}

async function resized(bytes: Buffer, width: number): Promise<sharp.Sharp> {
  return (await loadSharp())(bytes).rotate().resize({ width, withoutEnlargement: true });
}

/** The last queued AVIF job: jobs run one after another, so a batch of uploads does not encode them all at once. */
let avifQueue: Promise<void> = Promise.resolve();

/** AVIF encoding is slow (~0.6 s per large image): it runs after the upload has answered, and adds to the row's variants when done. */
function queueAvifVariants(db: Db, mediaDir: string, mediaId: number, bytes: Buffer, stem: string, width: number, warn?: (message: string) => void): void {
  avifQueue = avifQueue.then(() =>
    makeAvifVariants(db, mediaDir, mediaId, bytes, stem, width).catch((error: unknown) => {
      // The server may have stopped or the file been deleted meanwhile; the WebP variants still serve the image.
      warn?.(`AVIF variants for media ${mediaId} were not made: ${(error as Error).message}`);
    }),
  );
}

async function makeAvifVariants(db: Db, mediaDir: string, mediaId: number, bytes: Buffer, stem: string, width: number): Promise<void> {
  const made: MediaVariant[] = [];
  for (const target of widthsFor(width)) {
    const variantPath = `${stem}-${target}.avif`;
    await (await resized(bytes, target)).avif({ quality: 55, effort: 3 }).toFile(path.join(mediaDir, variantPath));
    made.push({ width: Math.min(target, width), format: 'avif', path: variantPath });
  }
  const row = await db.selectFrom('media').select('variants').where('id', '=', mediaId).executeTakeFirst();
  if (!row) {
    await Promise.all(made.map((v) => fs.rm(path.join(mediaDir, v.path), { force: true })));
    return;
  }
  const variants = (JSON.parse(row.variants) as MediaVariant[]).filter((v) => v.format !== 'avif');
  await db.updateTable('media').set({ variants: JSON.stringify([...variants, ...made]) }).where('id', '=', mediaId).execute();
}

/** Resolves when every background AVIF job started so far has finished (tests, and a clean shutdown). */
export async function settleMediaJobs(): Promise<void> {
  let last: Promise<void>;
  do {
    last = avifQueue;
    await last;
  } while (last !== avifQueue);
}

/**
 * Makes the variants images are missing: AVIF for images stored without them (the demo, imports) or whose
 * background job was cut short, and WebP where even those are missing. Runs in the foreground; returns how many images it completed.
 */
export async function makeMissingVariants(db: Db, mediaDir: string, log: (line: string) => void = () => undefined): Promise<number> {
  const rows = await db.selectFrom('media').select(['id', 'path', 'width', 'variants']).orderBy('id').execute();
  let completed = 0;
  for (const row of rows) {
    const variants = JSON.parse(row.variants) as MediaVariant[];
    const hasWebp = variants.some((v) => v.format === 'webp');
    const hasAvif = variants.some((v) => v.format === 'avif');
    if (hasWebp && hasAvif) continue;
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(path.join(mediaDir, row.path));
    } catch {
      log(`media ${row.id}: the original file ${row.path} is missing; skipped`);
      continue;
    }
    const stem = row.path.replace(/\.[^.]+$/, '');
    if (!hasWebp) {
      const made: MediaVariant[] = [];
      for (const target of widthsFor(row.width)) {
        const variantPath = `${stem}-${target}.webp`;
        await (await resized(bytes, target)).webp({ quality: 78 }).toFile(path.join(mediaDir, variantPath));
        made.push({ width: Math.min(target, row.width), format: 'webp', path: variantPath });
      }
      await db.updateTable('media').set({ variants: JSON.stringify([...variants, ...made]) }).where('id', '=', row.id).execute();
    }
    if (!hasAvif) await makeAvifVariants(db, mediaDir, row.id, bytes, stem, row.width);
    completed++;
    log(`media ${row.id}: variants made for ${row.path}`);
  }
  return completed;
}
