/**
 * What happens to spam after the submit: honeypot drops are counted per day (nothing of theirs is stored), and
 * comments in the spam queue are deleted a set number of days after they were marked, by a job in the server process.
 */
import type { Db } from '../db/index.js';

export type DropReason = 'honeypot';

const dayMs = 24 * 60 * 60 * 1000;

function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Counts one post dropped unstored, on today's (UTC) row; safe with many processes writing at once. */
export async function recordDrop(db: Db, reason: DropReason, at = Date.now()): Promise<void> {
  await db
    .insertInto('comment_drops')
    .values({ day: utcDay(at), reason, count: 1 })
    .onConflict((oc) => oc.columns(['day', 'reason']).doUpdateSet((eb) => ({ count: eb('comment_drops.count', '+', 1) })))
    .execute();
}

/** Posts dropped in the last `days` days, today included. */
export async function countDrops(db: Db, days: number, at = Date.now()): Promise<number> {
  const row = await db
    .selectFrom('comment_drops')
    .select((eb) => eb.fn.sum<number | string | null>('count').as('n'))
    .where('day', '>', utcDay(at - days * dayMs))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Deletes comments that have been in spam for more than `days` days, and drop counts older than that.
 * A spam comment with replies outside spam is kept (deleting it would take the replies with it); a chain of old spam
 * goes from its last reply up. Returns how many comments were deleted.
 */
export async function purgeSpam(db: Db, days: number, at = Date.now()): Promise<number> {
  const cutoff = new Date(at - days * dayMs).toISOString();
  let deleted = 0;
  for (let round = 0; round < 10; round++) {
    const result = await db
      .deleteFrom('comments')
      .where('status', '=', 'spam')
      .where('spam_since', '<', cutoff)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('comments as reply').select('reply.id').whereRef('reply.parent_id', '=', 'comments.id'))))
      .executeTakeFirst();
    const n = Number(result.numDeletedRows);
    deleted += n;
    if (n === 0) break;
  }
  await db.deleteFrom('comment_drops').where('day', '<=', utcDay(at - days * dayMs)).execute();
  return deleted;
}

export const purgeEveryMs = 60 * 60 * 1000;

/** Runs the purge now and then every hour until stopped; every instance may run it, deleting twice is harmless. */
export function startSpamPurge(db: Db, days: number, log: (err: unknown, deleted?: number) => void): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    running = purgeSpam(db, days)
      .then((deleted) => log(null, deleted), (err: unknown) => log(err))
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, purgeEveryMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
