/**
 * The live coverage commands. Each authorizes, checks its input, runs one transaction (which also appends a row to
 * the public change log when readers see a difference: its id is the Server-Sent Events id), and after commit
 * announces one `live.*` event carrying the story and the update, so listeners never read the database.
 *
 * Writes to one story are serialized: on PostgreSQL the transaction locks the story's coverage row first, so the
 * change log's ids for a story are committed in increasing order and a reader resuming after id N misses nothing.
 * SQLite runs one write transaction at a time anyway.
 */
import { personOf, permit, type Actor } from '../accounts/actor.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import { isPostgres } from '../db/dialect.js';
import { findStory } from '../content/queries.js';
import { htmlToText, sanitizeBody } from '../content/sanitize.js';
import { conflict, invalid, notFound } from '../errors.js';
import type { LiveCoverage, LiveCoverageChanged, LiveStoryRef, LiveUpdateChanged, LiveUpdateEventName, LiveUpdateView } from './events.js';
import { findCoverage, findUpdate, updateView } from './store.js';

export const liveLimits = {
  headline: 200,
  /** Stored HTML of one update, after sanitizing. */
  bodyHtml: 50_000,
  summaryHtml: 10_000,
  correction: 1_000,
};

async function storyRef(db: Db, storyId: number): Promise<LiveStoryRef & { authorIds: number[]; status: string }> {
  const story = await findStory(db, { id: storyId }, true);
  if (!story) throw notFound('That story');
  return { id: story.id, url: story.url, headline: story.title, threadSlug: story.thread?.slug ?? null, authorIds: story.authors.map((a) => a.id), status: story.status };
}

const publicRef = (ref: LiveStoryRef): LiveStoryRef => ({ id: ref.id, url: ref.url, headline: ref.headline, threadSlug: ref.threadSlug });

/** Locks the story's coverage row for the rest of the transaction (PostgreSQL), and returns it. */
async function lockCoverage(trx: Db, storyId: number): Promise<LiveCoverage | null> {
  if (isPostgres(trx)) await trx.selectFrom('live_coverage').select('article_id').where('article_id', '=', storyId).forUpdate().execute();
  return findCoverage(trx, storyId);
}

