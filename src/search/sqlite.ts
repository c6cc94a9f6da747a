/** The embedded engine: an FTS5 table ranked with bm25 (title > dek > body > tags), boosts for all-words and phrase matches, and freshness as a tiebreak. */
import { sql, type RawBuilder } from 'kysely';
import { hasRankingExtension, type Db } from '../db/index.js';
import { filterConditions, type IndexDocument } from './filters.js';
import { markHits, rankCandidates, wordMatcher } from './highlight.js';
import { suggestCandidate, suggestColumns, suggestHit, type SuggestRow } from './suggest.js';
import { bm25Idf, exactCount, hasFilters, headlineShare, idList, matchesAnyTerm, maxPresenceTerms, selectiveShare, shortlistByPresence, shortlistMargin, poolFor, poolTotal, ranking, totalPastPool, type MatchCount, type MatchPlan, type RankRequest, type SearchHit, type SearchQuery, type Segment, type SuggestHit, type TermPlan } from './types.js';

const { title, dek, body, tags } = ranking.fields;
const columnWeights = sql.join([title, dek, body, tags].map((w) => sql.lit(w)));

function quoted(word: string): string {
  // Plan words hold letters and digits only, so a double-quoted FTS5 string cannot be broken out of.
  return `"${word}"`;
}

/**
 * A term as FTS5 matches it (any of its forms, or any word starting with its prefix), and the kind of each phrase in
 * it for gazette_bm25(), in order: 'w' a word, 'p' a prefix. With `lean`, forms the prefix
 * already covers (the completions of the word being typed) are left out: each is a posting list FTS5 would merge
 * again for nothing. The results page keeps them, since bm25 weighs each form as a phrase of its own.
 */
function termParts(term: TermPlan, lean = false): { expression: string; kinds: string } {
  const covered = (form: string) => lean && term.prefix !== null && form.startsWith(term.prefix);
  const options = term.forms.filter((form) => !covered(form)).map(quoted);
  let kinds = 'w'.repeat(options.length);
  if (term.prefix) {
    options.push(`${quoted(term.prefix)}*`);
    kinds += 'p';
  }
  return { expression: options.length === 1 ? (options[0] as string) : `(${options.join(' OR ')})`, kinds };
}

export interface Fts5Expressions {
  match: string;
  allWords: string | null;
  phrase: string | null;
  /** One letter per phrase of `match`, in FTS5's order, for gazette_bm25(): 'w' a word, 'p' a prefix, 'x' a phrase. */
  phraseKinds: string;
}

/** FTS5 query strings for a plan: what must match, and the two stricter forms ranked on top. */
export function fts5Expressions(plan: MatchPlan, options: { lean?: boolean } = {}): Fts5Expressions | null {
  const parts = plan.terms.map((term) => termParts(term, options.lean));
  const terms = parts.map((part) => part.expression);
  const required = plan.phrases.map((p) => quoted(p.join(' ')));
  if (terms.length) required.push(terms.length === 1 ? (terms[0] as string) : `(${terms.join(' OR ')})`);
  if (!required.length) return null;
  let match = required.join(' AND ');
  let phraseKinds = 'x'.repeat(plan.phrases.length) + parts.map((part) => part.kinds).join('');
  if (plan.excluded.length) {
    match = `(${match}) NOT (${plan.excluded.map(quoted).join(' OR ')})`;
    phraseKinds += 'w'.repeat(plan.excluded.length);
  }
  return { match, ...tierExpressions(plan), phraseKinds };
}

/**
 * The two stricter forms the tiers rank on, without prefix terms: the word being typed stands for its completions
 * from the word list (its forms). A prefix term longer than the prefix indexes (2 and 3 letters) makes FTS5 merge
 * the postings of every word with that beginning before it can skip to the rows asked about.
 */
