/** The site's fonts over real HTTP: named by the stylesheet with hashed URLs, served as woff2 for a year, one preloaded. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import http from 'node:http';
import zlib from 'node:zlib';
import { minifyAssets } from '../../scripts/build.mjs';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';

let server: TestServer;
before(async () => {
  await minifyAssets();
  server = await startTestServer({ seed: false });
});
after(async () => {
  await server?.stop();
});

/** A GET whose body comes back as sent (fetch would undo the compression this test checks). */
function rawGet(pathname: string, acceptEncoding: string): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(`${server.url}${pathname}`, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('site fonts', () => {
  it('are woff2 files from the font packages, linked from the stylesheet with hashed URLs and cached for a year', async () => {
    const home = await (await get(server, '/')).text();
    const cssUrl = /<link rel="stylesheet" href="([^"]+)"/.exec(home)?.[1];
    assert.ok(cssUrl, 'the page links its stylesheet');
    const css = await (await get(server, cssUrl)).text();
    const fontUrls = [...css.matchAll(/url\((\/assets\/[\w.-]+\.woff2\?v=[0-9a-f]{10})\)/g)].map((m) => m[1]!);
    assert.equal(fontUrls.length, 2, 'a text face and an interface face, each with its content hash');
    assert.match(css, /font-display:\s*swap/);
    let total = 0;
    for (const url of fontUrls) {
      const response = await get(server, url);
      assert.equal(response.status, 200, url);
      assert.equal(response.headers.get('content-type'), 'font/woff2');
      assert.match(response.headers.get('cache-control') ?? '', /max-age=31536000, immutable/);
      const body = Buffer.from(await response.arrayBuffer());
      assert.equal(body.subarray(0, 4).toString('latin1'), 'wOF2', `${url} is a woff2 file`);
      total += body.length;
    }
    assert.ok(total < 120 * 1024, `fonts stay under 120 KB together (${total} bytes)`);
  });

  it('preloads only the headline face, with the URL the stylesheet uses', async () => {
    const home = await (await get(server, '/')).text();
    const preloads = [...home.matchAll(/<link rel="preload" href="([^"]+)" as="font" type="font\/woff2" crossorigin="anonymous"\/?>/g)].map((m) => m[1]!);
    assert.equal(preloads.length, 1);
    assert.match(preloads[0]!, /source-serif-4/);
    const cssUrl = /<link rel="stylesheet" href="([^"]+)"/.exec(home)![1]!;
    assert.ok((await (await get(server, cssUrl)).text()).includes(preloads[0]!));
  });

  it('serves the stylesheet and scripts minified, and compressed for clients that accept it', async () => {
    const home = await (await get(server, '/')).text();
    const cssUrl = /<link rel="stylesheet" href="([^"]+)"/.exec(home)![1]!;
    const scriptUrl = /<script[^>]+src="(\/assets\/site\.js[^"]*)"/.exec(home)?.[1];
    assert.ok(scriptUrl, 'the page loads its script');
    for (const url of [cssUrl, scriptUrl]) {
      const plain = await rawGet(url, 'identity');
      assert.equal(plain.headers['content-encoding'], undefined);
      const text = plain.body.toString('utf8');
      assert.ok(text.length > 1000 && !text.includes('/*'), `${url} has no comments left`);
      assert.ok(!/\n\s{2,}/.test(text), `${url} has no indentation left`);
      for (const [encoding, decode] of [['br', zlib.brotliDecompressSync], ['gzip', zlib.gunzipSync]] as const) {
        const response = await rawGet(url, encoding);
        assert.equal(response.headers['content-encoding'], encoding, `${url} in ${encoding}`);
        assert.match(String(response.headers.vary), /accept-encoding/i);
        assert.ok(response.body.length < plain.body.length / 2, `${url}: ${encoding} ${response.body.length} bytes against ${plain.body.length}`);
        assert.ok(decode(response.body).equals(plain.body), `${url} in ${encoding} decodes to the same bytes`);
      }
    }
    // The same file asked for without its version: compressed for this client, plain for the next.
    assert.equal((await rawGet('/assets/site.css', 'br')).headers['content-encoding'], 'br');
    const next = await rawGet('/assets/site.css', 'identity');
    assert.equal(next.headers['content-encoding'], undefined);
    assert.ok(next.body.toString('utf8').includes(':root'), 'plain CSS');
  });

  it('answers 404 for names outside the asset folder and the font list', async () => {
    for (const name of ['..%2Fpackage.json', 'source-serif-4-latin-wght-italic.woff2', 'nothing.css']) {
      assert.equal((await get(server, `/assets/${name}`)).status, 404, name);
    }
  });
});
