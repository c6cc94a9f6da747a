/** Reading the sources directory: one source, lists and searches, what a story cites, and what cites a source. */
import type { Db } from '../db/index.js';
import type { Source, SourceKind, SourceProposal } from '../db/schema.js';
import { nameKey } from './names.js';

export const sourceKinds: SourceKind[] = ['organisation', 'person', 'document'];

/** Kinds of organisation, with the words readers see. */
export const orgTypes: Record<string, string> = {
  agency: 'News agency',
  broadcaster: 'Broadcaster',
  newspaper: 'Newspaper',
  ministry: 'Ministry or government body',
  military: 'Armed forces',
  ngo: 'NGO',
  monitoring: 'Monitoring group',
  'think-tank': 'Think tank',
  company: 'Company',
  court: 'Court',
  international: 'International organisation',
  university: 'University or research body',
  other: 'Organisation',
};

export const kindLabels: Record<SourceKind, string> = { organisation: 'Organisation', person: 'Person', document: 'Document' };

export const sourceLimits = { name: 200, role: 200, url: 2000, description: 2000, slug: 120 };

export const sourcePath = (slug: string): string => `/source/${slug}`;

/** A source with the organisation it belongs to (a person's affiliation, a document's publisher). */
export interface SourceEntry extends Source {
  affiliation: { id: number; slug: string; name: string } | null;
}

/** How a source is described in one line: "News agency", "Spokesperson, Ministry of Health", "Report, Amnesty International, 3 May 2026". */
export function sourceLine(source: Pick<Source, 'kind' | 'org_type' | 'role' | 'published_on'> & { affiliation: { name: string } | null }): string {
  if (source.kind === 'organisation') return orgTypes[source.org_type] ?? orgTypes.other!;
  if (source.kind === 'person') return [source.role, source.affiliation?.name].filter(Boolean).join(', ') || 'Person';
  return ['Document', source.affiliation?.name, source.published_on].filter(Boolean).join(', ');
}

async function withAffiliations(db: Db, sources: Source[]): Promise<SourceEntry[]> {
  const ids = [...new Set(sources.map((s) => s.affiliation_id).filter((id): id is number => id !== null))];
  const orgs = ids.length ? await db.selectFrom('sources').select(['id', 'slug', 'name']).where('id', 'in', ids).execute() : [];
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return sources.map((s) => ({ ...s, affiliation: s.affiliation_id === null ? null : byId.get(s.affiliation_id) ?? null }));
}

export async function findSourceById(db: Db, id: number): Promise<SourceEntry | null> {
  const row = await db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withAffiliations(db, [row]))[0]! : null;
}

/** A source by its slug: the live source, or where a merged one now lives. */
export async function findSourceBySlug(db: Db, slug: string): Promise<{ source: SourceEntry; redirectTo: string | null } | null> {
  const row = await db.selectFrom('sources').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!row) return null;
  let live = row;
  for (let hops = 0; live.merged_into_id !== null && hops < 20; hops++) {
    const next = await db.selectFrom('sources').selectAll().where('id', '=', live.merged_into_id).executeTakeFirst();
    if (!next) break;
    live = next;
  }
  const [entry] = await withAffiliations(db, [live]);
  return { source: entry!, redirectTo: live.id === row.id ? null : live.slug };
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface SourceListItem extends SourceEntry {
  stories: number;
}

export const sourcePageSize = 50;

/**
 * Live sources, by name, narrowed by a search over every name a source is known by (its own, merged ones',
 * confirmed spellings) folded as names are matched, so "u.n." finds "UN" and "МИД" finds "мид".
 */
