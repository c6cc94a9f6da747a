/** Signing in and out of the newsroom: the sign-in form (with its own CSRF and rate limits), sign-out, and sign-out everywhere. */
import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { clearSessionCookie, requireUser, setSessionCookie, tokensEqual, verifyCsrf } from '../accounts/guard.js';
import { createSession, endSession, endUserSessions, sessionCookieName } from '../accounts/sessions.js';
import { checkSignInAllowed, recordSignInAttempt } from '../accounts/sign-in-limits.js';
import { findUserByEmail } from '../accounts/users.js';
import { verifyPassword } from '../accounts/passwords.js';
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
      const limited = await checkSignInAllowed(ctx.store.db, email, request.ip, ctx.secret);
      if (limited) {
        reply.header('retry-after', String(limited.retryAfterSeconds));
        return sendNewsroomPage(reply, <SignInForm csrf={csrf} next={next} email={email} error={limited.message} />, 429);
      }
      const user = await findUserByEmail(ctx.store.db, email);
      const passwordOk = await verifyPassword(password, user?.password_hash ?? null);
      const ok = !!user && passwordOk && Number(user.disabled) === 0;
      await recordSignInAttempt(ctx.store.db, email, request.ip, ctx.secret, ok);
      if (!ok) {
        const error = user && passwordOk ? 'This account has been disabled. Ask an administrator to enable it.' : 'That email and password do not match an account.';
        return sendNewsroomPage(reply, <SignInForm csrf={csrf} next={next} email={email} error={error} />, 401);
      }
      const session = await createSession(ctx.store.db, user.id, String(request.headers['user-agent'] ?? ''));
      setSessionCookie(ctx, reply, session.token, session.expiresAt);
      reply.clearCookie(preSessionCookie, { path: '/newsroom' });
      request.log.info({ userId: user.id }, 'newsroom sign-in');
      return reply.redirect(next, 303);
    });

    app.post('/newsroom/sign-out', async (request, reply) => {
      if (!request.user) return reply.redirect('/newsroom/sign-in', 303);
      verifyCsrf(request);
      const token = request.cookies[sessionCookieName];
      if (token) await endSession(ctx.store.db, token);
      clearSessionCookie(ctx, reply);
      return reply.redirect('/newsroom/sign-in?notice=signed-out', 303);
    });

    app.post('/newsroom/sign-out-everywhere', async (request, reply) => {
      const user = requireUser(request);
      verifyCsrf(request);
      await endUserSessions(ctx.store.db, user.id);
      clearSessionCookie(ctx, reply);
      return reply.redirect('/newsroom/sign-in?notice=signed-out-everywhere', 303);
    });
  };
}

