/**
 * A DKIM verifier for tests (RFC 6376, rsa-sha256, simple and relaxed canonicalisation), written from the RFC with
 * node:crypto so that it shares no code with the signer it checks. The public key is given instead of looked up in
 * DNS. Returns the problem, or null when the signature verifies.
 */
import { createHash, verify, type KeyObject } from 'node:crypto';

interface HeaderField {
  name: string;
  /** The whole field as it stands in the message, folding included, without the final CRLF. */
  raw: string;
}

function splitMessage(raw: string): { headers: HeaderField[]; body: string } {
  const message = raw.replace(/\r?\n/g, '\r\n');
  const end = message.indexOf('\r\n\r\n');
  const head = end < 0 ? message : message.slice(0, end);
  const body = end < 0 ? '' : message.slice(end + 4);
  const headers: HeaderField[] = [];
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && headers.length) headers[headers.length - 1]!.raw += `\r\n${line}`;
    else headers.push({ name: line.slice(0, line.indexOf(':')).trim().toLowerCase(), raw: line });
  }
  return { headers, body };
}

function canonicalHeader(field: HeaderField, relaxed: boolean): string {
  if (!relaxed) return field.raw;
  const value = field.raw.slice(field.raw.indexOf(':') + 1).replace(/\r\n(?=[ \t])/g, '').replace(/[ \t]+/g, ' ').trim();
  return `${field.name}:${value}`;
}

function canonicalBody(body: string, relaxed: boolean): string {
  let lines = body.split('\r\n');
  if (relaxed) lines = lines.map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return relaxed ? '' : '\r\n';
  return `${lines.join('\r\n')}\r\n`;
}

export interface DkimResult {
  domain: string;
  selector: string;
  signedHeaders: string[];
}

export function verifyDkim(raw: string, publicKey: KeyObject | string): DkimResult {
  const { headers, body } = splitMessage(raw);
  const signature = headers.find((h) => h.name === 'dkim-signature');
  if (!signature) throw new Error('no DKIM-Signature header');
  const tagText = signature.raw.slice(signature.raw.indexOf(':') + 1).replace(/\s+/g, '');
  const tags = new Map(tagText.split(';').filter(Boolean).map((t) => [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)]));
  if (tags.get('v') !== '1') throw new Error(`DKIM version ${tags.get('v')}`);
  if (tags.get('a') !== 'rsa-sha256') throw new Error(`algorithm ${tags.get('a')}`);
  const [headerMode = 'simple', bodyMode = 'simple'] = (tags.get('c') ?? 'simple/simple').split('/');
  let canonBody = canonicalBody(body, bodyMode === 'relaxed');
  if (tags.has('l')) canonBody = canonBody.slice(0, Number(tags.get('l')));
  const bodyHash = createHash('sha256').update(canonBody, 'utf8').digest('base64');
  if (bodyHash !== tags.get('bh')) throw new Error(`body hash ${bodyHash} is not the signed ${tags.get('bh')}`);
  const signedHeaders = (tags.get('h') ?? '').toLowerCase().split(':').filter(Boolean);
  // A name listed n times signs its n last instances, from the bottom up; a name with no instance left signs nothing.
  const used = new Map<string, number>();
  const lines: string[] = [];
  for (const name of signedHeaders) {
    const instances = headers.filter((h) => h.name === name && h !== signature);
    const n = used.get(name) ?? 0;
    used.set(name, n + 1);
    const field = instances[instances.length - 1 - n];
    if (field) lines.push(`${canonicalHeader(field, headerMode === 'relaxed')}\r\n`);
  }
  // The signature header is signed too, last, with the value of its b= tag (not bh=) left empty.
  const colon = signature.raw.indexOf(':');
  const emptied = signature.raw.slice(0, colon + 1) + signature.raw.slice(colon + 1).replace(/(^|;)([ \t\r\n]*b[ \t\r\n]*=)[^;]*/, '$1$2');
  const unsigned = canonicalHeader({ name: 'dkim-signature', raw: emptied }, headerMode === 'relaxed');
  const data = lines.join('') + unsigned;
  const ok = verify('sha256', Buffer.from(data, 'utf8'), publicKey, Buffer.from(tags.get('b') ?? '', 'base64'));
  if (!ok) throw new Error('the signature does not verify');
  return { domain: tags.get('d') ?? '', selector: tags.get('s') ?? '', signedHeaders };
}
