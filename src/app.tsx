/** Builds the Fastify app: shared plugins, then each capability's routes. This file is the product's table of contents. */
import { installCompression } from './http/compression.js';
import { takingTurns } from './http/turns.js';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { AppContext } from './context.js';
import { createCacheLayer } from './cache/index.js';
import { sessionPlugin, signInRedirect } from './http/session.js';
import { apiTokenAuth } from './api/token-auth.js';
import { newsroomPathsPlugin } from './newsroom/paths.js';
import { apiRoutes } from './api/routes.js';
import { tokenRoutes } from './newsroom/tokens.js';
import { webhookRoutes } from './newsroom/webhooks.js';
import { startWebhooks, stopWebhooks } from './webhooks/dispatch.js';
import { authRoutes } from './newsroom/auth-routes.js';
import { dashboardRoutes } from './newsroom/dashboard.js';
import { accountRoutes } from './newsroom/account.js';
import { storyRoutes } from './newsroom/stories/routes.js';
import { storyEditorRoutes } from './newsroom/stories/editor-routes.js';
import { startScheduler, stopScheduler } from './content/scheduler.js';
import { newsroomCommentRoutes } from './newsroom/comments/routes.js';
import { newsroomMediaRoutes } from './newsroom/media/routes.js';
import { newsroomTaxonomyRoutes } from './newsroom/taxonomy/routes.js';
import { newsroomSourceRoutes } from './newsroom/sources/routes.js';
import { sourcePageRoutes } from './site/source-page.js';
import { newsroomPlaceRoutes } from './newsroom/places/routes.js';
import { importRoutes } from './newsroom/import.js';
import { legacyLinkRedirects } from './http/legacy-links.js';
import { settingsRoutes } from './newsroom/settings.js';
import { frontRoutes } from './newsroom/front.js';
import { liveDeskRoutes } from './newsroom/live.js';
import { userAdminRoutes } from './newsroom/users.js';
import { newsroomErrorPage } from './newsroom/error-page.js';
import { newsroomAssetRoutes, sendNewsroomPage } from './newsroom/page.js';
import { commentRoutes } from './site/comment-routes.js';
import { feedRoutes } from './feeds/routes.js';
import { CommandError } from './errors.js';
import { fromCommandError, HttpError } from './http/errors.js';
import { guardInput } from './http/input-guard.js';
import { installSecurityHeaders } from './http/security-headers.js';
import { loggerOptions, logRequests } from './http/request-log.js';
import { logRoutesForCoverage } from './http/route-log.js';
import { lazySchemaCompilers } from './http/lazy-schemas.js';
import { indexRoutes, type RouteIndex } from './http/routes-index.js';
import { wantsJson } from './http/request-input.js';
import { searchRoutes } from './site/search-page.js';
import { faviconRoutes } from './site/favicon.js';
import { newsletterRoutes } from './site/newsletter-routes.js';
import { newsroomNewsletterRoutes } from './newsroom/newsletters.js';
import { startNewsletters, stopNewsletters } from './newsletters/jobs.js';
import { sendPage } from './site/page.js';
import { notFoundOrRedirect, siteRoutes } from './site/routes.js';
import { liveRoutes } from './site/live-routes.js';
import { placeRoutes } from './site/place-pages.js';
import { ErrorPage } from './site/views/pages.js';
import { plural } from './plural.js';

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const cacheLayer = createCacheLayer(ctx);
  const app = Fastify({
    serverFactory: takingTurns(cacheLayer.serverFactory),
    logger: loggerOptions(ctx.config),
    // Fastify's own two lines per request are replaced by logRequests' one (and none for assets).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    trustProxy: ctx.config.trustProxy as boolean | string,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 300 },
    schemaController: lazySchemaCompilers,
  });
  const routeIndex = indexRoutes(app);
  app.decorate('routeIndex', routeIndex);
  guardInput(app);
  logRequests(app, ctx.config);
  logRoutesForCoverage(app);

  installSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameSrc: ["'self'", 'https:'],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: ctx.config.siteUrl.startsWith('https:') ? [] : null,
      },
    },
    hsts: ctx.config.siteUrl.startsWith('https:') ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  cacheLayer.install(app);
  // After the page cache's hook, which stores the plain page and compresses it itself.
  installCompression(app);
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  await app.register(sessionPlugin(ctx));
  await app.register(apiTokenAuth(ctx));
  await app.register(newsroomPathsPlugin);
  await app.register(rateLimit, {
    global: false,
    ...(cacheLayer.redis ? { redis: cacheLayer.redis, skipOnError: true } : {}),
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, `Too many attempts. Please wait ${plural(Math.ceil(context.ttl / 1000), 'second')} and try again.`),
  });

  const mediaDir = path.join(ctx.config.dataDir, 'media');
  fs.mkdirSync(mediaDir, { recursive: true });
  await app.register(fastifyStatic, {
    root: mediaDir,
    prefix: '/media/',
    decorateReply: false,
    index: false,
    maxAge: '365d',
    immutable: true,
  });

  app.setErrorHandler(async (error: FastifyError | HttpError | CommandError, request, reply) => {
    const httpError = toHttpError(error);
    const signIn = httpError.status === 401 ? signInRedirect(request) : null;
    if (signIn) return reply.redirect(signIn, 303);
    const newsroomPage = reply.sent ? null : newsroomErrorPage(request, httpError);
    if (newsroomPage) return sendNewsroomPage(reply, newsroomPage, httpError.status);
    if (httpError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendError(ctx, request, reply, httpError);
  });
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = routeIndex.allowedMethods(path);
    if (allowed.length && !allowed.includes(request.method)) {
      reply.header('allow', allowed.join(', '));
      throw new HttpError(405, `${request.method} is not allowed here; use ${allowed.join(' or ')}.`);
    }
    if (request.method === 'GET' || request.method === 'HEAD') return notFoundOrRedirect(ctx, request, reply);
    throw new HttpError(404, 'Nothing answers to that address.');
  });

  await app.register(legacyLinkRedirects(ctx));
  await app.register(siteRoutes(ctx));
  await app.register(liveRoutes(ctx));
  await app.register(sourcePageRoutes(ctx));
  await app.register(placeRoutes(ctx));
  await app.register(faviconRoutes(ctx));
  await app.register(commentRoutes(ctx));
  await app.register(newsletterRoutes(ctx));
  await app.register(searchRoutes(ctx));
  await app.register(feedRoutes(ctx));
  await app.register(apiRoutes(ctx));
  await app.register(newsroomAssetRoutes);
  await app.register(authRoutes(ctx));
  await app.register(dashboardRoutes(ctx));
  await app.register(accountRoutes(ctx));
  await app.register(storyRoutes(ctx));
  await app.register(storyEditorRoutes(ctx));
  // Scheduled stories go out on time while the server runs; on start it first catches up on what fell due while it was down.
  app.addHook('onReady', () => startScheduler(ctx, (err) => app.log.error({ err }, 'scheduled publishing failed')));
  app.addHook('onClose', () => stopScheduler(ctx));
  app.addHook('onReady', async () => startWebhooks(ctx, (err) => app.log.error({ err }, 'could not queue webhook deliveries')));
  app.addHook('onClose', () => stopWebhooks(ctx));
  app.addHook('onReady', () => startNewsletters(ctx, app.log));
  app.addHook('onClose', () => stopNewsletters(ctx));
  await app.register(newsroomMediaRoutes(ctx));
  await app.register(newsroomCommentRoutes(ctx));
  await app.register(newsroomTaxonomyRoutes(ctx));
  await app.register(newsroomSourceRoutes(ctx));
  await app.register(newsroomPlaceRoutes(ctx));
  await app.register(importRoutes(ctx));
  await app.register(tokenRoutes(ctx));
  await app.register(webhookRoutes(ctx));
  await app.register(userAdminRoutes(ctx));
  await app.register(settingsRoutes(ctx));
  await app.register(frontRoutes(ctx));
  await app.register(liveDeskRoutes(ctx));
  await app.register(newsroomNewsletterRoutes(ctx));

  app.get('/healthz', async () => ({ ok: true }));
  return app;
}

