/**
 * Imports a WordPress export into Gazette through the content, comment and account functions. Each post with its comments,
 * tags and redirects is saved in one transaction together with its ledger entry, so a re-run skips finished posts and a
 * run killed half-way resumes where it stopped.
 *
 * Like WordPress's own importer, an item that cannot be imported (no post type, a type or status Gazette has no place for,
 * a broken date, nothing to show…) is skipped and the rest imported; the report names each skipped item, its line and why.
 * With `strict`, everything is imported in one transaction that is rolled back if anything would be skipped.
 */
import path from 'node:path';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';
import { findUserByEmail, createUser } from '../../accounts/users.js';
import { insertComment } from '../../comments/comments.js';
import { addCorrection, addRedirect, createArticle, ensureSection, ensureTags, ensureThread, limits } from '../../content/articles.js';
import { findRedirect, findStory } from '../../content/queries.js';
import { storeRelatedLists } from '../../content/related.js';
import { excerpt, htmlToText } from '../../content/sanitize.js';
import { slugify } from '../../slugs.js';
import { sectionPath, tagPath } from '../../content/urls.js';
import { permit, type Actor } from '../../accounts/actor.js';
import { isRefusal } from '../../errors.js';
import { findImported, recordImported } from '../import-items.js';
import { pinToFront } from '../../content/front/store.js';
import { convertPostBody, featuredFigure } from './markup.js';
import { ImportMedia } from './media.js';
import { articleStatus, commentStatus, legacyPaths, normalisePath, primaryCategoryId, seoFields } from './post-rules.js';
import { scanWxr, type ScanResult } from './scan.js';
import { decodeSlug, itemLabel, toAuthor, toPost, toTerm, type Skip, type WpAuthor, type WpComment, type WpPost, type WpTerm } from './wxr-model.js';
import { childText, readWxr } from './wxr-reader.js';

export interface ImportOptions {
  /** Categories become sections (the primary one; the rest become tags) or all become tags. */
  categories: 'sections' | 'tags';
  /** Section for posts without a category (and for every post when categories are tags). */
  defaultSection: string;
  /** Section that WordPress pages go to. */
  pagesSection: string;
  /** A copy of wp-content/uploads, to import media files from. */
  uploadsDir: string | null;
  /** All or nothing: when any item, comment or file would be skipped, nothing is imported (the report says what). */
  strict?: boolean;
  /** Reading the export, then relating the imported stories to each other (`phase` names which). */
  onProgress?: (done: number, total: number, phase?: 'items' | 'related stories') => void;
}

export type Counted = 'authors' | 'sections' | 'tags' | 'posts' | 'pages' | 'comments' | 'redirects' | 'media';

export interface ImportReport {
  source: string;
  version: string;
  imported: Record<Counted, number>;
  alreadyImported: Record<Counted, number>;
  skipped: Skip[];
  /** `strict` was asked for and something would have been skipped: nothing was imported, and the counts are zero. */
  refused: boolean;
  /** Imported, but kept off the public site, with the reason. */
  heldBack: string[];
  remoteMedia: string[];
  stickyPosts: string[];
}

/** Site paths a category or old slug must not take: they already belong to Gazette pages. */
const reservedSlugs = new Set(['authors', 'author', 'tag', 'thread', 'archive', 'search', 'feed', 'feeds', 'newsroom', 'api', 'media', 'assets', 'healthz', 'sitemap', 'robots', 'comments']);

const counters = (): Record<Counted, number> => ({ authors: 0, sections: 0, tags: 0, posts: 0, pages: 0, comments: 0, redirects: 0, media: 0 });

