/** Getting into the newsroom: sign-in (with its own CSRF and rate limits), sign-out, sign-out everywhere, password-reset and invitation links. */
import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { clearSessionCookie, requireUser, setSessionCookie, tokensEqual, verifyCsrf } from '../http/session.js';
import { completePasswordReset, requestPasswordReset, signIn, signOut, signOutEverywhere } from '../accounts/access.js';
import { sessionCookieName } from '../accounts/sessions.js';
import { findOpenLink, resetPath } from '../accounts/links.js';
import { resetMail, sendAccountMail } from '../accounts/mail.js';
import { joinByInvitation } from '../accounts/people.js';
import { loadSettings } from '../content/settings.js';
import { CommandError } from '../errors.js';
import { fromCommandError, HttpError } from '../http/errors.js';
import { passwordProblem, passwordRules } from '../accounts/passwords.js';
import { sendNewsroomPage } from './page.js';
import { PublicNewsroomLayout } from './views/layout.js';

const preSessionCookie = 'gazette_signin';

/** Where to go after signing in: only newsroom paths on this site, never another host. */
export function safeNext(raw: unknown): string {
  if (typeof raw !== 'string' || !raw.startsWith('/newsroom') || raw.startsWith('//') || raw.includes('\\')) return '/newsroom';
  if (raw.startsWith('/newsroom/sign-in') || raw.startsWith('/newsroom/sign-out')) return '/newsroom';
  return raw.slice(0, 1000);
}

/** Sign-in happens before there is a session: its CSRF token is an HMAC of a random cookie. */
function preSessionToken(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): string {
  let nonce = request.cookies[preSessionCookie];
  if (!nonce || !/^[A-Za-z0-9_-]{20,64}$/.test(nonce)) {
    nonce = randomBytes(24).toString('base64url');
    reply.setCookie(preSessionCookie, nonce, { path: '/newsroom', httpOnly: true, sameSite: 'lax', secure: ctx.config.siteUrl.startsWith('https:') });
  }
  return signNonce(ctx, nonce);
}

function signNonce(ctx: AppContext, nonce: string): string {
  return createHmac('sha256', ctx.secret).update(`sign-in:${nonce}`).digest('base64url');
}

function SignInForm(props: { csrf: string; next: string; email?: string; error?: string; notice?: string }) {
  return (
    <PublicNewsroomLayout title="Sign in to the newsroom">
      {props.notice ? <p class="nr-notice" role="status">{props.notice}</p> : null}
      {props.error ? <p class="nr-error" role="alert">{props.error}</p> : null}
      <form method="post" action="/newsroom/sign-in" class="nr-form">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <div class="nr-field">
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required value={props.email ?? ''} />
        </div>
        <div class="nr-field">
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <div class="nr-actions">
          <button type="submit" class="nr-button">Sign in</button>
          <a href="/newsroom/forgot-password">Forgot your password?</a>
        </div>
      </form>
    </PublicNewsroomLayout>
  );
}

function ForgotForm(props: { csrf: string; sent?: boolean; error?: string }) {
  return (
    <PublicNewsroomLayout title="Reset your password">
      {props.sent ? (
        <p class="nr-notice" role="status">
          If that address belongs to an account, a link to choose a new password is on its way. It works once, for two hours.
        </p>
      ) : null}
      {props.error ? <p class="nr-error" role="alert">{props.error}</p> : null}
      <form method="post" action="/newsroom/forgot-password" class="nr-form">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <div class="nr-field">
          <label for="email">Your email address</label>
          <input id="email" name="email" type="email" autocomplete="username" required />
        </div>
        <div class="nr-actions">
          <button type="submit" class="nr-button">Send me a link</button>
          <a href="/newsroom/sign-in">Back to sign in</a>
        </div>
      </form>
    </PublicNewsroomLayout>
  );
}

