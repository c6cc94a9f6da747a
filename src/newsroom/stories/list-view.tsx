/** The newsroom's story list, filtered by workflow state, and the revision history pages of one story. */
import type { SessionUser } from '../../http/session.js';
import type { DeskStory } from '../../content/desk.js';
import type { DiffPart, RevisionComparison, RevisionSummary } from '../../content/revisions.js';
import type { StoryNote } from '../../content/notes.js';
import { statusLabels } from '../../content/workflow.js';
import type { ArticleStatus } from '../../db/schema.js';
import { formatDateTime, plural } from '../../site/views/format.js';
import type { BulkAction, BulkResult } from '../../content/commands/bulk-stories.js';
import { isFiltered, listHref, listStatuses, sortLabels, type ListQuery } from './list-query.js';
import { CsrfField, NewsroomLayout, Pager } from '../views/layout.js';

export interface BulkChoice {
  value: BulkAction;
  label: string;
}

export interface StoryListProps {
  user: SessionUser;
  csrfToken: string;
  stories: DeskStory[];
  /** Counts by status for the view's other filters (the tabs). */
  counts: Record<ArticleStatus, number>;
  query: ListQuery;
  total: number;
  pages: number;
  ownOnly: boolean;
  sections: { id: number; slug: string; name: string }[];
  /** People to filter by; null when the list shows only the person's own stories. */
  authors: { slug: string; name: string }[] | null;
  /** Whether "waiting for my review" is offered (people who review others' stories). */
  canReview: boolean;
  bulkChoices: BulkChoice[];
  message: string | null;
  /** What a bulk action did, when some stories were refused. */
  results?: BulkResult | null;
  bulkError?: string | null;
  selected?: number[];
  timeZone: string;
}

