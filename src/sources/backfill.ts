/**
 * `gazette sources backfill`: reads every stored story (imported ones included) for quote-block attributions, links
 * those whose name already means a source, and proposes a source for each other name, grouping spellings that fold to
 * the same key ("Reuters", "REUTERS", "Reuters news agency"; "U.N.", "UN"). Safe to re-run: proposals are keyed by
 * folded name, so a second run updates their counts and stories, and leaves confirmed and dismissed ones decided.
 */
import type { Actor } from '../accounts/actor.js';
import { permit } from '../accounts/actor.js';
import type { AppContext } from '../context.js';
import { now } from '../db/index.js';
import { isRefusal } from '../errors.js';
import { readAttributions, sourceIdForName, syncCitations } from './citations.js';
import { nameKey } from './names.js';

export interface BackfillProgress {
  done: number;
  total: number;
}

export interface BackfillResult {
  stories: number;
  /** Stories whose citations the run linked or changed. */
  linked: number;
  /** Attributions whose name was not in the directory. */
  unmatched: number;
  /** Proposals added by this run, and proposals still open after it. */
  added: number;
  open: number;
  /** Stories skipped because their body names an unknown source (the message says which). */
  skipped: { articleId: number; message: string }[];
}

const batchSize = 200;

interface Seen {
  spellings: Map<string, number>;
  articleIds: Set<number>;
}

export async function backfillSources(ctx: AppContext, actor: Actor, options: { onProgress?: (progress: BackfillProgress) => void } = {}): Promise<BackfillResult> {
  permit(actor, 'source.manage');
  const db = ctx.store.db;
  const total = Number((await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const seen = new Map<string, Seen>();
  const result: BackfillResult = { stories: 0, linked: 0, unmatched: 0, added: 0, open: 0, skipped: [] };
  const changedArticles: number[] = [];
  let after = 0;
  options.onProgress?.({ done: 0, total });
  for (;;) {
    const batch = await db.selectFrom('articles').select(['id', 'body_html']).where('id', '>', after).orderBy('id').limit(batchSize).execute();
    if (!batch.length) break;
    after = batch[batch.length - 1]!.id;
    await db.transaction().execute(async (trx) => {
      for (const article of batch) {
        result.stories++;
        const attributions = readAttributions(article.body_html);
        if (!attributions.length) continue;
        const before = await trx.selectFrom('story_sources').select(['position', 'source_id']).where('article_id', '=', article.id).orderBy('position').execute();
        try {
          await syncCitations(trx, article.id, article.body_html);
        } catch (error) {
          if (!isRefusal(error)) throw error;
          result.skipped.push({ articleId: article.id, message: error.message });
          continue;
        }
        const afterRows = await trx.selectFrom('story_sources').select(['position', 'source_id']).where('article_id', '=', article.id).orderBy('position').execute();
        if (JSON.stringify(before) !== JSON.stringify(afterRows)) {
          result.linked++;
          changedArticles.push(article.id);
        }
        for (const attribution of attributions) {
          if (attribution.kind !== 'quote' || attribution.ref || !attribution.name) continue;
          if ((await sourceIdForName(trx, attribution.name)) !== null) continue;
          const key = nameKey(attribution.name);
          if (!key) continue;
          result.unmatched++;
          const entry = seen.get(key) ?? { spellings: new Map(), articleIds: new Set() };
          entry.spellings.set(attribution.name, (entry.spellings.get(attribution.name) ?? 0) + 1);
          entry.articleIds.add(article.id);
          seen.set(key, entry);
        }
      }
    });
    options.onProgress?.({ done: result.stories, total });
  }
  const at = now();
  await db.transaction().execute(async (trx) => {
    for (const [key, entry] of seen) {
      // The most used spelling names the proposal; ties go to mixed case ("Amnesty International" over its capitals),
      // then to some capitals ("UN" over "un"), then to the shortest ("UN" over "the U. N.").
      const spellings = [...entry.spellings.entries()].sort((a, b) => b[1] - a[1] || casing(b[0]) - casing(a[0]) || a[0].length - b[0].length || a[0].localeCompare(b[0]));
      const name = spellings[0]![0];
      const existing = await trx.selectFrom('source_proposals').selectAll().where('name_key', '=', key).executeTakeFirst();
      const variants = JSON.stringify(spellings.map(([spelling]) => spelling));
      const articleIds = JSON.stringify([...entry.articleIds].sort((a, b) => a - b));
      if (existing) {
        await trx.updateTable('source_proposals').set({ variants, article_ids: articleIds, ...(existing.status === 'open' ? { name } : {}), updated_at: at }).where('id', '=', existing.id).execute();
      } else {
        await trx.insertInto('source_proposals').values({ name_key: key, name, variants, article_ids: articleIds, source_id: null, status: 'open', created_at: at, updated_at: at }).execute();
        result.added++;
      }
    }
  });
  result.open = Number((await db.selectFrom('source_proposals').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'open').executeTakeFirst())?.n ?? 0);
  ctx.events.emit('source.changed', { kind: 'proposals', sourceIds: [], paths: [], articleIds: changedArticles });
  return result;
}

function casing(spelling: string): number {
  const text = spelling.replace(/^the\s+/i, '');
  const upper = text !== text.toLowerCase();
  const lower = text !== text.toUpperCase();
  return upper && lower ? 2 : upper ? 1 : 0;
}
