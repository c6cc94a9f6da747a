/** Alt text before publishing: a story's featured image and the images in its text must say what they show. */
import { Parser } from 'htmlparser2';
import type { Db } from '../db/index.js';
import { invalid } from '../errors.js';

/** Of the given media ids, those without alt text: a story using them may not be published yet. */
export async function mediaMissingAlt(db: Db, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await db.selectFrom('media').select(['id', 'alt']).where('id', 'in', unique).execute();
  return rows.filter((r) => r.alt.trim() === '').map((r) => r.id).sort((a, b) => a - b);
}

/** The addresses of <img> elements in a body that have no alt text. */
function bodyImagesWithoutAlt(bodyHtml: string): string[] {
  const missing: string[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === 'img' && !(attributes.alt ?? '').trim()) missing.push(attributes.src ?? 'an image');
    },
  });
  parser.write(bodyHtml);
  parser.end();
  return missing;
}

/**
 * Refuses (invalid, 422) to publish a story whose featured image has no alt text in the library, or whose text holds an
 * image without an alt attribute; the workflow calls this before publishing or scheduling.
 */
export async function requireAltTextForPublishing(db: Db, story: { featuredMediaId: number | null; bodyHtml: string }): Promise<void> {
  const featured = story.featuredMediaId !== null && (await mediaMissingAlt(db, [story.featuredMediaId])).length > 0;
  const inText = bodyImagesWithoutAlt(story.bodyHtml);
  if (!featured && inText.length === 0) return;
  const images = `${inText.length} ${inText.length === 1 ? 'image' : 'images'} in the text`;
  const which = featured ? (inText.length ? `the featured image and ${images}` : 'the featured image') : images;
  throw invalid(
    `Add alt text to ${which} before publishing, so readers who cannot see images know what they show.`,
    {
      ...(featured ? { featuredMediaId: 'The featured image has no alt text; add it in the media library.' } : {}),
      ...(inText.length ? { body: `Images without alt text: ${inText.join(', ')}` } : {}),
    },
    'alt_text_missing',
  );
}
