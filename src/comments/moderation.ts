/** Comment moderation, read side: the queue with counts per status, the blocklists, and what they say about a new comment. Changes are in moderate.ts. */
import type { Db } from '../db/index.js';
import type { CommentBlockKind, CommentStatus } from '../db/schema.js';
import { listByIds } from '../content/queries.js';

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