function tierExpressions(plan: MatchPlan): { allWords: string | null; phrase: string | null } {
  const exact = plan.terms.map((term) => (term.forms.length === 1 ? quoted(term.forms[0] as string) : `(${term.forms.map(quoted).join(' OR ')})`));
  const allWords = exact.length > 1 ? exact.join(' AND ') : null;
  // A query of one word has no phrase tier: its phrase is the word between stop words, and FTS5 walks every posting
  // of those stop words over the range (40 ms for "is toudadeveand on" at a million stories).
  if (plan.sequence.length < 2 || !allWords) return { allWords, phrase: null };
  const head = plan.sequence.slice(0, -1).join(' ');
  const last = plan.sequence[plan.sequence.length - 1] as string;
  const endings = plan.sequenceTyping ? (plan.terms.find((t) => t.forms.includes(last))?.forms ?? [last]) : [last];
  return { allWords, phrase: endings.map((ending) => quoted(`${head} ${ending}`)).join(' OR ') };
}

/**
 * A rowid bound for FTS5. better-sqlite3 binds every JS number as a REAL, and FTS5 uses a rowid constraint to seek
 * only when its value is an INTEGER: with a REAL it reads every match and filters, 10 ms instead of 0.2 ms here.
 */
function rowidValue(value: number) {
  return sql`cast(${value} as integer)`;
}

/**
 * The ids a statement lists (its column `id`), read as one text (idList): for 6,000 ids better-sqlite3's object per row
 * cost 3.1 ms where FTS5 took 1.2 to find them. Their order is not kept.
 */
async function idsOf(db: Db, statement: RawBuilder<unknown>): Promise<number[]> {
  return idList((await sql<{ ids: string | null }>`select group_concat(id) as ids from (${statement})`.execute(db)).rows[0]?.ids);
}

/**
 * The stories among the candidates that match a stricter form of the query (a tier). Candidates are the matches from
 * the start of the newest pool up and, below it, matches of the selective terms (`narrowing`); FTS5 lists the stricter
 * form's matches over the same two parts, the second intersected with the selective terms' postings.
 */
function tierMatches(expression: string, range: { lowest: number; newestLowest: number; narrowing: string | null }): RawBuilder<unknown> {
  const { lowest, newestLowest, narrowing } = range;
  if (!narrowing || lowest >= newestLowest) return sql`select rowid as id from search_fts where search_fts match ${expression} and rowid >= ${rowidValue(lowest)}`;
  return sql`select rowid as id from search_fts where search_fts match ${expression} and rowid >= ${rowidValue(newestLowest)}
    union all select rowid as id from search_fts where search_fts match ${`(${expression}) AND (${narrowing})`} and rowid >= ${rowidValue(lowest)} and rowid < ${rowidValue(newestLowest)}`;
}

