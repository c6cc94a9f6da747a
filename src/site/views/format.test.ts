/** Dates as readers see them: written in the site's zone, and the same time written again from memory per zone. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDateTime, inTimeZone } from './format.js';

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
