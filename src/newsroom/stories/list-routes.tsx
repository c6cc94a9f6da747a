/**
 * /newsroom/stories: the stories list with search, filters, sort and pages in its URL (a view can be bookmarked, and
 * the form works without JavaScript), and bulk actions through the story commands (applyToStories), each story
 * authorized on its own. Deleting or unpublishing asks first, on a page of its own.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can } from '../../accounts/policies.js';
import { listUsers } from '../../accounts/users.js';
import type { AppContext } from '../../context.js';
import { applyToStories, bulkLimit, isBulkAction, type BulkAction, type BulkResult } from '../../content/commands/bulk-stories.js';
import { countDeskStories, listDeskStories, type DeskFilter } from '../../content/desk.js';
import { listSections } from '../../content/directory-queries.js';
import { loadSettings } from '../../content/settings.js';
import { CommandError } from '../../errors.js';
import { badRequest, httpStatusOf } from '../../http/errors.js';
import { isId } from '../../http/request-input.js';
import { requireUser, verifyCsrf, type SessionUser } from '../../http/session.js';
import { plural } from '../../site/views/format.js';
import { sendNewsroomPage } from '../page.js';
import { listHref, parseListQuery, type ListQuery } from './list-query.js';
import { BulkConfirmPage, StoryListPage, type BulkChoice } from './list-view.js';

const listPageSize = 50;

/** The query parameters that make up a view of the list. */
const viewParams = new Set(['q', 'status', 'section', 'author', 'mine', 'review', 'sort', 'page']);

const bulkLabels: Record<BulkAction, string> = {
  submit: 'Submit for review',
  move: 'Move to section',
  unpublish: 'Unpublish',
  delete: 'Delete',
};

const bulkDone: Record<BulkAction, string> = {
  submit: 'submitted for review',
  move: 'moved',
  unpublish: 'unpublished',
  delete: 'deleted',
};

/** The bulk actions this person could make on some story (each story is still checked on its own). */
function bulkChoices(user: SessionUser): BulkChoice[] {
  const policy: Record<BulkAction, Parameters<typeof can>[1]> = { submit: 'story.submit', move: 'story.edit', unpublish: 'story.unpublish', delete: 'story.delete' };
  return (Object.keys(bulkLabels) as BulkAction[]).filter((a) => can(user, policy[a])).map((value) => ({ value, label: bulkLabels[value] }));
}

const seesAll = (user: SessionUser): boolean => can(user, 'story.edit-any');

