/**
 * Run by scripts/run-tests.mjs after the whole suite: fails when a route in the access table was never called by any
 * test (the servers under test log each answered route to GAZETTE_ROUTE_LOG; deliberate sweeps do not count).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { routeAccess } from '../route-access.js';

describe('route coverage', () => {
  it('every route was exercised by at least one test', () => {
    const file = process.env.GAZETTE_ROUTE_LOG;
    assert.ok(file && fs.existsSync(file), 'GAZETTE_ROUTE_LOG names the log the suite wrote');
    const hit = new Set(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean));
    // HEAD is answered by the GET route; TRACE cannot be sent by fetch and is refused like any unknown API call.
    const untested = Object.keys(routeAccess).filter((route) => !hit.has(route) && !route.startsWith('TRACE '));
    assert.deepEqual(untested, [], 'routes no test called: add a test that uses each');
  });
});
