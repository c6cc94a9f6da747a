/**
 * Gazette's SQLite ranking extension (src/search/native/rank.c, compiled into dist/native/ by scripts/build.mjs):
 * FTS5's BM25 with each word's story count kept between queries. Loaded into every SQLite connection when it was
 * built; without it search ranks with FTS5's own bm25(), the same figures, slower on a large archive.
 * GAZETTE_RANKING_EXTENSION names another build of it, or `off`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { projectRoot } from '../source-files.js';

const suffix = process.platform === 'win32' ? 'dll' : process.platform === 'darwin' ? 'dylib' : 'so';
const builtFile = path.join(projectRoot, 'dist', 'native', `gazette_rank.${suffix}`);
let warned = false;

function warnOnce(reason: string): void {
  if (warned) return;
  warned = true;
  process.stderr.write(`Search: ${reason}; ranking with FTS5's bm25() instead (the same order, slower on a large archive).\n`);
}

/** Loads the extension into a connection; false when it is switched off, not built, or fails to load. */
export function loadRankingExtension(connection: SQLite.Database): boolean {
  const setting = process.env.GAZETTE_RANKING_EXTENSION;
  if (setting === 'off') return false;
  const file = setting || builtFile;
  if (!fs.existsSync(file)) {
    warnOnce(`the ranking extension is not built (${path.relative(projectRoot, file)}; \`npm run build\` builds it with a C compiler)`);
    return false;
  }
  try {
    connection.loadExtension(file);
    return true;
  } catch (error) {
    warnOnce(`the ranking extension ${file} did not load (${(error as Error).message})`);
    return false;
  }
}
