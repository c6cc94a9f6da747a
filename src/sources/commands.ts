/**
 * Commands of the sources directory: add, edit and merge sources, and confirm or dismiss what the backfill proposed.
 * Each authorizes, checks, writes in one transaction and announces one `source.changed` after commit.
 */
import type { Actor } from '../accounts/actor.js';
import { permit } from '../accounts/actor.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/index.js';
import { now } from '../db/index.js';
import type { Source, SourceKind } from '../db/schema.js';
import { conflict, invalid, notFound } from '../errors.js';
import { isSlug } from '../slugs.js';
import { resolveSourceRef, sourceIdForName, syncCitations } from './citations.js';
import { nameKey, sourceSlugBase } from './names.js';
import { articlesCiting, findProposal, findSourceById, kindLabels, orgTypes, sourceKinds, sourceLimits, sourcePath, type SourceEntry } from './queries.js';

export interface SourceInput {
  kind: string;
  name: string;
  /** Only when adding; '' makes one from the name. A source's slug is its public address and stays. */
  slug?: string;
  orgType?: string;
  role?: string;
  /** A person's organisation or a document's publisher: its id, slug or name ('' for none). */
  affiliation?: string;
  /** A document's date, YYYY-MM-DD. */
  publishedOn?: string;
  url?: string;
  description?: string;
}

interface CheckedInput {
  kind: SourceKind;
  name: string;
  key: string;
  org_type: string;
  role: string;
  affiliation: string;
  published_on: string;
  url: string;
  description: string;
}

function refuse(problems: Record<string, string>): never {
  throw invalid(Object.values(problems)[0] ?? 'Please check what you entered.', problems);
}

function clean(value: string | undefined): string {
  return (value ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !!url.hostname;
  } catch {
    return false;
  }
}

function checkInput(input: SourceInput): CheckedInput {
  const problems: Record<string, string> = {};
  const kind = input.kind as SourceKind;
  if (!sourceKinds.includes(kind)) problems.kind = 'Choose whether the source is an organisation, a person or a document.';
  const name = clean(input.name);
  const key = nameKey(name);
  if (!name) problems.name = 'A name is required.';
  else if (name.length > sourceLimits.name) problems.name = `Names can be at most ${sourceLimits.name} characters.`;
  else if (!key) problems.name = 'A name needs at least one letter or digit.';
  const orgType = kind === 'organisation' ? clean(input.orgType) || 'other' : '';
  if (kind === 'organisation' && !(orgType in orgTypes)) problems.orgType = `Choose what kind of organisation this is (${Object.keys(orgTypes).join(', ')}).`;
  const role = kind === 'person' ? clean(input.role) : '';
  if (role.length > sourceLimits.role) problems.role = `A role can be at most ${sourceLimits.role} characters.`;
  const publishedOn = kind === 'document' ? clean(input.publishedOn) : '';
  if (publishedOn && !isDate(publishedOn)) problems.publishedOn = 'Give the date as YYYY-MM-DD, for example 2026-05-03.';
  const url = clean(input.url);
  if (url && (url.length > sourceLimits.url || !isWebAddress(url))) problems.url = 'A link must be a web address starting with https:// or http://.';
  const description = (input.description ?? '').normalize('NFC').trim();
  if (description.length > sourceLimits.description) problems.description = `A description can be at most ${sourceLimits.description} characters.`;
  if (Object.keys(problems).length) refuse(problems);
  return { kind, name, key, org_type: orgType, role, affiliation: kind === 'organisation' ? '' : clean(input.affiliation), published_on: publishedOn, url, description };
}

