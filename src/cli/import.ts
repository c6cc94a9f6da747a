/**
 * `gazette import wordpress FILE`: imports a WordPress export with a progress bar on stderr and a summary on stdout; what
 * was skipped goes to stderr, one line each, and the exit code says whether anything was (see `help`).
 */
import fs from 'node:fs';
import { createContext } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { systemActor } from '../accounts/actor.js';
import { describeSkip, importWordPress, type Counted, type ImportReport } from '../importers/wordpress/import.js';
import { isSlug } from '../slugs.js';
import { parseArgs, UsageError, type Command } from './types.js';

const help = `Usage: gazette import wordpress FILE [options]

Imports a WordPress export (Tools > Export > All content; WXR 1.0 to 1.2) into the database named by
DATABASE_URL: posts, pages, categories, tags, authors (as users who cannot sign in until given a password),
comments, excerpts, featured images, SEO titles and descriptions, and redirects from the old addresses.
Running it again imports only what is missing, so it is safe to repeat after an interruption.

Items that cannot be imported (no post type, a type Gazette does not keep, a broken date, neither title nor
text, an attachment without a file, a comment outside any post…) are skipped, as WordPress's importer does,
and the rest imported; each skipped item is listed on stderr with its line and the reason. Malformed XML
imports nothing and names the line.

Options:
  --categories sections|tags  categories become sections (default; a post's primary category is its
                              section and the others become tags) or all become tags
  --default-section SLUG      section for posts without a category, or for all posts with
                              --categories tags (default: news)
  --pages-section SLUG        section that WordPress pages go to (default: pages)
  --uploads DIR               a copy of wp-content/uploads: image files are imported from it.
                              Without it nothing is downloaded; images keep their old URLs, listed at the end
  --strict                    all or nothing: if anything would be skipped, import nothing (the import
                              runs as one transaction, so other writes to the database wait for it)
  --quiet                     no progress bar

Exit codes: 0 everything imported, 3 imported but some items skipped, 4 --strict and something would be
skipped (nothing imported), 1 the file could not be read (malformed XML: nothing imported), 2 bad usage.`;

/** Exit codes scripts can tell apart: see the help text and README. */
export const exitSkipped = 3;
export const exitStrictRefused = 4;

function progressBar(quiet: boolean): (done: number, total: number, phase?: string) => void {
  if (quiet) return () => undefined;
  const interactive = process.stderr.isTTY;
  let lastShown = -1;
  let lastPhase = 'items';
  return (done, total, phase = 'items') => {
    if (phase !== lastPhase) {
      lastPhase = phase;
      lastShown = -1;
    }
    const percent = total ? Math.floor((done / total) * 100) : 100;
    if (interactive) {
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(percent).padStart(3)}%  ${done}/${total} ${phase}`);
      if (done === total) process.stderr.write('\n');
    } else if (percent >= lastShown + 10 || done === total) {
      lastShown = percent - (percent % 10);
      process.stderr.write(`import: ${percent}% (${done}/${total} ${phase})\n`);
    }
  };
}

const labels: Record<Counted, string> = {
  authors: 'authors', sections: 'sections', tags: 'tags', posts: 'posts', pages: 'pages', comments: 'comments', redirects: 'redirects', media: 'media files',
};

export function formatReport(report: ImportReport): string {
  const lines = [`Imported from ${report.source} (WXR ${report.version}):`];
  for (const kind of Object.keys(labels) as Counted[]) {
    const fresh = report.imported[kind];
    const old = report.alreadyImported[kind];
    lines.push(`  ${labels[kind].padEnd(12)} ${String(fresh).padStart(6)} new${old ? `, ${old} already imported` : ''}`);
  }
  if (report.stickyPosts.length) {
    lines.push('', `Sticky posts (Gazette has no pinning; put these on the front page by hand if wanted): ${report.stickyPosts.length}`);
    for (const title of report.stickyPosts) lines.push(`  ${title}`);
  }
  if (report.heldBack.length) {
    lines.push('', `Imported as drafts: ${report.heldBack.length}`);
    for (const line of report.heldBack) lines.push(`  ${line}`);
  }
  lines.push('', `Skipped: ${report.skipped.length}${report.skipped.length ? ' (listed on stderr)' : ''}`);
  if (report.remoteMedia.length) {
    lines.push('', `Media still on the old site (${report.remoteMedia.length}; rerun with --uploads DIR to import the files):`);
    for (const url of report.remoteMedia) lines.push(`  ${url}`);
  }
  return lines.join('\n');
}

/** The skip report for stderr: a summary line, then one line per skipped item with its line and reason. */
export function formatSkips(report: ImportReport): string {
  const n = report.skipped.length;
  if (n === 0) return '';
  const summary = report.refused
    ? `import: nothing was imported (--strict): ${n} ${n === 1 ? 'thing' : 'things'} would be skipped:`
    : `import: ${n} ${n === 1 ? 'thing was' : 'things were'} skipped, everything else was imported:`;
  return [summary, ...report.skipped.map((skip) => `  ${describeSkip(skip)}`)].join('\n');
}

export const importCommand: Command = {
  name: 'import',
  help,
  async run(args) {
    const { flags, positional } = parseArgs(args, ['quiet', 'strict']);
    const [format, file, extra] = positional;
    if (format !== 'wordpress') throw new UsageError(format ? `unknown import format "${format}"; Gazette imports "wordpress"` : 'say what to import: gazette import wordpress FILE');
    if (!file) throw new UsageError('name the export file: gazette import wordpress FILE');
    if (extra) throw new UsageError(`unexpected argument "${extra}"`);
    const categories = flags.categories ?? 'sections';
    if (categories !== 'sections' && categories !== 'tags') throw new UsageError(`--categories must be "sections" or "tags", not "${String(categories)}"`);
    const defaultSection = typeof flags['default-section'] === 'string' ? flags['default-section'] : 'news';
    const pagesSection = typeof flags['pages-section'] === 'string' ? flags['pages-section'] : 'pages';
    for (const [flag, value] of [['--default-section', defaultSection], ['--pages-section', pagesSection]] as const) {
      if (!isSlug(value)) throw new UsageError(`${flag} must be a slug (lower-case letters, digits, hyphens), not "${value}"`);
    }
    const uploads = typeof flags.uploads === 'string' ? flags.uploads : null;
    if (uploads !== null && !fs.statSync(uploads, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--uploads ${uploads} is not a folder`);
    if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) throw new Error(`cannot read ${file}: no such file`);

    const ctx = await createContext(loadConfig());
    if (flags.quiet !== true) process.stderr.write(`import: checking ${file} before importing anything…\n`);
    try {
      const report = await importWordPress(ctx, systemActor('cli'), file, {
        categories,
        defaultSection,
        pagesSection,
        uploadsDir: uploads,
        strict: flags.strict === true,
        onProgress: progressBar(flags.quiet === true),
      });
      if (!report.refused) console.log(formatReport(report));
      if (report.skipped.length) process.stderr.write(`${formatSkips(report)}\n`);
      return report.refused ? exitStrictRefused : report.skipped.length ? exitSkipped : 0;
    } finally {
      await ctx.store.close();
    }
  },
};
