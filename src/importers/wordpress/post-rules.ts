/** How WordPress post fields map onto Gazette's: statuses, SEO plugin meta, old permalinks, comment states. */
import type { ArticleStatus, CommentStatus } from '../../db/schema.js';
import type { WpComment, WpPost } from './wxr-model.js';

export type StatusDecision = { status: ArticleStatus } | { skip: string };

/** publish, draft, pending, future and private become Gazette states; trash and auto-drafts are skipped. */
export function articleStatus(post: WpPost): StatusDecision {
  switch (post.status) {
    case 'publish':
      return { status: 'published' };
    case 'draft':
      return { status: 'draft' };
    case 'pending':
      return { status: 'review' };
    case 'future':
      return post.date ? { status: 'scheduled' } : { status: 'draft' };
    case 'private':
      return { status: 'archived' };
    case 'trash':
      return { skip: 'it is in the WordPress trash' };
    case 'auto-draft':
      return { skip: 'it is an auto-draft WordPress saved on its own' };
    case 'inherit':
      return { skip: 'it is a revision of another post' };
    default:
      return { skip: `its status "${post.status}" has no Gazette equivalent` };
  }
}

export function commentStatus(comment: WpComment): CommentStatus | null {
  switch (comment.approved) {
    case '1':
    case 'approve':
    case 'approved':
      return 'approved';
    case '0':
    case 'hold':
    case '':
      return 'pending';
    case 'spam':
      return 'spam';
    case 'trash':
    case 'post-trashed':
      return 'trash';
    default:
      return null;
  }
}

const firstMeta = (post: WpPost, keys: string[]): string => {
  for (const key of keys) {
    const value = post.meta.get(key)?.trim();
    if (value) return value;
  }
  return '';
};

/** Yoast (%%title%%), Rank Math (%title%) and AIOSEO (#post_title) templates with the variables filled in. */
function fillTemplate(template: string, vars: { title: string; excerpt: string; siteName: string }): string {
  const values: Record<string, string> = {
    title: vars.title, post_title: vars.title, excerpt: vars.excerpt, post_excerpt: vars.excerpt,
    sitename: vars.siteName, site_title: vars.siteName, sep: '–', separator_sa: '–', separator: '–', page: '',
  };
  return template
    .replace(/%%([a-z_]+)%%/gi, (_m, name: string) => values[name.toLowerCase()] ?? '')
    .replace(/%([a-z_]+)%/gi, (_m, name: string) => values[name.toLowerCase()] ?? '')
    .replace(/#([a-z_]+)/gi, (whole, name: string) => values[name.toLowerCase()] ?? whole)
    .replace(/\s+/g, ' ')
    .replace(/^[\s–-]+|[\s–-]+$/g, '')
    .trim();
}

export interface SeoFields {
  seoTitle: string;
  seoDescription: string;
  canonicalUrl: string;
}

export function seoFields(post: WpPost, vars: { title: string; excerpt: string; siteName: string }): SeoFields {
  const title = firstMeta(post, ['_yoast_wpseo_title', 'rank_math_title', '_aioseo_title', '_aioseop_title', '_genesis_title']);
  const description = firstMeta(post, ['_yoast_wpseo_metadesc', 'rank_math_description', '_aioseo_description', '_aioseop_description', '_genesis_description']);
  const canonical = firstMeta(post, ['_yoast_wpseo_canonical', 'rank_math_canonical_url', '_aioseo_canonical_url']);
  return {
    seoTitle: fillTemplate(title, vars).slice(0, 300),
    seoDescription: fillTemplate(description, vars).slice(0, 600),
    canonicalUrl: /^https?:\/\//i.test(canonical) ? canonical : '',
  };
}

/** The primary category Yoast or Rank Math recorded, as a term id; the first category otherwise. */
export function primaryCategoryId(post: WpPost): string {
  return firstMeta(post, ['_yoast_wpseo_primary_category', 'rank_math_primary_category']);
}

/** A path as browsers send it: each segment percent-encoded once, no trailing slash. */
export function normalisePath(raw: string): string {
  const segments = raw.split('/').map((segment) => {
    try {
      return encodeURIComponent(decodeURIComponent(segment));
    } catch {
      return encodeURIComponent(segment);
    }
  });
  return segments.join('/').replace(/\/+$/, '') || '/';
}

/** The addresses a post had on the WordPress site: its permalink, the post-name and date forms, and ?p= / ?page_id=. */
export function legacyPaths(post: WpPost, rawSlug: string): string[] {
  const paths = new Set<string>();
  if (post.link) {
    try {
      const url = new URL(post.link);
      paths.add(normalisePath(url.pathname) + url.search);
    } catch {
      // A relative or broken link adds nothing.
    }
  }
  const slug = rawSlug ? normalisePath(rawSlug) : '';
  if (slug) {
    paths.add(`/${slug}`);
    if (post.type === 'post' && post.date) {
      const [year, month, day] = post.date.slice(0, 10).split('-');
      paths.add(`/${year}/${month}/${day}/${slug}`);
      paths.add(`/${year}/${month}/${slug}`);
    }
  }
  const query = post.type === 'page' ? `page_id=${post.id}` : `p=${post.id}`;
  paths.add(`/?${query}`);
  paths.add(`/index.php?${query}`);
  paths.delete('/');
  return [...paths];
}
