/** `gazette migrate`: bring the database schema up to date and say what ran. */
import { loadConfig } from '../config.js';
import { migrate, openStore } from '../db/index.js';
import type { Command } from './types.js';

export const migrateCommand: Command = {
  name: 'migrate',
  help: 'Usage: gazette migrate\n\nApplies every pending migration to the database named by DATABASE_URL (default: ./data/gazette.db).',
  async run() {
    const config = loadConfig();
    const store = await openStore(config.databaseUrl);
    try {
      const result = await migrate(store.db, store.schema);
      const ran = result.results ?? [];
      if (ran.length === 0) console.log('The database is up to date.');
      for (const r of ran) console.log(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
