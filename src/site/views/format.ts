/** Human-readable dates and counts for the public pages. */

/** The zone dates are shown in while a page renders; rendering is synchronous, so one page never sees another's. */
let currentZone = 'UTC';

export function inTimeZone<T>(zone: string, render: () => T): T {
  const previous = currentZone;
  currentZone = formatters(zone) ? zone : 'UTC';
  try {
    return render();
  } finally {
    currentZone = previous;
  }
}

interface Formatters {
  date: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
  /** YYYY-MM-DD (Canadian English writes dates so). */
  isoDate: Intl.DateTimeFormat;
}

const byZone = new Map<string, Formatters | null>();

function formatters(zone: string): Formatters | null {
  if (!byZone.has(zone)) {
    try {
      byZone.set(zone, {
        date: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }),
        dateTime: new Intl.DateTimeFormat('en-GB', {
          day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone, timeZoneName: 'short',
        }),
        isoDate: new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone }),
      });
    } catch {
      byZone.set(zone, null);
    }
  }
  return byZone.get(zone) ?? null;
}

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export const formatDate = (iso: string): string => formatters(currentZone)!.date.format(new Date(iso));
/**
 * Times already written out, by zone and time: the same stories' times recur on page after page, and ICU's
 * formatToParts was 2% of a server's time answering results pages (twenty times each) under load.
 */
const writtenTimes = new Map<string, Map<string, string>>();
const writtenTimesKept = 20_000;

/** "6 December 2026, 14:05 CET": the date, the clock and the zone's name (ICU's en-GB would say "at" and vary by version). */
export const formatDateTime = (iso: string): string => {
  // By zone, then by time: one key joining both was a new string to build and hash on every call.
  let inZone = writtenTimes.get(currentZone);
  const known = inZone?.get(iso);
  if (known !== undefined) return known;
  const parts = formatters(currentZone)!.dateTime.formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const written = `${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
  if (!inZone || inZone.size >= writtenTimesKept) writtenTimes.set(currentZone, (inZone = new Map()));
  inZone.set(iso, written);
  return written;
};
/** Archive months are calendar months in UTC, like the archive's addresses. */
export const formatMonth = (year: number, month: number): string => monthFormat.format(new Date(Date.UTC(year, month - 1, 1)));

const datelines = new Map<string, Intl.DateTimeFormat>();

/** Plain "en" would give American month-first dates; the site's other dates are British. */
export const datelineLocale = (language: string): string => (language === 'en' ? 'en-GB' : language);

/** Today's date for the masthead's date line, in the site's language and the zone pages render in. */
export function formatToday(language: string, now = new Date()): string {
  const key = `${language}|${currentZone}`;
  let format = datelines.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: currentZone };
    try {
      format = new Intl.DateTimeFormat(datelineLocale(language), options);
    } catch {
      format = new Intl.DateTimeFormat('en-GB', options);
    }
    datelines.set(key, format);
  }
  return format.format(now);
}

/** Today's calendar date (YYYY-MM-DD) in the zone pages render in, for the date line's datetime attribute. */
export function todayIso(now = new Date()): string {
  return formatters(currentZone)!.isoDate.format(now);
}

export { plural } from '../../plural.js';

/** "Updated" is shown only for changes made well after publication, not for the publish save itself. */
export function wasUpdated(publishedAt: string, updatedAt: string): boolean {
  return new Date(updatedAt).getTime() - new Date(publishedAt).getTime() > 5 * 60 * 1000;
}

/** Under this age a story's time reads "2 hours ago"; older ones show the date. */
export const freshForMs = 24 * 60 * 60 * 1000;
const hourMs = 60 * 60 * 1000;

/**
 * "3 hours ago" for a story between one and 24 hours old, null otherwise. Pages are cached (five minutes here, a minute
 * plus ten of stale-while-revalidate in browsers and CDNs), so the server only writes whole hours: a phrase that a
 * cached copy can make wrong by minutes ("12 minutes ago") is left to the site script, and the server writes the
 * absolute time instead.
 */
export function relativeAge(iso: string, now = Date.now()): string | null {
  const age = now - new Date(iso).getTime();
  if (!(age >= hourMs && age < freshForMs)) return null;
  const hours = Math.floor(age / hourMs);
  return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
}
