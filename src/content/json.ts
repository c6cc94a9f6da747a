/**
 * A story, card and image as JSON: the shape the content API answers with and webhooks send, so a consumer reads one
 * format whichever way a story reaches it.
 */
import type { MediaView, Story, StoryCard } from './queries.js';
import { mediaPath } from './urls.js';

export interface ImageJson {
  id: number;
  url: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  /** Where the subject is, in percent from the left and the top, for crops of your own; null: the middle. */
  focalPoint: { x: number; y: number } | null;
  variants: { url: string; width: number; format: string }[];
}

export type StoryJson = Record<string, unknown> & { id: number };

export function imageJson(siteUrl: string, image: MediaView): ImageJson {
  return {
    id: image.id,
    url: `${siteUrl}${mediaPath(image.path)}`,
    width: image.width,
    height: image.height,
    alt: image.alt,
    caption: image.caption,
    credit: image.credit,
    focalPoint: image.focal ?? null,
    variants: image.variants.map((v) => ({ url: `${siteUrl}${mediaPath(v.path)}`, width: v.width, format: v.format })),
  };
}

export function cardJson(siteUrl: string, card: StoryCard): StoryJson {
  return {
    id: card.id,
    slug: card.slug,
    title: card.title,
    dek: card.dek,
    url: `${siteUrl}${card.url}`,
    publishedAt: card.publishedAt,
    updatedAt: card.updatedAt,
    section: card.section,
    authors: card.authors,
    image: card.image ? imageJson(siteUrl, card.image) : null,
    commentCount: card.commentCount,
  };
}

export function storyJson(siteUrl: string, story: Story): StoryJson {
  return {
    ...cardJson(siteUrl, story),
    status: story.status,
    bodyHtml: story.bodyHtml,
    tags: story.tags.map((t) => ({ id: t.id, slug: t.slug, name: t.name })),
    thread: story.thread ? { id: story.thread.id, slug: story.thread.slug, title: story.thread.title } : null,
    corrections: story.corrections,
    commentsOpen: story.commentsOpen,
  };
}
