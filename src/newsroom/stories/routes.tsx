/** /newsroom/stories: list by status, write, edit with autosave, preview with the public page's code, revisions, and the workflow moves. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireUser, verifyCsrf, type SessionUser } from '../../http/session.js';
import { authorize, can } from '../../accounts/policies.js';
import { listUsers } from '../../accounts/users.js';
import type { AppContext } from '../../context.js';
import { suggestTags } from '../../content/desk.js';
import { findStory } from '../../content/queries.js';
import { listSections } from '../../content/directory-queries.js';
import { mediaPath } from '../../content/urls.js';
import { compareRevisions, listRevisions } from '../../content/revisions.js';
import { loadSettings } from '../../content/settings.js';
import { wordCount } from '../../content/sanitize.js';
import { deleteStory } from '../../content/commands/delete-story.js';
import { restoreRevision, saveStory } from '../../content/commands/save-story.js';
import { allowedActions, loadEditableStory, type EditableStory, type SaveAction } from '../../content/workflow.js';
import { fromCommandError, HttpError, notFound } from '../../http/errors.js';
import { isId, parseId } from '../../http/request-input.js';
import { findMedia } from '../../media/library.js';
import { sendStoryPage } from '../../site/story-page.js';
import { formatDateTime } from '../../site/views/format.js';
import { editorBundle } from '../editor/bundle.js';
import { sendNewsroomPage } from '../page.js';
import { StoryEditorPage } from './edit-view.js';
import { listStoryNotes } from '../../content/notes.js';
import { othersEditing } from '../../content/presence.js';
import { listWebhooks } from '../../webhooks/store.js';
import { followerCounts } from '../../newsletters/lists.js';
import { actionFromBody, draftFromValues, emptyValues, valuesFromBody, valuesFromStory, type StoryFormValues } from './form.js';
import { DeleteStoryPage, RevisionComparePage, RevisionListPage } from './list-view.js';
import { storyListRoutes } from './list-routes.js';


function storyId(raw: string): number {
  return parseId(raw, 'That story');
}

/** The editor's script and styles; when the bundle cannot be built the form still works as plain HTML fields. */
async function editorAssets(log: FastifyInstance['log']): Promise<{ js: string | null; css: string | null }> {
  try {
    const bundle = await editorBundle();
    return { js: `/newsroom/editor/editor.js?v=${bundle['editor.js'].hash}`, css: `/newsroom/editor/editor.css?v=${bundle['editor.css'].hash}` };
  } catch (err) {
    log.error({ err }, 'the rich-text editor could not be built; serving the plain form');
    return { js: null, css: null };
  }
}

