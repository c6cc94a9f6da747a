/** The site's fonts over real HTTP: named by the stylesheet with hashed URLs, served as woff2 for a year, one preloaded. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ seed: false });
});
after(async () => {
  await server?.stop();
});

describe('site fonts', () => {
  it('are woff2 files from the font packages, linked from the stylesheet with hashed URLs and cached for a year', async () => {
    const home = await (await get(server, '/')).text();
    const cssUrl = /<link rel="stylesheet" href="([^"]+)"/.exec(home)?.[1];
    assert.ok(cssUrl, 'the page links its stylesheet');
    const css = await (await get(server, cssUrl)).text();
    const fontUrls = [...css.matchAll(/url\((\/assets\/[\w.-]+\.woff2\?v=[0-9a-f]{10})\)/g)].map((m) => m[1]!);
    assert.equal(fontUrls.length, 2, 'a text face and an interface face, each with its content hash');
    assert.match(css, /font-display: swap/);
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

  it('answers 404 for names outside the asset folder and the font list', async () => {
    for (const name of ['..%2Fpackage.json', 'source-serif-4-latin-wght-italic.woff2', 'nothing.css']) {
      assert.equal((await get(server, `/assets/${name}`)).status, 404, name);
    }
  });
});
