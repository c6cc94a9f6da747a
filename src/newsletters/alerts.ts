/**
 * Follow alerts and correction notices. The story events become pending alerts that wait NEWSLETTER_ALERT_WINDOW
 * seconds for more news on the same list; then each list's waiting alerts go out as one short edition to its
 * followers. A correction goes out as a notice of its own (one per correction) to everyone who received the story in
 * an edition or alert, and to the story's and its thread's followers, once each.
 */
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { now } from '../db/index.js';
import type { StoryChanged } from '../content/events.js';
import { loadSettings } from '../content/settings.js';
import { describeLists } from './lists.js';
import { renderMail } from './mail-render.js';
import { listRecipients, mailStories } from './editions.js';
import { queueEditionTo } from './outbox.js';

function dueAt(ctx: AppContext): string {
  return new Date(Date.now() + ctx.config.mail.alertWindowSeconds * 1000).toISOString();
}

/** story.changed → pending alerts: a new story for its thread's and section's followers; a correction for the story's readers. */
export async function queueAlertsFor(ctx: AppContext, change: StoryChanged): Promise<void> {
  const db = ctx.store.db;
  const at = now();
  const rows: { list_key: string; kind: 'story' | 'correction'; article_id: number; correction_id: number | null; due_at: string; created_at: string }[] = [];
  if (change.kind === 'published' && change.after) {
    if (change.after.threadSlug) rows.push({ list_key: `thread:${change.after.threadSlug}`, kind: 'story', article_id: change.articleId, correction_id: null, due_at: dueAt(ctx), created_at: at });
    rows.push({ list_key: `section:${change.after.sectionSlug}`, kind: 'story', article_id: change.articleId, correction_id: null, due_at: dueAt(ctx), created_at: at });
  }
  if (change.correction && change.after) {
    rows.push({ list_key: `story:${change.articleId}`, kind: 'correction', article_id: change.articleId, correction_id: change.correction.id, due_at: dueAt(ctx), created_at: at });
  }
  if (rows.length) await db.insertInto('pending_alerts').values(rows).execute();
}

/**
 * The place for live coverage: when a live story pins a key event (`live.update.pinned`), its followers (list
 * `live:<articleId>`) get a short alert, batched like the others. jobs.ts subscribes it to the event once the live
 * coverage capability declares it.
 */
export async function onLiveUpdatePinned(ctx: AppContext, update: { articleId: number }): Promise<void> {
  await ctx.store.db.insertInto('pending_alerts').values({ list_key: `live:${update.articleId}`, kind: 'live', article_id: update.articleId, correction_id: null, due_at: dueAt(ctx), created_at: now() }).execute();
}

