import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSlug, slugify } from './slugs.js';

describe('slugs', () => {
  it('turns a headline into lower-case words joined by hyphens, accents and apostrophes dropped', () => {
    assert.equal(slugify('Café owners’ new rules: 5 things to know!'), 'cafe-owners-new-rules-5-things-to-know');
    assert.equal(slugify("  It's -- done  "), 'its-done');
  });

  it('cuts long slugs at a word boundary and never returns an empty slug', () => {
    const slug = slugify('word '.repeat(40));
    assert.ok(slug.length <= 80 && !slug.endsWith('-') && slug.startsWith('word-word'));
    assert.equal(slugify('!!!'), 'untitled');
    assert.equal(slugify('Ünïcödé', 3), 'uni');
  });

  it('accepts only what slugify could produce', () => {
    assert.equal(isSlug('harbour-ferry-2'), true);
    for (const bad of ['Harbour', '-lead', 'trail-', 'two--dashes', 'a'.repeat(121), '']) assert.equal(isSlug(bad), false, bad);
  });
});
