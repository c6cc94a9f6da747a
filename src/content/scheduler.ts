/**
 * Publishes scheduled stories on time while the server runs; app.tsx starts it when the server is ready and stops it
 * on close. It listens for story.changed, so a story scheduled here is checked for at once, not at the next planned check.
 */
import type { AppContext } from '../context.js';
import type { Db } from '../db/index.js';
import { publishDueStories } from './commands/publish-due-stories.js';
import type { StoryChanged } from './events.js';

/** Longest sleep between checks, so stories scheduled by another instance still go out within this time. */
const maxSleepMs = 30_000;

interface Scheduler {
  timer: NodeJS.Timeout | null;
  stopped: boolean;
  running: Promise<void> | null;
  log: (err: unknown) => void;
  onChange: (change: StoryChanged) => void;
}

const schedulers = new WeakMap<AppContext, Scheduler>();

/** The next time a scheduled story is due, or null when none is waiting. */
async function nextDueTime(db: Db): Promise<string | null> {
  const row = await db.selectFrom('articles').select((eb) => eb.fn.min('published_at').as('due')).where('status', '=', 'scheduled').executeTakeFirst();
  return (row?.due as string | null | undefined) ?? null;
}

async function tick(ctx: AppContext, scheduler: Scheduler): Promise<void> {
  if (scheduler.timer) clearTimeout(scheduler.timer);
  scheduler.timer = null;
  try {
    await publishDueStories(ctx);
  } catch (err) {
    scheduler.log(err);
  }
  if (scheduler.stopped) return;
  let sleep = maxSleepMs;
  try {
    const due = await nextDueTime(ctx.store.db);
    if (due) sleep = Math.min(maxSleepMs, Math.max(50, new Date(due).getTime() - Date.now() + 20));
  } catch (err) {
    scheduler.log(err);
  }
  if (!scheduler.stopped) scheduler.timer = setTimeout(() => run(ctx, scheduler), sleep);
}

function run(ctx: AppContext, scheduler: Scheduler): void {
  if (scheduler.running || scheduler.stopped) return;
  scheduler.running = tick(ctx, scheduler).finally(() => {
    scheduler.running = null;
  });
}

/** Starts publishing on time; it first catches up on what fell due while the server was down, and resolves when that is done. */
export async function startScheduler(ctx: AppContext, log: (err: unknown) => void): Promise<void> {
  if (schedulers.has(ctx)) return;
  const onChange = (change: StoryChanged) => {
    if (change.statusAfter === 'scheduled') wake(ctx, scheduler);
  };
  const scheduler: Scheduler = { timer: null, stopped: false, running: null, log, onChange };
  schedulers.set(ctx, scheduler);
  ctx.events.on('story.changed', onChange);
  run(ctx, scheduler);
  await scheduler.running;
}

/** Stops the scheduler and waits for a run in progress to finish. */
export async function stopScheduler(ctx: AppContext): Promise<void> {
  const scheduler = schedulers.get(ctx);
  if (!scheduler) return;
  scheduler.stopped = true;
  ctx.events.off('story.changed', scheduler.onChange);
  if (scheduler.timer) clearTimeout(scheduler.timer);
  await scheduler.running;
  schedulers.delete(ctx);
}

/** Re-checks the schedule now instead of at the next planned check. */
function wake(ctx: AppContext, scheduler: Scheduler): void {
  if (!scheduler.running && !scheduler.stopped) {
    if (scheduler.timer) clearTimeout(scheduler.timer);
    scheduler.timer = setTimeout(() => run(ctx, scheduler), 0);
  }
}
