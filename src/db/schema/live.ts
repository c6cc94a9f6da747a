/** Tables of live/: live coverage of a story, its updates, their earlier text and the public change log. */
import type { Generated } from 'kysely';
import type { Flag } from '../schema.js';

/** A story covered live: its summary, whether contributors' updates wait for an editor, and when coverage began and ended. */
export interface LiveCoverageTable {
  article_id: number;
  summary_html: string;
  approval_required: Flag;
  started_at: string;
  /** Null while the story is live. */
  ended_at: string | null;
  updated_at: string;
}

export type LiveUpdateStatus = 'published' | 'pending' | 'deleted';

/** One timestamped update of a live story. */
export interface LiveUpdatesTable {
  id: Generated<number>;
  article_id: number;
  author_id: number | null;
  author_name: string;
  headline: string;
  body_html: string;
  status: LiveUpdateStatus;
  pinned: Flag;
  created_at: string;
  /** When readers first saw it (approval time for a contributor's update); null while pending. */
  published_at: string | null;
  /** Last edit after publication: the update shows "Updated". */
  edited_at: string | null;
  /** The visible correction note; '' when none. */
  correction: string;
  corrected_at: string | null;
}

/** An update's earlier text, kept on every edit and correction. */
export interface LiveUpdateRevisionsTable {
  id: Generated<number>;
  update_id: number;
  headline: string;
  body_html: string;
  editor_id: number | null;
  created_at: string;
}

/** The public change log of live stories: its ids are the Server-Sent Events ids readers resume from. */
export interface LiveEventsTable {
  id: Generated<number>;
  article_id: number;
  kind: string;
  update_id: number | null;
  created_at: string;
}
