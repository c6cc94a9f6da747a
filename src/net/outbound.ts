/**
 * Requests Gazette makes to other servers on someone's behalf (webhook deliveries). Only http(s) to public addresses:
 * the host is resolved first and refused when any of its addresses is loopback, private, link-local, shared (CGNAT),
 * multicast, unspecified or reserved (IPv4-mapped and NAT64 forms included); the connection then goes to the
 * address that was checked, so a second DNS answer cannot swap in another one. Redirects are followed by hand,
 * each hop checked the same way. Hosts named in GAZETTE_OUTBOUND_ALLOW skip the address check (a receiver on the
 * same machine, tests). Nothing here knows about Fastify or HTTP error pages.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Config } from '../config.js';

export interface OutboundPolicy {
  /** Host names and addresses (lower case, IPv6 without brackets) whose addresses are not checked. */
  allow: ReadonlySet<string>;
}

/** The variable that lists allowed hosts, named in refusals so people know what to change. */
export const allowVariable = 'GAZETTE_OUTBOUND_ALLOW';

export function outboundPolicy(config: Pick<Config, 'outboundAllow'>): OutboundPolicy {
  return { allow: new Set(config.outboundAllow) };
}

/** A request Gazette will not make; `reason` says why in words an admin can act on. */
export class OutboundRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'OutboundRefused';
  }
}

/** Any other failure of an outbound request (no answer in time, too many redirects, a body too large). */
export class OutboundFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundFailed';
  }
}

function blockList(ipv4: string[], ipv6: string[]): net.BlockList {
  const list = new net.BlockList();
  for (const range of ipv4) {
    const [address = '', bits] = range.split('/');
    list.addSubnet(address, Number(bits), 'ipv4');
  }
  for (const range of ipv6) {
    const [address = '', bits] = range.split('/');
    list.addSubnet(address, Number(bits), 'ipv6');
  }
  return list;
}

/**
 * Refused ranges, most specific name first (::1 is loopback before it is in ::/96). net.BlockList matches the
 * IPv4-mapped form (::ffff:a.b.c.d) of an address against the IPv4 ranges itself.
 */
