/** /newsroom/comments: the moderation queue, bulk approve/spam/trash, staff replies and the blocklists (editors and admins). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { requireUser, verifyCsrf } from '../../http/session.js';
import { authorize } from '../../accounts/policies.js';
import { addBlock, blockCommenter, moderateComments, removeBlock, replyAsStaff } from '../../comments/moderate.js';
import { blockKinds, findQueueItem, isCommentStatus, listBlocks, listQueue, statusCounts } from '../../comments/moderation.js';
import { countDrops } from '../../comments/spam.js';
import { findStory } from '../../content/queries.js';
import type { CommentBlockKind, CommentStatus } from '../../db/schema.js';
import { fromCommandError, HttpError } from '../../http/errors.js';
import { sendNewsroomPage } from '../page.js';
import { BlocklistPage, CommentDetailPage, ModerationQueuePage } from './views.js';
import { formText as text } from '../../http/form-values.js';
import { isId, parseId, wantsJson } from '../../http/request-input.js';

type Fields = Record<string, unknown>;

const targetStatus: Record<string, CommentStatus> = { approve: 'approved', pending: 'pending', spam: 'spam', trash: 'trash' };

const movedNotices: Record<CommentStatus, string> = { approved: 'Approved', pending: 'Moved back to pending', spam: 'Marked as spam', trash: 'Moved to trash' };

/** The notice after a status change, built only from known words and a number. */
function movedNotice(query: { to?: string; n?: string }): string | undefined {
  if (!isCommentStatus(query.to) || !/^\d{1,4}$/.test(query.n ?? '')) return undefined;
  const n = Number(query.n);
  return n === 0 ? 'Nothing changed: those comments already had that status.' : `${movedNotices[query.to]}: ${n} ${n === 1 ? 'comment' : 'comments'}.`;
}

const notices: Record<string, string> = {
  replied: 'Your reply is published.',
  blocked: 'Blocked. The comment was moved to spam.',
  added: 'Added to the blocklist.',
  removed: 'Removed from the blocklist.',
};

function idParam(raw: string): number {
  return parseId(raw, 'That comment');
}

function idList(value: unknown): number[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const ids = list.map((v) => text(v));
  if (ids.some((id) => !isId(id))) throw new HttpError(400, 'The selection contains something that is not a comment.');
  return ids.map(Number);
}

function moderator(request: FastifyRequest) {
  const user = requireUser(request);
  authorize(user, 'comment.moderate');
  return user;
}

