/**
 * WordPress post markup -> Gazette's stored HTML: block comments, the [caption] [gallery] [embed] [audio] [video]
 * shortcodes, bare embed URLs and auto-paragraphs. The result still goes through content/sanitize.ts when stored.
 */
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export interface AttachmentInfo {
  url: string;
  alt: string;
  caption: string;
  parentId: string;
}

export interface MarkupContext {
  /** Attachments by WordPress post id, for [gallery ids=…] and featured images. */
  attachments: ReadonlyMap<string, AttachmentInfo>;
  /** The post being converted, for galleries that list the post's own attachments. */
  postId: string;
}

const embedProviders: [RegExp, string][] = [
  [/(^|\.)(youtube\.com|youtu\.be)$/, 'youtube'],
  [/(^|\.)vimeo\.com$/, 'vimeo'],
  [/(^|\.)(twitter\.com|x\.com)$/, 'twitter'],
  [/(^|\.)instagram\.com$/, 'instagram'],
  [/(^|\.)soundcloud\.com$/, 'soundcloud'],
  [/(^|\.)spotify\.com$/, 'spotify'],
  [/(^|\.)facebook\.com$/, 'facebook'],
  [/(^|\.)tiktok\.com$/, 'tiktok'],
  [/(^|\.)flickr\.com$/, 'flickr'],
  [/(^|\.)dailymotion\.com$/, 'dailymotion'],
];

export function embedProvider(url: string): string | null {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return embedProviders.find(([pattern]) => pattern.test(host))?.[1] ?? null;
  } catch {
    return null;
  }
}

const html = (node: VNode): string => renderToString(node);

/** A link to outside media, as the figure Gazette's editor makes for embeds. */
function embedFigure(url: string, provider: string, label = url): string {
  if (!/^https?:\/\//i.test(url)) return '';
  const figure = (
    <figure class="embed" data-embed-url={url} data-embed-provider={provider}>
      <a href={url}>{label}</a>
    </figure>
  );
  return `\n\n${html(figure)}\n\n`;
}

function imageFigure(image: { url: string; alt: string }, captionHtml: string): string {
  const img = html(<img src={image.url} alt={image.alt} />);
  return `\n\n<figure class="image">${img}${captionHtml ? `<figcaption>${captionHtml}</figcaption>` : ''}</figure>\n\n`;
}

/** A featured image that stays on the old site: shown at the top of the story. */
export function featuredFigure(image: { url: string; alt: string }): string {
  return imageFigure(image, '').trim();
}

/** `name="value" name='value' name=value` -> record; positional values land under "0", "1", … */
export function shortcodeAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const pattern = /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|(\S+)/g;
  let position = 0;
  for (const match of text.matchAll(pattern)) {
    if (match[1]) attributes[match[1].toLowerCase()] = match[2] ?? '';
    else if (match[3]) attributes[match[3].toLowerCase()] = match[4] ?? '';
    else if (match[5]) attributes[match[5].toLowerCase()] = match[6] ?? '';
    else attributes[String(position++)] = match[7] ?? match[8] ?? '';
  }
  return attributes;
}

function caption(attributes: Record<string, string>, inner: string): string {
  const media = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)/i.exec(inner);
  if (!media) return inner;
  const text = (attributes.caption ?? inner.slice(media[0].length)).trim();
  return `\n\n<figure class="image">${media[1]}${text ? `<figcaption>${text}</figcaption>` : ''}</figure>\n\n`;
}

function gallery(attributes: Record<string, string>, context: MarkupContext): string {
  const ids = attributes.ids
    ? attributes.ids.split(',').map((id) => id.trim()).filter(Boolean)
    : [...context.attachments.entries()].filter(([, a]) => a.parentId === context.postId).map(([id]) => id);
  return ids
    .map((id) => context.attachments.get(id))
    .filter((a): a is AttachmentInfo => a !== undefined && /^https?:\/\//i.test(a.url))
    .map((a) => imageFigure(a, escapeText(a.caption)))
    .join('');
}

function mediaLink(kind: 'audio' | 'video', attributes: Record<string, string>): string {
  const source = attributes.src ?? attributes.mp3 ?? attributes.mp4 ?? attributes.m4a ?? attributes.ogg ?? attributes.webm ?? attributes.wav ?? attributes.m4v ?? '';
  const provider = embedProvider(source) ?? kind;
  const name = decodeURIComponent(source.split('/').pop() ?? '') || source;
  return embedFigure(source, provider, `${kind === 'audio' ? 'Listen' : 'Watch'}: ${name}`);
}

function escapeText(text: string): string {
  return html(<span>{text}</span>).replace(/^<span>|<\/span>$/g, '');
}

/** Replaces the shortcodes WordPress ships with; `[[x]]` is WordPress's escape for a literal `[x]`. */
export function convertShortcodes(text: string, context: MarkupContext): string {
  const escaped: string[] = [];
  let out = text.replace(/\[\[([^\]]*)\]\]/g, (_m, inner: string) => `\uE000${escaped.push(`[${inner}]`) - 1}\uE000`);
  out = out.replace(/\[(caption|wp_caption)\b([^\]]*)\]([\s\S]*?)\[\/\1\]/gi, (_m, _name, attrs: string, inner: string) => caption(shortcodeAttributes(attrs), inner));
  out = out.replace(/\[embed\b([^\]]*)\]([\s\S]*?)\[\/embed\]/gi, (_m, _attrs, url: string) => embedFigure(url.trim(), embedProvider(url.trim()) ?? 'link'));
  out = out.replace(/\[gallery\b([^\]]*)\]/gi, (_m, attrs: string) => gallery(shortcodeAttributes(attrs), context));
  out = out.replace(/\[(audio|video)\b([^\]]*)\](?:([\s\S]*?)\[\/\1\])?/gi, (_m, kind: string, attrs: string) =>
    mediaLink(kind.toLowerCase() as 'audio' | 'video', shortcodeAttributes(attrs)),
  );
  return out.replace(/\uE000(\d+)\uE000/g, (_m, index: string) => escaped[Number(index)] ?? '');
}

