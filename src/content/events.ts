/** Events the stories capability announces after a change has committed. */
import type { ArticleStatus } from '../db/schema.js';
import type { Story } from './queries.js';

/** Where a public story shows: its page and every listing it belongs to. */
export interface StoryPlacement {
  url: string;
  sectionSlug: string;
  tagSlugs: string[];
  authorSlugs: string[];
  threadSlug: string | null;
}

/**
 * published: went on the site; updated: changed while on it; unpublished: taken off it; saved: a change only the
 * newsroom sees (a draft, a story in review or on the schedule); deleted: gone for good (never while published).
 */
export type StoryChangeKind = 'published' | 'updated' | 'unpublished' | 'saved' | 'deleted';

export interface StoryChanged {
  articleId: number;
  kind: StoryChangeKind;
  /** Null when the change created the story. */
  statusBefore: ArticleStatus | null;
  /** Null when the change deleted the story. */
  statusAfter: ArticleStatus | null;
  /** Where the story showed before the change; null when it was not on the site. */
  before: StoryPlacement | null;
  /** Where it shows now; null when it is not on the site. */
  after: StoryPlacement | null;
  /** The story as committed, when it is or was on the site (what webhooks send); null for newsroom-only changes and deletions. */
  story: Story | null;
  /** The public correction note this change added, when it added one (the `story.corrected` webhook, correction notices to readers). */
  correction?: StoryCorrection | null;
}

export interface StoryCorrection {
  id: number;
  text: string;
  createdAt: string;
}

/** A desk note was left on a story: newsroom only, nothing public changes. */
export interface StoryNoteAdded {
  articleId: number;
  noteId: number;
  authorId: number;
}

export interface StoryEvents {
  'story.changed': [StoryChanged];
  'story.note-added': [StoryNoteAdded];
}

export function placementOf(story: Pick<Story, 'url' | 'section' | 'tags' | 'authors' | 'thread'>): StoryPlacement {
  return {
    url: story.url,
    sectionSlug: story.section.slug,
    tagSlugs: story.tags.map((t) => t.slug),
    authorSlugs: story.authors.map((a) => a.slug),
    threadSlug: story.thread?.slug ?? null,
  };
}

/** What kind of change moving from one status to another is, as the public site sees it. */
export function changeKind(before: ArticleStatus | null, after: ArticleStatus | null): StoryChangeKind {
  const wasPublic = before === 'published';
  const isPublic = after === 'published';
  if (after === null) return 'deleted';
  if (isPublic) return wasPublic ? 'updated' : 'published';
  return wasPublic ? 'unpublished' : 'saved';
}
