/** Media commands: upload images, describe them (alt text, caption, credit), delete unused ones. */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '../accounts/actor.js';
import { permit } from '../accounts/actor.js';
import type { AppContext } from '../context.js';
import type { Media } from '../db/schema.js';
import { invalid, notFound } from '../errors.js';
import { mediaPath } from '../content/urls.js';
import { deleteMediaRow, findMedia, mediaFiles, updateMediaText, validateMediaText, type MediaText } from './library.js';
import { inspectImage, storeImage, tooLarge } from './storage.js';

export interface UploadedImage {
  filename: string;
  bytes: Buffer;
  /** The upload was cut off at the size limit. */
  truncated: boolean;
}

export interface UploadInput extends MediaText {
  files: UploadedImage[];
}

export const mediaDirOf = (ctx: AppContext): string => path.join(ctx.config.dataDir, 'media');

function checkText(input: MediaText): MediaText {
  const text = { alt: input.alt, caption: input.caption, credit: input.credit };
  const problems = validateMediaText(text);
  if (Object.keys(problems).length) throw invalid(Object.values(problems)[0] ?? 'Invalid description.', problems);
  return text;
}

/**
 * Command: store uploaded images with one description. Every file is checked before any is stored, so a bad file in
 * a batch stores nothing. The rows are written one by one as their files land on disk (a file cannot join a
 * transaction); the same bytes uploaded twice give the same image. AVIF variants follow in the background.
 */
export async function uploadImages(ctx: AppContext, actor: Actor, input: UploadInput, options: { warn?: (message: string) => void } = {}): Promise<Media[]> {
  permit(actor, 'media.upload');
  if (input.files.some((file) => file.truncated)) throw tooLarge();
  if (input.files.length === 0) throw invalid('Choose an image to upload.', { file: 'Choose an image.' });
  const text = checkText(input);
  for (const file of input.files) await inspectImage(file.bytes);
  const stored: Media[] = [];
  for (const file of input.files) {
    stored.push(await storeImage(ctx.store.db, mediaDirOf(ctx), { bytes: file.bytes, filename: file.filename, ...text }, { avif: true, warn: options.warn }));
  }
  ctx.events.emit('site.changed', { what: 'media', kind: 'uploaded', mediaIds: stored.map((m) => m.id), paths: stored.map((m) => mediaPath(m.path)) });
  return stored;
}

/** Command: change an image's alt text, caption, credit and (when given) focal point; every story showing it shows the change. */
export async function describeImage(ctx: AppContext, actor: Actor, id: number, input: MediaText): Promise<Media> {
  permit(actor, 'media.edit');
  const text: MediaText = { ...checkText(input) };
  if (input.focalX !== undefined || input.focalY !== undefined) {
    // Checked with the text: the first problem names the refusal, every field keeps its own message.
    const problems = validateMediaText(input);
    if (Object.keys(problems).length) throw invalid(Object.values(problems)[0] ?? 'Invalid focal point.', problems);
    Object.assign(text, { focalX: input.focalX ?? '', focalY: input.focalY ?? '' });
  }
  const updated = await ctx.store.db.transaction().execute(async (trx) => {
    await updateMediaText(trx, id, text);
    return findMedia(trx, id);
  });
  if (!updated) throw notFound('That image');
  ctx.events.emit('site.changed', { what: 'media', kind: 'updated', mediaIds: [id], paths: [mediaPath(updated.path)] });
  return updated;
}

/** Command: delete an image nothing uses, then its files; refused (conflict) while a story, profile or the logo uses it. */
export async function deleteImage(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  permit(actor, 'media.delete');
  const media = await ctx.store.db.transaction().execute((trx) => deleteMediaRow(trx, id));
  await Promise.all(mediaFiles(media).map((file) => fs.rm(path.join(mediaDirOf(ctx), file), { force: true })));
  ctx.events.emit('site.changed', { what: 'media', kind: 'deleted', mediaIds: [id], paths: [mediaPath(media.path)] });
}
