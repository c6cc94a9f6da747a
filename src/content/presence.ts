/**
 * Who has a story open in the editor: each open editor sends a heartbeat every 20 seconds, and someone counts as
 * editing for 45 seconds after their last one. Kept in the database, so colleagues served by other instances or
 * workers are seen too. It is a hint shown before the stale-save refusal has to happen, not a lock, and not a change
 * to the story: no revision, no event, nothing for the page cache or webhooks to hear.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export const presenceWindowMs = 45_000;

/** Records that this person has the story open now and answers who else does, by name. */
export async function recordPresence(db: Kysely<Database>, storyId: number, userId: number, at = Date.now()): Promise<string[]> {
  const seenAt = new Date(at).toISOString();
  await db
    .insertInto('story_presence')
    .values({ article_id: storyId, user_id: userId, seen_at: seenAt })
    .onConflict((oc) => oc.columns(['article_id', 'user_id']).doUpdateSet({ seen_at: seenAt }))
    .execute();
  // Rows of editors who closed the tab without saying so; pruning the story's own is enough to keep the table small.
  await db.deleteFrom('story_presence').where('article_id', '=', storyId).where('seen_at', '<', new Date(at - presenceWindowMs).toISOString()).execute();
  return othersEditing(db, storyId, userId, at);
}

/** The names of the others who have the story open now. */
export async function othersEditing(db: Kysely<Database>, storyId: number, userId: number, at = Date.now()): Promise<string[]> {
  const rows = await db
    .selectFrom('story_presence')
    .innerJoin('users', 'users.id', 'story_presence.user_id')
    .select('users.name')
    .where('story_presence.article_id', '=', storyId)
    .where('story_presence.user_id', '!=', userId)
    .where('story_presence.seen_at', '>=', new Date(at - presenceWindowMs).toISOString())
    .orderBy('story_presence.seen_at')
    .execute();
  return rows.map((row) => row.name);
}

/** The person closed the editor (sent when the page is left). */
export async function leaveStory(db: Kysely<Database>, storyId: number, userId: number): Promise<void> {
  await db.deleteFrom('story_presence').where('article_id', '=', storyId).where('user_id', '=', userId).execute();
}
