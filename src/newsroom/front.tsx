/**
 * The front page arrangement (/newsroom/front), for editors and admins: the lead and its related links, top stories,
 * the "Developing" strip, section blocks and the opinion rail. Order by position fields or up/down buttons without
 * JavaScript; front.js adds drag and drop. "Preview" renders the real home page with the unsaved arrangement.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { authorize } from '../accounts/policies.js';
import { saveFront } from '../content/front/commands.js';
import { listThreads, pickableStories, storiesByIds } from '../content/front/queries.js';
import { frontLimits, loadArrangement, type FrontArrangement } from '../content/front/store.js';
import { listSections } from '../content/directory-queries.js';
import type { Section, Thread } from '../db/schema.js';
import { CommandError } from '../errors.js';
import { HttpError } from '../http/errors.js';
import { requireUser, verifyCsrf, type SessionUser } from '../http/session.js';
import { sendHomePage } from '../site/home-page.js';
import { sendNewsroomPage } from './page.js';
import { CsrfField, NewsroomLayout } from './views/layout.js';

/** The form as typed: ids as text ('' is "automatic"), lists in the order they will be saved. */
export interface FrontForm {
  lead: string;
  related: string[];
  top: string[];
  developing: string[];
  sections: string[];
  opinion: string;
}

type OrderedList = 'top' | 'developing' | 'sections';
type StoryOption = { id: number; title: string; publishedAt: string; section: string };

function padded(values: string[], length: number): string[] {
  return [...values, ...Array<string>(Math.max(0, length - values.length)).fill('')].slice(0, Math.max(length, values.length));
}

function formFrom(arrangement: FrontArrangement | null, sections: Section[]): FrontForm {
  const a = arrangement ?? { lead: null, related: [], top: [], developing: [], sections: [], opinion: null };
  const named = a.sections.map(String);
  return {
    lead: a.lead === null ? '' : String(a.lead),
    related: a.related.map(String),
    top: a.top.map(String),
    developing: a.developing.map(String),
    // Every section has a place in the order: those not named follow in the site's order.
    sections: [...named, ...sections.map((s) => String(s.id)).filter((id) => !named.includes(id))],
    opinion: a.opinion === null ? (arrangement ? '' : String(sections.find((s) => s.slug === 'opinion')?.id ?? '')) : String(a.opinion),
  };
}

function values(body: Record<string, unknown>, name: string): string[] {
  const raw = body[name];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((v): v is string => typeof v === 'string').map((v) => v.trim().slice(0, 12)).slice(0, 40);
}

/** A list in the order of its position fields; rows without a number keep their place among the others. */
function ordered(body: Record<string, unknown>, name: OrderedList): string[] {
  const ids = values(body, name);
  const positions = values(body, `${name}Position`);
  return ids
    .map((id, index) => ({ id, index, position: /^\d{1,3}$/.test(positions[index] ?? '') ? Number(positions[index]) : index + 1 }))
    .sort((x, y) => x.position - y.position || x.index - y.index)
    .map((row) => row.id);
}

function formFromBody(request: FastifyRequest): FrontForm {
  const body = (request.body ?? {}) as Record<string, unknown>;
  return {
    lead: values(body, 'lead')[0] ?? '',
    related: values(body, 'related'),
    top: ordered(body, 'top'),
    developing: ordered(body, 'developing'),
    sections: ordered(body, 'sections'),
    opinion: values(body, 'opinion')[0] ?? '',
  };
}

/** Text to ids: '' is an empty place; anything else that is not a whole number stays as NaN for the command to refuse. */
function arrangementFrom(form: FrontForm): FrontArrangement {
  const id = (v: string) => (/^\d{1,12}$/.test(v) ? Number(v) : Number.NaN);
  const list = (vs: string[]) => vs.filter((v) => v !== '').map(id);
  return {
    lead: form.lead === '' ? null : id(form.lead),
    related: list(form.related),
    top: list(form.top),
    developing: list(form.developing),
    sections: list(form.sections),
    opinion: form.opinion === '' ? null : id(form.opinion),
  };
}

