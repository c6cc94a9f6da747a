/** Typed views of WXR records: authors, terms, posts with their meta and comments, and WordPress dates as ISO strings. */
import { child, childText, WxrError, type XmlNode } from './wxr-reader.js';

export interface WpAuthor {
  login: string;
  email: string;
  displayName: string;
  /** Only in Gazette's own exports. */
  bio: string;
}

export interface WpTerm {
  taxonomy: 'category' | 'post_tag' | string;
  slug: string;
  name: string;
  parentSlug: string;
  description: string;
}

export interface WpComment {
  id: string;
  parentId: string;
  author: string;
  email: string;
  url: string;
  date: string;
  content: string;
  approved: string;
  type: string;
}

export interface WpPost {
  line: number;
  id: string;
  type: string;
  parentId: string;
  title: string;
  link: string;
  creator: string;
  content: string;
  excerpt: string;
  status: string;
  slug: string;
  /** ISO time, or null when WordPress had none (drafts). */
  date: string | null;
  commentStatus: string;
  sticky: boolean;
  attachmentUrl: string;
  terms: { taxonomy: string; slug: string; name: string }[];
  /** Password-protected in WordPress: never published as-is. */
  password: string;
  meta: Map<string, string>;
  comments: WpComment[];
  /** Story thread and corrections: only in Gazette's own exports. */
  thread: { slug: string; title: string; description: string } | null;
  corrections: { text: string; at: string }[];
}

/** WordPress writes "2019-03-04 10:05:00" (GMT or site-local) and "0000-00-00 00:00:00" for none. */
export function wpDate(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match || match[1] === '0000') return null;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function rfc822Date(value: string): string | null {
  if (!value.trim()) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1971 ? null : date.toISOString();
}

export function toAuthor(node: XmlNode): WpAuthor {
  return {
    login: childText(node, 'wp:author_login'),
    email: childText(node, 'wp:author_email'),
    displayName: childText(node, 'wp:author_display_name') || [childText(node, 'wp:author_first_name'), childText(node, 'wp:author_last_name')].join(' ').trim(),
    bio: childText(node, 'gazette:author_bio'),
  };
}

/** `<wp:category>`, `<wp:tag>` and the generic `<wp:term>` of WXR 1.2 as one shape. */
export function toTerm(kind: 'category' | 'tag' | 'term', node: XmlNode): WpTerm {
  if (kind === 'category') {
    return {
      taxonomy: 'category',
      slug: childText(node, 'wp:category_nicename'),
      name: childText(node, 'wp:cat_name'),
      parentSlug: childText(node, 'wp:category_parent'),
      description: childText(node, 'wp:category_description'),
    };
  }
  if (kind === 'tag') {
    return { taxonomy: 'post_tag', slug: childText(node, 'wp:tag_slug'), name: childText(node, 'wp:tag_name'), parentSlug: '', description: childText(node, 'wp:tag_description') };
  }
  return {
    taxonomy: childText(node, 'wp:term_taxonomy'),
    slug: childText(node, 'wp:term_slug'),
    name: childText(node, 'wp:term_name'),
    parentSlug: childText(node, 'wp:term_parent'),
    description: childText(node, 'wp:term_description'),
  };
}

function toComment(node: XmlNode): WpComment {
  return {
    id: childText(node, 'wp:comment_id'),
    parentId: childText(node, 'wp:comment_parent').replace(/^0$/, ''),
    author: childText(node, 'wp:comment_author'),
    email: childText(node, 'wp:comment_author_email'),
    url: childText(node, 'wp:comment_author_url'),
    date: wpDate(childText(node, 'wp:comment_date_gmt')) ?? wpDate(childText(node, 'wp:comment_date')) ?? new Date(0).toISOString(),
    content: childText(node, 'wp:comment_content', true),
    approved: childText(node, 'wp:comment_approved'),
    type: childText(node, 'wp:comment_type'),
  };
}

/** Builds a post from an <item>; an item without wp:post_id or wp:post_type is an error naming its line. */
export function toPost(file: string, node: XmlNode): WpPost {
  const id = childText(node, 'wp:post_id');
  const type = childText(node, 'wp:post_type');
  if (!/^\d+$/.test(id)) throw new WxrError(file, node.line, `this <item> has no numeric <wp:post_id>${id ? ` (found "${id}")` : ''}`);
  if (!type) throw new WxrError(file, node.line, `<item> ${id} has no <wp:post_type>`);
  const meta = new Map<string, string>();
  const comments: WpComment[] = [];
  const terms: WpPost['terms'] = [];
  const corrections: WpPost['corrections'] = [];
  let thread: WpPost['thread'] = null;
  for (const c of node.children) {
    if (c.name === 'wp:postmeta') meta.set(childText(c, 'wp:meta_key'), childText(c, 'wp:meta_value', true));
    else if (c.name === 'wp:comment') comments.push(toComment(c));
    else if (c.name === 'gazette:thread' && c.attributes.slug) thread = { slug: c.attributes.slug, title: c.attributes.title ?? c.attributes.slug, description: c.text.trim() };
    else if (c.name === 'gazette:correction' && c.text.trim()) corrections.push({ text: c.text.trim(), at: c.attributes.date ?? new Date().toISOString() });
    else if (c.name === 'category' && c.attributes.domain) {
      terms.push({ taxonomy: c.attributes.domain, slug: c.attributes.nicename ?? '', name: c.text.trim() });
    }
  }
  const date = wpDate(childText(node, 'wp:post_date_gmt')) ?? wpDate(childText(node, 'wp:post_date')) ?? rfc822Date(childText(node, 'pubDate'));
  return {
    line: node.line,
    id,
    type,
    parentId: childText(node, 'wp:post_parent').replace(/^0$/, ''),
    title: childText(node, 'title'),
    link: childText(node, 'link'),
    creator: childText(node, 'dc:creator'),
    content: childText(node, 'content:encoded', true),
    excerpt: childText(node, 'excerpt:encoded'),
    status: childText(node, 'wp:status') || 'publish',
    slug: decodeSlug(childText(node, 'wp:post_name')),
    date,
    commentStatus: childText(node, 'wp:comment_status'),
    sticky: childText(node, 'wp:is_sticky') === '1',
    attachmentUrl: childText(node, 'wp:attachment_url') || (child(node, 'guid')?.text.trim() ?? ''),
    password: childText(node, 'wp:post_password'),
    terms,
    meta,
    comments,
    thread,
    corrections,
  };
}

/** WordPress stores non-ASCII slugs percent-encoded ("caf%c3%a9"). */
export function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}
