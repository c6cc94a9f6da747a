/** Site settings (/newsroom/settings): title, description, logo, language, time zone and the comment policy. Admins only. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { requireUser, verifyCsrf, type SessionUser } from '../http/session.js';
import { authorize } from '../accounts/policies.js';
import type { MediaView } from '../content/queries.js';
import { changeSiteSettings, loadSettings, type SettingsInput, type SiteSettings } from '../content/settings.js';
import { CommandError } from '../errors.js';
import { listMedia } from '../media/library.js';
import { sendNewsroomPage } from './page.js';
import { CsrfField, NewsroomLayout } from './views/layout.js';

type SettingsForm = SettingsInput;

function FieldError(props: { id: string; problem?: string }) {
  return props.problem ? <span class="nr-field-error" id={props.id}>{props.problem}</span> : null;
}

function SettingsPage(props: { me: SessionUser; csrf: string; form: SettingsForm; images: MediaView[]; problems?: Record<string, string>; saved?: boolean }) {
  const { form } = props;
  const problems = props.problems ?? {};
  const described = (name: string) => (problems[name] ? `${name}-error` : undefined);
  return (
    <NewsroomLayout title="Site settings" user={props.me} csrfToken={props.csrf} current="settings">
      {props.saved ? <p class="nr-notice" role="status">Settings saved. The public site shows them now.</p> : null}
      {Object.keys(problems).length ? <p class="nr-error" role="alert">Nothing was saved: please correct the fields marked below.</p> : null}
      <form method="post" action="/newsroom/settings" class="nr-form">
        <CsrfField token={props.csrf} />
        <div class="nr-field">
          <label for="title">Site title</label>
          <input id="title" name="title" type="text" required maxLength={120} value={form.title} aria-invalid={problems.title ? 'true' : undefined} aria-describedby={described('title')} />
          <FieldError id="title-error" problem={problems.title} />
        </div>
        <div class="nr-field">
          <label for="description">Description</label>
          <span class="nr-hint">Shown to search engines and in feeds.</span>
          <textarea id="description" name="description" maxLength={300} aria-invalid={problems.description ? 'true' : undefined} aria-describedby={described('description')}>{form.description}</textarea>
          <FieldError id="description-error" problem={problems.description} />
        </div>
        <div class="nr-field">
          <label for="logoMediaId">Logo</label>
          <span class="nr-hint">An image from the media library, shown in the masthead and given to search engines as the publisher's logo. Its alt text should be the site's name.</span>
          <select id="logoMediaId" name="logoMediaId" aria-invalid={problems.logoMediaId ? 'true' : undefined} aria-describedby={described('logoMediaId')}>
            <option value="" selected={form.logoMediaId === ''}>No logo: set the title in type</option>
            {props.images.map((image) => (
              <option value={String(image.id)} selected={form.logoMediaId === String(image.id)}>
                {image.alt || image.path} ({image.width}×{image.height})
              </option>
            ))}
          </select>
          <FieldError id="logoMediaId-error" problem={problems.logoMediaId} />
        </div>
        <div class="nr-field">
          <label for="language">Language</label>
          <input id="language" name="language" type="text" required value={form.language} aria-invalid={problems.language ? 'true' : undefined} aria-describedby={described('language')} />
          <FieldError id="language-error" problem={problems.language} />
        </div>
        <div class="nr-field">
          <label for="timezone">Time zone</label>
          <input id="timezone" name="timezone" type="text" required value={form.timezone} aria-invalid={problems.timezone ? 'true' : undefined} aria-describedby={described('timezone')} />
          <FieldError id="timezone-error" problem={problems.timezone} />
        </div>
        <fieldset class="nr-field">
          <legend>Comments</legend>
          <p class="nr-check">
            <input id="moderateAllComments" name="moderateAllComments" type="checkbox" value="1" checked={form.moderateAllComments} />
            <label for="moderateAllComments">Hold every comment for moderation, even from commenters approved before</label>
          </p>
          <label for="commentsCloseAfterDays">Close comments on stories older than (days)</label>
          <span class="nr-hint">0 keeps comments open until closed on the story.</span>
          <input id="commentsCloseAfterDays" name="commentsCloseAfterDays" type="number" min={0} max={3650} value={form.commentsCloseAfterDays} aria-invalid={problems.commentsCloseAfterDays ? 'true' : undefined} aria-describedby={described('commentsCloseAfterDays')} />
          <FieldError id="commentsCloseAfterDays-error" problem={problems.commentsCloseAfterDays} />
        </fieldset>
        <div class="nr-actions">
          <button type="submit" class="nr-button">Save settings</button>
        </div>
      </form>
    </NewsroomLayout>
  );
}

function formFrom(settings: SiteSettings): SettingsForm {
  return {
    title: settings.title,
    description: settings.description,
    language: settings.language,
    timezone: settings.timezone,
    commentsCloseAfterDays: String(settings.commentsCloseAfterDays),
    moderateAllComments: settings.moderateAllComments,
    logoMediaId: settings.logoMediaId === null ? '' : String(settings.logoMediaId),
  };
}

function formFromBody(request: FastifyRequest): SettingsForm {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const text = (name: string, max = 1000) => (typeof body[name] === 'string' ? (body[name] as string).slice(0, max) : '');
  return {
    title: text('title'),
    description: text('description'),
    language: text('language', 40),
    timezone: text('timezone', 80),
    commentsCloseAfterDays: text('commentsCloseAfterDays', 10),
    moderateAllComments: body.moderateAllComments === '1' || body.moderateAllComments === 'on',
    logoMediaId: text('logoMediaId', 12),
  };
}

export function settingsRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { saved?: string } }>('/newsroom/settings', async (request, reply) => {
      const me = requireUser(request);
      authorize(me, 'settings.manage');
      const settings = await loadSettings(ctx.store.db);
      const images = (await listMedia(ctx.store.db)).items;
      return sendNewsroomPage(reply, <SettingsPage me={me} csrf={request.csrfToken ?? ''} form={formFrom(settings)} images={images} saved={request.query.saved === '1'} />);
    });

    app.post('/newsroom/settings', async (request, reply) => {
      const me = requireUser(request);
      authorize(me, 'settings.manage');
      verifyCsrf(request);
      const form = formFromBody(request);
      try {
        await changeSiteSettings(ctx, me, form);
      } catch (error) {
        if (!(error instanceof CommandError) || error.kind !== 'invalid') throw error;
        const images = (await listMedia(ctx.store.db)).items;
        return sendNewsroomPage(reply, <SettingsPage me={me} csrf={request.csrfToken ?? ''} form={form} images={images} problems={error.details} />, 422);
      }
      return reply.redirect('/newsroom/settings?saved=1', 303);
    });
  };
}
