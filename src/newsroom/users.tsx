/** Users admin (/newsroom/users): everyone with a newsroom account, invitations, role changes, disabling, reset links. Admins only. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { requireUser, verifyCsrf, type SessionUser } from '../http/session.js';
import { invitationPath, listPendingInvitations, resetPath, type PendingInvitation } from '../accounts/links.js';
import { invitationMail, resetMail, sendAccountMail } from '../accounts/mail.js';
import { authorize } from '../accounts/policies.js';
import { changePersonRole, invitePerson, issuePasswordLink, setPersonEnabled, withdrawInvitation } from '../accounts/people.js';
import { listUsers, roles } from '../accounts/users.js';
import { loadSettings } from '../content/settings.js';
import { authorPath } from '../content/urls.js';
import { fromCommandError, HttpError } from '../http/errors.js';
import { parseId } from '../http/request-input.js';
import { formatDate } from '../site/views/format.js';
import { sendNewsroomPage } from './page.js';
import { CsrfField, NewsroomLayout } from './views/layout.js';

const roleHelp: Record<string, string> = {
  contributor: 'writes drafts and submits them for review',
  author: 'also publishes their own stories',
  editor: 'edits and publishes anyone’s stories, moderates comments, manages sections and tags',
  admin: 'also manages users and site settings',
};

const doneMessages: Record<string, string> = {
  role: 'The role was changed.',
  disabled: 'The account was disabled and signed out everywhere.',
  enabled: 'The account was enabled.',
  revoked: 'The invitation was withdrawn.',
};

interface UsersPageProps {
  me: SessionUser;
  csrf: string;
  users: User[];
  invitations: PendingInvitation[];
  notice?: string;
  error?: string;
  /** A link to show once: an invitation or reset link the admin can pass on by hand. */
  shownLink?: { label: string; url: string; mailed: 'sent' | 'logged' | 'failed' };
  invite?: { email: string; role: string };
}

function RoleSelect(props: { id: string; value: string }) {
  return (
    <select id={props.id} name="role">
      {roles.map((role) => (
        <option value={role} selected={role === props.value}>
          {role}
        </option>
      ))}
    </select>
  );
}

