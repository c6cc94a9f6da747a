/** Seeds the demo newsroom on first run: sections, authors, 40+ stories with pictures, threads and comments, newsletter readers and a sent edition. Safe to re-run. */
import path from 'node:path';
import type { AppContext } from '../context.js';
import { createUser, findUserByEmail } from '../accounts/users.js';
import { countComments, insertComment } from '../comments/comments.js';
import { createArticle, ensureSection, ensureThread, updateArticle } from '../content/articles.js';
import { seedDemoNewsletters } from './newsletters.js';
import { seedDemoPlaces } from './places.js';
import { slugify } from '../slugs.js';
import { storyPath } from '../content/urls.js';
import type { Db } from '../db/index.js';
import { storeImage } from '../media/storage.js';
import { demoAuthors, demoSections } from './content/newsroom.js';
import { storiesA } from './content/stories-a.js';
import { storiesB } from './content/stories-b.js';
import type { DemoComment, DemoStory } from './content/types.js';
import { illustration } from './illustration.js';
import { demoPortraits, portrait } from './portraits.js';
import { demoArtwork } from './content/pictures.js';
import { plural } from '../plural.js';
import { systemActor } from '../accounts/actor.js';
import { postUpdate, startCoverage } from '../live/commands.js';
import { findCoverage } from '../live/store.js';
import { demoLiveStoryKey, demoLiveSummary, demoLiveUpdates } from './content/live.js';
import { sourceIdForName } from '../sources/citations.js';
import { createSource } from '../sources/commands.js';
import { demoSources } from './content/sources.js';

export const demoStories: DemoStory[] = [...storiesA, ...storiesB];

const threadTitles: Record<string, { title: string; description: string }> = {
  'siege-of-tarsel': { title: 'The siege of Tarsel', description: 'Our coverage of the fighting around Tarsel, from the first encirclement to the talks.' },
  'port-strike': { title: 'The port strike', description: 'The dockworkers’ dispute, from the strike ballot to the settlement.' },
};

const marker = 'demo_seeded';
const minute = 60_000;

/** Publication time of a demo story, never in the future, and in the same order as the content says. */
export function demoPublishedAt(story: DemoStory, seededAt: number): string {
  const day = new Date(seededAt - story.daysAgo * 24 * 60 * minute);
  day.setUTCHours(story.hour, (story.key.length * 7) % 60, 0, 0);
  const latest = seededAt - (10 + story.hour) * minute;
  return new Date(Math.min(day.getTime(), latest)).toISOString();
}

/**
 * Seeds the demo newsroom. Its pictures take sharp most of a second each (about 30 s for the lot on a small machine),
 * so with `pictures: 'later'` the stories are stored without them and `drawDemoPictures` adds them afterwards.
 */
