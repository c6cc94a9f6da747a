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
  /** Every field as a number (the month too) and the zone's short name: a time's offset from UTC is read from it. */
  numeric: Intl.DateTimeFormat;
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
        numeric: new Intl.DateTimeFormat('en-GB', {
          year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23', timeZone: zone, timeZoneName: 'short',
        }),
      });
    } catch {
      byZone.set(zone, null);
    }
  }
  return byZone.get(zone) ?? null;
}

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * How far a zone's clock is ahead of UTC through one UTC day, and the zone's short name then; null for a day on which
 * either changes (a daylight-saving change), whose times are written by ICU one by one. ICU's formatToParts for every
 * date on a page (twenty cards on a results page) was 2–3% of a server's time under load; with the day's offset a
 * date is a few additions.
 */
interface ZoneDay {
  offsetMs: number;
  name: string;
}

const dayMs = 86_400_000;
const zoneDays = new Map<string, Map<number, ZoneDay | null>>();
const zoneDaysKept = 20_000;
const monthNames = Array.from({ length: 12 }, (_, month) => new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, month, 1)));

function offsetAt(zone: string, instant: number): ZoneDay {
  const parts = formatters(zone)!.numeric.formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const clock = Date.UTC(Number(part('year')), Number(part('month')) - 1, Number(part('day')), Number(part('hour')), Number(part('minute')));
  return { offsetMs: clock - (instant - (((instant % 60_000) + 60_000) % 60_000)), name: part('timeZoneName') };
}

function zoneDay(zone: string, instant: number): ZoneDay | null {
  const day = Math.floor(instant / dayMs);
  let days = zoneDays.get(zone);
  if (!days || days.size >= zoneDaysKept) zoneDays.set(zone, (days = new Map()));
  let known = days.get(day);
  if (known === undefined) {
    const first = offsetAt(zone, day * dayMs);
    const last = offsetAt(zone, (day + 1) * dayMs - 60_000);
    known = first.offsetMs === last.offsetMs && first.name === last.name ? first : null;
    days.set(day, known);
  }
  return known;
}

/** The zone's wall clock at `instant`, as a Date whose UTC fields read it; null on a day the offset changes. */
function wallClock(instant: number): { clock: Date; name: string } | null {
  // Date.UTC reads a year below 100 as 19xx, so such dates (none a newsroom publishes) are left to ICU.
  if (Number.isNaN(instant) || instant < earliestByOffset) return null;
  const day = zoneDay(currentZone, instant);
  return day ? { clock: new Date(instant + day.offsetMs), name: day.name } : null;
}

const earliestByOffset = Date.UTC(1000, 0, 2);
const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "6 December 2026" in the zone pages render in. */
export const formatDate = (iso: string): string => {
  const wall = wallClock(Date.parse(iso));
  if (!wall) return formatters(currentZone)!.date.format(new Date(iso));
  return `${wall.clock.getUTCDate()} ${monthNames[wall.clock.getUTCMonth()]} ${wall.clock.getUTCFullYear()}`;
};

/** "6 December 2026, 14:05 CET": the date, the clock and the zone's name (ICU's en-GB would say "at" and vary by version). */
export const formatDateTime = (iso: string): string => {
  const wall = wallClock(Date.parse(iso));
  if (wall) {
    const { clock, name } = wall;
    return `${clock.getUTCDate()} ${monthNames[clock.getUTCMonth()]} ${clock.getUTCFullYear()}, ${twoDigits(clock.getUTCHours())}:${twoDigits(clock.getUTCMinutes())} ${name}`;
  }
  const parts = formatters(currentZone)!.dateTime.formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
};
/** Archive months are calendar months in UTC, like the archive's addresses. */
export const formatMonth = (year: number, month: number): string => monthFormat.format(new Date(Date.UTC(year, month - 1, 1)));

const datelines = new Map<string, Intl.DateTimeFormat>();

/** Plain "en" would give American month-first dates; the site's other dates are British. */
export const datelineLocale = (language: string): string => (language === 'en' ? 'en-GB' : language);

/** Today's date for the masthead's date line, in the site's language and the zone pages render in. */
export function formatToday(language: string, now = new Date()): string {
  const key = `${language}|${currentZone}`;
  // Written once a day per language and zone: every page's masthead asks.
  const wall = wallClock(now.getTime());
  const day = wall ? Math.floor(wall.clock.getTime() / dayMs) : null;
  const written = writtenToday.get(key);
  if (day !== null && written?.day === day) return written.text;
  const text = formatTodayWithIcu(key, language, now);
  if (day !== null) writtenToday.set(key, { day, text });
  return text;
}

const writtenToday = new Map<string, { day: number; text: string }>();

function formatTodayWithIcu(key: string, language: string, now: Date): string {
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
  const wall = wallClock(now.getTime());
  return wall ? wall.clock.toISOString().slice(0, 10) : formatters(currentZone)!.isoDate.format(now);
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
