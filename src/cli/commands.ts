/**
 * Every `gazette` sub-command; add one entry here to add a command. A command's module is loaded only when it runs,
 * so `gazette serve` does not pay for the importer, the exporter or the backup code at start-up.
 */
import type { Command } from './types.js';

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const commands: CommandEntry[] = [
  { name: 'serve', summary: 'Run the site, newsroom and API', load: async () => (await import('./serve.js')).serveCommand },
  { name: 'migrate', summary: 'Apply database migrations', load: async () => (await import('./migrate.js')).migrateCommand },
  { name: 'import', summary: 'Import a WordPress export (WXR)', load: async () => (await import('./import.js')).importCommand },
  { name: 'export', summary: 'Export the site as WordPress WXR or JSON', load: async () => (await import('./export.js')).exportCommand },
  { name: 'backup', summary: 'Copy the live database to a backup file', load: async () => (await import('./backup.js')).backupCommand },
  { name: 'restore', summary: 'Replace the database with a backup', load: async () => (await import('./backup.js')).restoreCommand },
  { name: 'user', summary: 'Create and list newsroom users, reset passwords', load: async () => (await import('./user.js')).userCommand },
  { name: 'reindex', summary: 'Rebuild the search index', load: async () => (await import('./reindex.js')).reindexCommand },
  { name: 'sources', summary: 'Propose sources from the attributions in stored stories', load: async () => (await import('./sources.js')).sourcesCommand },
  { name: 'media', summary: 'Make missing image variants', load: async () => (await import('./media.js')).mediaCommand },
  { name: 'newsletters', summary: 'Subscriber and outbox counts; send a composed edition', load: async () => (await import('./newsletters.js')).newslettersCommand },
];
