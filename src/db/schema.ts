/** The single source of table types: one interface per table, as Kysely sees them (later capabilities' tables in schema/). Times are ISO-8601 UTC strings, flags are 0/1. */
import type { ColumnType, Generated, Selectable, Updateable } from 'kysely';
import type { LiveCoverageTable, LiveEventsTable, LiveUpdateRevisionsTable, LiveUpdatesTable } from './schema/live.js';
import type { EditionLinksTable, EditionStoriesTable, EditionsTable, MailOutboxTable, PendingAlertsTable, SubscribersTable, SubscriptionsTable } from './schema/newsletters.js';
import type { PlacesTable, StoryPlacesTable } from './schema/places.js';
import type { SourceKeysTable, SourceProposalsTable, SourcesTable, StorySourcesTable } from './schema/sources.js';

// The tables of the later capabilities live beside their kin in schema/; everything is imported from here.
export type * from './schema/live.js';
export type * from './schema/newsletters.js';
export type * from './schema/places.js';
export type * from './schema/sources.js';

export type Role = 'contributor' | 'author' | 'editor' | 'admin';
export type ArticleStatus = 'draft' | 'review' | 'scheduled' | 'published' | 'archived';
export type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash';

/** Postgres returns bigint counts as strings; normalise with Number() where read. */
export type Flag = number;

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  slug: string;
  bio: string;
  role: Role;
  password_hash: string | null;
  avatar_media_id: number | null;
  disabled: ColumnType<Flag, Flag | undefined, Flag>;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  user_agent: string;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  email: string;
  ip_hash: string;
  succeeded: Flag;
  created_at: string;
}

export type AccountLinkKind = 'reset' | 'invite';

/** One-time links: password resets (user_id set) and invitations (email + role; the user is created on acceptance). */
export interface AccountLinksTable {
  token_hash: string;
  kind: AccountLinkKind;
  email: string;
  user_id: number | null;
  role: Role | null;
  created_by: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SectionsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  position: number;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface ThreadsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  description: string;
}

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  dek: string;
  body_html: string;
  section_id: number;
  status: ArticleStatus;
  /** Publication time; for scheduled stories the time they go out. */
  published_at: string | null;
  /** Last visible change after publication; shown as "Updated". */
  updated_at: string;
  created_at: string;
  featured_media_id: number | null;
  thread_id: number | null;
  comments_open: Flag;
  seo_title: string;
  seo_description: string;
  canonical_url: string;
  /** Incremented on every save: the optimistic-concurrency token. */
  version: number;
}

export interface ArticleAuthorsTable {
  article_id: number;
  user_id: number;
  position: number;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
}

export interface RevisionsTable {
  id: Generated<number>;
  article_id: number;
  title: string;
  dek: string;
  body_html: string;
  editor_id: number | null;
  created_at: string;
  /** The move made with this save: 'save', 'create', or a workflow action ('submit', 'publish', …). */
  change: Generated<string>;
  /** The story's status after this save; null for revisions stored before it was recorded. */
  status: ArticleStatus | null;
}

/** Who has a story open in the editor; a row older than the presence window is ignored and pruned. */
export interface StoryPresenceTable {
  article_id: number;
  user_id: number;
  seen_at: string;
}

/** An internal desk note on a story: newsroom only, tied to the revision that was newest when it was written. */
export interface StoryNotesTable {
  id: Generated<number>;
  article_id: number;
  author_id: number | null;
  revision_id: number | null;
  body: string;
  created_at: string;
}

export interface CorrectionsTable {
  id: Generated<number>;
  article_id: number;
  text: string;
  created_at: string;
}

export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  author_name: string;
  author_email: string;
  body: string;
  status: CommentStatus;
  ip_hash: string;
  created_at: string;
  /** JSON array of the reasons a comment was held on suspicion ("posted 1.4 s after the page loaded"); '[]' when none. */
  hold_reasons: Generated<string>;
  /** When the comment was last moved to spam (the purge counts from here); null outside spam. */
  spam_since: string | null;
}

export interface MediaTable {
  id: Generated<number>;
  path: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  credit: string;
  /** JSON: [{ width, format, path }] of generated variants. */
  variants: string;
  created_at: string;
  /** Focal point, percent from the left and the top (0-100); null when none is set (crops keep the centre). */
  focal_x: number | null;
  focal_y: number | null;
}

export interface RedirectsTable {
  from_path: string;
  to_path: string;
  created_at: string;
}

