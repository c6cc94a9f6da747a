/** Opens the store, migrates, and builds the shared context; used by `serve`, the CLI and tests alike. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { migrate, openStore } from './db/index.js';
import { ContentEventBus } from './events.js';

/** GAZETTE_SECRET, or one generated on first run and kept in the data dir so restarts and workers agree. */
export function resolveSecret(config: Config): string {
  if (config.secret) return config.secret;
  const file = path.join(config.dataDir, 'secret.key');
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    try {
      fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      // Another worker wrote it first.
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}

export async function createContext(config: Config, options: { migrate?: boolean } = {}): Promise<AppContext> {
  const store = await openStore(config.databaseUrl, config.databaseReplicaUrl);
  if (options.migrate !== false) await migrate(store.db, store.schema);
  return { config, store, events: new ContentEventBus(), secret: resolveSecret(config) };
}
