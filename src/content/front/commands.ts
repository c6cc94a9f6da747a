/** The front's one command: save an editor's arrangement of the front page. */
import type { Actor } from '../../accounts/actor.js';
import { permit } from '../../accounts/actor.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/index.js';
import { invalid } from '../../errors.js';
import { frontLimits, storeArrangement, type FrontArrangement } from './store.js';

function isId(value: number | null): value is number {
  return value !== null && Number.isSafeInteger(value) && value > 0;
}

async function publishedIds(db: Db, ids: number[]): Promise<Set<number>> {
  const wanted = ids.filter(isId);
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom('articles').select('id').where('id', 'in', wanted).where('status', '=', 'published').execute();
  return new Set(rows.map((r) => r.id));
}

async function existing(db: Db, table: 'threads' | 'sections', ids: number[]): Promise<Set<number>> {
  const wanted = ids.filter(isId);
  if (wanted.length === 0) return new Set();
  return new Set((await db.selectFrom(table).select('id').where('id', 'in', wanted).execute()).map((r) => r.id));
}

function checkList(name: keyof typeof frontLimits, ids: number[], known: Set<number>, what: string, problems: Record<string, string>): void {
  if (ids.length > frontLimits[name]) problems[name] = `At most ${frontLimits[name]} ${what} fit here.`;
  else if (new Set(ids).size !== ids.length) problems[name] = `Each ${what.replace(/ies$/, 'y').replace(/s$/, '')} can be chosen once.`;
  else if (ids.some((id) => !known.has(id))) problems[name] = `Choose ${what} that exist${name === 'related' || name === 'top' ? ' and are published' : ''}.`;
}

/**
 * Command: save the front's arrangement. Every story named must be published now and every thread and section must
 * exist; a story later unpublished simply drops out and the automatic front fills its place. One `site.changed`
 * `front` event after commit purges the cached front.
 */
export async function saveFront(ctx: AppContext, actor: Actor, input: FrontArrangement): Promise<FrontArrangement> {
  permit(actor, 'front.arrange');
  const arrangement: FrontArrangement = {
    lead: input.lead,
    related: [...input.related],
    top: [...input.top],
    developing: [...input.developing],
    sections: [...input.sections],
    opinion: input.opinion,
  };
  await ctx.store.db.transaction().execute(async (trx) => {
    const problems: Record<string, string> = {};
    const stories = await publishedIds(trx, [...(arrangement.lead === null ? [] : [arrangement.lead]), ...arrangement.related, ...arrangement.top]);
    const threads = await existing(trx, 'threads', arrangement.developing);
    const sections = await existing(trx, 'sections', [...arrangement.sections, ...(arrangement.opinion === null ? [] : [arrangement.opinion])]);
    if (arrangement.lead !== null && !stories.has(arrangement.lead)) problems.lead = 'Choose a published story for the lead.';
    if (arrangement.lead === null && arrangement.related.length) problems.related = 'Related links belong to a lead story: choose the lead first.';
    else checkList('related', arrangement.related, stories, 'related stories', problems);
    if (!problems.related && arrangement.lead !== null && arrangement.related.includes(arrangement.lead)) problems.related = 'The lead cannot also be one of its related links.';
    checkList('top', arrangement.top, stories, 'top stories', problems);
    if (!problems.top && arrangement.top.some((id) => id === arrangement.lead || arrangement.related.includes(id))) problems.top = 'A story in the lead package cannot also be a top story.';
    checkList('developing', arrangement.developing, threads, 'story threads', problems);
    checkList('sections', arrangement.sections, sections, 'sections', problems);
    if (arrangement.opinion !== null && !sections.has(arrangement.opinion)) problems.opinion = 'Choose a section for the opinion rail.';
    if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
    await storeArrangement(trx, arrangement);
  });
  ctx.events.emit('site.changed', { what: 'front' });
  return arrangement;
}
