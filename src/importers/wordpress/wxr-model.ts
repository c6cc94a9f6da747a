/** Typed views of WXR records: authors, terms, posts with their meta and comments, and WordPress dates as ISO strings. */
import { child, childText, type XmlNode } from './wxr-reader.js';

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
  line: number;
  id: string;
  parentId: string;
  author: string;
  email: string;
  url: string;
  date: string;
  content: string;
  approved: string;
  type: string;
  /** A date given that is not one ("2019-13-45 …"), or '' when the date is fine or absent. */
  brokenDate: string;
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
  /** A date given that is not one, when no other date field gave one; '' otherwise. */
  brokenDate: string;
  guid: string;
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

/** An item or comment that was not imported, where it is in the file, and why. */
export interface Skip {
  /** The item's type, id and title (or guid when it has no title), or what else was skipped. */
  what: string;
  line: number | null;
  reason: string;
}

/** WordPress writes "2019-03-04 10:05:00" (GMT or site-local) and "0000-00-00 00:00:00" for none. */
export function wpDate(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match || match[1] === '0000') return null;
  const written = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`;
  const date = new Date(`${written}Z`);
  // Date rolls "2019-02-30" over into March: a date that does not come back as written is not a date.
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 19) !== written ? null : date.toISOString();
}

/** The first of `values` that is given but is not a date (the zero date and empty fields are no date, not broken ones). */
function brokenDateOf(values: string[]): string {
  return values.map((v) => v.trim()).find((v) => v && !/^0000-00-00[ T]00:00:00$/.test(v) && wpDate(v) === null) ?? '';
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
  const dates = [childText(node, 'wp:comment_date_gmt'), childText(node, 'wp:comment_date')];
  const date = wpDate(dates[0]!) ?? wpDate(dates[1]!);
  return {
    line: node.line,
    id: childText(node, 'wp:comment_id'),
    parentId: childText(node, 'wp:comment_parent').replace(/^0$/, ''),
    author: childText(node, 'wp:comment_author'),
    email: childText(node, 'wp:comment_author_email'),
    url: childText(node, 'wp:comment_author_url'),
    date: date ?? new Date(0).toISOString(),
    content: childText(node, 'wp:comment_content', true),
    approved: childText(node, 'wp:comment_approved'),
    type: childText(node, 'wp:comment_type'),
    brokenDate: date ? '' : brokenDateOf(dates),
  };
}

/** How the report names an item: type and id when it has them, then its title, or its guid when it has no title. */
export function itemLabel(item: { type: string; id: string; title: string; guid: string }): string {
  const name = [item.type || 'item', item.id].filter(Boolean).join(' ');
  if (item.title) return `${name} "${item.title}"`;
  return item.guid ? `${name} (guid ${item.guid})` : `${name} without a title or guid`;
}

/**
 * Builds a post from an <item>, or says why the item cannot be imported: without a numeric wp:post_id a second run could
 * not tell it was imported, and without a wp:post_type it is nothing Gazette knows (WordPress's importer skips it too).
 */
export function toPost(node: XmlNode): { post: WpPost; skip?: undefined } | { skip: Skip; post?: undefined } {
  const id = childText(node, 'wp:post_id');
  const type = childText(node, 'wp:post_type');
  const skip = (reason: string) => ({ skip: { what: itemLabel({ type, id, title: childText(node, 'title'), guid: childText(node, 'guid') }), line: node.line, reason } });
  if (!/^\d+$/.test(id)) return skip(`it has no numeric <wp:post_id>${id ? ` (found "${id}")` : ''}, so a second run could not tell it was imported`);
  if (!type) return skip('it has no <wp:post_type>, so it is not known what it is');
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
  const dates = [childText(node, 'wp:post_date_gmt'), childText(node, 'wp:post_date')];
  const date = wpDate(dates[0]!) ?? wpDate(dates[1]!) ?? rfc822Date(childText(node, 'pubDate'));
  const post: WpPost = {
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
    brokenDate: wpDate(dates[0]!) ?? wpDate(dates[1]!) ? '' : brokenDateOf(dates),
    guid: childText(node, 'guid'),
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
  return { post };
}

/** WordPress stores non-ASCII slugs percent-encoded ("caf%c3%a9"). */
export function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

/** Postmeta keys Gazette's export uses for what a WordPress attachment has no field for; its import reads them back. */
export const attachmentCreditKey = '_gazette_credit';
export const attachmentFocalKey = '_gazette_focal_point';

/** A focal point written as "x,y" (percent from the left and the top), or null when absent or out of range. */
export function parseFocalMeta(value: string | undefined): { x: number; y: number } | null {
  const match = /^\s*(\d{1,3})\s*,\s*(\d{1,3})\s*$/.exec(value ?? '');
  if (!match) return null;
  const x = Number(match[1]);
  const y = Number(match[2]);
  return x <= 100 && y <= 100 ? { x, y } : null;
}
