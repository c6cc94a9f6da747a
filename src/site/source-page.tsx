/**
 * /source/<slug>: what a source is (kind, role or publisher, description, its own link), and every published story
 * citing it, newest first, with the words attributed to it. A merged source's address redirects to the one kept;
 * an unknown one is a 404 with a search box and the directory's nearest names.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { storyPath } from '../content/urls.js';
import { HttpError } from '../http/errors.js';
import { parsePage } from '../http/request-input.js';
import { findSourceBySlug, kindLabels, listSources, sourceLine, sourcePath, storiesCiting, type CitingStory, type SourceEntry, type SourceListItem } from '../sources/queries.js';
import { sendPage } from './page.js';
import { breadcrumbLd } from './structured-data.js';
import { sourceThingLd } from './story-sources.js';
import { formatDate } from './views/format.js';
import { SearchForm } from './views/layout.js';

function SourceHeader(props: { source: SourceEntry; total: number }) {
  const { source } = props;
  return (
    <header class="list-header source-header">
      <p class="kicker">Source · {kindLabels[source.kind]}</p>
      <h1>{source.name}</h1>
      <p class="source-what">
        {sourceLine(source)}
        {source.affiliation ? (
          <>
            {' · '}
            <a href={sourcePath(source.affiliation.slug)}>{source.kind === 'document' ? 'Publisher' : 'Organisation'}: {source.affiliation.name}</a>
          </>
        ) : null}
      </p>
      {source.description ? <p class="list-description">{source.description}</p> : null}
      {source.url ? (
        <p class="source-own-link">
          <a href={source.url} rel="noopener nofollow">{source.kind === 'document' ? 'Read the document' : 'Their own site'}</a>
        </p>
      ) : null}
      <p class="list-count">
        {props.total === 0 ? 'No published story cites this source yet.' : `Cited in ${props.total} ${props.total === 1 ? 'story' : 'stories'}`}
        {props.total > 0 ? (
          <>
            {' · '}
            <a href={`/search?source=${encodeURIComponent(source.slug)}&sort=newest`}>Search these stories</a>
          </>
        ) : null}
      </p>
    </header>
  );
}

function CitingList(props: { stories: CitingStory[] }) {
  return (
    <ol class="story-list citing-list">
      {props.stories.map((story) => {
        const url = storyPath(story.sectionSlug, story.publishedAt, story.slug);
        return (
          <li>
            <article class="citing-story">
              <p class="meta">
                <span class="section-label">{story.sectionName}</span> · <time dateTime={story.publishedAt}>{formatDate(story.publishedAt)}</time>
              </p>
              <h2 class="teaser-title"><a href={url}>{story.title}</a></h2>
              {story.dek ? <p class="dek">{story.dek}</p> : null}
              {story.quotes.length ? (
                <ul class="citing-quotes">
                  {story.quotes.map((q) => (
                    <li>
                      {q.kind === 'quote' ? <blockquote cite={url}><p>{q.quote}</p></blockquote> : <p class="citing-inline">{q.quote}</p>}
                      {q.role ? <p class="meta">{q.role}</p> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </article>
          </li>
        );
      })}
    </ol>
  );
}

function Pages(props: { path: string; page: number; hasNext: boolean }) {
  if (props.page === 1 && !props.hasNext) return null;
  return (
    <nav class="pagination" aria-label="Pages">
      {props.page > 1 ? <a href={props.page === 2 ? props.path : `${props.path}?page=${props.page - 1}`} rel="prev">Newer</a> : null}
      {props.hasNext ? <a href={`${props.path}?page=${props.page + 1}`} rel="next">Older</a> : null}
    </nav>
  );
}

function UnknownSource(props: { words: string; nearest: SourceListItem[] }) {
  return (
    <section class="error-page" aria-labelledby="error-title">
      <p class="kicker">Error 404</p>
      <h1 id="error-title">No such source</h1>
      <p>We have no source at this address. It may have been renamed, or the address may be mistyped.</p>
      {props.nearest.length ? (
        <>
          <p>Perhaps you meant:</p>
          <ul class="source-suggestions">
            {props.nearest.map((s) => <li><a href={sourcePath(s.slug)}>{s.name}</a> <span class="meta">{kindLabels[s.kind]}</span></li>)}
          </ul>
        </>
      ) : null}
      <SearchForm id="error-search" query={props.words} large />
    </section>
  );
}

export function sourcePageRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    const site = ctx.config.siteUrl;
    app.get<{ Params: { slug: string }; Querystring: { page?: string } }>('/source/:slug', async (request, reply) => {
      const slug = request.params.slug.toLowerCase();
      const found = slug.length <= 200 ? await findSourceBySlug(ctx.store.read, slug) : null;
      if (!found) {
        const words = request.params.slug.slice(0, 100).replace(/[-_]+/g, ' ').trim();
        const nearest = words ? (await listSources(ctx.store.read, { query: words, limit: 5 })).items : [];
        return sendPage(ctx, reply, {
          status: 404,
          meta: { title: 'No such source', description: 'We have no source at this address.', path: `/source/${encodeURIComponent(request.params.slug.slice(0, 100))}`, noindex: true },
          body: () => <UnknownSource words={words} nearest={nearest} />,
        });
      }
      if (found.redirectTo) return reply.redirect(sourcePath(found.redirectTo), 301);
      const { source } = found;
      const page = parsePage(request.query.page);
      const list = await storiesCiting(ctx.store.read, source.id, page);
      if (page > 1 && list.stories.length === 0) throw new HttpError(404, 'That page could not be found.');
      const path = sourcePath(source.slug);
      return sendPage(ctx, reply, {
        meta: {
          title: page > 1 ? `${source.name} (page ${page})` : source.name,
          description: source.description || `${sourceLine(source)}. Every story citing ${source.name}, newest first.`,
          path: page > 1 ? `${path}?page=${page}` : path,
          noindex: list.total === 0,
          jsonLd: [
            { '@context': 'https://schema.org', '@type': 'ProfilePage', url: `${site}${path}`, mainEntity: sourceThingLd(source, site) },
            breadcrumbLd(site, [{ name: 'Home', path: '/' }, { name: source.name, path }]),
          ],
        },
        body: () => (
          <div class="source-page">
            <SourceHeader source={source} total={list.total} />
            {list.stories.length ? <CitingList stories={list.stories} /> : null}
            <Pages path={path} page={page} hasNext={list.hasNext} />
          </div>
        ),
      });
    });
  };
}
