/**
 * The spam rule for a new comment, in one place. No single weak sign throws a comment away; they add up to a hold.
 *
 * Signals and weights:
 * - a blocked word or phrase in the name or text: 2
 * - posted sooner than COMMENT_MIN_SECONDS after the page with the form loaded: 1 (people paste prepared text)
 * - two or more links (three is the most a comment may carry): 1
 * - the sender's fourth or later comment within ten minutes: 1
 * - an email address with an approved comment (a known commenter): −1
 *
 * Nothing scored: a known commenter is published at once (unless the site moderates every comment), anyone else waits
 * in the pending queue. A known commenter with a single weak sign waits in the pending queue too, the sign noted: never
 * published on trust while something looks off. Anything heavier (a blocked word, or any sign from someone unknown)
 * goes to the spam queue with its reasons, where an editor can approve it and where it is deleted after
 * COMMENT_SPAM_DAYS. Only the honeypot, which people never see, drops a post unstored; blocklisted senders are refused.
 */
import type { CommentStatus } from '../db/schema.js';

export interface CommentSignals {
  /** Seconds between the page with the form loading and the post; null when unknown. */
  formAgeSeconds: number | null;
  minSeconds: number;
  links: number;
  /** Comments from the same email address in the last ten minutes, before this one. */
  recentFromSender: number;
  /** The blocked word or phrase the comment contains, if any. */
  blockedWord: string | null;
  /** The email address already has an approved comment. */
  knownCommenter: boolean;
  /** The site holds every comment for moderation. */
  moderateAll: boolean;
}

export interface Assessment {
  status: Exclude<CommentStatus, 'trash'>;
  /** Why it was held, in words a moderator reads ("posted 1.4 s after the form loaded"); empty when nothing was suspect. */
  reasons: string[];
}

export const burstThreshold = 3;

export function assessComment(signals: CommentSignals): Assessment {
  const reasons: string[] = [];
  let score = 0;
  if (signals.blockedWord !== null) {
    score += 2;
    reasons.push(`contains the blocked word “${signals.blockedWord}”`);
  }
  if (signals.formAgeSeconds !== null && signals.formAgeSeconds < signals.minSeconds) {
    score += 1;
    reasons.push(`posted ${formatSeconds(signals.formAgeSeconds)} s after the form loaded (under ${signals.minSeconds} s)`);
  }
  if (signals.links >= 2) {
    score += 1;
    reasons.push(`contains ${signals.links} links`);
  }
  if (signals.recentFromSender >= burstThreshold) {
    score += 1;
    reasons.push(`comment number ${signals.recentFromSender + 1} from this email address in ten minutes`);
  }
  if (score === 0) return { status: signals.knownCommenter && !signals.moderateAll ? 'approved' : 'pending', reasons };
  const suspicion = score - (signals.knownCommenter ? 1 : 0);
  return { status: suspicion >= 1 ? 'spam' : 'pending', reasons };
}

/** 1.4, 0.2, 12: one decimal under ten seconds, whole seconds above. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, seconds);
  return s < 10 ? s.toFixed(1) : String(Math.round(s));
}

export function countLinks(text: string): number {
  return (text.match(/https?:\/\//gi) ?? []).length;
}