/** Maps framework and library errors to the one HttpError shape, with messages a person can act on. */
export function toHttpError(error: FastifyError | HttpError | CommandError | Error): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof CommandError) return fromCommandError(error) as HttpError;
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, 'The request is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(415, 'That content type is not accepted here.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new HttpError(400, 'The request body is not valid JSON.');
    case 'FST_ERR_VALIDATION':
      return new HttpError(400, fastifyError.message);
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new HttpError(fastifyError.statusCode, fastifyError.message);
  }
  return new HttpError(500, 'Something went wrong on our side. The problem has been logged; please try again shortly.');
}

const titles: Record<number, string> = {
  400: 'That request did not make sense',
  403: 'Not allowed',
  404: 'Page not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Too large',
  422: 'Please check what you entered',
  429: 'Slow down',
  500: 'Something went wrong',
};

export async function sendError(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, error: HttpError): Promise<FastifyReply> {
  if (request.url.startsWith('/api/') || wantsJson(request) || reply.sent) {
    return reply
      .code(error.status)
      .header('cache-control', 'no-store')
      .send({ error: { code: error.code, message: error.message, ...(Object.keys(error.details).length ? { fields: error.details } : {}) } });
  }
  try {
    return await sendPage(ctx, reply, {
      status: error.status,
      meta: { title: titles[error.status] ?? 'Error', description: error.message, path: request.url.split('?')[0] ?? '/', noindex: true },
      body: () => <ErrorPage status={error.status} title={titles[error.status] ?? 'Error'} message={error.message} />,
    });
  } catch {
    // The database itself may be what failed: answer with plain text rather than nothing.
    return reply.code(error.status).type('text/plain; charset=utf-8').send(`${error.status}: ${error.message}`);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    routeIndex: RouteIndex;
  }
}
