/*
 * Gazette's ranking function for SQLite FTS5, loaded as an extension where it could be compiled (scripts/build.mjs).
 *
 *   gazette_bm25(search_fts, phrase_kinds, w_title, w_dek, w_body, w_tags)
 *
 * The same figure as FTS5's bm25() with those column weights (k1 1.2, b 0.75, the same idf and sign: lower is
 * better), except that the story count of each word and prefix is kept between queries until the index changes:
 * bm25() counts them anew for every query by reading every posting. phrase_kinds has one letter per phrase of the
 * match, in order: 'w' a word, 'p' a prefix, 'x' anything else (never kept), 'z' a phrase that only narrows the
 * match and adds nothing to the score.
 */
#include <math.h>
#include <string.h>
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1

#define GAZETTE_K1 1.2
#define GAZETTE_B 0.75
#define GAZETTE_COLUMNS 4

typedef struct QueryFigures {
  int phrases;
  double *idf; /* one per phrase */
  double *freq; /* per row: each phrase's weighted frequency */
  double meanLength; /* tokens per story across the index */
} QueryFigures;

/*
 * Story counts of single words and prefixes, kept between queries: FTS5's bm25() reads every posting of each phrase
 * to count its stories, for every query (200,000 postings for a word in a fifth of a million stories). A count is
 * keyed by the index's size (its row and token totals), so any write to the index makes the counts before it miss.
 */
#define CACHE_SLOTS 8192
#define CACHE_TOKEN 48

typedef struct CachedCount {
  const void *index; /* the connection */
  sqlite3_uint64 file; /* a hash of its database file's name: a closed connection's address can come back */
  sqlite3_int64 rows, tokens, hits;
  char kind;
  unsigned char length;
  char token[CACHE_TOKEN];
} CachedCount;

static CachedCount *cache = 0;
static sqlite3_mutex *cacheMutex = 0;

static unsigned slotOf(const void *index, sqlite3_uint64 file, char kind, const char *token, int length) {
  unsigned hash = 2166136261u ^ (unsigned)(size_t)index ^ (unsigned)file ^ (unsigned char)kind;
  for (int i = 0; i < length; i++) hash = (hash ^ (unsigned char)token[i]) * 16777619u;
  return hash % CACHE_SLOTS;
}

static int cachedCount(const void *index, sqlite3_uint64 file, sqlite3_int64 rows, sqlite3_int64 tokens, char kind, const char *token, int length, sqlite3_int64 *hits) {
  if (!cache || length <= 0 || length > CACHE_TOKEN) return 0;
  CachedCount *slot = &cache[slotOf(index, file, kind, token, length)];
  int found = 0;
  sqlite3_mutex_enter(cacheMutex);
  if (slot->index == index && slot->file == file && slot->rows == rows && slot->tokens == tokens && slot->kind == kind && slot->length == length && memcmp(slot->token, token, (size_t)length) == 0) {
    *hits = slot->hits;
    found = 1;
  }
  sqlite3_mutex_leave(cacheMutex);
  return found;
}

static void keepCount(const void *index, sqlite3_uint64 file, sqlite3_int64 rows, sqlite3_int64 tokens, char kind, const char *token, int length, sqlite3_int64 hits) {
  if (!cache || length <= 0 || length > CACHE_TOKEN) return;
  CachedCount *slot = &cache[slotOf(index, file, kind, token, length)];
  sqlite3_mutex_enter(cacheMutex);
  slot->index = index;
  slot->file = file;
  slot->rows = rows;
  slot->tokens = tokens;
  slot->hits = hits;
  slot->kind = kind;
  slot->length = (unsigned char)length;
  memcpy(slot->token, token, (size_t)length);
  sqlite3_mutex_leave(cacheMutex);
}

static int countRow(const Fts5ExtensionApi *api, Fts5Context *fts, void *user) {
  (void)api;
  (void)fts;
  (*(sqlite3_int64 *)user)++;
  return SQLITE_OK;
}

/*
 * The stories holding phrase i. `kind` says what the query's author made of the phrase: 'w' a word, 'p' a prefix
 * (the two look alike from here), anything else a phrase that is not kept between queries.
 */
static int phraseHits(const Fts5ExtensionApi *api, Fts5Context *fts, const void *index, sqlite3_uint64 file, sqlite3_int64 rows, sqlite3_int64 tokens, int i, char kind, sqlite3_int64 *hits) {
  const char *token = 0;
  int length = 0;
  int keyed = (kind == 'w' || kind == 'p') && api->iVersion >= 3 && api->xPhraseSize(fts, i) == 1 && api->xQueryToken(fts, i, 0, &token, &length) == SQLITE_OK;
  if (keyed && cachedCount(index, file, rows, tokens, kind, token, length, hits)) return SQLITE_OK;
  *hits = 0;
  int rc = api->xQueryPhrase(fts, i, (void *)hits, countRow);
  if (rc == SQLITE_OK && keyed) keepCount(index, file, rows, tokens, kind, token, length, *hits);
  return rc;
}

