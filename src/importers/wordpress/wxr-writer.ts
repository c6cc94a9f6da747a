/**
 * Writes the site as a WXR 1.2 file WordPress's importer reads. Gazette-only facts ride along where WordPress ignores
 * them (redirects in their own namespace, co-authors as Co-Authors Plus terms), so a Gazette re-import loses nothing.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createCB } from 'xmlbuilder2';
import type { Db } from '../../db/index.js';
import { loadSettings } from '../../content/settings.js';
import { mediaPath } from '../../content/urls.js';
import { importedWithDetail } from '../import-items.js';
import { dumpAuthors, dumpRedirects, dumpSections, dumpStories, dumpTags, type DumpStory } from '../site-dump.js';
import { attachmentCreditKey, attachmentFocalKey } from './wxr-model.js';
import { gazetteNamespace } from './wxr-reader.js';

/** Attachment and tag ids are offset so they never collide with story or section ids in the file. */
export const attachmentIdBase = 10_000_000;
const tagIdBase = 1_000_000;

const wxrStatus: Record<DumpStory['status'], string> = { published: 'publish', draft: 'draft', review: 'pending', scheduled: 'future', archived: 'private' };
const commentApproved: Record<DumpStory['comments'][number]['status'], string> = { approved: '1', pending: '0', spam: 'spam', trash: 'trash' };

/** XML 1.0 cannot carry most control characters, even in CDATA. */
// eslint-disable-next-line no-control-regex
const clean = (text: string): string => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

function wpDateTime(iso: string | null): string {
  return iso ? iso.slice(0, 19).replace('T', ' ') : '0000-00-00 00:00:00';
}

