/**
 * First pass over a WXR file: checks the whole file before anything is written, counts the items for the progress bar,
 * keeps the small facts later items refer to (authors, attachments), and notes the items that cannot be imported at all.
 */
import type { AttachmentInfo } from './markup.js';
import { attachmentCreditKey, attachmentFocalKey, parseFocalMeta, toAuthor, toPost, type Skip, type WpAuthor } from './wxr-model.js';
import { readWxr, type WxrHeader } from './wxr-reader.js';

export interface Attachment extends AttachmentInfo {
  /** Path under wp-content/uploads ("2019/03/photo.jpg"), when known. */
  file: string;
  /** The photographer or agency, from a Gazette export. */
  credit: string;
  /** The focal point, from a Gazette export. */
  focal: { x: number; y: number } | null;
}

export interface ScanResult {
  header: WxrHeader;
  /** The WordPress site this export came from: the key of its ledger entries. */
  source: string;
  authors: Map<string, WpAuthor>;
  attachments: Map<string, Attachment>;
  items: number;
  /** Items the file itself makes impossible to import (no post id or type), found before anything is written. */
  problems: Skip[];
}

export function uploadsPathOf(url: string): string {
  const match = /\/wp-content\/uploads\/(.+)$/.exec(url.split(/[?#]/)[0] ?? '');
  return match?.[1] ? decodeURIComponent(match[1]) : '';
}

export async function scanWxr(file: string): Promise<ScanResult> {
  const name = file.split('/').pop() ?? file;
  const authors = new Map<string, WpAuthor>();
  const attachments = new Map<string, Attachment>();
  const problems: Skip[] = [];
  let items = 0;
  const header = await readWxr(file, (record) => {
    if (record.kind === 'author') {
      const author = toAuthor(record.node);
      if (author.login) authors.set(author.login, author);
    } else if (record.kind === 'item') {
      items++;
      const { post, skip } = toPost(record.node);
      if (skip) problems.push(skip);
      else if (post.type === 'attachment') {
        attachments.set(post.id, {
          url: post.attachmentUrl,
          alt: post.meta.get('_wp_attachment_image_alt') ?? '',
          caption: post.excerpt,
          parentId: post.parentId,
          file: post.meta.get('_wp_attached_file') ?? uploadsPathOf(post.attachmentUrl),
          credit: post.meta.get(attachmentCreditKey) ?? '',
          focal: parseFocalMeta(post.meta.get(attachmentFocalKey)),
        });
      }
    }
  });
  const source = (header.baseSiteUrl || header.baseBlogUrl || header.link || `file:${name}`).replace(/\/+$/, '');
  return { header, source, authors, attachments, items, problems };
}
