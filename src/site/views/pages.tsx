/** Home, list pages (section, tag, author, thread, archive), search results and error pages. */
import { LiveMark } from './live-mark.js';
import type { ComponentChildren } from 'preact';
import type { MediaView, StoryCard } from '../../content/queries.js';
import type { FrontView } from '../../content/front/queries.js';
import { archivePath, sectionPath, tagPath, threadPath } from '../../content/urls.js';
import type { Tag } from '../../db/schema.js';
import { Pagination, StoryList, StoryTeaser } from './cards.js';
import { formatMonth, plural } from './format.js';
import { SearchForm } from './layout.js';
import { AuthorPhoto } from './people.js';

/** How many top stories make the row of picture cards under the lead; the rest sit in the rail beside it. */
const inRow = 4;

/**
 * The front, as editors arranged it or as the automatic front fills it (content/front/queries.ts): a lead (with its
 * related links) beside a rail of top stories, a row of picture cards under both, the "Developing" strip of story
 * threads, the trending topics, then the section blocks in their chosen order beside the opinion rail. At phone width
 * it is one column in the same order, which is the editors' order.
 */
export function HomePage(props: { front: FrontView; trending: (Tag & { uses: number })[]; preview?: boolean }) {
  const { front } = props;
  // The editors' (or pinned) top stories keep their order: the first ones go to the rail, the next to the picture row.
  // Stories the automatic front adds go where they fit: those with pictures to the row, so it has no text-only hole.
  const chosen = front.top.slice(0, front.topChosen);
  const filled = front.top.slice(front.topChosen);
  const inRail = Math.max(0, front.top.length - inRow);
  const railChosen = chosen.slice(0, inRail);
  const rowChosen = chosen.slice(inRail);
  const filledRow = [...filled.filter((s) => s.image), ...filled.filter((s) => !s.image)].slice(0, Math.max(0, inRow - rowChosen.length));
  const rail = [...railChosen, ...filled.filter((s) => !filledRow.includes(s))].slice(0, inRail);
  const row = [...rowChosen, ...filledRow];
  return (
    <>
      {props.preview ? <p class="front-preview" role="status">Preview of an unsaved arrangement of the front: readers do not see it until it is saved.</p> : null}
      <h1 class="visually-hidden">Latest news</h1>
      <section class="home-top latest" aria-labelledby="latest-title">
        {front.lead ? (
          <section aria-label="Lead story" class="lead">
            <StoryTeaser story={front.lead} lead />
            {front.related.length ? (
              <ul class="lead-related" aria-label="Related coverage">
                {front.related.map((s) => <li><a href={s.url}>{s.title}</a></li>)}
              </ul>
            ) : null}
          </section>
        ) : <p class="empty-note">No stories have been published yet.</p>}
        <div class="latest-rail">
          <h2 id="latest-title" class="block-title">Top stories</h2>
          <StoryList stories={rail} variant="compact" level={3} />
        </div>
        {row.length ? <StoryList class="latest-more card-grid" start={rail.length + 1} stories={row} variant="picture" level={3} /> : null}
      </section>
      {front.developing.length ? (
        <section class="developing" aria-labelledby="developing-title">
          <h2 id="developing-title" class="developing-title">Developing</h2>
          <ul class="developing-list">
            {front.developing.map(({ thread, latest }) => (
              <li>
                <a class="developing-thread" href={threadPath(thread.slug)}>{thread.title}</a>
                <a class="developing-latest" href={latest.url}><LiveMark storyId={latest.id} />{latest.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {props.trending.length ? (
        <nav class="trending" aria-labelledby="trending-title">
          <h2 id="trending-title" class="trending-title">Trending</h2>
          <ul class="tag-cloud">
            {props.trending.map((t) => <li><a href={tagPath(t.slug)}>{t.name}</a></li>)}
          </ul>
        </nav>
      ) : null}
      <div class={front.opinion ? 'front-lower has-opinion' : 'front-lower'}>
        <div class="section-blocks">
          {front.sections.map((block) => (
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
        {front.opinion ? (
          <aside class="opinion-rail" aria-labelledby="opinion-title">
            <h2 id="opinion-title" class="block-title"><a href={sectionPath(front.opinion.section.slug)}>{front.opinion.section.name}</a></h2>
            <StoryList stories={front.opinion.stories} variant="compact" showSection={false} level={3} />
            <p class="more-link"><a href={sectionPath(front.opinion.section.slug)}>More from {front.opinion.section.name}<span aria-hidden="true"> →</span></a></p>
            {front.railMore.length ? (
              <>
                <h2 class="block-title rail-more-title">More news</h2>
                <StoryList stories={front.railMore} variant="headline" level={3} />
              </>
            ) : null}
          </aside>
        ) : null}
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
