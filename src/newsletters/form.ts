/**
 * The subscribe forms' bot defences, the comment form's own: a hidden honeypot field (in the command) and a signed,
 * time-stamped form token proving the site served the form. Story pages are cached, so a token may be days old.
 */
import { checkFormToken, makeFormToken } from '../comments/form-token.js';

/** Tokens older than this are refused ("reload the page"); the pages that carry them are cached for minutes, not weeks. */
const maxAgeSeconds = 14 * 24 * 3600;

/** Comment tokens are signed for a story id (from 1); subscribe forms use 0, so neither is accepted for the other. */
const subscribeFormId = 0;

export function subscribeFormToken(secret: string, at = Date.now()): string {
  return makeFormToken(secret, subscribeFormId, at);
}

export function checkSubscribeToken(secret: string, token: string): { ok: true } | { ok: false; reason: string } {
  const check = checkFormToken(secret, subscribeFormId, token);
  if (!check.ok) return check;
  if (check.ageSeconds > maxAgeSeconds) return { ok: false, reason: 'This form is too old. Please reload the page and try again.' };
  return { ok: true };
}
