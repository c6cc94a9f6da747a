/** Comment moderation: the queue with counts per status, status changes in bulk, staff replies, and the blocklists applied on submit. */
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import type { CommentBlockKind, CommentStatus } from '../db/schema.js';
import { listByIds } from '../content/queries.js';
import { HttpError } from '../http/errors.js';

export const commentStatuses: CommentStatus[] = ['pending', 'approved', 'spam', 'trash'];
export const blockKinds: CommentBlockKind[] = ['word', 'email', 'ip'];
export const queuePageSize = 50;

export function isCommentStatus(value: unknown): value is CommentStatus {
  return typeof value === 'string' && (commentStatuses as string[]).includes(value);
}

/** Comments per status, on every story or on one. */
export async function statusCounts(db: Db, articleId?: number): Promise<Record<CommentStatus, number>> {
  let query = db.selectFrom('comments').select(['status', (eb) => eb.fn.countAll<number>().as('n')]);
  if (articleId !== undefined) query = query.where('article_id', '=', articleId);
  const rows = await query.groupBy('status').execute();
  const counts: Record<CommentStatus, number> = { pending: 0, approved: 0, spam: 0, trash: 0 };
  for (const row of rows) if (isCommentStatus(row.status)) counts[row.status] = Number(row.n);
  return counts;
}

export interface QueueItem {
  id: number;
  articleId: number;
  parentId: number | null;
  authorName: string;
  authorEmail: string;
  body: string;
  status: CommentStatus;
  ipHash: string;
  createdAt: string;
  /** Why the comment was held on suspicion when it was posted; empty when nothing was suspect. */
  holdReasons: string[];
  story: { title: string; url: string } | null;
}

function parseReasons(stored: string): string[] {
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

async function withStories(db: Db, rows: { id: number; article_id: number; parent_id: number | null; author_name: string; author_email: string; body: string; status: CommentStatus; ip_hash: string; created_at: string; hold_reasons: string }[]): Promise<QueueItem[]> {
  const stories = await listByIds(db, [...new Set(rows.map((r) => r.article_id))]);
  const byId = new Map(stories.map((s) => [s.id, { title: s.title, url: s.url }]));
  return rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    parentId: r.parent_id,
    authorName: r.author_name,
    authorEmail: r.author_email,
    body: r.body,
    status: r.status,
    ipHash: r.ip_hash,
    createdAt: r.created_at,
    holdReasons: parseReasons(r.hold_reasons),
    story: byId.get(r.article_id) ?? null,
  }));
}

const queueColumns = ['id', 'article_id', 'parent_id', 'author_name', 'author_email', 'body', 'status', 'ip_hash', 'created_at', 'hold_reasons'] as const;

/** One page of comments in a status, on every story or on one: the pending queue oldest first (first come, first served), the rest newest first. */
export async function listQueue(db: Db, status: CommentStatus, page = 1, articleId?: number): Promise<QueueItem[]> {
  const direction = status === 'pending' ? 'asc' : 'desc';
  let query = db.selectFrom('comments').select([...queueColumns]).where('status', '=', status);
  if (articleId !== undefined) query = query.where('article_id', '=', articleId);
  const rows = await query
    .orderBy('created_at', direction)
    .orderBy('id', direction)
    .limit(queuePageSize)
    .offset((Math.max(1, page) - 1) * queuePageSize)
    .execute();
  return withStories(db, rows);
}

export async function findQueueItem(db: Db, id: number): Promise<QueueItem | null> {
  const row = await db.selectFrom('comments').select([...queueColumns]).where('id', '=', id).executeTakeFirst();
  return row ? ((await withStories(db, [row]))[0] ?? null) : null;
}

export interface StatusChange {
  id: number;
  articleId: number;
  from: CommentStatus;
  to: CommentStatus;
}

/** Moves comments to a status; returns what actually changed, so callers can announce it. */
export async function setCommentStatus(db: Db, ids: number[], status: CommentStatus): Promise<StatusChange[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('comments').select(['id', 'article_id', 'status']).where('id', 'in', unique).where('status', '!=', status).execute();
    // Spam is purged some days after it was marked (spam.ts), so the mark's time is kept; leaving spam clears it.
    if (rows.length) await trx.updateTable('comments').set({ status, spam_since: status === 'spam' ? now() : null }).where('id', 'in', rows.map((r) => r.id)).execute();
    return rows.map((r) => ({ id: r.id, articleId: r.article_id, from: r.status, to: status }));
  });
}

export const staffReplyLimit = 5000;

