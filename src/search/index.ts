/** Search behind one interface: SQLite FTS5 in the embedded mode, PostgreSQL full text at scale. Same plan, same ranking rules. */
import type { Db } from '../db/index.js';
import { isPostgres } from '../db/dialect.js';
import { loadDocument, loadDocuments } from './filters.js';
import { postgresHasWord, postgresStoryCount, searchPostgres, suggestPostgres } from './postgres.js';
import { beginPostgresBulk, dropUnpublishedPostgres, writePostgres, writePostgresMany } from './postgres-writes.js';
import { isEmptyQuery, parseQuery, stopWords, tokenize, type ParsedQuery } from './query.js';
import { beginFts5Bulk, dropUnpublishedFts5, fts5HasWord, fts5StoryCount, searchFts5, suggestFts5, writeFts5 } from './sqlite.js';
import { exactCount, poolFor, selectiveShare, type MatchCount, type MatchPlan, type SearchQuery, type SearchResult, type SuggestHit, type TermPlan } from './types.js';
import { completions, correctionWithCount, minTypoLength, recordWords, replaceVocabulary, wordDocs } from './vocabulary.js';

export type { SearchFilters, SearchHit, SearchQuery, SearchResult, Segment, SuggestHit } from './types.js';

/** How many indexed words a word still being typed is widened to. */
const completionsPerPrefix = 10;

/** Keeps the index row of one story in step with the story; call inside the transaction that changed it. */
export async function syncSearchDocument(db: Db, articleId: number): Promise<void> {
  indexGeneration++;
  const doc = await loadDocument(db, articleId);
  if (isPostgres(db)) await writePostgres(db, articleId, doc);
  else await writeFts5(db, articleId, doc);
  if (doc) await recordWords(db, new Set(tokenize(`${doc.title} ${doc.dek} ${doc.body} ${doc.tags}`)));
}

/**
 * Looks up the vocabulary: corrections for misspelled words, completions for the word being typed. With `submitted`
 * (the results page: the reader pressed Enter) a last word that is itself an indexed word is taken as finished: its
 * completions would add rarer words that bm25 weighs above the reader's own, so a sentence ending in "wing" would rank
 * stories about "wingspans" first. A last word the index does not know is still completed ("harb" finds "harbour").
 */
export async function planQuery(db: Db, parsed: ParsedQuery, submitted = false): Promise<{ plan: MatchPlan; corrections: Map<string, string> }> {
  const corrections = new Map<string, string>();
  const terms: TermPlan[] = [];
  const isSearchable = (word: string) => (isPostgres(db) ? postgresHasWord(db, word) : fts5HasWord(db, word));
  // The words a correction is considered for, by whether the word list holds them: the word being typed as you type is
  // completed instead, and words too short to correct are taken as written.
  const asked = [...parsed.words, ...parsed.phrases.flat()].filter((w) => (w === parsed.prefix && submitted) || (w !== parsed.prefix && w.length >= minTypoLength));
  // The story counts of the other finished words are read in the same query: the engines weigh every word by its count,
  // and asking for the short ones afterwards cost a page a round trip of its own.
  const finished = [...new Set([...parsed.words, ...parsed.phrases.flat()].filter((w) => submitted || w !== parsed.prefix))];
  // As you type, the last word is completed whatever the counts say, so its completions are read with the counts.
  const completedFirst = !submitted && parsed.prefix !== null && parsed.words.includes(parsed.prefix) ? await completions(db, parsed.prefix, completionsPerPrefix, finished) : null;
  const counts = completedFirst ? completedFirst.counts : await wordDocs(db, finished);
  const knownOrAsk = (word: string) => (asked.includes(word) ? counts.has(word) : undefined);
  /** The word's correction, if it needs one, noted with the corrected word's story count. */
  const corrected = async (word: string): Promise<string | null> => {
    const fixed = await correctionWithCount(db, word, isSearchable, knownOrAsk(word));
    if (!fixed) return null;
    corrections.set(word, fixed.word);
    counts.set(fixed.word, fixed.docs);
    return fixed.word;
  };
  for (const word of parsed.words) {
    if (word === parsed.prefix && !(submitted && counts.has(word))) {
      const { words: found, typed } = completedFirst ?? (await completions(db, word, completionsPerPrefix));
      for (const { word: completion, docs } of found) counts.set(completion, docs);
      // The typed letters' own count (0 when they are no indexed word), so the engines need not ask the word list again.
      if (!counts.has(word) && !asked.includes(word)) counts.set(word, typed);
      const completed = found.map((c) => c.word).filter((w) => !stopWords.has(w) || w === word);
      if (completed.length || word.length < minTypoLength) {
        terms.push({ forms: [...new Set([word, ...completed])], prefix: word.length >= 2 ? word : null });
        continue;
      }
    }
    const fixed = await corrected(word);
    terms.push({ forms: fixed ? [word, fixed] : [word], prefix: null });
  }
  for (const phrase of parsed.phrases) for (const word of phrase) await corrected(word);
  // A finished word the word list does not hold is used by no story, as far as it knows: said so, the ranking does not
  // ask for it again.
  for (const word of finished) if (!counts.has(word)) counts.set(word, 0);
  const fix = (words: string[]) => words.map((w) => corrections.get(w) ?? w);
  return {
    plan: { terms, phrases: parsed.phrases.map(fix), excluded: parsed.excluded, sequence: parsed.sequence, sequenceTyping: parsed.prefix !== null, counts },
    corrections,
  };
}

