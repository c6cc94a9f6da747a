/**
 * /newsroom/sources: the directory (any newsroom user may look and add, as the editor's picker does), editing and
 * merging (editors), and the backfill's proposals. The list answers JSON for the editor's source picker.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { SourceKind } from '../../db/schema.js';
import { authorize } from '../../accounts/policies.js';
import { requireUser, verifyCsrf } from '../../http/session.js';
import { fromCommandError, HttpError } from '../../http/errors.js';
import { formText as text } from '../../http/form-values.js';
import { isId, parseId, wantsJson } from '../../http/request-input.js';
import { confirmProposal, createSource, dismissProposal, mergeSources, updateSource, type SourceInput } from '../../sources/commands.js';
import { articlesCiting, findProposal, findSourceById, kindLabels, listProposals, listSources, sourceKinds, sourceLine, sourcePath, type SourceEntry } from '../../sources/queries.js';
import { sendNewsroomPage } from '../page.js';
import { ProposalsPage, SourceEditPage, SourcesPage, sourceValues } from './views.js';

type Fields = Record<string, unknown>;

const notices: Record<string, string> = {
  added: 'Source added.',
  saved: 'Source saved.',
  merged: 'Sources merged: the old address now redirects here.',
  confirmed: 'Confirmed: the stories using that name now cite the source.',
  dismissed: 'Dismissed.',
};

function inputOf(body: Fields): SourceInput {
  return {
    kind: text(body.kind),
    name: text(body.name),
    slug: text(body.slug),
    orgType: text(body.orgType),
    role: text(body.role),
    affiliation: text(body.affiliation),
    publishedOn: text(body.publishedOn),
    url: text(body.url),
    description: text(body.description),
  };
}

function valuesOf(input: SourceInput): Record<string, string> {
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v ?? '']));
}

/** A refusal the form can show next to what was typed (anything but a missing record), as the HTTP error it maps to. */
function formError(error: unknown): HttpError | null {
  const refusal = fromCommandError(error);
  return refusal instanceof HttpError && refusal.status !== 404 ? refusal : null;
}

/** What the editor's picker and API clients get for a source. */
export function sourceJson(source: SourceEntry & { stories?: number }) {
  return {
    id: source.id,
    slug: source.slug,
    kind: source.kind,
    kindLabel: kindLabels[source.kind],
    name: source.name,
    line: sourceLine(source),
    url: source.url,
    path: sourcePath(source.slug),
    ...(source.stories === undefined ? {} : { stories: source.stories }),
  };
}

function kindParam(raw: unknown): SourceKind | '' {
  const kind = text(raw);
  return sourceKinds.includes(kind as SourceKind) ? (kind as SourceKind) : '';
}

