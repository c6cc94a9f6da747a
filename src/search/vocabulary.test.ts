import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/server.js';
import { migrate, openStore, type Store } from '../db/index.js';
import { correction, recordWords } from './vocabulary.js';

/** Every word one edit from `word`: each letter changed to x, dropped, an x added anywhere, neighbours swapped. */
function oneEditAway(word: string): string[] {
  const variants = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    variants.add(`${word.slice(0, i)}x${word.slice(i)}`);
    if (i < word.length) {
      variants.add(`${word.slice(0, i)}x${word.slice(i + 1)}`);
      variants.add(`${word.slice(0, i)}${word.slice(i + 1)}`);
    }
    if (i < word.length - 1) variants.add(`${word.slice(0, i)}${word[i + 1]}${word[i]}${word.slice(i + 2)}`);
  }
  variants.delete(word);
  return [...variants];
}

describe('typo correction', () => {
  let database: TestDatabase;
  let store: Store;
  const words = ['flood', 'harbour', 'parliament', 'reconstruction'];

  before(async () => {
    database = await createTestDatabase();
    store = await openStore(database.url);
    await migrate(store.db, store.schema);
    await recordWords(store.db, words);
  });
  after(async () => {
    await store.close();
    await database.drop();
  });

  it('finds the word behind every one-edit misspelling, whatever the edit and wherever it is', async () => {
    for (const word of words) {
      for (const typo of oneEditAway(word).filter((t) => t.length >= 5 && !t.endsWith('s'))) {
        assert.equal(await correction(store.db, typo, async () => true), word, `${typo} → ${word}`);
      }
    }
  });

  it('offers nothing for a known word, a short word or two edits', async () => {
    assert.equal(await correction(store.db, 'harbour', async () => true), null);
    assert.equal(await correction(store.db, 'fld', async () => true), null);
    assert.equal(await correction(store.db, 'hxrbxur', async () => true), null);
  });
});
