/** The front page, rendered for readers and, with an unsaved arrangement, as the newsroom's preview with the same code. */
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { resolveFront } from '../content/front/queries.js';
import type { FrontArrangement } from '../content/front/store.js';
import { sendPage } from './page.js';
import { websiteLd } from './structured-data.js';
import { homeTrendingTags } from './trending.js';
import { HomePage } from './views/pages.js';
import { LiveStories } from './views/live-mark.js';
import { liveStoryIds } from '../live/store.js';

export interface HomePageOptions {
  /** Newsroom preview: this unsaved arrangement instead of the stored one, marked as a preview, never cached, not indexed. */
  preview?: FrontArrangement;
}

export async function sendHomePage(ctx: AppContext, reply: FastifyReply, options: HomePageOptions = {}): Promise<FastifyReply> {
  const preview = options.preview;
  const db = preview ? ctx.store.db : ctx.store.read;
  const [front, trending, live] = await Promise.all([resolveFront(db, preview), homeTrendingTags(db, 14), liveStoryIds(db)]);
  return sendPage(ctx, reply, {
    current: 'home',
    cache: preview ? 'private' : 'public',
    meta: { title: '', description: '', path: '/', noindex: !!preview },
    jsonLd: (chrome) => [websiteLd(ctx.config.siteUrl, chrome.settings)],
    body: () => (
      <LiveStories.Provider value={live}>
        <HomePage front={front} trending={trending} preview={!!preview} />
      </LiveStories.Provider>
    ),
  });
}