export function newsroomSourceRoutes(ctx: AppContext) {
  const db = () => ctx.store.db;

  async function organisationNames(): Promise<string[]> {
    return (await listSources(db(), { kind: 'organisation', limit: 500 })).items.map((s) => s.name);
  }

  async function sendList(request: FastifyRequest, reply: FastifyReply, query: Record<string, unknown>, extra: { values?: Record<string, string>; errors?: Record<string, string>; error?: string } = {}, status = 200) {
    const user = requireUser(request);
    authorize(user, 'source.create');
    const q = text(query.q).slice(0, 100);
    const kind = kindParam(query.kind);
    const page = /^\d{1,6}$/.test(text(query.page)) ? Math.max(1, Number(query.page)) : 1;
    const [list, proposals, organisations] = await Promise.all([listSources(db(), { query: q, kind, page }), listProposals(db()), organisationNames()]);
    return sendNewsroomPage(
      reply,
      <SourcesPage user={user} csrfToken={request.csrfToken ?? ''} items={list.items} total={list.total} query={q} kind={kind} page={page} openProposals={proposals.length} organisations={organisations} notice={notices[text(query.notice)]} {...extra} />,
      status,
    );
  }

  async function sendEdit(request: FastifyRequest, reply: FastifyReply, id: number, extra: { values?: Record<string, string>; errors?: Record<string, string>; error?: string; notice?: string } = {}, status = 200) {
    const user = requireUser(request);
    authorize(user, 'source.manage');
    const source = await findSourceById(db(), id);
    if (!source) throw new HttpError(404, 'That source could not be found.');
    if (source.merged_into_id !== null) return reply.redirect(`/newsroom/sources/${source.merged_into_id}`, 303);
    const [stories, organisations, kindmates] = await Promise.all([articlesCiting(db(), [id]), organisationNames(), listSources(db(), { kind: source.kind, limit: 500 })]);
    return sendNewsroomPage(
      reply,
      <SourceEditPage user={user} csrfToken={request.csrfToken ?? ''} source={source} stories={stories.length} organisations={organisations} suggestions={kindmates.items.filter((s) => s.id !== id).map((s) => s.name)} {...extra} />,
      status,
    );
  }

  async function sendProposals(request: FastifyRequest, reply: FastifyReply, extra: { errors?: Record<string, string>; error?: string; notice?: string; failedId?: number } = {}, status = 200) {
    const user = requireUser(request);
    authorize(user, 'source.manage');
    const [proposals, all] = await Promise.all([listProposals(db()), listSources(db(), { limit: 1000 })]);
    return sendNewsroomPage(reply, <ProposalsPage user={user} csrfToken={request.csrfToken ?? ''} proposals={proposals} suggestions={all.items.map((s) => s.name)} {...extra} />, status);
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { q?: string; kind?: string; page?: string; notice?: string } }>('/newsroom/sources', async (request, reply) => {
      if (wantsJson(request)) {
        authorize(requireUser(request), 'source.create');
        const list = await listSources(db(), { query: text(request.query.q).slice(0, 100), kind: kindParam(request.query.kind), limit: 12 });
        return reply.header('cache-control', 'no-store').send({ sources: list.items.map(sourceJson), total: list.total });
      }
      return sendList(request, reply, request.query);
    });

    app.post<{ Body: Fields }>('/newsroom/sources', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      const input = inputOf(request.body ?? {});
      try {
        const source = await createSource(ctx, user, input);
        if (wantsJson(request)) return reply.code(201).header('cache-control', 'no-store').send({ source: sourceJson(source) });
      } catch (error) {
        const refusal = formError(error);
        if (!refusal || wantsJson(request)) throw error;
        return sendList(request, reply, {}, { values: valuesOf(input), errors: refusal.details, error: refusal.message }, refusal.status);
      }
      return reply.redirect('/newsroom/sources?notice=added', 303);
    });

    app.get<{ Querystring: { notice?: string } }>('/newsroom/sources/proposals', async (request, reply) => sendProposals(request, reply, { notice: notices[text(request.query.notice)] }));

    app.post<{ Params: { id: string }; Body: Fields }>('/newsroom/sources/proposals/:id', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      authorize(user, 'source.manage');
      const id = parseId(request.params.id, 'That proposal');
      const body = request.body ?? {};
      const decision = text(body.decision);
      try {
        if (decision === 'dismiss') await dismissProposal(ctx, user, id);
        else if (decision === 'merge') await confirmProposal(ctx, user, id, { into: { ref: text(body.into) } });
        else if (decision === 'create') await confirmProposal(ctx, user, id, { create: inputOf(body) });
        else throw new HttpError(400, 'Choose to add the name as a source, link it to a source, or dismiss it.');
      } catch (error) {
        const refusal = formError(error);
        if (!refusal || wantsJson(request) || !(await findProposal(db(), id))) throw error;
        return sendProposals(request, reply, { errors: refusal.details, error: refusal.message, failedId: id }, refusal.status);
      }
      if (wantsJson(request)) return reply.header('cache-control', 'no-store').send({ ok: true });
      return reply.redirect(`/newsroom/sources/proposals?notice=${decision === 'dismiss' ? 'dismissed' : 'confirmed'}`, 303);
    });

    app.get<{ Params: { id: string }; Querystring: { notice?: string } }>('/newsroom/sources/:id', async (request, reply) =>
      sendEdit(request, reply, parseId(request.params.id, 'That source'), { notice: notices[text(request.query.notice)] }),
    );

    app.post<{ Params: { id: string }; Body: Fields }>('/newsroom/sources/:id', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      const id = parseId(request.params.id, 'That source');
      const input = inputOf(request.body ?? {});
      try {
        const source = await updateSource(ctx, user, id, input);
        if (wantsJson(request)) return reply.header('cache-control', 'no-store').send({ source: sourceJson(source) });
      } catch (error) {
        const refusal = formError(error);
        if (!refusal || wantsJson(request)) throw error;
        return sendEdit(request, reply, id, { values: { ...valuesOf(input), into: '' }, errors: refusal.details, error: refusal.message }, refusal.status);
      }
      return reply.redirect(`/newsroom/sources/${id}?notice=saved`, 303);
    });

    app.post<{ Params: { id: string }; Body: Fields }>('/newsroom/sources/:id/merge', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      const id = parseId(request.params.id, 'That source');
      const into = text((request.body ?? {}).into);
      let intoId: number;
      try {
        const result = await mergeSources(ctx, user, id, isId(into) && wantsJson(request) ? { id: Number(into) } : { ref: into });
        intoId = result.into.id;
        if (wantsJson(request)) return reply.header('cache-control', 'no-store').send({ into: sourceJson(result.into), moved: result.moved });
      } catch (error) {
        const refusal = formError(error);
        if (!refusal || wantsJson(request)) throw error;
        const source = await findSourceById(db(), id);
        if (!source || source.merged_into_id !== null) throw error;
        return sendEdit(request, reply, id, { values: { ...sourceValues(source), into }, errors: refusal.details, error: refusal.message }, refusal.status);
      }
      return reply.redirect(`/newsroom/sources/${intoId}?notice=merged`, 303);
    });
  };
}
