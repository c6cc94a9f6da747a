/**
 * Queries whose SQL is built once. Kysely builds and compiles a query's SQL at every call, which for the dozen small
 * indexed queries of a story page costs about as much as running them. A reusable query is built once per SQL
 * dialect (and per length of each list argument) with marker values in place of its arguments; each call runs that
 * SQL with its own values. `build` may use its arguments only as values (comparisons, `in` lists), never to choose
 * the query's shape.
 */
import type { Compilable, CompiledQuery } from 'kysely';
import { isPostgres } from './dialect.js';
import type { Db } from './index.js';

type Value = string | number | null;
type Arg = Value | readonly Value[];

interface Plan<R> {
  compiled: CompiledQuery<R>;
  /** For each SQL parameter: the argument (and list item) it carries, or null for a constant of the query. */
  slots: ({ arg: number; item: number | null } | null)[];
}

const markerPrefix = '\u0000gazette-arg:';

export function reusableQuery<A extends Arg[], R>(build: (db: Db, ...args: A) => Compilable<R>): (db: Db, ...args: A) => Promise<R[]> {
  const plans = new Map<string, Plan<R>>();
  return async (db, ...args) => {
    const key = `${isPostgres(db) ? 'pg' : 'sqlite'}:${args.map((a) => (Array.isArray(a) ? a.length : '')).join(',')}`;
    let plan = plans.get(key);
    if (!plan) {
      const markers = args.map((a, i) => (Array.isArray(a) ? a.map((_, j) => `${markerPrefix}${i}.${j}`) : `${markerPrefix}${i}`)) as A;
      const compiled = build(db, ...markers).compile();
      const slots = compiled.parameters.map((parameter) => {
        if (typeof parameter !== 'string' || !parameter.startsWith(markerPrefix)) return null;
        const [arg, item] = parameter.slice(markerPrefix.length).split('.');
        return { arg: Number(arg), item: item === undefined ? null : Number(item) };
      });
      if (slots.filter(Boolean).length !== args.reduce<number>((n, a) => n + (Array.isArray(a) ? a.length : 1), 0)) {
        throw new Error('reusableQuery: every argument must appear in the query as a value');
      }
      plan = { compiled, slots };
      plans.set(key, plan);
    }
    const { compiled, slots } = plan;
    const parameters = compiled.parameters.map((constant, k) => {
      const slot = slots[k];
      if (!slot) return constant;
      const arg = args[slot.arg];
      return slot.item === null ? arg : (arg as readonly Value[])[slot.item];
    });
    return (await db.executeQuery<R>({ ...compiled, parameters })).rows;
  };
}
