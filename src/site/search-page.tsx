/** GET /search (the full results page, complete without JavaScript) and GET /search/suggest (JSON for the as-you-type panel). */
import { findPlaceBySlug } from '../places/store.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { listByIds } from '../content/queries.js';
import { findAuthor, findSection, findTag, listAuthorsWithStories } from '../content/directory-queries.js';
import { slugify } from '../slugs.js';
import { sectionPath, storyPath } from '../content/urls.js';
import { HttpError, badRequest, notFound } from '../http/errors.js';
import { parsePage } from '../http/request-input.js';
import { searchStories, suggestStories, type SearchFilters } from '../search/index.js';
import { exactCount } from '../search/types.js';
import { correctedQueryText, maxQueryLength } from '../search/query.js';
import { sendPage } from './page.js';
import { findSourceBySlug } from '../sources/queries.js';
import {
  ActiveFilters, DidYouMean, NoResults, ResultList, ResultsPagination, SearchFilterForm, SearchTips, resultCount,
  type ResultItem, type SearchParams,
} from './views/search.js';

const perPage = 20;
const suggestions = 8;
type ParamName = 'q' | 'section' | 'tag' | 'author' | 'source' | 'place' | 'from' | 'to' | 'sort' | 'page';
type RawQuery = Partial<Record<ParamName, string | string[]>>;

function single(raw: RawQuery, name: ParamName): string {
  const value = raw[name];
  if (Array.isArray(value)) throw badRequest(`Give the ${name} parameter once.`, { [name]: 'Repeated.' });
  return (value ?? '').trim();
}

function parseDay(value: string, name: 'from' | 'to'): string {
  if (!value) return '';
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = day ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw badRequest(`The “${name}” date must be a real date written as YYYY-MM-DD, for example 2026-11-25.`, { [name]: 'Not a date.' });
  }
  return value;
}

export function parseSearchParams(raw: RawQuery): SearchParams {
  const sort = single(raw, 'sort') || 'relevance';
  if (sort !== 'relevance' && sort !== 'newest') throw badRequest('Sort by “relevance” or “newest”.', { sort: 'Unknown order.' });
  const params: SearchParams = {
    q: single(raw, 'q').slice(0, maxQueryLength),
    section: single(raw, 'section'),
    tag: single(raw, 'tag'),
    author: single(raw, 'author'),
    source: single(raw, 'source'),
    place: single(raw, 'place'),
    from: parseDay(single(raw, 'from'), 'from'),
    to: parseDay(single(raw, 'to'), 'to'),
    sort,
  };
  if (params.from && params.to && params.from > params.to) {
    throw badRequest('The “from” date is after the “to” date.', { from: 'After “to”.' });
  }
  return params;
}

/** Turns the page's slugs and days into filter ids and bounds; an unknown name is a 400 that says which. */
async function resolveFilters(ctx: AppContext, params: SearchParams): Promise<{ filters: SearchFilters; labels: Partial<Record<keyof SearchParams, string>> }> {
  const db = ctx.store.read;
  const filters: SearchFilters = {};
  const labels: Partial<Record<keyof SearchParams, string>> = {};
  if (params.section) {
    const section = await findSection(db, params.section);
    if (!section) throw badRequest(`There is no section called “${params.section}”.`, { section: 'Unknown section.' });
    filters.sectionId = section.id;
    labels.section = `Section: ${section.name}`;
  }
  if (params.tag) {
    const tag = await findTag(db, slugify(params.tag));
    if (!tag) throw badRequest(`No story is tagged “${params.tag}”.`, { tag: 'Unknown tag.' });
    filters.tagId = tag.id;
    labels.tag = `Tag: ${tag.name}`;
  }
  if (params.author) {
    const author = await findAuthor(db, params.author);
    if (!author) throw badRequest(`There is no author called “${params.author}”.`, { author: 'Unknown author.' });
    filters.authorId = author.id;
    labels.author = `By ${author.name}`;
  }
  if (params.source) {
    const found = await findSourceBySlug(db, params.source.toLowerCase().slice(0, 200));
    if (!found) throw badRequest(`There is no source called “${params.source}”.`, { source: 'Unknown source.' });
    filters.sourceId = found.source.id;
    labels.source = `Citing ${found.source.name}`;
  }
  if (params.place) {
    const place = await findPlaceBySlug(db, slugify(params.place));
    if (!place) throw badRequest(`There is no place called “${params.place}”.`, { place: 'Unknown place.' });
    filters.placeId = place.id;
    labels.place = `Place: ${place.name}`;
  }
  if (params.from) {
    filters.from = `${params.from}T00:00:00.000Z`;
    labels.from = `From ${params.from}`;
  }
  if (params.to) {
    filters.to = new Date(Date.parse(`${params.to}T00:00:00.000Z`) + 86_400_000).toISOString();
    labels.to = `To ${params.to}`;
  }
  return { filters, labels };
}

