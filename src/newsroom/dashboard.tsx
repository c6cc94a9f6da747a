/**
 * The newsroom home (/newsroom): what needs me now (stories waiting for my review, scheduled today on the site's
 * clock, comments waiting, my drafts), recent activity with one line per story and change, stories by status, the
 * scheduled queue, and account actions.
 */
import type { FastifyInstance } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { AppContext } from '../context.js';
import type { ArticleStatus } from '../db/schema.js';
import { requireUser, type SessionUser } from '../http/session.js';
import { can } from '../accounts/policies.js';
import { countUserSessions } from '../accounts/sessions.js';
import { statusCounts } from '../comments/moderation.js';
import { countDeskStories, listDeskStories, listScheduledBetween, type DeskScope, type DeskStory } from '../content/desk.js';
import { recentActivity, type ActivityLine } from '../content/revisions.js';
import { loadSettings } from '../content/settings.js';
import { statusLabels as workflowLabels } from '../content/workflow.js';
import { formatDateTime, plural } from '../site/views/format.js';
import { sendNewsroomPage } from './page.js';
import { useNewsroomPaths } from './paths.js';
import { toLocalInput, toUtcIso } from './stories/form.js';
import { CsrfField, NewsroomLayout } from './views/layout.js';

const statusLabels: Record<ArticleStatus, string> = {
  draft: 'Drafts',
  review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  archived: 'Unpublished',
};

/** How many stories each "needs me" list shows before linking to the full list. */
const shortList = 5;

interface ShortList {
  stories: DeskStory[];
  total: number;
}

interface DashboardData {
  /** All stories for editors and admins; their own for contributors and authors. */
  scope: 'all' | 'own';
  counts: Record<ArticleStatus, number>;
  /** In review, not written by me: null for people who do not review others' stories. */
  toReview: ShortList | null;
  /** My own stories waiting for an editor (people who do not review). */
  myInReview: ShortList | null;
  scheduledToday: DeskStory[];
  myDrafts: ShortList;
  scheduled: DeskStory[];
  pendingComments: number | null;
  activity: ActivityLine[];
  sessions: number;
  timeZone: string;
}

/** Newsroom times are shown on the site's clock (the one the editor schedules in). */
function siteTime(iso: string, timeZone: string, what: 'full' | 'time' = 'full'): string {
  try {
    const options: Intl.DateTimeFormatOptions =
      what === 'time' ? { hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' } : { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' };
    return new Intl.DateTimeFormat('en-GB', options).format(new Date(iso));
  } catch {
    return formatDateTime(iso);
  }
}

/** The start and end (ISO, UTC) of today on the site's wall clock. */
export function siteDayBounds(timeZone: string, now = new Date()): { from: string; to: string } {
  const day = toLocalInput(now.toISOString(), timeZone).slice(0, 10);
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const from = toUtcIso(`${day}T00:00`, timeZone) ?? `${day}T00:00:00.000Z`;
  const to = toUtcIso(`${next.toISOString().slice(0, 10)}T00:00`, timeZone) ?? next.toISOString();
  return { from, to };
}

function StoryLink(props: { id: number; title: string }) {
  const title = props.title || 'Untitled story';
  return useNewsroomPaths().has('/newsroom/stories/:id') ? <a href={`/newsroom/stories/${props.id}`}>{title}</a> : <>{title}</>;
}

/** What a line of activity says the person did. */
function changeWords(line: ActivityLine): string {
  switch (line.change) {
    case 'create':
      return 'started';
    case 'submit':
      return 'submitted for review';
    case 'return':
      return 'sent back to draft';
    case 'schedule':
      return 'scheduled';
    case 'unschedule':
      return 'took off the schedule';
    case 'publish':
      return 'published';
    case 'unpublish':
      return 'unpublished';
    default:
      return line.status === 'published' ? 'edited the published story' : 'edited';
  }
}

