/** POST /comments: the reader's comment form, with JavaScript or without (POST → redirect → GET). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { loadSettings } from '../content/settings.js';
import { findStory } from '../content/queries.js';
import { HttpError } from '../http/errors.js';
import { sendStory } from '../site/routes.js';
import { submitComment } from './comments.js';
import { checkFormToken, makeFormToken } from './form-token.js';
import { formText as text } from '../http/form-values.js';

interface CommentForm {
  article_id?: unknown;
  parent_id?: unknown;
  name?: unknown;
  email?: unknown;
  body?: unknown;
  website?: unknown;
  form_token?: unknown;
}

export function commentRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    // Story pages are cached, so the token printed in them may be old; the page script asks for a fresh one
    // when a reader starts writing, which keeps the time-to-submit check honest.
    app.get<{ Querystring: { article?: string } }>('/comments/form-token', async (request, reply) => {
      const id = request.query.article ?? '';
      if (!/^\d{1,10}$/.test(id)) throw new HttpError(400, 'Say which story the comment form is for: ?article=<id>.');
      const story = await findStory(ctx.store.db, { id: Number(id) });
      if (!story) throw new HttpError(404, 'That story could not be found.');
      reply.header('cache-control', 'no-store');
      return { token: makeFormToken(ctx.secret, story.id) };
    });

    app.post<{ Body: CommentForm }>(
      '/comments',
      {
        config: { rateLimit: { max: ctx.config.commentRateLimit, timeWindow: '10 minutes' } },
        bodyLimit: 64 * 1024,
      },
      async (request, reply) => {
        const body = (request.body ?? {}) as CommentForm;
        const articleIdText = text(body.article_id);
        if (!/^\d{1,10}$/.test(articleIdText)) throw new HttpError(400, 'The comment form did not say which story it belongs to.');
        const articleId = Number(articleIdText);
        const story = await findStory(ctx.store.db, { id: articleId });
        if (!story) throw new HttpError(404, 'That story could not be found, so the comment was not posted.');
        const parentText = text(body.parent_id);
        if (parentText && !/^\d{1,10}$/.test(parentText)) throw new HttpError(400, 'The comment you replied to is not valid.');
        const values = { name: text(body.name), email: text(body.email), body: text(body.body), parentId: parentText };

        const token = checkFormToken(ctx.secret, articleId, text(body.form_token));
        const tooFast = token.ok && token.ageSeconds < ctx.config.commentMinSeconds;
        if (text(body.website) !== '' || tooFast) {
          // Bots get the same answer as a held comment, so they learn nothing; nothing is stored.
          request.log.info({ articleId, reason: tooFast ? 'too fast' : 'honeypot' }, 'comment dropped as spam');
          return reply.redirect(`${story.url}?comment=pending#comment-status`, 303);
        }
        const settings = await loadSettings(ctx.store.db);
        try {
          if (!token.ok) throw new HttpError(400, token.reason, 'bad_form', { form: token.reason });
          const posted = await submitComment(
            ctx.store.db,
            { articleId, parentId: parentText ? Number(parentText) : null, name: values.name, email: values.email, body: values.body, ip: request.ip, honeypot: '' },
            {
              secret: ctx.secret,
              moderateAll: settings.moderateAllComments,
              closeAfterDays: settings.commentsCloseAfterDays,
              perEmailLimit: ctx.config.commentRateLimit,
            },
          );
          ctx.events.emit('comment.changed', { articleId, commentId: posted.id, kind: posted.status === 'approved' ? 'approved' : 'posted' });
          const target = posted.status === 'approved' ? `${story.url}?comment=published#comment-${posted.id}` : `${story.url}?comment=pending#comment-status`;
          return reply.redirect(target, 303);
        } catch (error) {
          if (!(error instanceof HttpError) || error.status === 404 || wantsJson(request.headers.accept)) throw error;
          const errors = Object.keys(error.details).length ? error.details : { form: error.message };
          return sendStory(ctx, reply, articleId, { values, errors, outcome: null, formToken: makeFormToken(ctx.secret, articleId) }, null, 'private', error.status);
        }
      },
    );
  };
}

function wantsJson(accept: string | undefined): boolean {
  return !!accept && accept.includes('application/json') && !accept.includes('text/html');
}
