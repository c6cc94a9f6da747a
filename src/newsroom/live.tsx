/**
 * The live desk (/newsroom/live): stories being covered live, going live from a published story, and per story a fast
 * composer (the story editor's rich-text editor, mounted through its own entry point), the summary and the approval
 * rule, and every update with pin, edit, correct, delete and approve. Colleagues' updates appear as they are posted,
 * with the same controls (the public event stream tells live-desk.js which update changed; it fetches the update's
 * card). Every form works without JavaScript; JSON clients get JSON.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { AppContext } from '../context.js';
import { authorize, can } from '../accounts/policies.js';
import { listPublished, findStory, type Story } from '../content/queries.js';
import { CommandError } from '../errors.js';
import { requireUser, verifyCsrf, type SessionUser } from '../http/session.js';
import { parseId, wantsJson } from '../http/request-input.js';
import { formText } from '../http/form-values.js';
import { httpStatusOf, notFound } from '../http/errors.js';
import {
  approveUpdate, correctUpdate, deleteUpdate, editUpdate, endCoverage, pinUpdate, postUpdate, startCoverage, unpinUpdate, updateCoverage,
} from '../live/commands.js';
import type { LiveCoverage, LiveUpdateView } from '../live/events.js';
import { findCoverage, findUpdate, lastEventId, listCoverage, listUpdateRevisions, listUpdates, type LiveRevision, type LiveStoryListing } from '../live/store.js';
import { loadSettings } from '../content/settings.js';
import { formatDateTime, inTimeZone } from '../site/views/format.js';
import { editorBundle } from './editor/bundle.js';
import { sendNewsroomPage } from './page.js';
import { CsrfField, NewsroomLayout } from './views/layout.js';

type Body = Record<string, unknown>;
interface Problem { message: string; fields: Record<string, string> }

async function editorAssets(log: FastifyInstance['log']): Promise<{ js: string | null; css: string | null }> {
  try {
    const bundle = await editorBundle();
    return { js: `/newsroom/editor/editor.js?v=${bundle['editor.js'].hash}`, css: `/newsroom/editor/editor.css?v=${bundle['editor.css'].hash}` };
  } catch (err) {
    log.error({ err }, 'the rich-text editor could not be built; the live desk uses the plain HTML field');
    return { js: null, css: null };
  }
}

/** "14:05 CET" in the site's time zone (pages render inside `inTimeZone`), the full date on hover. */
function Time(props: { iso: string }) {
  const full = formatDateTime(props.iso);
  return <time dateTime={props.iso} title={full}>{full.split(', ')[1] ?? full}</time>;
}

function ProblemBox(props: { problem: Problem | null }) {
  if (!props.problem) return null;
  return (
    <div class="nr-error" role="alert">
      <p>{props.problem.message}</p>
      {Object.keys(props.problem.fields).length ? <ul>{Object.entries(props.problem.fields).map(([f, m]) => <li>{f}: {m}</li>)}</ul> : null}
    </div>
  );
}

