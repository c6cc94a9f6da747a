/** Domain events: what changed, announced once, so the page cache, webhooks and search react without the writer knowing them. */
import { EventEmitter } from 'node:events';

export interface ContentEvents {
  /** A story's public face changed: published, edited while published, unpublished, or deleted. */
  'story.changed': [{ articleId: number; kind: 'published' | 'updated' | 'unpublished'; paths: string[] }];
  /** A comment became visible (approved) or stopped being visible. */
  'comment.changed': [{ articleId: number; commentId: number; kind: 'posted' | 'approved' | 'removed' }];
  /** Sections, tags, authors or settings changed: every page may show them. */
  'site.changed': [{ what: string }];
}

export class ContentEventBus extends EventEmitter<ContentEvents> {}