export async function listSources(db: Db, options: { query?: string; kind?: SourceKind | ''; page?: number; limit?: number } = {}): Promise<{ items: SourceListItem[]; total: number }> {
  const limit = options.limit ?? sourcePageSize;
  const page = Math.max(1, options.page ?? 1);
  const key = nameKey(options.query ?? '');
  let base = db.selectFrom('sources').where('sources.merged_into_id', 'is', null);
  if (options.kind) base = base.where('sources.kind', '=', options.kind);
  if (key) {
    const pattern = likePattern(key);
    base = base.where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('source_keys').select('source_keys.source_id').whereRef('source_keys.source_id', '=', 'sources.id').where('source_keys.name_key', 'like', pattern)),
        eb('sources.slug', 'like', likePattern(key.replace(/\s+/g, '-'))),
      ]),
    );
  }
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    base.selectAll('sources').orderBy('sources.name').orderBy('sources.id').limit(limit).offset((page - 1) * limit).execute(),
  ]);
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await db
        .selectFrom('story_sources')
        .select(['source_id', (eb) => eb.fn.count<number>('article_id').distinct().as('n')])
        .where('source_id', 'in', ids)
        .groupBy('source_id')
        .execute()
    : [];
  const countOf = new Map(counts.map((c) => [c.source_id, Number(c.n)]));
  const entries = await withAffiliations(db, rows);
  return { items: entries.map((e) => ({ ...e, stories: countOf.get(e.id) ?? 0 })), total: Number(count?.n ?? 0) };
}

/** One line per cited source for a story's Sources box, in the order the story first cites them. */
export interface CitedSource {
  source: SourceEntry;
  /** How many times the story attributes something to it. */
  mentions: number;
  /** Document links given on quote blocks attributed to it. */
  links: string[];
  /** The quoted words attributed to it, with the role given in the story. */
  quotes: { quote: string; role: string; link: string }[];
}

export async function citationsOf(db: Db, articleId: number): Promise<CitedSource[]> {
  const rows = await db.selectFrom('story_sources').selectAll().where('article_id', '=', articleId).orderBy('position').execute();
  if (!rows.length) return [];
  const ids = [...new Set(rows.map((r) => r.source_id))];
  const sources = await withAffiliations(db, await db.selectFrom('sources').selectAll().where('id', 'in', ids).execute());
  const byId = new Map(sources.map((s) => [s.id, s]));
  const cited = new Map<number, CitedSource>();
  for (const row of rows) {
    const source = byId.get(row.source_id);
    if (!source) continue;
    const entry = cited.get(row.source_id) ?? { source, mentions: 0, links: [], quotes: [] };
    entry.mentions++;
    if (row.link && !entry.links.includes(row.link)) entry.links.push(row.link);
    if (row.kind === 'quote' && row.quote) entry.quotes.push({ quote: row.quote, role: row.role, link: row.link });
    cited.set(row.source_id, entry);
  }
  return [...cited.values()];
}

/** A published story citing a source, with what it attributes to it. */
export interface CitingStory {
  articleId: number;
  title: string;
  dek: string;
  slug: string;
  sectionSlug: string;
  sectionName: string;
  publishedAt: string;
  quotes: { kind: 'quote' | 'inline'; quote: string; role: string }[];
}

export const citingPageSize = 20;

/** Published stories citing a source, newest first, a page at a time; `hasNext` when an older page exists. */
export async function storiesCiting(db: Db, sourceId: number, page = 1): Promise<{ stories: CitingStory[]; hasNext: boolean; total: number }> {
  const base = db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .where('articles.status', '=', 'published')
    .where((eb) => eb.exists(eb.selectFrom('story_sources').select('story_sources.article_id').whereRef('story_sources.article_id', '=', 'articles.id').where('story_sources.source_id', '=', sourceId)));
  const [count, articles] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    base
      .select(['articles.id', 'articles.title', 'articles.dek', 'articles.slug', 'articles.published_at', 'sections.slug as section_slug', 'sections.name as section_name'])
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(citingPageSize + 1)
      .offset((page - 1) * citingPageSize)
      .execute(),
  ]);
  const shown = articles.slice(0, citingPageSize);
  const quotes = shown.length
    ? await db
        .selectFrom('story_sources')
        .select(['article_id', 'kind', 'quote', 'role'])
        .where('source_id', '=', sourceId)
        .where('article_id', 'in', shown.map((a) => a.id))
        .orderBy('article_id')
        .orderBy('position')
        .execute()
    : [];
  return {
    stories: shown.map((a) => ({
      articleId: a.id,
      title: a.title,
      dek: a.dek,
      slug: a.slug,
      sectionSlug: a.section_slug,
      sectionName: a.section_name,
      publishedAt: a.published_at ?? '',
      quotes: quotes.filter((q) => q.article_id === a.id && q.quote).map((q) => ({ kind: q.kind, quote: q.quote, role: q.role })),
    })),
    hasNext: articles.length > citingPageSize,
    total: Number(count?.n ?? 0),
  };
}

