/**
 * Editions: one mailing to a list. The desk composes newsletters in the newsroom (stories, an introduction, a
 * subject), previews them, sends a test to itself, and sends now or at a set time. The daily briefing and the weekly
 * digest create themselves (one per slot) and pick the list's new stories at send time until the desk picks them.
 * Follow alerts and correction notices are editions too (alerts.ts), so every message a reader gets is traceable to
 * the stories it carried, which is how a correction finds exactly those who received the original.
 */
import { sql } from 'kysely';
import { permit, type Actor } from '../accounts/actor.js';
import type { SessionUser } from '../accounts/sessions.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import type { EditionKind, EditionStatus } from '../db/schema.js';
import { conflict, invalid, notFound } from '../errors.js';
import { findStory, listPublished, type StoryCard } from '../content/queries.js';
import { loadSettings } from '../content/settings.js';
import { mediaPath } from '../content/urls.js';
import { clickCountsOn, countedLinks } from './clicks.js';
import { describeLists, requireLists, type ListInfo } from './lists.js';
import { renderMail, type MailStory, type RenderedMail } from './mail-render.js';
import { queueEditionTo, queueMail } from './outbox.js';

export interface EditionView {
  id: number;
  kind: EditionKind;
  list: ListInfo;
  subject: string;
  intro: string;
  status: EditionStatus;
  auto: boolean;
  sendAt: string | null;
  storyIds: number[];
  recipients: number;
  createdAt: string;
  sentAt: string | null;
}

export const editionLimits = { subject: 200, intro: 5000, stories: 30 } as const;

const unknownList = (key: string): ListInfo => ({ key, name: key, description: '', path: '/' });

export async function findEdition(db: Db, id: number): Promise<EditionView> {
  const row = await db.selectFrom('editions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That edition');
  const stories = await db.selectFrom('edition_stories').select('article_id').where('edition_id', '=', id).orderBy('position').execute();
  const list = (await describeLists(db, [row.list_key])).get(row.list_key) ?? unknownList(row.list_key);
  return {
    id, kind: row.kind, list, subject: row.subject, intro: row.intro, status: row.status, auto: row.auto === 1, sendAt: row.send_at,
    storyIds: stories.map((s) => s.article_id), recipients: row.recipients, createdAt: row.created_at, sentAt: row.sent_at,
  };
}

export async function listEditions(db: Db, options: { limit: number; offset: number }): Promise<{ rows: EditionView[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.selectFrom('editions').select('id').where('kind', '=', 'newsletter').orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute(),
    db.selectFrom('editions').select((eb) => eb.fn.countAll<number | string>().as('n')).where('kind', '=', 'newsletter').executeTakeFirst(),
  ]);
  return { rows: await Promise.all(rows.map((r) => findEdition(db, r.id))), total: Number(count?.n ?? 0) };
}

export interface EditionDraft {
  listKey: string;
  subject: string;
  intro: string;
  storyIds: number[];
}

async function checkDraft(db: Db, draft: EditionDraft): Promise<void> {
  const problems: Record<string, string> = {};
  const subject = draft.subject.trim();
  if (!subject) problems.subject = 'Write a subject line.';
  else if (subject.length > editionLimits.subject) problems.subject = `A subject can be at most ${editionLimits.subject} characters.`;
  if (draft.intro.length > editionLimits.intro) problems.intro = `An introduction can be at most ${editionLimits.intro.toLocaleString('en')} characters.`;
  if (draft.storyIds.length > editionLimits.stories) problems.stories = `An edition can carry at most ${editionLimits.stories} stories.`;
  if (draft.storyIds.length) {
    const found = await db.selectFrom('articles').select('id').where('id', 'in', draft.storyIds).where('status', '=', 'published').execute();
    const missing = draft.storyIds.filter((id) => !found.some((f) => f.id === id));
    if (missing.length) problems.stories = `Story ${missing.join(', ')} is not published; only published stories can go in a newsletter.`;
  }
  if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
  await requireLists(db, [draft.listKey]).catch(() => {
    throw invalid(`There is no newsletter called “${draft.listKey}”.`, { list: 'Unknown newsletter.' });
  });
}

async function setStories(trx: Db, editionId: number, storyIds: number[]): Promise<void> {
  await trx.deleteFrom('edition_stories').where('edition_id', '=', editionId).execute();
  const unique = [...new Set(storyIds)];
  if (unique.length) await trx.insertInto('edition_stories').values(unique.map((article_id, position) => ({ edition_id: editionId, article_id, position }))).execute();
}

