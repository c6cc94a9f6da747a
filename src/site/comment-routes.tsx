/** POST /comments: the reader's comment form, with JavaScript or without (POST → redirect → GET), and its fresh form tokens. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { checkFormToken, makeFormToken } from '../comments/form-token.js';
import { postComment, type PostedComment } from '../comments/post.js';
import { startSpamPurge } from '../comments/spam.js';
import { findStoryRef } from '../content/story-refs.js';
import { fromCommandError, HttpError } from '../http/errors.js';
import { formText as text } from '../http/form-values.js';
import { isId, wantsJson } from '../http/request-input.js';
import { sendStoryPage } from './story-page.js';

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

export function commentRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    let purge: { stop(): Promise<void> } | null = null;
    app.addHook('onReady', async () => {
      purge = startSpamPurge(ctx, ctx.config.commentSpamDays, (err, deleted) => {
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
      if (!isId(id)) throw new HttpError(400, 'Say which story the comment form is for: ?article=<id>.');
      const age = request.query.age ?? '0';
      if (!/^\d{1,12}$/.test(age)) throw new HttpError(400, 'The page age must be a whole number of milliseconds: ?age=<ms>.');
      const story = await findStoryRef(ctx.store.db, Number(id));
      if (!story || story.status !== 'published') throw new HttpError(404, 'That story could not be found.');
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
        if (!isId(articleIdText)) throw new HttpError(400, 'The comment form did not say which story it belongs to.');
        const articleId = Number(articleIdText);
        const parentText = text(body.parent_id);
        if (parentText && !isId(parentText)) throw new HttpError(400, 'The comment you replied to is not valid.');
        const values = { name: text(body.name), email: text(body.email), body: text(body.body), parentId: parentText };
        const honeypot = text(body.website);
        const token = checkFormToken(ctx.secret, articleId, text(body.form_token));
        try {
          // A filled-in honeypot is the command's to count, whatever the token says.
          if (!token.ok && honeypot === '') throw new HttpError(400, token.reason, 'bad_form', { form: token.reason });
          const posted = await postComment(ctx, { ip: request.ip }, {
            articleId, parentId: parentText ? Number(parentText) : null, name: values.name, email: values.email, body: values.body, honeypot,
            formAgeSeconds: token.ok ? token.ageSeconds : null,
          });
          return reply.redirect(outcomeLocation(posted.storyPath, posted), 303);
        } catch (caught) {
          const error = fromCommandError(caught);
          if (error instanceof HttpError && error.code === 'dropped') request.log.info({ articleId, reason: 'honeypot' }, 'comment dropped as spam');
          if (!(error instanceof HttpError) || error.status === 404 || wantsJson(request)) throw error;
          // The story again, with what the reader typed and what was wrong with it.
          const errors = Object.keys(error.details).length ? error.details : { form: error.message };
          return sendStoryPage(ctx, reply, {
            story: articleId,
            form: { values, errors, outcome: null, formToken: makeFormToken(ctx.secret, articleId) },
            cache: 'private',
            status: error.status,
          });
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

