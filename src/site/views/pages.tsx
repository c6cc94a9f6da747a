/** Home, list pages (section, tag, author, thread, archive), search results and error pages. */
import type { ComponentChildren } from 'preact';
import type { MediaView, StoryCard } from '../../content/queries.js';
import { archivePath, sectionPath, tagPath } from '../../content/urls.js';
import type { Section, Tag } from '../../db/schema.js';
import { Pagination, StoryList, StoryTeaser } from './cards.js';
import { formatMonth, plural } from './format.js';
import { SearchForm } from './layout.js';
import { AuthorPhoto } from './people.js';

/** How many of the latest stories sit in the rail beside the lead, and how many make the row of picture cards under both. */
const inRail = 4;
const inRow = 4;

/**
 * The front: a lead beside a rail of the latest headlines, a row of picture cards under both, the trending topics,
 * then a block per section (its newest story with a picture, the rest as headlines). At phone width it is one column
 * in the same order.
 */
export function HomePage(props: {
  lead: StoryCard | null;
  latest: StoryCard[];
  sections: { section: Section; stories: StoryCard[] }[];
  trending: (Tag & { uses: number })[];
}) {
  // Stories with pictures go to the picture row and the others to the rail, each list still newest first, so the
  // row has no text-only card leaving a hole beside a picture.
  const withPicture = props.latest.filter((s) => s.image);
  const row = [...withPicture, ...props.latest.filter((s) => !s.image)].slice(0, inRow);
  const rail = props.latest.filter((s) => !row.includes(s)).slice(0, inRail);
  return (
    <>
      <h1 class="visually-hidden">Latest news</h1>
      <section class="home-top latest" aria-labelledby="latest-title">
        {props.lead ? <section aria-label="Lead story" class="lead"><StoryTeaser story={props.lead} lead /></section> : <p class="empty-note">No stories have been published yet.</p>}
        <div class="latest-rail">
          <h2 id="latest-title" class="block-title">Latest</h2>
          <StoryList stories={rail} variant="compact" level={3} />
        </div>
        {row.length ? <StoryList class="latest-more card-grid" start={rail.length + 1} stories={row} variant="picture" level={3} /> : null}
      </section>
      {props.trending.length ? (
        <nav class="trending" aria-labelledby="trending-title">
          <h2 id="trending-title" class="trending-title">Trending</h2>
          <ul class="tag-cloud">
            {props.trending.map((t) => <li><a href={tagPath(t.slug)}>{t.name}</a></li>)}
          </ul>
        </nav>
      ) : null}
      <div class="section-blocks">
        {props.sections.filter((b) => b.stories.length).map((block) => (
          <section class="section-block" aria-labelledby={`block-${block.section.slug}`}>
            <h2 id={`block-${block.section.slug}`} class="block-title"><a href={sectionPath(block.section.slug)}>{block.section.name}</a></h2>
            <ol class="story-list">
              {block.stories.map((story, i) => (
                <li><StoryTeaser story={story} variant={i === 0 ? 'picture' : 'headline'} showSection={false} showDek={i === 0} level={3} /></li>
              ))}
            </ol>
            <p class="more-link"><a href={sectionPath(block.section.slug)}>More from {block.section.name}<span aria-hidden="true"> →</span></a></p>
          </section>
        ))}
      </div>
    </>
  );
}

export function ListPage(props: {
  kicker?: string;
  title: string;
  description?: string;
  intro?: ComponentChildren;
  stories: StoryCard[];
  page: number;
  /** Null when the total is only a lower bound: pages then go on while there are older stories. */
  pages: number | null;
  hasNext: boolean;
  total: number;
  totalIsLowerBound?: boolean;
  path: string;
  showSection?: boolean;
  feedBase?: string;
  /** An author page's photo, beside the name and biography. */
  portrait?: MediaView | null;
}) {
  return (
    <>
      <header class={props.portrait ? 'list-header list-header-person' : 'list-header'}>
        {props.portrait ? <AuthorPhoto photo={props.portrait} size="large" describe eager /> : null}
        {props.kicker ? <p class="kicker">{props.kicker}</p> : null}
        <h1>{props.title}</h1>
        {props.description ? <p class="list-description">{props.description}</p> : null}
        {props.intro}
        <p class="list-count">
          {props.totalIsLowerBound ? `More than ${props.total.toLocaleString('en-GB')} stories` : plural(props.total, 'story', 'stories')}
          {props.feedBase ? (
            <>
              {' · '}Follow: <a href={`${props.feedBase}.rss`}>RSS</a>, <a href={`${props.feedBase}.atom`}>Atom</a>, <a href={`${props.feedBase}.json`}>JSON Feed</a>
            </>
          ) : null}
        </p>
      </header>
      {props.stories.length ? <StoryList class="story-rows" stories={props.stories} showSection={props.showSection} /> : <p class="empty-note">Nothing here yet.</p>}
      <Pagination path={props.path} page={props.page} pages={props.pages} hasNext={props.hasNext} />
    </>
  );
}

export function ArchiveIndexPage(props: { months: { year: number; month: number; stories: number }[] }) {
  const years = [...new Set(props.months.map((m) => m.year))];
  return (
    <>
      <header class="list-header"><h1>Archive</h1><p class="list-description">Every published story, month by month.</p></header>
      {years.map((year) => (
        <section aria-labelledby={`year-${year}`} class="archive-year">
          <h2 id={`year-${year}`}><a href={archivePath(year)}>{year}</a></h2>
          <ul>
            {props.months.filter((m) => m.year === year).map((m) => (
              <li><a href={archivePath(m.year, m.month)}>{formatMonth(m.year, m.month)}</a> ({plural(m.stories, 'story', 'stories')})</li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function AuthorsPage(props: { authors: { slug: string; name: string; bio: string; stories: number; photo: MediaView | null }[] }) {
  return (
    <>
      <header class="list-header"><h1>Our journalists</h1></header>
      <ul class="author-list">
        {props.authors.map((a) => (
          <li class={a.photo ? 'author-card' : 'author-card no-photo'}>
            {a.photo ? <AuthorPhoto photo={a.photo} size="medium" /> : null}
            <div class="author-card-text">
              <h2><a href={`/author/${a.slug}`}>{a.name}</a></h2>
              <p>{a.bio}</p>
              <p class="meta">{plural(a.stories, 'story', 'stories')}</p>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ErrorPage(props: { status: number; title: string; message: string }) {
  return (
    <section class="error-page" aria-labelledby="error-title">
      <p class="kicker">Error {props.status}</p>
      <h1 id="error-title">{props.title}</h1>
      <p>{props.message}</p>
      <p>Try a search, or start again from the <a href="/">front page</a>.</p>
      <SearchForm id="error-search" large />
    </section>
  );
}