/** How many stories use a term's forms, by the word list; a term completing a short prefix counts as used by all. */
function termStories(term: TermPlan, counts: ReadonlyMap<string, number>): number {
  return term.prefix && term.prefix.length <= 3 ? Infinity : term.forms.reduce((sum, f) => sum + (counts.get(f) ?? 0), 0);
}

/**
 * The plan's rarest terms, together used by at most `budget` stories by the word list's counts: every story holding one
 * of them is ranked even when far more stories match the query. A term completing a short prefix is never selective.
 */
export function selectiveTerms(plan: MatchPlan, counts: ReadonlyMap<string, number>, budget: number): TermPlan[] {
  const sized = plan.terms.map((term) => ({ term, docs: termStories(term, counts) })).sort((a, b) => a.docs - b.docs);
  const chosen: TermPlan[] = [];
  let docs = 0;
  for (const { term, docs: n } of sized) {
    if (docs + n > budget) break;
    docs += n;
    chosen.push(term);
  }
  return chosen;
}

/**
 * Words held by at least this share of the indexed stories, and by at least commonWordMinStories, are left out of the
 * results page's search when the query has rarer words (query-side stop words, chosen by the index's own counts).
 * BM25 all but leaves them out of the score already: a word in a fifth of the stories weighs at most a fifth of one in
 * a thousandth (idf 1.6 against 6.9). But FTS5's bm25() reads every posting of each word to weigh it, and the
 * candidates are scanned across their postings too: at a million stories a query holding "said" (in nine stories of
 * ten) read 900,000 postings several times, 150–250 ms. The minimum keeps small archives, where reading is cheap,
 * searching with every word.
 */
export const commonWordShare = 0.2;
export const commonWordMinStories = 10_000;

/**
 * The plan without its common words (commonWordShare), unless every word is common: then nothing would be left to rank
 * by. The index's story count is asked for only when some word reaches commonWordMinStories.
 */
export async function withoutCommonWords(
  plan: MatchPlan,
  counts: ReadonlyMap<string, number>,
  stories: () => Promise<number>,
  minStories = commonWordMinStories,
): Promise<{ plan: MatchPlan; commonOnly: boolean }> {
  const sized = plan.terms.map((term) => ({ term, docs: term.prefix === null ? termStories(term, counts) : 0 }));
  if (sized.every((t) => t.docs < minStories)) return { plan, commonOnly: false };
  const threshold = Math.max(minStories, commonWordShare * (await stories()));
  const kept = sized.filter((t) => t.docs < threshold).map((t) => t.term);
  if (!kept.length) return { plan, commonOnly: plan.phrases.length === 0 };
  return { plan: kept.length < plan.terms.length ? { ...plan, terms: kept } : plan, commonOnly: false };
}

/**
 * Totals found for a first page of results, per database, so that the pages after it do not count again: kept for a
 * minute, and forgotten whenever this process changes the index (another process's change shows on later pages within
 * the minute; the first page always counts afresh).
 */
const totalsKept = 500;
const totalsMs = 60_000;
const firstPageTotals = new WeakMap<Db, Map<string, { count: MatchCount; at: number; generation: number }>>();
let indexGeneration = 0;

function totalsKey(query: SearchQuery): string {
  const { q, sectionId, tagId, authorId, sourceId, placeId, from, to, pool, countCap: cap, commonFrom } = query;
  return JSON.stringify([q, sectionId, tagId, authorId, sourceId, placeId, from, to, pool, cap, commonFrom]);
}

