/**
 * What runs in every server process for newsletters, started by app.tsx when the server is ready: the mail sender,
 * and a planner that queues due editions, keeps the next daily briefing and weekly digest scheduled, and sends follow
 * alerts when their window closes. Every step is safe to run in several instances at once.
 */
import type { AppContext } from '../context.js';
import type { StoryChanged } from '../content/events.js';
import type { LiveUpdateChanged } from '../live/events.js';
import type { NewsletterChanged } from './events.js';
import { flushAlerts, nextAlertDue, onLiveUpdatePinned, queueAlertsFor } from './alerts.js';
import { ensureAutoEditions, queueDueEditions } from './editions.js';
import { MailSender, type SenderLog } from './sender.js';

const maxSleepMs = 5_000;

interface Running {
  sender: MailSender;
  timer: NodeJS.Timeout | null;
  /** When the timer fires (ms since the epoch). */
  timerAt: number;
  planning: Promise<void> | null;
  stopped: boolean;
  off: () => void;
  lastAuto: number;
}

const running = new WeakMap<AppContext, Running>();

export function mailSender(ctx: AppContext): MailSender | null {
  return running.get(ctx)?.sender ?? null;
}

async function plan(ctx: AppContext, state: Running, log: SenderLog): Promise<void> {
  try {
    if (Date.now() - state.lastAuto > 60_000) {
      state.lastAuto = Date.now();
      await ensureAutoEditions(ctx);
    }
    await queueDueEditions(ctx);
    await flushAlerts(ctx);
  } catch (err) {
    log.error({ err }, 'newsletter planning failed');
  }
  if (state.stopped) return;
  let sleep = maxSleepMs;
  try {
    const [edition, alert] = await Promise.all([
      ctx.store.db.selectFrom('editions').select((eb) => eb.fn.min('send_at').as('due')).where('status', '=', 'scheduled').executeTakeFirst(),
      nextAlertDue(ctx),
    ]);
    for (const due of [edition?.due as string | null | undefined, alert]) {
      if (due) sleep = Math.min(sleep, Math.max(20, new Date(due).getTime() - Date.now() + 10));
    }
  } catch {
    // The next round reports it.
  }
  if (!state.stopped) setTimer(ctx, state, log, sleep);
}

function setTimer(ctx: AppContext, state: Running, log: SenderLog, delayMs: number): void {
  if (state.timer) clearTimeout(state.timer);
  state.timerAt = Date.now() + delayMs;
  state.timer = setTimeout(() => wake(ctx, state, log), delayMs);
  state.timer.unref();
}

/**
 * Makes sure the planner runs by the time alerts just queued are due, without planning now: a publish or a key event
 * then costs the one insert of its alert, not a round of planning queries.
 */
function wakeBy(ctx: AppContext, state: Running, log: SenderLog, dueMs: number): void {
  if (state.stopped || state.planning) return;
  const delay = Math.max(20, dueMs - Date.now() + 10);
  if (state.timer && state.timerAt <= Date.now() + delay) return;
  setTimer(ctx, state, log, delay);
}

function wake(ctx: AppContext, state: Running, log: SenderLog): void {
  if (state.stopped || state.planning) return;
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  state.planning = plan(ctx, state, log).finally(() => {
    state.planning = null;
  });
}

/** Live events after which an update may be a new key event. */
const keyEventNames = ['live.update.pinned', 'live.update.posted', 'live.update.approved'] as const;

export async function startNewsletters(ctx: AppContext, log: SenderLog): Promise<void> {
  if (running.has(ctx)) return;
  const sender = new MailSender(ctx, log);
  const state: Running = { sender, timer: null, timerAt: 0, planning: null, stopped: false, off: () => undefined, lastAuto: 0 };
  const alertsDue = () => Date.now() + ctx.config.mail.alertWindowSeconds * 1000;
  const onStory = (change: StoryChanged) => {
    if (change.kind !== 'published' && !change.correction) return;
    queueAlertsFor(ctx, change).then(() => wakeBy(ctx, state, log, alertsDue()), (err: unknown) => log.error({ err }, 'could not queue follow alerts'));
  };
  const onNewsletter = (change: NewsletterChanged) => {
    if (change.what === 'outbox') sender.kick();
    else if (change.what === 'edition') wake(ctx, state, log);
  };
  ctx.events.on('story.changed', onStory);
  ctx.events.on('newsletter.changed', onNewsletter);
  // A key moment of a live story: one short email to its followers, batched with others in the alert window.
  // An update becomes one when pinned, or when it is posted or approved as a key event.
  const onKeyEvent = (change: LiveUpdateChanged) => {
    if (change.update.status !== 'published' || !change.update.pinned) return;
    onLiveUpdatePinned(ctx, { articleId: change.story.id }).then(() => wakeBy(ctx, state, log, alertsDue()), (err: unknown) => log.error({ err }, 'could not queue a live alert'));
  };
  for (const name of keyEventNames) ctx.events.on(name, onKeyEvent);
  state.off = () => {
    ctx.events.off('story.changed', onStory);
    ctx.events.off('newsletter.changed', onNewsletter);
    for (const name of keyEventNames) ctx.events.off(name, onKeyEvent);
  };
  running.set(ctx, state);
  sender.start();
  wake(ctx, state, log);
}

export async function stopNewsletters(ctx: AppContext): Promise<void> {
  const state = running.get(ctx);
  if (!state) return;
  state.stopped = true;
  state.off();
  if (state.timer) clearTimeout(state.timer);
  await state.planning;
  await state.sender.stop();
  running.delete(ctx);
}