export async function seedDemo(
  ctx: AppContext,
  options: { log?: (line: string) => void; pictures?: 'now' | 'later' } = {},
): Promise<{ created: boolean; stories: number; comments: number }> {
  const db = ctx.store.db;
  const done = await db.selectFrom('settings').select('value').where('key', '=', marker).executeTakeFirst();
  if (done) return { created: false, stories: 0, comments: 0 };
  const log = options.log ?? (() => undefined);
  const seededAt = Date.now();

  const sectionIds = new Map<string, number>();
  for (const section of demoSections) sectionIds.set(section.slug, await ensureSection(db, section));
  const userIds = new Map<string, number>();
  for (const author of demoAuthors) {
    const user = (await findUserByEmail(db, author.email)) ?? (await createUser(db, { ...author }));
    userIds.set(author.slug, user.id);
  }
  await drawAuthorPortraits(db, path.join(ctx.config.dataDir, 'media'), userIds);
  // The sources directory comes first: the stories' quotes name these sources, so storing a story cites them.
  for (const source of demoSources) {
    if ((await sourceIdForName(db, source.name)) === null) await createSource(ctx, systemActor('demo seed'), source);
  }

  const urls = new Map<string, string>();
  for (const story of demoStories) urls.set(story.key, storyPath(story.section, demoPublishedAt(story, seededAt), slugify(story.title)));

  const mediaDir = path.join(ctx.config.dataDir, 'media');
  let stories = 0;
  let comments = 0;
  const articleIds = new Map<string, number>();
  const ordered = [...demoStories].sort((a, b) => demoPublishedAt(a, seededAt).localeCompare(demoPublishedAt(b, seededAt)));
  for (const [index, story] of ordered.entries()) {
    const sectionId = sectionIds.get(story.section);
    if (sectionId === undefined) throw new Error(`Demo story ${story.key} names unknown section ${story.section}`);
    const publishedAt = demoPublishedAt(story, seededAt);
    const slug = slugify(story.title);
    let articleId = (await db.selectFrom('articles').select('id').where('section_id', '=', sectionId).where('slug', '=', slug).executeTakeFirst())?.id;
    if (articleId === undefined) {
      const media = story.image && options.pictures !== 'later'
        ? await storeImage(db, mediaDir, { bytes: await illustration(story.image.seed, demoArtwork[story.image.seed]), alt: story.image.alt, caption: story.image.caption, credit: story.image.credit, filename: slug })
        : null;
      const threadId = story.thread ? await ensureThread(db, story.thread, threadTitles[story.thread]?.title ?? story.thread, threadTitles[story.thread]?.description ?? '') : null;
      const input = {
        title: story.title,
        dek: story.dek,
        bodyHtml: story.body.replace(/\{\{link:([a-z0-9-]+)\}\}/g, (_m, key: string) => urls.get(key) ?? '/'),
        sectionId,
        slug,
        status: 'published' as const,
        publishedAt,
        authorIds: story.authors.map((a) => {
          const id = userIds.get(a);
          if (id === undefined) throw new Error(`Demo story ${story.key} names unknown author ${a}`);
          return id;
        }),
        tagNames: story.tags,
        featuredMediaId: media?.id ?? null,
        threadId,
        savedAt: publishedAt,
      };
      articleId = await createArticle(db, input);
      if (story.updatedMinutesAfter) {
        const updatedAt = new Date(Math.min(Date.parse(publishedAt) + story.updatedMinutesAfter * minute, seededAt - minute)).toISOString();
        const correction = index % 2 === 0 ? 'An earlier version of this story gave the wrong day for the first announcement. It was a Monday.' : undefined;
        await updateArticle(db, articleId, { ...input, savedAt: updatedAt, correction });
      }
      stories++;
      log(`  [${index + 1}/${ordered.length}] ${story.title}`);
    }
    articleIds.set(story.key, articleId);
    if (story.comments?.length && (await countComments(db, articleId)) === 0) {
      comments += await seedComments(db, articleId, story.comments, null, Date.parse(publishedAt), seededAt);
    }
  }
  await seedLiveStory(ctx, sectionIds, userIds, seededAt);
  await seedDemoPlaces(ctx, articleIds);
  const newest = ordered.slice(-5).reverse().flatMap((story) => articleIds.get(story.key) ?? []);
  await seedDemoNewsletters(ctx, newest, log);
  await db.insertInto('settings').values({ key: marker, value: JSON.stringify(new Date(seededAt).toISOString()) }).execute();
  if (options.pictures !== 'later') await db.insertInto('settings').values({ key: picturesMarker, value: JSON.stringify(new Date().toISOString()) }).execute();
  ctx.events.emit('site.changed', { what: 'import', source: 'demo', articles: stories });
  return { created: true, stories, comments };
}

/**
 * The demo's live story: the port talks story covered live through its day, with key events pinned, through the
 * live commands as the system (each update under its reporter's name and time), so the change log readers resume
 * from is the real one. The seeder runs once, so its events reach listeners nobody has set up yet.
 */
async function seedLiveStory(ctx: AppContext, sectionIds: Map<string, number>, userIds: Map<string, number>, seededAt: number): Promise<void> {
  const story = demoStories.find((s) => s.key === demoLiveStoryKey);
  const sectionId = story ? sectionIds.get(story.section) : undefined;
  if (!story || sectionId === undefined) return;
  const row = await ctx.store.db.selectFrom('articles').select('id').where('section_id', '=', sectionId).where('slug', '=', slugify(story.title)).executeTakeFirst();
  if (!row || (await findCoverage(ctx.store.db, row.id))) return;
  const system = systemActor('demo seed');
  const startedAt = Date.parse(demoPublishedAt(story, seededAt));
  await startCoverage(ctx, system, { storyId: row.id, summaryHtml: demoLiveSummary, at: new Date(startedAt).toISOString() });
  // The day's updates are spread between the story going out and a few minutes ago.
  const span = Math.max(10 * minute, seededAt - 5 * minute - startedAt);
  const last = demoLiveUpdates[demoLiveUpdates.length - 1]!.after;
  for (const update of demoLiveUpdates) {
    const at = new Date(startedAt + Math.round((update.after / last) * span)).toISOString();
    const author = demoAuthors.find((a) => a.slug === update.author);
    await postUpdate(ctx, system, {
      storyId: row.id, headline: update.headline, bodyHtml: update.body, pinned: update.pinned, at,
      asAuthor: { id: userIds.get(update.author) ?? null, name: author?.name ?? 'Newsroom' },
    });
  }
}