/** A person's organisation or a document's publisher, by id, slug or name: it must be a live organisation. */
async function resolveAffiliation(db: Db, text: string, selfId: number | null): Promise<number | null> {
  if (!text) return null;
  const id = (await resolveSourceRef(db, text)) ?? (await sourceIdForName(db, text));
  const field = 'affiliation';
  if (id === null) throw invalid(`There is no organisation called “${text.slice(0, 80)}” in the directory. Add it first, then link to it.`, { [field]: 'No such organisation.' });
  if (id === selfId) throw invalid('A source cannot belong to itself.', { [field]: 'Choose another organisation.' });
  const row = await db.selectFrom('sources').select(['kind', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
  if (row.kind !== 'organisation') throw invalid(`“${row.name}” is a ${kindLabels[row.kind].toLowerCase()}, not an organisation.`, { [field]: 'Choose an organisation.' });
  return id;
}

async function uniqueSlug(db: Db, base: string): Promise<string> {
  const stem = base.slice(0, sourceLimits.slug - 8).replace(/-+$/, '') || 'source';
  for (let n = 1; ; n++) {
    const slug = n === 1 ? stem : `${stem}-${n}`;
    if (!(await db.selectFrom('sources').select('id').where('slug', '=', slug).executeTakeFirst())) return slug;
  }
}

/** Records a folded name as meaning this source, unless it already means another. */
async function claimKey(db: Db, key: string, sourceId: number): Promise<void> {
  if (!key) return;
  const taken = await db.selectFrom('source_keys').select('source_id').where('name_key', '=', key).executeTakeFirst();
  if (!taken) await db.insertInto('source_keys').values({ name_key: key, source_id: sourceId }).execute();
}

/** A live source of the same kind already known by this name, if any. */
async function sameNamed(db: Db, kind: SourceKind, key: string, exceptId: number | null): Promise<Source | null> {
  const id = await sourceIdForName(db, key);
  if (id === null || id === exceptId) return null;
  const row = await db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
  return row && row.kind === kind ? row : null;
}

async function insertSource(trx: Db, checked: CheckedInput, slugWanted: string, at: string): Promise<Source> {
  const twin = await sameNamed(trx, checked.kind, checked.key, null);
  if (twin) throw conflict(`“${twin.name}” is already in the directory (${sourcePath(twin.slug)}): use it, or give this one a name that tells them apart.`, { name: 'Already in the directory.' }, 'duplicate_source');
  let slug: string;
  if (slugWanted) {
    if (!isSlug(slugWanted) || slugWanted.length > sourceLimits.slug) refuse({ slug: 'A slug may contain lower-case letters, digits and single hyphens only.' });
    if (await trx.selectFrom('sources').select('id').where('slug', '=', slugWanted).executeTakeFirst()) throw conflict(`Another source already lives at ${sourcePath(slugWanted)}.`, { slug: 'Already used.' });
    slug = slugWanted;
  } else {
    slug = await uniqueSlug(trx, sourceSlugBase(checked.name, checked.kind));
  }
  const affiliationId = await resolveAffiliation(trx, checked.affiliation, null);
  const source = await trx
    .insertInto('sources')
    .values({
      kind: checked.kind,
      slug,
      name: checked.name,
      org_type: checked.org_type,
      role: checked.role,
      affiliation_id: affiliationId,
      published_on: checked.published_on,
      url: checked.url,
      description: checked.description,
      merged_into_id: null,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await claimKey(trx, checked.key, source.id);
  return source;
}

/** Command: add a source to the directory. */
export async function createSource(ctx: AppContext, actor: Actor, input: SourceInput): Promise<SourceEntry> {
  permit(actor, 'source.create');
  const checked = checkInput(input);
  const slugWanted = clean(input.slug).toLowerCase();
  const source = await ctx.store.db.transaction().execute((trx) => insertSource(trx, checked, slugWanted, now()));
  ctx.events.emit('source.changed', { kind: 'created', sourceIds: [source.id], paths: [], articleIds: [] });
  return (await findSourceById(ctx.store.db, source.id))!;
}

/** Command: edit or describe a source. Its slug stays; its old name keeps matching attributions written with it. */
export async function updateSource(ctx: AppContext, actor: Actor, id: number, input: SourceInput): Promise<SourceEntry> {
  permit(actor, 'source.manage');
  const checked = checkInput(input);
  const result = await ctx.store.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
    if (!current) throw notFound('That source');
    if (current.merged_into_id !== null) throw conflict('This source was merged into another; edit that one instead.', {}, 'merged');
    if (checked.kind !== current.kind && (await trx.selectFrom('sources').select('id').where('affiliation_id', '=', id).executeTakeFirst()) && current.kind === 'organisation') {
      throw conflict('People or documents belong to this organisation, so it must stay an organisation.', { kind: 'Still has people or documents.' });
    }
    const twin = await sameNamed(trx, checked.kind, checked.key, id);
    if (twin) throw conflict(`“${twin.name}” is already in the directory (${sourcePath(twin.slug)}): merge this source into it instead.`, { name: 'Already in the directory.' }, 'duplicate_source');
    const affiliationId = await resolveAffiliation(trx, checked.affiliation, id);
    await trx
      .updateTable('sources')
      .set({ kind: checked.kind, name: checked.name, org_type: checked.org_type, role: checked.role, affiliation_id: affiliationId, published_on: checked.published_on, url: checked.url, description: checked.description, updated_at: now() })
      .where('id', '=', id)
      .execute();
    await claimKey(trx, checked.key, id);
    return { slug: current.slug, articleIds: await articlesCiting(trx, [id]) };
  });
  ctx.events.emit('source.changed', { kind: 'updated', sourceIds: [id], paths: [sourcePath(result.slug)], articleIds: result.articleIds });
  return (await findSourceById(ctx.store.db, id))!;
}

/** The source to merge into: by id (API callers), or by the id, slug or name a person typed. */
export type SourceTarget = { id: number } | { ref: string };

/**
 * Command: merge one source into another. Its citations, names, people and documents move to the one kept; its row
 * stays as a redirect from its old address. Refused: into itself, into a source of another kind, a source already
 * merged, or a merge that would go round in a circle.
 */
export async function mergeSources(ctx: AppContext, actor: Actor, fromId: number, target: SourceTarget): Promise<{ into: SourceEntry; moved: number }> {
  permit(actor, 'source.manage');
  const result = await ctx.store.db.transaction().execute(async (trx) => {
    const from = await trx.selectFrom('sources').selectAll().where('id', '=', fromId).executeTakeFirst();
    if (!from) throw notFound('That source');
    let intoRow: Source | undefined;
    if ('id' in target) intoRow = await trx.selectFrom('sources').selectAll().where('id', '=', target.id).executeTakeFirst();
    else {
      const ref = clean(target.ref);
      const direct = ref ? await trx.selectFrom('sources').selectAll().where((eb) => eb.or([eb('slug', '=', ref.toLowerCase()), ...(/^[1-9]\d{0,9}$/.test(ref) ? [eb('id', '=', Number(ref))] : [])])).executeTakeFirst() : undefined;
      const byName = direct ? null : await (async () => {
        const key = nameKey(ref);
        const row = key ? await trx.selectFrom('source_keys').select('source_id').where('name_key', '=', key).executeTakeFirst() : undefined;
        return row ? trx.selectFrom('sources').selectAll().where('id', '=', row.source_id).executeTakeFirst() : undefined;
      })();
      intoRow = direct ?? byName ?? undefined;
    }
    const named = 'id' in target ? String(target.id) : clean(target.ref).slice(0, 80);
    if (!intoRow) throw invalid(`There is no source called “${named}” to merge into.`, { into: 'No such source.' });
    if (intoRow.id === from.id) throw invalid('A source cannot be merged into itself.', { into: 'Choose a different source.' });
    if (from.merged_into_id !== null) throw conflict(`“${from.name}” was already merged into another source.`, { into: 'Already merged.' }, 'merged');
    if (intoRow.merged_into_id !== null) {
      // Where does the chain from the target lead? Back to `from` would be a circle.
      let cursor: Source | undefined = intoRow;
      for (let hops = 0; cursor && cursor.merged_into_id !== null && hops < 20; hops++) {
        if (cursor.merged_into_id === from.id) {
          throw invalid(`That would be a circular merge: “${intoRow.name}” was merged into “${from.name}”.`, { into: 'Circular merge.' }, 'circular_merge');
        }
        cursor = await trx.selectFrom('sources').selectAll().where('id', '=', cursor.merged_into_id).executeTakeFirst();
      }
      const live = cursor && cursor.merged_into_id === null ? cursor : null;
      throw invalid(`“${intoRow.name}” was merged into ${live ? `“${live.name}”` : 'another source'}; merge into that one instead.`, { into: 'Already merged.' }, 'merged');
    }
    if (intoRow.kind !== from.kind) {
      throw invalid(`“${from.name}” is a ${kindLabels[from.kind].toLowerCase()} and “${intoRow.name}” a ${kindLabels[intoRow.kind].toLowerCase()}: only sources of the same kind can be merged.`, { into: 'A different kind of source.' });
    }
    const into = intoRow;
    const articleIds = await articlesCiting(trx, [from.id, into.id]);
    const moved = (await articlesCiting(trx, [from.id])).length;
    await trx.updateTable('story_sources').set({ source_id: into.id }).where('source_id', '=', from.id).execute();
    await trx.updateTable('source_keys').set({ source_id: into.id }).where('source_id', '=', from.id).execute();
    await trx.updateTable('sources').set({ affiliation_id: into.id }).where('affiliation_id', '=', from.id).execute();
    await trx.updateTable('sources').set({ merged_into_id: into.id }).where('merged_into_id', '=', from.id).execute();
    await trx.updateTable('source_proposals').set({ source_id: into.id }).where('source_id', '=', from.id).execute();
    const at = now();
    await trx.updateTable('sources').set({ merged_into_id: into.id, updated_at: at }).where('id', '=', from.id).execute();
    if (!into.description && from.description) await trx.updateTable('sources').set({ description: from.description, updated_at: at }).where('id', '=', into.id).execute();
    return { from, into, articleIds, moved };
  });
  ctx.events.emit('source.changed', {
    kind: 'merged',
    sourceIds: [fromId, result.into.id],
    paths: [sourcePath(result.from.slug), sourcePath(result.into.slug)],
    articleIds: result.articleIds,
  });
  return { into: (await findSourceById(ctx.store.db, result.into.id))!, moved: result.moved };
}

/** Re-reads the citations of these stories from their bodies (after names came to mean a source). */
async function resyncStories(trx: Db, articleIds: number[]): Promise<number[]> {
  const changed: number[] = [];
  for (const articleId of articleIds) {
    const article = await trx.selectFrom('articles').select('body_html').where('id', '=', articleId).executeTakeFirst();
    if (!article) continue;
    await syncCitations(trx, articleId, article.body_html);
    changed.push(articleId);
  }
  return changed;
}

export type ProposalDecision =
  /** Add a new source under the proposed name (or a corrected one). */
  | { create: SourceInput }
  /** The name means a source already in the directory. */
  | { into: SourceTarget };

/**
 * Command: the desk confirms a proposal. The name (and every spelling seen) then means the new or chosen source, and
 * the stories using it cite that source from now on.
 */
export async function confirmProposal(ctx: AppContext, actor: Actor, proposalId: number, decision: ProposalDecision): Promise<{ source: SourceEntry; stories: number }> {
  permit(actor, 'source.manage');
  const checked = 'create' in decision ? checkInput(decision.create) : null;
  const result = await ctx.store.db.transaction().execute(async (trx) => {
    const proposal = await findProposal(trx, proposalId);
    if (!proposal) throw notFound('That proposal');
    if (proposal.status !== 'open') throw conflict(`The proposal “${proposal.name}” was already ${proposal.status}.`, {}, 'decided');
    const at = now();
    let sourceId: number;
    if (checked) {
      sourceId = (await insertSource(trx, checked, '', at)).id;
    } else {
      const target = 'into' in decision ? decision.into : null;
      const id = target === null ? null : 'id' in target ? await resolveSourceRef(trx, String(target.id)) : (await resolveSourceRef(trx, clean(target.ref))) ?? (await sourceIdForName(trx, target.ref));
      if (id === null) throw invalid('Choose the source in the directory this name means.', { into: 'No such source.' });
      sourceId = id;
    }
    for (const key of new Set([proposal.name_key, ...proposal.variants.map(nameKey)])) await claimKey(trx, key, sourceId);
    await trx.updateTable('source_proposals').set({ status: 'confirmed', source_id: sourceId, updated_at: at }).where('id', '=', proposalId).execute();
    const stories = await resyncStories(trx, proposal.articleIds);
    const source = await trx.selectFrom('sources').select('slug').where('id', '=', sourceId).executeTakeFirstOrThrow();
    return { sourceId, slug: source.slug, stories };
  });
  ctx.events.emit('source.changed', { kind: 'proposals', sourceIds: [result.sourceId], paths: [sourcePath(result.slug)], articleIds: result.stories });
  return { source: (await findSourceById(ctx.store.db, result.sourceId))!, stories: result.stories.length };
}

/** Command: the desk dismisses a proposal (the name is not a source worth a page); a later backfill leaves it dismissed. */
export async function dismissProposal(ctx: AppContext, actor: Actor, proposalId: number): Promise<void> {
  permit(actor, 'source.manage');
  await ctx.store.db.transaction().execute(async (trx) => {
    const proposal = await findProposal(trx, proposalId);
    if (!proposal) throw notFound('That proposal');
    if (proposal.status !== 'open') throw conflict(`The proposal “${proposal.name}” was already ${proposal.status}.`, {}, 'decided');
    await trx.updateTable('source_proposals').set({ status: 'dismissed', updated_at: now() }).where('id', '=', proposalId).execute();
  });
  ctx.events.emit('source.changed', { kind: 'proposals', sourceIds: [], paths: [], articleIds: [] });
}
