/**
 * The sources commands on a real database (SQLite file, or PostgreSQL with TEST_DATABASE_URL): what they store, what
 * they refuse (storing nothing, announcing nothing), the citations a story's save records, and the backfill.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemActor } from '../accounts/actor.js';
import { createArticle, ensureSection, updateArticle } from '../content/articles.js';
import { CommandError, type RefusalKind } from '../errors.js';
import { startCommandBench, type CommandBench } from '../../test/helpers/commands.js';
import { backfillSources } from './backfill.js';
import { readAttributions } from './citations.js';
import { confirmProposal, createSource, dismissProposal, mergeSources, updateSource } from './commands.js';
import type { SourceChange } from './events.js';
import { citationsOf, findSourceBySlug, listProposals, listSources, storiesCiting } from './queries.js';

let bench: CommandBench;
let changes: SourceChange[] = [];
let sectionId: number;
let authorId: number;
const cli = systemActor('test');

async function refused(work: Promise<unknown>, kind: RefusalKind, pattern?: RegExp): Promise<CommandError> {
  changes = [];
  const error = await work.then(() => assert.fail(`expected a ${kind} refusal`), (thrown: unknown) => thrown);
  assert.ok(error instanceof CommandError, String(error));
  assert.equal(error.kind, kind, error.message);
  if (pattern) assert.match(error.message, pattern);
  assert.deepEqual(changes, [], 'a refusal announces nothing');
  return error;
}

function quote(words: string, name: string, ref = '', role = '', link = ''): string {
  const cite = ref ? `<cite data-source="${ref}">${name}</cite>` : `<cite>${name}</cite>`;
  return `<figure class="quote"><blockquote${link ? ` cite="${link}"` : ''}><p>${words}</p></blockquote><figcaption>${cite}${role ? `, ${role}` : ''}</figcaption></figure>`;
}

async function story(title: string, body: string, status: 'published' | 'draft' = 'published', publishedAt?: string): Promise<number> {
  return createArticle(bench.ctx.store.db, { title, bodyHtml: body, sectionId, status, authorIds: [authorId], ...(publishedAt ? { publishedAt } : {}) });
}

before(async () => {
  bench = await startCommandBench();
  bench.ctx.events.on('source.changed', (change) => changes.push(change));
  sectionId = await ensureSection(bench.ctx.store.db, { slug: 'world', name: 'World' });
  authorId = (await bench.person('author')).id;
});
after(async () => bench.close());

describe('the directory', () => {
  test('creates organisations, people and documents with slugs, in any script', async () => {
    changes = [];
    const agency = await createSource(bench.ctx, cli, { kind: 'organisation', name: 'Reuters', orgType: 'agency', url: 'https://www.reuters.com/' });
    assert.equal(agency.slug, 'reuters');
    assert.deepEqual(changes.map((c) => c.kind), ['created']);
    const ministry = await createSource(bench.ctx, cli, { kind: 'organisation', name: 'Министерство обороны', orgType: 'ministry' });
    assert.equal(ministry.slug, 'ministerstvo-oborony');
    assert.equal(ministry.name, 'Министерство обороны');
    const arabic = await createSource(bench.ctx, cli, { kind: 'organisation', name: 'وزارة الصحة', orgType: 'ministry' });
    assert.equal(arabic.slug, 'organisation');
    const chinese = await createSource(bench.ctx, cli, { kind: 'organisation', name: '新华社', orgType: 'agency' });
    assert.equal(chinese.slug, 'organisation-2');
    const person = await createSource(bench.ctx, cli, { kind: 'person', name: 'Lena Okafor', role: 'Spokesperson', affiliation: 'reuters' });
    assert.equal(person.affiliation?.name, 'Reuters');
    const report = await createSource(bench.ctx, cli, { kind: 'document', name: 'Annual Report 2026', affiliation: 'REUTERS', publishedOn: '2026-05-03', url: 'https://example.org/report.pdf' });
    assert.equal(report.affiliation?.id, agency.id);
    assert.equal(report.published_on, '2026-05-03');
    // Searched by any spelling and in any script.
    assert.deepEqual((await listSources(bench.ctx.store.db, { query: 'министерство' })).items.map((s) => s.name), ['Министерство обороны']);
    assert.deepEqual((await listSources(bench.ctx.store.db, { query: 'МИНИСТЕРСТВО' })).items.map((s) => s.name), ['Министерство обороны']);
    assert.deepEqual((await listSources(bench.ctx.store.db, { query: 'الصحة' })).items.map((s) => s.name), ['وزارة الصحة']);
    assert.deepEqual((await listSources(bench.ctx.store.db, { query: '新华' })).items.map((s) => s.name), ['新华社']);
    assert.deepEqual((await listSources(bench.ctx.store.db, { kind: 'person' })).items.map((s) => s.name), ['Lena Okafor']);
  });

  test('refuses bad input, storing nothing', async () => {
    const before = (await listSources(bench.ctx.store.db)).total;
    await refused(createSource(bench.ctx, cli, { kind: 'planet', name: 'Mars' }), 'invalid', /organisation, a person or a document/);
    await refused(createSource(bench.ctx, cli, { kind: 'organisation', name: '   ' }), 'invalid', /name is required/);
    await refused(createSource(bench.ctx, cli, { kind: 'organisation', name: '!!!' }), 'invalid', /letter or digit/);
    await refused(createSource(bench.ctx, cli, { kind: 'organisation', name: 'X', orgType: 'cult' }), 'invalid', /kind of organisation/);
    await refused(createSource(bench.ctx, cli, { kind: 'document', name: 'Y', publishedOn: '2026-02-30' }), 'invalid', /YYYY-MM-DD/);
    await refused(createSource(bench.ctx, cli, { kind: 'document', name: 'Y', url: 'javascript:alert(1)' }), 'invalid', /web address/);
    await refused(createSource(bench.ctx, cli, { kind: 'person', name: 'Z', affiliation: 'Nobody Inc' }), 'invalid', /no organisation called/);
    await refused(createSource(bench.ctx, cli, { kind: 'person', name: 'Z', affiliation: 'Lena Okafor' }), 'invalid', /not an organisation/);
    await refused(createSource(bench.ctx, cli, { kind: 'organisation', name: 'REUTERS', orgType: 'agency' }), 'conflict', /already in the directory/);
    await refused(createSource(bench.ctx, cli, { kind: 'organisation', name: 'Other', slug: 'reuters' }), 'conflict', /already lives at/);
    await refused(createSource(bench.ctx, cli, { kind: 'organisation', name: 'Other', slug: 'Not A Slug' }), 'invalid', /slug/);
    assert.equal((await listSources(bench.ctx.store.db)).total, before);
  });

  test('who may add and who may edit', async () => {
    const contributor = await bench.person('contributor');
    const added = await createSource(bench.ctx, contributor, { kind: 'organisation', name: 'Contributor Watch', orgType: 'monitoring' });
    await refused(updateSource(bench.ctx, contributor, added.id, { kind: 'organisation', name: 'Renamed', orgType: 'monitoring' }), 'forbidden');
    await refused(mergeSources(bench.ctx, contributor, added.id, { ref: 'reuters' }), 'forbidden');
    const editor = await bench.person('editor');
    changes = [];
    const edited = await updateSource(bench.ctx, editor, added.id, { kind: 'organisation', name: 'Contributors’ Watch', orgType: 'ngo', description: 'Watches.' });
    assert.equal(edited.name, 'Contributors’ Watch');
    assert.equal(edited.slug, 'contributor-watch', 'the slug stays');
    assert.deepEqual(changes.map((c) => [c.kind, c.paths]), [['updated', ['/source/contributor-watch']]]);
    // Renamed in another script: stored, searched and shown as typed; the address stays.
    for (const name of ['观察者协会', 'مرصد المساهمين', 'Наблюдатели']) {
      const renamed = await updateSource(bench.ctx, editor, added.id, { kind: 'organisation', name, orgType: 'ngo' });
      assert.equal(renamed.name, name);
      assert.equal(renamed.slug, 'contributor-watch');
      assert.deepEqual((await listSources(bench.ctx.store.db, { query: name.slice(0, 3) })).items.map((s) => s.name), [name], name);
    }
  });
});

describe('citations and merges', () => {
  test('a story save records what it cites, by id, slug or name; an unknown source is refused', async () => {
    const lena = (await findSourceBySlug(bench.ctx.store.db, 'lena-okafor'))!.source;
    const body = [
      quote('Prices rose by a third.', 'Lena Okafor', String(lena.id), 'Spokesperson', 'https://example.org/report.pdf'),
      '<p>The toll rose, <cite data-source="ministerstvo-oborony">the ministry</cite> said.</p>',
      quote('We saw it.', 'reuters'),
      quote('Nobody knows me.', 'Unknown Person'),
    ].join('');
    const id = await story('Prices rise', body, 'published', '2026-11-01T10:00:00.000Z');
    const cited = await citationsOf(bench.ctx.store.db, id);
    assert.deepEqual(cited.map((c) => c.source.name), ['Lena Okafor', 'Министерство обороны', 'Reuters']);
    assert.deepEqual(cited[0]!.quotes, [{ quote: 'Prices rose by a third.', role: 'Spokesperson', link: 'https://example.org/report.pdf' }]);
    await assert.rejects(
      updateArticle(bench.ctx.store.db, id, { title: 'Prices rise', bodyHtml: quote('x', 'Ghost', '999999'), sectionId, status: 'published', authorIds: [authorId] }),
      (error: unknown) => error instanceof CommandError && error.kind === 'invalid' && /not in the directory/.test(error.message),
    );
    assert.equal((await citationsOf(bench.ctx.store.db, id)).length, 3, 'the refused save changed nothing');
    const older = await story('Earlier', quote('Earlier words.', 'Reuters'), 'published', '2026-10-01T10:00:00.000Z');
    await story('A draft', quote('Draft words.', 'Reuters'), 'draft');
    const reuters = (await findSourceBySlug(bench.ctx.store.db, 'reuters'))!.source;
    const citing = await storiesCiting(bench.ctx.store.db, reuters.id);
    assert.deepEqual(citing.stories.map((s) => s.articleId), [id, older], 'published stories, newest first');
    assert.deepEqual(citing.stories[1]!.quotes.map((q) => q.quote), ['Earlier words.']);
  });

  test('merges move citations and leave a redirect; into itself or in a circle is refused', async () => {
    const editor = await bench.person('editor');
    const wire = await createSource(bench.ctx, editor, { kind: 'organisation', name: 'Reuters Wire Service', orgType: 'agency' });
    const wired = await story('Wired', quote('Wire words.', 'Reuters Wire Service', wire.slug));
    const reuters = (await findSourceBySlug(bench.ctx.store.db, 'reuters'))!.source;
    await refused(mergeSources(bench.ctx, editor, wire.id, { id: wire.id }), 'invalid', /into itself/);
    await refused(mergeSources(bench.ctx, editor, wire.id, { ref: 'Lena Okafor' }), 'invalid', /same kind/);
    await refused(mergeSources(bench.ctx, editor, wire.id, { ref: 'No Such Thing' }), 'invalid', /no source called/);
    changes = [];
    const merged = await mergeSources(bench.ctx, editor, wire.id, { ref: 'reuters' });
    assert.equal(merged.into.id, reuters.id);
    assert.equal(merged.moved, 1);
    assert.equal(changes[0]?.kind, 'merged');
    assert.ok(changes[0]!.articleIds.includes(wired));
    assert.deepEqual((await citationsOf(bench.ctx.store.db, wired)).map((c) => c.source.slug), ['reuters']);
    assert.deepEqual(await findSourceBySlug(bench.ctx.store.db, wire.slug).then((f) => [f?.source.slug, f?.redirectTo]), ['reuters', 'reuters']);
    // The old name now means Reuters when a story is saved again.
    const again = await story('Again', quote('More wire words.', 'reuters wire service'));
    assert.deepEqual((await citationsOf(bench.ctx.store.db, again)).map((c) => c.source.slug), ['reuters']);
    await refused(mergeSources(bench.ctx, editor, reuters.id, { id: wire.id }), 'invalid', /circular merge/);
    await refused(mergeSources(bench.ctx, editor, wire.id, { id: reuters.id }), 'conflict', /already merged/);
    assert.equal((await listSources(bench.ctx.store.db, { query: 'wire service' })).items[0]?.slug, 'reuters', 'merged names still find the source');
  });
});

describe('backfill', () => {
  test('proposes sources for unmatched attributions, grouping spellings; safe to re-run; the desk confirms or merges', async () => {
    await story('UN one', quote('A.', 'U.N.'));
    await story('UN two', quote('B.', 'UN') + quote('C.', 'Amnesty International'));
    await story('UN three', quote('D.', 'the U. N.'));
    await story('Amnesty', quote('E.', 'AMNESTY INTERNATIONAL'));
    await story('Agency', quote('F.', 'Reuters news agency'));
    const watched = await story('Watched', quote('G.', 'Human Rights Watch'));
    await createSource(bench.ctx, cli, { kind: 'organisation', name: 'Human Rights Watch', orgType: 'ngo' });
    const progress: number[] = [];
    const first = await backfillSources(bench.ctx, cli, { onProgress: (p) => progress.push(p.done) });
    assert.ok(progress.length >= 2 && progress.at(-1) === first.stories, `progress reported: ${progress.join(',')}`);
    const open = await listProposals(bench.ctx.store.db);
    const names = open.map((p) => p.name);
    assert.ok(names.includes('U.N.') || names.includes('UN'), names.join(', '));
    const un = open.find((p) => p.name_key === 'un')!;
    assert.equal(un.articleIds.length, 3);
    assert.deepEqual(new Set(un.variants), new Set(['U.N.', 'UN', 'the U. N.']));
    const amnesty = open.find((p) => p.name_key === 'amnesty international')!;
    assert.equal(amnesty.articleIds.length, 2);
    assert.ok(!open.some((p) => p.name_key === 'reuters'), '"Reuters news agency" already means Reuters');
    assert.equal(first.linked, 1, 'the story stored before its source was added is linked now');
    assert.deepEqual((await citationsOf(bench.ctx.store.db, watched)).map((c) => c.source.name), ['Human Rights Watch']);
    const second = await backfillSources(bench.ctx, cli);
    assert.equal(second.added, 0, 'a second run adds nothing');
    assert.equal((await listProposals(bench.ctx.store.db)).length, open.length);

    const editor = await bench.person('editor');
    const confirmed = await confirmProposal(bench.ctx, editor, un.id, { create: { kind: 'organisation', name: 'United Nations', orgType: 'international' } });
    assert.equal(confirmed.stories, 3);
    const unSource = confirmed.source;
    assert.equal((await storiesCiting(bench.ctx.store.db, unSource.id)).stories.length, 3);
    await refused(confirmProposal(bench.ctx, editor, un.id, { into: { id: unSource.id } }), 'conflict', /already confirmed/);
    await dismissProposal(bench.ctx, editor, amnesty.id);
    const third = await backfillSources(bench.ctx, cli);
    assert.equal(third.added, 0);
    assert.ok(!(await listProposals(bench.ctx.store.db)).some((p) => p.id === amnesty.id), 'a dismissed proposal stays dismissed');
  });

  test('reads quote blocks and inline attributions', () => {
    const found = readAttributions(`${quote('Words &amp; more.', 'A &amp; B', '', 'chief')}<p>It fell, <cite data-source="x">X</cite> said.</p><p><cite>A book title</cite></p>`);
    assert.deepEqual(found.map((a) => [a.kind, a.name, a.quote, a.role]), [
      ['quote', 'A & B', 'Words & more.', 'chief'],
      ['inline', 'X', 'It fell, X said.', ''],
    ]);
  });
});
