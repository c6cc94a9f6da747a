/** The story editor's helpers: presence heartbeats, desk notes, and the related-story look-up for the "related story" block. */
import type { FastifyInstance } from 'fastify';
import { authorize } from '../../accounts/policies.js';
import type { AppContext } from '../../context.js';
import { addStoryNote } from '../../content/commands/add-story-note.js';
import { leaveStory, recordPresence } from '../../content/presence.js';
import { lookUpPublishedStories } from '../../content/story-lookup.js';
import { loadEditableStory } from '../../content/workflow.js';
import { parseId, wantsJson } from '../../http/request-input.js';
import { requireUser, verifyCsrf } from '../../http/session.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function storyEditorRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    const db = ctx.store.db;

    app.get<{ Querystring: { q?: string } }>('/newsroom/stories/lookup.json', async (request, reply) => {
      requireUser(request);
      const stories = await lookUpPublishedStories(db, text(request.query.q));
      return reply.header('cache-control', 'no-store').send({ stories: stories.map((s) => ({ id: s.id, title: s.title, url: s.url, publishedAt: s.publishedAt })) });
    });

    /** An open editor's heartbeat (every 20 s); `leaving=1` when the page is closed. Answers who else has the story open. */
    app.post<{ Params: { id: string } }>('/newsroom/stories/:id/presence', async (request, reply) => {
      const user = requireUser(request);
      verifyCsrf(request);
      const id = parseId(request.params.id, 'That story');
      const story = await loadEditableStory(db, id);
      authorize(user, 'story.edit', { authorIds: story.authorIds, status: story.article.status });
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (text(body.leaving) === '1') {
        await leaveStory(db, id, user.id);
        return reply.header('cache-control', 'no-store').send({ editing: [] });
      }
      return reply.header('cache-control', 'no-store').send({ editing: await recordPresence(db, id, user.id) });
    });

    app.post<{ Params: { id: string } }>('/newsroom/stories/:id/notes', async (request, reply) => {
      const user = requireUser(request);
      verifyCsrf(request);
      const id = parseId(request.params.id, 'That story');
      const body = (request.body ?? {}) as Record<string, unknown>;
      const note = await addStoryNote(ctx, user, id, { body: text(body.body) });
      if (wantsJson(request)) return reply.code(201).header('cache-control', 'no-store').send({ note });
      return reply.redirect(`/newsroom/stories/${id}?saved=note#desk-notes`, 303);
    });
  };
}
