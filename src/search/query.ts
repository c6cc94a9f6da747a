/** Reading a reader's search box: words, quoted phrases, exclusions and the word being typed, reduced to plain letters and digits. */

export interface ParsedQuery {
  /** Words any of which may match, stop words dropped (kept when the query has nothing else), at most maxTerms. */
  words: string[];
  /** Every word of the unquoted text in order, stop words included: the implied phrase ranked on top. */
  sequence: string[];
  /** Quoted phrases: each must match as written. */
  phrases: string[][];
  /** Words after a minus sign: stories containing them are left out. */
  excluded: string[];
  /** The last word when the reader may still be typing it; it is also in `words`. */
  prefix: string | null;
}

export const maxQueryLength = 1000;
/** Words of the implied phrase and of each quoted phrase. */
const maxWords = 12;
/** Distinct content words searched for. */
const maxTerms = 32;
const maxWordLength = 40;

const stopWordList =
  'a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves';
export const stopWords = new Set(stopWordList.split(' '));

/** Whether a text holds only ASCII characters (most stories): it then folds by lower-casing, and is split by character codes. */
export function isPlainAscii(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[^\u0000-\u007f]/.test(text);
}

/** Lower case without accents or ligatures: "Zürich" and "zurich" are the same word to search. */
export function foldText(text: string): string {
  if (isPlainAscii(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The words of a text as the index sees them (before stemming). */
export function tokenize(text: string): string[] {
  const folded = foldText(text);
  const pattern = isPlainAscii(folded) ? /[a-z0-9]+/g : /[\p{L}\p{N}]+/gu;
  return folded.match(pattern) ?? [];
}

function usable(word: string): boolean {
  return word.length <= maxWordLength;
}

/**
 * Parses like a web search box: "quoted phrases", -excluded words, everything else any-word.
 * Only letters and digits survive, so no input can carry FTS5 or tsquery syntax (NEAR, *, ^, column filters) or SQL.
 */
export function parseQuery(raw: string): ParsedQuery {
  const text = raw.slice(0, maxQueryLength);
  const phrases: string[][] = [];
  const excluded: string[] = [];
  const sequence: string[] = [];
  const quoteCount = (text.match(/"/g) ?? []).length;
  // An unbalanced final quote is treated as ordinary text, so typing `"army wi` still searches as you type.
  const balanced = quoteCount % 2 === 0 ? text : text.replace(/"(?=[^"]*$)/, ' ');
  const parts = balanced.split('"');
  parts.forEach((part, index) => {
    if (index % 2 === 1) {
      const phrase = tokenize(part).filter(usable);
      if (phrase.length === 1) sequence.push(phrase[0] as string);
      else if (phrase.length > 1) phrases.push(phrase.slice(0, maxWords));
      return;
    }
    for (const piece of part.split(/\s+/)) {
      const negative = /^-[\p{L}\p{N}]/u.test(piece);
      const words = tokenize(piece).filter(usable);
      if (negative) excluded.push(...words);
      else sequence.push(...words);
    }
  });
  // The implied phrase is the last maxWords words, so that it still ends with the word being typed.
  const trimmedSequence = sequence.slice(-maxWords);
  // Readers paste whole sentences: every distinct content word counts (up to maxTerms), not only the first few words.
  const distinct = [...new Set(sequence)];
  const content = distinct.filter((w) => !stopWords.has(w));
  const words = (content.length ? content : distinct).slice(0, maxTerms);
  const last = sequence[sequence.length - 1];
  const typing = last !== undefined && !/[\s"]$/.test(text) && quoteCount % 2 === 0 && words.includes(last);
  return {
    words,
    sequence: trimmedSequence,
    phrases: phrases.slice(0, 3),
    excluded: [...new Set(excluded)].filter((w) => !words.includes(w)).slice(0, maxWords),
    prefix: typing ? last : null,
  };
}

export function isEmptyQuery(query: ParsedQuery): boolean {
  return query.words.length === 0 && query.phrases.length === 0;
}

/** Optimal string alignment distance (an adjacent swap counts as one edit), giving up once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 1): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const above = rows[i - 1] as number[];
      let value = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(value);
      if (value < best) best = value;
    }
    if (i > 0 && best > max) return max + 1;
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** The query as a reader would type it after corrections, for "did you mean" links. */
export function correctedQueryText(raw: string, corrections: Map<string, string>): string {
  return raw.slice(0, maxQueryLength).replace(/[\p{L}\p{N}\p{M}]+/gu, (word) => corrections.get(foldText(word)) ?? word);
}