export async function searchFts5(db: Db, request: RankRequest, query: SearchQuery): Promise<MatchCount & { hits: SearchHit[] }> {
  const { plan, selective, known } = request;
  const expressions = fts5Expressions(plan);
  if (!expressions) return { ...exactCount(0), hits: [] };
  const match = expressions.match;
  // The index holds published stories only, so without filters the index alone lists the matches.
  const matching = (expression: string) =>
    hasFilters(query)
      ? sql`select m.id from (select rowid as id from search_fts where search_fts match ${expression} order by rowid desc) m join articles a on a.id = m.id where ${filterConditions(query)} order by m.id desc`
      : sql`select rowid as id from search_fts where search_fts match ${expression} order by rowid desc`;
  // The newest pool of matches (rowids follow publication): fewer than the pool are every match, counted exactly; a
  // full pool is ranked with every match of the selective words, and the total past it is estimated or counted.
  const pool = poolFor(query);
  let newest: number[] | null = null;
  let count: MatchCount;
  if (known && !known.estimated && known.total < pool) count = known;
  else {
    newest = await idsOf(db, sql`${matching(match)} limit ${pool}`);
    const countUpTo = async (cap: number) => Number((await sql<{ n: number }>`select count(*) as n from (${matching(match)} limit ${cap})`.execute(db)).rows[0]?.n ?? 0);
    count = known ?? (await totalPastPool(newest, pool, query, { ids: () => fts5IdRange(db), count: countUpTo }));
    if (newest.length < pool) newest = null;
  }
  if (count.total === 0) return { ...count, hits: [] };
  let candidates: number[] | null = null;
  // Where the newest pool begins, and the selective terms whose matches joined it from further back.
  let newestLowest = 0;
  const reachedBack: { expression: string; kinds: string }[] = [];
  const selectiveHeld: { term: TermPlan; ids: number[] }[] = [];
  if (newest) {
    const found = new Set(newest);
    newestLowest = Math.min(...newest);
    // The term alone lists the same stories when any term matches, without FTS5 merging every other word's postings.
    const anyTerm = matchesAnyTerm(plan);
    // Rarest word first, so that when the word list undercounts (it does not know stems) the rarest words' matches are kept.
    for (const term of query.sort === 'newest' ? [] : selective) {
      const room = pool * (selectiveShare + 1) - found.size;
      if (room <= 0) break;
      const part = termParts(term);
      const ids = await idsOf(db, sql`${matching(anyTerm ? part.expression : `(${match}) AND ${part.expression}`)} limit ${room}`);
      for (const id of ids) found.add(id);
      selectiveHeld.push({ term, ids });
      reachedBack.push(part);
    }
    candidates = [...found];
  }
  const lowest = candidates ? Math.min(...candidates) : 0;
  const range = { lowest, newestLowest, narrowing: reachedBack.length ? reachedBack.map((part) => part.expression).join(' OR ') : null };
  // Each tier's stories are listed by a statement of their own: inside the ranking statement SQLite would run
  // `m.id in (select rowid from search_fts …)` once per candidate, as a rowid lookup.
  const allWordsIds = expressions.allWords ? await idsOf(db, tierMatches(expressions.allWords, range)) : [];
  // A story matching the phrase holds all its words, so the phrase is looked for only between the first and the last
  // candidate holding them all, and not at all when none does. FTS5 walks a phrase's every word, stop words included,
  // over its range: 60 ms for an eight-word sentence at a million stories.
  const phraseIds =
    expressions.phrase && allWordsIds.length
      ? await idsOf(db, sql`select rowid as id from search_fts where search_fts match ${expressions.phrase} and rowid >= ${rowidValue(Math.min(...allWordsIds))} and rowid <= ${rowidValue(Math.max(...allWordsIds))}`)
      : [];
  // Past the page's reach and a margin, BM25 ranks only the candidates holding the most idf of the query's words.
  const reach = (query.offset ?? 0) + query.limit;
  const shortlisted =
    newest && candidates && !request.commonOnly && query.sort !== 'newest' && candidates.length > reach + shortlistMargin
      ? await shortlistFts5(db, { newest, newestLowest, lowest, candidates, selectiveHeld, others: plan.terms.filter((t) => !selective.includes(t)), total: count.total }, reach + shortlistMargin)
      : null;
  const ranks = shortlisted ?? candidates;
  const rankLowest = ranks ? Math.min(...ranks) : 0;
  // Every match from the start of the newest pool up is a candidate; below it only the selective terms' matches are.
  // `rowid + 0` keeps that short list away from FTS5: given `rowid in (…)` it runs the whole query once per value.
  const older = ranks ? JSON.stringify(ranks.filter((id) => id < newestLowest)) : '[]';
  const newestRanked = shortlisted ? sql`and (rowid + 0) in (select value from json_each(${JSON.stringify(shortlisted.filter((id) => id >= newestLowest))}))` : sql``;
  const within = shortlisted
    ? sql`and (rowid + 0) in (select value from json_each(${JSON.stringify(shortlisted)}))`
    : candidates
      ? sql`and (rowid >= ${rowidValue(newestLowest)} or (rowid + 0) in (select value from json_each(${older})))`
      : sql``;
  const inTier = (ids: number[]) => (ids.length ? sql`(m.id in (select value from json_each(${JSON.stringify(ids)})))` : sql`0`);
  const inAllWords = inTier(allWordsIds);
  const inPhrase = inTier(phraseIds);
  const boost = sql`(1.0 + ${sql.lit(ranking.allWordsBoost)} * ${inAllWords} + ${sql.lit(ranking.phraseBoost)} * ${inPhrase})`;
  const freshness = sql`(${sql.lit(1 - ranking.freshnessShare)} + ${sql.lit(ranking.freshnessShare)} / (1.0 + max(0.0, julianday('now') - julianday(a.published_at)) / 365.0))`;
  const order = query.sort === 'newest' ? sql`a.published_at desc, a.id desc` : sql`score desc, a.published_at desc, a.id desc`;
  // gazette_bm25() (src/search/native/rank.c) is bm25() with each word's story count kept between queries. Only common
  // words: bm25() would first read every posting of each to weigh them (a million postings of "the" at a million
  // stories), to give each a weight near nothing; the newest matches are ranked by the tiers and freshness.
  const native = hasRankingExtension(db);
  const weight = (kinds: string) => (request.commonOnly && candidates ? sql`-1.0` : native ? sql`gazette_bm25(search_fts, ${kinds}, ${columnWeights})` : sql`bm25(search_fts, ${columnWeights})`);
  let ranked = sql`select rowid as id, ${weight(expressions.phraseKinds)} as rank from search_fts where search_fts match ${match} and rowid >= ${rowidValue(rankLowest)} ${within}`;
  if (native && range.narrowing && rankLowest < newestLowest) {
    // Below the newest pool FTS5 finds the candidates by intersecting the selective terms' postings with the query's,
    // instead of walking every match of the query down to the oldest candidate (most of a million-story index for a
    // query of common words). The terms added to narrow the match weigh nothing (gazette_bm25's 'z').
    const narrowed = `(${match}) AND (${range.narrowing})`;
    const narrowedKinds = expressions.phraseKinds + reachedBack.map((part) => 'z'.repeat(part.kinds.length)).join('');
    ranked = sql`select rowid as id, ${weight(expressions.phraseKinds)} as rank from search_fts where search_fts match ${match} and rowid >= ${rowidValue(newestLowest)} ${newestRanked}
      union all
      select rowid as id, ${weight(narrowedKinds)} as rank from search_fts where search_fts match ${narrowed} and rowid >= ${rowidValue(rankLowest)} and rowid < ${rowidValue(newestLowest)}
        and (rowid + 0) in (select value from json_each(${older}))`;
  }
  // A query of one common word (no tiers, no bm25): every candidate's relevance is the same, so freshness alone orders
  // them, and it falls as the date does. The page is the candidates newest by date, read from the articles table
  // without walking the word's matches again or working out every candidate's freshness.
  const sameRelevance = request.commonOnly && candidates !== null && !expressions.allWords && query.sort !== 'newest';
  // Otherwise freshness moves a score by at most its share, so only stories within that share of the page's last score
  // can be on the page: only they are looked up in the articles table (thousands of lookups took 70 ms at a million
  // stories). Filters and the newest-first order need every candidate's row. CROSS JOIN keeps the candidates the outer
  // loop: the planner, not knowing how few they are, otherwise read every published story's index entry (70 ms at a
  // million).
  const rows = await (sameRelevance
    ? sql<{ id: number; score: number }>`
    select a.id, ${freshness} as score from articles a
    where a.id in (select value from json_each(${JSON.stringify(candidates)})) and ${filterConditions(query)}
    order by a.published_at desc, a.id desc
    limit ${query.limit} offset ${query.offset ?? 0}`
    : query.sort === 'newest' || hasFilters(query)
      ? sql<{ id: number; score: number }>`
    with m as (${ranked})
    select m.id, -m.rank * ${boost} * ${freshness} as score
    from m cross join articles a on a.id = m.id
    where ${filterConditions(query)}
    order by ${order}
    limit ${query.limit} offset ${query.offset ?? 0}`
      : sql<{ id: number; score: number }>`
    with m as (${ranked}),
    scored as materialized (select m.id, -m.rank * ${boost} as relevance from m),
    last as (select relevance from scored order by relevance desc limit 1 offset ${reach - 1})
    select s.id, s.relevance * ${freshness} as score
    from scored s cross join articles a on a.id = s.id
    where s.relevance >= coalesce((select relevance from last), 0) * ${sql.lit(1 - ranking.freshnessShare)} and ${filterConditions(query)}
    order by ${order}
    limit ${query.limit} offset ${query.offset ?? 0}`
  ).execute(db);
  const ids = rows.rows.map((r) => r.id);
  const marked = ids.length && (query.highlight || query.snippets) ? await highlights(db, plan, ids, query.snippets === true) : new Map<number, { title: Segment[]; body: Segment[] }>();
  return {
    ...count,
    hits: rows.rows.map((r) => {
      const text = marked.get(r.id);
      return { id: r.id, score: Number(r.score), title: text?.title ?? [], snippet: text?.body ?? [] };
    }),
  };
}

