/** How stories, sections, tags, authors and comments look in the JSON API, plus field selection and opaque cursors. */
import type { CommentNode } from '../comments/comments.js';
import { badRequest } from '../http/errors.js';
import { maxId } from '../http/request-input.js';

export { cardJson, imageJson, storyJson, type ImageJson, type StoryJson } from '../content/json.js';

export interface CommentJson {
  id: number;
  parentId: number | null;
  authorName: string;
  body: string;
  createdAt: string;
  replies: CommentJson[];
}

export function commentJson(node: CommentNode): CommentJson {
  return { id: node.id, parentId: node.parentId, authorName: node.authorName, body: node.body, createdAt: node.createdAt, replies: node.replies.map(commentJson) };
}

export const cardFields = ['id', 'slug', 'title', 'dek', 'url', 'publishedAt', 'updatedAt', 'section', 'authors', 'image', 'commentCount'] as const;
export const storyFields = [...cardFields, 'status', 'bodyHtml', 'tags', 'thread', 'corrections', 'commentsOpen', 'sources', 'places'] as const;

/** Parses `?fields=id,title` against the fields an object has; `id` is always kept. Null means "all". */
export function parseFields(raw: string | undefined, allowed: readonly string[]): string[] | null {
  if (raw === undefined || raw.trim() === '') return null;
  const wanted = raw.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = wanted.filter((f) => !allowed.includes(f));
  if (unknown.length) {
    const message = `Unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Available: ${allowed.join(', ')}.`;
    throw badRequest(message, { fields: message });
  }
  return ['id', ...wanted.filter((f) => f !== 'id')];
}

export function pickFields<T extends Record<string, unknown>>(item: T, fields: string[] | null): Partial<T> {
  if (!fields) return item;
  return Object.fromEntries(fields.filter((f) => f in item).map((f) => [f, item[f]])) as Partial<T>;
}

/**
 * Where a listing stopped. Newest-first listings resume below the last publication time, skipping the stories
 * already sent that share it, so a walk sees every story once even while new ones are published. Search
 * results, ordered by relevance, resume at an offset.
 */
export type Cursor = { kind: 'time'; before: string; seen: number[] } | { kind: 'offset'; offset: number };

export function encodeCursor(cursor: Cursor): string {
  const compact = cursor.kind === 'time' ? { t: cursor.before, s: cursor.seen } : { o: cursor.offset };
  return Buffer.from(JSON.stringify(compact)).toString('base64url');
}

export function decodeCursor(raw: string | undefined, expected: Cursor['kind']): Cursor | null {
  if (raw === undefined || raw === '') return null;
  const invalid = () => badRequest('That cursor is not one this API gave out; start again without it.', { cursor: 'Not a valid cursor.' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!parsed || typeof parsed !== 'object') throw invalid();
  const value = parsed as { t?: unknown; s?: unknown; o?: unknown };
  if (expected === 'time' && typeof value.t === 'string' && value.t.length <= 40 && Array.isArray(value.s)
    && value.s.length <= 1000 && value.s.every((id) => Number.isInteger(id) && id >= 1 && id <= maxId)) {
    return { kind: 'time', before: value.t, seen: value.s as number[] };
  }
  if (expected === 'offset' && Number.isSafeInteger(value.o) && (value.o as number) >= 0 && (value.o as number) <= 100_000) {
    return { kind: 'offset', offset: value.o as number };
  }
  throw invalid();
}
