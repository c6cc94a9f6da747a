/**
 * Events the live coverage capability announces after commit. Each is self-describing: the story (id, address,
 * headline, thread) and the update (id, headline, status, pinned) are in the payload, so the page cache, webhooks,
 * newsletters and follower alerts act on it without reading the database.
 */

/** The story a live event is about, as readers see it. */
export interface LiveStoryRef {
  id: number;
  url: string;
  headline: string;
  threadSlug: string | null;
}

/** An update as the public page and webhooks show it. */
export interface LiveUpdateView {
  id: number;
  storyId: number;
  headline: string;
  bodyHtml: string;
  authorName: string;
  authorId: number | null;
  status: 'published' | 'pending' | 'deleted';
  pinned: boolean;
  createdAt: string;
  publishedAt: string | null;
  editedAt: string | null;
  correction: string;
  correctedAt: string | null;
}

export interface LiveUpdateChanged {
  story: LiveStoryRef;
  /** The update as committed (for a deletion: as it was, with status 'deleted'). */
  update: LiveUpdateView;
  /** The id of the public change-log row written with the change (the SSE id); null when readers see no change (a pending update). */
  streamId: number | null;
  /** Who did it; null for the system. */
  actorId: number | null;
}

export interface LiveCoverage {
  storyId: number;
  summaryHtml: string;
  approvalRequired: boolean;
  startedAt: string;
  endedAt: string | null;
}

export interface LiveCoverageChanged {
  story: LiveStoryRef;
  coverage: LiveCoverage;
  streamId: number;
  actorId: number | null;
}

export interface LiveEvents {
  /** An update was posted: published at once, or waiting for an editor (`update.status` 'pending', no public change). */
  'live.update.posted': [LiveUpdateChanged];
  /** An editor approved a contributor's update: readers see it now. */
  'live.update.approved': [LiveUpdateChanged];
  'live.update.edited': [LiveUpdateChanged];
  'live.update.corrected': [LiveUpdateChanged];
  'live.update.deleted': [LiveUpdateChanged];
  /** The update became a key event. */
  'live.update.pinned': [LiveUpdateChanged];
  'live.update.unpinned': [LiveUpdateChanged];
  'live.coverage.started': [LiveCoverageChanged];
  /** The summary or the approval rule changed while live. */
  'live.coverage.updated': [LiveCoverageChanged];
  'live.coverage.ended': [LiveCoverageChanged];
}

export type LiveUpdateEventName = 'live.update.posted' | 'live.update.approved' | 'live.update.edited' | 'live.update.corrected' | 'live.update.deleted' | 'live.update.pinned' | 'live.update.unpinned';
export type LiveCoverageEventName = 'live.coverage.started' | 'live.coverage.updated' | 'live.coverage.ended';
