/** A signed, time-stamped token in the comment form: proves we served the form and when, for the time-to-submit check. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function makeFormToken(secret: string, articleId: number, at = Date.now()): string {
  const stamp = at.toString(36);
  return `${stamp}.${sign(secret, articleId, stamp)}`;
}

function sign(secret: string, articleId: number, stamp: string): string {
  return createHmac('sha256', secret).update(`comment-form:${articleId}:${stamp}`).digest('base64url').slice(0, 22);
}

export type FormTokenCheck = { ok: true; ageSeconds: number } | { ok: false; reason: string };

export function checkFormToken(secret: string, articleId: number, token: string, now = Date.now()): FormTokenCheck {
  const [stamp, signature] = token.split('.');
  if (!stamp || !signature) return { ok: false, reason: 'The form was incomplete. Please reload the page and try again.' };
  const expected = Buffer.from(sign(secret, articleId, stamp));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'The form was not recognised. Please reload the page and try again.' };
  }
  const ageSeconds = (now - Number.parseInt(stamp, 36)) / 1000;
  if (!Number.isFinite(ageSeconds) || ageSeconds < 0) return { ok: false, reason: 'The form was not recognised. Please reload the page and try again.' };
  return { ok: true, ageSeconds };
}
