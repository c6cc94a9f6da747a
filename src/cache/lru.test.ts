import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ByteLru } from './lru.js';

const page = (bytes: number) => ({ bytes });

describe('ByteLru', () => {
  it('keeps the total under its byte budget, dropping the oldest unread entries first', () => {
    const evicted: string[] = [];
    const lru = new ByteLru<{ bytes: number }>(100, (key) => evicted.push(key));
    lru.set('a', page(40));
    lru.set('b', page(40));
    lru.set('c', page(40));
    assert.deepEqual(evicted, ['a']);
    assert.equal(lru.bytes, 80);
    assert.deepEqual([...lru.keys()], ['b', 'c']);
  });

  it('gives an entry read since it was stored a second chance', () => {
    const lru = new ByteLru<{ bytes: number }>(100);
    lru.set('a', page(40));
    lru.set('b', page(40));
    assert.ok(lru.get('a'));
    lru.set('c', page(40));
    assert.deepEqual([...lru.keys()], ['c', 'a']);
    lru.set('d', page(40));
    assert.deepEqual([...lru.keys()], ['a', 'd']);
    // The second chance is spent: unread since, 'a' is now the first to go.
    lru.set('e', page(40));
    assert.deepEqual([...lru.keys()], ['d', 'e']);
  });

  it('evicts even when every entry has been read', () => {
    const lru = new ByteLru<{ bytes: number }>(100);
    for (const key of ['a', 'b']) lru.set(key, page(50));
    lru.get('a');
    lru.get('b');
    lru.set('c', page(50));
    assert.equal(lru.size, 2);
    assert.ok(lru.bytes <= 100);
    assert.ok(lru.peek('c'));
  });

  it('refuses a value larger than the whole budget and replaces a key without counting it twice', () => {
    const lru = new ByteLru<{ bytes: number }>(100);
    assert.equal(lru.set('huge', page(101)), false);
    assert.equal(lru.size, 0);
    lru.set('a', page(30));
    lru.set('a', page(60));
    assert.equal(lru.bytes, 60);
    assert.equal(lru.delete('a'), true);
    assert.equal(lru.bytes, 0);
  });
});
