/** /newsroom/taxonomy: sections (add, describe, order) and tags (rename with a redirect, merge) for editors and admins. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { requireUser, verifyCsrf } from '../../http/session.js';
import { authorize } from '../../accounts/policies.js';
import { addSection, mergeTags, moveSection, renameTag, reorderSections, updateSection } from '../../content/taxonomy/commands.js';
import { findSectionById, findTagById, listSectionsWithCounts, listTags } from '../../content/taxonomy/store.js';
import { fromCommandError, HttpError } from '../../http/errors.js';
import { sendNewsroomPage } from '../page.js';
import { SectionEditPage, TagEditPage, TaxonomyPage } from './views.js';
import { formText as text } from '../../http/form-values.js';
import { isId, parseId, wantsJson } from '../../http/request-input.js';

type Fields = Record<string, unknown>;

const notices: Record<string, string> = {
  'section-added': 'Section added.',
  'section-saved': 'Section saved.',
  moved: 'Order saved.',
  renamed: 'Tag renamed.',
  merged: 'Tags merged.',
};

function idParam(raw: string, what: string): number {
  return parseId(raw, `That ${what}`);
}

function manager(request: FastifyRequest) {
  const user = requireUser(request);
  authorize(user, 'taxonomy.manage');
  return user;
}

/** A refusal the form can show next to what was typed (anything but a missing record), as the HTTP error it maps to. */
function formError(error: unknown): HttpError | null {
  const refusal = fromCommandError(error);
  return refusal instanceof HttpError && refusal.status !== 404 ? refusal : null;
}