/** Creates (id null) or changes a newsletter that has not gone out. Choosing stories for an automatic edition stops it picking its own. */
export async function saveEdition(ctx: AppContext, actor: Actor, id: number | null, draft: EditionDraft): Promise<number> {
  permit(actor, 'newsletter.send');
  await checkDraft(ctx.store.db, draft);
  const at = now();
  const userId = 'id' in actor ? actor.id : null;
  const editionId = await ctx.store.db.transaction().execute(async (trx) => {
    if (id === null) {
      const row = await trx.insertInto('editions').values({
        kind: 'newsletter', list_key: draft.listKey, subject: draft.subject.trim(), intro: draft.intro.trim(), status: 'draft', created_by: userId, created_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      await setStories(trx, row.id, draft.storyIds);
      return row.id;
    }
    const current = await trx.selectFrom('editions').select(['status', 'kind', 'auto']).where('id', '=', id).executeTakeFirst();
    if (!current || current.kind !== 'newsletter') throw notFound('That edition');
    if (current.status !== 'draft' && current.status !== 'scheduled') throw conflict('This edition has gone out already; it cannot be changed.');
    const keepPicking = current.auto === 1 && draft.storyIds.length === 0;
    await trx.updateTable('editions').set({ list_key: draft.listKey, subject: draft.subject.trim(), intro: draft.intro.trim(), auto: keepPicking ? 1 : 0 }).where('id', '=', id).execute();
    if (!keepPicking) await setStories(trx, id, draft.storyIds);
    return id;
  });
  ctx.events.emit('newsletter.changed', { what: 'edition', id: editionId, change: 'saved' });
  return editionId;
}

/** Sends now (at: null), schedules, or cancels a newsletter that has not gone out. */
export async function moveEdition(ctx: AppContext, actor: Actor, id: number, move: 'send' | 'schedule' | 'cancel' | 'unschedule', sendAt: string | null = null): Promise<EditionView> {
  permit(actor, 'newsletter.send');
  const at = now();
  const edition = await findEdition(ctx.store.db, id);
  if (edition.kind !== 'newsletter') throw notFound('That edition');
  if (edition.status !== 'draft' && edition.status !== 'scheduled') throw conflict(`This edition is ${edition.status}; it cannot be ${move === 'cancel' ? 'cancelled' : 'sent'} now.`);
  if (move === 'schedule') {
    if (!sendAt) throw invalid('Choose when the edition should go out.', { send_at: 'Required to schedule.' });
    if (sendAt <= at) throw invalid('A scheduled time must be in the future; to send now, use Send now.', { send_at: 'In the past.' });
  }
  if ((move === 'send' || move === 'schedule') && edition.storyIds.length === 0 && !edition.auto && !edition.intro) {
    throw invalid('Add at least one story or an introduction before sending.', { stories: 'Empty edition.' });
  }
  const next: { status: EditionStatus; send_at: string | null } =
    move === 'cancel' ? { status: 'cancelled', send_at: edition.sendAt }
      : move === 'unschedule' ? { status: 'draft', send_at: null }
        : { status: 'scheduled', send_at: move === 'send' ? at : sendAt };
  const changed = await ctx.store.db.updateTable('editions').set(next).where('id', '=', id).where('status', 'in', ['draft', 'scheduled']).executeTakeFirst();
  if (Number(changed.numUpdatedRows) === 0) throw conflict('This edition changed meanwhile; reload the page.');
  ctx.events.emit('newsletter.changed', { what: 'edition', id, change: move === 'send' ? 'scheduled' : move });
  return findEdition(ctx.store.db, id);
}

/** Turns story ids into what a mail shows, in order, leaving out stories no longer published. */
export async function mailStories(ctx: AppContext, db: Db, ids: number[]): Promise<MailStory[]> {
  const site = ctx.config.siteUrl;
  const stories = await Promise.all(ids.map((id) => findStory(db, { id })));
  return stories.flatMap((s) => (s
    ? [{
        title: s.title, dek: s.dek, url: `${site}${s.url}`, section: s.section.name,
        image: s.image ? { url: `${site}${mediaPath(s.image.variants.find((v) => v.format !== 'webp' && v.width >= 560)?.path ?? s.image.path)}`, alt: s.image.alt, width: s.image.width, height: s.image.height } : null,
      }]
    : []));
}

/** The stories an automatic edition would carry if it went out now: the list's stories since its last issue. */
export async function autoPicks(db: Db, listKey: string, sendAt: string): Promise<StoryCard[]> {
  const days = listKey === 'weekly' ? 7 : 1;
  const from = new Date(new Date(sendAt).getTime() - days * 24 * 3600 * 1000).toISOString();
  return listPublished(db, { from, to: sendAt > now() ? now() : sendAt, limit: listKey === 'weekly' ? 15 : 10 });
}

/** The edition as readers will get it (per-reader links left as placeholders). */
export async function renderEdition(ctx: AppContext, db: Db, edition: EditionView): Promise<{ mail: RenderedMail; storyIds: number[] }> {
  const settings = await loadSettings(db);
  const storyIds = edition.auto && edition.storyIds.length === 0 ? (await autoPicks(db, edition.list.key, edition.sendAt ?? now())).map((s) => s.id) : edition.storyIds;
  const stories = await mailStories(ctx, db, storyIds);
  const mail = renderMail(ctx.config.siteUrl, settings, {
    subject: edition.subject,
    preheader: edition.intro.split('\n')[0]?.slice(0, 140) || stories.map((s) => s.title).slice(0, 2).join(' · '),
    kicker: edition.list.name,
    heading: edition.subject,
    intro: edition.intro.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
    stories,
    reason: `You receive ${edition.list.name} from ${settings.title} because you subscribed to it.`,
    footerLinks: true,
  });
  return { mail, storyIds };
}

/** Sends the edition as a test to the person composing it; it is marked as a test and goes to nobody else. */
export async function sendTestEdition(ctx: AppContext, user: SessionUser, id: number): Promise<string> {
  permit(user, 'newsletter.send');
  const edition = await findEdition(ctx.store.db, id);
  const { mail } = await renderEdition(ctx, ctx.store.db, edition);
  await queueMail(ctx.store.db, {
    kind: 'test', dedupeKey: `test:${id}:${user.id}:${Date.now()}`, subscriberId: null, to: user.email, listKey: null,
    subject: `[Test] ${mail.subject}`, html: mail.html, text: mail.text,
  });
  ctx.events.emit('newsletter.changed', { what: 'outbox', id: null, change: 'queued' });
  return user.email;
}

/** Readers of a list who receive mail now. */
export function listRecipients(listKey: string) {
  return sql`select subscriber_id from subscriptions where list_key = ${listKey} and confirmed = 1`;
}

/**
 * Queues every edition whose time has come: freezes its stories and text (its links rewritten to counted redirects
 * when the site counts clicks), queues one message per reader, marks it sent. Each edition is taken by one instance (a conditional update), in one transaction with its messages, so a
 * crash queues all of it or none. An automatic edition with no new stories is cancelled instead of sent empty.
 */
export async function queueDueEditions(ctx: AppContext): Promise<number> {
  const db = ctx.store.db;
  const due = await db.selectFrom('editions').select('id').where('status', '=', 'scheduled').where('send_at', '<=', now()).orderBy('send_at').limit(20).execute();
  let queued = 0;
  const countClicks = due.length > 0 && await clickCountsOn(db);
  for (const { id } of due) {
    const edition = await findEdition(db, id);
    const outcome = await db.transaction().execute(async (trx) => {
      const taken = await trx.updateTable('editions').set({ status: 'sending' }).where('id', '=', id).where('status', '=', 'scheduled').executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 0) return null;
      const { mail, storyIds } = await renderEdition(ctx, trx, edition);
      if (storyIds.length === 0 && !edition.intro) {
        await trx.updateTable('editions').set({ status: 'cancelled' }).where('id', '=', id).execute();
        return 'cancelled' as const;
      }
      await setStories(trx, id, storyIds);
      const sent = countClicks ? await countedLinks(ctx, trx, id, mail) : mail;
      await trx.updateTable('editions').set({ html: sent.html, text_body: sent.text, subject: sent.subject }).where('id', '=', id).execute();
      const recipients = await queueEditionTo(trx, id, edition.list.key, listRecipients(edition.list.key));
      await trx.updateTable('editions').set({ status: 'sent', sent_at: now(), recipients }).where('id', '=', id).execute();
      return 'sent' as const;
    });
    if (outcome) {
      queued++;
      ctx.events.emit('newsletter.changed', { what: 'edition', id, change: outcome });
      if (outcome === 'sent') ctx.events.emit('newsletter.changed', { what: 'outbox', id: null, change: 'queued' });
    }
  }
  return queued;
}

/** The next send time of the daily briefing (every day at dailyAt UTC) or the weekly digest (Mondays), after `from`. */
export function nextSlot(listKey: 'daily' | 'weekly', dailyAt: string, from = new Date()): Date {
  const [h, m] = dailyAt.split(':').map(Number) as [number, number];
  const slot = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate(), h, m));
  while (slot <= from || (listKey === 'weekly' && slot.getUTCDay() !== 1)) slot.setUTCDate(slot.getUTCDate() + 1);
  return slot;
}

