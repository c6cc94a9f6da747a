/**
 * postComment: a reader's comment. Checks it, weighs the spam signs (signals.ts), stores it with the status they give,
 * and announces it. Held comments keep their reasons for the moderator; a filled-in honeypot drops the post unstored
 * and counts the drop.
 */
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { loadSettings } from '../content/settings.js';
import { findStoryRef } from '../content/story-refs.js';
import { now } from '../db/index.js';
import type { CommentStatus } from '../db/schema.js';
import { CommandError, invalid } from '../errors.js';
import { commentsOpen, hashIp, normaliseBody, normaliseEmail, validateComment } from './comments.js';
import { changeKind, type CommentChanged } from './events.js';
import { blocklistVerdict } from './moderation.js';
import { assessComment, countLinks } from './signals.js';
import { recordDrop } from './spam.js';

/** Who posts: a reader, known by the address the post came from. */
export interface Reader {
  ip: string;
}

export interface CommentSubmission {
  articleId: number;
  parentId: number | null;
  name: string;
  email: string;
  body: string;
  /** Value of the hidden field people never see; bots fill it in. */
  honeypot: string;
  /** Seconds from the form loading to the post (from the signed form token); null when unknown. */
  formAgeSeconds: number | null;
}

export interface PostedComment {
  id: number;
  status: CommentStatus;
  /** Why it was held on suspicion; empty when nothing was suspect. */
  reasons: string[];
  /** The story's public path, for the redirect back to it. */
  storyPath: string;
}

export const honeypotMessage =
  'Your comment was not posted: a hidden field that only automated programs fill in was filled in. If you wrote this comment yourself, please post it again; your text is still here.';

/** How long the per-sender limit looks back. */
const senderWindowMs = 10 * 60 * 1000;

/**
 * Stores a valid comment: published for a known commenter with nothing suspect, pending for a first-time commenter,
 * spam (held with its reasons) when the signs add up. One INSERT is the only write, atomic by itself, so the checks
 * before it run outside a transaction; they cost four reads (settings, the story, the sender, the blocklist).
 */
export async function postComment(ctx: AppContext, reader: Reader, input: CommentSubmission): Promise<PostedComment> {
  const db = ctx.store.db;
  const [settings, story] = await Promise.all([loadSettings(db), findStoryRef(db, input.articleId)]);
  if (!story || story.status !== 'published') throw new CommandError('not_found', 'That story could not be found, so the comment was not posted.');
  if (input.honeypot !== '') {
    // The one signal people cannot trip, as they never see the field: nothing is stored, the drop is counted for the
    // moderation page, and the refusal says so (the face keeps the text, in case a person did send it).
    await recordDrop(db, 'honeypot');
    throw new CommandError('invalid', honeypotMessage, {}, 'dropped');
  }
  const problems = validateComment(input);
  if (Object.keys(problems).length) throw invalid(Object.values(problems)[0] ?? 'Invalid comment.', problems);
  if (!commentsOpen(story, settings.commentsCloseAfterDays)) throw new CommandError('forbidden', 'Comments are closed on this story.', {}, 'comments_closed');
  if (input.parentId !== null) {
    const parent = await db.selectFrom('comments').select(['article_id', 'status']).where('id', '=', input.parentId).executeTakeFirst();
    if (!parent || parent.article_id !== input.articleId || parent.status !== 'approved') {
      const message = 'The comment you replied to is not on this story any more.';
      throw invalid(message, { parent: message });
    }
  }
  const email = normaliseEmail(input.email);
  const ipHash = hashIp(reader.ip, ctx.secret);
  const sender = await senderHistory(ctx, email);
  // The per-IP limit sits in front of the route; this one follows a sender across addresses.
  if (sender.recent >= ctx.config.commentRateLimit) {
    throw new CommandError('rate_limited', 'You have posted several comments in the last few minutes. Please wait a little before posting again.');
  }
  const verdict = await blocklistVerdict(db, { email, ipHash, body: input.body, name: input.name });
  if (verdict.action === 'refuse') {
    throw new CommandError('forbidden', 'Comments from this address are not accepted on this site.', { form: 'Comments from this address are not accepted.' }, 'blocked');
  }
  const body = normaliseBody(input.body);
  const { status, reasons } = assessComment({
    formAgeSeconds: input.formAgeSeconds,
    minSeconds: ctx.config.commentMinSeconds,
    links: countLinks(body),
    recentFromSender: sender.recent,
    blockedWord: verdict.action === 'spam' ? verdict.word : null,
    knownCommenter: sender.known,
    moderateAll: settings.moderateAllComments,
  });
  const createdAt = now();
  const authorName = input.name.trim();
  const { id } = await db
    .insertInto('comments')
    .values({
      article_id: input.articleId,
      parent_id: input.parentId,
      author_name: authorName,
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
  const change: CommentChanged = {
    articleId: input.articleId,
    commentId: id,
    kind: changeKind(null, status),
    from: null,
    to: status,
    storyPath: story.path,
    comment: { parentId: input.parentId, authorName, body, createdAt },
  };
  ctx.events.emit('comment.changed', change);
  return { id, status, reasons, storyPath: story.path };
}

/** The sender's comments in the last ten minutes, and whether any of theirs was ever approved: one read. */
async function senderHistory(ctx: AppContext, email: string): Promise<{ recent: number; known: boolean }> {
  const since = new Date(Date.now() - senderWindowMs).toISOString();
  const row = await ctx.store.db
    .selectFrom('comments')
    .select([
      sql<number | string | null>`sum(case when created_at >= ${since} then 1 else 0 end)`.as('recent'),
      sql<number | string | null>`sum(case when status = 'approved' then 1 else 0 end)`.as('approved'),
    ])
    .where('author_email', '=', email)
    .executeTakeFirst();
  return { recent: Number(row?.recent ?? 0), known: Number(row?.approved ?? 0) > 0 };
}