export function newsroomTaxonomyRoutes(ctx: AppContext) {
  async function sendOverview(request: FastifyRequest, reply: FastifyReply, query: { q?: string; page?: string; notice?: string }, extra: { values?: Record<string, string>; errors?: Record<string, string>; error?: string } = {}, status = 200) {
    const user = manager(request);
    const tagQuery = text(query.q).slice(0, 100);
    const tagPage = /^\d{1,6}$/.test(text(query.page)) ? Math.max(1, Number(query.page)) : 1;
    const [sections, tags] = await Promise.all([listSectionsWithCounts(ctx.store.db), listTags(ctx.store.db, { query: tagQuery, page: tagPage })]);
    return sendNewsroomPage(
      reply,
      <TaxonomyPage user={user} csrfToken={request.csrfToken ?? ''} sections={sections} tags={tags.items} tagTotal={tags.total} tagQuery={tagQuery} tagPage={tagPage} notice={notices[text(query.notice)]} {...extra} />,
      status,
    );
  }

  async function sendTag(request: FastifyRequest, reply: FastifyReply, id: number, extra: { values?: Record<string, string>; errors?: Record<string, string>; error?: string; notice?: string } = {}, status = 200) {
    const user = manager(request);
    const tag = await findTagById(ctx.store.db, id);
    if (!tag) throw new HttpError(404, 'That tag could not be found.');
    const suggestions = (await listTags(ctx.store.db, { page: 1 })).items.filter((t) => t.id !== id).map((t) => t.name);
    return sendNewsroomPage(reply, <TagEditPage user={user} csrfToken={request.csrfToken ?? ''} tag={tag} suggestions={suggestions} {...extra} />, status);
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { q?: string; page?: string; notice?: string } }>('/newsroom/taxonomy', async (request, reply) => {
      if (wantsJson(request)) {
        manager(request);
        const [sections, tags] = await Promise.all([listSectionsWithCounts(ctx.store.db), listTags(ctx.store.db, { query: text(request.query.q), page: 1 })]);
        return reply.header('cache-control', 'no-store').send({ sections, tags: tags.items, tagTotal: tags.total });
      }
      return sendOverview(request, reply, request.query);
    });

    app.post<{ Body: Fields }>('/newsroom/taxonomy/sections', async (request, reply) => {
      verifyCsrf(request);
      const user = manager(request);
      const body = request.body ?? {};
      const values = { name: text(body.name), slug: text(body.slug), description: text(body.description) };
      try {
        const section = await addSection(ctx, user, values);
        if (wantsJson(request)) return reply.code(201).header('cache-control', 'no-store').send({ section });
      } catch (error) {
        const refusal = formError(error);
        if (!refusal || wantsJson(request)) throw error;
        return sendOverview(request, reply, {}, { values, errors: refusal.details, error: refusal.message }, refusal.status);
      }
      return reply.redirect('/newsroom/taxonomy?notice=section-added', 303);
    });

    app.post<{ Body: Fields }>('/newsroom/taxonomy/sections/order', async (request, reply) => {
      verifyCsrf(request);
      const user = manager(request);
      const raw = (request.body ?? {}).ids;
      const list = (Array.isArray(raw) ? raw : [raw]).map((v) => text(v));
      if (list.length === 0 || list.some((v) => !isId(v))) throw new HttpError(400, 'Send the section ids in their new order.');
      await reorderSections(ctx, user, list.map(Number));
      if (wantsJson(request)) return reply.header('cache-control', 'no-store').send({ ok: true });
      return reply.redirect('/newsroom/taxonomy?notice=moved', 303);
    });

    app.get<{ Params: { id: string } }>('/newsroom/taxonomy/sections/:id', async (request, reply) => {
      const user = manager(request);
      const section = await findSectionById(ctx.store.db, idParam(request.params.id, 'section'));
      if (!section) throw new HttpError(404, 'That section could not be found.');
      return sendNewsroomPage(reply, <SectionEditPage user={user} csrfToken={request.csrfToken ?? ''} section={section} />);
    });

    app.post<{ Params: { id: string }; Body: Fields }>('/newsroom/taxonomy/sections/:id', async (request, reply) => {
      verifyCsrf(request);
      const user = manager(request);
      const id = idParam(request.params.id, 'section');
      const body = request.body ?? {};
      const values = { name: text(body.name), description: text(body.description) };
      try {
        await updateSection(ctx, user, id, values);
      } catch (error) {
        const refusal = formError(error);
        const section = refusal && !wantsJson(request) ? await findSectionById(ctx.store.db, id) : null;
        if (!section || !refusal) throw error;
        return sendNewsroomPage(reply, <SectionEditPage user={user} csrfToken={request.csrfToken ?? ''} section={section} values={values} errors={refusal.details} error={refusal.message} />, refusal.status);
      }
      if (wantsJson(request)) return reply.header('cache-control', 'no-store').send({ ok: true });
      return reply.redirect('/newsroom/taxonomy?notice=section-saved', 303);
    });

    app.post<{ Params: { id: string }; Body: Fields }>('/newsroom/taxonomy/sections/:id/move', async (request, reply) => {
      verifyCsrf(request);
      const user = manager(request);
      const direction = text((request.body ?? {}).direction);
      if (direction !== 'up' && direction !== 'down') throw new HttpError(400, 'Move a section up or down.');
      await moveSection(ctx, user, idParam(request.params.id, 'section'), direction);
      if (wantsJson(request)) return reply.header('cache-control', 'no-store').send({ ok: true });
      return reply.redirect('/newsroom/taxonomy?notice=moved', 303);
    });

    app.get<{ Params: { id: string }; Querystring: { notice?: string } }>('/newsroom/taxonomy/tags/:id', async (request, reply) =>
      sendTag(request, reply, idParam(request.params.id, 'tag'), { notice: notices[text(request.query.notice)] }),
    );

    app.post<{ Params: { id: string }; Body: Fields }>('/newsroom/taxonomy/tags/:id', async (request, reply) => {
      verifyCsrf(request);
      const user = manager(request);
      const id = idParam(request.params.id, 'tag');
      const body = request.body ?? {};
      const values = { name: text(body.name), slug: text(body.slug), into: '' };
      try {
        const tag = await renameTag(ctx, user, id, values);
        if (wantsJson(request)) return reply.header('cache-control', 'no-store').send({ tag });
      } catch (error) {
        const refusal = formError(error);
        if (!refusal || wantsJson(request)) throw error;
        return sendTag(request, reply, id, { values, errors: refusal.details, error: refusal.message }, refusal.status);
      }
      return reply.redirect(`/newsroom/taxonomy/tags/${id}?notice=renamed`, 303);
    });

    app.post<{ Params: { id: string }; Body: Fields }>('/newsroom/taxonomy/tags/:id/merge', async (request, reply) => {
      verifyCsrf(request);
      const user = manager(request);
      const id = idParam(request.params.id, 'tag');
      const into = text((request.body ?? {}).into);
      let intoId: number;
      try {
        const target = isId(into) && wantsJson(request) ? { id: Number(into) } : { nameOrSlug: into };
        const result = await mergeTags(ctx, user, id, target, { onBackgroundError: (error, message) => request.log.error({ err: error }, message) });
        intoId = result.into.id;
        if (wantsJson(request)) return reply.header('cache-control', 'no-store').send({ moved: result.moved, into: result.into });
      } catch (error) {
        const refusal = formError(error);
        if (!refusal || wantsJson(request)) throw error;
        const tag = await findTagById(ctx.store.db, id);
        if (!tag) throw error;
        return sendTag(request, reply, id, { values: { name: tag.name, slug: tag.slug, into }, errors: refusal.details, error: refusal.message }, refusal.status);
      }
      return reply.redirect(`/newsroom/taxonomy/tags/${intoId}?notice=merged`, 303);
    });
  };
}
