/** `gazette sources backfill`: find the attributions in stored and imported stories and propose sources for the desk. */
import { createContext } from '../bootstrap.js';
import { systemActor } from '../accounts/actor.js';
import { loadConfig } from '../config.js';
import { backfillSources } from '../sources/backfill.js';
import { progressReporter } from './reindex.js';
import { parseArgs, UsageError, type Command } from './types.js';

export const sourcesCommand: Command = {
  name: 'sources',
  help: `Usage: gazette sources backfill

Reads every stored story (imported ones too) for the attributions of quote blocks
(the <cite> in a quote's caption). Names that already mean a source in the
directory are linked to it; the others are proposed as new sources, spellings that
differ only in case, punctuation or initials grouped together ("U.N." and "UN").
The desk confirms, links or dismisses the proposals in the newsroom, under
Sources > names found in stories. Safe to run again: proposals are updated, never
doubled, and decided ones stay decided. Progress is shown on stderr.`,
  async run(args) {
    const { positional } = parseArgs(args);
    if (positional[0] !== 'backfill') throw new UsageError(positional[0] ? `unknown sub-command "${positional[0]}"; did you mean "backfill"?` : 'say what to do: gazette sources backfill');
    if (positional.length > 1) throw new UsageError(`unexpected argument "${positional[1]}"`);
    const ctx = await createContext(loadConfig());
    try {
      const progress = progressReporter(process.stderr, 'stories read');
      const started = Date.now();
      const result = await backfillSources(ctx, systemActor('cli'), { onProgress: ({ done, total }) => progress(done, total) });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`Read ${result.stories} ${result.stories === 1 ? 'story' : 'stories'} in ${seconds} s.`);
      console.log(`Linked ${result.linked} ${result.linked === 1 ? 'story' : 'stories'} to sources already in the directory.`);
      console.log(`${result.unmatched} ${result.unmatched === 1 ? 'attribution names' : 'attributions name'} no source yet: ${result.added} new ${result.added === 1 ? 'proposal' : 'proposals'}, ${result.open} waiting for the desk at /newsroom/sources/proposals.`);
      for (const skipped of result.skipped) console.error(`Story ${skipped.articleId} skipped: ${skipped.message}`);
      return 0;
    } finally {
      await ctx.store.close();
    }
  },
};