/** Applies an up/down button ("top:2:up"): the no-JavaScript way to reorder, shown again before anything is saved. */
function move(form: FrontForm, instruction: string): FrontForm {
  const match = /^(top|developing|sections):(\d{1,3}):(up|down)$/.exec(instruction);
  if (!match) return form;
  const name = match[1] as OrderedList;
  const list = [...padded(form[name], name === 'sections' ? 0 : frontLimits[name])];
  const index = Number(match[2]);
  const other = match[3] === 'up' ? index - 1 : index + 1;
  if (index >= list.length || other < 0 || other >= list.length) return form;
  [list[index], list[other]] = [list[other]!, list[index]!];
  return { ...form, [name]: list };
}

function StorySelect(props: { id: string; name: string; value: string; stories: StoryOption[]; label: string; empty?: string; invalid?: boolean; described?: string }) {
  const known = props.stories.some((s) => String(s.id) === props.value);
  return (
    <select id={props.id} name={props.name} aria-label={props.label} aria-invalid={props.invalid ? 'true' : undefined} aria-describedby={props.described}>
      <option value="" selected={props.value === ''}>{props.empty ?? 'Automatic: the newest story'}</option>
      {!known && props.value !== '' ? <option value={props.value} selected>Story {props.value} (not published)</option> : null}
      {props.stories.map((s) => (
        <option value={String(s.id)} selected={String(s.id) === props.value}>{s.title} ({s.section}, {s.publishedAt.slice(0, 10)})</option>
      ))}
    </select>
  );
}

function FieldError(props: { id: string; problem?: string }) {
  return props.problem ? <span class="nr-field-error" id={props.id}>{props.problem}</span> : null;
}

function MoveButtons(props: { list: OrderedList; index: number; count: number; label: string }) {
  return (
    <span class="front-move">
      <button type="submit" class="nr-button nr-button-secondary" name="move" value={`${props.list}:${props.index}:up`} disabled={props.index === 0} aria-label={`Move ${props.label} up`}>↑</button>
      <button type="submit" class="nr-button nr-button-secondary" name="move" value={`${props.list}:${props.index}:down`} disabled={props.index === props.count - 1} aria-label={`Move ${props.label} down`}>↓</button>
    </span>
  );
}

function PositionField(props: { list: OrderedList; index: number; label: string }) {
  return (
    <label class="front-position">
      <span class="visually-hidden">Position of {props.label}</span>
      <input type="number" name={`${props.list}Position`} value={String(props.index + 1)} min={1} max={99} inputMode="numeric" />
    </label>
  );
}

interface FrontPageProps {
  me: SessionUser;
  csrf: string;
  form: FrontForm;
  stories: StoryOption[];
  threads: Thread[];
  sections: Section[];
  search: string;
  arranged: boolean;
  problems?: Record<string, string>;
  notice?: string;
}

