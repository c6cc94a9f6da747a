/** A story's saved versions: list them, compare two as a word diff of their text, and restore one as a new save. */
import { diffWords } from 'diff';
import type { Db } from '../db/index.js';
import type { ArticleStatus } from '../db/schema.js';
import { CommandError } from '../errors.js';
import { htmlToText } from './sanitize.js';

export interface RevisionSummary {
  id: number;
  title: string;
  createdAt: string;
  editorName: string | null;
  words: number;
}

export interface Revision extends RevisionSummary {
  articleId: number;
  dek: string;
  bodyHtml: string;
}

/** One run of words in a comparison: unchanged, only in the newer revision, or only in the older one. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface RevisionComparison {
  older: Revision;
  newer: Revision;
  title: DiffPart[];
  dek: DiffPart[];
  body: DiffPart[];
  changed: boolean;
}

function revisionQuery(db: Db) {
  return db
    .selectFrom('revisions')
    .leftJoin('users', 'users.id', 'revisions.editor_id')
    .select([
      'revisions.id', 'revisions.article_id', 'revisions.title', 'revisions.dek', 'revisions.body_html',
      'revisions.created_at', 'users.name as editor_name',
    ]);
}

type RevisionRow = { id: number; article_id: number; title: string; dek: string; body_html: string; created_at: string; editor_name: string | null };

function toRevision(row: RevisionRow): Revision {
  const text = htmlToText(row.body_html);
  return {
    id: row.id,
    articleId: row.article_id,
    title: row.title,
    dek: row.dek,
    bodyHtml: row.body_html,
    createdAt: row.created_at,
    editorName: row.editor_name,
    words: text ? text.split(' ').length : 0,
  };
}

/** Newest first. */
export async function listRevisions(db: Db, articleId: number): Promise<RevisionSummary[]> {
  const rows = await revisionQuery(db).where('revisions.article_id', '=', articleId).orderBy('revisions.id', 'desc').execute();
  return rows.map((row) => {
    const { bodyHtml: _body, dek: _dek, articleId: _article, ...summary } = toRevision(row);
    return summary;
  });
}

/** A revision of the given story; a revision of another story is treated as missing. */
export async function findRevision(db: Db, articleId: number, revisionId: number): Promise<Revision> {
  const row = await revisionQuery(db).where('revisions.id', '=', revisionId).where('revisions.article_id', '=', articleId).executeTakeFirst();
  if (!row) throw new CommandError('not_found', `Revision ${revisionId} of this story could not be found.`);
  return toRevision(row);
}

/** Compares two plain texts word by word; whitespace differences alone do not count as changes. */
export function wordDiff(older: string, newer: string): DiffPart[] {
  return diffWords(older, newer).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}

/** Compares two revisions of one story, whichever order they are given in: the older one is the base. */
export async function compareRevisions(db: Db, articleId: number, firstId: number, secondId: number): Promise<RevisionComparison> {
  const [first, second] = await Promise.all([findRevision(db, articleId, firstId), findRevision(db, articleId, secondId)]);
  const [older, newer] = first.id <= second.id ? [first, second] : [second, first];
  const title = wordDiff(older.title, newer.title);
  const dek = wordDiff(older.dek, newer.dek);
  const body = wordDiff(blockText(older.bodyHtml), blockText(newer.bodyHtml));
  const changed = [title, dek, body].some((parts) => parts.some((p) => p.kind !== 'same'));
  return { older, newer, title, dek, body, changed };
}

/** Text of a body with one line per block, so a comparison keeps the story's paragraphs apart. */
export function blockText(html: string): string {
  const blocks = html.split(/(?=<(?:p|h[1-6]|li|blockquote|figure|aside|pre|table)[\s>])/i);
  return blocks.map((block) => htmlToText(block)).filter(Boolean).join('\n');
}

/** One line of the newsroom's recent activity: a run of saves of one story by one person making the same change. */
export interface ActivityLine {
  articleId: number;
  title: string;
  /** 'create', 'save', or the workflow move ('submit', 'publish', …) made with the save. */
  change: string;
  /** The story's status after the change (its current status for revisions stored before this was recorded). */
  status: ArticleStatus;
  editorId: number | null;
  editorName: string | null;
  /** The newest save of the run. */
  at: string;
  /** How many saves the line stands for (at least). */
  saves: number;
}

/**
 * The newsroom's recent changes, newest first, one line per story and change: every save (autosaves too) writes a
 * revision, so listing revisions repeated one story being written as many times as it saved itself. Consecutive
 * revisions of a story by the same person with the same move are one line; a story's first save followed by that
 * person's saves while it is a draft or in review is one "create" line. Optionally only stories one person is an author of.
 */
export async function recentActivity(db: Db, options: { limit: number; authorId?: number; batch?: number; maxScanned?: number }): Promise<ActivityLine[]> {
  const batch = options.batch ?? 200;
  const maxScanned = options.maxScanned ?? 5000;
  const lines: ActivityLine[] = [];
  /** Per story, its oldest line so far: an older revision continuing the same run joins it. */
  const oldest = new Map<number, ActivityLine>();
  let before: { at: string; id: number } | null = null;
  for (let scanned = 0; lines.length < options.limit && scanned < maxScanned; ) {
    let query = db
      .selectFrom('revisions')
      .innerJoin('articles', 'articles.id', 'revisions.article_id')
      .leftJoin('users', 'users.id', 'revisions.editor_id')
      .select(['revisions.id', 'revisions.article_id', 'articles.title', 'articles.status as current_status', 'revisions.status', 'revisions.change', 'revisions.editor_id', 'users.name as editor_name', 'revisions.created_at']);
    if (options.authorId !== undefined) {
      const authorId = options.authorId;
      query = query.where((eb) =>
        eb.exists(eb.selectFrom('article_authors').select('article_authors.article_id').whereRef('article_authors.article_id', '=', 'articles.id').where('article_authors.user_id', '=', authorId)),
      );
    }
    if (before) {
      const { at, id } = before;
      query = query.where((eb) => eb.or([eb('revisions.created_at', '<', at), eb.and([eb('revisions.created_at', '=', at), eb('revisions.id', '<', id)])]));
    }
    const rows = await query.orderBy('revisions.created_at', 'desc').orderBy('revisions.id', 'desc').limit(batch).execute();
    for (const row of rows) {
      const line = oldest.get(row.article_id);
      // A draft's first save and the writer's saves after it are one "started" line; edits after publication are not.
      const stillWriting = line?.change === 'save' && row.change === 'create' && (line.status === 'draft' || line.status === 'review');
      if (line && line.editorId === row.editor_id && (line.change === row.change || stillWriting)) {
        line.change = row.change;
        line.saves++;
        continue;
      }
      if (lines.length >= options.limit) break;
      const next: ActivityLine = {
        articleId: row.article_id,
        title: row.title,
        change: row.change,
        status: row.status ?? row.current_status,
        editorId: row.editor_id,
        editorName: row.editor_name,
        at: row.created_at,
        saves: 1,
      };
      lines.push(next);
      oldest.set(row.article_id, next);
    }
    scanned += rows.length;
    const last = rows.at(-1);
    if (rows.length < batch || !last) break;
    before = { at: last.created_at, id: last.id };
  }
  return lines;
}