function ListPage(props: { user: SessionUser; csrf: string; coverage: LiveStoryListing[]; candidates: { id: number; title: string }[]; problem: Problem | null }) {
  const live = props.coverage.filter((c) => !c.endedAt);
  const ended = props.coverage.filter((c) => c.endedAt);
  return (
    <NewsroomLayout title="Live desk" user={props.user} csrfToken={props.csrf} current="live" assets={['live-desk.css']}>
      <ProblemBox problem={props.problem} />
      <h2>Live now</h2>
      {live.length ? (
        <ul class="nr-list live-desk-list">
          {live.map((c) => (
            <li><a href={`/newsroom/live/${c.storyId}`}>{c.title}</a> <span class="nr-muted">since <Time iso={c.startedAt} /> · {c.updates} updates{c.pending ? ` · ${c.pending} waiting for approval` : ''}</span></li>
          ))}
        </ul>
      ) : <p class="nr-muted">No story is live.</p>}
      {can(props.user, 'live.cover') ? (
        <>
          <h2>Go live</h2>
          <form method="post" action="/newsroom/live" class="nr-form">
            <CsrfField token={props.csrf} />
            <div class="nr-field">
              <label for="story_id">Story</label>
              <select id="story_id" name="story_id" required>
                {props.candidates.map((s) => <option value={String(s.id)}>{s.title}</option>)}
              </select>
              <span class="nr-hint">A published story: its page becomes the live page.</span>
            </div>
            <div class="nr-field">
              <label for="summary_html">Summary</label>
              <textarea id="summary_html" name="summary_html" rows={3} />
              <span class="nr-hint">What readers should know first; keep it current as the story develops.</span>
            </div>
            <label class="nr-check"><input type="checkbox" name="approval_required" value="1" /> Contributors' updates wait for an editor's approval</label>
            <p><button type="submit" class="nr-button">Start live coverage</button></p>
          </form>
        </>
      ) : null}
      {ended.length ? (
        <>
          <h2>Ended</h2>
          <ul class="nr-list live-desk-list">
            {ended.map((c) => <li><a href={`/newsroom/live/${c.storyId}`}>{c.title}</a> <span class="nr-muted">{c.updates} updates, ended {c.endedAt ? formatDateTime(c.endedAt) : ''}</span></li>)}
          </ul>
        </>
      ) : null}
    </NewsroomLayout>
  );
}

function UpdateControls(props: { user: SessionUser; csrf: string; storyId: number; update: LiveUpdateView }) {
  const { user, update: u } = props;
  const base = `/newsroom/live/${props.storyId}/updates/${u.id}`;
  const button = (action: string, label: string, danger = false) => (
    <form method="post" action={`${base}/${action}`} class="nr-inline-form">
      <CsrfField token={props.csrf} />
      <button type="submit" class={danger ? 'nr-button nr-button-danger' : 'nr-button nr-button-secondary'}>{label}</button>
    </form>
  );
  return (
    <div class="nr-actions live-desk-actions">
      {u.status === 'pending' && can(user, 'live.approve') ? button('approve', 'Approve') : null}
      {u.status === 'published' && can(user, 'live.pin') ? button(u.pinned ? 'unpin' : 'pin', u.pinned ? 'Unpin key event' : 'Pin as key event') : null}
      {can(user, 'live.edit', { userId: u.authorId ?? 0 }) ? <a class="nr-button nr-button-secondary" href={`${base}/edit`}>Edit{can(user, 'live.correct') ? ' or correct' : ''}</a> : null}
      {can(user, 'live.delete') ? button('delete', 'Delete', true) : null}
    </div>
  );
}

function DeskUpdate(props: { user: SessionUser; csrf: string; storyId: number; update: LiveUpdateView }) {
  const u = props.update;
  return (
    <li class={`live-desk-update${u.status === 'pending' ? ' is-pending' : ''}`} id={`desk-update-${u.id}`}>
      <p class="live-desk-meta">
        <strong><Time iso={u.publishedAt ?? u.createdAt} /></strong> {u.authorName}
        {u.status === 'pending' ? <span class="nr-status">Waiting for approval</span> : null}
        {u.pinned ? <span class="nr-status">Key event</span> : null}
        {u.editedAt ? <span class="nr-muted"> · Updated <Time iso={u.editedAt} /></span> : null}
      </p>
      {u.headline ? <h3>{u.headline}</h3> : null}
      <div class="live-desk-body" dangerouslySetInnerHTML={{ __html: u.bodyHtml }} />
      {u.correction ? <p class="live-desk-correction"><strong>Correction:</strong> {u.correction}</p> : null}
      <UpdateControls {...props} />
    </li>
  );
}