const picturesMarker = 'demo_pictures_drawn';

/**
 * Draws the pictures of demo stories seeded without them, newest story first (the home page's), and makes each the
 * story's featured image once its file and variants exist, so no page links a picture that is not there yet.
 * Safe to re-run and to interrupt (`stopped`): a restart finishes what is left; an image someone set meanwhile is kept.
 */
export async function drawDemoPictures(ctx: AppContext, options: { log?: (line: string) => void; stopped?: () => boolean } = {}): Promise<number> {
  const db = ctx.store.db;
  const settings = await db.selectFrom('settings').select('key').where('key', 'in', [marker, picturesMarker]).execute();
  if (!settings.some((row) => row.key === marker) || settings.some((row) => row.key === picturesMarker)) return 0;
  const mediaDir = path.join(ctx.config.dataDir, 'media');
  const missing: { story: DemoStory; articleId: number; publishedAt: string }[] = [];
  for (const story of demoStories) {
    if (!story.image) continue;
    const row = await db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.id', 'articles.featured_media_id', 'articles.published_at'])
      .where('sections.slug', '=', story.section)
      .where('articles.slug', '=', slugify(story.title))
      .executeTakeFirst();
    if (row && row.featured_media_id === null) missing.push({ story, articleId: row.id, publishedAt: row.published_at ?? '' });
  }
  missing.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  let drawn = 0;
  for (const { story, articleId } of missing) {
    if (options.stopped?.()) return drawn;
    const image = story.image!;
    const media = await storeImage(db, mediaDir, { bytes: await illustration(image.seed, demoArtwork[image.seed]), alt: image.alt, caption: image.caption, credit: image.credit, filename: slugify(story.title) });
    await db.updateTable('articles').set({ featured_media_id: media.id }).where('id', '=', articleId).where('featured_media_id', 'is', null).execute();
    ctx.events.emit('site.changed', { what: 'media', kind: 'attached', mediaIds: [media.id], articleIds: [articleId] });
    drawn++;
  }
  if (options.stopped?.()) return drawn;
  await db.insertInto('settings').values({ key: picturesMarker, value: JSON.stringify(new Date().toISOString()) }).execute();
  options.log?.(`Demo pictures: ${plural(drawn, 'picture')} drawn.`);
  return drawn;
}

/** Each demo author without a photo gets their illustrated portrait, stored in the media library like an upload. */
async function drawAuthorPortraits(db: Db, mediaDir: string, userIds: Map<string, number>): Promise<void> {
  for (const author of demoAuthors) {
    const userId = userIds.get(author.slug);
    const drawing = demoPortraits[author.slug];
    if (userId === undefined || !drawing) continue;
    const media = await storeImage(db, mediaDir, {
      bytes: await portrait(drawing),
      alt: `Illustrated portrait of ${author.name}`,
      caption: '',
      credit: 'Illustration: Gazette demo desk',
      filename: `${author.slug}-portrait`,
    });
    await db.updateTable('users').set({ avatar_media_id: media.id }).where('id', '=', userId).where('avatar_media_id', 'is', null).execute();
  }
}

async function seedComments(db: Db, articleId: number, list: DemoComment[], parentId: number | null, publishedAt: number, seededAt: number): Promise<number> {
  let count = 0;
  for (const comment of list) {
    const createdAt = new Date(Math.min(publishedAt + comment.minutesAfter * minute, seededAt - minute)).toISOString();
    const id = await insertComment(db, { articleId, parentId, name: comment.name, email: comment.email, body: comment.body, status: 'approved', createdAt });
    count += 1 + (comment.replies ? await seedComments(db, articleId, comment.replies, id, publishedAt, seededAt) : 0);
  }
  return count;
}