/** Makes sure the next daily briefing and weekly digest exist, scheduled, for the desk to preview and adjust. */
export async function ensureAutoEditions(ctx: AppContext): Promise<void> {
  const db = ctx.store.db;
  const settings = await loadSettings(db);
  for (const listKey of ['daily', 'weekly'] as const) {
    const slotAt = nextSlot(listKey, ctx.config.mail.dailyAt);
    const slot = `${listKey}:${slotAt.toISOString().slice(0, 10)}`;
    const date = slotAt.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
    const subject = listKey === 'daily' ? `${settings.title} briefing: ${date}` : `${settings.title} weekly digest: ${date}`;
    const inserted = await db.insertInto('editions')
      .values({ kind: 'newsletter', list_key: listKey, subject, intro: '', status: 'scheduled', auto: 1, send_at: slotAt.toISOString(), slot, created_at: now() })
      .onConflict((oc) => oc.column('slot').doNothing()).returning('id').executeTakeFirst();
    if (inserted) ctx.events.emit('newsletter.changed', { what: 'edition', id: inserted.id, change: 'scheduled' });
  }
}

/** The stories a desk may pick for an edition: the newest published ones. */
export function recentStories(db: Db, limit = 40): Promise<StoryCard[]> {
  return listPublished(db, { limit });
}
