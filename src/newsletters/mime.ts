/**
 * Reader mail as MIME, built once per edition and filled in per reader. An edition goes to every reader with the same
 * subject and body; only the To, Message-ID, Date and List-Unsubscribe headers and the two per-reader links in the
 * bodies differ. The body is quoted-printable, and a soft line break may stand anywhere in it, so the parts around
 * each link are encoded once and each reader's links are encoded on their own and put in between: a copy costs a few
 * short strings and one Buffer.concat instead of composing and encoding the whole message again.
 */
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import { encodeWords } from 'nodemailer/lib/mime-funcs';
import { esc, preferencesPlaceholder, unsubscribePlaceholder } from './mail-render.js';

const crlf = '\r\n';
const softBreak = `=${crlf}`;
const placeholderPattern = new RegExp(`(${preferencesPlaceholder}|${unsubscribePlaceholder})`);

/** Quoted-printable (RFC 2045): lines of at most 76 characters, hard line breaks as CRLF. */
export function quotedPrintable(value: string): string {
  const out: string[] = [];
  const lines = value.replace(/\r\n?/g, '\n').split('\n');
  for (let l = 0; l < lines.length; l++) {
    const bytes = Buffer.from(lines[l]!, 'utf8');
    let line = '';
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      const last = i === bytes.length - 1;
      const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
      const token = literal ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
      if (line.length + token.length > 75) {
        out.push(line, softBreak);
        line = '';
      }
      line += token;
    }
    out.push(line);
    if (l < lines.length - 1) out.push(crlf);
  }
  return out.join('');
}

type Piece = Buffer | 'preferences' | 'unsubscribe';


/** A body split at its per-reader links: encoded parts, and the name of the link that goes between them. */
function encodeBody(body: string): Piece[] {
  const pieces: Piece[] = [];
  const parts = body.split(placeholderPattern);
  parts.forEach((part, i) => {
    if (i % 2 === 1) pieces.push(part === preferencesPlaceholder ? 'preferences' : 'unsubscribe');
    else pieces.push(Buffer.from(quotedPrintable(part) + (i < parts.length - 1 ? softBreak : ''), 'latin1'));
  });
  return pieces;
}

