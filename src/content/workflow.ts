/** The editorial workflow: draft → review → scheduled → published → archived, and who may move a story where. Saving a story with its move is a command (commands/save-story.ts). */
import { can } from '../accounts/policies.js';
import type { SessionUser } from '../accounts/sessions.js';
import type { Db } from '../db/index.js';
import type { Article, ArticleStatus, Tag } from '../db/schema.js';
import { CommandError } from '../errors.js';
import type { StoryPlacement } from './events.js';
import { authorsFor, tagsFor, type AuthorRef } from './queries.js';
import { storyPath } from './urls.js';

export type WorkflowAction = 'submit' | 'return' | 'schedule' | 'unschedule' | 'publish' | 'unpublish';
export type SaveAction = 'save' | WorkflowAction;
type PolicyAction = 'story.submit' | 'story.edit' | 'story.schedule' | 'story.publish' | 'story.unpublish';

interface Transition {
  from: ArticleStatus[];
  to: ArticleStatus;
  policy: PolicyAction;
  /** What the move is called in messages ("submitted for review"). */
  done: string;
}

export const transitions: Record<WorkflowAction, Transition> = {
  submit: { from: ['draft'], to: 'review', policy: 'story.submit', done: 'submitted for review' },
  return: { from: ['review'], to: 'draft', policy: 'story.edit', done: 'sent back to draft' },
  schedule: { from: ['draft', 'review', 'scheduled'], to: 'scheduled', policy: 'story.schedule', done: 'scheduled' },
  unschedule: { from: ['scheduled'], to: 'draft', policy: 'story.schedule', done: 'taken off the schedule' },
  publish: { from: ['draft', 'review', 'scheduled', 'archived'], to: 'published', policy: 'story.publish', done: 'published' },
  unpublish: { from: ['published'], to: 'archived', policy: 'story.unpublish', done: 'unpublished' },
};

export const statusLabels: Record<ArticleStatus, string> = {
  draft: 'Draft',
  review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  archived: 'Unpublished',
};

export function isSaveAction(value: string): value is SaveAction {
  return value === 'save' || Object.hasOwn(transitions, value);
}

/** The moves this user may make on a story in its current state, in the order the editor offers them. */
export function allowedActions(user: SessionUser, story: { authorIds: number[]; status: ArticleStatus }): WorkflowAction[] {
  return (Object.keys(transitions) as WorkflowAction[]).filter((action) => {
    const transition = transitions[action];
    return transition.from.includes(story.status) && can(user, 'story.edit', story) && can(user, transition.policy, story);
  });
}

export interface EditableStory {
  article: Article;
  authorIds: number[];
  tagNames: string[];
  sectionSlug: string;
  /** Where the story shows on the site; null unless it is published. */
  placement: StoryPlacement | null;
  /** Its authors and tags as stored, with slugs. */
  authors: AuthorRef[];
  tags: Tag[];
}

export async function loadEditableStory(db: Db, id: number): Promise<EditableStory> {
  const [row, authorsById, tags] = await Promise.all([
    db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .leftJoin('threads', 'threads.id', 'articles.thread_id')
      .selectAll('articles')
      .select(['sections.slug as section_slug', 'threads.slug as thread_slug'])
      .where('articles.id', '=', id)
      .executeTakeFirst(),
    authorsFor(db, [id]),
    tagsFor(db, id),
  ]);
  if (!row) throw new CommandError('not_found', 'That story could not be found. It may have been deleted.');
  const { section_slug: sectionSlug, thread_slug: threadSlug, ...article } = row;
  const authors = authorsById.get(id) ?? [];
  const placement = article.status === 'published' && article.published_at !== null
    ? { url: storyPath(sectionSlug, article.published_at, article.slug), sectionSlug, tagSlugs: tags.map((t) => t.slug), authorSlugs: authors.map((a) => a.slug), threadSlug }
    : null;
  return { article, authorIds: authors.map((a) => a.id), tagNames: tags.map((t) => t.name), sectionSlug, placement, authors, tags };
}

/** Everything the editor form sends about a story. */
export interface StoryDraft {
  title: string;
  dek: string;
  bodyHtml: string;
  slug: string;
  sectionId: number;
  tagNames: string[];
  authorIds: number[];
  featuredMediaId: number | null;
  seoTitle: string;
  seoDescription: string;
  canonicalUrl: string;
  commentsOpen: boolean;
  /** When a scheduled story goes out (ISO, UTC). */
  publishAt: string | null;
  /** The version the editor was opened at; a save based on an older one is refused. */
  expectedVersion?: number;
  /** A public correction note to attach to this save of a published story. */
  correction: string;
}

/** A story as stored, as the draft a save of it unchanged would send (bulk moves and restores change one part of it). */
export function draftOfStory(story: EditableStory): StoryDraft {
  const { article } = story;
  return {
    title: article.title,
    dek: article.dek,
    bodyHtml: article.body_html,
    slug: article.slug,
    sectionId: article.section_id,
    tagNames: story.tagNames,
    authorIds: story.authorIds,
    featuredMediaId: article.featured_media_id,
    seoTitle: article.seo_title,
    seoDescription: article.seo_description,
    canonicalUrl: article.canonical_url,
    commentsOpen: article.comments_open === 1,
    publishAt: null,
    expectedVersion: article.version,
    correction: '',
  };
}
