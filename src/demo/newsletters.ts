/**
 * The demo's newsletters: a few readers who subscribed and confirmed (through the same commands and signed links a
 * reader uses), and one edition of the weekly digest sent to them, so the newsletters desk and the outbox have
 * something to show on first start. Only without SMTP_URL, where mail stays in the outbox: the demo never mails anyone.
 * Safe to re-run: it does nothing once a demo reader exists.
 */
import { systemActor } from '../accounts/actor.js';
import type { AppContext } from '../context.js';
import { moveEdition, queueDueEditions, saveEdition } from '../newsletters/editions.js';
import { confirmHours, linkQuery, parseLinkClaim, signLink } from '../newsletters/links.js';
import { confirmSubscription, requestSubscription } from '../newsletters/subscribers.js';

/** Addresses at example.com (reserved for examples, RFC 2606) and the lists each reader chose. */
export const demoReaders: { email: string; lists: string[] }[] = [
  { email: 'ana.reader@example.com', lists: ['daily', 'weekly'] },
  { email: 'tom.k@example.com', lists: ['weekly'] },
  { email: 'mira.follows@example.com', lists: ['weekly', 'thread:port-strike'] },
  { email: 'j.osei@example.com', lists: ['daily'] },
];

export const demoEditionSubject = 'The week in the Gazette';

export async function seedDemoNewsletters(ctx: AppContext, storyIds: number[], log: (line: string) => void = () => undefined): Promise<boolean> {
  if (ctx.config.smtpUrl) {
    log('  newsletters: no demo readers or edition, because SMTP_URL is set and the demo never mails anyone');
    return false;
  }
  const db = ctx.store.db;
  const known = await db.selectFrom('subscribers').select('id').where('email', 'in', demoReaders.map((r) => r.email)).executeTakeFirst();
  if (known) return false;
  for (const reader of demoReaders) {
    const lists = [];
    for (const list of reader.lists) {
      // A thread list exists only when the demo has the thread.
      if (!list.startsWith('thread:') || (await db.selectFrom('threads').select('id').where('slug', '=', list.slice('thread:'.length)).executeTakeFirst())) lists.push(list);
    }
    await requestSubscription(ctx, { email: reader.email, lists, honeypot: '' });
    // The reader follows the link in the confirmation mail.
    const subscriber = await db.selectFrom('subscribers').select(['id', 'token_version']).where('email', '=', reader.email).executeTakeFirstOrThrow();
    const link = signLink(ctx.secret, 'confirm', subscriber.id, subscriber.token_version, { expiresAt: Date.now() + confirmHours * 3600 * 1000 });
    await confirmSubscription(ctx, parseLinkClaim(Object.fromEntries(new URLSearchParams(linkQuery(link)))));
  }
  const desk = systemActor('demo seed');
  const editionId = await saveEdition(ctx, desk, null, {
    listKey: 'weekly',
    subject: demoEditionSubject,
    intro: 'Good morning. The port strike is over, the siege of Tarsel is not, and the week brought more than either.\n\nHere is what our reporters found.',
    storyIds: storyIds.slice(0, 5),
  });
  await moveEdition(ctx, desk, editionId, 'send');
  await queueDueEditions(ctx);
  log(`  newsletters: ${demoReaders.length} demo readers and one edition in the outbox`);
  return true;
}
