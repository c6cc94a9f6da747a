/**
 * Media of an import. Nothing is downloaded: with a copy of wp-content/uploads the files go through the media pipeline,
 * otherwise remote URLs are kept and listed in the report.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/index.js';
import type { Media } from '../../db/schema.js';
import { isRefusal } from '../../errors.js';
import { mediaPath } from '../../content/urls.js';
import { storeImage } from '../../media/storage.js';
import { findImported, recordImported } from '../import-items.js';
import { uploadsPathOf, type Attachment } from './scan.js';

export interface MediaReport {
  /** Attachments stored from the uploads copy in this run, and ones an earlier run stored. */
  stored: number;
  alreadyStored: number;
  /** Remote URLs still pointed at, to copy by hand or leave. */
  remote: Set<string>;
  problems: { file: string; reason: string }[];
}

export class ImportMedia {
  readonly report: MediaReport = { stored: 0, alreadyStored: 0, remote: new Set(), problems: [] };
  private readonly storedThisRun = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly source: string,
    private readonly mediaDir: string,
    private readonly uploadsDir: string | null,
    private readonly attachments: ReadonlyMap<string, Attachment>,
  ) {}

  attachment(id: string): Attachment | undefined {
    return this.attachments.get(id);
  }

  /** The media id of an attachment's local copy, or null (remote URL noted) when there is none. */
  async forAttachment(id: string): Promise<number | null> {
    const attachment = this.attachments.get(id);
    if (!attachment) return null;
    const known = await findImported(this.db, this.source, 'attachment', id);
    if (known?.targetId) {
      if (!this.storedThisRun.has(id)) this.report.alreadyStored++;
      this.storedThisRun.add(id);
      return known.targetId;
    }
    const media = await this.storeFile(attachment.file, attachment.alt, attachment.caption, attachment.credit, attachment.focal);
    if (!media) {
      if (attachment.url) this.report.remote.add(attachment.url);
      return null;
    }
    this.report.stored++;
    this.storedThisRun.add(id);
    await recordImported(this.db, this.source, 'attachment', id, media.id);
    return media.id;
  }

  /** Points <img> tags at local copies of uploads where the files exist; other sources are listed as remote. */
  async rewriteImages(html: string): Promise<string> {
    const sources = [...html.matchAll(/<img\b[^>]*?\ssrc\s*=\s*"([^"]+)"[^>]*>/gi)].map((m) => m[1] ?? '');
    const replacements = new Map<string, Media>();
    for (const src of new Set(sources)) {
      const relative = uploadsPathOf(src);
      const media = relative ? await this.storeFile(relative, '', '') : null;
      if (media) replacements.set(src, media);
      else if (/^https?:\/\//i.test(src)) this.report.remote.add(src);
    }
    for (const match of html.matchAll(/\s(?:href|data-embed-url)\s*=\s*"(https?:\/\/[^"]*\/wp-content\/uploads\/[^"]*)"/gi)) {
      if (match[1]) this.report.remote.add(match[1]);
    }
    if (replacements.size === 0) return html;
    return html.replace(/<img\b[^>]*>/gi, (tag) => {
      const src = /\ssrc\s*=\s*"([^"]+)"/i.exec(tag)?.[1];
      const media = src ? replacements.get(src) : undefined;
      if (!media) return tag;
      return tag
        .replace(/\s(srcset|sizes)\s*=\s*"[^"]*"/gi, '')
        .replace(/\ssrc\s*=\s*"[^"]*"/i, ` src="${mediaPath(media.path)}" data-media-id="${media.id}"`);
    });
  }

  /** Stores one file from the uploads copy; the original is preferred over a resized "-300x200" copy. */
  private async storeFile(relative: string, alt: string, caption: string, credit = '', focal: { x: number; y: number } | null = null): Promise<Media | null> {
    if (!this.uploadsDir || !relative) return null;
    const root = path.resolve(this.uploadsDir);
    const original = relative.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1');
    for (const candidate of [original, relative]) {
      const file = path.resolve(root, candidate);
      if (!file.startsWith(root + path.sep)) continue;
      let bytes: Buffer;
      try {
        bytes = await fs.readFile(file);
      } catch {
        continue;
      }
      try {
        return await storeImage(this.db, this.mediaDir, { bytes, alt, caption, credit, focal, filename: path.basename(file) });
      } catch (error) {
        this.report.problems.push({ file: candidate, reason: isRefusal(error) ? error.message : String(error) });
        return null;
      }
    }
    return null;
  }
}