function DeskPage(props: {
  user: SessionUser; csrf: string; story: Story; coverage: LiveCoverage; updates: LiveUpdateView[]; lastEvent: number;
  editor: { js: string | null; css: string | null }; problem: Problem | null; typed: { headline: string; body_html: string }; notice: string | null;
}) {
  const { story, coverage, user } = props;
  const live = !coverage.endedAt;
  const pending = props.updates.filter((u) => u.status === 'pending');
  const published = props.updates.filter((u) => u.status === 'published');
  return (
    <NewsroomLayout title={`Live: ${story.title}`} user={user} csrfToken={props.csrf} current="live" assets={['live-desk.css', 'live-desk.js']}>
      {props.editor.css ? <link rel="stylesheet" href={props.editor.css} /> : null}
      <p class="nr-actions">
        <a href="/newsroom/live">All live stories</a>
        <a href={story.url}>Open the public page</a>
        <span class="nr-status">{live ? 'Live' : 'Ended'}</span>
      </p>
      {props.notice ? <p class="nr-notice" role="status">{props.notice}</p> : null}
      <ProblemBox problem={props.problem} />
      <div class="live-desk-layout">
      {live ? (
        <section aria-labelledby="compose-title" class="live-desk-compose">
          <h2 id="compose-title">New update</h2>
          <form method="post" action={`/newsroom/live/${story.id}/updates`} id="story-form" class="nr-form live-desk-form">
            <CsrfField token={props.csrf} />
            <div class="nr-field">
              <label for="headline">Headline <span class="nr-muted">(optional)</span></label>
              <input type="text" id="headline" name="headline" maxLength={200} value={props.typed.headline} />
            </div>
            <div class="nr-field">
              <label for="body_html">Update</label>
              <textarea id="body_html" name="body_html" rows={6} required>{props.typed.body_html}</textarea>
            </div>
            {can(user, 'live.pin') ? <label class="nr-check"><input type="checkbox" name="pinned" value="1" /> Key event</label> : null}
            {coverage.approvalRequired && user.role === 'contributor' ? <p class="nr-hint">An editor approves your update before readers see it.</p> : null}
            <p><button type="submit" class="nr-button">Post update</button></p>
          </form>
        </section>
      ) : <p class="nr-muted">Coverage ended {coverage.endedAt ? formatDateTime(coverage.endedAt) : ''}: the page reads as a normal story with the updates beneath.</p>}
      <div class="live-desk-feed">
      <section aria-labelledby="pending-title" class="live-desk-pending" hidden={pending.length === 0}>
        <h2 id="pending-title">Waiting for approval (<span data-desk-pending-count>{pending.length}</span>)</h2>
        <ol class="live-desk-updates" data-desk-pending={`/newsroom/live/${story.id}/pending`}>{pending.map((u) => <DeskUpdate user={user} csrf={props.csrf} storyId={story.id} update={u} />)}</ol>
      </section>
      <section aria-labelledby="updates-title">
        <h2 id="updates-title">Published updates (<span data-desk-count>{published.length}</span>)</h2>
        <p class="live-desk-incoming" data-desk-incoming hidden role="status" />
        <ol class="live-desk-updates" data-desk-stream={live ? `/live/${story.id}/events` : undefined} data-last-event={props.lastEvent} data-story={story.id}>
          {published.map((u) => <DeskUpdate user={user} csrf={props.csrf} storyId={story.id} update={u} />)}
        </ol>
      </section>
      </div>
      {can(user, 'live.cover', { authorIds: story.authors.map((a) => a.id), status: story.status }) ? (
        <section aria-labelledby="coverage-title" class="live-desk-settings">
          <h2 id="coverage-title">Summary and settings</h2>
          <form method="post" action={`/newsroom/live/${story.id}/coverage`} class="nr-form">
            <CsrfField token={props.csrf} />
            <div class="nr-field">
              <label for="summary">Summary</label>
              <textarea id="summary" name="summary_html" rows={4}>{coverage.summaryHtml}</textarea>
            </div>
            <label class="nr-check"><input type="checkbox" name="approval_required" value="1" checked={coverage.approvalRequired} /> Contributors' updates wait for approval</label>
            <p><button type="submit" class="nr-button nr-button-secondary">Save summary</button></p>
          </form>
          <form method="post" action={`/newsroom/live/${story.id}/${live ? 'end' : 'start'}`} class="nr-form">
            <CsrfField token={props.csrf} />
            <p><button type="submit" class={live ? 'nr-button nr-button-danger' : 'nr-button'}>{live ? 'End live coverage' : 'Go live again'}</button></p>
          </form>
        </section>
      ) : null}
      </div>
      {live && props.editor.js ? <script type="module" src={props.editor.js} /> : null}
    </NewsroomLayout>
  );
}

