/**
 * Streams a WordPress eXtended RSS (WXR 1.0–1.2) file record by record, so a file of any size is never held in memory.
 * Elements are matched by namespace URI, not by the prefix a file happens to use: each element gets a canonical name
 * (`wp:post_type` for post_type in any WXR namespace, whatever its prefix or a default namespace on the element).
 */
import fs from 'node:fs';
import { SaxesParser, type SaxesTagNS } from 'saxes';

export const supportedVersions = ['1.0', '1.1', '1.2'];

/** Gazette's own namespace, for what its exports carry beyond WordPress's (redirects, threads, corrections). */
export const gazetteNamespace = 'urn:gazette:export:1';

const contentNamespace = 'http://purl.org/rss/1.0/modules/content/';
const dublinCoreNamespace = 'http://purl.org/dc/elements/1.1/';
/** WXR's namespace names its version (http://wordpress.org/export/1.2/); any version is read, the header's is checked. */
const wxrNamespace = /^http:\/\/wordpress\.org\/export\/\d+\.\d+\/?$/;
const excerptNamespace = /^http:\/\/wordpress\.org\/export\/\d+\.\d+\/excerpt\/?$/;

/** The usual prefixes, for files that use one without declaring it (older exporters and hand edits did). */
const conventionalPrefixes: Record<string, string> = {
  wp: 'http://wordpress.org/export/1.2/',
  excerpt: 'http://wordpress.org/export/1.2/excerpt/',
  content: contentNamespace,
  dc: dublinCoreNamespace,
  gazette: gazetteNamespace,
};

/** The canonical prefix of a namespace URI, '' for no namespace, or null for a namespace Gazette does not read. */
function canonicalPrefix(uri: string): string | null {
  if (uri === '') return '';
  if (uri === contentNamespace) return 'content';
  if (uri === dublinCoreNamespace) return 'dc';
  if (uri === gazetteNamespace) return 'gazette';
  if (wxrNamespace.test(uri)) return 'wp';
  if (excerptNamespace.test(uri)) return 'excerpt';
  return null;
}

/** `prefix:local` with the canonical prefix, or `{uri}local` (which nothing looks for) in another namespace. */
function canonicalName(uri: string, local: string, prefixes: Map<string, string | null>): string {
  let prefix = prefixes.get(uri);
  if (prefix === undefined) {
    prefix = canonicalPrefix(uri);
    prefixes.set(uri, prefix);
  }
  if (prefix === null) return `{${uri}}${local}`;
  return prefix ? `${prefix}:${local}` : local;
}