/** Lets createArticle, which opens its own transaction, join the post's transaction instead. */
function joinTransaction(trx: Transaction<Database>): Db {
  return new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => ({ execute: <T>(work: (t: Transaction<Database>) => Promise<T>) => work(target) });
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** One line of the report for a skipped item: what it is, its line in the file, and why. */
export function describeSkip(skip: Skip): string {
  return `${skip.what}${skip.line === null ? '' : ` (line ${skip.line})`}: ${skip.reason}`;
}

/** Unwinds a strict import's transaction when something would be skipped. */
class StrictRefusal extends Error {
  constructor(readonly skipped: Skip[]) {
    super(`${skipped.length} would be skipped`);
  }
}

/**
 * Command: import a WordPress export (WXR) file. Needs `import.run` (the CLI acts as the system). A strict import is
 * one transaction and refuses everything when anything would be skipped; otherwise each post is its own transaction,
 * so a long import keeps what it did and a re-run resumes. Announces one `site.changed` when done.
 */
export async function importWordPress(ctx: AppContext, actor: Actor, file: string, options: ImportOptions): Promise<ImportReport> {
  permit(actor, 'import.run');
  const scan = await scanWxr(file);
  const refused = (skipped: Skip[]): ImportReport => ({
    source: scan.source, version: scan.header.version, imported: counters(), alreadyImported: counters(), skipped, heldBack: [], remoteMedia: [], stickyPosts: [], refused: true,
  });
  let report: ImportReport;
  if (!options.strict) report = await importInto(ctx, ctx.store.db, file, options, scan);
  else if (scan.problems.length) return refused(scan.problems);
  else {
    try {
      report = await ctx.store.db.transaction().execute(async (trx) => {
        const attempt = await importInto(ctx, joinTransaction(trx), file, options, scan);
        if (attempt.skipped.length) throw new StrictRefusal(attempt.skipped);
        return attempt;
      });
    } catch (error) {
      if (error instanceof StrictRefusal) return refused(error.skipped);
      throw error;
    }
  }
  ctx.events.emit('site.changed', { what: 'import', source: 'wordpress', articles: report.imported.posts + report.imported.pages });
  return report;
}

async function importInto(ctx: AppContext, db: Db, file: string, options: ImportOptions, scan: ScanResult): Promise<ImportReport> {
  const { source } = scan;
  const report: ImportReport = {
    source, version: scan.header.version, imported: counters(), alreadyImported: counters(), skipped: [], heldBack: [], remoteMedia: [], stickyPosts: [], refused: false,
  };
  const media = new ImportMedia(db, source, path.join(ctx.config.dataDir, 'media'), options.uploadsDir, scan.attachments);
  const count = (kind: Counted, isNew: boolean, n = 1) => {
    (isNew ? report.imported : report.alreadyImported)[kind] += n;
  };
  const userIds = new Map<string, number>();
  /** Published stories this run created: related to each other once every post is in. */
  const importedStories: number[] = [];
  const categories = new Map<string, WpTerm>();
  const termSlugs = new Map<string, string>();
  const categoryTargets = new Map<string, { sectionId: number | null; sectionSlug: string | null; tagName: string | null }>();

  async function authorId(login: string): Promise<number> {
    const known = userIds.get(login);
    if (known !== undefined) return known;
    const author: WpAuthor = scan.authors.get(login) ?? { login, email: '', displayName: login, bio: '' };
    const displayName = htmlToText(author.displayName);
    const key = login || '(none)';
    const handle = slugify(login || 'unknown-author');
    const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(author.email.trim()) ? author.email.trim() : `${handle}@imported.invalid`;
    const ledger = await findImported(db, source, 'author', key);
    let id = ledger?.targetId ?? (await findUserByEmail(db, email))?.id ?? null;
    if (id === null) {
      const user = await createUser(db, { email, name: displayName || login || 'Unknown author', role: 'author', slug: handle, bio: author.bio });
      id = user.id;
    }
    count('authors', await recordImported(db, source, 'author', key, id));
    userIds.set(login, id);
    return id;
  }

  async function importCategory(term: WpTerm): Promise<void> {
    if (!term.slug) return;
    categories.set(term.slug, term);
    const slug = slugify(decodeSlug(term.slug));
    const name = htmlToText(term.name) || slug;
    // WordPress nests category URLs under their parents: /category/harbour/ferries. A parent loop stops the walk.
    const parentPath = (slugOf: string, seen = new Set<string>()): string => {
      const parentSlug = categories.get(slugOf)?.parentSlug;
      seen.add(slugOf);
      return parentSlug && !seen.has(parentSlug) ? `${parentPath(parentSlug, seen)}/${normalisePath(slugOf)}` : normalisePath(slugOf);
    };
    let target: string;
    if (options.categories === 'sections') {
      const sectionSlug = reservedSlugs.has(slug) ? `${slug}-section` : slug;
      const sectionId = await ensureSection(db, { slug: sectionSlug, name, description: htmlToText(term.description) });
      categoryTargets.set(term.slug, { sectionId, sectionSlug, tagName: null });
      count('sections', await recordImported(db, source, 'category', term.slug, sectionId));
      target = sectionPath(sectionSlug);
    } else {
      const [tagId] = await ensureTags(db, [name.slice(0, limits.tag)]);
      categoryTargets.set(term.slug, { sectionId: null, sectionSlug: null, tagName: name.slice(0, limits.tag) });
      count('tags', await recordImported(db, source, 'category', term.slug, tagId ?? null));
      target = tagPath(slugify(name.slice(0, limits.tag)));
    }
    await redirect(db, `/category/${parentPath(term.slug)}`, target);
  }

  async function importTag(term: WpTerm): Promise<void> {
    if (!term.slug && !term.name) return;
    const tagName = (htmlToText(term.name) || decodeSlug(term.slug)).slice(0, limits.tag);
    const [tagId] = await ensureTags(db, [tagName]);
    count('tags', await recordImported(db, source, 'tag', term.slug || tagName, tagId ?? null));
    if (term.slug) await redirect(db, `/tag/${normalisePath(term.slug)}`, tagPath(slugify(tagName)));
  }

  async function redirect(target: Db, from: string, to: string): Promise<void> {
    if (from === to || from === '/' || (await findRedirect(target, from)) !== null) return;
    await addRedirect(target, from, to);
    count('redirects', true);
  }

  async function sectionFor(post: WpPost): Promise<{ sectionId: number; extraTags: string[] }> {
    if (post.type === 'page') return { sectionId: await ensureSection(db, { slug: options.pagesSection, name: 'Pages' }), extraTags: [] };
    const postCategories = post.terms.filter((t) => t.taxonomy === 'category');
    for (const term of postCategories) {
      if (!categoryTargets.has(term.slug)) await importCategory({ taxonomy: 'category', slug: term.slug, name: term.name, parentSlug: '', description: '' });
    }
    const extraTags: string[] = [];
    if (options.categories === 'tags' || postCategories.length === 0) {
      for (const term of postCategories) extraTags.push(categoryTargets.get(term.slug)?.tagName ?? htmlToText(term.name));
      const sectionId = await ensureSection(db, { slug: options.defaultSection, name: options.defaultSection.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()) });
      return { sectionId, extraTags };
    }
    const primarySlug = termSlugs.get(primaryCategoryId(post));
    const primary = postCategories.find((t) => t.slug === primarySlug) ?? postCategories[0]!;
    for (const term of postCategories) if (term !== primary) extraTags.push(term.name);
    return { sectionId: categoryTargets.get(primary.slug)!.sectionId!, extraTags };
  }

  async function importComments(trx: Db, articleId: number, post: WpPost, native: boolean): Promise<void> {
    const placed = new Map<string, number>();
    const pending: WpComment[] = [];
    for (const comment of post.comments) {
      const known = await findImported(trx, source, 'comment', comment.id);
      if (known?.targetId) {
        placed.set(comment.id, known.targetId);
        count('comments', false);
      } else pending.push(comment);
    }
    // Parents first: a reply may come before the comment it answers.
    let progress = true;
    while (pending.length && progress) {
      progress = false;
      for (const comment of [...pending]) {
        if (comment.parentId && !placed.has(comment.parentId) && pending.some((c) => c.id === comment.parentId)) continue;
        pending.splice(pending.indexOf(comment), 1);
        progress = true;
        const status = commentStatus(comment);
        const skip = (reason: string) => report.skipped.push({ what: `comment ${comment.id} on "${post.title}"`, line: comment.line, reason });
        if (comment.type === 'pingback' || comment.type === 'trackback') {
          skip(`it is a ${comment.type}, not a reader comment`);
          continue;
        }
        if (!status) {
          skip(`its state "${comment.approved}" is unknown`);
          continue;
        }
        if (!comment.content.trim()) {
          skip('it is empty');
          continue;
        }
        if (comment.brokenDate) {
          skip(`its date "${comment.brokenDate}" is not a date`);
          continue;
        }
        const id = await insertComment(trx, {
          articleId,
          parentId: comment.parentId ? (placed.get(comment.parentId) ?? null) : null,
          name: htmlToText(comment.author) || 'Anonymous',
          email: comment.email,
          body: native ? comment.content : commentText(comment.content),
          status,
          createdAt: comment.date,
        });
        placed.set(comment.id, id);
        await recordImported(trx, source, 'comment', comment.id, id);
        count('comments', true);
      }
    }
  }

  async function importPost(post: WpPost): Promise<void> {
    const kind: Counted = post.type === 'page' ? 'pages' : 'posts';
    const known = await findImported(db, source, 'post', post.id);
    if (known?.targetId) {
      count(kind, false);
      const native = post.meta.get('_gazette_body') === '1';
      if (post.comments.length) await db.transaction().execute((trx) => importComments(joinTransaction(trx), known.targetId!, post, native));
      return;
    }
    const title = htmlToText(post.title).slice(0, limits.title);
    const what = itemLabel({ ...post, title });
    const skip = (reason: string) => {
      const comments = post.comments.length;
      report.skipped.push({ what, line: post.line, reason: comments ? `${reason}; its ${comments === 1 ? 'comment is' : `${comments} comments are`} not imported either` : reason });
    };
    const decision = articleStatus(post);
    if ('status' in decision && post.password && decision.status === 'published') {
      decision.status = 'draft';
      report.heldBack.push(`${what} (line ${post.line}): password-protected in WordPress, imported as a draft`);
    }
    if ('skip' in decision) {
      skip(decision.skip);
      return;
    }
    if (post.brokenDate) {
      skip(`its date "${post.brokenDate}" is not a date`);
      return;
    }
    const native = post.meta.get('_gazette_body') === '1';
    let bodyHtml = native ? post.content : await media.rewriteImages(convertPostBody(post.content, { attachments: scan.attachments, postId: post.id }));
    const thumbnail = post.meta.get('_thumbnail_id') ?? '';
    const featuredMediaId = thumbnail ? await media.forAttachment(thumbnail) : null;
    const featured = thumbnail ? media.attachment(thumbnail) : undefined;
    if (featuredMediaId === null && featured?.url && !native && !bodyHtml.includes(featured.url)) {
      bodyHtml = `${featuredFigure(featured)}\n${bodyHtml}`;
    }
    const text = htmlToText(bodyHtml);
    const headline = title || excerpt(text, 80);
    if (!headline) {
      skip('it has neither a title nor any text');
      return;
    }
    if (bodyHtml.length > limits.body) {
      skip('its body is larger than Gazette stores (2 MB)');
      return;
    }
    const { sectionId, extraTags } = await sectionFor(post);
    const tagNames = [...post.terms.filter((t) => t.taxonomy === 'post_tag').map((t) => t.name), ...extraTags]
      .map((t) => htmlToText(t).slice(0, limits.tag))
      .filter(Boolean)
      .slice(0, limits.tags);
    const dek = excerpt(htmlToText(post.excerpt), limits.dek);
    const coAuthors = post.terms.filter((t) => t.taxonomy === 'author').map((t) => t.slug.replace(/^cap-/, ''));
    const authorIds: number[] = [];
    for (const login of [post.creator, ...coAuthors]) {
      if (login || authorIds.length === 0) authorIds.push(await authorId(login));
    }
    const saved = post.date ?? new Date().toISOString();
    try {
      await db.transaction().execute(async (trx) => {
        const joined = joinTransaction(trx);
        const threadId = post.thread ? await ensureThread(joined, post.thread.slug, post.thread.title, post.thread.description) : null;
        const articleId = await createArticle(joined, {
          title: headline,
          dek,
          bodyHtml,
          sectionId,
          slug: slugify(post.slug || headline),
          status: decision.status,
          publishedAt: decision.status === 'draft' || decision.status === 'review' ? null : saved,
          authorIds,
          tagNames,
          featuredMediaId,
          threadId,
          commentsOpen: post.commentStatus !== 'closed',
          ...seoFields(post, { title: headline, excerpt: dek, siteName: scan.header.title }),
          savedAt: saved,
          deferRelatedLists: true,
        });
        if (decision.status === 'published') importedStories.push(articleId);
        for (const correction of post.corrections) await addCorrection(joined, articleId, correction.text, correction.at);
        await importComments(joined, articleId, post, native);
        if (decision.status === 'published' && !native) {
          const story = await findStory(joined, { id: articleId }, true);
          for (const from of story ? legacyPaths(post, post.slug) : []) {
            if (!reservedSlugs.has(from.split('/')[1] ?? '')) await redirect(joined, from, story!.url);
          }
        }
        await recordImported(joined, source, 'post', post.id, articleId, post.sticky ? 'sticky' : '');
        // A sticky post starts pinned to the top of the front, until an editor arranges the front.
        if (post.sticky) await pinToFront(joined, articleId);
      });
      count(kind, true);
      if (post.sticky) report.stickyPosts.push(headline);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      skip(error.message);
      // A strict import's one transaction may be unusable after a failed statement (PostgreSQL): stop here.
      if (options.strict) throw new StrictRefusal(report.skipped);
    }
  }

  let done = 0;
  await readWxr(file, async (record) => {
    if (record.kind === 'author') {
      const author = toAuthor(record.node);
      if (author.login) await authorId(author.login);
      return;
    }
    if (record.kind === 'redirect') {
      const from = childText(record.node, 'gazette:from');
      const to = childText(record.node, 'gazette:to');
      if (from.startsWith('/') && to.startsWith('/')) await redirect(db, from, to);
      return;
    }
    if (record.kind === 'category' || record.kind === 'tag' || record.kind === 'term') {
      const term = toTerm(record.kind, record.node);
      const termId = record.node.children.find((c) => c.name === 'wp:term_id')?.text.trim();
      if (termId) termSlugs.set(termId, term.slug);
      if (term.taxonomy === 'category') await importCategory(term);
      else if (term.taxonomy === 'post_tag') await importTag(term);
      else report.skipped.push({ what: `${term.taxonomy} term "${term.name || term.slug}"`, line: record.node.line, reason: `Gazette has no "${term.taxonomy}" taxonomy` });
      return;
    }
    if (record.kind === 'comment') {
      const id = childText(record.node, 'wp:comment_id');
      report.skipped.push({ what: `comment${id ? ` ${id}` : ''}`, line: record.node.line, reason: 'it is not inside the <item> of the post it belongs to' });
      return;
    }
    const { post, skip } = toPost(record.node);
    const skipItem = (item: WpPost, reason: string) => report.skipped.push({ what: itemLabel({ ...item, title: htmlToText(item.title) }), line: item.line, reason });
    if (skip) report.skipped.push(skip);
    else if (post.type === 'post' || post.type === 'page') await importPost(post);
    else if (post.type === 'attachment') {
      const stored = options.uploadsDir ? await media.forAttachment(post.id) : null;
      if (stored === null && post.attachmentUrl) media.report.remote.add(post.attachmentUrl);
      else if (stored === null) skipItem(post, 'it has neither a <wp:attachment_url> nor a <guid>, so there is no file to import');
    } else skipItem(post, `Gazette does not import "${post.type}" items`);
    options.onProgress?.(++done, scan.items);
  });
  await storeRelatedLists(db, importedStories, (done, total) => options.onProgress?.(done, total, 'related stories'));
  count('media', true, media.report.stored);
  count('media', false, media.report.alreadyStored);
  for (const problem of media.report.problems) report.skipped.push({ what: `upload ${problem.file}`, line: null, reason: problem.reason });
  report.remoteMedia = [...media.report.remote].sort();
  return report;
}

/** Comment bodies are plain text in Gazette: WordPress's HTML becomes text with its paragraph breaks kept. */
function commentText(content: string): string {
  return content
    .split(/\n\s*\n|<\/p>\s*<p[^>]*>/i)
    .map((part) => htmlToText(part.replace(/<br\s*\/?>/gi, '\n')))
    .filter(Boolean)
    .join('\n\n');
}