/** A reply from the newsroom, shown at once; replying to a held comment approves it too. */
export async function staffReply(
  db: Db,
  input: { parentId: number; body: string; name: string; email: string },
): Promise<{ id: number; articleId: number; approvedParent: boolean }> {
  const body = input.body.trim().replace(/\r\n?/g, '\n');
  if (body.length < 2) throw new HttpError(422, 'Please write a reply before sending it.', 'invalid', { body: 'Required.' });
  if (body.length > staffReplyLimit) throw new HttpError(422, `Replies can be at most ${staffReplyLimit} characters.`, 'invalid', { body: 'Too long.' });
  return db.transaction().execute(async (trx) => {
    const parent = await trx.selectFrom('comments').select(['id', 'article_id', 'status']).where('id', '=', input.parentId).executeTakeFirst();
    if (!parent) throw new HttpError(404, 'That comment no longer exists.');
    if (parent.status === 'spam' || parent.status === 'trash') {
      throw new HttpError(409, 'That comment is marked as spam or trash; approve it before replying.', 'conflict');
    }
    const approvedParent = parent.status === 'pending';
    if (approvedParent) await trx.updateTable('comments').set({ status: 'approved' }).where('id', '=', parent.id).execute();
    const { id } = await trx
      .insertInto('comments')
      .values({
        article_id: parent.article_id,
        parent_id: parent.id,
        author_name: input.name,
        author_email: input.email.trim().toLowerCase(),
        body,
        status: 'approved',
        ip_hash: '',
        created_at: now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id, articleId: parent.article_id, approvedParent };
  });
}

export interface BlockEntry {
  id: number;
  kind: CommentBlockKind;
  value: string;
  note: string;
  createdAt: string;
}

export async function listBlocks(db: Db): Promise<BlockEntry[]> {
  const rows = await db.selectFrom('comment_blocks').selectAll().orderBy('kind').orderBy('value').execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, value: r.value, note: r.note, createdAt: r.created_at }));
}

const emailOrDomain = /^(?:[^\s@<>()[\]\\,;:"]+)?@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

/**
 * Adds a blocklist entry. Words (or short phrases) send matching comments to spam; an email, or a whole domain
 * written as "@example.com", and a hashed IP address have their comments refused. The caller hashes IPs.
 */
export async function addBlock(db: Db, input: { kind: CommentBlockKind; value: string; note?: string }): Promise<BlockEntry> {
  const value = input.value.trim().toLowerCase().replace(/\s+/g, ' ');
  const note = (input.note ?? '').trim().slice(0, 200);
  if (!value) throw new HttpError(422, 'Enter what to block.', 'invalid', { value: 'Required.' });
  if (value.length > 254) throw new HttpError(422, 'Blocklist entries can be at most 254 characters.', 'invalid', { value: 'Too long.' });
  if (input.kind === 'word' && value.length < 2) throw new HttpError(422, 'Blocked words need at least two characters.', 'invalid', { value: 'Too short.' });
  if (input.kind === 'email' && !emailOrDomain.test(value)) {
    throw new HttpError(422, 'Enter an email address, or a domain written as @example.com.', 'invalid', { value: 'Not an email address or @domain.' });
  }
  const existing = await db.selectFrom('comment_blocks').selectAll().where('kind', '=', input.kind).where('value', '=', value).executeTakeFirst();
  const row = existing ?? (await db.insertInto('comment_blocks').values({ kind: input.kind, value, note, created_at: now() }).returningAll().executeTakeFirstOrThrow());
  return { id: row.id, kind: row.kind, value: row.value, note: row.note, createdAt: row.created_at };
}

export async function removeBlock(db: Db, id: number): Promise<void> {
  await db.deleteFrom('comment_blocks').where('id', '=', id).execute();
}

export type BlockVerdict = { action: 'allow' } | { action: 'spam'; reason: string; word: string } | { action: 'refuse'; reason: string };

function containsWord(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

/** What the blocklists say about a new comment: refused (blocked email, domain or IP), spam (a blocked word) or allowed. */
export async function blocklistVerdict(db: Db, comment: { email: string; ipHash: string; body: string; name: string }): Promise<BlockVerdict> {
  const email = comment.email.trim().toLowerCase();
  const domain = email.slice(email.lastIndexOf('@'));
  const blocks = await db.selectFrom('comment_blocks').select(['kind', 'value']).execute();
  for (const block of blocks) {
    if (block.kind === 'email' && (block.value === email || block.value === domain)) return { action: 'refuse', reason: 'email' };
    if (block.kind === 'ip' && comment.ipHash && block.value === comment.ipHash) return { action: 'refuse', reason: 'ip' };
  }
  const text = `${comment.name}\n${comment.body}`;
  const word = blocks.find((b) => b.kind === 'word' && containsWord(text, b.value));
  return word ? { action: 'spam', reason: `word: ${word.value}`, word: word.value } : { action: 'allow' };
}