static int queryFigures(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3 *db, const char *kinds, QueryFigures **out) {
  QueryFigures *figures = (QueryFigures *)api->xGetAuxdata(fts, 0);
  if (figures) {
    *out = figures;
    return SQLITE_OK;
  }
  int phrases = api->xPhraseCount(fts);
  size_t slots = (size_t)(phrases > 0 ? phrases : 1);
  figures = (QueryFigures *)sqlite3_malloc64(sizeof(QueryFigures) + sizeof(double) * 2 * slots);
  if (!figures) return SQLITE_NOMEM;
  memset(figures, 0, sizeof(QueryFigures));
  figures->phrases = phrases;
  figures->idf = (double *)&figures[1];
  figures->freq = &figures->idf[slots];
  /* The kinds must describe this query's phrases one for one, or none is kept. */
  if (!kinds || (int)strlen(kinds) != phrases) kinds = 0;

  sqlite3_uint64 file = 14695981039346656037ull;
  for (const char *c = sqlite3_db_filename(db, "main"); c && *c; c++) file = (file ^ (unsigned char)*c) * 1099511628211ull;
  sqlite3_int64 rows = 0, tokens = 0;
  int rc = api->xRowCount(fts, &rows);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
  for (int i = 0; rc == SQLITE_OK && i < phrases; i++) {
    if (kinds && kinds[i] == 'z') {
      figures->idf[i] = 0.0;
      continue;
    }
    sqlite3_int64 hits = 0;
    rc = phraseHits(api, fts, db, file, rows, tokens, i, kinds ? kinds[i] : 'x', &hits);
    double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
    figures->idf[i] = idf <= 0.0 ? 1e-6 : idf;
  }
  if (rc == SQLITE_OK) {
    figures->meanLength = rows > 0 ? (double)tokens / (double)rows : 1.0;
    rc = api->xSetAuxdata(fts, figures, sqlite3_free);
  }
  if (rc != SQLITE_OK) {
    sqlite3_free(figures);
    return rc;
  }
  *out = figures;
  return SQLITE_OK;
}

static void gazetteBm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context, int argc, sqlite3_value **argv) {
  const char *kinds = argc > 0 ? (const char *)sqlite3_value_text(argv[0]) : 0;
  double weights[GAZETTE_COLUMNS];
  for (int c = 0; c < GAZETTE_COLUMNS; c++) weights[c] = argc > 1 + c ? sqlite3_value_double(argv[1 + c]) : 1.0;

  QueryFigures *figures = 0;
  int rc = queryFigures(api, fts, sqlite3_context_db_handle(context), kinds, &figures);
  int instances = 0;
  if (rc == SQLITE_OK) {
    memset(figures->freq, 0, sizeof(double) * (size_t)figures->phrases);
    rc = api->xInstCount(fts, &instances);
  }
  for (int i = 0; rc == SQLITE_OK && i < instances; i++) {
    int phrase, column, offset;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK && phrase >= 0 && phrase < figures->phrases) figures->freq[phrase] += column >= 0 && column < GAZETTE_COLUMNS ? weights[column] : 1.0;
  }
  int length = 0;
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &length);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(context, rc);
    return;
  }
  double norm = GAZETTE_K1 * (1.0 - GAZETTE_B + GAZETTE_B * (double)length / figures->meanLength);
  double score = 0.0;
  for (int i = 0; i < figures->phrases; i++) {
    double f = figures->freq[i];
    if (f > 0.0) score += figures->idf[i] * (f * (GAZETTE_K1 + 1.0)) / (f + norm);
  }
  sqlite3_result_double(context, -score);
}

static fts5_api *fts5Api(sqlite3 *db) {
  fts5_api *api = 0;
  sqlite3_stmt *statement = 0;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, 0) != SQLITE_OK) return 0;
  sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", 0);
  sqlite3_step(statement);
  sqlite3_finalize(statement);
  return api;
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_gazetterank_init(sqlite3 *db, char **error, const sqlite3_api_routines *routines) {
  SQLITE_EXTENSION_INIT2(routines);
  fts5_api *api = fts5Api(db);
  if (!api || api->iVersion < 2) {
    *error = sqlite3_mprintf("gazette_bm25 needs FTS5");
    return SQLITE_ERROR;
  }
  sqlite3_mutex *global = sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_MAIN);
  sqlite3_mutex_enter(global);
  if (!cacheMutex) cacheMutex = sqlite3_mutex_alloc(SQLITE_MUTEX_FAST);
  if (!cache && cacheMutex) {
    cache = (CachedCount *)sqlite3_malloc64(sizeof(CachedCount) * CACHE_SLOTS);
    if (cache) memset(cache, 0, sizeof(CachedCount) * CACHE_SLOTS);
  }
  sqlite3_mutex_leave(global);
  return api->xCreateFunction(api, "gazette_bm25", 0, gazetteBm25, 0);
}
