/** API tokens over HTTP: reading the bearer token, requiring a scope on admin API routes, and keeping tokens to /api/. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { authenticateApiToken, type ApiScope, type AuthenticatedToken } from '../accounts/tokens.js';
import type { AppContext } from '../context.js';
import { HttpError } from './errors.js';
import { useBearerAuthenticator } from './session.js';

/** The bearer token of a request, if it sent one. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header || !/^Bearer\s+/i.test(header)) return null;
  return header.replace(/^Bearer\s+/i, '').trim();
}

/** For admin API routes: the request's token, which must carry `scope`; 401 without a valid token, 403 without the scope. */
export async function requireApiScope(ctx: AppContext, request: FastifyRequest, scope: ApiScope): Promise<AuthenticatedToken> {
  const secret = bearerToken(request);
  if (!secret) {
    throw new HttpError(401, 'This endpoint needs an API token: send "Authorization: Bearer <token>". Make one in the newsroom under API tokens.', 'token_required');
  }
  const token = await authenticateApiToken(ctx.store.db, secret);
  if (!token) throw new HttpError(401, 'That API token is not valid, has expired or was revoked.', 'token_invalid');
  if (!token.scopes.includes(scope)) {
    throw new HttpError(403, `This token lacks the "${scope}" scope. Make a token with it in the newsroom under API tokens.`, 'insufficient_scope');
  }
  return token;
}

/**
 * Global request guard, registered right after the session plugin: API tokens authenticate API requests only,
 * so a token scoped to the API can never drive newsroom pages as its owner.
 */
export function apiTokenAuth(_ctx: AppContext) {
  // The session plugin passes its own context, so servers sharing one process never read each other's tokens.
  useBearerAuthenticator(async (requestCtx, token) => (await authenticateApiToken(requestCtx.store.db, token))?.user ?? null);
  return fp(
    async function apiTokens(app: FastifyInstance): Promise<void> {
      app.addHook('onRequest', async (request) => {
        if (bearerToken(request) !== null && !request.url.startsWith('/api/')) {
          throw new HttpError(400, 'API tokens are accepted only under /api/; sign in to use the newsroom.', 'token_not_accepted_here');
        }
      });
    },
    { name: 'gazette-api-tokens', dependencies: ['gazette-sessions'] },
  );
}
