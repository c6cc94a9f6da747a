/** WordPress's query-string addresses at the site root (/?p=123, /?page_id=7) answered from the redirects an import stored. */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { findRedirect } from '../content/queries.js';

const legacyQuery = /^\/(?:index\.php)?\?((?:p|page_id)=\d{1,12})(?:&|$)/;

export function legacyLinkRedirects(ctx: AppContext) {
  return fp(
    async (app: FastifyInstance) => {
      app.addHook('onRequest', async (request, reply) => {
        if (request.method !== 'GET' && request.method !== 'HEAD') return;
        const match = legacyQuery.exec(request.url);
        if (!match) return;
        const target = await findRedirect(ctx.store.read, `/?${match[1]}`);
        if (target) return reply.redirect(target, 301);
      });
    },
    { name: 'gazette-legacy-links' },
  );
}
