/** Finds the query's words in short texts (headlines, summaries) in Node: marks them for the as-you-type panel and scores its candidates. */
import { foldText, isPlainAscii } from './query.js';
import type { MatchPlan, Segment } from './types.js';

const suffixes = ['ingly', 'edly', 'ings', 'ing', 'ions', 'ion', 'ments', 'ment', 'ers', 'er', 'ed', 'es', 's', 'ly', 'al'];

/** A light English stemmer, enough to pair "strikes" with "strike" and "withdrawal" with "withdraws" for display. */
export function lightStem(word: string): string {
  let stem = word;
  for (let round = 0; round < 2; round++) {
    const suffix = suffixes.find((s) => stem.endsWith(s) && stem.length - s.length >= 4);
    if (!suffix) break;
    stem = stem.slice(0, -suffix.length);
  }
  return stem;
}

/**
 * For each word of a text: the index of the query term it matches, or -1. Only words starting with a term's first two
 * letters can match: `candidates` finds them in folded text that is not plain ASCII, `asciiHeads` and `asciiTrios` tell
 * them apart as a plain-ASCII text is walked by character codes, so no text is split into every word.
 */
export type WordMatcher = ((foldedWord: string) => number) & {
  /** Finds the words that may match in folded text that is not plain ASCII. */
  candidates(): RegExp;
  /**
   * Whether an ASCII word can match, by its first two letters' codes (lower case), at `first * 128 + second` (0 for a
   * one-letter word): 0 no, 1 yes, 2 only when its first three letters are among `asciiTrios`.
   */
  asciiHeads: Uint8Array;
  /** The first three letters' codes of the terms of three letters or more, as `(first * 128 + second) * 128 + third`. */
  asciiTrios: Set<number>;
  /** Finds, in any case, the start of a word that may match, in plain-ASCII text: most texts hold none. */
  asciiStarts(): RegExp;
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function wordMatcher(plan: MatchPlan): WordMatcher {
  const stems = new Map<string, number>();
  const prefixes: [string, number][] = [];
  plan.terms.forEach((term, index) => {
    for (const form of term.forms) stems.set(lightStem(form), index);
    if (term.prefix) prefixes.push([term.prefix, index]);
  });
  let next = plan.terms.length;
  for (const phrase of plan.phrases) for (const word of phrase) stems.set(lightStem(word), next++);
  // Stemming keeps at least four letters, so a word can only match a term that shares its first two letters.
  const heads = new Set([...stems.keys(), ...prefixes.map(([p]) => p)].map((w) => w.slice(0, 2)));
  const seen = new Map<string, number>();
  const matcher = (word: string) => {
    if (!heads.has(word.slice(0, 2))) return -1;
    let term = seen.get(word);
    if (term === undefined) {
      term = stems.get(lightStem(word)) ?? prefixes.find(([p]) => word.startsWith(p))?.[1] ?? -1;
      seen.set(word, term);
    }
    return term;
  };
  const alternatives = [...heads].filter(Boolean).map(escapeRegExp).join('|') || '(?!)';
  const asciiHeads = new Uint8Array(128 * 128);
  const asciiTrios = new Set<number>();
  // A matching word starts with its term's stem or prefix (lightStem only takes endings off), so it shares the term's
  // first three letters, or its first two when the term has only two (then any third letter may follow).
  for (const term of [...stems.keys(), ...prefixes.map(([p]) => p)]) {
    // charCodeAt past the end is NaN; an empty term has no first letter to look for.
    const first = term.charCodeAt(0);
    const second = term.charCodeAt(1);
    const third = term.charCodeAt(2);
    if (Number.isNaN(first) || first >= 128) continue;
    if (term.length === 1) asciiHeads.fill(1, first * 128, first * 128 + 128);
    else if (second < 128) {
      const pair = first * 128 + second;
      if (term.length === 2 || third >= 128) asciiHeads[pair] = 1;
      else {
        asciiHeads[pair] ||= 2;
        asciiTrios.add(pair * 128 + third);
      }
    }
  }
  // Compiled when first asked for: each query's expressions are new to V8's cache, and compiling the Unicode one took
  // about 2% of a results page's time, where most texts are plain ASCII and never need it.
  let asciiStarts: RegExp | undefined;
  let candidates: RegExp | undefined;
  return Object.assign(matcher, {
    asciiHeads,
    asciiTrios,
    asciiStarts: () => (asciiStarts ??= new RegExp(`(?<![a-z0-9])(?:${alternatives})`, 'i')),
    candidates: () => (candidates ??= new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})[\\p{L}\\p{N}]*`, 'gu')),
  });
}

/**
 * Whether the plain-ASCII word from `start` to `end` may match a term, by its first three letters, without cutting it
 * out: a results page walks twenty stories, and cutting out and lower-casing every word starting like a term was most
 * of it.
 */
function mayMatchAscii(text: string, start: number, end: number, matcher: WordMatcher): boolean {
  const second = end - start > 1 ? text.charCodeAt(start + 1) | 32 : 0;
  const pair = (text.charCodeAt(start) | 32) * 128 + second;
  const head = matcher.asciiHeads[pair];
  if (head !== 2) return head === 1;
  return end - start > 2 && matcher.asciiTrios.has(pair * 128 + (text.charCodeAt(start + 2) | 32));
}

export function highlightText(text: string, matcher: WordMatcher): Segment[] {
  const segments: Segment[] = [];
  const push = (piece: string, hit: boolean) => {
    const last = segments[segments.length - 1];
    if (last && last.hit === hit) last.text += piece;
    else if (piece) segments.push({ text: piece, hit });
  };
  let at = 0;
  const mark = (start: number, end: number, hit: boolean) => {
    push(text.slice(at, start), false);
    push(text.slice(start, end), hit);
    at = end;
  };
  if (isPlainAscii(text)) forEachAsciiWord(text, matcher, (start, end, term) => term >= 0 && mark(start, end, true));
  else for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) mark(match.index, match.index + match[0].length, matcher(foldText(match[0])) >= 0);
  push(text.slice(at), false);
  return segments;
}

/** 1 at the code of each ASCII letter and digit (whose lower case is the code with bit 32 set). */
const asciiWordChars = new Uint8Array(128);
for (let code = 0; code < 128; code++) asciiWordChars[code] = /[a-z0-9]/i.test(String.fromCharCode(code)) ? 1 : 0;

/**
 * How many different query terms a text contains. As-you-type asks it of a headline and a summary for each of its few
 * hundred candidates on every keystroke, so a plain-ASCII text is walked by character codes, and only a word whose
 * first letters begin some term is cut out and looked up.
 */
export function termsIn(text: string, matcher: WordMatcher): number {
  const found = new Set<number>();
  if (!isPlainAscii(text)) {
    for (const [word] of foldText(text).matchAll(matcher.candidates())) {
      const term = matcher(word);
      if (term >= 0) found.add(term);
    }
    return found.size;
  }
  if (!matcher.asciiStarts().test(text)) return 0;
  forEachAsciiWord(text, matcher, (_start, _end, term) => {
    if (term >= 0) found.add(term);
  });
  return found.size;
}

/**
 * Calls `visit` with each word of a plain-ASCII text, in order: where it starts and ends, and the query term it matches
 * (-1 for none). Only a word whose first letters begin some term (mayMatchAscii) is cut out, lower-cased and looked up.
 */
function forEachAsciiWord(text: string, matcher: WordMatcher, visit: (start: number, end: number, term: number) => void): void {
  const length = text.length;
  let i = 0;
  while (i < length) {
    if (!asciiWordChars[text.charCodeAt(i)]) {
      i++;
      continue;
    }
    const start = i++;
    while (i < length && asciiWordChars[text.charCodeAt(i)]) i++;
    visit(start, i, mayMatchAscii(text, start, i, matcher) ? matcher(text.slice(start, i).toLowerCase()) : -1);
  }
}

/**
 * The as-you-type order among candidates: phrase and all-word tiers first, then headline matches (three times a
 * summary match), then freshness. Cheap enough for a few hundred candidates per keystroke, unlike bm25, which
 * counts every posting of every term to weigh it.
 */
export function rankCandidates<T extends { id: number; title: string; dek: string; publishedAt: string; tier: number }>(
  candidates: T[],
  matcher: WordMatcher,
  limit: number,
  now = Date.now(),
): (T & { score: number })[] {
  const scores = candidates.map((c) => {
    const ageDays = Math.max(0, (now - Date.parse(c.publishedAt)) / 86_400_000);
    return (1 + 3 * termsIn(c.title, matcher) + termsIn(c.dek, matcher)) * (0.8 + 0.2 / (1 + ageDays / 365));
  });
  // Positions are sorted, and only the few returned become new objects: copying every candidate cost as much as scoring.
  const at = (i: number) => candidates[i] as T;
  const score = (i: number) => scores[i] as number;
  return candidates
    .map((_, i) => i)
    .sort((a, b) => at(b).tier - at(a).tier || score(b) - score(a) || (at(a).publishedAt < at(b).publishedAt ? 1 : -1))
    .slice(0, limit)
    .map((i) => ({ ...at(i), score: score(i) }));
}

/**
 * Where each word of a text starts and ends, and the query term each matches (-1 for none), for a text that is not
 * plain ASCII; plain-ASCII texts (most stories) take asciiHits, which keeps only the matches.
 */
function wordSpans(text: string, matcher: WordMatcher): { starts: number[]; ends: number[]; terms: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  const terms: number[] = [];
  for (const word of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    starts.push(word.index);
    ends.push(word.index + word[0].length);
    terms.push(matcher(foldText(word[0])));
  }
  return { starts, ends, terms };
}

/** The query's words in a text: each match's word number, term, and where it starts and ends; and how many words the text has. */
interface Hits {
  words: number;
  word: number[];
  term: number[];
  start: number[];
  end: number[];
}

/** The query's words in a plain-ASCII text: every word is counted, and only the matches are kept. */
function asciiHits(text: string, matcher: WordMatcher): Hits {
  const hits: Hits = { words: 0, word: [], term: [], start: [], end: [] };
  forEachAsciiWord(text, matcher, (start, end, term) => {
    if (term >= 0) {
      hits.word.push(hits.words);
      hits.term.push(term);
      hits.start.push(start);
      hits.end.push(end);
    }
    hits.words++;
  });
  return hits;
}

/**
 * The first word of the `size`-word window holding the most different terms, then the most matches, the earliest
 * first; 0 when the text is no longer than a window. The earliest best window starts at the first word or ends on a
 * match (one that starts later without a match entering holds no more than the one before it), so only those windows
 * are weighed, in one pass over the matches.
 */
export function bestWindow(hits: Pick<Hits, 'words' | 'word' | 'term'>, size: number): number {
  if (hits.words <= size) return 0;
  const counts = new Map<number, number>();
  let best = 0;
  let bestScore = -1;
  let entering = 0;
  let leaving = 0;
  const weigh = (first: number) => {
    while (entering < hits.word.length && (hits.word[entering] as number) < first + size) {
      const term = hits.term[entering++] as number;
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    while (leaving < entering && (hits.word[leaving] as number) < first) {
      const term = hits.term[leaving++] as number;
      const left = (counts.get(term) ?? 1) - 1;
      if (left) counts.set(term, left);
      else counts.delete(term);
    }
    const score = counts.size * 1000 + entering - leaving;
    if (score > bestScore) {
      bestScore = score;
      best = first;
    }
  };
  weigh(0);
  for (const word of hits.word) {
    const first = word - size + 1;
    if (first > 0 && first <= hits.words - size) weigh(first);
  }
  return best;
}

/** Where the word `count` words before the one starting at `from` starts, in plain-ASCII text. */
function asciiWordsBack(text: string, from: number, count: number): number {
  let i = from;
  for (let left = count; left > 0; left--) {
    while (i > 0 && !asciiWordChars[text.charCodeAt(i - 1)]) i--;
    while (i > 0 && asciiWordChars[text.charCodeAt(i - 1)]) i--;
  }
  return i;
}

/** Where the `count`-th word of a plain-ASCII text ends. */
function asciiWordsForward(text: string, count: number): number {
  let i = 0;
  for (let left = count; left > 0; left--) {
    while (i < text.length && !asciiWordChars[text.charCodeAt(i)]) i++;
    while (i < text.length && asciiWordChars[text.charCodeAt(i)]) i++;
  }
  return i;
}

/**
 * A passage of about `size` words from a story's text around the query's words, with them marked: the window holding
 * the most different query terms (then the most matches, then the earliest), cut at word boundaries with "…" where
 * the text goes on. Runs in Node over a plain-text body: PostgreSQL's ts_headline parsed each result's whole body
 * again, 10–15 ms for a page of 20 at 100,000 stories under load.
 */
export function snippetText(text: string, matcher: WordMatcher, size = 30): Segment[] {
  let words: number;
  let best: number;
  let from: number;
  let to: number;
  if (isPlainAscii(text)) {
    const hits = asciiHits(text, matcher);
    words = hits.words;
    best = bestWindow(hits, size);
    // A window after the first ends on a match (bestWindow), so only its start is looked for.
    const last = best > 0 ? hits.word.indexOf(best + size - 1) : -1;
    from = best > 0 ? asciiWordsBack(text, hits.start[last] as number, size - 1) : 0;
    to = best > 0 ? (hits.end[last] as number) : asciiWordsForward(text, size);
  } else {
    const { starts, ends, terms } = wordSpans(text, matcher);
    words = starts.length;
    const word: number[] = [];
    const term: number[] = [];
    terms.forEach((t, w) => t >= 0 && (word.push(w), term.push(t)));
    best = bestWindow({ words, word, term }, size);
    from = starts[best] ?? 0;
    to = ends[best + size - 1] ?? 0;
  }
  if (!words) return [];
  // A passage from the first word or up to the last takes in what comes before or after it (a quote mark, a full stop).
  const cutBefore = best > 0;
  const cutAfter = best + size < words;
  if (!cutBefore) from = 0;
  if (!cutAfter) to = text.trimEnd().length;
  const segments = highlightText(text.slice(from, to), matcher);
  if (cutBefore) segments.unshift({ text: '… ', hit: false });
  if (cutAfter) segments.push({ text: ' …', hit: false });
  return segments.reduce<Segment[]>((merged, segment) => {
    const previous = merged[merged.length - 1];
    if (previous && previous.hit === segment.hit) previous.text += segment.text;
    else merged.push({ ...segment });
    return merged;
  }, []);
}

/** What both engines show of their hits: each headline with the query's words marked, and with `withBody` a marked passage of the text. */
export function markHits(rows: { id: number; title: string; body: string }[], plan: MatchPlan, withBody: boolean): Map<number, { title: Segment[]; body: Segment[] }> {
  const matcher = wordMatcher(plan);
  return new Map(rows.map((r) => [r.id, { title: highlightText(r.title, matcher), body: withBody ? snippetText(r.body, matcher) : [] }]));
}
