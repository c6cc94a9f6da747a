/** The edited front as stored: which story, thread or section each slot names (table front_slots), and pinned stories. */
import type { Db } from '../../db/index.js';
import { now } from '../../db/index.js';

/** How many places each part of the front has. */
export const frontLimits = { related: 3, top: 8, developing: 4, sections: 24 } as const;

/** What an editor chose; an empty slot is filled automatically when the front is shown. */
export interface FrontArrangement {
  /** The lead story. */
  lead: number | null;
  /** Up to three stories linked under the lead (a lead package). */
  related: number[];
  /** Top stories, in order. */
  top: number[];
  /** Story threads for the "Developing" strip, in order. */
  developing: number[];
  /** Section blocks, in order; sections not named follow in the site's order. */
  sections: number[];
  /** The section shown as the opinion rail. */
  opinion: number | null;
}

export const emptyArrangement: FrontArrangement = { lead: null, related: [], top: [], developing: [], sections: [], opinion: null };

type ListSlot = 'related' | 'top' | 'developing' | 'sections';
const listSlots: ListSlot[] = ['related', 'top', 'developing', 'sections'];

/** The stored arrangement, or null when nobody has arranged the front. */
export async function loadArrangement(db: Db): Promise<FrontArrangement | null> {
  const rows = await db.selectFrom('front_slots').select(['slot', 'position', 'target_id']).orderBy('slot').orderBy('position').execute();
  if (rows.length === 0) return null;
  const arrangement: FrontArrangement = { ...emptyArrangement, related: [], top: [], developing: [], sections: [] };
  for (const row of rows) {
    if (row.slot === 'lead' && row.position === 0) arrangement.lead = row.target_id;
    else if (row.slot === 'opinion' && row.position === 0) arrangement.opinion = row.target_id;
    else if ((listSlots as string[]).includes(row.slot) && row.target_id > 0) arrangement[row.slot as ListSlot].push(row.target_id);
  }
  return arrangement;
}

/**
 * Replaces the stored arrangement (inside the caller's transaction). A marker row (`arranged`, 0) is always written, so
 * an arrangement whose every slot is left to the automatic front still counts as arranged (pins stop applying).
 */
export async function storeArrangement(db: Db, arrangement: FrontArrangement): Promise<void> {
  await db.deleteFrom('front_slots').execute();
  const rows: { slot: string; position: number; target_id: number }[] = [{ slot: 'arranged', position: 0, target_id: 0 }];
  if (arrangement.lead !== null) rows.push({ slot: 'lead', position: 0, target_id: arrangement.lead });
  if (arrangement.opinion !== null) rows.push({ slot: 'opinion', position: 0, target_id: arrangement.opinion });
  for (const slot of listSlots) arrangement[slot].forEach((id, position) => rows.push({ slot, position, target_id: id }));
  await db.insertInto('front_slots').values(rows).execute();
}

/** Pins a story to the top of the automatic front (a sticky post from an import); pinning twice is harmless. */
export async function pinToFront(db: Db, articleId: number): Promise<void> {
  const pinned = await db.selectFrom('front_pins').select('article_id').where('article_id', '=', articleId).executeTakeFirst();
  if (!pinned) await db.insertInto('front_pins').values({ article_id: articleId, pinned_at: now() }).execute();
}

/** Pinned story ids, oldest pin first. */
export async function pinnedStoryIds(db: Db): Promise<number[]> {
  return (await db.selectFrom('front_pins').select('article_id').orderBy('pinned_at').orderBy('article_id').execute()).map((r) => r.article_id);
}
