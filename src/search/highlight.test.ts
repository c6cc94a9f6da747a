/** The passages and headlines marked in Node for both engines' results (highlight.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snippetText, wordMatcher } from './highlight.js';
import type { MatchPlan, Segment } from './types.js';

const plan = (...words: string[]): MatchPlan => ({ terms: words.map((w) => ({ forms: [w], prefix: null })), phrases: [], excluded: [], sequence: [], sequenceTyping: false });
const marked = (segments: Segment[]) => segments.filter((s) => s.hit).map((s) => s.text);
const text = (segments: Segment[]) => segments.map((s) => s.text).join('');
const filler = (n: number, word = 'filler') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

describe('passages around the query words', () => {
  it('picks the window holding the most different query words, cut at words with an ellipsis where the text goes on', () => {
    const body = `${filler(40)} the harbour wall. ${filler(40, 'more')} The harbour ferry sails at dawn, said the pilots. ${filler(40, 'last')}.`;
    const passage = snippetText(body, wordMatcher(plan('harbour', 'ferry')));
    assert.deepEqual(marked(passage), ['harbour', 'ferry'], 'the window with both words, not the first with one');
    // The earliest window of 30 words holding both: the 27 words before them.
    assert.equal(text(passage), `… ${filler(40, 'more').split(' ').slice(13).join(' ')} The harbour ferry …`);
  });

  it('marks stemmed forms and words with accents, and finds the same window in a text that is not plain ASCII', () => {
    const ascii = `${filler(40)} Harbours were closed by the cafe owners. ${filler(40)}`;
    const accented = ascii.replace('cafe', 'café');
    const matcher = wordMatcher(plan('harbour', 'cafe'));
    assert.deepEqual(marked(snippetText(ascii, matcher)), ['Harbours', 'cafe']);
    assert.deepEqual(marked(snippetText(accented, matcher)), ['Harbours', 'café']);
    assert.equal(text(snippetText(accented, matcher)), text(snippetText(ascii, matcher)).replace('cafe', 'café'));
  });

  it('returns a short text whole, without an ellipsis for its full stop, and nothing for a text without words', () => {
    assert.deepEqual(snippetText('Storm closes the harbour.', wordMatcher(plan('harbour'))), [{ text: 'Storm closes the ', hit: false }, { text: 'harbour', hit: true }, { text: '.', hit: false }]);
    assert.deepEqual(snippetText(' — ', wordMatcher(plan('harbour'))), []);
  });
});
