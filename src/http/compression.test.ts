/** Answers over real HTTP are compressed for clients that accept it, whether or not the page cache had them. */
import assert from 'node:assert/strict';
import http from 'node:http';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server?.stop();
});

/** A GET whose body comes back as sent: fetch would undo the compression under test. */
function rawGet(pathname: string, acceptEncoding: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(`${server.url}${pathname}`, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

function decode(encoding: string | undefined, body: Buffer): string {
  if (encoding === 'br') return zlib.brotliDecompressSync(body).toString('utf8');
  if (encoding === 'gzip') return zlib.gunzipSync(body).toString('utf8');
  return body.toString('utf8');
}

describe('compression', () => {
  it("compresses a page's first render (a cache miss) as well as its cached copy, and leaves it plain for those who ask", async () => {
    const first = await rawGet('/world', 'br');
    assert.equal(first.status, 200);
    assert.equal(first.headers['x-page-cache'], 'miss');
    assert.equal(first.headers['content-encoding'], 'br');
    const page = decode('br', first.body);
    assert.match(page, /<\/html>/);
    assert.ok(first.body.length < Buffer.byteLength(page) / 2, `${first.body.length} bytes for ${Buffer.byteLength(page)}`);
    const plain = await rawGet('/world', 'identity');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString('utf8'), page, 'the cache stored the page itself, not the compressed bytes');
    const gzipped = await rawGet('/world', 'gzip');
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    assert.equal(decode('gzip', gzipped.body), page);
  });

  it('compresses answers the page cache never keeps: long searches, feeds, the API and the newsroom', async () => {
    const long = `/search?q=${'harbour '.repeat(45).trim().replace(/ /g, '+')}`;
    for (const path of [long, '/feed.atom', '/api/v1/stories', '/newsroom/sign-in']) {
      const response = await rawGet(path, 'gzip, br');
      assert.equal(response.status, 200, path);
      assert.equal(response.headers['content-encoding'], 'br', path);
      assert.match(String(response.headers.vary), /accept-encoding/i, path);
      assert.ok(decode('br', response.body).length > 1024, path);
    }
  });

  it('leaves small answers plain', async () => {
    const health = await rawGet('/healthz', 'br');
    assert.equal(health.status, 200);
    assert.equal(health.headers['content-encoding'], undefined);
  });
});
