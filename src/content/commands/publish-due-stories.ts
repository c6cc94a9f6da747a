/** The scheduler's job: publishing scheduled stories whose time has come. */
import type { AppContext } from '../../context.js';
import { now } from '../../db/index.js';
import { syncSearchDocument } from '../../search/index.js';
import { syncRelatedLists } from '../related.js';
import { announce, describeChange } from './story-change.js';

/**
 * Publishes every scheduled story whose time has come, as of `at`. The update is conditional on the story still
 * being scheduled, so two instances running this together publish (and announce) each story once. The scheduler
 * acts for the newsroom that scheduled the story: the person who scheduled it was authorized then.
 */
export async function publishDueStories(ctx: AppContext, at = now()): Promise<number[]> {
  const db = ctx.store.db;
  const due = await db
    .selectFrom('articles')
    .select(['id', 'published_at'])
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', at)
    .orderBy('published_at')
    .execute();
  const published: number[] = [];
  for (const story of due) {
    const change = await db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('articles')
        .set((eb) => ({ status: 'published', updated_at: story.published_at ?? at, version: eb('version', '+', 1) }))
        .where('id', '=', story.id)
        .where('status', '=', 'scheduled')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return null;
      await syncSearchDocument(trx, story.id);
      await syncRelatedLists(trx, story.id);
      return describeChange(trx, story.id, 'scheduled', 'published', null);
    });
    if (!change) continue;
    published.push(story.id);
    announce(ctx, change);
  }
  return published;
}
