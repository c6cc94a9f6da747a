/** Events the newsletters capability announces after a change has committed. Nothing public changes with them. */

/**
 * subscriber: a reader asked, confirmed, changed lists, paused, left or was erased; edition: an edition was composed,
 * scheduled, queued or finished; outbox: messages were queued (the sender wakes); settings: click counts were turned
 * on or off; click: a counted link of an edition was followed.
 */
export interface NewsletterChanged {
  what: 'subscriber' | 'edition' | 'outbox' | 'settings' | 'click';
  /** The subscriber or edition concerned, when there is one. */
  id: number | null;
  /** What happened, in a word: requested, confirmed, preferences, unsubscribed, erased, saved, scheduled, queued, sent, cancelled. */
  change: string;
}

export interface NewsletterEvents {
  'newsletter.changed': [NewsletterChanged];
}
