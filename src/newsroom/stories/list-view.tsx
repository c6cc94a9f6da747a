/** The newsroom's story list, filtered by workflow state, and the revision history pages of one story. */
import type { SessionUser } from '../../http/session.js';
import type { DeskStory } from '../../content/desk.js';
import type { DiffPart, RevisionComparison, RevisionSummary } from '../../content/revisions.js';
import { statusLabels } from '../../content/workflow.js';
import type { ArticleStatus } from '../../db/schema.js';
import { formatDateTime } from '../../site/views/format.js';
import { CsrfField, NewsroomLayout, Pager } from '../views/layout.js';

const statuses: ArticleStatus[] = ['draft', 'review', 'scheduled', 'published', 'archived'];

export interface StoryListProps {
  user: SessionUser;
  csrfToken: string;
  stories: DeskStory[];
  counts: Record<ArticleStatus, number>;
  status: ArticleStatus | null;
  ownOnly: boolean;
  page: number;
  pages: number;
  message: string | null;
}

function filterHref(status: ArticleStatus | null, page = 1): string {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/newsroom/stories?${query}` : '/newsroom/stories';
}

export function StoryListPage(props: StoryListProps) {
  const total = Object.values(props.counts).reduce((a, b) => a + b, 0);
  return (
    <NewsroomLayout title={props.ownOnly ? 'Your stories' : 'Stories'} user={props.user} csrfToken={props.csrfToken} current="stories">
      {props.message ? <p class="nr-notice" role="status">{props.message}</p> : null}
      <p class="nr-actions">
        <a class="nr-button" href="/newsroom/stories/new">New story</a>
      </p>
      <nav aria-label="Filter by status">
        <ul class="nr-actions">
          <li class="nr-check">
            <a href={filterHref(null)} aria-current={props.status === null ? 'page' : undefined}>All ({total})</a>
          </li>
          {statuses.map((s) => (
            <li class="nr-check">
              <a href={filterHref(s)} aria-current={props.status === s ? 'page' : undefined}>{statusLabels[s]} ({props.counts[s]})</a>
            </li>
          ))}
        </ul>
      </nav>
      {props.stories.length === 0 ? (
        <p class="nr-muted">No stories here yet.</p>
      ) : (
        <div class="nr-scroll">
          <table class="nr-table nr-stories">
            <thead>
              <tr><th scope="col">Headline</th><th scope="col">Status</th><th scope="col">Section</th><th scope="col">Authors</th><th scope="col">Last change</th></tr>
            </thead>
            <tbody>
              {props.stories.map((story) => (
                <tr>
                  <td><a href={`/newsroom/stories/${story.id}`}>{story.title || 'Untitled story'}</a></td>
                  <td>
                    <span class="nr-status" data-status={story.status}>{statusLabels[story.status]}</span>
                    {story.status === 'scheduled' && story.publishedAt ? <span class="nr-muted"> for {formatDateTime(story.publishedAt)}</span> : null}
                  </td>
                  <td>{story.sectionName}</td>
                  <td>{story.authors.map((a, i) => <>{i ? ', ' : null}<span class="nr-nowrap">{a.name}</span></>)}</td>
                  <td><time dateTime={story.updatedAt}>{formatDateTime(story.updatedAt)}</time></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={props.page} pages={props.pages} href={(page) => filterHref(props.status, page)} words={['Newer', 'Older']} />
    </NewsroomLayout>
  );
}

export interface RevisionListProps {
  user: SessionUser;
  csrfToken: string;
  story: { id: number; title: string; version: number };
  revisions: RevisionSummary[];
  canRestore: boolean;
  message: string | null;
}

export function RevisionListPage(props: RevisionListProps) {
  const { story, revisions } = props;
  const newest = revisions[0];
  return (
    <NewsroomLayout title={`Revisions: ${story.title}`} user={props.user} csrfToken={props.csrfToken} current="stories">
      {props.message ? <p class="nr-notice" role="status">{props.message}</p> : null}
      <p><a href={`/newsroom/stories/${story.id}`}>Back to the story</a></p>
      <form method="get" action={`/newsroom/stories/${story.id}/revisions/compare`}>
        <table class="nr-table">
          <thead>
            <tr><th scope="col">Older</th><th scope="col">Newer</th><th scope="col">Saved</th><th scope="col">By</th><th scope="col">Headline</th><th scope="col">Words</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
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