function UsersPage(props: UsersPageProps) {
  const { me, csrf } = props;
  return (
    <NewsroomLayout title="Users" user={me} csrfToken={csrf} current="users">
      {props.notice ? <p class="nr-notice" role="status">{props.notice}</p> : null}
      {props.error ? <p class="nr-error" role="alert">{props.error}</p> : null}
      {props.shownLink ? (
        <div class="nr-notice" role="status">
          <p>
            {props.shownLink.label}{' '}
            {props.shownLink.mailed === 'sent' ? 'It was emailed too.' : props.shownLink.mailed === 'failed' ? 'The mail could not be sent; pass the link on yourself.' : 'No mail server is set up (SMTP_URL), so pass the link on yourself.'}
          </p>
          <code class="nr-code">{props.shownLink.url}</code>
        </div>
      ) : null}

      <h2>Invite someone</h2>
      <form method="post" action="/newsroom/users/invite" class="nr-form">
        <CsrfField token={csrf} />
        <div class="nr-field">
          <label for="invite-email">Email</label>
          <input id="invite-email" name="email" type="email" required value={props.invite?.email ?? ''} />
        </div>
        <div class="nr-field">
          <label for="invite-role">Role</label>
          <RoleSelect id="invite-role" value={props.invite?.role ?? 'contributor'} />
          <span class="nr-hint">
            {roles.map((role) => (
              <span>
                <strong>{role}</strong>: {roleHelp[role]}.{' '}
              </span>
            ))}
          </span>
        </div>
        <div class="nr-actions">
          <button type="submit" class="nr-button">Send invitation</button>
        </div>
      </form>

      {props.invitations.length ? (
        <>
          <h2>Open invitations</h2>
          <div class="nr-scroll">
            <table class="nr-table">
              <thead>
                <tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Expires</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
              </thead>
              <tbody>
                {props.invitations.map((invitation) => (
                  <tr>
                    <td>{invitation.email}</td>
                    <td>{invitation.role}</td>
                    <td>{formatDate(invitation.expiresAt)}</td>
                    <td>
                      <form method="post" action="/newsroom/users/invitations/revoke">
                        <CsrfField token={csrf} />
                        <input type="hidden" name="email" value={invitation.email} />
                        <button type="submit" class="nr-button-link" aria-label={`Withdraw the invitation for ${invitation.email}`}>Withdraw</button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      <h2>People</h2>
      <div class="nr-scroll">
        <table class="nr-table">
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {props.users.map((user) => {
              const disabled = Number(user.disabled) === 1;
              return (
                <tr class={disabled ? 'nr-disabled' : undefined}>
                  <td>
                    <a href={authorPath(user.slug)}>{user.name}</a>
                    {user.id === me.id ? ' (you)' : ''}
                  </td>
                  <td>{user.email}</td>
                  <td>
                    <form method="post" action={`/newsroom/users/${user.id}/role`}>
                      <CsrfField token={csrf} />
                      <label class="visually-hidden" for={`role-${user.id}`}>Role of {user.name}</label>
                      <RoleSelect id={`role-${user.id}`} value={user.role} />
                      <button type="submit" class="nr-button-link" aria-label={`Change role of ${user.name}`}>Change</button>
                    </form>
                  </td>
                  <td class="nr-nowrap">{disabled ? 'Disabled' : user.password_hash ? 'Active' : 'No password (cannot sign in)'}</td>
                  <td>
                    <div class="nr-actions">
                      {user.id === me.id ? null : (
                        <form method="post" action={`/newsroom/users/${user.id}/${disabled ? 'enable' : 'disable'}`}>
                          <CsrfField token={csrf} />
                          <button type="submit" class="nr-button-link" aria-label={`${disabled ? 'Enable' : 'Disable'} ${user.name}`}>{disabled ? 'Enable' : 'Disable'}</button>
                        </form>
                      )}
                      {disabled ? null : (
                        <form method="post" action={`/newsroom/users/${user.id}/reset-link`}>
                          <CsrfField token={csrf} />
                          <button type="submit" class="nr-button-link" aria-label={`Make a password link for ${user.name}`}>Password link</button>
                        </form>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </NewsroomLayout>
  );
}

function field(request: FastifyRequest, name: string, max = 300): string {
  const value = (request.body as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

function userId(raw: string): number {
  return parseId(raw, 'That user');
}

export function userAdminRoutes(ctx: AppContext) {
  const db = ctx.store.db;

  async function render(request: FastifyRequest, reply: FastifyReply, extra: Partial<UsersPageProps> = {}, status = 200) {
    const me = requireUser(request);
    const [users, invitations] = await Promise.all([listUsers(db), listPendingInvitations(db)]);
    return sendNewsroomPage(reply, <UsersPage me={me} csrf={request.csrfToken ?? ''} users={users} invitations={invitations} {...extra} />, status);
  }

  /** Runs a change; a refused change re-renders the page with the reason and the right status. */
  async function attempt(request: FastifyRequest, reply: FastifyReply, change: () => Promise<FastifyReply | string>, extra: Partial<UsersPageProps> = {}) {
    try {
      const outcome = await change();
      return typeof outcome === 'string' ? reply.redirect(`/newsroom/users?done=${outcome}`, 303) : outcome;
    } catch (thrown) {
      const error = fromCommandError(thrown);
      if (!(error instanceof HttpError) || error.status >= 500 || error.status === 401 || error.status === 403) throw thrown;
      return render(request, reply, { ...extra, error: error.message }, error.status);
    }
  }

  function admin(request: FastifyRequest): SessionUser {
    const me = requireUser(request);
    authorize(me, 'user.manage');
    return me;
  }

  function adminPost(request: FastifyRequest): SessionUser {
    const me = admin(request);
    verifyCsrf(request);
    return me;
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { done?: string } }>('/newsroom/users', async (request, reply) => {
      admin(request);
      return render(request, reply, { notice: doneMessages[request.query.done ?? ''] });
    });

    app.post('/newsroom/users/invite', async (request, reply) => {
      const me = adminPost(request);
      const invite = { email: field(request, 'email', 254), role: field(request, 'role', 20) };
      return attempt(
        request,
        reply,
        async () => {
          const token = await invitePerson(ctx, me, invite);
          const url = `${ctx.config.siteUrl}${invitationPath(token)}`;
          const settings = await loadSettings(db);
          const mailed = await sendAccountMail(ctx, request.log, invitationMail(settings.title, url, invite.email.toLowerCase(), me.name, invite.role)).catch((error: unknown) => {
            request.log.error({ err: error }, 'could not send an invitation mail');
            return 'failed' as const;
          });
          return render(request, reply, { shownLink: { label: `${invite.email} is invited as ${invite.role}. Their link works once, for seven days.`, url, mailed } });
        },
        { invite },
      );
    });

    app.post('/newsroom/users/invitations/revoke', async (request, reply) => {
      const me = adminPost(request);
      const email = field(request, 'email', 254).toLowerCase();
      return attempt(request, reply, async () => {
        await withdrawInvitation(ctx, me, email);
        return 'revoked';
      });
    });

    app.post<{ Params: { id: string } }>('/newsroom/users/:id/role', async (request, reply) => {
      const me = adminPost(request);
      const id = userId(request.params.id);
      return attempt(request, reply, async () => {
        await changePersonRole(ctx, me, id, field(request, 'role', 20));
        return 'role';
      });
    });

    app.post<{ Params: { id: string } }>('/newsroom/users/:id/disable', async (request, reply) => {
      const me = adminPost(request);
      const id = userId(request.params.id);
      return attempt(request, reply, async () => {
        await setPersonEnabled(ctx, me, id, false);
        return 'disabled';
      });
    });

    app.post<{ Params: { id: string } }>('/newsroom/users/:id/enable', async (request, reply) => {
      const me = adminPost(request);
      const id = userId(request.params.id);
      return attempt(request, reply, async () => {
        await setPersonEnabled(ctx, me, id, true);
        return 'enabled';
      });
    });

    app.post<{ Params: { id: string } }>('/newsroom/users/:id/reset-link', async (request, reply) => {
      const me = adminPost(request);
      const id = userId(request.params.id);
      return attempt(request, reply, async () => {
        const { token, user } = await issuePasswordLink(ctx, me, id);
        const url = `${ctx.config.siteUrl}${resetPath(token)}`;
        const settings = await loadSettings(db);
        const mailed = await sendAccountMail(ctx, request.log, resetMail(settings.title, url, user.email)).catch((error: unknown) => {
          request.log.error({ err: error }, 'could not send a password-reset mail');
          return 'failed' as const;
        });
        return render(request, reply, { shownLink: { label: `A password link for ${user.name}. It works once, for two hours.`, url, mailed } });
      });
    });
  };
}
