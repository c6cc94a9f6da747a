/** The story form's fields: what the page shows (strings, as typed) and turning a submitted form into a checked StoryDraft. */
import type { Section, User } from '../../db/schema.js';
import { HttpError } from '../../http/errors.js';
import { isId } from '../../http/request-input.js';
import { isSaveAction, type EditableStory, type SaveAction, type StoryDraft } from '../../content/workflow.js';

/** What the form shows, kept as typed so a refused save can show the person's own text again. */
export interface StoryFormValues {
  title: string;
  dek: string;
  body_html: string;
  slug: string;
  section_id: string;
  tags: string;
  author_ids: string[];
  featured_media_id: string;
  seo_title: string;
  seo_description: string;
  canonical_url: string;
  comments_open: boolean;
  publish_at: string;
  correction: string;
  version: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '');

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** How far the wall clock in `timeZone` is ahead of UTC at `instant`, in milliseconds (0 for an unknown zone). */
function zoneOffsetMs(timeZone: string, instant: number): number {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    }).formatToParts(new Date(instant));
  } catch {
    return 0;
  }
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wallClock = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wallClock - Math.floor(instant / 1000) * 1000;
}

/** `2026-11-25T14:30` (the datetime-local format), read as wall-clock time in the site's time zone, to an ISO string in UTC. */
export function toUtcIso(local: string, timeZone = 'UTC'): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const wallClock = Date.UTC(y!, mo! - 1, d!, h!, mi!, s || 0);
  const check = new Date(wallClock);
  if (Number.isNaN(wallClock) || check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d! || h! > 23 || mi! > 59) return null;
  const firstGuess = wallClock - zoneOffsetMs(timeZone, wallClock);
  // Near a daylight-saving change the offset at the guess may differ from the one at the wall-clock reading.
  return new Date(wallClock - zoneOffsetMs(timeZone, firstGuess)).toISOString();
}

/** An ISO time as the datetime-local value of the site's wall clock. */
export function toLocalInput(iso: string | null, timeZone = 'UTC'): string {
  if (!iso) return '';
  const instant = new Date(iso).getTime();
  return new Date(instant + zoneOffsetMs(timeZone, instant)).toISOString().slice(0, 16);
}

export function valuesFromBody(body: unknown): StoryFormValues {
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return {
    title: text(fields.title),
    dek: text(fields.dek),
    body_html: text(fields.body_html),
    slug: text(fields.slug).trim(),
    section_id: text(fields.section_id),
    tags: text(fields.tags),
    author_ids: list(fields.author_ids),
    featured_media_id: text(fields.featured_media_id).trim(),
    seo_title: text(fields.seo_title),
    seo_description: text(fields.seo_description),
    canonical_url: text(fields.canonical_url).trim(),
    comments_open: text(fields.comments_open) === 'on' || text(fields.comments_open) === '1' || text(fields.comments_open) === 'true',
    publish_at: text(fields.publish_at),
    correction: text(fields.correction),
    version: text(fields.version),
  };
}

export function valuesFromStory(story: EditableStory, timeZone = 'UTC'): StoryFormValues {
  const { article } = story;
  return {
    title: article.title,
    dek: article.dek,
    body_html: article.body_html,
    slug: article.slug,
    section_id: String(article.section_id),
    tags: story.tagNames.join(', '),
    author_ids: story.authorIds.map(String),
    featured_media_id: article.featured_media_id === null ? '' : String(article.featured_media_id),
    seo_title: article.seo_title,
    seo_description: article.seo_description,
    canonical_url: article.canonical_url,
    comments_open: article.comments_open === 1,
    publish_at: article.status === 'scheduled' ? toLocalInput(article.published_at, timeZone) : '',
    correction: '',
    version: String(article.version),
  };
}

/** A new story: the byline starts as its writer; the section is left for them to choose (there is no silent default). */
export function emptyValues(userId: number, sections: Section[]): StoryFormValues {
  // A newsroom with a single section has nothing to choose.
  return {
    title: '', dek: '', body_html: '', slug: '', section_id: sections.length === 1 ? String(sections[0]!.id) : '', tags: '',
    author_ids: [String(userId)], featured_media_id: '', seo_title: '', seo_description: '', canonical_url: '',
    comments_open: true, publish_at: '', correction: '', version: '',
  };
}

export const fieldLimits = { seoTitle: 200, seoDescription: 400, canonical: 2000, correction: 2000 } as const;

/** Checks what the editor sent; throws a 422 naming every field that is wrong. */
export function draftFromValues(values: StoryFormValues, known: { sections: Pick<Section, 'id'>[]; users: Pick<User, 'id'>[]; timeZone?: string }): StoryDraft {
  const problems: Record<string, string> = {};
  const sectionId = Number(values.section_id);
  if (!known.sections.some((s) => s.id === sectionId)) problems.section_id = 'Choose a section.';
  const authorIds = values.author_ids.map(Number);
  if (authorIds.some((id) => !known.users.some((u) => u.id === id))) problems.author_ids = 'One of the chosen authors does not exist.';
  let featuredMediaId: number | null = null;
  if (values.featured_media_id !== '') {
    if (!isId(values.featured_media_id)) problems.featured_media_id = 'The featured image must be the number of an image in the media library.';
    else featuredMediaId = Number(values.featured_media_id);
  }
  if (values.canonical_url !== '') {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(values.canonical_url).protocol);
    } catch {
      ok = false;
    }
    if (!ok || values.canonical_url.length > fieldLimits.canonical) problems.canonical_url = 'The canonical address must be a full http:// or https:// URL.';
  }
  if (values.seo_title.length > fieldLimits.seoTitle) problems.seo_title = `The search title is longer than ${fieldLimits.seoTitle} characters.`;
  if (values.seo_description.length > fieldLimits.seoDescription) problems.seo_description = `The search description is longer than ${fieldLimits.seoDescription} characters.`;
  if (values.correction.length > fieldLimits.correction) problems.correction = `A correction note can be at most ${fieldLimits.correction} characters.`;
  let publishAt: string | null = null;
  if (values.publish_at.trim() !== '') {
    publishAt = toUtcIso(values.publish_at, known.timeZone);
    if (!publishAt) problems.publish_at = 'Give the publication time as a date and time, for example 2026-12-01T09:30.';
  }
  let expectedVersion: number | undefined;
  if (values.version !== '') {
    if (!isId(values.version)) problems.version = 'The form is damaged; reload the story.';
    else expectedVersion = Number(values.version);
  }
  if (Object.keys(problems).length) throw new HttpError(422, Object.values(problems)[0] ?? 'Please check the story.', 'invalid', problems);
  return {
    title: values.title,
    dek: values.dek,
    bodyHtml: values.body_html,
    slug: values.slug,
    sectionId,
    tagNames: values.tags.split(',').map((t) => t.trim()).filter(Boolean),
    authorIds,
    featuredMediaId,
    seoTitle: values.seo_title.trim(),
    seoDescription: values.seo_description.trim(),
    canonicalUrl: values.canonical_url,
    commentsOpen: values.comments_open,
    publishAt,
    expectedVersion,
    correction: values.correction,
  };
}

export function actionFromBody(body: unknown): SaveAction {
  const raw = text((body && typeof body === 'object' ? (body as Record<string, unknown>) : {}).action) || 'save';
  if (!isSaveAction(raw)) throw new HttpError(400, `"${raw.slice(0, 40)}" is not something a story can do.`);
  return raw;
}