export async function writeWxr(db: Db, siteUrl: string, out: Writable): Promise<{ stories: number }> {
  let backlog = false;
  const xml = createCB({
    data: (chunk: string) => {
      if (!out.write(chunk)) backlog = true;
    },
    prettyPrint: false,
  });
  const drain = async () => {
    if (backlog) {
      backlog = false;
      await once(out, 'drain');
    }
  };
  type Builder = typeof xml;
  const text = (b: Builder, name: string, value: string | number, attributes?: Record<string, string>) => b.ele(name, attributes).txt(clean(String(value))).up();
  const cdata = (b: Builder, name: string, value: string) => {
    const el = b.ele(name);
    const parts = clean(value).split(']]>');
    parts.forEach((part, i) => el.dat(`${i > 0 ? '>' : ''}${part}${i < parts.length - 1 ? ']]' : ''}`));
    return el.up();
  };
  const newline = (b: Builder) => b.txt('\n');

  const settings = await loadSettings(db);
  const channel = xml
    .dec({ version: '1.0', encoding: 'UTF-8' })
    .ele('rss', {
      version: '2.0',
      'xmlns:excerpt': 'http://wordpress.org/export/1.2/excerpt/',
      'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
      'xmlns:wfw': 'http://wellformedweb.org/CommentAPI/',
      'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      'xmlns:wp': 'http://wordpress.org/export/1.2/',
      'xmlns:gazette': gazetteNamespace,
    })
    .ele('channel');
  newline(channel);
  text(channel, 'title', settings.title);
  text(channel, 'link', siteUrl);
  text(channel, 'description', settings.description);
  text(channel, 'language', settings.language);
  text(channel, 'wp:wxr_version', '1.2');
  text(channel, 'wp:base_site_url', siteUrl);
  text(channel, 'wp:base_blog_url', siteUrl);
  text(channel, 'generator', 'Gazette');
  newline(channel);

  for (const user of await dumpAuthors(db)) {
    const [first = '', ...rest] = user.name.split(' ');
    const author = channel.ele('wp:author');
    text(author, 'wp:author_id', user.id);
    cdata(author, 'wp:author_login', user.slug);
    cdata(author, 'wp:author_email', user.email);
    cdata(author, 'wp:author_display_name', user.name);
    cdata(author, 'wp:author_first_name', first);
    cdata(author, 'wp:author_last_name', rest.join(' '));
    if (user.bio) cdata(author, 'gazette:author_bio', user.bio);
    author.up();
    newline(channel);
  }
  for (const section of await dumpSections(db)) {
    const category = channel.ele('wp:category');
    text(category, 'wp:term_id', section.id);
    cdata(category, 'wp:category_nicename', section.slug);
    cdata(category, 'wp:category_parent', '');
    cdata(category, 'wp:cat_name', section.name);
    cdata(category, 'wp:category_description', section.description);
    category.up();
    newline(channel);
  }
  for (const tag of await dumpTags(db)) {
    const element = channel.ele('wp:tag');
    text(element, 'wp:term_id', tagIdBase + tag.id);
    cdata(element, 'wp:tag_slug', tag.slug);
    cdata(element, 'wp:tag_name', tag.name);
    element.up();
    newline(channel);
  }
  for (const redirect of await dumpRedirects(db)) {
    const element = channel.ele('gazette:redirect');
    text(element, 'gazette:from', redirect.from_path);
    text(element, 'gazette:to', redirect.to_path);
    element.up();
    newline(channel);
  }
  await drain();

  const sticky = new Set(await importedWithDetail(db, 'post', 'sticky'));
  const attachmentsWritten = new Set<number>();
  let stories = 0;
  for await (const story of dumpStories(db)) {
    stories++;
    const item = channel.ele('item');
    text(item, 'title', story.title);
    text(item, 'link', story.path ? `${siteUrl}${story.path}` : `${siteUrl}/?p=${story.id}`);
    text(item, 'pubDate', new Date(story.publishedAt ?? story.createdAt).toUTCString().replace('GMT', '+0000'));
    cdata(item, 'dc:creator', story.authors[0] ?? '');
    text(item, 'guid', `${siteUrl}/?p=${story.id}`, { isPermaLink: 'false' });
    text(item, 'description', '');
    cdata(item, 'content:encoded', story.bodyHtml);
    cdata(item, 'excerpt:encoded', story.dek);
    text(item, 'wp:post_id', story.id);
    cdata(item, 'wp:post_date', wpDateTime(story.publishedAt ?? story.createdAt));
    cdata(item, 'wp:post_date_gmt', wpDateTime(story.publishedAt));
    cdata(item, 'wp:post_modified', wpDateTime(story.updatedAt));
    cdata(item, 'wp:post_modified_gmt', wpDateTime(story.updatedAt));
    cdata(item, 'wp:comment_status', story.commentsOpen ? 'open' : 'closed');
    cdata(item, 'wp:ping_status', 'closed');
    cdata(item, 'wp:post_name', story.slug);
    cdata(item, 'wp:status', wxrStatus[story.status]);
    text(item, 'wp:post_parent', 0);
    text(item, 'wp:menu_order', 0);
    cdata(item, 'wp:post_type', 'post');
    cdata(item, 'wp:post_password', '');
    text(item, 'wp:is_sticky', sticky.has(story.id) ? 1 : 0);
    item.ele('category', { domain: 'category', nicename: story.section.slug }).dat(clean(story.section.name)).up();
    for (const tag of story.tags) item.ele('category', { domain: 'post_tag', nicename: tag.slug }).dat(clean(tag.name)).up();
    for (const author of story.authors) item.ele('category', { domain: 'author', nicename: `cap-${author}` }).dat(author).up();
    if (story.thread) {
      const { slug, title, description } = story.thread;
      item.ele('gazette:thread', { slug: clean(slug), title: clean(title) }).txt(clean(description)).up();
    }
    for (const correction of story.corrections) item.ele('gazette:correction', { date: correction.createdAt }).txt(clean(correction.text)).up();
    const meta: [string, string][] = [['_gazette_body', '1']];
    if (story.seoTitle) meta.push(['_yoast_wpseo_title', story.seoTitle]);
    if (story.seoDescription) meta.push(['_yoast_wpseo_metadesc', story.seoDescription]);
    if (story.canonicalUrl) meta.push(['_yoast_wpseo_canonical', story.canonicalUrl]);
    if (story.featuredMedia) meta.push(['_thumbnail_id', String(attachmentIdBase + story.featuredMedia.id)]);
    for (const [key, value] of meta) {
      const element = item.ele('wp:postmeta');
      cdata(element, 'wp:meta_key', key);
      cdata(element, 'wp:meta_value', value);
      element.up();
    }
    for (const comment of story.comments) {
      const element = item.ele('wp:comment');
      text(element, 'wp:comment_id', comment.id);
      cdata(element, 'wp:comment_author', comment.authorName);
      cdata(element, 'wp:comment_author_email', comment.authorEmail);
      text(element, 'wp:comment_author_url', '');
      cdata(element, 'wp:comment_author_IP', '');
      cdata(element, 'wp:comment_date', wpDateTime(comment.createdAt));
      cdata(element, 'wp:comment_date_gmt', wpDateTime(comment.createdAt));
      cdata(element, 'wp:comment_content', comment.body);
      cdata(element, 'wp:comment_approved', commentApproved[comment.status]);
      cdata(element, 'wp:comment_type', 'comment');
      text(element, 'wp:comment_parent', comment.parentId ?? 0);
      text(element, 'wp:comment_user_id', 0);
      element.up();
    }
    item.up();
    newline(channel);
    const media = story.featuredMedia;
    if (media && !attachmentsWritten.has(media.id)) {
      attachmentsWritten.add(media.id);
      const url = `${siteUrl}${mediaPath(media.path)}`;
      const attachment = channel.ele('item');
      text(attachment, 'title', media.alt || media.path.split('/').pop() || 'image');
      text(attachment, 'link', url);
      text(attachment, 'guid', url, { isPermaLink: 'false' });
      cdata(attachment, 'content:encoded', '');
      cdata(attachment, 'excerpt:encoded', media.caption);
      text(attachment, 'wp:post_id', attachmentIdBase + media.id);
      cdata(attachment, 'wp:post_date_gmt', wpDateTime(media.createdAt));
      cdata(attachment, 'wp:status', 'inherit');
      text(attachment, 'wp:post_parent', story.id);
      cdata(attachment, 'wp:post_type', 'attachment');
      cdata(attachment, 'wp:attachment_url', url);
      const meta: Array<[string, string]> = [['_wp_attached_file', media.path], ['_wp_attachment_image_alt', media.alt]];
      // WordPress has no field for these; Gazette's importer reads them back, WordPress keeps them as plain postmeta.
      if (media.credit) meta.push([attachmentCreditKey, media.credit]);
      if (media.focal) meta.push([attachmentFocalKey, `${media.focal.x},${media.focal.y}`]);
      for (const [key, value] of meta) {
        const element = attachment.ele('wp:postmeta');
        cdata(element, 'wp:meta_key', key);
        cdata(element, 'wp:meta_value', value);
        element.up();
      }
      attachment.up();
      newline(channel);
    }
    await drain();
  }
  channel.up().up();
  xml.end();
  await drain();
  return { stories };
}
