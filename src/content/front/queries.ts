/**
 * The front as readers see it: the editors' arrangement where its stories are still published, and the automatic
 * front (by recency and section) in every place left empty, so the front never shows a hole.
 */
import type { Db } from '../../db/index.js';
import type { Section, Thread } from '../../db/schema.js';
import { listSections } from '../directory-queries.js';
import { cardsFromRows, listPublished, publishedArticles, type StoryCard } from '../queries.js';
import { frontLimits, loadArrangement, pinnedStoryIds, type FrontArrangement } from './store.js';

/** Stories per section block, per opinion rail, and threads in the "Developing" strip when chosen automatically. */
const perBlock = 4;
const inOpinion = 5;
const autoDeveloping = 3;
/** Headlines in the rail per row of section blocks (two blocks a row at desktop width), opinion included. */
const railPerBlockRow = 6;

export interface FrontBlock {
  section: Section;
  stories: StoryCard[];
}

export interface FrontView {
  /** True when an editor arranged the front (their order holds); false for the automatic front. */
  arranged: boolean;
  lead: StoryCard | null;
  related: StoryCard[];
  /** Top stories in the order shown; editors' picks (or pinned stories) first, then the newest. */
  top: StoryCard[];
  /** How many of `top` an editor chose or a pin placed, in that order; the rest is the automatic fill. */
  topChosen: number;
  developing: { thread: Thread; latest: StoryCard }[];
  sections: FrontBlock[];
  opinion: FrontBlock | null;
  /** Further headlines under the opinion rail, as many as keep it as long as the section blocks beside it. */
  railMore: StoryCard[];
}

/** Published stories by id, in the order asked; unpublished or deleted ones drop out. */
async function publishedCards(db: Db, ids: number[]): Promise<StoryCard[]> {
  if (ids.length === 0) return [];
  const rows = await publishedArticles(db, {})
    .where('articles.id', 'in', ids)
    .select([
      'articles.id', 'articles.slug', 'articles.title', 'articles.dek', 'articles.published_at', 'articles.updated_at',
      'articles.featured_media_id', 'sections.id as section_id', 'sections.slug as section_slug', 'sections.name as section_name',
    ])
    .execute();
  const cards = new Map((await cardsFromRows(db, rows)).map((c) => [c.id, c]));
  return ids.map((id) => cards.get(id)).filter((c): c is StoryCard => !!c);
}

/** Threads with the newest published story first, with that story. */
async function latestThreads(db: Db, ids: number[] | null, limit: number): Promise<{ thread: Thread; latest: StoryCard }[]> {
  if (ids && ids.length === 0) return [];
  let query = db
    .selectFrom('articles')
    .select(['articles.thread_id', (eb) => eb.fn.max('articles.published_at').as('newest')])
    .where('articles.status', '=', 'published')
    .where('articles.thread_id', 'is not', null)
    .groupBy('articles.thread_id');
  if (ids) query = query.where('articles.thread_id', 'in', ids);
  const rows = await query.orderBy('newest', 'desc').limit(ids ? ids.length : limit).execute();
  const threadIds = rows.map((r) => r.thread_id!);
  if (threadIds.length === 0) return [];
  const threads = new Map((await db.selectFrom('threads').selectAll().where('id', 'in', threadIds).execute()).map((t) => [t.id, t]));
  const ordered = ids ? ids.filter((id) => threadIds.includes(id)) : threadIds;
  const out: { thread: Thread; latest: StoryCard }[] = [];
  for (const id of ordered) {
    const [latest] = await listPublished(db, { threadId: id, limit: 1 });
    const thread = threads.get(id);
    if (thread && latest) out.push({ thread, latest });
  }
  return out;
}

/**
 * Resolves an arrangement (the stored one, or an unsaved one for a preview) into the front readers see. Stories are
 * never shown twice: the lead package, then the top stories, then each block takes only stories not yet shown.
 */
