/** `gazette media variants`: make the image variants the library is missing (AVIF for the demo's and imported images, or after a crash). */
import path from 'node:path';
import { loadConfig } from '../config.js';
import { openStore } from '../db/index.js';
import { makeMissingVariants } from '../media/storage.js';
import { parseArgs, UsageError, type Command } from './types.js';

export const mediaCommand: Command = {
  name: 'media',
  help: `Usage: gazette media variants

Makes the WebP and AVIF variants that images in the media library are missing: images stored without AVIF
(the demo's, imported ones) or whose background AVIF job was cut short by a restart. Safe to run again.`,
  async run(args) {
    const { positional } = parseArgs(args);
    if (positional[0] !== 'variants' || positional.length > 1) throw new UsageError('say what to do: gazette media variants');
    const config = loadConfig();
    const store = await openStore(config.databaseUrl);
    try {
      const completed = await makeMissingVariants(store.db, path.join(config.dataDir, 'media'), (line) => console.log(line));
      console.log(completed === 0 ? 'Every image already has its variants.' : `Made variants for ${completed} ${completed === 1 ? 'image' : 'images'}.`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