/** A problem with the file itself; `line` is where it was found. */
export class WxrError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}, line ${line}: ${problem}`);
    this.name = 'WxrError';
  }
}

/** An element captured with its children: enough structure for one item, author or term. */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlNode[];
  line: number;
}

export interface WxrHeader {
  version: string;
  title: string;
  link: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
}

export type WxrRecord =
  | { kind: 'author'; node: XmlNode }
  | { kind: 'category'; node: XmlNode }
  | { kind: 'tag'; node: XmlNode }
  | { kind: 'term'; node: XmlNode }
  | { kind: 'item'; node: XmlNode }
  /** A <wp:comment> outside any <item>: a comment whose post is not in the file. */
  | { kind: 'comment'; node: XmlNode }
  /** Gazette's own exports carry redirects in their namespace; WordPress ignores them. */
  | { kind: 'redirect'; node: XmlNode };

const channelRecords: Record<string, WxrRecord['kind']> = {
  'wp:author': 'author',
  'wp:category': 'category',
  'wp:tag': 'tag',
  'wp:term': 'term',
  item: 'item',
  'wp:comment': 'comment',
  'gazette:redirect': 'redirect',
};

const headerFields: Record<string, keyof WxrHeader> = {
  'wp:wxr_version': 'version',
  title: 'title',
  link: 'link',
  'wp:base_site_url': 'baseSiteUrl',
  'wp:base_blog_url': 'baseBlogUrl',
};

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

/** Text of a child element, trimmed unless `raw` (bodies keep their line breaks for wpautop). */
export function childText(node: XmlNode, name: string, raw = false): string {
  const text = child(node, name)?.text ?? '';
  return raw ? text : text.trim();
}

/** Attribute values by name; namespaced attributes by canonical name, namespace declarations left out. */
function attributesOf(tag: SaxesTagNS, prefixes: Map<string, string | null>): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const attribute of Object.values(tag.attributes)) {
    if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
    attributes[attribute.prefix ? canonicalName(attribute.uri, attribute.local, prefixes) : attribute.local] = attribute.value;
  }
  return attributes;
}

/**
 * Reads `file` and calls `onRecord` for every author, term and item in order, awaiting each, then returns the header.
 * Throws WxrError naming the line for malformed XML, a missing or unknown WXR version, and a missing <channel>.
 */
export async function readWxr(file: string, onRecord: (record: WxrRecord, header: WxrHeader) => Promise<void> | void): Promise<WxrHeader> {
  const name = file.split('/').pop() ?? file;
  // An undeclared prefix is read as its usual namespace (wp:, content:…) or as one nothing looks for, not as malformed XML.
  const resolvePrefix = (prefix: string) => (prefix ? (conventionalPrefixes[prefix] ?? `urn:gazette:undeclared:${prefix}`) : undefined);
  const parser = new SaxesParser({ xmlns: true, position: true, resolvePrefix });
  const prefixes = new Map<string, string | null>();
  const header: WxrHeader = { version: '', title: '', link: '', baseSiteUrl: '', baseBlogUrl: '' };
  const path: string[] = [];
  const stack: XmlNode[] = [];
  const ready: WxrRecord[] = [];
  let headerText: { field: keyof WxrHeader; text: string } | null = null;
  let sawRoot = false;
  let sawChannel = false;
  let failure: WxrError | null = null;

  const fail = (problem: string, line = parser.line) => {
    failure ??= new WxrError(name, line, problem);
  };

  parser.on('opentag', (tag: SaxesTagNS) => {
    const parent = path[path.length - 1];
    const name = canonicalName(tag.uri, tag.local, prefixes);
    path.push(name);
    if (path.length === 1) {
      sawRoot = true;
      if (name !== 'rss') fail(`the document starts with <${tag.name}>, but a WordPress export starts with <rss>`);
      return;
    }
    if (name === 'channel' && path.length === 2) sawChannel = true;
    const current = stack[stack.length - 1];
    if (current || (parent === 'channel' && name in channelRecords)) {
      if (!header.version && !current) fail(`<${tag.name}> comes before <wp:wxr_version>; this does not look like a WordPress export`);
      const node: XmlNode = { name, attributes: attributesOf(tag, prefixes), text: '', children: [], line: parser.line };
      current?.children.push(node);
      stack.push(node);
    } else if (parent === 'channel' && name in headerFields) {
      headerText = { field: headerFields[name]!, text: '' };
    }
  });
  const onText = (text: string) => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
    else if (headerText) headerText.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const name = path.pop();
    const node = stack.pop();
    if (node) {
      if (stack.length === 0) ready.push({ kind: channelRecords[node.name]!, node });
      return;
    }
    if (headerText) {
      header[headerText.field] = headerText.text.trim();
      if (headerText.field === 'version' && !supportedVersions.includes(header.version)) {
        fail(`unknown WXR version "${header.version}"; Gazette reads WXR ${supportedVersions.join(', ')}`);
      }
      headerText = null;
    }
    if (name === 'channel' && !header.version) fail('the <channel> has no <wp:wxr_version>; this does not look like a WordPress export');
  });
  parser.on('error', (error) => {
    const message = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    fail(`the XML is malformed: ${message}`);
  });

  const deliver = async () => {
    while (ready.length) {
      const record = ready.shift()!;
      await onRecord(record, header);
    }
  };

  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string);
      if (failure) throw failure;
      await deliver();
    }
    parser.close();
  } finally {
    stream.destroy();
  }
  if (failure) throw failure;
  if (!sawRoot) throw new WxrError(name, parser.line, 'the file is empty or has no XML elements');
  if (!sawChannel) throw new WxrError(name, parser.line, 'the file has no <channel>; a WordPress export has one inside <rss>');
  await deliver();
  return header;
}
