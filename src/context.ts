/** What every capability needs at run time, built once per process and handed to routes and jobs. */
import type { Config } from './config.js';
import type { Store } from './db/index.js';
import type { ContentEventBus } from './events.js';

export interface AppContext {
  config: Config;
  store: Store;
  events: ContentEventBus;
  /** Secret for hashing IPs and signing; from GAZETTE_SECRET or generated once into the data dir. */
  secret: string;
}