const refusedRanges: [string, net.BlockList][] = [
  ['an unspecified address', blockList(['0.0.0.0/8'], ['::/128'])],
  ['a loopback address', blockList(['127.0.0.0/8'], ['::1/128'])],
  ['a private address', blockList(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'], ['fc00::/7'])],
  ['a link-local address', blockList(['169.254.0.0/16'], ['fe80::/10'])],
  ['a shared (carrier-grade NAT) address', blockList(['100.64.0.0/10'], [])],
  ['a multicast address', blockList(['224.0.0.0/4'], ['ff00::/8'])],
  [
    'a reserved address',
    blockList(
      ['192.0.0.0/24', '192.0.2.0/24', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '240.0.0.0/4'],
      ['::/96', '100::/64', '2001::/32', '2001:db8::/32', 'fec0::/10'],
    ),
  ],
];

/** NAT64 prefixes carry an IPv4 address in their last 32 bits; 6to4 carries one in bits 16 to 48. */
const nat64 = blockList([], ['64:ff9b::/96', '64:ff9b:1::/48']);
const sixToFour = blockList([], ['2002::/16']);

/** The eight 16-bit groups of an IPv6 address. */
function ipv6Groups(address: string): number[] {
  // The URL parser writes IPv6 in canonical hex form (a dotted IPv4 tail becomes two groups).
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [left = '', right] = canonical.split('::');
  const head = left ? left.split(':') : [];
  const tail = right ? right.split(':') : [];
  const zeros = right === undefined ? [] : Array<string>(8 - head.length - tail.length).fill('0');
  return [...head, ...zeros, ...tail].map((group) => parseInt(group, 16));
}

function ipv4From(high: number, low: number): string {
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Why Gazette may not connect to this IP address, or null when it may. */
export function addressProblem(address: string): string | null {
  const ip = address.replace(/%.*$/, '');
  const family = net.isIP(ip);
  if (family === 0) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const [name, list] of refusedRanges) if (list.check(ip, type)) return name;
  if (family === 6) {
    const groups = ipv6Groups(ip);
    const embedded = nat64.check(ip, 'ipv6') ? ipv4From(groups[6] ?? 0, groups[7] ?? 0) : sixToFour.check(ip, 'ipv6') ? ipv4From(groups[1] ?? 0, groups[2] ?? 0) : null;
    const inner = embedded ? addressProblem(embedded) : null;
    if (inner) return `${inner} (${embedded} inside an IPv6 address)`;
  }
  return null;
}

/** The host of a URL as the allow list spells it: lower case, IPv6 without brackets, no trailing dot. */
export function hostKey(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

interface Pinned {
  url: URL;
  address: string;
  family: number;
}

function parse(raw: string | URL): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefused(`${String(raw)} is not a web address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefused(`Only http:// and https:// addresses are fetched, not ${url.protocol}//.`);
  return url;
}

/** Every address of a host; given up on (OutboundFailed) when the signal fires first. */
function lookupAll(host: string, signal?: AbortSignal): Promise<dns.LookupAddress[]> {
  const lookup = dns.promises.lookup(host, { all: true, verbatim: true });
  if (!signal) return lookup;
  return new Promise((resolve, reject) => {
    const stop = () => reject(new OutboundFailed(`No address for ${host} in time.`));
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    lookup.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/**
 * Checks a URL and resolves its host: the address to connect to, or OutboundRefused naming the reason.
 * DNS failures are thrown as they come (code ENOTFOUND and the like).
 */
export async function resolveOutbound(raw: string | URL, policy: OutboundPolicy, signal?: AbortSignal): Promise<Pinned> {
  const url = parse(raw);
  const host = hostKey(url.hostname);
  const allowed = policy.allow.has(host);
  const refuse = (address: string, problem: string) => {
    const what = net.isIP(host) ? host : `${host} (${address})`;
    return new OutboundRefused(`${what} is ${problem}; Gazette only sends to public addresses unless the host is listed in ${allowVariable}.`);
  };
  if (net.isIP(host)) {
    const problem = allowed ? null : addressProblem(host);
    if (problem) throw refuse(host, problem);
    return { url, address: host, family: net.isIP(host) };
  }
  const addresses = await lookupAll(host, signal);
  if (addresses.length === 0) throw new OutboundFailed(`${host} has no address.`);
  if (!allowed) {
    // Every address is checked: the connection may use any of them.
    for (const { address } of addresses) {
      const problem = addressProblem(address);
      if (problem) throw refuse(address, problem);
    }
  }
  const [first] = addresses;
  return { url, address: first!.address, family: first!.family };
}

/** Checks an address someone is about to save (a webhook endpoint): a message when it will be refused, else null. */
export async function outboundUrlProblem(raw: string, policy: OutboundPolicy): Promise<string | null> {
  try {
    await resolveOutbound(raw, policy, AbortSignal.timeout(5_000));
    return null;
  } catch (error) {
    if (error instanceof OutboundRefused) return error.message;
    // A name that does not resolve today is not refused: deliveries check again, and their log says what happened.
    return null;
  }
}

export interface OutboundRequest {
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** For the whole exchange, redirects included. */
  timeoutMs: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /**
   * When a redirect would turn the request into a GET without its body (301, 302, 303 after a POST), answer with the
   * redirect instead of following it: a webhook must not count a bodiless GET as its delivery.
   */
  keepMethod?: boolean;
  /** Bytes of the answer's body to keep; more is a failure. Default 0: the body is read and dropped. */
  maxBytes?: number;
}

export interface OutboundResponse {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  /** The address that answered, after redirects. */
  url: string;
  body: Buffer;
}

/** A DNS lookup that answers with the address already checked, whatever it is asked. */
function pinnedLookup(address: string, family: number): net.LookupFunction {
  return ((_hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as net.LookupFunction;
}

function once(pinned: Pinned, request: OutboundRequest, method: string, body: string | Buffer | undefined, signal: AbortSignal): Promise<OutboundResponse> {
  const { url } = pinned;
  const client = url.protocol === 'https:' ? https : http;
  const headers: Record<string, string | number> = {};
  // A redirect that turned the request into a GET drops the body and the headers that described it.
  for (const [name, value] of Object.entries(request.headers ?? {})) if (body !== undefined || !/^content-/i.test(name)) headers[name] = value;
  if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
  const limit = request.maxBytes ?? 0;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(
      {
        protocol: url.protocol,
        hostname: hostKey(url.hostname),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method,
        headers,
        lookup: pinnedLookup(pinned.address, pinned.family),
        agent: false,
        signal,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (limit === 0) return;
          if (size > limit) {
            incoming.destroy();
            reject(new OutboundFailed(`The answer is larger than ${limit} bytes.`));
            return;
          }
          chunks.push(chunk);
        });
        incoming.on('error', reject);
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, statusText: incoming.statusMessage ?? '', headers: incoming.headers, url: url.href, body: Buffer.concat(chunks) }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * Makes one request to another server under the outbound rules: checks and pins every hop's address and follows
 * redirects by hand. Throws OutboundRefused for a refused address or scheme (first hop or any redirect),
 * OutboundFailed for a timeout or too many redirects, and network errors (ECONNREFUSED, ENOTFOUND...) as they come.
 */
export async function fetchOutbound(raw: string | URL, request: OutboundRequest, policy: OutboundPolicy): Promise<OutboundResponse> {
  const signal = AbortSignal.timeout(request.timeoutMs);
  const maxRedirects = request.maxRedirects ?? 5;
  let method: string = request.method ?? 'GET';
  let body = request.body;
  let target: string | URL = raw;
  try {
    for (let hop = 0; ; hop++) {
      const pinned = await resolveOutbound(target, policy, signal);
      const response = await once(pinned, request, method, body, signal);
      const location = response.headers.location;
      if (![301, 302, 303, 307, 308].includes(response.status) || !location) return response;
      const dropsBody = response.status === 303 ? method !== 'GET' && method !== 'HEAD' : response.status <= 302 && method === 'POST';
      if (dropsBody && request.keepMethod) return response;
      if (hop >= maxRedirects) throw new OutboundFailed(`More than ${maxRedirects} redirects, the last to ${location}.`);
      target = new URL(location, pinned.url);
      if (dropsBody) {
        method = 'GET';
        body = undefined;
      }
    }
  } catch (error) {
    if (signal.aborted && !(error instanceof OutboundRefused)) throw new OutboundFailed(`No answer within ${request.timeoutMs / 1000} s.`);
    throw error;
  }
}
