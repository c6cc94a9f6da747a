/** The demo newsroom cites its sources directory: a new user sees Sources boxes and source pages on first start, and the backfill proposes the rest. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../accounts/actor.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { backfillSources } from './backfill.js';
import { listProposals, listSources, storiesCiting } from './queries.js';

describe('the demo newsroom’s sources', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => server?.stop());

  it('stories cite directory sources, shown on the story and on the source page', async () => {
    const db = server.ctx.store.db;
    const { items } = await listSources(db, { limit: 200 });
    const cited = items.filter((s) => s.stories > 0);
    assert.ok(cited.length >= 15, `${cited.length} demo sources are cited`);
    assert.ok(items.some((s) => s.kind === 'person' && s.affiliation), 'people belong to organisations');
    const broadcaster = items.find((s) => s.name === 'Northern Broadcasting Service')!;
    const citing = await storiesCiting(db, broadcaster.id);
    assert.ok(citing.stories.length >= 1);
    const page = await (await get(server, `/source/${broadcaster.slug}`)).text();
    assert.match(page, /Broadcaster/);
    const story = citing.stories[0]!;
    const storyHtml = await (await get(server, `/${story.sectionSlug}/${story.publishedAt.slice(0, 4)}/${story.publishedAt.slice(5, 7)}/${story.slug}`)).text();
    assert.match(storyHtml, /class="sources-box"/);
    assert.match(storyHtml, /Northern Broadcasting Service/);
  });

  it('the backfill proposes the names the directory lacks', async () => {
    const result = await backfillSources(server.ctx, systemActor('test'));
    assert.ok(result.stories >= 40);
    const proposals = await listProposals(server.ctx.store.db);
    assert.ok(proposals.length >= 10, `${proposals.length} proposals`);
    assert.ok(proposals.some((p) => p.name === 'Harbour Monthly'));
    assert.ok(!proposals.some((p) => p.name === 'Northern Broadcasting Service'), 'names already in the directory are not proposed');
  });
});
