/** `gazette export --format wxr|json [--out FILE]`: the whole site as a WordPress export or a JSON dump. */
import fs from 'node:fs';
import { once } from 'node:events';
import { createContext } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { writeJsonExport } from '../importers/json-export.js';
import { writeWxr } from '../importers/wordpress/wxr-writer.js';
import { parseArgs, UsageError, type Command } from './types.js';
import { plural } from '../plural.js';

export const exportCommand: Command = {
  name: 'export',
  help: `Usage: gazette export --format wxr|json [--out FILE]

Writes every story (in any state), section, tag, author, comment and redirect of the database named by
DATABASE_URL. Without --out the export goes to standard output.

  --format wxr   a WordPress export (WXR 1.2): WordPress's importer reads it, and so does
                 'gazette import wordpress' (which also restores Gazette's redirects and co-authors)
  --format json  one JSON document with the same content, for scripts and other systems
  --out FILE     write to FILE instead of standard output

Featured images are referenced by URL under SITE_URL; copy the data folder's media/ with the file and pass
it to 'gazette import wordpress --uploads' to bring the images along.`,
  async run(args) {
    const { flags, positional } = parseArgs(args);
    if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"`);
    const format = flags.format;
    if (format !== 'wxr' && format !== 'json') throw new UsageError(format ? `--format must be wxr or json, not "${String(format)}"` : 'choose --format wxr or --format json');
    const outFile = typeof flags.out === 'string' ? flags.out : null;
    const config = loadConfig();
    const ctx = await createContext(config);
    const partial = outFile ? `${outFile}.partial` : null;
    const out = partial ? fs.createWriteStream(partial) : process.stdout;
    // `gazette export … | head` closing the pipe early is the reader's choice, not a failure.
    if (!partial) process.stdout.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? process.exit(0) : undefined));
    try {
      const write = format === 'wxr' ? writeWxr : writeJsonExport;
      const { stories } = await write(ctx.store.db, config.siteUrl, out);
      if (partial && outFile) {
        out.end();
        await once(out, 'finish');
        fs.renameSync(partial, outFile);
        console.error(`Exported ${plural(stories, 'story', 'stories')} to ${outFile}.`);
      }
      return 0;
    } catch (error) {
      if (partial) fs.rmSync(partial, { force: true });
      throw error;
    } finally {
      await ctx.store.close();
    }
  },
};
