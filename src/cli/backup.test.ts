import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../config.js';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { fixturesDir, runGazette } from '../importers/testing.js';
import { startServer, type RunningServer } from './serve.js';

describe('gazette backup and restore', () => {
  let server: TestServer;
  let restarted: RunningServer | null = null;
  let serverOpen = true;
  let dir: string;
  const storyPath = '/ferries/2026/02/night-ferry-returns';

  before(async () => {
    server = await startTestServer({ seed: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-backup-'));
    const imported = await runGazette(server, ['import', 'wordpress', path.join(fixturesDir, 'full-1.2.xml'), '--quiet']);
    assert.equal(imported.code, 3, `imported, with the fixture's unimportable items skipped: ${imported.stderr}`);
  });
  after(async () => {
    await restarted?.close();
    // A failure before the test closed the server must not leave it listening, or the test process never ends.
    if (serverOpen) await server.close();
    await server.database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backs up a live site and restores it after the content changed', async () => {
    const file = path.join(dir, 'site.backup');
    const backup = await runGazette(server, ['backup', '--out', file]);
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /Backed up to .*site\.backup/);
    assert.equal((await runGazette(server, ['backup', '--out', file])).code, 1, 'an existing backup is never overwritten');

    const db = server.ctx.store.db;
    await db.deleteFrom('comments').execute();
    await db.updateTable('articles').set({ title: 'Overwritten by mistake' }).execute();
    assert.equal((await runGazette(server, ['import', 'wordpress', path.join(fixturesDir, 'v1.0.xml'), '--quiet'])).code, 0);
    await server.close();
    serverOpen = false;

    const unconfirmed = await runGazette(server, ['restore', file]);
    assert.equal(unconfirmed.code, 2);
    assert.match(unconfirmed.stderr, /add --yes/);
    const notBackup = await runGazette(server, ['restore', path.join(fixturesDir, 'v1.0.xml'), '--yes']);
    assert.equal(notBackup.code, 1);
    assert.match(notBackup.stderr, /is not a Gazette backup/);

    const restore = await runGazette(server, ['restore', file, '--yes']);
    assert.equal(restore.code, 0, restore.stderr);
    assert.match(restore.stdout, /Restored .*: 10 stories/);

    restarted = await startServer(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', GAZETTE_DATA_DIR: server.database.dataDir, DATABASE_URL: server.database.url, GAZETTE_DEMO: 'false', LOG_LEVEL: 'silent' }),
      { quiet: true },
    );
    const address = restarted.app.server.address();
    const site = { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
    const page = await get(site, storyPath);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Night ferry returns after the storm/);
    assert.doesNotMatch(html, /Overwritten by mistake/);
    assert.match(html, /Finally!/, 'comments are back');
    assert.equal((await get(site, '/news/2009/05/first-post')).status, 404, 'content added after the backup is gone');
    assert.equal((await get(site, '/index.php?p=101')).headers.get('location'), storyPath, 'redirects are back');
  });
});
