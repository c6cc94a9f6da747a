/**
 * Domain events: what changed, announced once after commit by the command that changed it, so the page cache,
 * webhooks and notifications react without the writer knowing them. Each capability declares its own events.
 * The search index is not a listener: it is written inside the story's own transaction, so it never lags a commit.
 */
import { EventEmitter } from 'node:events';
import type { CommentEvents } from './comments/events.js';
import type { StoryEvents } from './content/events.js';
import type { LiveEvents } from './live/events.js';
import type { PlaceEvents } from './places/events.js';
import type { NewsletterEvents } from './newsletters/events.js';
import type { SiteEvents } from './site-events.js';
import type { SourceEvents } from './sources/events.js';

export type ContentEvents = StoryEvents & CommentEvents & SiteEvents & LiveEvents & SourceEvents & PlaceEvents & NewsletterEvents;

export class ContentEventBus extends EventEmitter<ContentEvents> {}
