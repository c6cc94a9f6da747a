/**
 * Who has a story open in the editor: each open editor sends a heartbeat every 20 seconds, and someone is counted as
 * editing for 45 seconds after their last one. Held in this process's memory: it is a hint shown before the stale-save
 * refusal has to happen, not a lock (with `serve --cluster`, each worker knows the editors its own requests came from).
 */
const staleAfterMs = 45_000;

interface Presence {
  userId: number;
  name: string;
  seenAt: number;
}

const byStory = new Map<number, Map<number, Presence>>();

function prune(storyId: number, at: number): Map<number, Presence> | undefined {
  const open = byStory.get(storyId);
  if (!open) return undefined;
  for (const [userId, presence] of open) if (at - presence.seenAt > staleAfterMs) open.delete(userId);
  if (open.size === 0) byStory.delete(storyId);
  return open.size ? open : undefined;
}

/** Records that this person has the story open; answers who else does, by name. */
export function heartbeat(storyId: number, user: { id: number; name: string }, at = Date.now()): string[] {
  const open = prune(storyId, at) ?? new Map<number, Presence>();
  open.set(user.id, { userId: user.id, name: user.name, seenAt: at });
  byStory.set(storyId, open);
  return othersEditing(storyId, user.id, at);
}

/** The names of the others who have the story open now. */
export function othersEditing(storyId: number, userId: number, at = Date.now()): string[] {
  const open = prune(storyId, at);
  return open ? [...open.values()].filter((p) => p.userId !== userId).map((p) => p.name) : [];
}

/** The person closed the editor (sent when the page is left). */
export function leave(storyId: number, userId: number): void {
  byStory.get(storyId)?.delete(userId);
}