/** An address header's value: the display name encoded when it is not plain ASCII. */
export function addressHeader(value: string): string {
  return addressparser(value, { flatten: true })
    .map((a) => {
      if (!a.name) return a.address;
      const name = /^[\x20-\x7e]*$/.test(a.name) ? (/^[\w !#$%&'*+\-/=?^`{|}~]*$/.test(a.name) ? a.name : `"${a.name.replace(/[\\"]/g, '\\$&')}"`) : encodeWords(a.name, 'Q', 52);
      return `${name} <${a.address}>`;
    })
    .join(', ');
}

/** Folds a header line at spaces to lines of at most 78 characters where it can (after the name, never before the first word). */
function header(name: string, value: string): string {
  const words = `${name}: ${value}`.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    // A word too long for any line stays where it is rather than leave an empty line before it.
    if (line && line.length + 1 + word.length > 76 && word.length < 76 && line.includes(' ')) {
      lines.push(line);
      line = ` ${word}`;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join(crlf) + crlf;
}

export interface TemplateInput {
  from: string;
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  /** The List-Id header, or null for mail that is not from a list. */
  listId: string | null;
  /** The host named in Message-IDs. */
  host: string;
}

type BodyPiece = { bytes: Buffer; canonical: Buffer } | { link: 'preferences' | 'unsubscribe'; html: boolean };

export interface MessageTemplate {
  /** Header lines shared by every copy, each folded and ending in CRLF. */
  headers: string[];
  body: BodyPiece[];
  host: string;
}

/** DKIM relaxed body canonicalisation of whole lines (RFC 6376, 3.4.4): runs of spaces to one, none at a line's end. */
function relaxedBody(value: string): string {
  return value.replace(/[ \t]+/g, ' ').replace(/ \r\n/g, '\r\n');
}

function staticPiece(value: string): BodyPiece {
  return { bytes: Buffer.from(value, 'latin1'), canonical: Buffer.from(relaxedBody(value), 'latin1') };
}

function encodedBody(body: string, html: boolean): BodyPiece[] {
  return encodeBody(body).map((piece) => (typeof piece === 'string' ? { link: piece, html } : { bytes: piece, canonical: Buffer.from(relaxedBody(piece.toString('latin1')), 'latin1') }));
}

export function buildTemplate(input: TemplateInput): MessageTemplate {
  const boundary = `=_gazette_${randomBytes(12).toString('hex')}`;
  const subject = /^[\x20-\x7e]*$/.test(input.subject) ? input.subject : encodeWords(input.subject, 'Q', 52, true);
  const headers = [
    header('From', addressHeader(input.from)),
    ...(input.replyTo ? [header('Reply-To', addressHeader(input.replyTo))] : []),
    header('Subject', subject),
    ...(input.listId ? [header('List-Id', input.listId)] : []),
    `MIME-Version: 1.0${crlf}`,
    `Content-Type: multipart/alternative; boundary="${boundary}"${crlf}`,
  ];
  const part = (type: string) => `--${boundary}${crlf}Content-Type: ${type}; charset=utf-8${crlf}Content-Transfer-Encoding: quoted-printable${crlf}${crlf}`;
  return {
    headers,
    body: [
      staticPiece(part('text/plain')),
      ...encodedBody(input.text, false),
      staticPiece(`${crlf}${part('text/html')}`),
      ...encodedBody(input.html, true),
      staticPiece(`${crlf}--${boundary}--${crlf}`),
    ],
    host: input.host,
  };
}

export interface Recipient {
  to: string;
  /** The outbox row: it names the message, so a copy sent again after a crash carries the same Message-ID. */
  outboxId: number;
  preferences: string;
  unsubscribe: string;
  /** Headers added as they are (ASCII values). */
  headers: Record<string, string>;
}

/** A stable, site-specific Message-ID for an outbox row. */
export function messageId(secret: string, outboxId: number, host: string): string {
  const tag = createHash('sha256').update(`${secret}:message:${outboxId}`).digest('hex').slice(0, 16);
  return `<${outboxId}.${tag}@${host}>`;
}

export interface DkimKey {
  domainName: string;
  keySelector: string;
  privateKey: KeyObject;
}

/** DKIM relaxed header canonicalisation (RFC 6376, 3.4.2) of one folded header line. */
function relaxedHeader(line: string): string {
  const colon = line.indexOf(':');
  const value = line.slice(colon + 1).replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim();
  return `${line.slice(0, colon).trim().toLowerCase()}:${value}`;
}

/**
 * The DKIM-Signature header (rsa-sha256, relaxed/relaxed) over the given header lines and body. RSA signing is the
 * costly part of a signed message, so it runs on libuv's thread pool (crypto.sign with a callback), off the event loop.
 */
async function dkimHeader(key: DkimKey, headers: string[], canonicalBody: Buffer[]): Promise<string> {
  const bodyHash = createHash('sha256');
  for (const piece of canonicalBody) bodyHash.update(piece);
  const names = headers.map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
  const value = `v=1; a=rsa-sha256; c=relaxed/relaxed; d=${key.domainName}; s=${key.keySelector}; t=${Math.floor(Date.now() / 1000)}; h=${names.join(':')}; bh=${bodyHash.digest('base64')}; b=`;
  const data = `${headers.map((line) => `${relaxedHeader(line)}${crlf}`).join('')}${relaxedHeader(`DKIM-Signature: ${value}`)}`;
  const signature = await new Promise<Buffer>((resolve, reject) => {
    sign('sha256', Buffer.from(data, 'utf8'), key.privateKey, (error, result) => (error ? reject(error) : resolve(result)));
  });
  const b = signature.toString('base64').replace(/.{1,72}/g, (chunk, offset: number) => (offset ? `${crlf} ${chunk}` : chunk));
  return `${header('DKIM-Signature', value)}`.replace(/\r\n$/, '') + b + crlf;
}

/** One reader's copy, DKIM-signed when a key is given. */
export async function personalMessage(template: MessageTemplate, recipient: Recipient, secret: string, dkim: DkimKey | null = null): Promise<Buffer> {
  const headers = [
    ...template.headers,
    header('To', recipient.to),
    `Message-ID: ${messageId(secret, recipient.outboxId, template.host)}${crlf}`,
    `Date: ${new Date().toUTCString().replace(/GMT$/, '+0000')}${crlf}`,
    ...Object.entries(recipient.headers).map(([name, value]) => header(name, value)),
  ];
  const body = template.body.map((piece) => {
    if ('bytes' in piece) return piece;
    const url = piece.link === 'preferences' ? recipient.preferences : recipient.unsubscribe;
    const bytes = Buffer.from(quotedPrintable(piece.html ? esc(url) : url) + softBreak, 'latin1');
    return { bytes, canonical: bytes };
  });
  const signature = dkim ? await dkimHeader(dkim, headers.map((h) => h.replace(/\r\n$/, '')), body.map((p) => p.canonical)) : '';
  return Buffer.concat([Buffer.from(signature + headers.join('') + crlf, 'utf8'), ...body.map((p) => p.bytes)]);
}
