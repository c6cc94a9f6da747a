/** The story form's time conversions: a publication time typed on the site's clock, stored in UTC, shown back unchanged. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toLocalInput, toUtcIso } from './form.js';

test('a wall-clock time in the site zone becomes the right UTC instant, also across daylight saving', () => {
  assert.equal(toUtcIso('2026-12-01T09:30'), '2026-12-01T09:30:00.000Z');
  assert.equal(toUtcIso('2026-12-01T09:30', 'Europe/Berlin'), '2026-12-01T08:30:00.000Z');
  assert.equal(toUtcIso('2026-07-01T09:30', 'Europe/Berlin'), '2026-07-01T07:30:00.000Z');
  assert.equal(toUtcIso('2026-03-29T03:30', 'Europe/Berlin'), '2026-03-29T01:30:00.000Z');
  assert.equal(toUtcIso('2026-12-01T09:30', 'America/New_York'), '2026-12-01T14:30:00.000Z');
  assert.equal(toUtcIso('2026-12-01T09:30', 'Not/AZone'), '2026-12-01T09:30:00.000Z', 'an unknown zone reads as UTC');
});

test('what is shown is what was typed', () => {
  for (const zone of ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/Los_Angeles']) {
    for (const typed of ['2026-01-15T07:05', '2026-06-30T23:45']) {
      assert.equal(toLocalInput(toUtcIso(typed, zone), zone), typed, `${typed} in ${zone}`);
    }
  }
});

test('nonsense is refused', () => {
  for (const bad of ['', 'tomorrow', '2026-02-30T10:00', '2026-13-01T10:00', '2026-12-01T25:00', '2026-12-01 10:00']) assert.equal(toUtcIso(bad), null, bad);
});
