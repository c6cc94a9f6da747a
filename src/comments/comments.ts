/** Reader comments: validation, the rule for when a story takes comments, and the approved thread of a story. */
import { createHmac } from 'node:crypto';
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import { reusableQuery } from '../db/reusable.js';
import type { CommentStatus } from '../db/schema.js';
import { countLinks } from './signals.js';

export const commentLimits = { name: 80, email: 254, body: 5000, minBody: 2, maxDepth: 4, maxLinks: 3 } as const;

export interface CommentNode {
  id: number;
  parentId: number | null;
  authorName: string;
  body: string;
  createdAt: string;
  replies: CommentNode[];
}

const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A comment's text as stored: line breaks as \n, no surrounding space. */
export function normaliseBody(body: string): string {
  return body.replace(/\r\n?/g, '\n').trim();
}

export function hashIp(ip: string, secret: string): string {
  return createHmac('sha256', secret).update(ip).digest('hex').slice(0, 32);
}

/** Checks a submission; returns field messages (empty when it is fine). Stores nothing. */
export function validateComment(input: { name: string; email: string; body: string }): Record<string, string> {
  const problems: Record<string, string> = {};
  const name = input.name.trim();
  // Browsers send a textarea's line breaks as CRLF but count them as one character; so does this check.
  const body = normaliseBody(input.body);
  if (!name) problems.name = 'Please give a name to show with your comment.';
  else if (name.length > commentLimits.name) problems.name = `Names can be at most ${commentLimits.name} characters.`;
  if (!input.email.trim()) problems.email = 'Please give your email address; it is never shown.';
  else if (input.email.length > commentLimits.email || !emailPattern.test(input.email.trim())) problems.email = 'That email address does not look right.';
  if (body.length < commentLimits.minBody) problems.body = 'Please write a comment before posting.';
  else if (body.length > commentLimits.body) problems.body = `Comments can be at most ${commentLimits.body} characters; yours has ${body.length}.`;
  else if (countLinks(body) > commentLimits.maxLinks) {
    problems.body = `Comments can contain at most ${commentLimits.maxLinks} links.`;
  }
  return problems;
}

export function commentsOpen(story: { commentsOpen: boolean; publishedAt: string | null }, closeAfterDays: number): boolean {
  if (!story.commentsOpen) return false;
  if (closeAfterDays > 0 && story.publishedAt) {
    const age = Date.now() - new Date(story.publishedAt).getTime();
    if (age > closeAfterDays * 24 * 60 * 60 * 1000) return false;
  }
  return true;
}

/** Approved comments of a story as a tree; replies deeper than the depth limit hang under the deepest allowed level. */
const approvedComments = reusableQuery((db, articleId: number) =>
  db
    .selectFrom('comments')
    .select(['id', 'parent_id', 'author_name', 'body', 'created_at'])
    .where('article_id', '=', articleId)
    .where('status', '=', 'approved')
    .orderBy('created_at')
    .orderBy('id'),
);

export async function approvedThread(db: Db, articleId: number): Promise<{ roots: CommentNode[]; count: number }> {
  const rows = await approvedComments(db, articleId);
  const nodes = new Map<number, CommentNode & { depth: number }>();
  const roots: CommentNode[] = [];
  for (const row of rows) {
    const node = { id: row.id, parentId: row.parent_id, authorName: row.author_name, body: row.body, createdAt: row.created_at, replies: [], depth: 0 };
    let parent = row.parent_id !== null ? nodes.get(row.parent_id) : undefined;
    while (parent && parent.depth >= commentLimits.maxDepth - 1 && parent.parentId !== null) {
      parent = nodes.get(parent.parentId);
    }
    if (parent) {
      node.depth = parent.depth + 1;
      parent.replies.push(node);
    } else {
      roots.push(node);
    }
    nodes.set(row.id, node);
  }
  return { roots, count: rows.length };
}

export async function findApprovedComment(db: Db, id: number): Promise<{ id: number; article_id: number; author_name: string } | null> {
  return (
    (await db.selectFrom('comments').select(['id', 'article_id', 'author_name']).where('id', '=', id).where('status', '=', 'approved').executeTakeFirst()) ?? null
  );
}

/** Stores a comment exactly as given (imports and the demo seeder); the caller has already decided its status. */
export async function insertComment(
  db: Db,
  input: { articleId: number; parentId: number | null; name: string; email: string; body: string; status: CommentStatus; createdAt: string; ipHash?: string },
): Promise<number> {
  const { id } = await db
    .insertInto('comments')
    .values({
      article_id: input.articleId,
      parent_id: input.parentId,
      author_name: input.name.trim().slice(0, commentLimits.name) || 'Anonymous',
      author_email: normaliseEmail(input.email),
      body: normaliseBody(input.body),
      status: input.status,
      ip_hash: input.ipHash ?? '',
      created_at: input.createdAt,
      spam_since: input.status === 'spam' ? now() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function countComments(db: Db, articleId: number): Promise<number> {
  const row = await db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('article_id', '=', articleId).executeTakeFirst();
  return Number(row?.n ?? 0);
}