/**
 * The shortlist BM25 ranks (shortlistByPresence): each selective word's matches are known already, and each other word
 * (up to maxPresenceTerms) is looked up among the newest matches, which all lie from the newest pool's lowest rowid up.
 * An other word's idf is taken from its share of the newest matches, since the word list's counts do not know stems.
 * A word in the headline adds half its idf again (BM25 weighs the headline twice): without it a one-word query ranked
 * only its newest matches, and an older story named by its headline was never shown.
 */
async function shortlistFts5(
  db: Db,
  found: { newest: number[]; newestLowest: number; lowest: number; candidates: number[]; selectiveHeld: { term: TermPlan; ids: number[] }[]; others: TermPlan[]; total: number },
  size: number,
): Promise<number[]> {
  const docs = Math.max(found.total, await fts5StoryCount(db));
  // The look-ups below match one word each, unfiltered: only the candidates among what they find count.
  const isCandidate = new Set(found.candidates);
  const lookUp = async (expression: string, from: number) =>
    (await idsOf(db, sql`select rowid as id from search_fts where search_fts match ${expression} and rowid >= ${rowidValue(from)}`)).filter((id) => isCandidate.has(id));
  const held: { ids: number[]; idf: number }[] = [];
  const inHeadline = async (term: TermPlan, idf: number, from: number) => held.push({ ids: await lookUp(`{title} : ${termParts(term).expression}`, from), idf: idf * headlineShare });
  for (const { term, ids } of found.selectiveHeld) {
    const idf = bm25Idf(docs, ids.length);
    held.push({ ids, idf });
    await inHeadline(term, idf, found.lowest);
  }
  for (const term of found.others.slice(0, maxPresenceTerms)) {
    const ids = await lookUp(termParts(term).expression, found.newestLowest);
    const idf = bm25Idf(docs, (ids.length / Math.max(1, found.newest.length)) * found.total);
    held.push({ ids, idf });
    await inHeadline(term, idf, found.newestLowest);
  }
  return shortlistByPresence(found.candidates, held, size);
}

