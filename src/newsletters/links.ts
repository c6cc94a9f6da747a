/**
 * Signed links in reader mail. A link names the subscriber and carries an HMAC of its purpose, the subscriber's id
 * and token version (and an expiry for confirmations) under the site secret; nothing is stored per link. Raising
 * `token_version` (when an address is erased and signs up again) voids every link sent before.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type LinkPurpose = 'confirm' | 'preferences' | 'unsubscribe';

/** How long a confirmation link works. */
export const confirmHours = 48;

function mac(secret: string, purpose: LinkPurpose, subscriberId: number, version: number, extra: string): string {
  return createHmac('sha256', secret).update(`newsletter:${purpose}:${subscriberId}:${version}:${extra}`).digest('base64url').slice(0, 32);
}

export interface SignedLink {
  s: string;
  t: string;
  e?: string;
  l?: string;
}

export function signLink(secret: string, purpose: LinkPurpose, subscriberId: number, version: number, options: { expiresAt?: number; list?: string } = {}): SignedLink {
  const e = options.expiresAt === undefined ? '' : options.expiresAt.toString(36);
  const l = options.list ?? '';
  return { s: String(subscriberId), t: mac(secret, purpose, subscriberId, version, `${e}:${l}`), ...(e ? { e } : {}), ...(l ? { l } : {}) };
}

export function linkQuery(link: SignedLink): string {
  return new URLSearchParams(Object.entries(link) as [string, string][]).toString();
}

/** What a link's query string says, before it is checked against the subscriber's row. */
export interface LinkClaim {
  subscriberId: number;
  token: string;
  expires: string;
  list: string;
}

export function parseLinkClaim(query: Record<string, unknown>): LinkClaim | null {
  const s = typeof query.s === 'string' ? query.s : '';
  const t = typeof query.t === 'string' ? query.t : '';
  const e = typeof query.e === 'string' ? query.e : '';
  const l = typeof query.l === 'string' ? query.l : '';
  if (!/^[1-9]\d{0,11}$/.test(s) || !/^[A-Za-z0-9_-]{32}$/.test(t) || !/^[0-9a-z]{0,12}$/.test(e) || l.length > 120) return null;
  return { subscriberId: Number(s), token: t, expires: e, list: l };
}

export type LinkCheck = 'ok' | 'invalid' | 'expired';

export function checkLink(secret: string, purpose: LinkPurpose, claim: LinkClaim, version: number, now = Date.now()): LinkCheck {
  const expected = Buffer.from(mac(secret, purpose, claim.subscriberId, version, `${claim.expires}:${claim.list}`));
  const given = Buffer.from(claim.token);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  if (purpose === 'confirm') {
    const until = Number.parseInt(claim.expires, 36);
    if (!Number.isFinite(until)) return 'invalid';
    if (until < now) return 'expired';
  }
  return 'ok';
}
