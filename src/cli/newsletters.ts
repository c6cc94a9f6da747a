/** `gazette newsletters`: subscriber and outbox counts, and sending a composed edition from the command line. */
import { systemActor } from '../accounts/actor.js';
import { createContext } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { CommandError } from '../errors.js';
import { listEditions, moveEdition } from '../newsletters/editions.js';
import { countSubscribers } from '../newsletters/subscribers.js';
import { parseArgs, UsageError, type Command } from './types.js';

export const newslettersCommand: Command = {
  name: 'newsletters',
  help: `Usage: gazette newsletters [status]
       gazette newsletters send <edition-id>

status (the default) lists confirmed and waiting subscribers per list, the latest
editions, and the mail outbox by status. send marks a composed edition to go out
now: a running server queues it within seconds and its sender delivers it.`,
  async run(args) {
    const { positional } = parseArgs(args);
    const [action = 'status', id, extra] = positional;
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    if (action !== 'status' && action !== 'send') throw new UsageError(`unknown action "${action}": use status or send`);
    if (action === 'send' && (!id || !/^[1-9]\d{0,11}$/.test(id))) throw new UsageError('send needs the number of an edition, e.g. gazette newsletters send 12');
    const ctx = await createContext(loadConfig());
    try {
      if (action === 'send') {
        try {
          const edition = await moveEdition(ctx, systemActor('cli'), Number(id), 'send');
          console.log(`Edition ${edition.id} (“${edition.subject}”) goes out now to ${edition.list.name}; a running server queues and sends it.`);
          return 0;
        } catch (error) {
          if (error instanceof CommandError) {
            console.error(error.message);
            return 1;
          }
          throw error;
        }
      }
      const db = ctx.store.db;
      const [counts, { rows }, outbox] = await Promise.all([
        countSubscribers(db),
        listEditions(db, { limit: 10, offset: 0 }),
        db.selectFrom('mail_outbox').select(['status', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('status').execute(),
      ]);
      console.log('Subscribers (confirmed / waiting to confirm):');
      if (counts.length === 0) console.log('  nobody yet');
      for (const c of counts) console.log(`  ${c.list.padEnd(30)} ${String(c.confirmed).padStart(8)} / ${c.pending}`);
      console.log('Latest editions:');
      if (rows.length === 0) console.log('  none yet');
      for (const e of rows) console.log(`  #${e.id} ${e.status.padEnd(9)} ${e.list.key.padEnd(12)} ${e.subject}${e.status === 'sent' ? ` (${e.recipients} recipients)` : e.sendAt ? ` (${e.sendAt})` : ''}`);
      console.log(`Outbox: ${outbox.length ? outbox.map((o) => `${o.n} ${o.status}`).join(', ') : 'empty'}${ctx.config.smtpUrl ? '' : ' (no SMTP_URL: messages are kept, not sent)'}`);
      return 0;
    } finally {
      await ctx.store.close();
    }
  },
};