function sendSuggestError(reply: FastifyReply, error: HttpError): FastifyReply {
  return reply.code(error.status).header('cache-control', 'no-store').send({ error: { code: error.code, message: error.message } });
}

export function searchRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: RawQuery }>('/search/suggest', async (request, reply) => {
      const raw = request.query.q;
      if (Array.isArray(raw)) return sendSuggestError(reply, badRequest('Give the q parameter once.'));
      const q = (raw ?? '').slice(0, maxQueryLength);
      reply.header('cache-control', 'public, max-age=30, stale-while-revalidate=60');
      if (q.trim().length < 2) return { query: q, results: [], total: 0 };
      const result = await suggestStories(ctx.store.read, q, suggestions);
      const results = result.hits.map(({ title, story }) => ({
        title: story.title,
        titleHighlighted: title.length ? title : [{ text: story.title, hit: false }],
        url: storyPath(story.section.slug, story.publishedAt, story.slug),
        section: { name: story.section.name, url: sectionPath(story.section.slug) },
        publishedAt: story.publishedAt,
      }));
      return { query: q, results, total: result.total, estimated: result.estimated };
    });

    app.get<{ Querystring: RawQuery }>('/search', async (request, reply) => {
      const params = parseSearchParams(request.query);
      const page = parsePage(request.query.page);
      const { filters, labels } = await resolveFilters(ctx, params);
      const filtered = Object.keys(filters).length > 0;
      // One result more than a page shows whether a next page exists when the total is not exact.
      const result = params.q
        ? await searchStories(ctx.store.read, { q: params.q, ...filters, sort: params.sort, limit: perPage + 1, offset: (page - 1) * perPage, highlight: true, snippets: true })
        : { ...exactCount(0), hits: [], corrections: new Map<string, string>() };
      const hits = result.hits.slice(0, perPage);
      const hasNext = result.hits.length > perPage;
      // An estimated total gives no last page: paging goes on while results do, and a page past them is a 404.
      const pages = result.estimated ? null : Math.max(1, Math.ceil(result.total / perPage));
      if (pages === null ? page > 1 && !hits.length : page > pages) throw notFound('That page of results');
      const cards = new Map((await listByIds(ctx.store.read, hits.map((h) => h.id))).map((c) => [c.id, c]));
      const items: ResultItem[] = hits.flatMap((hit) => {
        const story = cards.get(hit.id);
        return story ? [{ story, title: hit.title, snippet: hit.snippet }] : [];
      });
      const corrected = result.corrections.size ? correctedQueryText(params.q, result.corrections) : null;
      const authors = await listAuthorsWithStories(ctx.store.read);
      const q = params.q;
      return sendPage(ctx, reply, {
        query: q,
        meta: { title: q ? `Search: ${q}` : 'Search', description: 'Search every story we have published.', path: '/search', noindex: true },
        body: (chrome) => (
          <>
            <header class="list-header">
              <h1>{q ? <>Results for “{q}”</> : 'Search'}</h1>
            </header>
            <SearchFilterForm params={params} choices={{ sections: chrome.sections, authors }} />
            <ActiveFilters params={params} labels={labels} />
            {corrected ? <DidYouMean params={params} corrected={corrected} /> : null}
            {q ? <p class="list-count" role="status">{resultCount(result)}</p> : <SearchTips />}
            {items.length ? <ResultList items={items} start={(page - 1) * perPage + 1} /> : null}
            {q && !items.length ? <NoResults params={params} filtered={filtered} sections={chrome.sections} /> : null}
            <ResultsPagination params={params} page={page} pages={pages} hasNext={hasNext} />
          </>
        ),
      });
    });
  };
}