/** One place on the edited front: `slot` names the part, `position` the order in it, `target_id` a story, thread or section. */
export interface FrontSlotsTable {
  slot: string;
  position: number;
  target_id: number;
}

/** A story pinned to the top of the automatic front (a WordPress sticky post) until an editor arranges the front. */
export interface FrontPinsTable {
  article_id: number;
  pinned_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** One WordPress object an import turned into a Gazette row (target_id), or decided about (detail). */
export interface ImportItemsTable {
  /** The WordPress site the object came from (its base URL). */
  source: string;
  kind: string;
  source_id: string;
  target_id: number | null;
  detail: string;
  created_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** sha256 of the secret token; the token itself is shown once and never stored. */
  token_hash: string;
  /** The token's first characters, so people can tell their tokens apart. */
  prefix: string;
  /** Space-separated scopes, e.g. "stories:write media:write". */
  scopes: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface WebhooksTable {
  id: Generated<number>;
  url: string;
  /** HMAC key for the signature header; shown once when the endpoint is added. */
  secret: string;
  /** Space-separated event names the endpoint receives. */
  events: string;
  description: string;
  active: ColumnType<Flag, Flag | undefined, Flag>;
  created_by: number | null;
  created_at: string;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  event: string;
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  last_status_code: number | null;
  last_error: ColumnType<string, string | undefined, string>;
  created_at: string;
  delivered_at: string | null;
}

/** The search index's vocabulary (unstemmed, accent-folded words): completion of the word being typed and typo correction. */
export interface SearchWordsTable {
  word: string;
  /** The word reversed, so words sharing an ending are one index range apart. */
  rev: string;
  /** How many indexed stories used the word (exact after a reindex, an upper bound between reindexes). */
  docs: number;
}

/** A published story's related stories, best first, as worked out when it or a neighbour last changed. */
export interface RelatedListsTable {
  article_id: number;
  /** Comma-separated article ids. */
  related_ids: string;
  computed_at: string;
}

export type CommentBlockKind = 'word' | 'email' | 'ip';

export interface CommentBlocksTable {
  id: Generated<number>;
  kind: CommentBlockKind;
  /** Lower-cased word or email; for 'ip', the address hashed like comments.ip_hash. */
  value: string;
  note: string;
  created_at: string;
}

/** Posts dropped without being stored (only the honeypot drops), counted per UTC day and reason. */
export interface CommentDropsTable {
  /** yyyy-mm-dd, UTC. */
  day: string;
  reason: string;
  count: number;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  account_links: AccountLinksTable;
  sections: SectionsTable;
  tags: TagsTable;
  threads: ThreadsTable;
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  article_tags: ArticleTagsTable;
  revisions: RevisionsTable;
  corrections: CorrectionsTable;
  comments: CommentsTable;
  comment_blocks: CommentBlocksTable;
  comment_drops: CommentDropsTable;
  media: MediaTable;
  redirects: RedirectsTable;
  settings: SettingsTable;
  api_tokens: ApiTokensTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  import_items: ImportItemsTable;
  search_words: SearchWordsTable;
  related_lists: RelatedListsTable;
  front_slots: FrontSlotsTable;
  front_pins: FrontPinsTable;
  story_notes: StoryNotesTable;
  story_presence: StoryPresenceTable;
  live_coverage: LiveCoverageTable;
  live_updates: LiveUpdatesTable;
  live_update_revisions: LiveUpdateRevisionsTable;
  live_events: LiveEventsTable;
  sources: SourcesTable;
  source_keys: SourceKeysTable;
  story_sources: StorySourcesTable;
  source_proposals: SourceProposalsTable;
  places: PlacesTable;
  story_places: StoryPlacesTable;
  subscribers: SubscribersTable;
  subscriptions: SubscriptionsTable;
  editions: EditionsTable;
  edition_stories: EditionStoriesTable;
  edition_links: EditionLinksTable;
  pending_alerts: PendingAlertsTable;
  mail_outbox: MailOutboxTable;
}

export type User = Selectable<UsersTable>;
export type Section = Selectable<SectionsTable>;
export type Tag = Selectable<TagsTable>;
export type Thread = Selectable<ThreadsTable>;
export type Place = Selectable<PlacesTable>;
export type Article = Selectable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
export type Comment = Selectable<CommentsTable>;
export type Media = Selectable<MediaTable>;
export type Source = Selectable<SourcesTable>;
export type SourceProposal = Selectable<SourceProposalsTable>;