function NeedsList(props: { id: string; title: string; list: ShortList; empty: string; more: string; moreHref: string; children?: (story: DeskStory) => ComponentChildren }) {
  const listLinks = useNewsroomPaths().has('/newsroom/stories');
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>
        {props.title} <span class="nr-muted">({props.list.total})</span>
      </h2>
      {props.list.stories.length ? (
        <ul class="nr-list">
          {props.list.stories.map((story) => (
            <li>
              <StoryLink id={story.id} title={story.title} /> {props.children ? props.children(story) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="nr-muted">{props.empty}</p>
      )}
      {listLinks && props.list.total > props.list.stories.length ? (
        <p class="nr-more">
          <a href={props.moreHref}>{props.more}</a>
        </p>
      ) : null}
    </section>
  );
}

function Dashboard(props: { user: SessionUser; csrf: string; data: DashboardData }) {
  const { user, data } = props;
  const newsroomPaths = useNewsroomPaths();
  const listLinks = newsroomPaths.has('/newsroom/stories');
  const byline = (story: DeskStory) => <span class="nr-muted">by {story.authors.map((a) => a.name).join(', ') || 'nobody yet'}, {story.sectionName}</span>;
  return (
    <NewsroomLayout
      title="Dashboard"
      user={user}
      csrfToken={props.csrf}
      current="dashboard"
      headActions={newsroomPaths.has('/newsroom/stories/new') && can(user, 'story.create') ? <a class="nr-button" href="/newsroom/stories/new">New story</a> : null}
    >
      <div class="nr-columns nr-needs" aria-label="Needs you now" role="region">
        {data.toReview ? (
          <NeedsList id="review-heading" title="Waiting for your review" list={data.toReview} empty="Nothing is waiting for review." more={`All ${data.toReview.total} waiting for your review`} moreHref="/newsroom/stories?review=me">
            {byline}
          </NeedsList>
        ) : null}
        {data.myInReview ? (
          <NeedsList id="in-review-heading" title="Yours, waiting for an editor" list={data.myInReview} empty="None of your stories is waiting for an editor." more="All your stories in review" moreHref="/newsroom/stories?status=review&mine=1" />
        ) : null}
        <section aria-labelledby="today-heading">
          <h2 id="today-heading">
            Scheduled today <span class="nr-muted">({data.scheduledToday.length})</span>
          </h2>
          {data.scheduledToday.length ? (
            <ul class="nr-list">
              {data.scheduledToday.map((story) => (
                <li>
                  <strong>{story.publishedAt ? siteTime(story.publishedAt, data.timeZone, 'time') : ''}</strong> <StoryLink id={story.id} title={story.title} />{' '}
                  <span class="nr-muted">({story.sectionName})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="nr-muted">Nothing goes out later today.</p>
          )}
        </section>
        {data.pendingComments !== null ? (
          <section aria-labelledby="comments-heading">
            <h2 id="comments-heading">Comments waiting</h2>
            <p>
              {data.pendingComments ? (
                newsroomPaths.has('/newsroom/comments') ? (
                  <a href="/newsroom/comments">{plural(data.pendingComments, 'comment')} waiting for moderation</a>
                ) : (
                  `${plural(data.pendingComments, 'comment')} waiting for moderation`
                )
              ) : (
                <span class="nr-muted">No comments are waiting.</span>
              )}
            </p>
          </section>
        ) : null}
        <NeedsList id="drafts-heading" title="Your drafts" list={data.myDrafts} empty="You have no drafts." more={`All ${data.myDrafts.total} of your drafts`} moreHref="/newsroom/stories?status=draft&mine=1">
          {(story) => <span class="nr-muted">changed {siteTime(story.updatedAt, data.timeZone)}</span>}
        </NeedsList>
      </div>

      <section aria-labelledby="activity-heading">
        <h2 id="activity-heading">Recent activity</h2>
        {data.activity.length ? (
          <ul class="nr-list nr-list-columns nr-activity">
            {data.activity.map((line) => (
              <li>
                <span>
                  {line.editorName ? (
                    <>
                      <strong>{line.editorName}</strong> {changeWords(line)}
                    </>
                  ) : (
                    changeWords(line).replace(/^./, (c) => c.toUpperCase())
                  )}{' '}
                  <StoryLink id={line.articleId} title={line.title} />{' '}
                  <span class="nr-status" data-status={line.status}>{workflowLabels[line.status]}</span>
                </span>
                <span class="nr-when">{siteTime(line.at, data.timeZone)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="nr-muted">No stories have been saved yet.</p>
        )}
      </section>

      <section aria-labelledby="status-heading">
        <h2 id="status-heading">{data.scope === 'all' ? 'Stories by status' : 'Your stories by status'}</h2>
        <ul class="nr-cards">
          {(Object.keys(statusLabels) as ArticleStatus[]).map((status) => {
            const inner = (
              <>
                <span class="nr-card-count">{data.counts[status]}</span>
                <span class="nr-card-label">{statusLabels[status]}</span>
              </>
            );
            return <li class="nr-card">{listLinks ? <a href={`/newsroom/stories?status=${status}`}>{inner}</a> : inner}</li>;
          })}
          {data.pendingComments !== null ? (
            <li class="nr-card">
              {newsroomPaths.has('/newsroom/comments') ? (
                <a href="/newsroom/comments">
                  <span class="nr-card-count">{data.pendingComments}</span>
                  <span class="nr-card-label">Comments waiting</span>
                </a>
              ) : (
                <>
                  <span class="nr-card-count">{data.pendingComments}</span>
                  <span class="nr-card-label">Comments waiting</span>
                </>
              )}
            </li>
          ) : null}
        </ul>
      </section>

      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">Scheduled to publish</h2>
        {data.scheduled.length ? (
          <ol class="nr-list nr-list-columns">
            {data.scheduled.map((story) => (
              <li>
                <strong>{story.publishedAt ? siteTime(story.publishedAt, data.timeZone) : 'No time set'}</strong>: <StoryLink id={story.id} title={story.title} />{' '}
                <span class="nr-muted">({story.sectionName})</span>
              </li>
            ))}
          </ol>
        ) : (
          <p class="nr-muted">Nothing is scheduled.</p>
        )}
      </section>

      <section aria-labelledby="account-heading">
        <h2 id="account-heading">Your account</h2>
        <p>
          Signed in as {user.name} ({user.email}), {user.role}. You are signed in on {plural(data.sessions, 'device')}.
        </p>
        <form method="post" action="/newsroom/sign-out-everywhere" class="nr-actions">
          <CsrfField token={props.csrf} />
          <button type="submit" class="nr-button nr-button-secondary">Sign out everywhere</button>
        </form>
      </section>
    </NewsroomLayout>
  );
}

export function dashboardRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/newsroom', async (request, reply) => {
      const user = requireUser(request);
      const db = ctx.store.db;
      const seesAll = can(user, 'story.edit-any');
      const scope: DeskScope = seesAll ? {} : { authorId: user.id };
      const settings = await loadSettings(db);
      const today = siteDayBounds(settings.timezone);
      const short = async (filter: DeskScope & { status?: ArticleStatus; sort?: 'oldest' | 'updated' }): Promise<ShortList> => {
        const [stories, counts] = await Promise.all([listDeskStories(db, { ...filter, limit: shortList, offset: 0 }), countDeskStories(db, filter)]);
        return { stories, total: filter.status ? counts[filter.status] : Object.values(counts).reduce((a, b) => a + b, 0) };
      };
      const [counts, scheduled, scheduledToday, toReview, myInReview, myDrafts, activity, comments, sessions] = await Promise.all([
        countDeskStories(db, scope),
        // Every scheduled story, soonest first (one whose time has passed and is about to go out included).
        listScheduledBetween(db, scope, '', '9999-12-31', 50),
        listScheduledBetween(db, scope, today.from, today.to, 20),
        // The longest waiting first.
        seesAll ? short({ reviewerId: user.id, sort: 'oldest' }) : Promise.resolve(null),
        seesAll ? Promise.resolve(null) : short({ authorId: user.id, status: 'review', sort: 'oldest' }),
        short({ authorId: user.id, status: 'draft' }),
        recentActivity(db, { limit: 12, authorId: scope.authorId }),
        can(user, 'comment.moderate') ? statusCounts(db) : Promise.resolve(null),
        countUserSessions(db, user.id),
      ]);
      const data: DashboardData = {
        scope: seesAll ? 'all' : 'own',
        counts,
        toReview,
        myInReview,
        scheduledToday,
        myDrafts,
        scheduled,
        pendingComments: comments?.pending ?? null,
        activity,
        sessions,
        timeZone: settings.timezone,
      };
      return sendNewsroomPage(reply, <Dashboard user={user} csrf={request.csrfToken ?? ''} data={data} />);
    });
  };
}
