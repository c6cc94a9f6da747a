/** Marks the query's words in a short text (headlines for the as-you-type panel) without another trip to the engine. */
import { foldText } from './query.js';
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

export function highlightText(text: string, plan: MatchPlan): Segment[] {
  const stems = new Set<string>();
  const prefixes: string[] = [];
  for (const term of plan.terms) {
    for (const form of term.forms) stems.add(lightStem(form));
    if (term.prefix) prefixes.push(term.prefix);
  }
  for (const phrase of plan.phrases) for (const word of phrase) stems.add(lightStem(word));
  const segments: Segment[] = [];
  const push = (piece: string, hit: boolean) => {
    const last = segments[segments.length - 1];
    if (last && last.hit === hit) last.text += piece;
    else if (piece) segments.push({ text: piece, hit });
  };
  let at = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const word = foldText(match[0]);
    const hit = stems.has(lightStem(word)) || prefixes.some((p) => word.startsWith(p));
    push(text.slice(at, match.index), false);
    push(match[0], hit);
    at = match.index + match[0].length;
  }
  push(text.slice(at), false);
  return segments;
}
