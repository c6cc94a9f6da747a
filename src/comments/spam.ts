/**
 * What happens to spam after the submit: honeypot drops are counted per day (nothing of theirs is stored), and
 * comments in the spam queue are deleted a set number of days after they were marked, by a job in the server process.
 */
import type { PolicyUser } from '../accounts/policies.js';
import { authorize } from '../accounts/policies.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/index.js';
import { changeOf, commentsWithStory } from './changes.js';
import type { CommentChanged } from './events.js';

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

/** Who runs the purge: the hourly job, or a moderator. */
export type PurgeActor = 'system' | PolicyUser;

/**
 * Deletes comments that have been in spam for more than `days` days, and drop counts older than that, in one
 * transaction; then announces each deleted comment (a move from spam to nothing, which no page shows).
 * A spam comment with replies outside spam is kept (deleting it would take the replies with it); a chain of old spam
 * goes from its last reply up. Returns how many comments were deleted.
 */
export async function purgeSpam(ctx: AppContext, actor: PurgeActor, input: { days: number; at?: number }): Promise<number> {
  if (actor !== 'system') authorize(actor, 'comment.moderate');
  const at = input.at ?? Date.now();
  const cutoff = new Date(at - input.days * dayMs).toISOString();
  const changes = await ctx.store.db.transaction().execute(async (trx) => {
    const deleted: CommentChanged[] = [];
    for (let round = 0; round < 10; round++) {
      const rows = await commentsWithStory(trx)
        .where('comments.status', '=', 'spam')
        .where('comments.spam_since', '<', cutoff)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('comments as reply').select('reply.id').whereRef('reply.parent_id', '=', 'comments.id'))))
        .execute();
      if (rows.length === 0) break;
      // Another instance may have purged some of them meanwhile: only what this delete removed is announced.
      const gone = new Set<number>();
      for (let i = 0; i < rows.length; i += 500) {
        const removed = await trx.deleteFrom('comments').where('id', 'in', rows.slice(i, i + 500).map((r) => r.id)).returning('id').execute();
        for (const { id } of removed) gone.add(id);
      }
      deleted.push(...rows.filter((row) => gone.has(row.id)).map((row) => changeOf(row, 'spam', null)));
    }
    await trx.deleteFrom('comment_drops').where('day', '<=', utcDay(at - input.days * dayMs)).execute();
    return deleted;
  });
  for (const change of changes) ctx.events.emit('comment.changed', change);
  return changes.length;
}

export const purgeEveryMs = 60 * 60 * 1000;

/** Runs the purge now and then every hour until stopped; every instance may run it, deleting twice is harmless. */
export function startSpamPurge(ctx: AppContext, days: number, log: (err: unknown, deleted?: number) => void): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    running = purgeSpam(ctx, 'system', { days })
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