function EditPage(props: { user: SessionUser; csrf: string; storyId: number; storyTitle: string; update: LiveUpdateView; revisions: LiveRevision[]; editor: { js: string | null; css: string | null }; problem: Problem | null }) {
  const u = props.update;
  const base = `/newsroom/live/${props.storyId}/updates/${u.id}`;
  return (
    <NewsroomLayout title="Edit update" user={props.user} csrfToken={props.csrf} current="live" assets={['live-desk.css']}>
      {props.editor.css ? <link rel="stylesheet" href={props.editor.css} /> : null}
      <p><a href={`/newsroom/live/${props.storyId}`}>Back to the live desk: {props.storyTitle}</a></p>
      <ProblemBox problem={props.problem} />
      <form method="post" action={`${base}/edit`} id="story-form" class="nr-form live-desk-form">
        <CsrfField token={props.csrf} />
        <div class="nr-field">
          <label for="headline">Headline <span class="nr-muted">(optional)</span></label>
          <input type="text" id="headline" name="headline" maxLength={200} value={u.headline} />
        </div>
        <div class="nr-field">
          <label for="body_html">Update</label>
          <textarea id="body_html" name="body_html" rows={8}>{u.bodyHtml}</textarea>
        </div>
        <div class="nr-field">
          <label for="note">Correction note <span class="nr-muted">(shown to readers)</span></label>
          <input type="text" id="note" name="note" maxLength={1000} value={u.correction} />
          <span class="nr-hint">Fill this in to publish the change as a correction; leave it empty for an ordinary edit, which shows "Updated".</span>
        </div>
        <p><button type="submit" class="nr-button">Save</button></p>
      </form>
      {props.revisions.length ? (
        <section aria-labelledby="revisions-title">
          <h2 id="revisions-title">Earlier versions</h2>
          <ol class="live-desk-updates">
            {props.revisions.map((r) => (
              <li class="live-desk-update"><p class="live-desk-meta">Replaced {formatDateTime(r.createdAt)}</p>{r.headline ? <h3>{r.headline}</h3> : null}<div dangerouslySetInnerHTML={{ __html: r.bodyHtml }} /></li>
            ))}
          </ol>
        </section>
      ) : null}
      {props.editor.js ? <script type="module" src={props.editor.js} /> : null}
    </NewsroomLayout>
  );
}

function problemOf(error: unknown): Problem | null {
  return error instanceof CommandError ? { message: error.message, fields: error.details } : null;
}