function NewPasswordForm(props: { title: string; action: string; email: string; askName?: boolean; name?: string; error?: string }) {
  return (
    <PublicNewsroomLayout title={props.title}>
      {props.error ? <p class="nr-error" role="alert">{props.error}</p> : null}
      <form method="post" action={props.action} class="nr-form">
        <p>
          Account: <strong>{props.email}</strong>
        </p>
        {props.askName ? (
          <div class="nr-field">
            <label for="name">Your name</label>
            <span class="nr-hint" id="name-hint">As readers will see it on your stories.</span>
            <input id="name" name="name" type="text" autocomplete="name" required maxLength={120} value={props.name ?? ''} aria-describedby="name-hint" />
          </div>
        ) : null}
        <div class="nr-field">
          <label for="password">New password</label>
          <span class="nr-hint" id="password-hint">At least {passwordRules.min} characters.</span>
          <input id="password" name="password" type="password" autocomplete="new-password" required minLength={passwordRules.min} aria-describedby="password-hint" />
        </div>
        <div class="nr-actions">
          <button type="submit" class="nr-button">{props.askName ? 'Create my account' : 'Set my password'}</button>
        </div>
      </form>
    </PublicNewsroomLayout>
  );
}

function LinkGone(props: { title: string; message: string }) {
  return (
    <PublicNewsroomLayout title={props.title}>
      <p class="nr-error" role="alert">{props.message}</p>
      <p>
        <a href="/newsroom/forgot-password">Ask for a new password link</a> or <a href="/newsroom/sign-in">sign in</a>.
      </p>
    </PublicNewsroomLayout>
  );
}