/** The lowest and highest story id in the index, from FTS5's table of row sizes (keyed by rowid, so two seeks). */
async function fts5IdRange(db: Db): Promise<{ first: number; last: number }> {
  const row = (await sql<{ first: number | null; last: number | null }>`
    select (select min(id) from search_fts_docsize) as first, (select max(id) from search_fts_docsize) as last`.execute(db)).rows[0];
  return { first: Number(row?.first ?? 0), last: Number(row?.last ?? 0) };
}

/**
 * Each hit's headline with the query's words marked and, for the results page, a marked passage of its text, in Node
 * (highlight.ts) from the texts the index keeps, as on PostgreSQL. FTS5's highlight() and snippet() ran the whole match
 * again over the hits' id range and tokenized each text: about 4 ms of a page at 100,000 stories.
 */
async function highlights(db: Db, plan: MatchPlan, ids: number[], withBody: boolean): Promise<Map<number, { title: Segment[]; body: Segment[] }>> {
  const rows = await sql<{ id: number; title: string; body: string }>`
    select rowid as id, title, ${withBody ? sql`body` : sql`''`} as body from search_fts where rowid in (${sql.join(ids)})`.execute(db);
  return markHits(rows.rows, plan, withBody);
}

/** A SQLite varint (big-endian, seven bits a byte, the ninth byte whole) at the start of `bytes`. */
function leadingVarint(bytes: Uint8Array): number {
  let value = 0;
  for (let i = 0; i < 9 && i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (i === 8) return value * 256 + byte;
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) return value;
  }
  return value;
}

