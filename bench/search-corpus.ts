/**
 * Text for the search benchmark, generated deterministically: a Zipf-distributed vocabulary (the demo newsroom's own
 * words, then made-up words for the long tail), stories of news size, and a judged collection with graded relevance.
 */
import { htmlToText } from '../src/html-text.js';
import { storiesA } from '../src/demo/content/stories-a.js';
import { storiesB } from '../src/demo/content/stories-b.js';
import { tokenize } from '../src/search/query.js';

export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const onsets = ['b', 'br', 'c', 'ch', 'd', 'dr', 'f', 'g', 'gr', 'h', 'k', 'l', 'm', 'n', 'p', 'pr', 'r', 's', 'st', 't', 'tr', 'v', 'w', 'z'];
const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou'];
const codas = ['', '', 'n', 'r', 'l', 's', 'nd', 'rt', 'm', 'x'];

/**
 * The vocabulary, most frequent first: real words from the demo stories (at most `realWords` of them), then invented
 * words to `size`.
 */
export function vocabulary(size: number, next: () => number, realWords = Infinity): string[] {
  const counts = new Map<string, number>();
  for (const story of [...storiesA, ...storiesB]) {
    for (const word of tokenize(`${story.title} ${story.dek} ${htmlToText(story.body)}`)) {
      if (/^\p{L}{2,}$/u.test(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const words = [...counts].sort((a, b) => b[1] - a[1]).map(([w]) => w).slice(0, realWords);
  // Invented words must not collide with any real word, kept or not.
  const seen = new Set(counts.keys());
  while (words.length < size) {
    const syllables = 2 + Math.floor(next() * 3);
    let word = '';
    for (let s = 0; s < syllables; s++) {
      word += onsets[Math.floor(next() * onsets.length)]! + vowels[Math.floor(next() * vowels.length)]!;
      if (s === syllables - 1) word += codas[Math.floor(next() * codas.length)]!;
    }
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return words.slice(0, size);
}

/**
 * The speed corpus's vocabulary: the 100 commonest real words of the demo stories ("the", "said", "city": each in
 * nearly every story, the worst case for a query), then invented words. Real English beyond those would put the
 * judged collections' words ("information", "science") at random into a hundred thousand stories about nothing, so
 * the collections mixed in would measure that dilution of their word statistics rather than whether the ranking
 * still finds their answers among many stories.
 */
export const speedVocabularySize = 60_000;
export function speedVocabulary(): string[] {
  return vocabulary(speedVocabularySize, random(4242), 100);
}

/** Draws words with Zipf's law (frequency ∝ 1/rank), as natural text does. */
export function zipfSampler(words: string[], next: () => number): () => string {
  const cumulative: number[] = [];
  let sum = 0;
  for (let rank = 1; rank <= words.length; rank++) cumulative.push((sum += 1 / rank));
  return () => {
    const target = next() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] as number) < target) low = mid + 1;
      else high = mid;
    }
    return words[low] as string;
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface GeneratedStory {
  title: string;
  dek: string;
  bodyHtml: string;
  tags: string[];
}

/** A story of news size (about 400 words in five paragraphs) drawn from the background vocabulary. */
export function backgroundStory(word: () => string, next: () => number): GeneratedStory {
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  const paragraphs = Array.from({ length: 5 }, () => `<p>${capitalise(words(70 + Math.floor(next() * 20)))}.</p>`);
  return { title: capitalise(words(7 + Math.floor(next() * 5))), dek: `${capitalise(words(18))}.`, bodyHtml: paragraphs.join('\n'), tags: [word(), word()] };
}

export interface JudgedQuery {
  text: string;
  kind: 'keywords' | 'sentence' | 'typo';
  /** Story index → grade (2 main subject, 1 secondary subject). */
  judgments: Map<number, number>;
}

export interface JudgedCollection {
  stories: GeneratedStory[];
  queries: JudgedQuery[];
}

/** One edit (swap, drop or double a letter) in the middle of a word, as readers mistype. */
function typo(word: string, next: () => number): string {
  const at = 1 + Math.floor(next() * (word.length - 3));
  const kind = Math.floor(next() * 3);
  if (kind === 0) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  if (kind === 1) return word.slice(0, at) + word.slice(at + 1);
  return word.slice(0, at) + word[at] + word.slice(at);
}

/**
 * Stories about `topics` subjects, each told with its own words (one word in twenty of every body, often one in the
 * headline) and sometimes touching a second subject; other subjects' words appear now and then as noise. Each subject
 * gets a keyword query, a sentence query with stop words and background words, and a query with a typo.
 */
export function judgedCollection(storyCount: number, topics: number, seed = 20261125): JudgedCollection {
  const next = random(seed);
  const words = vocabulary(20_000, next);
  const topicWords: string[][] = [];
  const reserved = new Set<string>();
  while (topicWords.length < topics) {
    const set: string[] = [];
    while (set.length < 6) {
      const candidate = words[300 + Math.floor(next() * 15_000)] as string;
      if (candidate.length >= 5 && !reserved.has(candidate)) {
        reserved.add(candidate);
        set.push(candidate);
      }
    }
    topicWords.push(set);
  }
  const zipf = zipfSampler(words, next);
  const background = () => {
    for (;;) {
      const word = zipf();
      if (!reserved.has(word)) return word;
    }
  };
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)] as T;
  const stories: GeneratedStory[] = [];
  const mainTopic: number[] = [];
  const secondTopic: (number | null)[] = [];
  for (let i = 0; i < storyCount; i++) {
    const main = i % topics;
    const second = next() < 0.5 ? (main + 1 + Math.floor(next() * (topics - 1))) % topics : null;
    const draw = () => {
      const roll = next();
      if (roll < 0.05) return pick(topicWords[main] as string[]);
      if (second !== null && roll < 0.08) return pick(topicWords[second] as string[]);
      if (roll < 0.1) return pick(pick(topicWords));
      return background();
    };
    const text = (n: number, lead: string[]) => capitalise([...lead, ...Array.from({ length: n }, draw)].join(' '));
    const paragraphs = Array.from({ length: 4 }, () => `<p>${text(60 + Math.floor(next() * 30), [])}.</p>`);
    stories.push({
      title: text(5 + Math.floor(next() * 4), next() < 0.6 ? [pick(topicWords[main] as string[])] : []),
      dek: `${text(14, [])}.`,
      bodyHtml: paragraphs.join('\n'),
      tags: next() < 0.5 ? [pick(topicWords[main] as string[])] : [],
    });
    mainTopic.push(main);
    secondTopic.push(second);
  }
  const queries: JudgedQuery[] = [];
  for (let t = 0; t < topics; t++) {
    const judgments = new Map<number, number>();
    mainTopic.forEach((m, i) => {
      if (m === t) judgments.set(i, 2);
      else if (secondTopic[i] === t) judgments.set(i, 1);
    });
    const [a, b, c] = [...(topicWords[t] as string[])].sort(() => next() - 0.5) as [string, string, string];
    queries.push({ text: `${a} ${b}`, kind: 'keywords', judgments });
    queries.push({ text: `what happened to the ${a} ${background()} after the ${b} and ${c}`, kind: 'sentence', judgments });
    queries.push({ text: `${typo(a, next)} ${b}`, kind: 'typo', judgments });
  }
  return { stories, queries };
}

/** Average precision over a ranked list (grade > 0 is relevant), divided by all relevant stories. */
export function averagePrecision<T>(ranked: T[], judgments: Map<T, number>): number {
  const relevant = [...judgments.values()].filter((g) => g > 0).length;
  if (!relevant) return 0;
  let hits = 0;
  let sum = 0;
  ranked.forEach((id, i) => {
    if ((judgments.get(id) ?? 0) > 0) sum += ++hits / (i + 1);
  });
  return sum / relevant;
}

/** nDCG at `k` with gains 2^grade − 1. */
export function ndcg<T>(ranked: T[], judgments: Map<T, number>, k = 10): number {
  const dcg = (grades: number[]) => grades.slice(0, k).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...judgments.values()].sort((a, b) => b - a));
  return ideal ? dcg(ranked.map((id) => judgments.get(id) ?? 0)) / ideal : 0;
}
