/** The index's vocabulary of unstemmed words: completes the word being typed and corrects one-letter typos. */
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import { editDistance } from './query.js';

/** Words shorter than this are never corrected: too many real words lie one edit apart. */
export const minTypoLength = 5;

function reversed(word: string): string {
  return [...word].reverse().join('');
}

/** Upper bound of the range of strings that start with `prefix` (binary / "C" collation order). */
function rangeEnd(prefix: string): string {
  const last = prefix.codePointAt(prefix.length - 1) ?? 0;
  return prefix.slice(0, -1) + String.fromCodePoint(last + 1);
}

/** Counts each word once more; called with a story's distinct words whenever it is indexed. */
export async function recordWords(db: Db, words: Iterable<string>): Promise<void> {
  const rows = [...words].filter((w) => w.length >= 2).map((word) => ({ word, rev: reversed(word), docs: 1 }));
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('search_words')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column('word').doUpdateSet({ docs: sql`search_words.docs + 1` }))
      .execute();
  }
}

/** Replaces the vocabulary with exact document counts (used by a full reindex). */
export async function replaceVocabulary(db: Db, counts: Map<string, number>): Promise<void> {
  await db.deleteFrom('search_words').execute();
  const rows = [...counts].filter(([w]) => w.length >= 2).map(([word, docs]) => ({ word, rev: reversed(word), docs }));
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('search_words').values(rows.slice(i, i + 500)).execute();
}

/** Whether the word list holds the word exactly. */
export async function isKnownWord(db: Db, word: string): Promise<boolean> {
  return (await db.selectFrom('search_words').select('word').where('word', '=', word).executeTakeFirst()) !== undefined;
}

/**
 * How many stories use each word, as the word list counts them (an upper bound: unpublishing does not decrement it).
 * `known` holds counts already read while planning the query (a plan's `counts`); only the other words are looked up.
 */
export async function wordDocs(db: Db, words: string[], known?: ReadonlyMap<string, number>): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const missing: string[] = [];
  for (const word of words) {
    const count = known?.get(word);
    if (count === undefined) missing.push(word);
    else counts.set(word, count);
  }
  if (!missing.length) return counts;
  const rows = await db.selectFrom('search_words').select(['word', 'docs']).where('word', 'in', missing).execute();
  for (const row of rows) counts.set(row.word, Number(row.docs));
  return counts;
}

/**
 * The most common indexed words that start with `prefix`, most common first, with their story counts, and how many
 * stories use the typed letters themselves as a word (0 when no indexed word is spelt so), in one query. With `also`,
 * the same query reads those words' counts (the query's finished words, as wordDocs would): on PostgreSQL each
 * statement is a round trip, about half a millisecond of a keystroke.
 */
export async function completions(
  db: Db,
  prefix: string,
  limit: number,
  also: string[] = [],
): Promise<{ words: { word: string; docs: number }[]; typed: number; counts: Map<string, number> }> {
  if (prefix.length < 2) return { words: [], typed: 0, counts: await wordDocs(db, also) };
  // Two and three letters have an index by beginning and story count (migration 513): the most used come first.
  const short = [...prefix].length === prefix.length && prefix.length <= 3;
  const range = short ? sql`substr(word, 1, ${sql.lit(prefix.length)}) = ${prefix}` : sql`word >= ${prefix} and word < ${rangeEnd(prefix)}`;
  const others = also.length ? sql`union all select word, docs, 2 as part from search_words where word in (${sql.join(also)})` : sql``;
  const rows = await sql<{ word: string; docs: number; part: number }>`
    select word, docs, 0 as part from (select word, docs from search_words where ${range} order by docs desc, word limit ${limit}) most
    union all
    select word, docs, 1 as part from search_words where word = ${prefix}
    ${others}`.execute(db);
  const words = rows.rows.filter((r) => Number(r.part) === 0).map((r) => ({ word: r.word, docs: Number(r.docs) }));
  const typed = rows.rows.find((r) => Number(r.part) === 1);
  const counts = new Map(rows.rows.filter((r) => Number(r.part) === 2).map((r) => [r.word, Number(r.docs)]));
  return { words, typed: typed ? Number(typed.docs) : 0, counts };
}

/**
 * Words one edit could have produced `word` from. One edit (a letter changed, added or dropped, or two neighbours
 * swapped) leaves either the first or the last ⌊(n−1)/2⌋ letters of an n-letter word in place, so two index range
 * scans find every candidate on both engines: two letters for a 5-letter word, four for a 9-letter one, which keeps
 * the scans short for long words (pg_trgm's similarity misses swapped letters in short words, so it is not used).
 */
async function candidates(db: Db, word: string): Promise<{ word: string; docs: number }[]> {
  const anchor = Math.floor((word.length - 1) / 2);
  const head = word.slice(0, anchor);
  const tail = reversed(word).slice(0, anchor);
  return db
    .selectFrom('search_words')
    .select(['word', 'docs'])
    .where((eb) =>
      eb.or([
        eb.and([eb('word', '>=', head), eb('word', '<', rangeEnd(head))]),
        eb.and([eb('rev', '>=', tail), eb('rev', '<', rangeEnd(tail))]),
      ]),
    )
    .where(sql<boolean>`length(word) between ${word.length - 1} and ${word.length + 1}`)
    .execute();
}

/**
 * The indexed word one edit away from `word` that most stories use, or null when the word is known or nothing is close.
 * `isSearchable` confirms the choice against the index, because the word list keeps the words of stories that have
 * since been unpublished, and "did you mean" must not reveal them. `known`, when the caller has looked the word up
 * already (wordDocs, with the rest of the query's words), saves the query.
 */
export async function correction(db: Db, word: string, isSearchable: (word: string) => Promise<boolean>, known?: boolean): Promise<string | null> {
  return (await correctionWithCount(db, word, isSearchable, known))?.word ?? null;
}

/** As `correction`, with how many stories use the corrected word by the word list (so the ranking need not ask again). */
export async function correctionWithCount(db: Db, word: string, isSearchable: (word: string) => Promise<boolean>, known?: boolean): Promise<{ word: string; docs: number } | null> {
  if (word.length < minTypoLength || /^\p{N}+$/u.test(word)) return null;
  if (known ?? (await isKnownWord(db, word))) return null;
  const close = (await candidates(db, word))
    // Singular and plural share a stem, so the search already finds the other form: not a typo.
    .filter((c) => c.word !== word && c.word !== `${word}s` && word !== `${c.word}s` && editDistance(c.word, word, 1) <= 1)
    .sort((a, b) => Number(b.docs) - Number(a.docs) || (a.word < b.word ? -1 : 1));
  for (const candidate of close.slice(0, 3)) {
    if (await isSearchable(candidate.word)) return { word: candidate.word, docs: Number(candidate.docs) };
  }
  return null;
}