export async function searchStories(db: Db, query: SearchQuery): Promise<SearchResult> {
  const parsed = parseQuery(query.q);
  if (isEmptyQuery(parsed)) return { ...exactCount(0), hits: [], corrections: new Map() };
  const { plan: planned, corrections } = await planQuery(db, parsed, true);
  const totals = firstPageTotals.get(db) ?? new Map<string, { count: MatchCount; at: number; generation: number }>();
  firstPageTotals.set(db, totals);
  const key = totalsKey(query);
  const kept = (query.offset ?? 0) > 0 ? totals.get(key) : undefined;
  const known = kept && kept.generation === indexGeneration && Date.now() - kept.at < totalsMs ? kept.count : undefined;
  const counts = await wordDocs(db, [...new Set(planned.terms.flatMap((t) => t.forms))], planned.counts);
  const { plan, commonOnly } = await withoutCommonWords(planned, counts, () => (isPostgres(db) ? postgresStoryCount(db) : fts5StoryCount(db)), query.commonFrom);
  const request = { plan, selective: selectiveTerms(plan, counts, poolFor(query) * selectiveShare), known, commonOnly };
  const found = isPostgres(db) ? await searchPostgres(db, request, query) : await searchFts5(db, request, query);
  if (known === undefined) {
    if (totals.size >= totalsKept) totals.clear();
    const { total, estimated, totalIsLowerBound } = found;
    totals.set(key, { count: { total, estimated, totalIsLowerBound }, at: Date.now(), generation: indexGeneration });
  }
  return { ...found, corrections };
}

/** How many of the newest matching stories as-you-type ranks; past it the total is estimated (estimatedCount). */
export const suggestPool = 200;

/** The best few stories for a query being typed: bounded work per keystroke, and the total, estimated past the pool. */
export async function suggestStories(db: Db, q: string, limit: number): Promise<MatchCount & { hits: SuggestHit[] }> {
  const parsed = parseQuery(q);
  if (isEmptyQuery(parsed)) return { ...exactCount(0), hits: [] };
  const planned = (await planQuery(db, parsed)).plan;
  // Engines keep prefix indexes for 2 and 3 letters only; a longer prefix would merge every matching word's postings
  // on each keystroke, so as-you-type relies on the completions from the word list instead.
  const plan = { ...planned, terms: planned.terms.map((t) => (t.prefix && t.prefix.length > 3 ? { ...t, prefix: null } : t)) };
  return isPostgres(db) ? suggestPostgres(db, plan, limit, suggestPool) : suggestFts5(db, plan, limit, suggestPool);
}

/** Stories per transaction in a bulk rebuild. */
export const reindexBatch = 1000;

/**
 * Rebuilds the whole index and vocabulary from the published stories as a bulk load: stories are written in batches of
 * `reindexBatch`, each its own transaction (a story's row is replaced in place, so searches keep answering throughout
 * and a crash leaves a usable index), rows of stories no longer published are dropped at the end, and the word list
 * is replaced in one transaction. SQLite: FTS5's automerge is off during the load and the index is merged once at the
 * end. PostgreSQL: when the index starts empty (a first load) the GIN indexes are dropped during the load and built once
 * at the end. Safe to run again at any time, including after an interrupted run.
 */
export async function rebuildSearchIndex(db: Db, onProgress: (done: number, total: number) => void = () => undefined, batch = reindexBatch): Promise<number> {
  const pg = isPostgres(db);
  const ids = (await db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').execute()).map((r) => r.id);
  const counts = new Map<string, number>();
  indexGeneration++;
  const bulk = pg ? await beginPostgresBulk(db) : await beginFts5Bulk(db);
  try {
    onProgress(0, ids.length);
    for (let start = 0; start < ids.length; start += batch) {
      await db.transaction().execute(async (trx) => {
        const docs = await loadDocuments(trx, ids.slice(start, start + batch));
        if (pg) await writePostgresMany(trx, docs);
        else for (const doc of docs) await writeFts5(trx, doc.id, doc);
        for (const doc of docs) {
          for (const word of new Set(tokenize(`${doc.title} ${doc.dek} ${doc.body} ${doc.tags}`))) counts.set(word, (counts.get(word) ?? 0) + 1);
        }
      });
      onProgress(Math.min(start + batch, ids.length), ids.length);
    }
    await db.transaction().execute(async (trx) => {
      await (pg ? dropUnpublishedPostgres(trx) : dropUnpublishedFts5(trx));
      await replaceVocabulary(trx, counts);
    });
  } finally {
    await bulk.finish();
    indexGeneration++;
  }
  return ids.length;
}
