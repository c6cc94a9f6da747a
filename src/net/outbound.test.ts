/** The outbound rules against a real HTTP server on 127.0.0.1: what is refused before any connection, what is allowed, and redirects hop by hop. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startReceiver, type Receiver } from '../../test/helpers/receiver.js';
import { loadConfig } from '../config.js';
import { addressProblem, fetchOutbound, OutboundFailed, outboundPolicy, OutboundRefused, outboundUrlProblem, type OutboundPolicy } from './outbound.js';

interface Hit {
  method: string;
  path: string;
  host: string;
  body: string;
}

let receiver: Receiver;
let port = 0;
const hits: Hit[] = [];
const nobody: OutboundPolicy = outboundPolicy(loadConfig({}));
const loopbackAllowed: OutboundPolicy = outboundPolicy(loadConfig({ GAZETTE_OUTBOUND_ALLOW: '127.0.0.1' }));
const request = { timeoutMs: 10_000, maxBytes: 10_000 };

before(async () => {
  receiver = await startReceiver((incoming, body, outgoing) => {
    const path = incoming.url ?? '/';
    hits.push({ method: incoming.method ?? '', path, host: incoming.headers.host ?? '', body });
    const redirect = /^\/redirect\/(\d{3})\?to=(.*)$/.exec(path);
    if (redirect) outgoing.writeHead(Number(redirect[1]), { location: decodeURIComponent(redirect[2] ?? '') }).end();
    else if (path === '/loop') outgoing.writeHead(302, { location: '/loop' }).end();
    else outgoing.writeHead(200, { 'content-type': 'text/plain' }).end(`${incoming.method} ${path} ${body}`);
  });
  port = receiver.port;
});

after(async () => {
  await receiver?.close();
});

const refusedWith = (pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof OutboundRefused, `refused, not ${String(error)}`);
  assert.match(error.reason, pattern);
  return true;
};

describe('addresses', () => {
  const refused: [string, RegExp][] = [
    ['127.0.0.1', /loopback/], ['127.255.0.9', /loopback/], ['::1', /loopback/], ['::ffff:127.0.0.1', /loopback/],
    ['10.1.2.3', /private/], ['172.16.0.1', /private/], ['172.31.255.255', /private/], ['192.168.1.1', /private/], ['fd12:3456::1', /private/], ['::ffff:10.0.0.1', /private/],
    ['169.254.169.254', /link-local/], ['fe80::1', /link-local/], ['fe80::1%eth0', /link-local/],
    ['100.64.0.1', /carrier-grade/], ['0.0.0.0', /unspecified/], ['::', /unspecified/],
    ['224.0.0.1', /multicast/], ['ff02::1', /multicast/], ['255.255.255.255', /reserved/],
    ['64:ff9b::7f00:1', /loopback.*127\.0\.0\.1 inside/], ['2002:c0a8:101::1', /private.*192\.168\.1\.1 inside/],
  ];
  it('refuses loopback, private, link-local, shared, unspecified, multicast and reserved addresses, in every IPv6 form', () => {
    assert.ok(refused.length > 0);
    for (const [address, reason] of refused) assert.match(addressProblem(address) ?? 'allowed', reason, address);
  });

  it('lets public addresses through', () => {
    const open = ['93.184.216.34', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '64:ff9b::5db8:d822', '2002:5db8:d822::1'];
    for (const address of open) assert.equal(addressProblem(address), null, address);
  });
});

describe('requests refused by default', () => {
  it('never connect: loopback literals, localhost, IPv6 loopback, decimal, octal and short IPv4 forms, other schemes', async () => {
    const urls: [string, RegExp][] = [
      [`http://127.0.0.1:${port}/literal`, /^127\.0\.0\.1 is a loopback address.*GAZETTE_OUTBOUND_ALLOW/],
      [`http://localhost:${port}/name`, /^localhost \((127\.0\.0\.1|::1)\) is a loopback address/],
      [`http://LOCALHOST.:${port}/name-dot`, /^localhost \(.*\) is a loopback address/],
      [`http://[::1]:${port}/ipv6`, /^::1 is a loopback address/],
      [`http://[::ffff:127.0.0.1]:${port}/mapped`, /loopback/],
      [`http://2130706433:${port}/decimal`, /^127\.0\.0\.1 is a loopback/],
      [`http://0177.0.0.1:${port}/octal`, /^127\.0\.0\.1 is a loopback/],
      [`http://0x7f.1:${port}/hex`, /^127\.0\.0\.1 is a loopback/],
      [`http://127.1:${port}/short`, /^127\.0\.0\.1 is a loopback/],
      [`http://0.0.0.0:${port}/any`, /unspecified/],
      [`http://169.254.169.254/latest/meta-data/`, /link-local/],
      [`ftp://127.0.0.1:${port}/file`, /Only http:\/\/ and https:\/\//],
      ['file:///etc/passwd', /Only http:\/\/ and https:\/\//],
    ];
    assert.ok(urls.length > 0);
    for (const [url, reason] of urls) {
      await assert.rejects(fetchOutbound(url, request, nobody), refusedWith(reason), url);
      assert.match((await outboundUrlProblem(url, nobody)) ?? 'accepted', reason, `saving ${url}`);
    }
    assert.deepEqual(hits, [], 'nothing reached the receiver');
  });

  it('an allowed host may redirect only to addresses that pass the same check', async () => {
    hits.length = 0;
    const to = encodeURIComponent(`http://localhost:${port}/inside`);
    await assert.rejects(fetchOutbound(`http://127.0.0.1:${port}/redirect/302?to=${to}`, request, loopbackAllowed), refusedWith(/^localhost \(.*\) is a loopback address/));
    const ipv6 = encodeURIComponent(`http://[::1]:${port}/inside`);
    await assert.rejects(fetchOutbound(`http://127.0.0.1:${port}/redirect/307?to=${ipv6}`, request, loopbackAllowed), refusedWith(/^::1 is a loopback/));
    const scheme = encodeURIComponent('file:///etc/passwd');
    await assert.rejects(fetchOutbound(`http://127.0.0.1:${port}/redirect/301?to=${scheme}`, request, loopbackAllowed), refusedWith(/Only http/));
    assert.deepEqual(hits.map((h) => h.path.split('?')[0]), ['/redirect/302', '/redirect/307', '/redirect/301'], 'only the allowed first hops were made');
  });
});

describe('requests to allowed hosts', () => {
  it('are made, to the host named, with the body', async () => {
    hits.length = 0;
    const response = await fetchOutbound(`http://127.0.0.1:${port}/hello`, { ...request, method: 'POST', body: 'ping', headers: { 'content-type': 'text/plain' } }, loopbackAllowed);
    assert.equal(response.status, 200);
    assert.equal(response.body.toString(), 'POST /hello ping');
    assert.deepEqual(hits, [{ method: 'POST', path: '/hello', host: `127.0.0.1:${port}`, body: 'ping' }]);
  });

  it('follow redirects: 307 and 308 keep the POST and its body, 303 turns it into a GET, keepMethod stops there', async () => {
    const post = { ...request, method: 'POST' as const, body: 'event', headers: { 'content-type': 'application/json' } };
    const kept = await fetchOutbound(`http://127.0.0.1:${port}/redirect/308?to=%2Fafter-308`, post, loopbackAllowed);
    assert.equal(kept.body.toString(), 'POST /after-308 event');
    assert.equal(kept.url, `http://127.0.0.1:${port}/after-308`);
    const seeOther = await fetchOutbound(`http://127.0.0.1:${port}/redirect/303?to=%2Fafter-303`, post, loopbackAllowed);
    assert.equal(seeOther.body.toString(), 'GET /after-303 ');
    const stopped = await fetchOutbound(`http://127.0.0.1:${port}/redirect/303?to=%2Fnever`, { ...post, keepMethod: true }, loopbackAllowed);
    assert.equal(stopped.status, 303);
    assert.ok(!hits.some((h) => h.path === '/never'));
  });

  it('give up after the redirect limit', async () => {
    hits.length = 0;
    await assert.rejects(fetchOutbound(`http://127.0.0.1:${port}/loop`, { ...request, maxRedirects: 3 }, loopbackAllowed), (error: unknown) => {
      assert.ok(error instanceof OutboundFailed);
      assert.match(error.message, /More than 3 redirects/);
      return true;
    });
    assert.equal(hits.length, 4, 'the first request and three redirects');
  });

  it('refuse an answer larger than asked for', async () => {
    await assert.rejects(fetchOutbound(`http://127.0.0.1:${port}/${'x'.repeat(100)}`, { ...request, maxBytes: 20 }, loopbackAllowed), OutboundFailed);
  });
});
