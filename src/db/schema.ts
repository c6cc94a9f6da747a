/** The single source of table types: one interface per table, as Kysely sees them. Times are ISO-8601 UTC strings, flags are 0/1. */
import type { ColumnType, Generated, Selectable, Updateable } from 'kysely';

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

/** A place a story is datelined in or about: a GeoNames place once a story used it, or one an editor added. */
export interface PlacesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  /** Other names (other scripts, former names), separated by " | ". */
  alt_names: string;
  /** Lower-case, accent-free name and other names, for lookups in any script. */
  search_key: string;
  /** ISO 3166-1 alpha-2, or '' for a place in no recognised country (the demo's fictional one). */
  country_code: string;
  /** The country or region as shown when there is no ISO code ('' otherwise). */
  region: string;
  lat: number;
  lon: number;
  population: number;
  geonames_id: number | null;
  /** 1 for a place an editor added, 0 for one from the gazetteer. */
  custom: number;
  created_at: string;
}

export interface StoryPlacesTable {
  article_id: number;
  place_id: number;
  /** 1 for the story's dateline (at most one per story). */
  dateline: number;
  position: number;
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

/** An internal desk note on a story: newsroom only, tied to the revision that was newest when it was written. */
/** Who has a story open in the editor; a row older than the presence window is ignored and pruned. */
export interface StoryPresenceTable {
  article_id: number;
  user_id: number;
  seen_at: string;
}

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

export type SourceKind = 'organisation' | 'person' | 'document';

/** An organisation, person or document stories rest on; a merged source keeps its row to redirect to `merged_into_id`. */
export interface SourcesTable {
  id: Generated<number>;
  kind: SourceKind;
  slug: string;
  name: string;
  /** Organisations: agency, ministry, ngo, monitoring, company, broadcaster, think-tank, court, other. */
  org_type: string;
  /** People: their role or title. */
  role: string;
  /** People: the organisation they speak for; documents: their publisher. */
  affiliation_id: number | null;
  /** Documents: the date published, YYYY-MM-DD (or '' when unknown). */
  published_on: string;
  /** A document's link, or an organisation's or person's own page. */
  url: string;
  description: string;
  merged_into_id: number | null;
  created_at: string;
  updated_at: string;
}

/** A folded name (see sources/names.ts) and the live source it means. */
export interface SourceKeysTable {
  name_key: string;
  source_id: number;
}

/** One attribution in a story's body: a quote block's or an inline `<cite data-source>`. */
export interface StorySourcesTable {
  article_id: number;
  position: number;
  source_id: number;
  kind: 'quote' | 'inline';
  quote: string;
  role: string;
  /** The original document's address (a quote's `cite`). */
  link: string;
}

/** An attribution name the backfill found without a source, for the desk to confirm or merge. */
export interface SourceProposalsTable {
  id: Generated<number>;
  name_key: string;
  name: string;
  /** JSON array of the spellings seen. */
  variants: string;
  /** JSON array of the story ids it appears in. */
  article_ids: string;
  /** The existing source the name already matches, if any. */
  source_id: number | null;
  status: 'open' | 'confirmed' | 'dismissed';
  created_at: string;
  updated_at: string;
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

/** pending: asked, not yet confirmed; active: confirmed; bounced: the mail server refused it (see newsletters/sender.ts); unsubscribed: left every list. */
export type SubscriberStatus = 'pending' | 'active' | 'bounced' | 'unsubscribed';

/** A reader who follows by email; no account, no password. */
export interface SubscribersTable {
  id: Generated<number>;
  /** Lower-cased. */
  email: string;
  status: SubscriberStatus;
  paused: ColumnType<Flag, Flag | undefined, Flag>;
  /** Part of every signed link; raising it voids all links sent so far. */
  token_version: ColumnType<number, number | undefined, number>;
  /** Permanent (5xx) refusals since the last successful delivery. */
  permanent_failures: ColumnType<number, number | undefined, number>;
  /** The per-address limit on confirmation mails: when the current 24-hour window began and how many were sent in it. */
  confirm_window_start: string | null;
  confirm_sends: ColumnType<number, number | undefined, number>;
  created_at: string;
  confirmed_at: string | null;
  bounced_at: string | null;
}

export interface SubscriptionsTable {
  subscriber_id: number;
  /** daily, weekly, section:<slug>, thread:<slug>, story:<id> (see newsletters/lists.ts). */
  list_key: string;
  /** 0 until the reader used the confirmation link that asked for it. */
  confirmed: ColumnType<Flag, Flag | undefined, Flag>;
  created_at: string;
}

export type EditionKind = 'newsletter' | 'alert' | 'correction';
export type EditionStatus = 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled';

/** One mailing to a list: a newsletter composed in the newsroom or assembled on schedule, a follow alert, a correction notice. */
export interface EditionsTable {
  id: Generated<number>;
  kind: EditionKind;
  list_key: string;
  subject: string;
  intro: ColumnType<string, string | undefined, string>;
  status: EditionStatus;
  /** 1: the daily briefing or weekly digest picks its stories itself until the desk picks them. */
  auto: ColumnType<Flag, Flag | undefined, Flag>;
  send_at: string | null;
  /** For a correction notice: the correction it announces (one notice per correction). */
  correction_id: number | null;
  /** For the daily briefing and weekly digest: which issue it is (daily:2026-12-07), so instances never make two. */
  slot: string | null;
  /** The message as rendered when the edition was queued, with per-reader links as placeholders. */
  html: ColumnType<string, string | undefined, string>;
  text_body: ColumnType<string, string | undefined, string>;
  recipients: ColumnType<number, number | undefined, number>;
  created_by: number | null;
  created_at: string;
  sent_at: string | null;
}

export interface EditionStoriesTable {
  edition_id: number;
  article_id: number;
  position: number;
}

/** A follow alert waiting for its batching window to close. */
export interface PendingAlertsTable {
  id: Generated<number>;
  list_key: string;
  kind: 'story' | 'correction' | 'live';
  article_id: number;
  correction_id: number | null;
  due_at: string;
  created_at: string;
}

/**
 * queued: waiting (or waiting for a retry); sending: claimed by a sender until claimed_until; sent: accepted by the
 * SMTP server; stored: kept in the outbox because no SMTP server is configured; failed: refused for good or out of
 * attempts; skipped: not sent because the address stopped receiving mail before its turn.
 */
export type MailStatus = 'queued' | 'sending' | 'sent' | 'stored' | 'failed' | 'skipped';

export interface MailOutboxTable {
  id: Generated<number>;
  kind: 'confirm' | 'edition' | 'test';
  /** One message per purpose and recipient, e.g. edition:12:subscriber:7; a second queueing is a no-op. */
  dedupe_key: string;
  edition_id: number | null;
  subscriber_id: number | null;
  to_address: string;
  /** The list the one-click unsubscribe leaves. */
  list_key: string | null;
  /** Empty for edition messages: they are rendered from the edition at send time. */
  subject: ColumnType<string, string | undefined, string>;
  html: ColumnType<string, string | undefined, string>;
  text_body: ColumnType<string, string | undefined, string>;
  status: MailStatus;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  last_error: ColumnType<string, string | undefined, string>;
  created_at: string;
  sent_at: string | null;
}
