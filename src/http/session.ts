/** Who is asking: sets request.user and request.csrfToken from the session cookie (or a bearer token) on every request, and the guards routes call. */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../context.js';
import { HttpError } from './errors.js';
import { findSession, sessionCookieName, type SessionUser } from '../accounts/sessions.js';

export type { SessionUser } from '../accounts/sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    csrfToken: string | null;
  }
  interface FastifyInstance {
    /** Decorated by the API tokens plugin (src/api/token-auth.ts); without it bearer headers are ignored here. */
    bearerAuthenticator?: BearerAuthenticator;
  }
}

/** Resolves an `Authorization: Bearer <token>` value to a user. */
export type BearerAuthenticator = (token: string) => Promise<SessionUser | null>;

const bearerRequests = new WeakSet<FastifyRequest>();

export function sessionCookieOptions(ctx: AppContext, expires: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.siteUrl.startsWith('https:'),
    expires,
  };
}

export function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string, expires: Date): void {
  reply.setCookie(sessionCookieName, token, sessionCookieOptions(ctx, expires));
}

export function clearSessionCookie(ctx: AppContext, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName, { ...sessionCookieOptions(ctx, new Date(0)), expires: undefined });
}

export function sessionPlugin(ctx: AppContext) {
  return fp(
    async function sessions(app: FastifyInstance): Promise<void> {
      app.decorateRequest('user', null);
      app.decorateRequest('csrfToken', null);
      app.addHook('onRequest', async (request, reply) => {
        request.user = null;
        request.csrfToken = null;
        const authorization = request.headers.authorization;
        const bearerAuthenticator = app.bearerAuthenticator;
        if (authorization?.startsWith('Bearer ') && bearerAuthenticator) {
          const user = await bearerAuthenticator(authorization.slice('Bearer '.length).trim());
          if (!user) throw new HttpError(401, 'That API token is not valid, has expired or was revoked.');
          request.user = user;
          bearerRequests.add(request);
          return;
        }
        const token = request.cookies[sessionCookieName];
        if (!token) return;
        const session = await findSession(ctx.store.db, token);
        if (!session) {
          clearSessionCookie(ctx, reply);
          return;
        }
        request.user = session.user;
        request.csrfToken = session.csrfToken;
        if (session.renewed) setSessionCookie(ctx, reply, token, session.expiresAt);
      });
    },
    { name: 'gazette-sessions' },
  );
}

/** The signed-in user, or a 401 (which the error handler turns into a trip to the sign-in page for newsroom pages). */
export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw new HttpError(401, 'Please sign in to continue.');
  return request.user;
}

/** Refuses a state-changing request unless it carries the session's CSRF token (form field `_csrf` or header `x-csrf-token`). */
export function verifyCsrf(request: FastifyRequest): void {
  requireUser(request);
  if (bearerRequests.has(request)) return;
  const body = request.body as Record<string, unknown> | null | undefined;
  const fromBody = body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
  const fromHeader = typeof request.headers['x-csrf-token'] === 'string' ? request.headers['x-csrf-token'] : undefined;
  const given = fromBody ?? fromHeader ?? '';
  const expected = request.csrfToken ?? '';
  if (!expected || !tokensEqual(given, expected)) {
    throw new HttpError(403, 'This form has expired or did not come from this site. Please reload the page and try again.', 'csrf');
  }
}

export function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** For a 401 on an HTML newsroom page: the sign-in address to send the browser to (null for API and JSON callers). */
export function signInRedirect(request: FastifyRequest): string | null {
  const accept = request.headers.accept ?? '';
  if (!request.url.startsWith('/newsroom') || (accept.includes('application/json') && !accept.includes('text/html'))) return null;
  const next = request.method === 'GET' ? request.url : (request.headers.referer && safeReferer(request.headers.referer)) || '/newsroom';
  return `/newsroom/sign-in?next=${encodeURIComponent(next)}`;
}

function safeReferer(referer: string): string | null {
  try {
    const url = new URL(referer);
    return url.pathname.startsWith('/newsroom') ? url.pathname + url.search : null;
  } catch {
    return null;
  }
}