export function newsroomCommentRoutes(ctx: AppContext) {
  async function sendDetail(request: FastifyRequest, reply: FastifyReply, id: number, extra: { notice?: string; error?: string; reply?: string; replyError?: string } = {}, status = 200) {
    const user = moderator(request);
    const item = await findQueueItem(ctx.store.db, id);
    if (!item) throw new HttpError(404, 'That comment could not be found.');
    return sendNewsroomPage(reply, <CommentDetailPage user={user} csrfToken={request.csrfToken ?? ''} item={item} {...extra} />, status);
  }

  async function sendBlocklist(request: FastifyRequest, reply: FastifyReply, extra: { notice?: string; error?: string; values?: { kind: string; value: string; note: string }; errors?: Record<string, string> } = {}, status = 200) {
    const user = moderator(request);
    const blocks = await listBlocks(ctx.store.db);
    return sendNewsroomPage(reply, <BlocklistPage user={user} csrfToken={request.csrfToken ?? ''} blocks={blocks} {...extra} />, status);
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { status?: string; page?: string; article?: string; notice?: string; to?: string; n?: string } }>('/newsroom/comments', async (request, reply) => {
      const user = moderator(request);
      const status: CommentStatus = isCommentStatus(request.query.status) ? request.query.status : 'pending';
      const page = /^\d{1,6}$/.test(text(request.query.page)) ? Math.max(1, Number(request.query.page)) : 1;
      const articleId = isId(text(request.query.article)) ? Number(request.query.article) : undefined;
      const spamDays = ctx.config.commentSpamDays;
      const [counts, items, dropped] = await Promise.all([
        statusCounts(ctx.store.db, articleId), listQueue(ctx.store.db, status, page, articleId), countDrops(ctx.store.db, spamDays),
      ]);
      if (wantsJson(request)) return reply.header('cache-control', 'no-store').send({ counts, status, page, items, spamDays, dropped });
      const story = articleId === undefined ? undefined : await findStory(ctx.store.db, { id: articleId }, true);
      if (articleId !== undefined && !story) throw new HttpError(404, 'That story could not be found.');
      return sendNewsroomPage(
        reply,
        <ModerationQueuePage
          user={user} csrfToken={request.csrfToken ?? ''} status={status} counts={counts} items={items} page={page}
          story={story ? { id: story.id, title: story.title } : undefined} spamDays={spamDays} dropped={dropped}
          notice={movedNotice(request.query) ?? notices[text(request.query.notice)]}
        />,
      );
    });

    app.post<{ Body: Fields }>('/newsroom/comments', async (request, reply) => {
      verifyCsrf(request);
      const user = moderator(request);
      const body = request.body ?? {};
      let ids: number[];
      let action: string;
      const one = text(body.one);
      if (one) {
        const match = /^(\d{1,10}):([a-z]+)$/.exec(one);
        if (!match) throw new HttpError(400, 'That moderation action is not valid.');
        ids = [Number(match[1])];
        action = match[2] ?? '';
      } else {
        ids = idList(body.ids);
        action = text(body.action);
      }
      const status = targetStatus[action];
      if (!status) throw new HttpError(400, 'Choose approve, spam, trash or pending.', 'bad_request', { action: 'Unknown action.' });
      const changes = await moderateComments(ctx, user, { ids, status });
      if (wantsJson(request)) return reply.header('cache-control', 'no-store').send({ changed: changes.length, status });
      const moved = `to=${status}&n=${changes.length}`;
      if (text(body.back) === 'detail' && ids.length === 1) return reply.redirect(`/newsroom/comments/${ids[0]}?${moved}`, 303);
      const from = isCommentStatus(body.status) ? body.status : 'pending';
      const article = isId(text(body.article)) ? `&article=${text(body.article)}` : '';
      return reply.redirect(`/newsroom/comments?status=${from}${article}&${moved}`, 303);
    });

    app.get<{ Querystring: { notice?: string } }>('/newsroom/comments/blocklist', async (request, reply) => {
      if (wantsJson(request)) {
        moderator(request);
        return reply.header('cache-control', 'no-store').send({ items: await listBlocks(ctx.store.db) });
      }
      return sendBlocklist(request, reply, { notice: notices[text(request.query.notice)] });
    });

    app.post<{ Body: Fields }>('/newsroom/comments/blocklist', async (request, reply) => {
      verifyCsrf(request);
      const user = moderator(request);
      const body = request.body ?? {};
      const kind = text(body.kind) as CommentBlockKind;
      const values = { kind, value: text(body.value).trim(), note: text(body.note) };
      try {
        if (!blockKinds.includes(kind)) throw new HttpError(400, 'Choose what kind of thing to block.', 'bad_request', { kind: 'Unknown kind.' });
        const entry = await addBlock(ctx, user, values);
        if (wantsJson(request)) return reply.code(201).header('cache-control', 'no-store').send({ item: entry });
      } catch (caught) {
        const error = fromCommandError(caught);
        if (!(error instanceof HttpError) || wantsJson(request)) throw error;
        return sendBlocklist(request, reply, { values, errors: error.details, error: error.message }, error.status);
      }
      return reply.redirect('/newsroom/comments/blocklist?notice=added', 303);
    });

    app.post<{ Params: { id: string }; Body: Fields }>('/newsroom/comments/blocklist/:id/delete', async (request, reply) => {
      verifyCsrf(request);
      const user = moderator(request);
      await removeBlock(ctx, user, { id: idParam(request.params.id) });
      if (wantsJson(request)) return reply.header('cache-control', 'no-store').send({ removed: true });
      return reply.redirect('/newsroom/comments/blocklist?notice=removed', 303);
    });

    app.get<{ Params: { id: string }; Querystring: { notice?: string; to?: string; n?: string } }>('/newsroom/comments/:id', async (request, reply) =>
      sendDetail(request, reply, idParam(request.params.id), { notice: movedNotice(request.query) ?? notices[text(request.query.notice)] }),
    );

    app.post<{ Params: { id: string }; Body: Fields }>('/newsroom/comments/:id/reply', async (request, reply) => {
      verifyCsrf(request);
      const user = moderator(request);
      const id = idParam(request.params.id);
      const body = text((request.body ?? {}).body);
      try {
        const posted = await replyAsStaff(ctx, user, { parentId: id, body });
        if (wantsJson(request)) return reply.code(201).header('cache-control', 'no-store').send({ id: posted.id });
      } catch (caught) {
        const error = fromCommandError(caught);
        if (!(error instanceof HttpError) || error.status === 404 || wantsJson(request)) throw error;
        return sendDetail(request, reply, id, { reply: body, replyError: error.message, error: error.message }, error.status);
      }
      return reply.redirect(`/newsroom/comments/${id}?notice=replied`, 303);
    });

    app.post<{ Params: { id: string }; Body: Fields }>('/newsroom/comments/:id/block', async (request, reply) => {
      verifyCsrf(request);
      const user = moderator(request);
      const id = idParam(request.params.id);
      const what = text((request.body ?? {}).what);
      if (what !== 'email' && what !== 'ip') throw new HttpError(400, 'Choose to block the email address or the IP address.');
      await blockCommenter(ctx, user, { commentId: id, what });
      if (wantsJson(request)) return reply.header('cache-control', 'no-store').send({ blocked: what });
      return reply.redirect(`/newsroom/comments/${id}?notice=blocked`, 303);
    });
  };
}
