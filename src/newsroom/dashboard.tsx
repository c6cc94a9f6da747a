/** The newsroom home (/newsroom): stories by status, the scheduled queue, pending comments, recent activity, and account actions. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import type { ArticleStatus } from '../db/schema.js';
import { requireUser, type SessionUser } from '../http/session.js';
import { can } from '../accounts/policies.js';
import { countUserSessions } from '../accounts/sessions.js';
import { statusCounts } from '../comments/moderation.js';
import { countDeskStories, listDeskStories, type DeskStory } from '../content/desk.js';
import { recentSaves, type RecentSave } from '../content/revisions.js';
import { loadSettings } from '../content/settings.js';
import { formatDateTime, plural } from '../site/views/format.js';
import { sendNewsroomPage } from './page.js';
import { useNewsroomPaths } from './paths.js';
import { CsrfField, NewsroomLayout } from './views/layout.js';

const statusLabels: Record<ArticleStatus, string> = {
  draft: 'Drafts',
  review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  archived: 'Unpublished',
};

interface DashboardData {
  /** All stories for editors and admins; their own for contributors and authors. */
  scope: 'all' | 'own';
  counts: Record<ArticleStatus, number>;
  scheduled: DeskStory[];
  pendingComments: number | null;
  activity: RecentSave[];
  sessions: number;
  timeZone: string;
}

/** Newsroom times are shown on the site's clock (the one the editor schedules in). */
function siteTime(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(iso));
  } catch {
    return formatDateTime(iso);
  }
}

function StoryLink(props: { id: number; title: string }) {
  return useNewsroomPaths().has('/newsroom/stories/:id') ? <a href={`/newsroom/stories/${props.id}`}>{props.title}</a> : <>{props.title}</>;
}

function Dashboard(props: { user: SessionUser; csrf: string; data: DashboardData }) {
  const { user, data } = props;
  const newsroomPaths = useNewsroomPaths();
  const listLinks = newsroomPaths.has('/newsroom/stories');
  return (
    <NewsroomLayout title="Dashboard" user={user} csrfToken={props.csrf} current="dashboard">
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

      {/* Both lists run full width in balanced columns: side by side, a short queue left a hole beside a long activity list. */}
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

      <section aria-labelledby="activity-heading">
        <h2 id="activity-heading">Recent activity</h2>
        {data.activity.length ? (
          <ul class="nr-list nr-list-columns">
            {data.activity.map((save) => (
              <li>
                {save.editorName ? `${save.editorName} saved` : 'Saved'} <StoryLink id={save.articleId} title={save.title} /> <span class="nr-status">{save.status}</span>
                <br />
                <span class="nr-muted">{siteTime(save.savedAt, data.timeZone)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="nr-muted">No stories have been saved yet.</p>
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
      const authorId = seesAll ? undefined : user.id;
      const [counts, scheduled, activity, comments, sessions, settings] = await Promise.all([
        countDeskStories(db, { authorId }),
        listDeskStories(db, { status: 'scheduled', authorId, limit: 50, offset: 0 }),
        recentSaves(db, { limit: 12, authorId }),
        can(user, 'comment.moderate') ? statusCounts(db) : Promise.resolve(null),
        countUserSessions(db, user.id),
        loadSettings(db),
      ]);
      scheduled.sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''));
      const data: DashboardData = { scope: seesAll ? 'all' : 'own', counts, scheduled, pendingComments: comments?.pending ?? null, activity, sessions, timeZone: settings.timezone };
      return sendNewsroomPage(reply, <Dashboard user={user} csrf={request.csrfToken ?? ''} data={data} />);
    });
  };
}