export function storyRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    const db = ctx.store.db;

    const timeZone = async () => (await loadSettings(db)).timezone;

    async function people() {
      return (await listUsers(db)).filter((u) => u.disabled === 0).map((u) => ({ id: u.id, name: u.name, role: u.role }));
    }

    async function renderEditor(
      request: FastifyRequest,
      reply: FastifyReply,
      user: SessionUser,
      story: EditableStory | null,
      values: StoryFormValues,
      options: { errors?: Record<string, string>; message?: { kind: 'notice' | 'error'; text: string } | null; status?: number; conflict?: boolean; saved?: SaveAction | 'note' | null } = {},
    ): Promise<FastifyReply> {
      const [sections, users, assets, zone, hooks, notes, editing] = await Promise.all([
        listSections(db), people(), editorAssets(app.log), timeZone(), listWebhooks(db), story ? listStoryNotes(db, story.article.id) : Promise.resolve([]),
        story ? othersEditing(db, story.article.id, user.id) : Promise.resolve([]),
      ]);
      const resource = story ? { authorIds: story.authorIds, status: story.article.status } : { authorIds: [user.id], status: 'draft' as const };
      const published = story?.article.status === 'published' ? await findStory(db, { id: story.article.id }) : null;
      const featuredMedia = isId(values.featured_media_id) ? await findMedia(db, Number(values.featured_media_id)) : null;
      // Who a publish emails: followers of the story's section (whichever the writer picks) and of its thread.
      const thread = story?.article.thread_id ? await db.selectFrom('threads').select(['slug', 'title']).where('id', '=', story.article.thread_id).executeTakeFirst() : undefined;
      const counts = await followerCounts(db, [...sections.map((s) => `section:${s.slug}`), ...(thread ? [`thread:${thread.slug}`] : [])]);
      const followers = {
        bySection: Object.fromEntries(sections.map((s) => [String(s.id), counts.get(`section:${s.slug}`) ?? 0])),
        thread: thread ? { title: thread.title, count: counts.get(`thread:${thread.slug}`) ?? 0 } : null,
      };
      return sendNewsroomPage(
        reply,
        <StoryEditorPage
          user={user}
          csrfToken={request.csrfToken ?? ''}
          story={story ? { id: story.article.id, status: story.article.status, publishedAt: story.article.published_at, updatedAt: story.article.updated_at, publicUrl: published?.url ?? null } : null}
          values={values}
          sections={sections}
          people={users}
          actions={allowedActions(user, resource)}
          canCorrect={can(user, 'story.correct', resource)}
          canDelete={story !== null && story.article.status !== 'published' && can(user, 'story.delete', resource)}
          canUpload={can(user, 'media.upload')}
          saved={options.saved ?? null}
          siteUrl={ctx.config.siteUrl}
          publishHooks={hooks.filter((h) => h.events.includes('story.published')).map((h) => h.url)}
          followers={followers}
          othersEditing={editing}
          notes={notes}
          errors={options.errors ?? {}}
          message={options.message ?? null}
          conflict={options.conflict}
          featured={featuredMedia ? { url: mediaPath(featuredMedia.path), alt: featuredMedia.alt } : null}
          wordCount={wordCount(values.body_html)}
          assets={assets}
          timeZone={zone}
        />,
        options.status,
      );
    }

    /** Parses, checks and saves a submitted form; a refusal the person can fix re-renders the form with their text. */
    async function submit(request: FastifyRequest, reply: FastifyReply, id: number | null): Promise<FastifyReply> {
      const user = requireUser(request);
      verifyCsrf(request);
      const values = valuesFromBody(request.body);
      try {
        const action = actionFromBody(request.body);
        const result = await saveStory(ctx, user, id, await draftFrom(values), action);
        return reply.redirect(`/newsroom/stories/${result.id}?saved=${encodeURIComponent(action)}`, 303);
      } catch (thrown) {
        const err = fromCommandError(thrown);
        if (!(err instanceof HttpError) || (err.status !== 409 && err.status !== 422)) throw err;
        const story = id === null ? null : await loadEditableStory(db, id);
        const conflict = err.status === 409 && err.code === 'conflict';
        const message = conflict ? `${err.message} Your version is kept in the form below.` : err.message;
        return renderEditor(request, reply, user, story, values, { errors: err.code === 'invalid' ? formErrors(err.details) : err.details, message: { kind: 'error', text: message }, status: err.status, conflict });
      }
    }

    async function draftFrom(values: StoryFormValues) {
      const [sections, users, zone] = await Promise.all([listSections(db), people(), timeZone()]);
      return draftFromValues(values, { sections, users, timeZone: zone });
    }

    app.get<{ Params: { name: string } }>('/newsroom/editor/:name', async (request, reply) => {
      requireUser(request);
      const bundle = await editorBundle();
      const name = request.params.name;
      if (name !== 'editor.js' && name !== 'editor.css') throw notFound('That file');
      const asset = bundle[name];
      return reply.type(asset.type).header('cache-control', 'private, max-age=31536000, immutable').send(asset.body);
    });

    await storyListRoutes(ctx)(app);

    app.get<{ Querystring: { q?: string } }>('/newsroom/stories/tags.json', async (request, reply) => {
      requireUser(request);
      const tags = await suggestTags(db, String(request.query.q ?? '').slice(0, 80));
      return reply.header('cache-control', 'no-store').send({ tags });
    });

    app.get('/newsroom/stories/new', async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'story.create');
      return renderEditor(request, reply, user, null, emptyValues(user.id, await listSections(db)));
    });

    app.post('/newsroom/stories', async (request, reply) => submit(request, reply, null));

    /** Autosave of a story not saved yet: creates the draft and tells the page where it now lives. */
    app.post('/newsroom/stories/autosave', async (request, reply) => {
      const user = requireUser(request);
      verifyCsrf(request);
      authorize(user, 'story.create');
      const result = await saveStory(ctx, user, null, await draftFrom(valuesFromBody(request.body)), 'save', { autosave: true });
      return reply.header('cache-control', 'no-store').send({
        id: result.id,
        version: result.version,
        savedAt: new Date().toISOString(),
        editUrl: `/newsroom/stories/${result.id}`,
        autosaveUrl: `/newsroom/stories/${result.id}/autosave`,
      });
    });

    app.get<{ Params: { id: string }; Querystring: { saved?: string } }>('/newsroom/stories/:id', async (request, reply) => {
      const user = requireUser(request);
      const story = await loadEditableStory(db, storyId(request.params.id));
      authorize(user, 'story.edit', { authorIds: story.authorIds, status: story.article.status });
      const saved = request.query.saved as SaveAction | 'note' | undefined;
      const message = saved ? { kind: 'notice' as const, text: savedMessage(saved, story) } : null;
      return renderEditor(request, reply, user, story, valuesFromStory(story, await timeZone()), { message, saved: saved ?? null });
    });

    app.post<{ Params: { id: string } }>('/newsroom/stories/:id', async (request, reply) => submit(request, reply, storyId(request.params.id)));

    app.post<{ Params: { id: string } }>('/newsroom/stories/:id/autosave', async (request, reply) => {
      const user = requireUser(request);
      verifyCsrf(request);
      const id = storyId(request.params.id);
      const result = await saveStory(ctx, user, id, await draftFrom(valuesFromBody(request.body)), 'save', { autosave: true });
      return reply.header('cache-control', 'no-store').send({ version: result.version, savedAt: new Date().toISOString() });
    });

    app.get<{ Params: { id: string } }>('/newsroom/stories/:id/preview', async (request, reply) => {
      const user = requireUser(request);
      const story = await loadEditableStory(db, storyId(request.params.id));
      authorize(user, 'story.edit', { authorIds: story.authorIds, status: story.article.status });
      reply.header('x-robots-tag', 'noindex, nofollow');
      return sendStoryPage(ctx, reply, { story: story.article.id, cache: 'private', preview: true });
    });

    app.get<{ Params: { id: string } }>('/newsroom/stories/:id/delete', async (request, reply) => {
      const user = requireUser(request);
      const story = await loadEditableStory(db, storyId(request.params.id));
      authorize(user, 'story.delete', { authorIds: story.authorIds, status: story.article.status });
      if (story.article.status === 'published') throw new HttpError(409, 'A published story cannot be deleted: unpublish it first.', 'invalid_transition');
      return sendNewsroomPage(reply, <DeleteStoryPage user={user} csrfToken={request.csrfToken ?? ''} story={{ id: story.article.id, title: story.article.title, status: story.article.status }} />);
    });

    app.post<{ Params: { id: string } }>('/newsroom/stories/:id/delete', async (request, reply) => {
      const user = requireUser(request);
      verifyCsrf(request);
      await deleteStory(ctx, user, storyId(request.params.id));
      return reply.redirect('/newsroom/stories?deleted=1', 303);
    });

    app.get<{ Params: { id: string } }>('/newsroom/stories/:id/revisions', async (request, reply) => {
      const user = requireUser(request);
      const story = await loadEditableStory(db, storyId(request.params.id));
      const resource = { authorIds: story.authorIds, status: story.article.status };
      authorize(user, 'story.edit', resource);
      const [revisions, notes] = await Promise.all([listRevisions(db, story.article.id), listStoryNotes(db, story.article.id)]);
      return sendNewsroomPage(
        reply,
        <RevisionListPage
          user={user}
          csrfToken={request.csrfToken ?? ''}
          story={{ id: story.article.id, title: story.article.title, version: story.article.version }}
          revisions={revisions}
          notes={notes}
          canRestore={can(user, 'story.edit', resource)}
          message={null}
        />,
      );
    });

    app.get<{ Params: { id: string }; Querystring: { from?: string; to?: string } }>('/newsroom/stories/:id/revisions/compare', async (request, reply) => {
      const user = requireUser(request);
      const story = await loadEditableStory(db, storyId(request.params.id));
      authorize(user, 'story.edit', { authorIds: story.authorIds, status: story.article.status });
      const { from, to } = request.query;
      if (!from || !to || !isId(from) || !isId(to)) throw new HttpError(400, 'Choose two revisions to compare.');
      const comparison = await compareRevisions(db, story.article.id, Number(from), Number(to));
      const assets = await editorAssets(app.log);
      return sendNewsroomPage(reply, <RevisionComparePage user={user} csrfToken={request.csrfToken ?? ''} storyId={story.article.id} comparison={comparison} diffCss={assets.css} />);
    });

    app.post<{ Params: { id: string; revision: string } }>('/newsroom/stories/:id/revisions/:revision/restore', async (request, reply) => {
      const user = requireUser(request);
      verifyCsrf(request);
      const id = storyId(request.params.id);
      const revisionId = parseId(request.params.revision, 'That revision');
      const values = valuesFromBody(request.body);
      const expected = isId(values.version) ? Number(values.version) : undefined;
      await restoreRevision(ctx, user, id, revisionId, expected);
      return reply.redirect(`/newsroom/stories/${id}?saved=restore`, 303);
    });
  };
}

/** The command names fields as the domain does; the form names a few of them differently. */
function formErrors(details: Record<string, string>): Record<string, string> {
  const { featuredMediaId, ...rest } = details;
  return featuredMediaId === undefined ? rest : { ...rest, featured_media_id: featuredMediaId };
}

function savedMessage(saved: string, story: EditableStory): string {
  switch (saved) {
    case 'restore':
      return 'The older revision was restored as the newest version.';
    case 'note':
      return 'Your desk note was added.';
    case 'publish':
      return 'Published.';
    case 'schedule':
      return story.article.published_at ? `Scheduled for ${formatDateTime(story.article.published_at)}.` : 'Scheduled.';
    case 'submit':
      return 'Submitted for review.';
    case 'unpublish':
      return 'Unpublished: the story is no longer on the site.';
    case 'unschedule':
      return 'Taken off the schedule; it is a draft again.';
    case 'return':
      return 'Sent back to draft.';
    default:
      return 'Saved.';
  }
}