/**
 * How many stories the index holds, from FTS5's own "averages" record (row 1 of its data table, which begins with the
 * row count as a varint and is kept up to date by every write): counting the rows would read the whole index.
 */
export async function fts5StoryCount(db: Db): Promise<number> {
  const row = (await sql<{ block: Uint8Array | null }>`select block from search_fts_data where id = 1`.execute(db)).rows[0];
  return row?.block ? leadingVarint(row.block) : 0;
}

/** Whether any story in the index contains the word. */
export async function fts5HasWord(db: Db, word: string): Promise<boolean> {
  const rows = await sql`select 1 from search_fts where search_fts match ${quoted(word)} limit 1`.execute(db);
  return rows.rows.length > 0;
}

export async function writeFts5(db: Db, articleId: number, doc: IndexDocument | null): Promise<void> {
  await sql`delete from search_fts where rowid = ${rowidValue(articleId)}`.execute(db);
  if (doc) await sql`insert into search_fts (rowid, title, dek, body, tags) values (${doc.id}, ${doc.title}, ${doc.dek}, ${doc.body}, ${doc.tags})`.execute(db);
}

/** Drops the index rows of stories that are no longer published (after a bulk load that replaced rows in place). */
export async function dropUnpublishedFts5(db: Db): Promise<void> {
  await sql`delete from search_fts where rowid not in (select id from articles where status = 'published')`.execute(db);
}

/** FTS5's default automerge level, restored after a bulk load. */
const defaultAutomerge = 4;

/**
 * A bulk load: automerge off while the batches are written (each would otherwise merge segments as it commits), then
 * one optimize that merges everything into a single b-tree, and automerge back on. An interrupted load leaves automerge
 * off until the next run, which is harmless: searches stay correct, only segments accumulate until it finishes.
 */
export async function beginFts5Bulk(db: Db): Promise<{ finish(): Promise<void> }> {
  await sql`insert into search_fts (search_fts, rank) values ('automerge', 0)`.execute(db);
  return {
    async finish() {
      await sql`insert into search_fts (search_fts) values ('optimize')`.execute(db);
      await sql`insert into search_fts (search_fts, rank) values ('automerge', ${sql.lit(defaultAutomerge)})`.execute(db);
    },
  };
}

/**
 * As-you-type: looks only at the newest `pool` matching stories, so the cost stays flat however common the typed
 * letters are. Past the pool the total is estimated from how far back the newest reach, as on the results page.
 */
export async function suggestFts5(db: Db, plan: MatchPlan, limit: number, pool: number): Promise<MatchCount & { hits: SuggestHit[] }> {
  const expressions = fts5Expressions(plan, { lean: true });
  if (!expressions) return { ...exactCount(0), hits: [] };
  const candidates = await sql<SuggestRow>`
    select ${suggestColumns} from (
      select rowid as id from search_fts where search_fts match ${expressions.match} order by rowid desc limit ${pool}
    ) c join articles a on a.id = c.id join sections sec on sec.id = a.section_id
    where a.status = 'published'`.execute(db);
  const ids = candidates.rows.map((r) => r.id);
  if (!ids.length) return { ...exactCount(0), hits: [] };
  // The candidates are every match from the lowest candidate rowid up, so a rowid range finds which of them match more.
  const lowest = Math.min(...ids);
  const within = async (expression: string | null) => {
    if (!expression) return new Set<number>();
    return new Set(await idsOf(db, sql`select rowid as id from search_fts where search_fts match ${expression} and rowid >= ${rowidValue(lowest)}`));
  };
  const allWords = await within(expressions.allWords);
  const phrase = await within(expressions.phrase);
  const count = await poolTotal(ids.length, pool, lowest, () => fts5IdRange(db));
  const matcher = wordMatcher(plan);
  const ranked = rankCandidates(
    candidates.rows.map((r) => suggestCandidate(r, (allWords.has(r.id) ? 1 : 0) + (phrase.has(r.id) ? 1 : 0))),
    matcher,
    limit,
  );
  return { ...count, hits: ranked.map((r) => suggestHit(r, matcher)) };
}
