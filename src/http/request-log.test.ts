/** What a server process prints per request: one short line on a terminal (LOG_FORMAT=pretty), one JSON line otherwise. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { startServerProcess, type ServerProcess } from '../../test/helpers/process.js';
import { prettyLine } from './request-log.js';

describe('request log lines', () => {
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  after(async () => {
    for (const server of servers) await server.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(format: string): Promise<ServerProcess> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-log-'));
    dirs.push(dataDir);
    const server = await startServerProcess({
      GAZETTE_DATA_DIR: dataDir, DATABASE_URL: `sqlite://${path.join(dataDir, 'gazette.db')}`, GAZETTE_DEMO: 'false', LOG_LEVEL: 'info', LOG_FORMAT: format, PAGE_CACHE_MB: '0',
    });
    servers.push(server);
    return server;
  }

  /** Asks for a page, a page that is not there, and two static files; returns the output those requests added. */
  async function browse(server: ServerProcess): Promise<string[]> {
    // A line is written just after its answer is sent: wait for it before counting what follows.
    const lineFor = async (pathname: string, from: number) => {
      for (let waited = 0; !server.output().slice(from).includes(`${pathname} `) && !server.output().slice(from).includes(`"url":"${pathname}"`); waited++) {
        if (waited > 400) throw new Error(`no log line for ${pathname}:\n${server.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const start = server.output().length;
    const home = await fetch(`${server.url}/`);
    const stylesheet = /href="(\/assets\/[^"]+\.css[^"]*)"/.exec(await home.text())?.[1];
    assert.ok(stylesheet);
    await lineFor('/', start);
    const before = server.output().length;
    for (const pathname of ['/archive', '/no-such-page', stylesheet, '/newsroom/sign-in', stylesheet, '/healthz']) await (await fetch(`${server.url}${pathname}`)).arrayBuffer();
    await lineFor('/healthz', before);
    return server.output().slice(before).split('\n').filter(Boolean).filter((line) => !line.includes('/healthz'));
  }

  it('prints one short line per page and none for static files with LOG_FORMAT=pretty', async () => {
    const lines = await browse(await start('pretty'));
    assert.equal(lines.length, 3, lines.join('\n'));
    assert.match(lines[0]!, /^GET \/archive 200 \d+\.\d ms$/);
    assert.match(lines[1]!, /^GET \/no-such-page 404 \d+\.\d ms$/);
    assert.match(lines[2]!, /^GET \/newsroom\/sign-in 200 \d+\.\d ms$/);
  });

  it('prints one JSON line per request with LOG_FORMAT=json', async () => {
    const lines = await browse(await start('json'));
    assert.equal(lines.length, 5, lines.join('\n'));
    const records = lines.map((line) => JSON.parse(line) as { req: { method: string; url: string }; res: { statusCode: number }; responseTime: number });
    assert.deepEqual(records.map((r) => r.res.statusCode), [200, 404, 200, 200, 200]);
    assert.equal(records[1]!.req.url, '/no-such-page');
    for (const record of records) assert.equal(typeof record.responseTime, 'number');
  });

  it('shows warnings and errors readably, with the stack', () => {
    assert.equal(prettyLine('{"level":30,"msg":"Server listening at http://127.0.0.1:3000"}'), 'Server listening at http://127.0.0.1:3000');
    assert.equal(prettyLine('{"level":50,"msg":"request failed","err":{"message":"boom","stack":"Error: boom\\n    at x"}}'), 'ERROR request failed\nError: boom\n    at x');
    assert.equal(prettyLine('{"level":40,"msg":"AVIF variants for media 3 were not made"}'), 'WARN AVIF variants for media 3 were not made');
  });
});
