import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpError } from './errors.js';
import { isId, maxId, parseId, parsePage, wantsJson } from './request-input.js';

describe('request input', () => {
  it('takes ids as positive whole numbers without leading zeros, within the integer range', () => {
    for (const good of ['1', '42', String(maxId)]) assert.equal(isId(good), true, good);
    for (const bad of ['0', '007', '-1', '+1', '1.0', '1e3', ' 1', '', String(maxId + 1), '99999999999', undefined, 1, ['1']]) {
      assert.equal(isId(bad), false, String(bad));
    }
  });

  it('answers 404 naming the thing for text that is not an id', () => {
    assert.equal(parseId('12', 'That story'), 12);
    for (const bad of ['0', '012', 'abc', undefined]) {
      assert.throws(() => parseId(bad, 'That story'), (error: unknown) => error instanceof HttpError && error.status === 404 && error.message === 'That story could not be found.');
    }
  });

  it('reads ?page= as 1 to 9999 and refuses the rest with a 400', () => {
    assert.equal(parsePage(undefined), 1);
    assert.equal(parsePage(''), 1);
    assert.equal(parsePage('3'), 3);
    for (const bad of ['0', '10000', 'x', ['2']]) {
      assert.throws(() => parsePage(bad), (error: unknown) => error instanceof HttpError && error.status === 400);
    }
  });

  it('wants JSON when the caller accepts JSON and not HTML', () => {
    assert.equal(wantsJson({ headers: { accept: 'application/json' } }), true);
    assert.equal(wantsJson({ headers: { accept: 'text/html,application/json' } }), false);
    assert.equal(wantsJson({ headers: {} }), false);
  });
});
