/** The media library: list, describe, find where an image is used, and delete what nothing uses. */
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { Media } from '../db/schema.js';
import { mediaView, type MediaView } from '../content/queries.js';
import { loadSettings } from '../content/settings.js';
import { mediaPath } from '../content/urls.js';
import { conflict, notFound } from '../errors.js';

export const mediaTextLimits = { alt: 300, caption: 1000, credit: 200 } as const;
export const mediaPageSize = 48;

export interface MediaListFilter {
  /** Words to find in alt text, caption, credit or file name. */
  query?: string;
  missingAlt?: boolean;
  page?: number;
}

export async function listMedia(db: Db, filter: MediaListFilter = {}): Promise<{ items: MediaView[]; total: number }> {
  let query = db.selectFrom('media');
  const words = (filter.query ?? '').trim().toLowerCase();
  if (words) {
    const pattern = `%${words.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or((['alt', 'caption', 'credit', 'path'] as const).map((column) => sql<boolean>`lower(${eb.ref(column)}) like ${pattern} escape '\\'`)),
    );
  }
  if (filter.missingAlt) query = query.where('alt', '=', '');
  const page = Math.max(1, filter.page ?? 1);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(mediaPageSize).offset((page - 1) * mediaPageSize).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { items: rows.map(mediaView), total: Number(count?.n ?? 0) };
}

export async function findMedia(db: Db, id: number): Promise<Media | null> {
  return (await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export interface MediaText {
  alt: string;
  caption: string;
  credit: string;
  /** The focal point as typed (percent from the left and the top); both '' for none. Left out: unchanged. */
  focalX?: string;
  focalY?: string;
}

/** A typed focal point: null for none (both fields empty), or the problems. */
export function parseFocalPoint(input: { focalX?: string; focalY?: string }): { focal: { x: number; y: number } | null } | { problems: Record<string, string> } {
  const x = (input.focalX ?? '').trim().replace(/%$/, '');
  const y = (input.focalY ?? '').trim().replace(/%$/, '');
  if (!x && !y) return { focal: null };
  const problems: Record<string, string> = {};
  const percent = (value: string) => /^\d{1,3}(\.\d+)?$/.test(value) && Number(value) <= 100;
  if (!percent(x)) problems.focalX = 'Give the focal point as a percentage from 0 (left edge) to 100 (right edge), or leave both fields empty.';
  if (!percent(y)) problems.focalY = 'Give the focal point as a percentage from 0 (top) to 100 (bottom), or leave both fields empty.';
  if (Object.keys(problems).length) return { problems };
  return { focal: { x: Math.round(Number(x)), y: Math.round(Number(y)) } };
}

/** Checks alt text, caption and credit; returns field messages (empty when fine). */
export function validateMediaText(input: MediaText): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of ['alt', 'caption', 'credit'] as const) {
    if (input[field].trim().length > mediaTextLimits[field]) problems[field] = `At most ${mediaTextLimits[field]} characters.`;
  }
  if (input.focalX !== undefined || input.focalY !== undefined) {
    const focal = parseFocalPoint(input);
    if ('problems' in focal) Object.assign(problems, focal.problems);
  }
  return problems;
}

function focalColumns(input: MediaText): { focal_x?: number | null; focal_y?: number | null } {
  if (input.focalX === undefined && input.focalY === undefined) return {};
  const parsed = parseFocalPoint(input);
  const focal = 'focal' in parsed ? parsed.focal : null;
  return { focal_x: focal?.x ?? null, focal_y: focal?.y ?? null };
}

/** Stores checked alt text, caption, credit and focal point (the media commands check them first). */
export async function updateMediaText(db: Db, id: number, input: MediaText): Promise<void> {
  const result = await db
    .updateTable('media')
    .set({ alt: input.alt.trim(), caption: input.caption.trim(), credit: input.credit.trim(), ...focalColumns(input) })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound('That image');
}

export interface MediaUse {
  kind: 'featured' | 'body' | 'avatar' | 'logo';
  articleId?: number;
  title: string;
}

/** Where an image is used: as a featured image, inside a story body, as an avatar or as the site logo. */
export async function mediaUsage(db: Db, media: Pick<Media, 'id' | 'path'>): Promise<MediaUse[]> {
  const stem = media.path.replace(/\.[^.]+$/, '');
  const [articles, avatars, settings] = await Promise.all([
    db
      .selectFrom('articles')
      .select(['id', 'title', 'featured_media_id'])
      .where((eb) =>
        eb.or([
          eb('featured_media_id', '=', media.id),
          eb('body_html', 'like', `%data-media-id="${media.id}"%`),
          eb('body_html', 'like', `%/media/${stem}%`),
        ]),
      )
      .orderBy('id')
      .execute(),
    db.selectFrom('users').select(['name']).where('avatar_media_id', '=', media.id).execute(),
    loadSettings(db),
  ]);
  const uses: MediaUse[] = articles.map((a) => ({ kind: a.featured_media_id === media.id ? 'featured' : 'body', articleId: a.id, title: a.title }));
  uses.push(...avatars.map((u): MediaUse => ({ kind: 'avatar', title: u.name })));
  if (settings.logoMediaId === media.id) uses.push({ kind: 'logo', title: 'Site logo' });
  return uses;
}

/** Deletes an image's row (its files are for the caller to remove after commit); refused (conflict) while anything uses it. */
export async function deleteMediaRow(db: Db, id: number): Promise<Media> {
  const media = await findMedia(db, id);
  if (!media) throw notFound('That image');
  const uses = await mediaUsage(db, media);
  if (uses.length) {
    const where = uses.slice(0, 3).map((u) => `“${u.title}”`).join(', ');
    throw conflict(`This image is still in use (${where}${uses.length > 3 ? ` and ${uses.length - 3} more` : ''}). Remove it there first.`, {}, 'in_use');
  }
  await db.deleteFrom('media').where('id', '=', id).execute();
  return media;
}

/** An image's stored files: the original and every variant. */
export function mediaFiles(media: Media): string[] {
  return [media.path, ...mediaView(media).variants.map((v) => v.path)];
}

/** The srcset of one format's variants, for an <img> or <source>. */
export function srcsetFor(media: MediaView, format = 'webp'): string {
  return media.variants
    .filter((v) => v.format === format)
    .sort((a, b) => a.width - b.width)
    .map((v) => `${mediaPath(v.path)} ${v.width}w`)
    .join(', ');
}

/** What the editor's image picker needs of one image. */
export function pickerEntry(media: MediaView) {
  const smallest = media.variants.filter((v) => v.format === 'webp').sort((a, b) => a.width - b.width)[0];
  return {
    id: media.id,
    url: mediaPath(media.path),
    thumbnail: mediaPath(smallest?.path ?? media.path),
    srcset: srcsetFor(media),
    width: media.width,
    height: media.height,
    mime: media.mime,
    alt: media.alt,
    caption: media.caption,
    credit: media.credit,
  };
}

/**
 * Where a cropped picture centres: the editor's focal point, to the nearest 10 %, as two classes that set
 * --focal-x/--focal-y for `object-position` (the CSP allows no style attributes). None for the middle.
 */
export function focalClass(media: MediaView): string | undefined {
  if (!media.focal) return undefined;
  const step = (value: number) => Math.min(100, Math.max(0, Math.round(value / 10) * 10));
  return `focal-x${step(media.focal.x)} focal-y${step(media.focal.y)}`;
}
