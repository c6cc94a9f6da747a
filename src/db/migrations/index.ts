/** Every migration, by name; names sort in the order they run. */
import type { Migration } from 'kysely';
import * as content from './2026-11-25-001-content.js';
import * as search from './2026-11-25-002-search.js';
import * as accounts from './2026-11-25-010-accounts.js';
import * as moderation from './2026-11-25-030-moderation.js';
import * as api from './2026-11-25-040-api.js';
import * as imports from './2026-11-25-050-imports.js';
import * as listingIndex from './2026-11-25-070-listing-index.js';
import * as relatedLists from './2026-11-25-080-related-lists.js';
import * as bodyLast from './2026-11-25-090-body-last.js';
import * as commentHolds from './2026-12-03-010-comment-holds.js';
import * as brand from './2026-12-06-010-brand.js';
import * as front from './2026-12-06-020-front.js';
import * as editor from './2026-12-06-110-editor.js';
import * as newsroomLists from './2026-12-06-120-newsroom-lists.js';
import * as storyPresence from './2026-12-06-130-story-presence.js';
import * as live from './2026-12-06-210-live.js';
import * as newsletters from './2026-12-06-310-newsletters.js';
import * as editionLinks from './2026-12-06-311-edition-links.js';
import * as sources from './2026-12-06-410-sources.js';
import * as places from './2026-12-06-420-places.js';
import * as placeMerges from './2026-12-06-421-place-merges.js';
import * as narrowSearchRows from './2026-12-06-510-search.js';
import * as searchOrder from './2026-12-06-511-search-order.js';
import * as searchWordCompletions from './2026-12-06-512-search-word-completions.js';
import * as searchWordPrefixes from './2026-12-06-513-search-word-prefixes.js';
import * as searchHeadlines from './2026-12-07-514-search-headlines.js';

export const migrations: Record<string, Migration> = {
  '2026-11-25-001-content': content,
  '2026-11-25-002-search': search,
  '2026-11-25-010-accounts': accounts,
  '2026-11-25-030-moderation': moderation,
  '2026-11-25-040-api': api,
  '2026-11-25-050-imports': imports,
  '2026-11-25-070-listing-index': listingIndex,
  '2026-11-25-080-related-lists': relatedLists,
  '2026-11-25-090-body-last': bodyLast,
  '2026-12-03-010-comment-holds': commentHolds,
  '2026-12-06-010-brand': brand,
  '2026-12-06-020-front': front,
  '2026-12-06-110-editor': editor,
  '2026-12-06-120-newsroom-lists': newsroomLists,
  '2026-12-06-130-story-presence': storyPresence,
  '2026-12-06-210-live': live,
  '2026-12-06-310-newsletters': newsletters,
  '2026-12-06-311-edition-links': editionLinks,
  '2026-12-06-410-sources': sources,
  '2026-12-06-420-places': places,
  '2026-12-06-421-place-merges': placeMerges,
  '2026-12-06-510-search': narrowSearchRows,
  '2026-12-06-511-search-order': searchOrder,
  '2026-12-06-512-search-word-completions': searchWordCompletions,
  '2026-12-06-513-search-word-prefixes': searchWordPrefixes,
  '2026-12-07-514-search-headlines': searchHeadlines,
};
