/** POST /comments: the reader's comment form, with JavaScript or without (POST → redirect → GET). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { loadSettings } from '../content/settings.js';
import { findStory } from '../content/queries.js';
import { HttpError } from '../http/errors.js';
import { sendStory } from '../site/routes.js';
import { submitComment, type PostedComment } from './comments.js';
import { checkFormToken, makeFormToken } from './form-token.js';
import { recordDrop, startSpamPurge } from './spam.js';
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

/** The longest page age the page script may claim when it asks for a fresh form token. */
const maxPageAgeMs = 24 * 60 * 60 * 1000;

const honeypotMessage =
  'Your comment was not posted: a hidden field that only automated programs fill in was filled in. If you wrote this comment yourself, please post it again; your text is still here.';

export function commentRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    let purge: { stop(): Promise<void> } | null = null;
    app.addHook('onReady', async () => {
      purge = startSpamPurge(ctx.store.db, ctx.config.commentSpamDays, (err, deleted) => {
        if (err) app.log.error({ err }, 'deleting old spam comments failed');
        else if (deleted) app.log.info({ deleted, days: ctx.config.commentSpamDays }, 'deleted old spam comments');
      });
    });
    app.addHook('onClose', async () => {
      await purge?.stop();
    });

    // Story pages are cached, so the token printed in them may be minutes old. When a reader starts writing, the page
    // script asks for a fresh one and says how long ago the page loaded (?age=ms), so the time-to-submit is measured from
    // the page loading, not from the first keystroke: pasting a prepared comment soon after is not "fast" by surprise.
    app.get<{ Querystring: { article?: string; age?: string } }>('/comments/form-token', async (request, reply) => {
      const id = request.query.article ?? '';
      if (!/^\d{1,10}$/.test(id)) throw new HttpError(400, 'Say which story the comment form is for: ?article=<id>.');
      const age = request.query.age ?? '0';
      if (!/^\d{1,12}$/.test(age)) throw new HttpError(400, 'The page age must be a whole number of milliseconds: ?age=<ms>.');
      const story = await findStory(ctx.store.db, { id: Number(id) });
      if (!story) throw new HttpError(404, 'That story could not be found.');
      reply.header('cache-control', 'no-store');
      return { token: makeFormToken(ctx.secret, story.id, Date.now() - Math.min(Number(age), maxPageAgeMs)) };
    });

    app.post<{ Body: CommentForm }>(
      '/comments',
      {
        config: { rateLimit: { max: ctx.config.commentRateLimit, timeWindow: '10 minutes' } },
        // As large as any form the site takes: an over-long paste must reach the length check and come back with its
        // text, not be cut off by a generic 413 (20,000 characters of Cyrillic are 120 kB once form-encoded).
        bodyLimit: 1024 * 1024,
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
        if (text(body.website) !== '') {
          // The honeypot is the one signal people cannot trip, as they never see the field: the post is dropped unstored
          // and counted for the moderation page. The answer says so and keeps the text, in case a person did send it.
          await recordDrop(ctx.store.db, 'honeypot');
          request.log.info({ articleId, reason: 'honeypot' }, 'comment dropped as spam');
          if (wantsJson(request.headers.accept)) throw new HttpError(422, honeypotMessage, 'dropped');
          return sendStory(ctx, reply, articleId, { values, errors: { form: honeypotMessage }, outcome: null, formToken: makeFormToken(ctx.secret, articleId) }, null, 'private', 422);
        }
        const settings = await loadSettings(ctx.store.db);
        try {
          if (!token.ok) throw new HttpError(400, token.reason, 'bad_form', { form: token.reason });
          const posted = await submitComment(
            ctx.store.db,
            {
              articleId, parentId: parentText ? Number(parentText) : null, name: values.name, email: values.email, body: values.body, ip: request.ip,
              formAgeSeconds: token.ageSeconds,
            },
            {
              minSeconds: ctx.config.commentMinSeconds,
              secret: ctx.secret,
              moderateAll: settings.moderateAllComments,
              closeAfterDays: settings.commentsCloseAfterDays,
              perEmailLimit: ctx.config.commentRateLimit,
            },
          );
          ctx.events.emit('comment.changed', { articleId, commentId: posted.id, kind: posted.status === 'approved' ? 'approved' : 'posted' });
          return reply.redirect(outcomeLocation(story.url, posted), 303);
        } catch (error) {
          if (!(error instanceof HttpError) || error.status === 404 || wantsJson(request.headers.accept)) throw error;
          const errors = Object.keys(error.details).length ? error.details : { form: error.message };
          return sendStory(ctx, reply, articleId, { values, errors, outcome: null, formToken: makeFormToken(ctx.secret, articleId) }, null, 'private', error.status);
        }
      },
    );
  };
}

/** Where the reader goes after a stored post: the truth about it, in the query string the story page reads. */
function outcomeLocation(storyUrl: string, posted: PostedComment): string {
  if (posted.status === 'approved') return `${storyUrl}?comment=published#comment-${posted.id}`;
  return `${storyUrl}?comment=${posted.status === 'spam' ? 'held' : 'pending'}#comment-status`;
}

function wantsJson(accept: string | undefined): boolean {
  return !!accept && accept.includes('application/json') && !accept.includes('text/html');
}