function SelectField(props: { id: string; name: string; label: string; value: string | null; options: { value: string; label: string }[]; all?: string }) {
  return (
    <div class="nr-field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        {props.all ? <option value="">{props.all}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}

function BulkResults(props: { results: BulkResult }) {
  const { results } = props;
  return (
    <div class="nr-error" role="alert">
      <p>
        {results.done.length ? `${plural(results.done.length, 'story', 'stories')} done; ` : ''}
        {plural(results.refused.length, 'story', 'stories')} could not be changed:
      </p>
      <ul>
        {results.refused.map((r) => (
          <li>
            <strong>{r.title}</strong>: {r.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function StoryListPage(props: StoryListProps) {
  const { query } = props;
  const allCount = Object.values(props.counts).reduce((a, b) => a + b, 0);
  const selected = new Set(props.selected ?? []);
  const back = listHref(query, { page: query.page });
  const title = props.ownOnly ? 'Your stories' : 'Stories';
  return (
    <NewsroomLayout title={title} user={props.user} csrfToken={props.csrfToken} current="stories" assets={['stories-list.js']}>
      {props.message ? <p class="nr-notice" role="status">{props.message}</p> : null}
      {props.bulkError ? <p class="nr-error" role="alert">{props.bulkError}</p> : null}
      {props.results && props.results.refused.length ? <BulkResults results={props.results} /> : null}

      <form method="get" action="/newsroom/stories" class="nr-filters" role="search" aria-label="Find stories">
        <div class="nr-field nr-search">
          <label for="story-q">Search headlines and summaries</label>
          <input id="story-q" name="q" type="search" value={query.q} maxLength={200} />
        </div>
        {query.status ? <input type="hidden" name="status" value={query.status} /> : null}
        <SelectField id="story-section" name="section" label="Section" value={query.section} all="All sections" options={props.sections.map((s) => ({ value: s.slug, label: s.name }))} />
        {props.authors ? (
          <SelectField id="story-author" name="author" label="Author" value={query.author} all="Anyone" options={props.authors.map((a) => ({ value: a.slug, label: a.name }))} />
        ) : null}
        <SelectField id="story-sort" name="sort" label="Sort by" value={query.sort} options={Object.entries(sortLabels).map(([value, label]) => ({ value, label }))} />
        {props.ownOnly ? null : (
          <label class="nr-check">
            <input type="checkbox" name="mine" value="1" checked={query.mine} /> Only mine
          </label>
        )}
        {props.canReview ? (
          <label class="nr-check">
            <input type="checkbox" name="review" value="me" checked={query.review} /> Waiting for my review
          </label>
        ) : null}
        <div class="nr-actions">
          <button type="submit" class="nr-button nr-button-secondary">Show stories</button>
          {isFiltered(query) || query.sort !== 'updated' ? <a href={listHref({ ...query, q: '', section: null, author: null, mine: false, review: false, sort: 'updated' })}>Clear filters</a> : null}
        </div>
      </form>

      <nav aria-label="Filter by status">
        <ul class="nr-tabs">
          <li>
            <a href={listHref(query, { status: null })} aria-current={query.status === null ? 'page' : undefined}>All ({allCount})</a>
          </li>
          {listStatuses.map((s) => (
            <li>
              <a href={listHref(query, { status: s })} aria-current={query.status === s ? 'page' : undefined}>{statusLabels[s]} ({props.counts[s]})</a>
            </li>
          ))}
        </ul>
      </nav>

      {props.stories.length === 0 ? (
        <p class="nr-muted">{isFiltered(query) || query.status ? 'No stories match this view.' : 'No stories here yet.'}</p>
      ) : (
        <form method="post" action="/newsroom/stories/bulk" id="bulk-form">
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="back" value={back} />
          <p class="nr-summary" id="story-count">
            {plural(props.total, 'story', 'stories')}
            {props.pages > 1 ? `, page ${query.page} of ${props.pages}` : ''}
          </p>
          {props.bulkChoices.length ? (
            <fieldset class="nr-bulk" aria-describedby="story-count">
              <legend class="visually-hidden">With the selected stories</legend>
              <div class="nr-field">
                <label for="bulk-action">With the selected stories</label>
                <select id="bulk-action" name="action">
                  {props.bulkChoices.map((c) => (
                    <option value={c.value}>{c.label}</option>
                  ))}
                </select>
              </div>
              {props.bulkChoices.some((c) => c.value === 'move') ? (
                <div class="nr-field" data-bulk-for="move">
                  <label for="bulk-section">Move to section</label>
                  <select id="bulk-section" name="section">
                    <option value="">Choose a section</option>
                    {props.sections.map((s) => (
                      <option value={String(s.id)}>{s.name}</option>
                    ))}
                  </select>
                </div>
              ) : null}
              <button type="submit" class="nr-button nr-button-secondary">Apply to selected</button>
              <span class="nr-muted" data-selected-count aria-live="polite" />
            </fieldset>
          ) : null}
          <div class="nr-scroll">
            <table class="nr-table nr-stories">
              <thead>
                <tr>
                  <th scope="col"><span class="visually-hidden">Select</span></th>
                  <th scope="col">Headline</th>
                  <th scope="col">Status</th>
                  <th scope="col">Section</th>
                  <th scope="col">Authors</th>
                  <th scope="col">Last change</th>
                </tr>
              </thead>
              <tbody>
                {props.stories.map((story) => (
                  <tr>
                    <td>
                      <input type="checkbox" name="ids" value={String(story.id)} id={`select-${story.id}`} checked={selected.has(story.id)} aria-label={`Select “${story.title || 'Untitled story'}”`} />
                    </td>
                    <td class="nr-story-title"><a href={`/newsroom/stories/${story.id}`}>{story.title || 'Untitled story'}</a></td>
                    <td>
                      <span class="nr-status" data-status={story.status}>{statusLabels[story.status]}</span>
                      {story.status === 'scheduled' && story.publishedAt ? <span class="nr-muted"> for {formatInZone(story.publishedAt, props.timeZone)}</span> : null}
                    </td>
                    <td data-label="Section">{story.sectionName}</td>
                    <td data-label="By">{story.authors.map((a, i) => <>{i ? ', ' : null}<span class="nr-nowrap">{a.name}</span></>)}</td>
                    <td data-label="Changed" class="nr-nowrap"><time dateTime={story.updatedAt}>{formatInZone(story.updatedAt, props.timeZone)}</time></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </form>
      )}
      <Pager page={query.page} pages={props.pages} href={(page) => listHref(query, { page })} />
    </NewsroomLayout>
  );
}

/** A newsroom time on the site's clock, short: "6 Dec 2026, 14:05". */
export function formatInZone(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
  } catch {
    return formatDateTime(iso);
  }
}

/** Asks before a bulk action that takes stories off the site or deletes them; works without JavaScript. */
export function BulkConfirmPage(props: { user: SessionUser; csrfToken: string; action: 'delete' | 'unpublish'; stories: { id: number; title: string }[]; back: string }) {
  const n = plural(props.stories.length, 'story', 'stories');
  const title = props.action === 'delete' ? `Delete ${n}?` : `Unpublish ${n}?`;
  return (
    <NewsroomLayout title={title} user={props.user} csrfToken={props.csrfToken} current="stories">
      <p>
        {props.action === 'delete'
          ? 'These stories will be deleted with all their revisions and comments. This cannot be undone. Published stories are refused: unpublish them first.'
          : 'These stories will be taken off the site at once; readers following a link will be told the story is no longer available.'}
      </p>
      <ul>
        {props.stories.map((s) => (
          <li>{s.title || 'Untitled story'}</li>
        ))}
      </ul>
      <form method="post" action="/newsroom/stories/bulk" class="nr-actions">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="action" value={props.action} />
        <input type="hidden" name="confirm" value="1" />
        <input type="hidden" name="back" value={props.back} />
        {props.stories.map((s) => <input type="hidden" name="ids" value={String(s.id)} />)}
        <button type="submit" class="nr-button nr-button-danger">{props.action === 'delete' ? `Delete ${n}` : `Unpublish ${n}`}</button>
        <a href={props.back}>Keep them</a>
      </form>
    </NewsroomLayout>
  );
}

export interface RevisionListProps {
  user: SessionUser;
  csrfToken: string;
  story: { id: number; title: string; version: number };
  revisions: RevisionSummary[];
  /** The desk's notes, each shown with the revision that was newest when it was written. */
  notes: StoryNote[];
  canRestore: boolean;
  message: string | null;
}

export function RevisionListPage(props: RevisionListProps) {
  const { story, revisions } = props;
  const newest = revisions[0];
  const notesOf = (revisionId: number) => props.notes.filter((n) => n.revisionId === revisionId).reverse();
  return (
    <NewsroomLayout title={`Revisions: ${story.title}`} user={props.user} csrfToken={props.csrfToken} current="stories">
      {props.message ? <p class="nr-notice" role="status">{props.message}</p> : null}
      <p><a href={`/newsroom/stories/${story.id}`}>Back to the story</a></p>
      <form method="get" action={`/newsroom/stories/${story.id}/revisions/compare`}>
        <table class="nr-table">
          <thead>
            <tr><th scope="col">Older</th><th scope="col">Newer</th><th scope="col">Saved</th><th scope="col">By</th><th scope="col">Headline</th><th scope="col">Words</th><th scope="col">Desk notes</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {revisions.map((r, index) => (
              <tr>
                <td><input type="radio" name="from" value={String(r.id)} checked={index === 1 || (revisions.length === 1 && index === 0)} aria-label={`Compare from the revision of ${formatDateTime(r.createdAt)}`} /></td>
                <td><input type="radio" name="to" value={String(r.id)} checked={index === 0} aria-label={`Compare to the revision of ${formatDateTime(r.createdAt)}`} /></td>
                <td><time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>{r === newest ? ' (current)' : ''}</td>
                <td>{r.editorName ?? 'Unknown'}</td>
                <td>{r.title}</td>
                <td>{r.words}</td>
                <td>
                  {notesOf(r.id).length ? (
                    <ul class="revision-notes">
                      {notesOf(r.id).map((n) => (
                        <li>
                          {n.body} <span class="nr-hint">— {n.authorName ?? 'Unknown'}, <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time></span>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
                <td>
                  {props.canRestore && r !== newest ? (
                    <button type="submit" form={`restore-${r.id}`} class="nr-button nr-button-secondary">Restore</button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {revisions.length > 1 ? <p><button type="submit" class="nr-button">Compare the chosen revisions</button></p> : null}
      </form>
      {props.canRestore
        ? revisions.slice(1).map((r) => (
            <form method="post" id={`restore-${r.id}`} action={`/newsroom/stories/${story.id}/revisions/${r.id}/restore`}>
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="version" value={String(story.version)} />
            </form>
          ))
        : null}
    </NewsroomLayout>
  );
}

function Diff(props: { parts: DiffPart[]; label: string }) {
  return (
    <div class="diff" aria-label={props.label}>
      {props.parts.map((part) => (part.kind === 'added' ? <ins>{part.text}</ins> : part.kind === 'removed' ? <del>{part.text}</del> : part.text))}
    </div>
  );
}

export function RevisionComparePage(props: { user: SessionUser; csrfToken: string; storyId: number; comparison: RevisionComparison; diffCss: string | null }) {
  const { comparison } = props;
  return (
    <NewsroomLayout title="Compare revisions" user={props.user} csrfToken={props.csrfToken} current="stories">
      {props.diffCss ? <link rel="stylesheet" href={props.diffCss} /> : null}
      <p>
        <a href={`/newsroom/stories/${props.storyId}/revisions`}>All revisions</a>
      </p>
      <p>
        From the revision of <time dateTime={comparison.older.createdAt}>{formatDateTime(comparison.older.createdAt)}</time> ({comparison.older.editorName ?? 'unknown'})
        {' '}to the revision of <time dateTime={comparison.newer.createdAt}>{formatDateTime(comparison.newer.createdAt)}</time> ({comparison.newer.editorName ?? 'unknown'}).
        {' '}<ins>Added words</ins> and <del>removed words</del> are marked.
      </p>
      {comparison.changed ? null : <p class="nr-notice">These two revisions have the same text.</p>}
      <h2>Headline</h2>
      <Diff parts={comparison.title} label="Headline changes" />
      <h2>Summary</h2>
      <Diff parts={comparison.dek} label="Summary changes" />
      <h2>Story</h2>
      <Diff parts={comparison.body} label="Story changes" />
    </NewsroomLayout>
  );
}

export function DeleteStoryPage(props: { user: SessionUser; csrfToken: string; story: { id: number; title: string; status: ArticleStatus } }) {
  const { story } = props;
  return (
    <NewsroomLayout title="Delete this story?" user={props.user} csrfToken={props.csrfToken} current="stories">
      <p>
        “{story.title}” ({statusLabels[story.status].toLowerCase()}) will be deleted with all its revisions and comments. This cannot be undone.
      </p>
      <form method="post" action={`/newsroom/stories/${story.id}/delete`} class="nr-actions">
        <CsrfField token={props.csrfToken} />
        <button type="submit" class="nr-button nr-button-danger">Delete the story</button>
        <a href={`/newsroom/stories/${story.id}`}>Keep it</a>
      </form>
    </NewsroomLayout>
  );
}
