/** Reading what a request asks for: ids in paths and forms, page numbers, and whether the caller wants JSON. */
import type { FastifyRequest } from 'fastify';
import { badRequest, notFound } from './errors.js';

/** The largest id a database integer column holds; larger numbers cannot name anything. */
export const maxId = 2_147_483_647;

/** Text that names a row: a positive whole number without sign or leading zeros, within the integer range. */
export function isId(raw: unknown): raw is string {
  return typeof raw === 'string' && /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= maxId;
}

/** The id in a path segment or field, or a 404 for `what` ("That story"): text that is not an id names nothing. */
export function parseId(raw: unknown, what = 'That page'): number {
  if (!isId(raw)) throw notFound(what);
  return Number(raw);
}

/** A listing's ?page=, 1 when absent; anything but a whole number from 1 to 9999 is a 400. */
export function parsePage(raw: unknown): number {
  if (raw === undefined || raw === '') return 1;
  if (typeof raw !== 'string' || !/^\d{1,4}$/.test(raw) || Number(raw) < 1) {
    throw badRequest('The page number must be a whole number from 1 to 9999.');
  }
  return Number(raw);
}

/** A script asking for JSON (fetch with Accept: application/json) rather than a browser asking for a page. */
export function wantsJson(request: Pick<FastifyRequest, 'headers'>): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}
