/** The allow-list every stored story body passes through: what the editor, the API and importers may keep. */
import sanitizeHtml from 'sanitize-html';

const allowedSchemes = ['http', 'https', 'mailto'];

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'a', 'br', 'hr',
    'ul', 'ol', 'li', 'blockquote', 'cite', 'q', 'figure', 'figcaption', 'aside', 'img', 'code', 'pre',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'abbr', 'mark', 'small', 'span',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'srcset', 'sizes', 'loading', 'data-media-id'],
    blockquote: ['cite'],
    q: ['cite'],
    cite: ['data-source'],
    figure: ['class', 'data-embed-url', 'data-embed-provider', 'data-media-id'],
    aside: ['class'],
    span: ['class'],
    small: ['class'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    abbr: ['title'],
    ol: ['start'],
  },
  allowedClasses: {
    figure: ['quote', 'image', 'embed', 'gallery'],
    aside: ['pull-quote', 'fact-box', 'related-link'],
    span: ['credit', 'related-label'],
    small: ['credit'],
  },
  allowedSchemes,
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'data-embed-url'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Content of these is dropped with the tag rather than left as stray text.
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title', 'template', 'iframe', 'object'],
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      const external = /^https?:\/\//i.test(href);
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener' } : attribs };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'p' && frame.text.trim() === '' && !frame.mediaChildren.length,
};

/** The tags and attributes stored story HTML may contain (tests check stored bodies against it). */
export const bodyAllowList = {
  tags: new Set(options.allowedTags as string[]),
  attributes: options.allowedAttributes as Record<string, string[]>,
};

/** Returns HTML that keeps only the allow-listed structure; everything else is dropped, text is kept. */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, options).trim();
}

// Plain-text helpers live in src/html-text.ts (search and importers use them too); re-exported for content callers.
export { excerpt, htmlToText, wordCount } from '../html-text.js';
