/**
 * Reader mail as MIME, built once per edition and filled in per reader. An edition goes to every reader with the same
 * subject and body; only the To, Message-ID, Date and List-Unsubscribe headers and the two per-reader links in the
 * bodies differ. The body is quoted-printable, and a soft line break may stand anywhere in it, so the parts around
 * each link are encoded once and each reader's links are encoded on their own and put in between: a copy costs a few
 * short strings and one Buffer.concat instead of composing and encoding the whole message again.
 */
import { createHash, randomBytes } from 'node:crypto';
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

export interface MessageTemplate {
  head: Buffer;
  /** After the per-reader headers: MIME headers and the start of the text part. */
  textPieces: Piece[];
  /** Between the text and the HTML part. */
  middle: Buffer;
  htmlPieces: Piece[];
  tail: Buffer;
  host: string;
}

export function buildTemplate(input: TemplateInput): MessageTemplate {
  const boundary = `=_gazette_${randomBytes(12).toString('hex')}`;
  const subject = /^[\x20-\x7e]*$/.test(input.subject) ? input.subject : encodeWords(input.subject, 'Q', 52, true);
  const head = [
    header('From', addressHeader(input.from)),
    input.replyTo ? header('Reply-To', addressHeader(input.replyTo)) : '',
    header('Subject', subject),
    input.listId ? header('List-Id', input.listId) : '',
    `MIME-Version: 1.0${crlf}`,
  ].join('');
  const part = (type: string) => `--${boundary}${crlf}Content-Type: ${type}; charset=utf-8${crlf}Content-Transfer-Encoding: quoted-printable${crlf}${crlf}`;
  return {
    head: Buffer.from(head, 'utf8'),
    textPieces: [Buffer.from(`Content-Type: multipart/alternative; boundary="${boundary}"${crlf}${crlf}${part('text/plain')}`, 'latin1'), ...encodeBody(input.text)],
    middle: Buffer.from(`${crlf}${part('text/html')}`, 'latin1'),
    htmlPieces: encodeBody(input.html),
    tail: Buffer.from(`${crlf}--${boundary}--${crlf}`, 'latin1'),
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

/** One reader's copy. */
export function personalMessage(template: MessageTemplate, recipient: Recipient, secret: string): Buffer {
  const own = [
    header('To', recipient.to),
    `Message-ID: ${messageId(secret, recipient.outboxId, template.host)}${crlf}`,
    `Date: ${new Date().toUTCString().replace(/GMT$/, '+0000')}${crlf}`,
    ...Object.entries(recipient.headers).map(([name, value]) => header(name, value)),
  ].join('');
  const fill = (pieces: Piece[], html: boolean): Buffer[] =>
    pieces.map((p) => {
      if (typeof p !== 'string') return p;
      const url = p === 'preferences' ? recipient.preferences : recipient.unsubscribe;
      return Buffer.from(quotedPrintable(html ? esc(url) : url) + softBreak, 'latin1');
    });
  return Buffer.concat([template.head, Buffer.from(own, 'utf8'), ...fill(template.textPieces, false), template.middle, ...fill(template.htmlPieces, true), template.tail]);
}