export async function resolveFront(db: Db, unsaved?: FrontArrangement): Promise<FrontView> {
  const arrangement = unsaved ?? (await loadArrangement(db));
  const arranged = arrangement !== null;
  const chosen = arrangement ?? { lead: null, related: [], top: [], developing: [], sections: [], opinion: null };
  // Sticky posts from an import lead the top stories until an editor arranges the front.
  const pinned = arranged ? [] : await pinnedStoryIds(db);
  const picked = await publishedCards(db, [...new Set([...(chosen.lead === null ? [] : [chosen.lead]), ...chosen.related, ...chosen.top, ...pinned])]);
  const byId = new Map(picked.map((c) => [c.id, c]));
  const shown = new Set<number>();
  const take = (ids: number[]) => ids.map((id) => byId.get(id)).filter((c): c is StoryCard => !!c && !shown.has(c.id)).map((c) => (shown.add(c.id), c));

  const [chosenLead] = take(chosen.lead === null ? [] : [chosen.lead]);
  const related = chosenLead ? take(chosen.related).slice(0, frontLimits.related) : [];
  const topPicked = take([...chosen.top, ...pinned]).slice(0, frontLimits.top);
  const pickedIds = [...shown];
  const recent = await listPublished(db, { excludeIds: pickedIds, limit: frontLimits.top + 1 });
  // The automatic lead is the newest story with a picture.
  const lead = chosenLead ?? recent.find((s) => s.image) ?? recent[0] ?? null;
  if (lead) shown.add(lead.id);
  const fill = recent.filter((s) => !shown.has(s.id)).slice(0, frontLimits.top - topPicked.length);
  for (const s of fill) shown.add(s.id);
  const top = [...topPicked, ...fill];

  const sections = await listSections(db);
  // An editor may choose no opinion rail; the automatic front uses a section called "opinion" when there is one.
  const opinionSection = chosen.opinion !== null ? sections.find((s) => s.id === chosen.opinion) : arranged ? undefined : sections.find((s) => s.slug === 'opinion');
  const order = [...chosen.sections.map((id) => sections.find((s) => s.id === id)).filter((s): s is Section => !!s), ...sections.filter((s) => !chosen.sections.includes(s.id))];
  const opinion = opinionSection ? { section: opinionSection, stories: await listPublished(db, { sectionId: opinionSection.id, excludeIds: [...shown], limit: inOpinion }) } : null;
  for (const s of opinion?.stories ?? []) shown.add(s.id);
  const blocks: FrontBlock[] = [];
  for (const section of order) {
    if (section.id === opinionSection?.id) continue;
    const stories = await listPublished(db, { sectionId: section.id, excludeIds: [...shown], limit: perBlock });
    if (stories.length) blocks.push({ section, stories });
    for (const s of stories) shown.add(s.id);
  }
  // The rail beside the section blocks goes on with the newest stories not shown yet, so both columns reach the bottom.
  const railWanted = opinion?.stories.length ? Math.max(0, Math.ceil(blocks.length / 2) * railPerBlockRow - opinion.stories.length) : 0;
  const railMore = railWanted ? await listPublished(db, { excludeIds: [...shown], limit: railWanted }) : [];
  const developing = chosen.developing.length ? await latestThreads(db, chosen.developing, autoDeveloping) : [];
  const developingFilled = developing.length ? developing : await latestThreads(db, null, autoDeveloping);
  return { arranged, lead, related, top, topChosen: topPicked.length, developing: developingFilled, sections: blocks, opinion: opinion?.stories.length ? opinion : null, railMore };
}

/** Published stories an editor may put on the front: the newest, or those whose headline contains the words searched. */
export async function pickableStories(db: Db, search: string, limit = 40): Promise<{ id: number; title: string; publishedAt: string; section: string }[]> {
  let query = publishedArticles(db, {}).select(['articles.id', 'articles.title', 'articles.published_at', 'sections.name as section_name']);
  for (const word of search.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 6)) {
    query = query.where((eb) => eb(eb.fn('lower', ['articles.title']), 'like', `%${word.replace(/[%_\\]/g, '')}%`));
  }
  const rows = await query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, title: r.title, publishedAt: r.published_at ?? '', section: r.section_name }));
}

/** Published stories by id (the ones already chosen stay offered whatever is searched). */
export async function storiesByIds(db: Db, ids: number[]): Promise<{ id: number; title: string; publishedAt: string; section: string }[]> {
  if (ids.length === 0) return [];
  const rows = await publishedArticles(db, {}).where('articles.id', 'in', ids).select(['articles.id', 'articles.title', 'articles.published_at', 'sections.name as section_name']).execute();
  return rows.map((r) => ({ id: r.id, title: r.title, publishedAt: r.published_at ?? '', section: r.section_name }));
}

/** Every story thread, newest first, for the "Developing" strip's choices. */
export async function listThreads(db: Db): Promise<Thread[]> {
  return db.selectFrom('threads').selectAll().orderBy('id', 'desc').limit(200).execute();
}
