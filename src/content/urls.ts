/** Public URL paths for every kind of page, in one place so links and redirects agree. */

export function storyPath(sectionSlug: string, publishedAt: string | null, slug: string): string {
  const date = publishedAt ? new Date(publishedAt) : new Date();
  const year = date.getUTCFullYear();
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `/${sectionSlug}/${year}/${month}/${slug}`;
}

export const sectionPath = (slug: string): string => `/${slug}`;
export const tagPath = (slug: string): string => `/tag/${slug}`;
export const authorPath = (slug: string): string => `/author/${slug}`;
export const threadPath = (slug: string): string => `/thread/${slug}`;
export const archivePath = (year: number, month?: number): string =>
  month ? `/archive/${year}/${String(month).padStart(2, '0')}` : `/archive/${year}`;
export const mediaPath = (path: string): string => `/media/${path}`;

export function withPage(path: string, page: number): string {
  return page <= 1 ? path : `${path}?page=${page}`;
}