function text(body: unknown, field: string, max = 1000): string {
  const value = (body as Record<string, unknown> | null | undefined)?.[field];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

const notices: Record<string, string> = {
  'signed-out': 'You are signed out.',
  'signed-out-everywhere': 'You are signed out on every device.',
  'password-set': 'Your password is set. Sign in with it now.',
  welcome: 'Your account is ready. Sign in with your new password.',
};

export function authRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { next?: string; notice?: string } }>('/newsroom/sign-in', async (request, reply) => {
      if (request.user) return reply.redirect(safeNext(request.query.next), 303);
      const notice = notices[request.query.notice ?? ''];
      return sendNewsroomPage(reply, <SignInForm csrf={preSessionToken(ctx, request, reply)} next={safeNext(request.query.next)} notice={notice} />);
    });

    app.post<{ Body: Record<string, unknown> }>('/newsroom/sign-in', async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const email = typeof body.email === 'string' ? body.email.trim().toLowerCase().slice(0, 254) : '';
      const password = typeof body.password === 'string' ? body.password.slice(0, 1000) : '';
      const next = safeNext(body.next);
      const nonce = request.cookies[preSessionCookie];
      const given = typeof body._csrf === 'string' ? body._csrf : '';
      if (!nonce || !tokensEqual(given, signNonce(ctx, nonce))) {
        const csrf = preSessionToken(ctx, request, reply);
        return sendNewsroomPage(
          reply,
          <SignInForm csrf={csrf} next={next} email={email} error="The sign-in form had expired. Please enter your password again." />,
          403,
        );
      }
      const csrf = signNonce(ctx, nonce);
      if (!email || !password) {
        return sendNewsroomPage(reply, <SignInForm csrf={csrf} next={next} email={email} error="Enter your email address and your password." />, 400);
      }
      let session;
      try {
        session = await signIn(ctx, { email, password, ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') });
      } catch (error) {
        if (!(error instanceof CommandError) || (error.kind !== 'rate_limited' && error.kind !== 'unauthenticated')) throw error;
        if (error.kind === 'rate_limited') reply.header('retry-after', error.details.retryAfterSeconds ?? '60');
        return sendNewsroomPage(reply, <SignInForm csrf={csrf} next={next} email={email} error={error.message} />, error.kind === 'rate_limited' ? 429 : 401);
      }
      setSessionCookie(ctx, reply, session.token, session.expiresAt);
      reply.clearCookie(preSessionCookie, { path: '/newsroom' });
      request.log.info({ userId: session.userId }, 'newsroom sign-in');
      return reply.redirect(next, 303);
    });

    app.post('/newsroom/sign-out', async (request, reply) => {
      if (!request.user) return reply.redirect('/newsroom/sign-in', 303);
      verifyCsrf(request);
      const token = request.cookies[sessionCookieName];
      if (token) await signOut(ctx, token);
      clearSessionCookie(ctx, reply);
      return reply.redirect('/newsroom/sign-in?notice=signed-out', 303);
    });

    app.post('/newsroom/sign-out-everywhere', async (request, reply) => {
      const user = requireUser(request);
      verifyCsrf(request);
      await signOutEverywhere(ctx, user);
      clearSessionCookie(ctx, reply);
      return reply.redirect('/newsroom/sign-in?notice=signed-out-everywhere', 303);
    });

    app.get('/newsroom/forgot-password', async (request, reply) => {
      return sendNewsroomPage(reply, <ForgotForm csrf={preSessionToken(ctx, request, reply)} />);
    });

    app.post(
      '/newsroom/forgot-password',
      { config: { rateLimit: { max: 5, timeWindow: '15 minutes' } } },
      async (request, reply) => {
        const nonce = request.cookies[preSessionCookie];
        if (!nonce || !tokensEqual(text(request.body, '_csrf'), signNonce(ctx, nonce))) {
          return sendNewsroomPage(reply, <ForgotForm csrf={preSessionToken(ctx, request, reply)} error="The form had expired. Please try again." />, 403);
        }
        const email = text(request.body, 'email', 254).trim().toLowerCase();
        if (!email.includes('@')) {
          return sendNewsroomPage(reply, <ForgotForm csrf={signNonce(ctx, nonce)} error="Enter the email address you sign in with." />, 400);
        }
        const link = await requestPasswordReset(ctx, email);
        if (link) {
          const settings = await loadSettings(ctx.store.db);
          try {
            await sendAccountMail(ctx, request.log, resetMail(settings.title, `${ctx.config.siteUrl}${resetPath(link.token)}`, link.email));
          } catch (error) {
            request.log.error({ err: error }, 'could not send a password-reset mail');
            return sendNewsroomPage(reply, <ForgotForm csrf={signNonce(ctx, nonce)} error="The mail could not be sent just now. Please try again later, or ask an administrator." />, 503);
          }
        }
        // The same answer either way, so the form does not tell who has an account.
        return sendNewsroomPage(reply, <ForgotForm csrf={signNonce(ctx, nonce)} sent />);
      },
    );

    app.get<{ Params: { token: string } }>('/newsroom/reset-password/:token', async (request, reply) => {
      const link = await findOpenLink(ctx.store.db, 'reset', request.params.token);
      if (!link) return sendNewsroomPage(reply, <LinkGone title="Reset your password" message="This password link has expired or was already used." />, 410);
      return sendNewsroomPage(reply, <NewPasswordForm title="Choose a new password" action={resetPath(request.params.token)} email={link.email} />);
    });

    app.post<{ Params: { token: string } }>('/newsroom/reset-password/:token', async (request, reply) => {
      const link = await findOpenLink(ctx.store.db, 'reset', request.params.token);
      if (!link) return sendNewsroomPage(reply, <LinkGone title="Reset your password" message="This password link has expired or was already used." />, 410);
      const password = text(request.body, 'password');
      const problem = passwordProblem(password);
      if (problem) {
        return sendNewsroomPage(reply, <NewPasswordForm title="Choose a new password" action={resetPath(request.params.token)} email={link.email} error={problem} />, 422);
      }
      await completePasswordReset(ctx, request.params.token, password);
      return reply.redirect('/newsroom/sign-in?notice=password-set', 303);
    });

    app.get<{ Params: { token: string } }>('/newsroom/invitations/:token', async (request, reply) => {
      const link = await findOpenLink(ctx.store.db, 'invite', request.params.token);
      if (!link) return sendNewsroomPage(reply, <LinkGone title="Join the newsroom" message={expiredInvitation} />, 410);
      return sendNewsroomPage(reply, <NewPasswordForm title="Join the newsroom" action={`/newsroom/invitations/${request.params.token}`} email={link.email} askName />);
    });

    app.post<{ Params: { token: string } }>('/newsroom/invitations/:token', async (request, reply) => {
      const link = await findOpenLink(ctx.store.db, 'invite', request.params.token);
      if (!link) return sendNewsroomPage(reply, <LinkGone title="Join the newsroom" message={expiredInvitation} />, 410);
      const name = text(request.body, 'name', 200);
      const password = text(request.body, 'password');
      const action = `/newsroom/invitations/${request.params.token}`;
      try {
        await joinByInvitation(ctx, request.params.token, { name, password });
      } catch (thrown) {
        const error = fromCommandError(thrown);
        if (!(error instanceof HttpError) || error.status >= 500) throw thrown;
        return sendNewsroomPage(reply, <NewPasswordForm title="Join the newsroom" action={action} email={link.email} askName name={name} error={error.message} />, error.status);
      }
      return reply.redirect('/newsroom/sign-in?notice=welcome', 303);
    });
  };
}

const expiredInvitation = 'This invitation has expired or was already used. Ask an administrator for a new one.';

