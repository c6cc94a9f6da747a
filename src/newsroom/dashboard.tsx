/** The newsroom home (/newsroom): where the work stands and the signed-in person's own account actions. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { requireUser } from '../accounts/guard.js';
import { countUserSessions } from '../accounts/sessions.js';
import { sendNewsroomPage } from './page.js';
import { CsrfField, NewsroomLayout } from './views/layout.js';

export function dashboardRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/newsroom', async (request, reply) => {
      const user = requireUser(request);
      const sessions = await countUserSessions(ctx.store.db, user.id);
      return sendNewsroomPage(
        reply,
        <NewsroomLayout title="Dashboard" user={user} csrfToken={request.csrfToken ?? ''} current="dashboard">
          <section aria-labelledby="account-heading">
            <h2 id="account-heading">Your account</h2>
            <p>
              Signed in as {user.name} ({user.email}), {user.role}. {sessions === 1 ? 'You are signed in on 1 device.' : `You are signed in on ${sessions} devices.`}
            </p>
            <form method="post" action="/newsroom/sign-out-everywhere" class="nr-actions">
              <CsrfField token={request.csrfToken ?? ''} />
              <button type="submit" class="nr-button nr-button-secondary">Sign out everywhere</button>
            </form>
          </section>
        </NewsroomLayout>,
      );
    });
  };
}