/** Where to go back to after a bulk action: a view of the stories list, nothing else. */
function backTo(raw: unknown): string {
  return typeof raw === 'string' && /^\/newsroom\/stories(\?[^#\s]*)?$/.test(raw) ? raw : '/newsroom/stories';
}

function field(body: unknown, name: string): unknown {
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
}

function successMessage(raw: Record<string, unknown>): string | null {
  if (raw.deleted === '1') return 'The story was deleted.';
  const action = typeof raw.done === 'string' && isBulkAction(raw.done) ? raw.done : null;
  if (!action) return null;
  const n = /^\d{1,4}$/.test(String(raw.n ?? '')) ? Number(raw.n) : 0;
  const same = /^\d{1,4}$/.test(String(raw.same ?? '')) ? Number(raw.same) : 0;
  const parts = [`${plural(n, 'story', 'stories')} ${bulkDone[action]}.`];
  if (same) parts.push(`${plural(same, 'story was', 'stories were')} already in that section.`);
  return parts.join(' ');
}

export function storyListRoutes(ctx: AppContext) {
  const db = ctx.store.db;

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SessionUser,
    query: ListQuery,
    extra: { message?: string | null; results?: BulkResult | null; bulkError?: string | null; selected?: number[] } = {},
    status = 200,
  ): Promise<FastifyReply> {
    const everyone = seesAll(user);
    if (query.review) authorize(user, 'story.edit-any');
    const [sections, users, settings] = await Promise.all([listSections(db), everyone ? listUsers(db) : Promise.resolve([]), loadSettings(db)]);
    const filter: Omit<DeskFilter, 'limit' | 'offset'> = { query: query.q, sort: query.sort };
    if (!everyone || query.mine) filter.authorId = user.id;
    if (query.review) filter.reviewerId = user.id;
    if (query.section) {
      const section = sections.find((s) => s.slug === query.section);
      if (!section) throw badRequest(`There is no section "${query.section}".`, { section: 'No such section.' });
      filter.sectionId = section.id;
    }
    if (query.author) {
      const author = everyone ? users.find((u) => u.slug === query.author) : query.author === user.slug ? user : undefined;
      if (!author) throw badRequest(`There is no author "${query.author}" among the stories you can see.`, { author: 'No such author.' });
      filter.byAuthorId = author.id;
    }
    const counts = await countDeskStories(db, filter);
    const total = query.status ? counts[query.status] : Object.values(counts).reduce((a, b) => a + b, 0);
    const pages = Math.max(1, Math.ceil(total / listPageSize));
    const stories = await listDeskStories(db, { ...filter, status: query.status ?? undefined, limit: listPageSize, offset: (query.page - 1) * listPageSize });
    return sendNewsroomPage(
      reply,
      <StoryListPage
        user={user}
        csrfToken={request.csrfToken ?? ''}
        stories={stories}
        counts={counts}
        query={query}
        total={total}
        pages={pages}
        ownOnly={!everyone}
        sections={sections.map((s) => ({ id: s.id, slug: s.slug, name: s.name }))}
        authors={everyone ? users.map((u) => ({ slug: u.slug, name: u.name })) : null}
        canReview={everyone}
        bulkChoices={bulkChoices(user)}
        message={extra.message ?? null}
        results={extra.results ?? null}
        bulkError={extra.bulkError ?? null}
        selected={extra.selected}
        timeZone={settings.timezone}
      />,
      status,
    );
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: Record<string, unknown> }>('/newsroom/stories', async (request, reply) => {
      const user = requireUser(request);
      const query = parseListQuery(request.query);
      // The filter form sends every field, empty ones too: answer with the view's short address, so the address
      // bar shows a clean bookmark (?section=city&sort=title).
      const sent = Object.entries(request.query);
      if (sent.some(([name, value]) => value === '' && viewParams.has(name))) return reply.redirect(listHref(query, { page: query.page }), 303);
      return renderList(request, reply, user, query, { message: successMessage(request.query) });
    });

    app.post('/newsroom/stories/bulk', async (request, reply) => {
      const user = requireUser(request);
      verifyCsrf(request);
      const body = request.body;
      const back = backTo(field(body, 'back'));
      const view = parseListQuery(Object.fromEntries(new URL(back, 'http://list').searchParams));
      const rawIds = field(body, 'ids');
      const idList = (Array.isArray(rawIds) ? rawIds : rawIds === undefined ? [] : [rawIds]).slice(0, bulkLimit + 1);
      if (!idList.every((id) => isId(id))) throw badRequest('The selected stories are not story numbers.', { ids: 'Not story numbers.' });
      const articleIds = idList.map(Number);
      const actionRaw = String(field(body, 'action') ?? '');
      const sectionRaw = String(field(body, 'section') ?? '');
      const action = isBulkAction(actionRaw) ? actionRaw : null;
      try {
        if (!action) throw new CommandError('invalid', 'Choose what to do with the selected stories.', { action: 'Choose an action.' });
        if (action === 'move' && sectionRaw !== '' && !isId(sectionRaw)) throw new CommandError('invalid', 'Choose the section from the list.', { section: 'Not a section.' });
        if ((action === 'delete' || action === 'unpublish') && field(body, 'confirm') !== '1' && articleIds.length > 0) {
          // Ask first: list what would change (only stories this person may see are named).
          const shown = await listDeskStories(db, { limit: bulkLimit, offset: 0, ...(seesAll(user) ? {} : { authorId: user.id }), ids: articleIds });
          if (shown.length === 0) throw new CommandError('not_found', 'None of the selected stories could be found.');
          return sendNewsroomPage(reply, <BulkConfirmPage user={user} csrfToken={request.csrfToken ?? ''} action={action} stories={shown.map((s) => ({ id: s.id, title: s.title }))} back={back} />);
        }
        const result = await applyToStories(ctx, user, { action, articleIds, sectionId: sectionRaw === '' ? undefined : Number(sectionRaw) });
        if (result.refused.length === 0) {
          const params = new URLSearchParams({ done: action, n: String(result.done.length) });
          if (result.unchanged.length) params.set('same', String(result.unchanged.length));
          return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}${params}`, 303);
        }
        const message = result.done.length ? `${plural(result.done.length, 'story', 'stories')} ${bulkDone[action]}.` : null;
        const status = result.done.length ? 200 : httpStatusOf(result.refused[0]!.result as CommandError['kind']);
        return renderList(request, reply, user, view, { message, results: result, selected: result.refused.map((r) => r.articleId) }, status);
      } catch (error) {
        if (!(error instanceof CommandError) || (error.kind !== 'invalid' && error.kind !== 'not_found')) throw error;
        return renderList(request, reply, user, view, { bulkError: error.message, selected: articleIds }, httpStatusOf(error.kind));
      }
    });
  };
}