function parseBlockAttributes(json: string | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Block editor markup: embeds become embed figures, WordPress block classes become Gazette's, the delimiters go. */
export function convertBlocks(text: string): string {
  let out = text.replace(
    /<!--\s+wp:((?:core-)?embed(?:\/[\w-]+)?|video|audio)\s+(\{[\s\S]*?\})?\s*(\/)?-->(?:([\s\S]*?)<!--\s+\/wp:\1\s+-->)?/g,
    (_whole, name: string, json: string | undefined, _selfClosing, inner: string | undefined) => {
      const attributes = parseBlockAttributes(json);
      if (name === 'video' || name === 'audio') {
        const src = (typeof attributes.src === 'string' && attributes.src) || (/\bsrc="([^"]+)"/.exec(inner ?? '')?.[1] ?? '');
        return src ? mediaLink(name, { src }) : (inner ?? '');
      }
      const url = typeof attributes.url === 'string' ? attributes.url : (/https?:\/\/[^\s"<]+/.exec(inner ?? '')?.[0] ?? '');
      if (!url) return inner ?? '';
      const provider = (typeof attributes.providerNameSlug === 'string' && attributes.providerNameSlug) || embedProvider(url) || name.split('/').pop() || 'link';
      return embedFigure(url, provider);
    },
  );
  out = out.replace(/<!--\s+\/?wp:[\s\S]*?-->/g, '\n');
  out = out.replace(/<figure\b([^>]*)\bclass="([^"]*)"/gi, (_m, before: string, classes: string) => {
    const mapped = /\bwp-block-(image|gallery)\b/.test(classes) ? 'image' : /\bwp-block-embed\b/.test(classes) ? 'embed' : /\bwp-block-pullquote\b/.test(classes) ? 'quote' : classes;
    return `<figure${before}class="${mapped}"`;
  });
  return out.replace(/<(video|audio)\b[^>]*\bsrc="([^"]+)"[^>]*>[\s\S]*?<\/\1>/gi, (_m, kind: string, src: string) =>
    mediaLink(kind.toLowerCase() as 'audio' | 'video', { src }),
  );
}

/** A URL alone on its line is an embed in WordPress when the provider is known. */
function convertBareEmbeds(text: string): string {
  return text.replace(/^[ \t]*(https?:\/\/[^\s<"]+)[ \t]*$/gm, (line, url: string) => {
    const provider = embedProvider(url);
    return provider ? embedFigure(url, provider) : line;
  });
}

const blockTag = '(?:table|thead|tfoot|caption|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary|iframe|object|script)';
const blockOpen = new RegExp(`(<${blockTag}[\\s/>])`, 'gi');
const blockClose = new RegExp(`(</${blockTag}>)`, 'gi');
const startsWithBlock = new RegExp(`^</?${blockTag}[\\s/>]`, 'i');

/** WordPress's auto-paragraphs: blank lines separate paragraphs, single line breaks become <br>; block tags stay as they are. */
export function autop(text: string): string {
  if (!text.trim()) return '';
  const preserved: string[] = [];
  let out = text.replace(/<pre\b[\s\S]*?<\/pre>/gi, (pre) => `\n\n\uE001${preserved.push(pre) - 1}\uE001\n\n`);
  out = out.replace(/<br\s*\/?>\s*<br\s*\/?>/gi, '\n\n').replace(blockOpen, '\n\n$1').replace(blockClose, '$1\n\n');
  const paragraphs = out
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (startsWithBlock.test(p) || /^\uE001\d+\uE001$/.test(p) ? p : `<p>${p.replace(/\s*\n\s*/g, '<br />\n')}</p>`));
  return paragraphs.join('\n').replace(/\uE001(\d+)\uE001/g, (_m, index: string) => preserved[Number(index)] ?? '');
}

/** The whole conversion of one post body. */
export function convertPostBody(content: string, context: MarkupContext): string {
  let text = content.replace(/\r\n?/g, '\n').replace(/<!--\s*(more|nextpage|noteaser)\b[^>]*-->/gi, '\n\n');
  const hasBlocks = /<!--\s+wp:/.test(text);
  if (hasBlocks) text = convertBlocks(text);
  text = convertShortcodes(text, context);
  text = convertBareEmbeds(text);
  return hasBlocks ? text.replace(/\n{3,}/g, '\n\n').trim() : autop(text);
}
