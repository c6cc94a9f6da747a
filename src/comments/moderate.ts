/**
 * Moderation commands: status changes (in bulk or one at a time), staff replies, blocking a commenter, and the blocklist.
 * Each authorizes, runs one transaction, and after commit announces every comment whose status changed, one
 * `comment.changed` each, with what the page cache and webhooks need. Blocklist entries change no comment and
 * announce nothing: they only weigh on comments posted later.
 */
import { isIP } from 'node:net';
import type { PolicyUser } from '../accounts/policies.js';
import { authorize } from '../accounts/policies.js';
import type { SessionUser } from '../accounts/sessions.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import type { CommentBlockKind, CommentStatus } from '../db/schema.js';
import { CommandError, conflict, invalid, notFound } from '../errors.js';
import { hashIp, normaliseBody, normaliseEmail } from './comments.js';
import { changeOf, commentsWithStory, type CommentRow } from './changes.js';
import type { CommentChanged } from './events.js';
import { blockKinds, isCommentStatus, type BlockEntry } from './moderation.js';

export const staffReplyLimit = 5000;

function announce(ctx: AppContext, changes: CommentChanged[]): void {
  for (const change of changes) ctx.events.emit('comment.changed', change);
}

/** Moves the found comments to a status inside a transaction; returns the rows found and the changes made. */
async function moveComments(trx: Db, ids: number[], status: CommentStatus): Promise<{ found: CommentRow[]; changes: CommentChanged[] }> {
  const found = await commentsWithStory(trx).where('comments.id', 'in', ids).execute();
  const moving = found.filter((row) => row.status !== status);
  // Spam is purged some days after it was marked (spam.ts), so the mark's time is kept; leaving spam clears it.
  if (moving.length) {
    await trx.updateTable('comments').set({ status, spam_since: status === 'spam' ? now() : null }).where('id', 'in', moving.map((r) => r.id)).execute();
  }
  return { found, changes: moving.map((row) => changeOf(row, row.status, status)) };
}

function checkStatus(status: unknown): asserts status is CommentStatus {
  if (!isCommentStatus(status)) throw invalid('Choose approve, spam, trash or pending.', { action: 'Unknown action.' });
}

/** Moves comments to a status; comments that already have it, or no longer exist, are left alone. Returns what changed. */
export async function moderateComments(ctx: AppContext, user: PolicyUser, input: { ids: number[]; status: CommentStatus }): Promise<CommentChanged[]> {
  authorize(user, 'comment.moderate');
  checkStatus(input.status);
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) throw invalid('Select at least one comment first.', { ids: 'Nothing selected.' });
  const { changes } = await ctx.store.db.transaction().execute((trx) => moveComments(trx, ids, input.status));
  announce(ctx, changes);
  return changes;
}

/** Moves one comment to a status; refuses when it does not exist. Returns the change, or null when it had that status already. */
export async function moderateComment(ctx: AppContext, user: PolicyUser, input: { id: number; status: CommentStatus }): Promise<CommentChanged | null> {
  authorize(user, 'comment.moderate');
  checkStatus(input.status);
  const { changes } = await ctx.store.db.transaction().execute(async (trx) => {
    const moved = await moveComments(trx, [input.id], input.status);
    if (moved.found.length === 0) throw notFound('That comment');
    return moved;
  });
  announce(ctx, changes);
  return changes[0] ?? null;
}

