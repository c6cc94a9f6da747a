/** Read-your-own-writes with a replica: `store.read` follows the current request's choice of primary or replica. */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './index.js';

export type ReadTarget = 'primary' | 'replica';

const current = new AsyncLocalStorage<ReadTarget>();

/** Runs `fn` (and everything it awaits) with reads going to `target`. */
export function withReadTarget<T>(target: ReadTarget, fn: () => T): T {
  return current.run(target, fn);
}

/** A Kysely handle that sends each query to the primary or the replica, chosen when the query is built. */
export function routedReads(primary: Db, replica: Db): Db {
  return new Proxy(replica, {
    get(_target, property) {
      const chosen = current.getStore() === 'primary' ? primary : replica;
      const value: unknown = Reflect.get(chosen, property, chosen);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(chosen) : value;
    },
  });
}
