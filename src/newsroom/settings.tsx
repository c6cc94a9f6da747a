/** Site settings (/newsroom/settings): title, description, logo, brand (accent, typefaces, theme), language, time zone and the comment policy. Admins only. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { requireUser, verifyCsrf, type SessionUser } from '../http/session.js';
import { authorize } from '../accounts/policies.js';
import type { MediaView } from '../content/queries.js';
import { changeSiteSettings, loadSettings, type SettingsInput, type SiteSettings } from '../content/settings.js';
import { darkAccentFor, houseAccent, isHexColour, normaliseHex, pairings, themeChoices } from '../content/brand.js';
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
    <NewsroomLayout title="Site settings" user={props.me} csrfToken={props.csrf} current="settings" assets={['settings.css', 'brand-preview.js']}>
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
        <fieldset class="nr-field">
          <legend>Brand</legend>
          <label for="accentColor">Accent colour</label>
          <span class="nr-hint" id="accentColor-hint">
            A hex code such as #1d5c8a, used for kickers, section labels and the current section. It must read as text on the light page (4.5:1, WCAG AA). Empty: the house red {houseAccent.light}.
          </span>
          <input id="accentColor" name="accentColor" type="text" inputMode="text" maxLength={7} placeholder={houseAccent.light} value={form.accentColor ?? ''} aria-invalid={problems.accentColor ? 'true' : undefined} aria-describedby={problems.accentColor ? 'accentColor-hint accentColor-error' : 'accentColor-hint'} />
          <FieldError id="accentColor-error" problem={problems.accentColor} />
          <label for="accentColorDark">Accent colour in the dark theme</label>
          <span class="nr-hint" id="accentColorDark-hint">
            No colour reads on both a light and a dark page, so the dark theme has its own, checked against the dark page. Empty: worked out from the colour above
            {form.accentColor && isHexColour(form.accentColor.trim()) ? ` (${darkAccentFor(normaliseHex(form.accentColor))})` : ` (${houseAccent.dark} for the house red)`}.
          </span>
          <input id="accentColorDark" name="accentColorDark" type="text" maxLength={7} placeholder="worked out from the accent" value={form.accentColorDark ?? ''} aria-invalid={problems.accentColorDark ? 'true' : undefined} aria-describedby={problems.accentColorDark ? 'accentColorDark-hint accentColorDark-error' : 'accentColorDark-hint'} />
          <FieldError id="accentColorDark-error" problem={problems.accentColorDark} />
          <div class="brand-preview" data-brand-preview="" hidden aria-live="polite">
            <div class="brand-pane brand-pane-light" data-theme-pane="light">
              <span class="brand-kicker">World</span><strong>On the light page</strong><span data-ratio="" />
            </div>
            <div class="brand-pane brand-pane-dark" data-theme-pane="dark">
              <span class="brand-kicker">World</span><strong>On the dark page</strong><span data-ratio="" />
            </div>
          </div>
          <label for="typePairing">Typefaces</label>
          <span class="nr-hint">A text face for headlines and reading with a sans for labels and navigation, served from this site.</span>
          <select id="typePairing" name="typePairing" aria-invalid={problems.typePairing ? 'true' : undefined} aria-describedby={described('typePairing')}>
            {pairings.map((p) => <option value={p.id} selected={form.typePairing === p.id}>{p.label}</option>)}
          </select>
          <FieldError id="typePairing-error" problem={problems.typePairing} />
          <label for="theme">Theme</label>
          <select id="theme" name="theme" aria-invalid={problems.theme ? 'true' : undefined} aria-describedby={described('theme')}>
            {themeChoices.map((t) => <option value={t.id} selected={form.theme === t.id}>{t.label}</option>)}
          </select>
          <FieldError id="theme-error" problem={problems.theme} />
        </fieldset>
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
    accentColor: settings.accentColor,
    accentColorDark: settings.accentColorDark,
    typePairing: settings.typePairing,
    theme: settings.theme,
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
    accentColor: text('accentColor', 40),
    accentColorDark: text('accentColorDark', 40),
    typePairing: text('typePairing', 40),
    theme: text('theme', 20),
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
