/**
 * What a story's body attributes to whom, read when the story is saved. A quote block's attribution is the `<cite>`
 * in its figcaption; an inline attribution ("…, according to <cite data-source="12">the ministry</cite>") is any other
 * `<cite>` carrying `data-source`. `data-source` names a source by id or slug; a quote block's `<cite>` without one is
 * matched to the directory by its folded name (sources/names.ts). The rows are rewritten in the story's own
 * transaction, so the story page, the source pages and search never disagree with the body.
 */
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { Db } from '../db/index.js';
import { invalid } from '../errors.js';
import { nameKey } from './names.js';

export interface Attribution {
  kind: 'quote' | 'inline';
  /** The name as written. */
  name: string;
  /** `data-source` as written: an id or a slug; '' when absent. */
  ref: string;
  /** The quoted words (quote blocks) or the sentence around an inline attribution. */
  quote: string;
  role: string;
  link: string;
}

function isElement(node: ChildNode): node is Element {
  return node.type === 'tag';
}

function textOf(node: ChildNode): string {
  if (node.type === 'text') return node.data;
  if (isElement(node)) return node.children.map(textOf).join(node.name === 'p' || node.name === 'br' ? '\n' : '');
  return '';
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function hasClass(element: Element, name: string): boolean {
  return (element.attribs.class ?? '').split(/\s+/).includes(name);
}

function find(node: ChildNode, test: (element: Element) => boolean): Element | null {
  if (!isElement(node)) return null;
  if (test(node)) return node;
  for (const child of node.children) {
    const found = find(child, test);
    if (found) return found;
  }
  return null;
}

const maxQuote = 600;

/** Every attribution in a story body, in the order it appears. */
export function readAttributions(bodyHtml: string): Attribution[] {
  if (!bodyHtml.includes('<cite')) return [];
  const found: Attribution[] = [];
  const document = parseDocument(bodyHtml, { decodeEntities: true });
  const walk = (node: ChildNode, paragraph: Element | null): void => {
    if (!isElement(node)) return;
    if (node.name === 'figure' && hasClass(node, 'quote')) {
      const blockquote = find(node, (e) => e.name === 'blockquote');
      const caption = find(node, (e) => e.name === 'figcaption');
      const cite = caption ? find(caption, (e) => e.name === 'cite') : null;
      if (cite) {
        const name = collapse(textOf(cite));
        const role = collapse(caption ? textOf(caption).replace(textOf(cite), '') : '').replace(/^[\s,—–-]+/, '');
        found.push({
          kind: 'quote',
          name,
          ref: (cite.attribs['data-source'] ?? '').trim(),
          quote: blockquote ? collapse(blockquote.children.map(textOf).join('\n')).slice(0, maxQuote) : '',
          role: role.slice(0, 200),
          link: blockquote?.attribs.cite ?? '',
        });
      }
      // Inline attributions inside the quoted words still count.
      if (blockquote) for (const child of blockquote.children) walk(child, null);
      return;
    }
    if (node.name === 'cite' && node.attribs['data-source'] !== undefined) {
      found.push({
        kind: 'inline',
        name: collapse(textOf(node)),
        ref: node.attribs['data-source'].trim(),
        quote: paragraph ? collapse(textOf(paragraph)).slice(0, maxQuote) : '',
        role: '',
        link: '',
      });
      return;
    }
    const block = ['p', 'li', 'td', 'h2', 'h3', 'h4', 'figcaption', 'aside'].includes(node.name) ? node : paragraph;
    for (const child of node.children) walk(child, block);
  };
  for (const child of document.children) walk(child, null);
  return found;
}

/** The live source a merged one now lives on, following the (short, never circular) chain. */
export async function liveSourceId(db: Db, id: number): Promise<number | null> {
  let current = id;
  for (let hops = 0; hops < 20; hops++) {
    const row = await db.selectFrom('sources').select(['id', 'merged_into_id']).where('id', '=', current).executeTakeFirst();
    if (!row) return null;
    if (row.merged_into_id === null) return row.id;
    current = row.merged_into_id;
  }
  return null;
}

/** A `data-source` value (an id or a slug) as the live source it names. */
export async function resolveSourceRef(db: Db, ref: string): Promise<number | null> {
  if (/^[1-9]\d{0,9}$/.test(ref)) return liveSourceId(db, Number(ref));
  const row = await db.selectFrom('sources').select('id').where('slug', '=', ref.toLowerCase()).executeTakeFirst();
  return row ? liveSourceId(db, row.id) : null;
}

/** The live source a name matches (its own name, a merged source's name, or a name the desk confirmed into it). */
export async function sourceIdForName(db: Db, name: string): Promise<number | null> {
  const key = nameKey(name);
  if (!key) return null;
  const row = await db.selectFrom('source_keys').select('source_id').where('name_key', '=', key).executeTakeFirst();
  return row ? liveSourceId(db, row.source_id) : null;
}

/**
 * Rewrites a story's citations from its body, inside the caller's transaction. A `data-source` that names nothing in
 * the directory is refused, so a story never claims a source nobody can look up.
 */
export async function syncCitations(trx: Db, articleId: number, bodyHtml: string): Promise<void> {
  const attributions = readAttributions(bodyHtml);
  const rows: { article_id: number; position: number; source_id: number; kind: 'quote' | 'inline'; quote: string; role: string; link: string }[] = [];
  for (const attribution of attributions) {
    let sourceId: number | null = null;
    if (attribution.ref) {
      sourceId = await resolveSourceRef(trx, attribution.ref);
      if (sourceId === null) {
        const named = attribution.name || attribution.ref;
        throw invalid(`The attribution “${named.slice(0, 80)}” links to a source that is not in the directory (${attribution.ref.slice(0, 40)}). Pick it again from the directory.`, {
          body_html: 'Unknown source.',
        });
      }
    } else if (attribution.kind === 'quote') {
      sourceId = await sourceIdForName(trx, attribution.name);
    }
    if (sourceId === null) continue;
    rows.push({ article_id: articleId, position: rows.length, source_id: sourceId, kind: attribution.kind, quote: attribution.quote, role: attribution.role, link: attribution.link });
  }
  await trx.deleteFrom('story_sources').where('article_id', '=', articleId).execute();
  if (rows.length) await trx.insertInto('story_sources').values(rows).execute();
}
