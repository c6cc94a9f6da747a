/** Your account (/newsroom/account): the public byline and biography, changing your password, and signing out everywhere. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { requireUser, verifyCsrf, type SessionUser } from '../http/session.js';
import { passwordRules } from '../accounts/passwords.js';
import { changeOwnPassword, updateOwnProfile } from '../accounts/people.js';
import { countUserSessions, sessionCookieName } from '../accounts/sessions.js';
import { findUserById, profileLimits } from '../accounts/users.js';
import { listMedia, findMedia } from '../media/library.js';
import { mediaView, type MediaView } from '../content/queries.js';
import { CommandError } from '../errors.js';
import { authorPath, mediaPath } from '../content/urls.js';
import { plural } from '../site/views/format.js';
import { sendNewsroomPage } from './page.js';
import { CsrfField, NewsroomLayout } from './views/layout.js';

interface AccountPageProps {
  me: SessionUser;
  csrf: string;
  bio: string;
  /** The photo chosen now (or typed into the form that was refused), and the library's newest pictures to pick from. */
  photoId: number | null;
  photos: MediaView[];
  /** Words the photo grid was narrowed to. */
  photoQuery: string;
  sessions: number;
  notice?: string;
  profileError?: string;
  passwordError?: string;
  name?: string;
}

const notices: Record<string, string> = {
  profile: 'Your profile is saved.',
  password: 'Your password is changed. Any other devices were signed out.',
};

function AccountPage(props: AccountPageProps) {
  const { me, csrf } = props;
  return (
    <NewsroomLayout title="Your account" user={me} csrfToken={csrf} current="account">
      {props.notice ? <p class="nr-notice" role="status">{props.notice}</p> : null}

      <h2 id="profile-heading">Profile</h2>
      <p class="nr-muted">
        Shown on your <a href={authorPath(me.slug)}>author page</a> and on your stories.
      </p>
      {props.profileError ? <p class="nr-error" role="alert">{props.profileError}</p> : null}
      <form method="post" action="/newsroom/account/profile" class="nr-form" aria-labelledby="profile-heading">
        <CsrfField token={csrf} />
        <div class="nr-field">
          <label for="name">Name</label>
          <input id="name" name="name" type="text" required maxLength={profileLimits.name} value={props.name ?? me.name} />
        </div>
        <div class="nr-field">
          <label for="bio">Biography</label>
          <textarea id="bio" name="bio" maxLength={profileLimits.bio}>{props.bio}</textarea>
        </div>
        <fieldset class="nr-field" aria-describedby="photo-hint">
          <legend>Photo</legend>
          <span class="nr-hint" id="photo-hint">
            Pick a picture from the <a href="/newsroom/media">media library</a>: it is shown round beside your byline and on your author page. Upload it there first.
          </span>
          <div class="front-search-row">
            <label for="photo-q" class="visually-hidden">Find a picture by its description, credit or file name</label>
            <input id="photo-q" form="photo-search" name="photo_q" type="search" value={props.photoQuery} placeholder="Find a picture" />
            <button type="submit" form="photo-search" class="nr-button nr-button-secondary nr-button-small">Find</button>
          </div>
          <ul class="nr-photo-grid">
            <li>
              <label class="nr-photo-choice">
                <input type="radio" name="photo_media_id" value="" checked={props.photoId === null} />
                <span class="nr-photo-none" aria-hidden="true">—</span>
                <span class="nr-photo-caption">No photo</span>
              </label>
            </li>
            {props.photos.map((p) => (
              <li>
                <label class="nr-photo-choice">
                  <input type="radio" name="photo_media_id" value={String(p.id)} checked={p.id === props.photoId} />
                  <img src={mediaPath(p.path)} alt="" width={72} height={72} loading="lazy" />
                  <span class="nr-photo-caption">{p.alt || p.path}</span>
                </label>
              </li>
            ))}
          </ul>
          {props.photoQuery && props.photos.every((p) => p.id === props.photoId) ? <p class="nr-muted">No picture in the library matches “{props.photoQuery}”.</p> : null}
        </fieldset>
        <div class="nr-actions">
          <button type="submit" class="nr-button">Save profile</button>
        </div>
      </form>

      <form method="get" action="/newsroom/account" id="photo-search" />

      <h2 id="password-heading">Change password</h2>
      {props.passwordError ? <p class="nr-error" role="alert">{props.passwordError}</p> : null}
      <form method="post" action="/newsroom/account/password" class="nr-form" aria-labelledby="password-heading">
        <CsrfField token={csrf} />
        <input type="hidden" name="username" value={me.email} autocomplete="username" />
        <div class="nr-field">
          <label for="current">Current password</label>
          <input id="current" name="current" type="password" autocomplete="current-password" required />
        </div>
        <div class="nr-field">
          <label for="password">New password</label>
          <span class="nr-hint" id="password-hint">At least {passwordRules.min} characters.</span>
          <input id="password" name="password" type="password" autocomplete="new-password" required minLength={passwordRules.min} aria-describedby="password-hint" />
        </div>
        <div class="nr-actions">
          <button type="submit" class="nr-button">Change password</button>
        </div>
      </form>

      <h2>Devices</h2>
      <p>You are signed in on {plural(props.sessions, 'device')}.</p>
      <form method="post" action="/newsroom/sign-out-everywhere" class="nr-actions">
        <CsrfField token={csrf} />
        <button type="submit" class="nr-button nr-button-secondary">Sign out everywhere</button>
      </form>
    </NewsroomLayout>
  );
}

