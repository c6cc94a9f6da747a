/** What every story command does after its transaction: reads the story as committed and describes the change for listeners. */
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/index.js';
import type { ArticleStatus, Tag } from '../../db/schema.js';
import { changeKind, placementOf, type StoryChanged, type StoryPlacement } from '../events.js';
import { findStory, type AuthorRef, type Story } from '../queries.js';

/**
 * Builds the story.changed payload inside the command's transaction. The story is read back (one findStory) only
 * when the change touches the public site, so a draft's save costs no extra reads.
 */
export async function describeChange(
  trx: Db,
  articleId: number,
  statusBefore: ArticleStatus | null,
  statusAfter: ArticleStatus | null,
  before: StoryPlacement | null,
  /** Authors and tags the command knows are stored as they are (it read them and left them unchanged). */
  known: { authors?: AuthorRef[]; tags?: Tag[] } = {},
): Promise<StoryChanged> {
  const kind = changeKind(statusBefore, statusAfter);
  const story: Story | null = kind === 'saved' || kind === 'deleted' ? null : await findStory(trx, { id: articleId }, true, known);
  return {
    articleId,
    kind,
    statusBefore,
    statusAfter,
    before: statusBefore === 'published' ? before : null,
    after: statusAfter === 'published' && story ? placementOf(story) : null,
    story,
  };
}

/** Announces a change once it has committed. */
export function announce(ctx: AppContext, change: StoryChanged): void {
  ctx.events.emit('story.changed', change);
}
