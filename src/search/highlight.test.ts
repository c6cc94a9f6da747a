/** The passages and headlines marked in Node for both engines' results (highlight.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bestWindow, highlightText, rankCandidates, snippetText, termsIn, wordMatcher } from './highlight.js';
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

describe('the as-you-type order', () => {
  const typing = (words: string[], prefix: string): MatchPlan => ({ ...plan(...words), terms: [...plan(...words).terms, { forms: [prefix], prefix }] });

  it('counts each query term once, in any case, stemmed, as a prefix, in plain ASCII and accented text alike', () => {
    const matcher = wordMatcher(typing(['harbour', 'cafe'], 'fer'));
    assert.equal(termsIn('HARBOURS of the north: the Ferry-men and their harbour', matcher), 2);
    assert.equal(termsIn('Harbour café owners ferried 40 boats', matcher), 3);
    assert.equal(termsIn('Harbour cafe owners ferried 40 boats', matcher), 3);
    assert.equal(termsIn('Nothing here: fe, harb, ca', matcher), 0, 'a word shorter than the term or the prefix is not it');
    assert.equal(termsIn('', matcher), 0);
    assert.equal(termsIn('a1 b2 x', wordMatcher(plan('x'))), 1, 'a one-letter term');
  });

  it('ranks tiers first, then headline matches over summary matches, then the newer story; only the few asked for', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    const story = (id: number, title: string, dek: string, publishedAt: string, tier = 0) => ({ id, title, dek, publishedAt, tier });
    const candidates = [
      story(1, 'Council budget', 'The harbour gets a new wall', '2026-11-30T00:00:00Z'),
      story(2, 'Harbour wall to be rebuilt', 'Council votes', '2026-06-01T00:00:00Z'),
      story(3, 'Harbour ferry returns', 'The ferry sails again', '2026-11-01T00:00:00Z', 1),
      story(4, 'Harbour wall repaired', 'Council votes', '2026-11-29T00:00:00Z'),
      story(5, 'Weather', 'Rain', '2026-11-30T12:00:00Z'),
    ];
    const ranked = rankCandidates(candidates, wordMatcher(plan('harbour')), 4, now);
    assert.deepEqual(ranked.map((r) => r.id), [3, 4, 2, 1]);
    assert.ok(ranked.every((r, i) => i === 0 || r.score <= (ranked[i - 1] as { score: number }).score || r.tier < (ranked[i - 1] as { tier: number }).tier));
    assert.equal(ranked[0]?.title, 'Harbour ferry returns', 'a ranked hit keeps its candidate');
    assert.equal(candidates.length, 5, 'the candidates are left as they were');
  });
});

describe('marking words in plain-ASCII text', () => {
  it('marks the same words as the general walk, though it looks only at words whose first letters begin a term', () => {
    const matcher = wordMatcher({
      terms: [{ forms: ['harbour'], prefix: null }, { forms: ['eu'], prefix: null }, { forms: ['x'], prefix: null }, { forms: ['ferries', 'ferry'], prefix: 'fer' }, { forms: ['2026'], prefix: null }],
      phrases: [['sea', 'wall']],
      excluded: [],
      sequence: [],
      sequenceTyping: false,
    });
    const words = ['Harbour', 'HARBOURS', 'harbouring', 'harb', 'hare', 'ha', 'h', 'EU', 'Eur', 'e', 'x', 'X1', 'xylophone', 'fer', 'Ferry', 'ferried', 'fe', 'fern', '2026', '202', 'sea', 'seas', 'se', 'walls', 'wa', 'the'];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let hits = 0;
    for (let round = 0; round < 300; round++) {
      const ascii = Array.from({ length: 1 + Math.floor(next() * 12) }, () => words[Math.floor(next() * words.length)]).join(next() < 0.5 ? ' ' : ', ');
      const asciiMarks = marked(highlightText(ascii, matcher));
      // An accented word sends the text down the general walk, which tries every word.
      assert.deepEqual(marked(highlightText(`${ascii} é`, matcher)), asciiMarks, ascii);
      hits += asciiMarks.length;
    }
    assert.ok(hits > 300, `${hits} words marked`);
  });
});

describe('the passage window', () => {
  // The rule written plainly: every window of `size` words, scored by different terms then matches, the first best.
  const plainBest = (terms: number[], size: number) => {
    let best = 0;
    let bestScore = -1;
    for (let first = 0; first + size <= terms.length; first++) {
      const inside = terms.slice(first, first + size).filter((t) => t >= 0);
      const score = new Set(inside).size * 1000 + inside.length;
      if (score > bestScore) [best, bestScore] = [first, score];
    }
    return best;
  };
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

  it('weighs only the windows that start the text or end on a match, and finds the same window as trying every one', () => {
    for (let round = 0; round < 400; round++) {
      const length = Math.floor(next() * 120);
      const density = next() * 0.3;
      const terms = Array.from({ length }, () => (next() < density ? Math.floor(next() * 4) : -1));
      const size = 1 + Math.floor(next() * 35);
      const word = terms.flatMap((t, w) => (t >= 0 ? [w] : []));
      assert.equal(bestWindow({ words: length, word, term: word.map((w) => terms[w] as number) }, size), plainBest(terms, size), `${size} words over ${JSON.stringify(terms)}`);
    }
  });

  it('cuts the same passage from a plain-ASCII text as from the same text with an accent outside the passage', () => {
    const words = ['harbour', 'ferry', 'council', 'said', 'the', 'of', 'a', 'Harbours', 'FERRIES', 'x1', 'wall', 'storm'];
    const matcher = wordMatcher(plan('harbour', 'ferry', 'wall'));
    let checked = 0;
    for (let round = 0; round < 200; round++) {
      const length = 1 + Math.floor(next() * 90);
      const gaps = [' ', ' ', ', ', '. ', ' — ', ' "', '" ', '-'];
      const body = Array.from({ length }, () => `${words[Math.floor(next() * words.length)]}${gaps[Math.floor(next() * gaps.length)]}`).join('');
      const plainPassage = text(snippetText(body, matcher));
      // The accented word is one more word, not a match, at the very end: a passage that stops before the end stays.
      if (plainPassage.endsWith(' …')) {
        checked++;
        assert.equal(text(snippetText(`${body} café`, matcher)), plainPassage, body);
      }
      assert.ok(plainPassage.length <= body.length + 4, body);
    }
    assert.ok(checked > 50, `${checked} passages cut before the end`);
  });
});
