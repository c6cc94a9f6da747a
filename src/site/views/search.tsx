/** The results page's pieces: filter form, highlighted results, "did you mean", and an empty state that helps. */
import type { StoryCard } from '../../content/queries.js';
import type { Section } from '../../db/schema.js';
import { sectionPath } from '../../content/urls.js';
import { Byline, Picture } from './cards.js';
import { plural } from './format.js';
import { PublishedTime } from './time.js';
import type { MatchCount, Segment } from '../../search/types.js';

export interface SearchParams {
  q: string;
  section: string;
  tag: string;
  author: string;
  /** A source's slug: stories citing it. */
  source: string;
  /** A place's slug (places/). */
  place: string;
  from: string;
  to: string;
  sort: 'relevance' | 'newest';
}

/** The query string for a search, leaving out empty values and defaults. */
export function searchQueryString(params: SearchParams, changes: Partial<SearchParams> = {}): Record<string, string> {
  const merged = { ...params, ...changes };
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(merged)) {
    if (value && !(key === 'sort' && value === 'relevance')) out[key] = value;
  }
  return out;
}

export function searchHref(params: SearchParams, changes: Partial<SearchParams> = {}): string {
  return `/search?${new URLSearchParams(searchQueryString(params, changes)).toString()}`;
}

/** Highlighted text: matched words in <mark>, everything as escaped text. */
export function Highlighted(props: { segments: Segment[]; fallback: string }) {
  if (!props.segments.length) return <>{props.fallback}</>;
  return <>{props.segments.map((s) => (s.hit ? <mark>{s.text}</mark> : s.text))}</>;
}

export interface ResultItem {
  story: StoryCard;
  title: Segment[];
  snippet: Segment[];
}

export function ResultList(props: { items: ResultItem[]; start: number }) {
  return (
    <ol class="search-results story-list story-rows" start={props.start}>
      {props.items.map(({ story, title, snippet }) => (
        <li>
          <article class={`card card-picture search-result ${story.image ? 'has-image' : 'no-image'}`}>
            {story.image ? (
              <a href={story.url} tabIndex={-1} aria-hidden="true" class="card-image teaser-image">
                <Picture media={story.image} sizes="(min-width: 40em) 14rem, 100vw" />
              </a>
            ) : null}
            <div class="card-text">
              <a class="section-label" href={sectionPath(story.section.slug)}>{story.section.name}</a>
              <h2 class="teaser-title"><a href={story.url}><Highlighted segments={title} fallback={story.title} /></a></h2>
              <p class="search-snippet dek">
                {snippet.some((s) => s.hit) ? <Highlighted segments={snippet} fallback={story.dek} /> : story.dek}
              </p>
              <p class="meta">
                <Byline authors={story.authors} />
                {story.authors.length ? ' · ' : null}
                <PublishedTime iso={story.publishedAt} format="date" />
              </p>
            </div>
          </article>
        </li>
      ))}
    </ol>
  );
}

export interface FilterChoices {
  sections: Section[];
  authors: { slug: string; name: string }[];
}

export function SearchFilterForm(props: { params: SearchParams; choices: FilterChoices }) {
  const { params, choices } = props;
  const open = Boolean(params.section || params.tag || params.author || params.place || params.from || params.to || params.sort !== 'relevance');
  return (
    <form class="search-filters" action="/search" method="get" role="search" aria-label="Search with filters">
      <div class="search-row">
        <label for="search-page-input" class="visually-hidden">Search stories</label>
        <input id="search-page-input" type="search" name="q" value={params.q} maxLength={200} autoComplete="off" data-search-input="" placeholder="Search stories" />
        <button type="submit">Search</button>
      </div>
      <details open={open}>
        <summary>Filters and sorting</summary>
        <div class="filter-grid">
          <label>
            Section
            <select name="section">
              <option value="">Any section</option>
              {choices.sections.map((s) => <option value={s.slug} selected={s.slug === params.section}>{s.name}</option>)}
            </select>
          </label>
          <label>
            Author
            <select name="author">
              <option value="">Any author</option>
              {choices.authors.map((a) => <option value={a.slug} selected={a.slug === params.author}>{a.name}</option>)}
            </select>
          </label>
          <label>
            Tag
            <input type="text" name="tag" value={params.tag} maxLength={80} placeholder="e.g. elections" />
          </label>
          <label>
            Place
            <input type="text" name="place" value={params.place} maxLength={80} placeholder="e.g. geneve" />
          </label>
          <label>
            From
            <input type="date" name="from" value={params.from} />
          </label>
          <label>
            To
            <input type="date" name="to" value={params.to} />
          </label>
          <label>
            Sort by
            <select name="sort">
              <option value="relevance" selected={params.sort === 'relevance'}>Relevance</option>
              <option value="newest" selected={params.sort === 'newest'}>Newest first</option>
            </select>
          </label>
        </div>
        <button type="submit" class="filter-apply">Apply filters</button>
        {params.source ? <input type="hidden" name="source" value={params.source} /> : null}
      </details>
    </form>
  );
}