/** A reply from the newsroom, shown at once; replying to a pending comment approves it too (two announcements then). */
export async function replyAsStaff(
  ctx: AppContext,
  user: SessionUser,
  input: { parentId: number; body: string },
): Promise<{ id: number; articleId: number; approvedParent: boolean }> {
  authorize(user, 'comment.moderate');
  const body = normaliseBody(input.body);
  if (body.length < 2) throw invalid('Please write a reply before sending it.', { body: 'Required.' });
  if (body.length > staffReplyLimit) throw invalid(`Replies can be at most ${staffReplyLimit} characters.`, { body: 'Too long.' });
  const { reply, changes } = await ctx.store.db.transaction().execute(async (trx) => {
    const parent = await commentsWithStory(trx).where('comments.id', '=', input.parentId).executeTakeFirst();
    if (!parent) throw new CommandError('not_found', 'That comment no longer exists.');
    if (parent.status === 'spam' || parent.status === 'trash') throw conflict('That comment is marked as spam or trash; approve it before replying.');
    const made: CommentChanged[] = [];
    if (parent.status === 'pending') {
      await trx.updateTable('comments').set({ status: 'approved' }).where('id', '=', parent.id).execute();
      made.push(changeOf(parent, 'pending', 'approved'));
    }
    const createdAt = now();
    const email = normaliseEmail(user.email);
    const { id } = await trx
      .insertInto('comments')
      .values({ article_id: parent.article_id, parent_id: parent.id, author_name: user.name, author_email: email, body, status: 'approved', ip_hash: '', created_at: createdAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row: CommentRow = { ...parent, id, parent_id: parent.id, author_name: user.name, author_email: email, body, status: 'approved', ip_hash: '', created_at: createdAt };
    made.push(changeOf(row, null, 'approved'));
    return { reply: { id, articleId: parent.article_id, approvedParent: parent.status === 'pending' }, changes: made };
  });
  announce(ctx, changes);
  return reply;
}

const emailOrDomain = /^(?:[^\s@<>()[\]\\,;:"]+)?@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

/** Checks and stores one blocklist entry (the value already hashed for an IP); an entry that exists is returned as it is. */
async function storeBlock(db: Db, input: { kind: CommentBlockKind; value: string; note: string }): Promise<BlockEntry> {
  const value = input.value.trim().toLowerCase().replace(/\s+/g, ' ');
  const note = input.note.trim().slice(0, 200);
  if (!value) throw invalid('Enter what to block.', { value: 'Required.' });
  if (value.length > 254) throw invalid('Blocklist entries can be at most 254 characters.', { value: 'Too long.' });
  if (input.kind === 'word' && value.length < 2) throw invalid('Blocked words need at least two characters.', { value: 'Too short.' });
  if (input.kind === 'email' && !emailOrDomain.test(value)) {
    throw invalid('Enter an email address, or a domain written as @example.com.', { value: 'Not an email address or @domain.' });
  }
  const existing = await db.selectFrom('comment_blocks').selectAll().where('kind', '=', input.kind).where('value', '=', value).executeTakeFirst();
  const row = existing ?? (await db.insertInto('comment_blocks').values({ kind: input.kind, value, note, created_at: now() }).returningAll().executeTakeFirstOrThrow());
  return { id: row.id, kind: row.kind, value: row.value, note: row.note, createdAt: row.created_at };
}

/**
 * Adds a blocklist entry. Words (or short phrases) send matching comments to spam; an email, or a whole domain
 * written as "@example.com", and an IP address have their comments refused. An IP is stored only as its hash.
 */
export async function addBlock(ctx: AppContext, user: PolicyUser, input: { kind: CommentBlockKind; value: string; note?: string }): Promise<BlockEntry> {
  authorize(user, 'comment.moderate');
  if (!blockKinds.includes(input.kind)) throw invalid('Choose what kind of thing to block.', { kind: 'Unknown kind.' });
  const given = input.value.trim();
  let value = given;
  let note = input.note ?? '';
  if (input.kind === 'ip') {
    if (!isIP(given)) throw invalid('That is not an IP address.', { value: 'Enter an IPv4 or IPv6 address.' });
    value = hashIp(given, ctx.secret);
    // Enough of the address for a moderator to tell entries apart, not enough to be the address.
    if (!note.trim()) note = `${given.slice(0, given.includes(':') ? 9 : 7)}…`;
  }
  return ctx.store.db.transaction().execute((trx) => storeBlock(trx, { kind: input.kind, value, note }));
}

export async function removeBlock(ctx: AppContext, user: PolicyUser, input: { id: number }): Promise<void> {
  authorize(user, 'comment.moderate');
  await ctx.store.db.deleteFrom('comment_blocks').where('id', '=', input.id).execute();
}

/** Blocks the sender of a comment (their email address or their IP) and moves the comment to spam. */
export async function blockCommenter(ctx: AppContext, user: PolicyUser, input: { commentId: number; what: 'email' | 'ip' }): Promise<CommentChanged | null> {
  authorize(user, 'comment.moderate');
  const changes = await ctx.store.db.transaction().execute(async (trx) => {
    const comment = await commentsWithStory(trx).where('comments.id', '=', input.commentId).executeTakeFirst();
    if (!comment) throw notFound('That comment');
    if (input.what === 'email') {
      await storeBlock(trx, { kind: 'email', value: comment.author_email, note: `From a comment by ${comment.author_name}` });
    } else {
      if (!comment.ip_hash) throw invalid('This comment has no IP address on record.');
      await storeBlock(trx, { kind: 'ip', value: comment.ip_hash, note: `IP of ${comment.author_name} (${comment.author_email})` });
    }
    return (await moveComments(trx, [comment.id], 'spam')).changes;
  });
  announce(ctx, changes);
  return changes[0] ?? null;
}
