/**
 * Per-edition click counts, off unless the site turns them on in the newsroom. When on, a newsletter edition going out
 * has every link in its mail replaced by a signed address on the site (/newsletters/c/<edition>/<n>/<signature>)
 * that adds one to that link's count and redirects to it. The target comes from the edition's own stored links, never
 * from the address, so the redirect cannot be pointed anywhere else; the count is per link and edition, with nothing
 * about who clicked (the address is the same for every reader). Mail scanners that open links are counted too.
 * Follow alerts, correction notices and the readers' own links (preferences, unsubscribe) are never rewritten.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { permit, type Actor } from '../accounts/actor.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/index.js';
import { notFound } from '../errors.js';
import type { RenderedMail } from './mail-render.js';

/** The settings row that holds the choice (JSON true or false). */
const settingKey = 'newsletters.clickCounts';

export async function clickCountsOn(db: Db): Promise<boolean> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', settingKey).executeTakeFirst();
  return row?.value === 'true';
}

/** Turns per-edition click counts on or off for editions sent from now on. Admins only: it is a site policy. */
export async function setClickCounts(ctx: AppContext, actor: Actor, on: boolean): Promise<void> {
  permit(actor, 'settings.manage');
  const db = ctx.store.db;
  await db.transaction().execute(async (trx) => {
    const value = on ? 'true' : 'false';
    const updated = await trx.updateTable('settings').set({ value }).where('key', '=', settingKey).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) await trx.insertInto('settings').values({ key: settingKey, value }).execute();
  });
  ctx.events.emit('newsletter.changed', { what: 'settings', id: null, change: on ? 'click counts on' : 'click counts off' });
}

export function clickSignature(secret: string, editionId: number, position: number): string {
  return createHmac('sha256', secret).update(`newsletter:click:${editionId}:${position}`).digest('base64url').slice(0, 16);
}

export function clickPath(secret: string, editionId: number, position: number): string {
  return `/newsletters/c/${editionId}/${position}/${clickSignature(secret, editionId, position)}`;
}

const hrefPattern = /href="(https?:\/\/[^"]+)"/g;
const textLinkPattern = /https?:\/\/[^\s<>"]+/g;

function unescapeAttribute(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (_m, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!);
}

/**
 * Rewrites an edition's links to counted redirects and stores them (inside the transaction that queues the edition).
 * Each distinct address gets one position, shared by the HTML and the plain-text part.
 */
export async function countedLinks(ctx: AppContext, trx: Db, editionId: number, mail: RenderedMail): Promise<RenderedMail> {
  const positions = new Map<string, number>();
  const position = (url: string) => {
    let n = positions.get(url);
    if (n === undefined) positions.set(url, (n = positions.size + 1));
    return `${ctx.config.siteUrl}${clickPath(ctx.secret, editionId, n)}`;
  };
  const html = mail.html.replace(hrefPattern, (_m, href: string) => `href="${position(unescapeAttribute(href))}"`);
  const text = mail.text.replace(textLinkPattern, (url) => position(url));
  await trx.deleteFrom('edition_links').where('edition_id', '=', editionId).execute();
  if (positions.size) {
    await trx.insertInto('edition_links').values([...positions].map(([url, n]) => ({ edition_id: editionId, position: n, url, clicks: 0 }))).execute();
  }
  return { ...mail, html, text };
}

/** A reader followed a counted link: one more click on it; returns where to send them. Unknown or forged: not found. */
export async function followCountedLink(ctx: AppContext, editionId: number, position: number, signature: string, count: boolean): Promise<string> {
  const expected = Buffer.from(clickSignature(ctx.secret, editionId, position));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw notFound('That link');
  const db = ctx.store.db;
  const link = await db.selectFrom('edition_links').select('url').where('edition_id', '=', editionId).where('position', '=', position).executeTakeFirst();
  if (!link) throw notFound('That link');
  if (count) {
    await db.updateTable('edition_links').set((eb) => ({ clicks: eb('clicks', '+', 1) })).where('edition_id', '=', editionId).where('position', '=', position).execute();
    ctx.events.emit('newsletter.changed', { what: 'click', id: editionId, change: 'clicked' });
  }
  return link.url;
}

export interface EditionClicks {
  total: number;
  links: { position: number; url: string; clicks: number }[];
}

/** Click counts of editions sent with counting on; editions sent without it are absent from the map. */
export async function editionClicks(db: Db, editionIds: number[]): Promise<Map<number, EditionClicks>> {
  const result = new Map<number, EditionClicks>();
  if (editionIds.length === 0) return result;
  const rows = await db.selectFrom('edition_links').select(['edition_id', 'position', 'url', 'clicks']).where('edition_id', 'in', editionIds).orderBy('edition_id').orderBy('position').execute();
  for (const row of rows) {
    const entry = result.get(row.edition_id) ?? { total: 0, links: [] };
    entry.total += row.clicks;
    entry.links.push({ position: row.position, url: row.url, clicks: row.clicks });
    result.set(row.edition_id, entry);
  }
  return result;
}
