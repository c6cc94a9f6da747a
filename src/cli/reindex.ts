/** `gazette reindex`: rebuild the search index, its word list and the related-stories lists from the published stories, with progress bars. */
import { loadConfig } from '../config.js';
import { migrate, openStore } from '../db/index.js';
import { rebuildRelatedLists } from '../content/related.js';
import { rebuildSearchIndex } from '../search/index.js';
import { parseArgs, UsageError, type Command } from './types.js';

/** A one-line bar redrawn in place on a terminal; on a pipe, a line per tenth so logs stay short. */
export function progressReporter(stream: NodeJS.WriteStream, what = 'stories'): (done: number, total: number) => void {
  let lastTenth = -1;
  return (done, total) => {
    const fraction = total ? done / total : 1;
    const width = 30;
    const filled = Math.round(fraction * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%  ${done}/${total} ${what}`;
    if (stream.isTTY) {
      stream.write(`\r${line}${done === total ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      stream.write(`${line}\n`);
    }
  };
}

export const reindexCommand: Command = {
  name: 'reindex',
  help: `Usage: gazette reindex

Rebuilds the search index and its word list from every published story as a bulk
load: 1,000 stories per transaction, each story's index row replaced in place, so
searches keep answering throughout; rows of stories no longer published are dropped
and the word list replaced at the end. SQLite merges the index once at the end
instead of after every batch; on PostgreSQL a first load into an empty index builds
the GIN index once at the end. Safe to run again at any time, also after an
interrupted run. Then works out every published story's related stories again (500 stories per
transaction; story pages show the old list until theirs is replaced).
Progress is shown on stderr.`,
  async run(args) {
    const { positional } = parseArgs(args);
    if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"`);
    const config = loadConfig();
    const store = await openStore(config.databaseUrl);
    try {
      await migrate(store.db, store.schema);
      const started = Date.now();
      const count = await rebuildSearchIndex(store.db, progressReporter(process.stderr, 'stories indexed'));
      console.log(`Indexed ${count} published ${count === 1 ? 'story' : 'stories'} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      const relatingStarted = Date.now();
      await rebuildRelatedLists(store.db, progressReporter(process.stderr, 'stories related'));
      console.log(`Related stories worked out for ${count} ${count === 1 ? 'story' : 'stories'} in ${((Date.now() - relatingStarted) / 1000).toFixed(1)} s.`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
