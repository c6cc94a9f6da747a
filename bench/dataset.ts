/** Builds a benchmark newsroom fast: sections, authors and tags through the app's functions, then N generated stories of realistic size in bulk transactions. */
import { createUser } from '../src/accounts/users.js';
import { ensureSection, ensureTags } from '../src/content/articles.js';
import { slugify } from '../src/slugs.js';
import type { Db } from '../src/db/index.js';
import { rebuildRelatedLists } from '../src/content/related.js';
import { rebuildSearchIndex } from '../src/search/index.js';
import { random } from './search-corpus.js';

const sectionNames = ['World', 'Politics', 'Business', 'Science', 'Climate', 'Culture', 'Sport', 'Opinion'];

export function benchSectionSlugs(): string[] {
  return sectionNames.map((name) => slugify(name));
}
const words = (
  'harbour council budget river election minister coalition port strike museum rail ferry tram grain levee flood drought ' +
  'reservoir court ruling inquiry auditor contract tender school pupils teachers hospital nurses clinic vaccine outbreak ' +
  'festival lantern cinema novel album gallery theatre stadium league final coach season transfer wind solar battery grid ' +
  'carbon seagrass glacier storm forecast satellite telescope probe laboratory trial patients researchers survey census ' +
  'housing rents mortgage wages prices inflation exports tariffs shipyard factory workers union mediator negotiators ' +
  'ceasefire corridor border refugees camp convoy talks treaty summit delegation parliament senate mayor district ' +
  'villagers farmers fishermen dockworkers engineers archivists librarians volunteers residents commuters travellers'
).split(' ');
const connectives = ['and', 'but', 'while', 'after', 'before', 'as', 'because', 'although', 'since', 'when'];
const reporters = ['Fox reported,', 'According to the wire,', 'Officials said', 'Residents told reporters', 'A spokesperson said', 'Documents show'];


function sentence(next: () => number, length: number): string {
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)]!;
  const parts: string[] = [];
  for (let i = 0; i < length; i++) parts.push(i > 0 && i % 6 === 0 ? pick(connectives) : pick(words));
  const text = parts.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** About 850 words in 8 paragraphs, one with a quote and one with a link: the size of a typical news story. */
function storyBody(next: () => number): string {
  const paragraphs: string[] = [];
  for (let p = 0; p < 8; p++) {
    const sentences = Array.from({ length: 5 }, () => `${sentence(next, 18 + Math.floor(next() * 8))}.`);
    if (p === 2) sentences[0] = `${reporters[Math.floor(next() * reporters.length)]} ${sentences[0]!.toLowerCase()}`;
    if (p === 4) paragraphs.push(`<blockquote><p>${sentences[0]}</p></blockquote>`);
    else if (p === 5) paragraphs.push(`<p>${sentences.join(' ')} <a href="https://example.org/report">The full report</a> is public.</p>`);
    else paragraphs.push(`<p>${sentences.join(' ')}</p>`);
  }
  return paragraphs.join('\n');
}

export interface Dataset {
  stories: number;
  sectionSlugs: string[];
  searchWords: string[];
  seconds: number;
}

export async function buildDataset(db: Db, stories: number, log: (line: string) => void): Promise<Dataset> {
  const started = Date.now();
  const next = random(20261125);
  const sectionIds: number[] = [];
  for (const name of sectionNames) sectionIds.push(await ensureSection(db, { slug: slugify(name), name, description: `${name} news.` }));
  const authorIds: number[] = [];
  for (let i = 0; i < 60; i++) {
    const name = `${sentence(next, 1)} ${sentence(next, 1)}son`;
    authorIds.push((await createUser(db, { email: `reporter${i}@bench.test`, name, role: 'author', bio: `${sentence(next, 12)}.` })).id);
  }
  const tagIds = await ensureTags(db, Array.from({ length: 800 }, (_, i) => `${sentence(next, 2)} ${i}`));

  const batch = 500;
  const span = 5 * 365 * 24 * 3600 * 1000;
  const newest = Date.now() - 3600 * 1000;
  for (let offset = 0; offset < stories; offset += batch) {
    const count = Math.min(batch, stories - offset);
    await db.transaction().execute(async (trx) => {
      const rows = Array.from({ length: count }, (_, i) => {
        const n = offset + i;
        const title = sentence(next, 8 + Math.floor(next() * 5));
        // Oldest first, so ids follow publication time as they do in a real newsroom.
        const at = new Date(newest - span + Math.floor((span * n) / stories)).toISOString();
        return {
          slug: `${slugify(title).slice(0, 60)}-${n}`,
          title,
          dek: `${sentence(next, 24)}.`,
          body_html: storyBody(next),
          section_id: sectionIds[n % sectionIds.length]!,
          status: 'published' as const,
          published_at: at,
          updated_at: at,
          created_at: at,
          featured_media_id: null,
          thread_id: null,
          comments_open: 1,
          seo_title: '',
          seo_description: '',
          canonical_url: '',
          version: 1,
        };
      });
      const ids = (await trx.insertInto('articles').values(rows).returning('id').execute()).map((r) => r.id);
      await trx
        .insertInto('article_authors')
        .values(ids.map((id, i) => ({ article_id: id, user_id: authorIds[(offset + i) % authorIds.length]!, position: 0 })))
        .execute();
      const tagRows = ids.flatMap((id) => {
        const chosen = new Set<number>();
        while (chosen.size < 3) chosen.add(tagIds[Math.floor(next() * tagIds.length)]!);
        return [...chosen].map((tagId) => ({ article_id: id, tag_id: tagId }));
      });
      await trx.insertInto('article_tags').values(tagRows).execute();
    });
    if ((offset / batch) % 40 === 0) log(`  stories: ${offset + count} of ${stories}`);
  }
  log('  building the search index');
  await rebuildSearchIndex(db, (done, total) => {
    if (done % 20000 === 0) log(`  search index: ${done} of ${total}`);
  });
  await buildRelatedLists(db, log);
  return {
    stories,
    sectionSlugs: benchSectionSlugs(),
    searchWords: ['harbour', 'election', 'flood', 'vaccine', 'rail strike', 'solar battery', 'ceasefire talks', 'museum'],
    seconds: (Date.now() - started) / 1000,
  };
}

/** Related-stories lists, as `gazette reindex` stores them; also run on a dataset built before they existed. */
export async function buildRelatedLists(db: Db, log: (line: string) => void): Promise<void> {
  log('  working out related stories');
  await rebuildRelatedLists(db, (done, total) => {
    if (done % 20000 === 0 || done === total) log(`  related stories: ${done} of ${total}`);
  });
}
