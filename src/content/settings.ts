/** Site-wide settings (title, description, language, comment policy) with defaults, stored as key/value rows. */
import type { Db } from '../db/index.js';
import { reusableQuery } from '../db/reusable.js';

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
}

export const defaultSettings: SiteSettings = {
  title: 'The Gazette',
  description: 'Independent reporting from the newsroom of The Gazette: world, politics, business, science and culture.',
  language: 'en',
  timezone: 'UTC',
  commentsCloseAfterDays: 0,
  moderateAllComments: false,
  logoMediaId: null,
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