function FrontPage(props: FrontPageProps) {
  const { form } = props;
  const problems = props.problems ?? {};
  const described = (name: string) => (problems[name] ? `${name}-error` : undefined);
  const top = padded(form.top, frontLimits.top);
  const developing = padded(form.developing, frontLimits.developing);
  const related = padded(form.related, frontLimits.related);
  const sectionName = (id: string) => props.sections.find((s) => String(s.id) === id)?.name ?? `Section ${id}`;
  return (
    <NewsroomLayout title="Front page" user={props.me} csrfToken={props.csrf} current="front" assets={['front.js']}>
      {props.notice ? <p class="nr-notice" role="status">{props.notice}</p> : null}
      {Object.keys(problems).length ? <p class="nr-error" role="alert">Nothing was saved: please correct the places marked below.</p> : null}
      <p class="nr-hint">
        {props.arranged ? 'Readers see this arrangement now.' : 'Nobody has arranged the front yet: readers see the automatic front (newest stories, by section).'}{' '}
        A place left on “Automatic”, or a story unpublished later, is filled by the automatic front, so the front never shows a hole.
      </p>
      <form method="get" action="/newsroom/front" class="nr-form front-search" role="search">
        <label for="front-q">Find published stories by headline</label>
        <span class="front-search-row">
          <input id="front-q" name="q" type="search" value={props.search} />
          <button type="submit" class="nr-button nr-button-secondary">Search</button>
        </span>
        <span class="nr-hint">{props.search ? `The story lists below offer the ${props.stories.length} stories matching “${props.search}”, and those already chosen.` : 'The story lists below offer the newest published stories.'}</span>
      </form>
      <form method="post" action="/newsroom/front" class="nr-form front-form">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="q" value={props.search} />
        <fieldset class="nr-field">
          <legend>Lead</legend>
          <label for="lead">Lead story</label>
          <StorySelect id="lead" name="lead" value={form.lead} stories={props.stories} label="Lead story" invalid={!!problems.lead} described={described('lead')} />
          <FieldError id="lead-error" problem={problems.lead} />
          <span class="nr-hint">Related links under the lead (a lead package), up to {frontLimits.related}.</span>
          {related.map((value, i) => (
            <StorySelect id={`related-${i}`} name="related" value={value} stories={props.stories} label={`Related link ${i + 1}`} empty="No related link" invalid={!!problems.related} described={described('related')} />
          ))}
          <FieldError id="related-error" problem={problems.related} />
        </fieldset>
        <fieldset class="nr-field">
          <legend>Top stories</legend>
          <span class="nr-hint">In this order beside and under the lead. Drag a row, use the arrows, or type positions.</span>
          <ol class="front-order" data-list="top">
            {top.map((value, i) => (
              <li class="front-row" draggable>
                <span class="front-grip" aria-hidden="true">⠿</span>
                <StorySelect id={`top-${i}`} name="top" value={value} stories={props.stories} label={`Top story ${i + 1}`} invalid={!!problems.top} described={described('top')} />
                <PositionField list="top" index={i} label={`top story ${i + 1}`} />
                <MoveButtons list="top" index={i} count={top.length} label={`top story ${i + 1}`} />
              </li>
            ))}
          </ol>
          <FieldError id="top-error" problem={problems.top} />
        </fieldset>
        <fieldset class="nr-field">
          <legend>Developing</legend>
          <span class="nr-hint">Story threads shown in the “Developing” strip, each with its newest story. Left on automatic, the threads with the newest stories.</span>
          <ol class="front-order" data-list="developing">
            {developing.map((value, i) => (
              <li class="front-row" draggable>
                <span class="front-grip" aria-hidden="true">⠿</span>
                <select name="developing" aria-label={`Developing thread ${i + 1}`} aria-invalid={problems.developing ? 'true' : undefined} aria-describedby={described('developing')}>
                  <option value="" selected={value === ''}>Automatic</option>
                  {props.threads.map((t) => <option value={String(t.id)} selected={String(t.id) === value}>{t.title}</option>)}
                </select>
                <PositionField list="developing" index={i} label={`developing thread ${i + 1}`} />
                <MoveButtons list="developing" index={i} count={developing.length} label={`developing thread ${i + 1}`} />
              </li>
            ))}
          </ol>
          <FieldError id="developing-error" problem={problems.developing} />
        </fieldset>
        <fieldset class="nr-field">
          <legend>Section blocks</legend>
          <span class="nr-hint">The order of the section blocks under the top of the front.</span>
          <ol class="front-order" data-list="sections">
            {form.sections.map((value, i) => (
              <li class="front-row" draggable>
                <span class="front-grip" aria-hidden="true">⠿</span>
                <input type="hidden" name="sections" value={value} />
                <span class="front-row-name">{sectionName(value)}</span>
                <PositionField list="sections" index={i} label={sectionName(value)} />
                <MoveButtons list="sections" index={i} count={form.sections.length} label={sectionName(value)} />
              </li>
            ))}
          </ol>
          <FieldError id="sections-error" problem={problems.sections} />
        </fieldset>
        <div class="nr-field">
          <label for="opinion">Opinion rail</label>
          <span class="nr-hint">A section shown as a rail beside the section blocks.</span>
          <select id="opinion" name="opinion" aria-invalid={problems.opinion ? 'true' : undefined} aria-describedby={described('opinion')}>
            <option value="" selected={form.opinion === ''}>No opinion rail</option>
            {props.sections.map((s) => <option value={String(s.id)} selected={String(s.id) === form.opinion}>{s.name}</option>)}
          </select>
          <FieldError id="opinion-error" problem={problems.opinion} />
        </div>
        <div class="nr-actions">
          <button type="submit" class="nr-button">Save the front</button>
          <button type="submit" class="nr-button nr-button-secondary" formaction="/newsroom/front/preview" formtarget="_blank">Preview</button>
        </div>
      </form>
    </NewsroomLayout>
  );
}

