import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { get, startTestServer, type TestServer } from '../../test/helpers/server.js';

let server: TestServer;

before(async () => {
  // Served behind TLS: the public address is https, as a proxy in front would make it.
  server = await startTestServer({ seed: false, env: { SITE_URL: 'https://news.example' } });
});
after(async () => {
  await server.stop();
});

describe('security headers and redirects', () => {
  it('sends HSTS, a CSP without inline script, frame-ancestors, nosniff and a referrer policy under https', async () => {
    const response = await get(server, '/');
    assert.match(response.headers.get('strict-transport-security') ?? '', /max-age=\d{7,}/);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
    assert.match(csp, /frame-ancestors 'self'/);
    assert.match(csp, /object-src 'none'/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
  });

  it('sends the same policy on pages, errors, assets, feeds and the API', async () => {
    const home = await get(server, '/');
    const policy = home.headers.get('content-security-policy');
    assert.ok(policy);
    const stylesheet = /href="(\/assets\/[^"]+\.css[^"]*)"/.exec(await home.text())?.[1];
    assert.ok(stylesheet, 'the home page links its stylesheet');
    for (const path of ['/no-such-page', stylesheet, '/feed.xml', '/api/v1/stories', '/newsroom/sign-in', '/healthz']) {
      const response = await get(server, path);
      await response.arrayBuffer();
      assert.equal(response.headers.get('content-security-policy'), policy, path);
      assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN', path);
      assert.equal(response.headers.get('cross-origin-resource-policy'), 'same-site', path);
    }
  });

  it('never redirects off the site, whatever the path looks like', async () => {
    const tricky = ['//evil.example/', '//evil.example/x/', '/%2F%2Fevil.example/', '/\\evil.example/', '/%5C%5Cevil.example/', '/world/', '///evil.example//',
      '/newsroom/sign-in?next=https://evil.example/', '/newsroom/sign-in?next=//evil.example', '/?p=https://evil.example'];
    for (const path of tricky) {
      const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (location === null) continue;
      assert.ok(location.startsWith('/') && !location.startsWith('//') && !location.startsWith('/\\'), `${path} → ${location}`);
    }
  });
});
