/** The stories list's view in its URL: search, filters, sort and page, parsed strictly (a bookmark either works or says what is wrong). */
import type { ArticleStatus } from '../../db/schema.js';
import { deskSorts, type DeskSort } from '../../content/desk.js';
import { badRequest } from '../../http/errors.js';

export const listStatuses: ArticleStatus[] = ['draft', 'review', 'scheduled', 'published', 'archived'];

export interface ListQuery {
  q: string;
  status: ArticleStatus | null;
  /** Section slug. */
  section: string | null;
  /** Author's slug. */
  author: string | null;
  mine: boolean;
  /** Waiting for my review. */
  review: boolean;
  sort: DeskSort;
  page: number;
}

export const sortLabels: Record<DeskSort, string> = {
  updated: 'Last change, newest first',
  oldest: 'Last change, oldest first',
  created: 'Started, newest first',
  published: 'Publication time, latest first',
  title: 'Headline, A to Z',
};

const one = (value: unknown): string | undefined => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined);

export function parseListQuery(raw: Record<string, unknown>): ListQuery {
  const q = (one(raw.q) ?? '').trim();
  if (q.length > 200) throw badRequest('Search for at most 200 characters.', { q: 'Too long.' });
  const statusRaw = one(raw.status) ?? '';
  const status = listStatuses.find((s) => s === statusRaw) ?? null;
  if (statusRaw && !status) throw badRequest(`"${statusRaw.slice(0, 40)}" is not a story status; use one of ${listStatuses.join(', ')}.`, { status: 'Unknown status.' });
  const slug = (name: string): string | null => {
    const value = (one(raw[name]) ?? '').trim();
    if (!value) return null;
    if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(value)) throw badRequest(`"${value.slice(0, 40)}" is not a ${name} name as the list writes it.`, { [name]: 'Not a slug.' });
    return value;
  };
  const sortRaw = one(raw.sort) ?? '';
  const sort = deskSorts.find((s) => s === sortRaw) ?? 'updated';
  if (sortRaw && sort !== sortRaw) throw badRequest(`"${sortRaw.slice(0, 40)}" is not a way to sort; use one of ${deskSorts.join(', ')}.`, { sort: 'Unknown order.' });
  const flag = (name: string, on: string): boolean => {
    const value = one(raw[name]);
    if (value === undefined || value === '') return false;
    if (value === on) return true;
    throw badRequest(`${name}=${value.slice(0, 20)} is not understood; use ${name}=${on}.`, { [name]: 'Not understood.' });
  };
  const pageRaw = one(raw.page) ?? '';
  if (pageRaw && !/^[1-9]\d{0,4}$/.test(pageRaw)) throw badRequest('The page is a whole number from 1.', { page: 'Not a page number.' });
  return { q, status, section: slug('section'), author: slug('author'), mine: flag('mine', '1'), review: flag('review', 'me'), sort, page: pageRaw ? Number(pageRaw) : 1 };
}

/** The list's URL for a view; defaults are left out so URLs stay short. */
export function listHref(query: ListQuery, change: Partial<ListQuery> = {}): string {
  const next = { ...query, page: 1, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  if (next.status) params.set('status', next.status);
  if (next.section) params.set('section', next.section);
  if (next.author) params.set('author', next.author);
  if (next.mine) params.set('mine', '1');
  if (next.review) params.set('review', 'me');
  if (next.sort !== 'updated') params.set('sort', next.sort);
  if (next.page > 1) params.set('page', String(next.page));
  const text = params.toString();
  return text ? `/newsroom/stories?${text}` : '/newsroom/stories';
}

/** Whether the view narrows the list at all (beyond the status tabs). */
export function isFiltered(query: ListQuery): boolean {
  return Boolean(query.q || query.section || query.author || query.mine || query.review);
}