/** Sends the alerts whose window has closed; returns how many editions it queued. */
export async function flushAlerts(ctx: AppContext): Promise<number> {
  const db = ctx.store.db;
  const lists = await db.selectFrom('pending_alerts').select('list_key').where('due_at', '<=', now()).groupBy('list_key').limit(50).execute();
  let editions = 0;
  for (const { list_key: listKey } of lists) {
    const made = await db.transaction().execute(async (trx) => {
      // Taking the rows is the claim: another instance finds them gone.
      const taken = await trx.deleteFrom('pending_alerts').where('list_key', '=', listKey).returningAll().execute();
      if (taken.length === 0) return [];
      const settings = await loadSettings(trx);
      const ids: number[] = [];
      const at = now();
      for (const alert of taken.filter((a) => a.kind === 'correction')) {
        const correction = await trx.selectFrom('corrections').select(['id', 'text']).where('id', '=', alert.correction_id!).executeTakeFirst();
        const [story] = await mailStories(ctx, trx, [alert.article_id]);
        if (!correction || !story) continue;
        const edition = await trx.insertInto('editions').values({
          kind: 'correction', list_key: `story:${alert.article_id}`, subject: `Correction: ${story.title}`, status: 'sending', correction_id: correction.id, created_at: at,
        }).onConflict((oc) => oc.column('correction_id').doNothing()).returning('id').executeTakeFirst();
        if (!edition) continue;
        const mail = renderMail(ctx.config.siteUrl, settings, {
          subject: `Correction: ${story.title}`,
          preheader: correction.text.slice(0, 140),
          kicker: 'Correction',
          heading: `We corrected a story we sent you`,
          intro: [correction.text, 'The story now carries this correction. We are sorry for the error.'],
          stories: [story],
          reason: `You receive this because ${settings.title} sent you this story, or you follow it. We send a notice whenever we correct a story we sent you.`,
          footerLinks: true,
        });
        const thread = await trx.selectFrom('articles').leftJoin('threads', 'threads.id', 'articles.thread_id').select('threads.slug').where('articles.id', '=', alert.article_id).executeTakeFirst();
        const followLists = [`story:${alert.article_id}`, `live:${alert.article_id}`, ...(thread?.slug ? [`thread:${thread.slug}`] : [])];
        const recipients = sql`
          select o.subscriber_id from mail_outbox o join edition_stories es on es.edition_id = o.edition_id
          where es.article_id = ${alert.article_id} and o.status in ('sent', 'stored') and o.subscriber_id is not null and o.edition_id <> ${edition.id}
          union select subscriber_id from subscriptions where confirmed = 1 and list_key in (${sql.join(followLists)})`;
        await trx.insertInto('edition_stories').values({ edition_id: edition.id, article_id: alert.article_id, position: 0 }).execute();
        const count = await queueEditionTo(trx, edition.id, `story:${alert.article_id}`, recipients);
        await trx.updateTable('editions').set({ html: mail.html, text_body: mail.text, status: 'sent', sent_at: now(), recipients: count }).where('id', '=', edition.id).execute();
        ids.push(edition.id);
      }
      const news = [...new Set(taken.filter((a) => a.kind !== 'correction').map((a) => a.article_id))];
      if (news.length) {
        const stories = await mailStories(ctx, trx, news);
        const list = (await describeLists(trx, [listKey])).get(listKey);
        if (stories.length && list) {
          const live = listKey.startsWith('live:');
          const subject = live ? `Key moment: ${list.name}` : stories.length === 1 ? `New: ${stories[0]!.title}` : `${stories.length} new stories: ${list.name}`;
          const mail = renderMail(ctx.config.siteUrl, settings, {
            subject,
            preheader: stories.map((s) => s.title).join(' · ').slice(0, 140),
            kicker: live ? 'Live' : listKey.startsWith('section:') ? list.name : `Following: ${list.name}`,
            heading: live ? `There is news in ${list.name}` : stories.length === 1 ? stories[0]!.title : `${stories.length} new stories in ${list.name}`,
            intro: [],
            stories,
            reason: `You receive this because you follow ${list.name} on ${settings.title}.`,
            footerLinks: true,
          });
          const edition = await trx.insertInto('editions').values({
            kind: 'alert', list_key: listKey, subject, status: 'sending', html: mail.html, text_body: mail.text, created_at: at,
          }).returning('id').executeTakeFirstOrThrow();
          await trx.insertInto('edition_stories').values(news.map((article_id, position) => ({ edition_id: edition.id, article_id, position }))).execute();
          const count = await queueEditionTo(trx, edition.id, listKey, listRecipients(listKey));
          await trx.updateTable('editions').set({ status: 'sent', sent_at: now(), recipients: count }).where('id', '=', edition.id).execute();
          ids.push(edition.id);
        }
      }
      return ids;
    });
    editions += made.length;
    for (const id of made) ctx.events.emit('newsletter.changed', { what: 'edition', id, change: 'sent' });
    if (made.length) ctx.events.emit('newsletter.changed', { what: 'outbox', id: null, change: 'queued' });
  }
  return editions;
}

/** When the next waiting alert is due, or null. */
export async function nextAlertDue(ctx: AppContext): Promise<string | null> {
  const row = await ctx.store.db.selectFrom('pending_alerts').select((eb) => eb.fn.min('due_at').as('due')).executeTakeFirst();
  return (row?.due as string | null | undefined) ?? null;
}
