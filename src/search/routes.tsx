/** GET /search?q=: the full results page, complete without JavaScript. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { listByIds } from '../content/queries.js';
import { badRequest } from '../http/errors.js';
import { sendPage } from '../site/page.js';
import { parsePage } from '../site/routes.js';
import { StoryList, Pagination } from '../site/views/cards.js';
import { SearchForm } from '../site/views/layout.js';
import { plural } from '../site/views/format.js';
import { searchStories } from './index.js';

const perPage = 20;

export function searchRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { q?: string | string[]; page?: string } }>('/search', async (request, reply) => {
      const raw = request.query.q;
      if (Array.isArray(raw)) throw badRequest('Search with one q parameter.');
      const q = (raw ?? '').trim().slice(0, 1000);
      const page = parsePage(request.query.page);
      const result = q ? await searchStories(ctx.store.read, { q, limit: perPage, offset: (page - 1) * perPage }) : { total: 0, hits: [], terms: [] };
      const stories = await listByIds(ctx.store.read, result.hits.map((h) => h.id));
      const pages = Math.max(1, Math.ceil(result.total / perPage));
      return sendPage(ctx, reply, {
        query: q,
        meta: { title: q ? `Search: ${q}` : 'Search', description: 'Search every story we have published.', path: '/search', noindex: true },
        body: () => (
          <>
            <header class="list-header">
              <h1>{q ? <>Results for “{q}”</> : 'Search'}</h1>
              <SearchForm id="search-page-input" query={q} large />
              {q ? <p class="list-count" role="status">{plural(result.total, 'story', 'stories')} found</p> : null}
            </header>
            {q && stories.length ? <StoryList stories={stories} /> : null}
            {q && !stories.length ? (
              <div class="empty-state">
                <p>No stories matched “{q}”.</p>
                <p>Try fewer or different words, check the spelling, or browse the sections above.</p>
              </div>
            ) : null}
            {q ? <Pagination path="/search" page={page} pages={pages} query={{ q }} /> : null}
          </>
        ),
      });
    });
  };
}
