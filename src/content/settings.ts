/** Site-wide settings (title, description, language, comment policy) with defaults, stored as key/value rows. */
import type { Actor } from '../accounts/actor.js';
import { permit } from '../accounts/actor.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/index.js';
import { reusableQuery } from '../db/reusable.js';
import { invalid } from '../errors.js';
import { accentProblem, isHexColour, normaliseHex, pairings, themeChoices, type PairingId, type ThemeChoice } from './brand.js';

export interface SiteSettings {
  title: string;
  description: string;
  language: string;
  timezone: string;
  /** Close comments on stories older than this many days; 0 keeps them open. */
  commentsCloseAfterDays: number;
  /** Hold every comment for moderation, even from known commenters. */
  moderateAllComments: boolean;
  logoMediaId: number | null;
  /** Accent colour for the light theme ('#rrggbb'), or '' for the house red. */
  accentColor: string;
  /** Accent colour for the dark theme, or '' to derive it from the light one (or the house tint). */
  accentColorDark: string;
  /** The typeface pairing (src/content/brand.ts). */
  typePairing: PairingId;
  theme: ThemeChoice;
}

export const defaultSettings: SiteSettings = {
  title: 'The Gazette',
  description: 'Independent reporting from the newsroom of The Gazette: world, politics, business, science and culture.',
  language: 'en',
  timezone: 'UTC',
  commentsCloseAfterDays: 0,
  moderateAllComments: false,
  logoMediaId: null,
  accentColor: '',
  accentColorDark: '',
  typePairing: 'source-serif',
  theme: 'auto',
};

const settingRows = reusableQuery((db) => db.selectFrom('settings').selectAll());

export async function loadSettings(db: Db): Promise<SiteSettings> {
  const rows = await settingRows(db);
  const settings: SiteSettings = { ...defaultSettings };
  for (const row of rows) {
    if (!(row.key in settings)) continue;
    try {
      (settings as unknown as Record<string, unknown>)[row.key] = JSON.parse(row.value);
    } catch {
      // A hand-edited value that is not JSON keeps the default.
    }
  }
  return settings;
}

export async function saveSettings(db: Db, changes: Partial<SiteSettings>): Promise<void> {
  for (const [key, value] of Object.entries(changes)) {
    if (!(key in defaultSettings) || value === undefined) continue;
    const json = JSON.stringify(value);
    const existing = await db.selectFrom('settings').select('key').where('key', '=', key).executeTakeFirst();
    if (existing) await db.updateTable('settings').set({ value: json }).where('key', '=', key).execute();
    else await db.insertInto('settings').values({ key, value: json }).execute();
  }
}

/** The settings form as a person filled it in: text as typed, so a refusal can show it again. */
export interface SettingsInput {
  title: string;
  description: string;
  language: string;
  timezone: string;
  commentsCloseAfterDays: string;
  moderateAllComments: boolean;
  /** Media id of the logo, or '' for the title set in type. */
  logoMediaId: string;
  /** Brand: accent colours as typed ('' for the default), the pairing's and theme's ids. Left out, the default. */
  accentColor?: string;
  accentColorDark?: string;
  typePairing?: string;
  theme?: string;
}

export type EditableSettings = Pick<
  SiteSettings,
  'title' | 'description' | 'language' | 'timezone' | 'commentsCloseAfterDays' | 'moderateAllComments' | 'logoMediaId' | 'accentColor' | 'accentColorDark' | 'typePairing' | 'theme'
>;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Checks a submitted form; returns the settings to save or the problems, field by field. */
export function validateSettings(form: SettingsInput): { settings: EditableSettings } | { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const title = form.title.trim();
  if (!title) problems.title = 'The site needs a title.';
  else if (title.length > 120) problems.title = 'Keep the title to 120 characters or fewer.';
  const description = form.description.trim();
  if (description.length > 300) problems.description = 'Keep the description to 300 characters or fewer.';
  const language = form.language.trim();
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) problems.language = 'Use a language code such as en, de or pt-BR.';
  const timezone = form.timezone.trim();
  if (!timezone || !isTimeZone(timezone)) problems.timezone = 'Use a time zone name such as UTC, Europe/Berlin or America/New_York.';
  const days = form.commentsCloseAfterDays.trim() === '' ? '0' : form.commentsCloseAfterDays.trim();
  if (!/^\d{1,4}$/.test(days) || Number(days) > 3650) problems.commentsCloseAfterDays = 'Enter a whole number of days from 0 to 3650 (0 keeps comments open).';
  const logo = form.logoMediaId.trim();
  if (logo && !/^\d{1,10}$/.test(logo)) problems.logoMediaId = 'Choose an image from the media library, or no logo.';
  const accent = (form.accentColor ?? '').trim();
  if (accent && !isHexColour(accent)) problems.accentColor = 'Give the colour as a hex code such as #b01c2e, or leave it empty for the house red.';
  else if (accent) {
    const problem = accentProblem(normaliseHex(accent), 'light');
    if (problem) problems.accentColor = problem;
  }
  const accentDark = (form.accentColorDark ?? '').trim();
  if (accentDark && !isHexColour(accentDark)) problems.accentColorDark = 'Give the colour as a hex code such as #ff7b86, or leave it empty to have it worked out from the light one.';
  else if (accentDark) {
    const problem = accentProblem(normaliseHex(accentDark), 'dark');
    if (problem) problems.accentColorDark = problem;
  }
  const pairing = (form.typePairing ?? '').trim() || defaultSettings.typePairing;
  const chosenPairing = pairings.find((p) => p.id === pairing);
  if (!chosenPairing) problems.typePairing = 'Choose one of the typeface pairings listed.';
  const theme = (form.theme ?? '').trim() || defaultSettings.theme;
  const chosenTheme = themeChoices.find((t) => t.id === theme);
  if (!chosenTheme) problems.theme = 'Choose automatic, light or dark.';
  if (Object.keys(problems).length || !chosenPairing || !chosenTheme) return { problems };
  return {
    settings: {
      title, description, language, timezone, commentsCloseAfterDays: Number(days), moderateAllComments: form.moderateAllComments,
      logoMediaId: logo ? Number(logo) : null,
      accentColor: accent ? normaliseHex(accent) : '',
      accentColorDark: accentDark ? normaliseHex(accentDark) : '',
      typePairing: chosenPairing.id,
      theme: chosenTheme.id,
    },
  };
}

/** Command: change the site settings (admins). Refuses the whole form, field by field, when any value is wrong. */
export async function changeSiteSettings(ctx: AppContext, actor: Actor, input: SettingsInput): Promise<EditableSettings> {
  permit(actor, 'settings.manage');
  const checked = validateSettings(input);
  if ('problems' in checked) throw invalid('Nothing was saved: please correct the fields marked below.', checked.problems);
  const { settings } = checked;
  await ctx.store.db.transaction().execute(async (trx) => {
    if (settings.logoMediaId !== null && !(await trx.selectFrom('media').select('id').where('id', '=', settings.logoMediaId).executeTakeFirst())) {
      throw invalid('Nothing was saved: please correct the fields marked below.', { logoMediaId: 'That image is not in the media library.' });
    }
    await saveSettings(trx, settings);
  });
  ctx.events.emit('site.changed', { what: 'settings' });
  return settings;
}