/** The ids of stories (any status) citing any of these sources. */
export async function articlesCiting(db: Db, sourceIds: number[]): Promise<number[]> {
  if (!sourceIds.length) return [];
  const rows = await db.selectFrom('story_sources').select('article_id').distinct().where('source_id', 'in', sourceIds).execute();
  return rows.map((r) => r.article_id);
}

/** The public pages of the sources a story cites (the cache purges them when the story changes). */
export async function sourcePathsOfStory(db: Db, articleId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('story_sources')
    .innerJoin('sources', 'sources.id', 'story_sources.source_id')
    .select('sources.slug')
    .distinct()
    .where('story_sources.article_id', '=', articleId)
    .execute();
  return rows.map((r) => sourcePath(r.slug));
}

/** The source ids of every published story, for the content API and webhooks (story id → cited source slugs). */
export async function citedSourceSlugs(db: Db, articleIds: number[]): Promise<Map<number, { id: number; slug: string; name: string; kind: SourceKind }[]>> {
  const result = new Map<number, { id: number; slug: string; name: string; kind: SourceKind }[]>();
  if (!articleIds.length) return result;
  const rows = await db
    .selectFrom('story_sources')
    .innerJoin('sources', 'sources.id', 'story_sources.source_id')
    .select(['story_sources.article_id', 'sources.id', 'sources.slug', 'sources.name', 'sources.kind'])
    .where('story_sources.article_id', 'in', articleIds)
    .orderBy('story_sources.article_id')
    .orderBy('story_sources.position')
    .execute();
  for (const row of rows) {
    const list = result.get(row.article_id) ?? [];
    if (!list.some((s) => s.id === row.id)) list.push({ id: row.id, slug: row.slug, name: row.name, kind: row.kind });
    result.set(row.article_id, list);
  }
  return result;
}

export type ProposalEntry = Omit<SourceProposal, 'variants' | 'article_ids'> & { variants: string[]; articleIds: number[] };

function parseList<T>(json: string): T[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

export function proposalEntry(row: SourceProposal): ProposalEntry {
  const { variants, article_ids, ...rest } = row;
  return { ...rest, variants: parseList<string>(variants), articleIds: parseList<number>(article_ids) };
}

/** The backfill's proposals, most-cited first. */
export async function listProposals(db: Db, status: SourceProposal['status'] = 'open'): Promise<ProposalEntry[]> {
  const rows = await db.selectFrom('source_proposals').selectAll().where('status', '=', status).execute();
  return rows.map(proposalEntry).sort((a, b) => b.articleIds.length - a.articleIds.length || a.name.localeCompare(b.name));
}

export async function findProposal(db: Db, id: number): Promise<ProposalEntry | null> {
  const row = await db.selectFrom('source_proposals').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? proposalEntry(row) : null;
}

/** A story's cited sources as the content API and webhooks carry them. */
export async function storySourcesJson(db: Db, articleId: number, siteUrl: string): Promise<{ id: number; slug: string; name: string; kind: SourceKind; url: string }[]> {
  const cited = await citationsOf(db, articleId);
  return cited.map(({ source }) => ({ id: source.id, slug: source.slug, name: source.name, kind: source.kind, url: `${siteUrl}${sourcePath(source.slug)}` }));
}