export function frontRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    const render = async (me: SessionUser, request: FastifyRequest, form: FrontForm, search: string, extra: { problems?: Record<string, string>; notice?: string } = {}) => {
      const db = ctx.store.db;
      const chosen = [form.lead, ...form.related, ...form.top].filter((v) => /^\d{1,12}$/.test(v)).map(Number);
      const [found, kept, threads, sections, stored] = await Promise.all([pickableStories(db, search), storiesByIds(db, chosen), listThreads(db), listSections(db), loadArrangement(db)]);
      const stories = [...kept.filter((k) => !found.some((f) => f.id === k.id)), ...found];
      return <FrontPage me={me} csrf={request.csrfToken ?? ''} form={form} stories={stories} threads={threads} sections={sections} search={search} arranged={stored !== null} {...extra} />;
    };

    app.get<{ Querystring: { q?: string; saved?: string } }>('/newsroom/front', async (request, reply) => {
      const me = requireUser(request);
      authorize(me, 'front.arrange');
      const search = typeof request.query.q === 'string' ? request.query.q.trim().slice(0, 100) : '';
      const [arrangement, sections] = await Promise.all([loadArrangement(ctx.store.db), listSections(ctx.store.db)]);
      const notice = request.query.saved === '1' ? 'The front is saved. Readers see it now.' : undefined;
      return sendNewsroomPage(reply, await render(me, request, formFrom(arrangement, sections), search, { notice }));
    });

    app.post('/newsroom/front', async (request, reply) => {
      const me = requireUser(request);
      authorize(me, 'front.arrange');
      verifyCsrf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const search = (values(body, 'q')[0] ?? '').slice(0, 100);
      const form = formFromBody(request);
      const instruction = values(body, 'move')[0];
      if (instruction) {
        return sendNewsroomPage(reply, await render(me, request, move(form, instruction), search, { notice: 'Order changed. Nothing is saved until you press “Save the front”.' }));
      }
      try {
        await saveFront(ctx, me, arrangementFrom(form));
      } catch (error) {
        if (!(error instanceof CommandError) || error.kind !== 'invalid') throw error;
        return sendNewsroomPage(reply, await render(me, request, form, search, { problems: error.details }), 422);
      }
      return reply.redirect('/newsroom/front?saved=1', 303);
    });

    app.post('/newsroom/front/preview', async (request, reply) => {
      const me = requireUser(request);
      authorize(me, 'front.arrange');
      verifyCsrf(request);
      const arrangement = arrangementFrom(formFromBody(request));
      const bad = [arrangement.lead, arrangement.opinion, ...arrangement.related, ...arrangement.top, ...arrangement.developing, ...arrangement.sections].some((v) => v !== null && Number.isNaN(v));
      if (bad) throw new HttpError(400, 'The arrangement names something that is not an id.');
      reply.header('x-robots-tag', 'noindex, nofollow');
      return sendHomePage(ctx, reply, { preview: arrangement });
    });
  };
}