export function ActiveFilters(props: { params: SearchParams; labels: Partial<Record<keyof SearchParams, string>> }) {
  const keys = (['section', 'author', 'tag', 'source', 'place', 'from', 'to'] as const).filter((k) => props.params[k]);
  if (!keys.length) return null;
  return (
    <ul class="active-filters" aria-label="Active filters">
      {keys.map((key) => (
        <li>
          {props.labels[key] ?? props.params[key]}{' '}
          <a href={searchHref(props.params, { [key]: '' })} aria-label={`Remove filter: ${props.labels[key] ?? props.params[key]}`}>✕</a>
        </li>
      ))}
    </ul>
  );
}

export function DidYouMean(props: { params: SearchParams; corrected: string }) {
  return (
    <p class="did-you-mean">
      Did you mean <a href={searchHref(props.params, { q: props.corrected })}><strong>{props.corrected}</strong></a>? Stories with that spelling are included below.
    </p>
  );
}

export function NoResults(props: { params: SearchParams; filtered: boolean; sections: Section[] }) {
  return (
    <div class="empty-state">
      <p>No stories matched “{props.params.q}”{props.filtered ? ' with these filters' : ''}.</p>
      <ul>
        {props.filtered ? <li><a href={searchHref({ ...props.params, section: '', tag: '', author: '', from: '', to: '' })}>Search all stories without filters</a></li> : null}
        <li>Check the spelling, or use fewer or more general words.</li>
        <li>Put a name or an exact phrase in quotes: "city council".</li>
        <li>
          Or browse a section:{' '}
          {props.sections.map((s, i) => (
            <>
              {i > 0 ? ', ' : null}
              <a href={sectionPath(s.slug)}>{s.name}</a>
            </>
          ))}
          .
        </li>
      </ul>
    </div>
  );
}

export function SearchTips() {
  return (
    <div class="search-tips">
      <p>Search every story we have published. Results appear as you type; press Enter for the full list.</p>
      <ul>
        <li>Use quotes for an exact phrase: "public transport".</li>
        <li>Put a minus before a word to leave it out: budget -council.</li>
      </ul>
    </div>
  );
}

export function ResultsPagination(props: { params: SearchParams; page: number; pages: number | null; hasNext: boolean }) {
  const hasNext = props.pages === null ? props.hasNext : props.page < props.pages;
  if (props.page === 1 && !hasNext) return null;
  const href = (page: number) => `/search?${new URLSearchParams({ ...searchQueryString(props.params), ...(page > 1 ? { page: String(page) } : {}) }).toString()}`;
  return (
    <nav class="pagination" aria-label="Result pages">
      {props.page > 1 ? <a href={href(props.page - 1)} rel="prev">← Previous</a> : <span />}
      <span class="page-count">{props.pages === null ? `Page ${props.page}` : `Page ${props.page} of ${props.pages}`}</span>
      {hasNext ? <a href={href(props.page + 1)} rel="next">Next →</a> : <span />}
    </nav>
  );
}

/**
 * "12 stories found"; past the ranking pool "About 48,000 stories found" (estimated from how far back the newest
 * matches reach), or with filters past the count cap "More than 10,000 stories found" (counting stopped there).
 */
export function resultCount(count: MatchCount): string {
  if (count.totalIsLowerBound) return `More than ${count.total.toLocaleString('en')} stories found`;
  if (count.estimated) return `About ${count.total.toLocaleString('en')} stories found`;
  return `${plural(count.total, 'story', 'stories')} found`;
}
