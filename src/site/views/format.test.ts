/** Dates as readers see them: written in the site's zone, and the same time written again from memory per zone. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDate, formatDateTime, formatToday, inTimeZone, todayIso } from './format.js';

describe('formatDateTime', () => {
  it('writes a time in the zone the page renders in, however often the same time is written', () => {
    const winter = '2026-12-06T13:05:00.000Z';
    const summer = '2026-07-06T13:05:00.000Z';
    for (let round = 0; round < 2; round++) {
      assert.equal(inTimeZone('UTC', () => formatDateTime(winter)), '6 December 2026, 13:05 UTC');
      assert.equal(inTimeZone('Europe/Berlin', () => formatDateTime(winter)), '6 December 2026, 14:05 CET');
      assert.equal(inTimeZone('Europe/Berlin', () => formatDateTime(summer)), '6 July 2026, 15:05 CEST');
    }
  });
});

describe('dates written from the day\'s offset', () => {
  // What ICU writes for each instant, field by field: the arithmetic must agree with it everywhere.
  const icu = (zone: string, instant: number) => {
    const parts = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone, timeZoneName: 'short' }).formatToParts(new Date(instant));
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    return {
      dateTime: `${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} ${part('timeZoneName')}`,
      date: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }).format(new Date(instant)),
      iso: new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone }).format(new Date(instant)),
    };
  };
  const zones = ['UTC', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/St_Johns', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'];

  it('writes every date and time as ICU does, in zones with half-hour, quarter-hour and daylight-saving offsets', () => {
    let seed = 5;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const instants = Array.from({ length: 400 }, () => Date.UTC(2019, 0, 1) + Math.floor(next() * 12 * 365 * 86_400_000));
    // Odd dates an import might carry: the first years of the era, and far ahead.
    instants.push(Date.parse('0050-06-01T12:00:00Z'), Date.parse('0999-12-31T23:30:00Z'), Date.parse('1000-01-05T08:00:00Z'), Date.parse('2999-07-01T09:15:00Z'));
    // Every 20 minutes through the days around the changes of 2026 in Europe, North America and Lord Howe Island.
    for (const day of ['2026-03-08', '2026-03-29', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01']) {
      for (let minutes = -24 * 60; minutes < 48 * 60; minutes += 20) instants.push(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000);
    }
    for (const zone of zones) {
      for (const instant of instants) {
        const iso = new Date(instant).toISOString();
        const expected = icu(zone, instant);
        inTimeZone(zone, () => {
          assert.equal(formatDateTime(iso), expected.dateTime, `${zone} ${iso}`);
          assert.equal(formatDate(iso), expected.date, `${zone} ${iso}`);
          assert.equal(todayIso(new Date(instant)), expected.iso, `${zone} ${iso}`);
        });
      }
    }
  });
});

describe('the date line', () => {
  it('is written again once the day turns in the zone pages render in, in the site\'s language', () => {
    const icu = (language: string, zone: string, instant: number) =>
      new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }).format(new Date(instant));
    for (const zone of ['UTC', 'Europe/Berlin', 'America/St_Johns']) {
      for (const language of ['en', 'fr', 'de']) {
        const locale = language === 'en' ? 'en-GB' : language;
        // Every half hour through two days, in order, as a long-running server would see them.
        for (let instant = Date.parse('2026-12-06T00:00:00Z'); instant < Date.parse('2026-12-08T00:00:00Z'); instant += 30 * 60_000) {
          assert.equal(inTimeZone(zone, () => formatToday(language, new Date(instant))), icu(locale, zone, instant), `${language} ${zone} ${new Date(instant).toISOString()}`);
        }
      }
    }
  });
});
