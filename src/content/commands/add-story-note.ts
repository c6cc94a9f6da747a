/** Adding an internal desk note to a story. */
import { permit } from '../../accounts/actor.js';
import type { SessionUser } from '../../accounts/sessions.js';
import type { AppContext } from '../../context.js';
import { now } from '../../db/index.js';
import { invalid } from '../../errors.js';
import { noteLimits, type StoryNote } from '../notes.js';
import { loadEditableStory } from '../workflow.js';

/** Command: anyone who may edit the story may leave a note on it; the note is tied to the story's newest revision. */
export async function addStoryNote(ctx: AppContext, user: SessionUser, articleId: number, input: { body: string }): Promise<StoryNote> {
  const db = ctx.store.db;
  const story = await loadEditableStory(db, articleId);
  permit(user, 'story.edit', { authorIds: story.authorIds, status: story.article.status });
  const body = input.body.replace(/\r\n?/g, '\n').trim();
  if (!body) throw invalid('Write the note first.', { body: 'A note cannot be empty.' });
  if (body.length > noteLimits.body) throw invalid(`A note can be at most ${noteLimits.body} characters.`, { body: `At most ${noteLimits.body} characters.` });
  const createdAt = now();
  const note = await db.transaction().execute(async (trx) => {
    const latest = await trx.selectFrom('revisions').select('id').where('article_id', '=', articleId).orderBy('id', 'desc').limit(1).executeTakeFirst();
    const row = await trx
      .insertInto('story_notes')
      .values({ article_id: articleId, author_id: user.id, revision_id: latest?.id ?? null, body, created_at: createdAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, body, authorName: user.name, createdAt, revisionId: latest?.id ?? null };
  });
  ctx.events.emit('story.note-added', { articleId, noteId: note.id, authorId: user.id });
  return note;
}