async function appendEvent(trx: Db, storyId: number, kind: string, updateId: number | null): Promise<number> {
  const row = await trx.insertInto('live_events').values({ article_id: storyId, kind, update_id: updateId, created_at: now() }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

function cleanHeadline(raw: string | undefined): string {
  const headline = (raw ?? '').replace(/\s+/g, ' ').trim();
  if (headline.length > liveLimits.headline) throw invalid(`Headlines of updates can be at most ${liveLimits.headline} characters.`, { headline: 'Too long.' });
  return headline;
}

/** Sanitizes an update's body with the stories' own sanitizer; refuses an empty or oversized one. */
function cleanBody(raw: string | undefined, field = 'body_html', limit = liveLimits.bodyHtml, required = true): string {
  const input = raw ?? '';
  if (input.length > limit * 4) throw invalid(`This text is too long: at most ${limit} characters of HTML.`, { [field]: 'Too long.' });
  const html = sanitizeBody(input);
  if (html.length > limit) throw invalid(`This text is too long: at most ${limit} characters of HTML.`, { [field]: 'Too long.' });
  const empty = htmlToText(html).trim() === '' && !/<(img|iframe|figure)\b/i.test(html);
  if (required && empty) throw invalid('Write something before posting.', { [field]: 'Required.' });
  return empty ? '' : html;
}

function requireLive(coverage: LiveCoverage | null): LiveCoverage {
  if (!coverage) throw conflict('This story is not live: start live coverage first.', {}, 'not_live');
  if (coverage.endedAt) throw conflict('Live coverage of this story has ended: updates can no longer be posted.', {}, 'coverage_ended');
  return coverage;
}

async function authorName(db: Db, actor: Actor, fallback: string): Promise<{ id: number | null; name: string }> {
  const person = personOf(actor);
  if (!person) return { id: null, name: fallback };
  const row = await db.selectFrom('users').select(['id', 'name']).where('id', '=', person.id).executeTakeFirst();
  return { id: person.id, name: row?.name ?? fallback };
}

function announceUpdate(ctx: AppContext, name: LiveUpdateEventName, change: LiveUpdateChanged): LiveUpdateChanged {
  ctx.events.emit(name, change);
  return change;
}

// ---------------------------------------------------------------------------------------------------------------
// Coverage

export interface StartCoverageInput {
  storyId: number;
  summaryHtml?: string;
  approvalRequired?: boolean;
  /** For the system actor (the demo seeder): when coverage began. */
  at?: string;
}

/** Makes a published story live. Restarting coverage that ended opens it again. */
export async function startCoverage(ctx: AppContext, actor: Actor, input: StartCoverageInput): Promise<LiveCoverageChanged> {
  const ref = await storyRef(ctx.store.db, input.storyId);
  permit(actor, 'live.cover', { authorIds: ref.authorIds, status: ref.status as 'published' });
  if (ref.status !== 'published') throw conflict('Only a published story can be covered live: publish it first.', {}, 'not_published');
  const summary = cleanBody(input.summaryHtml, 'summary_html', liveLimits.summaryHtml, false);
  const change = await ctx.store.db.transaction().execute(async (trx) => {
    const existing = await lockCoverage(trx, ref.id);
    if (existing && !existing.endedAt) throw conflict('This story is live already.', {}, 'already_live');
    const at = (!personOf(actor) && input.at) || now();
    const values = { summary_html: summary || existing?.summaryHtml || '', approval_required: input.approvalRequired ? 1 : 0, started_at: existing?.startedAt ?? at, ended_at: null, updated_at: at };
    if (existing) await trx.updateTable('live_coverage').set(values).where('article_id', '=', ref.id).execute();
    else await trx.insertInto('live_coverage').values({ article_id: ref.id, ...values }).execute();
    const streamId = await appendEvent(trx, ref.id, 'coverage.started', null);
    const coverage = (await findCoverage(trx, ref.id))!;
    return { story: publicRef(ref), coverage, streamId, actorId: personOf(actor)?.id ?? null };
  });
  ctx.events.emit('live.coverage.started', change);
  return change;
}

/** Changes the summary the desk keeps current, and whether contributors' updates wait for an editor. */
export async function updateCoverage(ctx: AppContext, actor: Actor, input: { storyId: number; summaryHtml: string; approvalRequired: boolean }): Promise<LiveCoverageChanged> {
  const ref = await storyRef(ctx.store.db, input.storyId);
  permit(actor, 'live.cover', { authorIds: ref.authorIds, status: ref.status as 'published' });
  const summary = cleanBody(input.summaryHtml, 'summary_html', liveLimits.summaryHtml, false);
  const change = await ctx.store.db.transaction().execute(async (trx) => {
    const existing = await lockCoverage(trx, ref.id);
    if (!existing) throw conflict('This story is not live: start live coverage first.', {}, 'not_live');
    await trx.updateTable('live_coverage').set({ summary_html: summary, approval_required: input.approvalRequired ? 1 : 0, updated_at: now() }).where('article_id', '=', ref.id).execute();
    const streamId = await appendEvent(trx, ref.id, 'coverage.updated', null);
    return { story: publicRef(ref), coverage: (await findCoverage(trx, ref.id))!, streamId, actorId: personOf(actor)?.id ?? null };
  });
  ctx.events.emit('live.coverage.updated', change);
  return change;
}

/** Ends coverage: the page becomes a normal story with the summary on top and the updates beneath. */
export async function endCoverage(ctx: AppContext, actor: Actor, input: { storyId: number }): Promise<LiveCoverageChanged> {
  const ref = await storyRef(ctx.store.db, input.storyId);
  permit(actor, 'live.cover', { authorIds: ref.authorIds, status: ref.status as 'published' });
  const change = await ctx.store.db.transaction().execute(async (trx) => {
    requireLive(await lockCoverage(trx, ref.id));
    const at = now();
    await trx.updateTable('live_coverage').set({ ended_at: at, updated_at: at }).where('article_id', '=', ref.id).execute();
    const streamId = await appendEvent(trx, ref.id, 'coverage.ended', null);
    return { story: publicRef(ref), coverage: (await findCoverage(trx, ref.id))!, streamId, actorId: personOf(actor)?.id ?? null };
  });
  ctx.events.emit('live.coverage.ended', change);
  return change;
}

// ---------------------------------------------------------------------------------------------------------------
// Updates

export interface PostUpdateInput {
  storyId: number;
  headline?: string;
  bodyHtml: string;
  /** Post it as a key event at once (not for contributors). */
  pinned?: boolean;
  /** For the system actor (demo seeder, imports): whose name the update carries. */
  asAuthor?: { id: number | null; name: string };
  /** For the system actor: when it was posted. */
  at?: string;
}

export async function postUpdate(ctx: AppContext, actor: Actor, input: PostUpdateInput): Promise<LiveUpdateChanged> {
  permit(actor, 'live.post');
  const headline = cleanHeadline(input.headline);
  const body = cleanBody(input.bodyHtml);
  if (input.pinned) permit(actor, 'live.pin');
  const ref = await storyRef(ctx.store.db, input.storyId);
  const person = personOf(actor);
  const author = person ? await authorName(ctx.store.db, actor, 'Newsroom') : (input.asAuthor ?? { id: null, name: 'Newsroom' });
  const change = await ctx.store.db.transaction().execute(async (trx) => {
    const coverage = requireLive(await lockCoverage(trx, ref.id));
    const pending = coverage.approvalRequired && person?.role === 'contributor';
    const at = (!person && input.at) || now();
    const row = await trx
      .insertInto('live_updates')
      .values({
        article_id: ref.id, author_id: author.id, author_name: author.name, headline, body_html: body,
        status: pending ? 'pending' : 'published', pinned: input.pinned && !pending ? 1 : 0,
        created_at: at, published_at: pending ? null : at, edited_at: null, correction: '', corrected_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const streamId = pending ? null : await appendEvent(trx, ref.id, 'update.posted', row.id);
    return { story: publicRef(ref), update: updateView(row), streamId, actorId: person?.id ?? null };
  });
  return announceUpdate(ctx, 'live.update.posted', change);
}

/** Loads an update and its story for a change, refusing a deleted one; `storyId` when given must be the update's story. */
async function loadForChange(trx: Db, updateId: number, storyId?: number): Promise<{ row: LiveUpdateView; ref: LiveStoryRef & { authorIds: number[]; status: string }; coverage: LiveCoverage }> {
  const row = await findUpdate(trx, updateId);
  if (!row || row.status === 'deleted') throw notFound('That update');
  if (storyId !== undefined && row.storyId !== storyId) throw invalid('That update belongs to another story.', { update: 'Not an update of this story.' }, 'other_story');
  const coverage = await lockCoverage(trx, row.storyId);
  if (!coverage) throw conflict('This story is not live: start live coverage first.', {}, 'not_live');
  const fresh = (await findUpdate(trx, updateId))!;
  if (fresh.status === 'deleted') throw notFound('That update');
  return { row: fresh, ref: await storyRef(trx, fresh.storyId), coverage };
}

async function keepRevision(trx: Db, row: LiveUpdateView, actor: Actor): Promise<void> {
  await trx.insertInto('live_update_revisions').values({ update_id: row.id, headline: row.headline, body_html: row.bodyHtml, editor_id: personOf(actor)?.id ?? null, created_at: now() }).execute();
}

export async function editUpdate(ctx: AppContext, actor: Actor, input: { updateId: number; storyId?: number; headline?: string; bodyHtml: string }): Promise<LiveUpdateChanged> {
  permit(actor, 'live.post');
  const headline = cleanHeadline(input.headline);
  const body = cleanBody(input.bodyHtml);
  const change = await ctx.store.db.transaction().execute(async (trx) => {
    const { row, ref } = await loadForChange(trx, input.updateId, input.storyId);
    permit(actor, 'live.edit', { userId: row.authorId ?? 0 });
    if (row.headline === headline && row.bodyHtml === body) throw invalid('Nothing changed: edit the text before saving.', { body_html: 'Unchanged.' }, 'unchanged');
    await keepRevision(trx, row, actor);
    const published = row.status === 'published';
    await trx.updateTable('live_updates').set({ headline, body_html: body, edited_at: published ? now() : null }).where('id', '=', row.id).execute();
    const streamId = published ? await appendEvent(trx, ref.id, 'update.edited', row.id) : null;
    return { story: publicRef(ref), update: (await findUpdate(trx, row.id))!, streamId, actorId: personOf(actor)?.id ?? null };
  });
  return announceUpdate(ctx, 'live.update.edited', change);
}

/** A correction: a visible note on the update, with new text when given (the old text is kept as a revision). */
export async function correctUpdate(ctx: AppContext, actor: Actor, input: { updateId: number; storyId?: number; note: string; headline?: string; bodyHtml?: string }): Promise<LiveUpdateChanged> {
  permit(actor, 'live.correct');
  const note = (input.note ?? '').replace(/\s+/g, ' ').trim();
  if (!note) throw invalid('Say what was corrected: the note is shown to readers.', { note: 'Required.' });
  if (note.length > liveLimits.correction) throw invalid(`Correction notes can be at most ${liveLimits.correction} characters.`, { note: 'Too long.' });
  const headline = input.headline === undefined ? undefined : cleanHeadline(input.headline);
  const body = input.bodyHtml === undefined || input.bodyHtml.trim() === '' ? undefined : cleanBody(input.bodyHtml);
  const change = await ctx.store.db.transaction().execute(async (trx) => {
    const { row, ref } = await loadForChange(trx, input.updateId, input.storyId);
    if (row.status !== 'published') throw conflict('Only a published update can be corrected; edit a pending one instead.', {}, 'not_published');
    await keepRevision(trx, row, actor);
    await trx.updateTable('live_updates').set({ headline: headline ?? row.headline, body_html: body ?? row.bodyHtml, correction: note, corrected_at: now() }).where('id', '=', row.id).execute();
    const streamId = await appendEvent(trx, ref.id, 'update.corrected', row.id);
    return { story: publicRef(ref), update: (await findUpdate(trx, row.id))!, streamId, actorId: personOf(actor)?.id ?? null };
  });
  return announceUpdate(ctx, 'live.update.corrected', change);
}

export async function deleteUpdate(ctx: AppContext, actor: Actor, input: { updateId: number; storyId?: number }): Promise<LiveUpdateChanged> {
  permit(actor, 'live.delete');
  const change = await ctx.store.db.transaction().execute(async (trx) => {
    const { row, ref } = await loadForChange(trx, input.updateId, input.storyId);
    await trx.updateTable('live_updates').set({ status: 'deleted', pinned: 0 }).where('id', '=', row.id).execute();
    const streamId = row.status === 'published' ? await appendEvent(trx, ref.id, 'update.deleted', row.id) : null;
    return { story: publicRef(ref), update: { ...row, status: 'deleted' as const, pinned: false }, streamId, actorId: personOf(actor)?.id ?? null };
  });
  return announceUpdate(ctx, 'live.update.deleted', change);
}

async function setPinned(ctx: AppContext, actor: Actor, input: { updateId: number; storyId: number }, pinned: boolean): Promise<LiveUpdateChanged> {
  permit(actor, 'live.pin');
  const change = await ctx.store.db.transaction().execute(async (trx) => {
    const { row, ref } = await loadForChange(trx, input.updateId, input.storyId);
    if (row.status !== 'published') throw conflict('Only a published update can be a key event: approve it first.', {}, 'not_published');
    if (row.pinned === pinned) throw conflict(pinned ? 'That update is a key event already.' : 'That update is not a key event.', {}, 'unchanged');
    await trx.updateTable('live_updates').set({ pinned: pinned ? 1 : 0 }).where('id', '=', row.id).execute();
    const streamId = await appendEvent(trx, ref.id, pinned ? 'update.pinned' : 'update.unpinned', row.id);
    return { story: publicRef(ref), update: { ...row, pinned }, streamId, actorId: personOf(actor)?.id ?? null };
  });
  return announceUpdate(ctx, pinned ? 'live.update.pinned' : 'live.update.unpinned', change);
}

/** Makes an update a key event; the update must belong to the story named. */
export const pinUpdate = (ctx: AppContext, actor: Actor, input: { updateId: number; storyId: number }) => setPinned(ctx, actor, input, true);
export const unpinUpdate = (ctx: AppContext, actor: Actor, input: { updateId: number; storyId: number }) => setPinned(ctx, actor, input, false);

/** Publishes a contributor's update that waited for an editor; it takes its place by its approval time. */
export async function approveUpdate(ctx: AppContext, actor: Actor, input: { updateId: number; storyId?: number }): Promise<LiveUpdateChanged> {
  permit(actor, 'live.approve');
  const change = await ctx.store.db.transaction().execute(async (trx) => {
    const { row, ref } = await loadForChange(trx, input.updateId, input.storyId);
    if (row.status !== 'pending') throw conflict('That update is published already.', {}, 'not_pending');
    await trx.updateTable('live_updates').set({ status: 'published', published_at: now() }).where('id', '=', row.id).execute();
    const streamId = await appendEvent(trx, ref.id, 'update.posted', row.id);
    return { story: publicRef(ref), update: (await findUpdate(trx, row.id))!, streamId, actorId: personOf(actor)?.id ?? null };
  });
  return announceUpdate(ctx, 'live.update.approved', change);
}