export function liveDeskRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    const db = ctx.store.db;

    async function renderList(request: FastifyRequest, reply: FastifyReply, problem: Problem | null, status = 200) {
      const user = requireUser(request);
      const [coverage, recent, settings] = await Promise.all([listCoverage(db), listPublished(db, { limit: 40 }), loadSettings(db)]);
      const covered = new Set(coverage.filter((c) => !c.endedAt).map((c) => c.storyId));
      const candidates = recent.filter((s) => !covered.has(s.id)).map((s) => ({ id: s.id, title: s.title }));
      // The page renders synchronously inside the call: its times are in the site's zone.
      return inTimeZone(settings.timezone, () => sendNewsroomPage(reply, <ListPage user={user} csrf={request.csrfToken ?? ''} coverage={coverage} candidates={candidates} problem={problem} />, status));
    }

    async function renderDesk(request: FastifyRequest, reply: FastifyReply, storyId: number, extra: { problem?: Problem | null; typed?: { headline: string; body_html: string }; status?: number; notice?: string | null } = {}) {
      const user = requireUser(request);
      const story = await findStory(db, { id: storyId }, true);
      const coverage = story ? await findCoverage(db, story.id) : null;
      if (!story || !coverage) throw notFound('That live story');
      const [updates, last, editor, settings] = await Promise.all([listUpdates(db, story.id, { withPending: true }), lastEventId(db, story.id), editorAssets(app.log), loadSettings(db)]);
      return inTimeZone(settings.timezone, () => sendNewsroomPage(
        reply,
        <DeskPage user={user} csrf={request.csrfToken ?? ''} story={story} coverage={coverage} updates={updates} lastEvent={last} editor={editor} problem={extra.problem ?? null} typed={extra.typed ?? { headline: '', body_html: '' }} notice={extra.notice ?? null} />,
        extra.status,
      ));
    }

    /** Runs a command for a form: JSON clients get the result, browsers are sent back to the desk, refusals re-render it with the problem. */
    async function act<T>(request: FastifyRequest, reply: FastifyReply, storyId: number, work: () => Promise<T>, options: { status?: number; typed?: { headline: string; body_html: string }; to?: string } = {}) {
      verifyCsrf(request);
      try {
        const result = await work();
        if (wantsJson(request)) return reply.code(options.status ?? 200).header('cache-control', 'no-store').send(result);
        return reply.redirect(options.to ?? `/newsroom/live/${storyId}`, 303);
      } catch (error) {
        const problem = problemOf(error);
        if (!problem || wantsJson(request)) throw error;
        const status = httpStatusOf((error as CommandError).kind);
        return renderDesk(request, reply, storyId, { problem, typed: options.typed, status });
      }
    }

    app.get('/newsroom/live', async (request, reply) => renderList(request, reply, null));

    app.post<{ Body: Body }>('/newsroom/live', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      authorize(user, 'live.cover');
      const body = request.body ?? {};
      const storyId = parseId(formText(body.story_id), 'That story');
      try {
        const change = await startCoverage(ctx, user, { storyId, summaryHtml: formText(body.summary_html), approvalRequired: formText(body.approval_required) === '1' });
        if (wantsJson(request)) return reply.code(201).send(change);
        return reply.redirect(`/newsroom/live/${storyId}`, 303);
      } catch (error) {
        const problem = problemOf(error);
        if (!problem || wantsJson(request)) throw error;
        return renderList(request, reply, problem, httpStatusOf((error as CommandError).kind));
      }
    });

    app.get<{ Params: { id: string } }>('/newsroom/live/:id', async (request, reply) => renderDesk(request, reply, parseId(request.params.id, 'That live story')));

    app.post<{ Params: { id: string }; Body: Body }>('/newsroom/live/:id/start', async (request, reply) => {
      const storyId = parseId(request.params.id, 'That live story');
      return act(request, reply, storyId, () => startCoverage(ctx, requireUser(request), { storyId }));
    });
    app.post<{ Params: { id: string }; Body: Body }>('/newsroom/live/:id/end', async (request, reply) => {
      const storyId = parseId(request.params.id, 'That live story');
      return act(request, reply, storyId, () => endCoverage(ctx, requireUser(request), { storyId }));
    });
    app.post<{ Params: { id: string }; Body: Body }>('/newsroom/live/:id/coverage', async (request, reply) => {
      const storyId = parseId(request.params.id, 'That live story');
      const body = request.body ?? {};
      return act(request, reply, storyId, () => updateCoverage(ctx, requireUser(request), { storyId, summaryHtml: formText(body.summary_html), approvalRequired: formText(body.approval_required) === '1' }));
    });

    app.post<{ Params: { id: string }; Body: Body }>('/newsroom/live/:id/updates', async (request, reply) => {
      const storyId = parseId(request.params.id, 'That live story');
      const body = request.body ?? {};
      const typed = { headline: formText(body.headline), body_html: typeof body.body_html === 'string' ? body.body_html : '' };
      return act(request, reply, storyId, async () => {
        const change = await postUpdate(ctx, requireUser(request), { storyId, headline: typed.headline, bodyHtml: typed.body_html, pinned: formText(body.pinned) === '1' });
        return { update: change.update, streamId: change.streamId };
      }, { status: 201, typed });
    });

    app.get<{ Params: { id: string; update: string } }>('/newsroom/live/:id/updates/:update/edit', async (request, reply) => {
      const user = requireUser(request);
      const storyId = parseId(request.params.id, 'That live story');
      const update = await findUpdate(db, parseId(request.params.update, 'That update'));
      if (!update || update.storyId !== storyId || update.status === 'deleted') throw notFound('That update');
      const [story, revisions, editor, settings] = await Promise.all([findStory(db, { id: storyId }, true), listUpdateRevisions(db, update.id), editorAssets(app.log), loadSettings(db)]);
      return inTimeZone(settings.timezone, () => sendNewsroomPage(reply, <EditPage user={user} csrf={request.csrfToken ?? ''} storyId={storyId} storyTitle={story?.title ?? ''} update={update} revisions={revisions} editor={editor} problem={null} />));
    });

    // The updates waiting for approval: they are not public, so the event stream does not carry them; the desk asks.
    app.get<{ Params: { id: string } }>('/newsroom/live/:id/pending', async (request, reply) => {
      requireUser(request);
      const storyId = parseId(request.params.id, 'That live story');
      if (!(await findCoverage(db, storyId))) throw notFound('That live story');
      const updates = await listUpdates(db, storyId, { withPending: true });
      return reply.header('cache-control', 'no-store').send({ pending: updates.filter((u) => u.status === 'pending').map((u) => u.id) });
    });

    // One update as the desk shows it, with the controls this journalist may use: the desk's script fetches it for each
    // update that arrives over the stream, so a colleague's update gets the same controls as the ones on the page.
    app.get<{ Params: { id: string; update: string } }>('/newsroom/live/:id/updates/:update/card', async (request, reply) => {
      const user = requireUser(request);
      const storyId = parseId(request.params.id, 'That live story');
      const update = await findUpdate(db, parseId(request.params.update, 'That update'));
      if (!update || update.storyId !== storyId || update.status === 'deleted') throw notFound('That update');
      const settings = await loadSettings(db);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(inTimeZone(settings.timezone, () => renderToString(<DeskUpdate user={user} csrf={request.csrfToken ?? ''} storyId={storyId} update={update} />)));
    });

    app.post<{ Params: { id: string; update: string }; Body: Body }>('/newsroom/live/:id/updates/:update/edit', async (request, reply) => {
      const storyId = parseId(request.params.id, 'That live story');
      const updateId = parseId(request.params.update, 'That update');
      const body = request.body ?? {};
      const note = formText(body.note);
      const bodyHtml = typeof body.body_html === 'string' ? body.body_html : '';
      const headline = formText(body.headline);
      const current = await findUpdate(db, updateId);
      const correcting = note !== '' && note !== current?.correction;
      return act(request, reply, storyId, async () => {
        const user = requireUser(request);
        const change = correcting
          ? await correctUpdate(ctx, user, { updateId, storyId, note, headline, bodyHtml })
          : await editUpdate(ctx, user, { updateId, storyId, headline, bodyHtml });
        return { update: change.update, streamId: change.streamId };
      });
    });

    const simple: [string, (user: SessionUser, updateId: number, storyId: number) => Promise<unknown>][] = [
      ['pin', (user, updateId, storyId) => pinUpdate(ctx, user, { updateId, storyId })],
      ['unpin', (user, updateId, storyId) => unpinUpdate(ctx, user, { updateId, storyId })],
      ['approve', (user, updateId, storyId) => approveUpdate(ctx, user, { updateId, storyId })],
      ['delete', (user, updateId, storyId) => deleteUpdate(ctx, user, { updateId, storyId })],
    ];
    for (const [action, run] of simple) {
      app.post<{ Params: { id: string; update: string }; Body: Body }>(`/newsroom/live/:id/updates/:update/${action}`, async (request, reply) => {
        const storyId = parseId(request.params.id, 'That live story');
        const updateId = parseId(request.params.update, 'That update');
        return act(request, reply, storyId, async () => {
          const change = (await run(requireUser(request), updateId, storyId)) as { update: LiveUpdateView; streamId: number | null };
          return { update: change.update, streamId: change.streamId };
        });
      });
    }
  };
}
