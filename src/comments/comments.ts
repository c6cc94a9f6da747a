/** Reader comments: validation, the moderation rule for first-time commenters, and the approved thread of a story. */
import { createHmac } from 'node:crypto';
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import { reusableQuery } from '../db/reusable.js';
import type { CommentStatus } from '../db/schema.js';
import { HttpError } from '../http/errors.js';
import { blocklistVerdict } from './moderation.js';
import { assessComment, countLinks } from './signals.js';

export const commentLimits = { name: 80, email: 254, body: 5000, minBody: 2, maxDepth: 4, maxLinks: 3 } as const;

export interface CommentSubmission {
  articleId: number;
  parentId: number | null;
  name: string;
  email: string;
  body: string;
  ip: string;
  /** Seconds from the form loading to the post (from the signed form token); null when unknown. */
  formAgeSeconds?: number | null;
}

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
export function validateComment(input: Pick<CommentSubmission, 'name' | 'email' | 'body'>): Record<string, string> {
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

export interface PostedComment {
  id: number;
  status: CommentStatus;
  /** Why it was held on suspicion; empty when nothing was suspect. */
  reasons: string[];
}

/**
 * Stores a valid comment with the status the spam rule in `signals.ts` gives it: published for a known commenter
 * with nothing suspect, pending for a first-time commenter, spam (held with its reasons) when the signs add up.
 */
export async function submitComment(
  db: Db,
  input: CommentSubmission,
  options: { secret: string; moderateAll: boolean; closeAfterDays: number; perEmailLimit?: number; minSeconds?: number },
): Promise<PostedComment> {
  const problems = validateComment(input);
  if (Object.keys(problems).length) throw new HttpError(422, Object.values(problems)[0] ?? 'Invalid comment.', 'invalid', problems);
  const article = await db
    .selectFrom('articles')
    .select(['id', 'status', 'comments_open', 'published_at'])
    .where('id', '=', input.articleId)
    .executeTakeFirst();
  if (!article || article.status !== 'published') throw new HttpError(404, 'That story could not be found, so the comment was not posted.');
  if (!commentsOpen(article, options.closeAfterDays)) throw new HttpError(403, 'Comments are closed on this story.', 'comments_closed');
  if (input.parentId !== null) {
    const parent = await db
      .selectFrom('comments')
      .select(['id', 'article_id', 'status'])
      .where('id', '=', input.parentId)
      .executeTakeFirst();
    if (!parent || parent.article_id !== input.articleId || parent.status !== 'approved') {
      const message = 'The comment you replied to is not on this story any more.';
      throw new HttpError(422, message, 'invalid', { parent: message });
    }
  }
  const email = normaliseEmail(input.email);
  const ipHash = hashIp(input.ip, options.secret);
  // The per-IP limit sits in front of the route; this one follows a sender across addresses.
  const since = new Date(Date.now() - 10 * 60 * 1000).toISOString();
  const recent = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('author_email', '=', email)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  const recentFromSender = Number(recent?.n ?? 0);
  if (options.perEmailLimit !== undefined && recentFromSender >= options.perEmailLimit) {
    throw new HttpError(429, 'You have posted several comments in the last few minutes. Please wait a little before posting again.', 'rate_limited');
  }
  const verdict = await blocklistVerdict(db, { email, ipHash, body: input.body, name: input.name });
  if (verdict.action === 'refuse') throw new HttpError(403, 'Comments from this address are not accepted on this site.', 'blocked', { form: 'Comments from this address are not accepted.' });
  const known = await db.selectFrom('comments').select('id').where('author_email', '=', email).where('status', '=', 'approved').limit(1).executeTakeFirst();
  const body = normaliseBody(input.body);
  const { status, reasons } = assessComment({
    formAgeSeconds: input.formAgeSeconds ?? null,
    minSeconds: options.minSeconds ?? 0,
    links: countLinks(body),
    recentFromSender,
    blockedWord: verdict.action === 'spam' ? verdict.word : null,
    knownCommenter: known !== undefined,
    moderateAll: options.moderateAll,
  });
  const createdAt = now();
  const { id } = await db
    .insertInto('comments')
    .values({
      article_id: input.articleId,
      parent_id: input.parentId,
      author_name: input.name.trim(),
      author_email: email,
      body,
      status,
      ip_hash: ipHash,
      created_at: createdAt,
      hold_reasons: JSON.stringify(reasons),
      spam_since: status === 'spam' ? createdAt : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, status, reasons };
}

export function commentsOpen(article: { comments_open: number; published_at: string | null }, closeAfterDays: number): boolean {
  if (article.comments_open !== 1) return false;
  if (closeAfterDays > 0 && article.published_at) {
    const age = Date.now() - new Date(article.published_at).getTime();
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