function field(request: FastifyRequest, name: string, max: number): string {
  const value = (request.body as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

export function accountRoutes(ctx: AppContext) {
  const db = ctx.store.db;

  async function render(request: FastifyRequest, reply: FastifyReply, extra: Partial<AccountPageProps> = {}, status = 200) {
    const me = requireUser(request);
    const photoQuery = typeof (request.query as Record<string, unknown>)?.photo_q === 'string' ? String((request.query as Record<string, unknown>).photo_q).trim().slice(0, 100) : '';
    const [user, sessions, library] = await Promise.all([findUserById(db, me.id), countUserSessions(db, me.id), listMedia(db, { query: photoQuery })]);
    const photoId = extra.photoId !== undefined ? extra.photoId : (user?.avatar_media_id ?? null);
    const photos = library.items.filter((m) => m.mime.startsWith('image/'));
    if (photoId !== null && !photos.some((p) => p.id === photoId)) {
      const chosen = await findMedia(db, photoId);
      if (chosen) photos.unshift(mediaView(chosen));
    }
    return sendNewsroomPage(
      reply,
      <AccountPage me={me} csrf={request.csrfToken ?? ''} bio={user?.bio ?? ''} sessions={sessions} {...extra} photoId={photoId} photos={photos} photoQuery={photoQuery} />,
      status,
    );
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { done?: string } }>('/newsroom/account', async (request, reply) => {
      return render(request, reply, { notice: notices[request.query.done ?? ''] });
    });

    app.post('/newsroom/account/profile', async (request, reply) => {
      const me = requireUser(request);
      verifyCsrf(request);
      const name = field(request, 'name', 500);
      const bio = field(request, 'bio', 5000);
      const photoField = field(request, 'photo_media_id', 20).trim();
      // A form without the field (an older page, a script) keeps the photo; an empty choice removes it.
      const sent = (request.body as Record<string, unknown> | null | undefined)?.photo_media_id !== undefined;
      if (sent && photoField !== '' && !/^[1-9]\d{0,9}$/.test(photoField)) {
        return render(request, reply, { profileError: 'Choose a photo from the pictures shown.', name, bio }, 400);
      }
      const photoMediaId = !sent ? undefined : photoField === '' ? null : Number(photoField);
      try {
        await updateOwnProfile(ctx, me, { name, bio, photoMediaId });
      } catch (error) {
        if (!(error instanceof CommandError) || error.kind !== 'invalid') throw error;
        return render(request, reply, { profileError: error.message, name, bio }, 422);
      }
      return reply.redirect('/newsroom/account?done=profile', 303);
    });

    app.post('/newsroom/account/password', async (request, reply) => {
      const me = requireUser(request);
      verifyCsrf(request);
      try {
        await changeOwnPassword(ctx, me, { current: field(request, 'current', 1000), password: field(request, 'password', 1000), keepSessionToken: request.cookies[sessionCookieName] });
      } catch (error) {
        if (!(error instanceof CommandError) || error.kind !== 'invalid') throw error;
        return render(request, reply, { passwordError: error.message }, 422);
      }
      return reply.redirect('/newsroom/account?done=password', 303);
    });
  };
}
