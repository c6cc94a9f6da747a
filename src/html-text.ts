/** Plain text out of HTML: for search documents, descriptions, excerpts and word counts. */
import { Parser } from 'htmlparser2';

/** Plain text of an HTML fragment (for search, descriptions, word counts), entities decoded. */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (nonText.has(name)) skipping++;
      },
      ontext(text) {
        if (!skipping) parts.push(text);
      },
      onclosetag(name) {
        if (nonText.has(name)) skipping--;
        else if (blockTags.has(name)) parts.push(' ');
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return parts.join('').replace(/\s+/g, ' ').trim();
}

const nonText = new Set(['script', 'style', 'template', 'noscript', 'textarea', 'title']);
const blockTags = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'figcaption', 'figure', 'br', 'div', 'aside', 'td', 'th']);

const blockTag = /<\/?(?:p|h[1-6]|li|blockquote|figcaption|figure|br|div|aside|td|th)\b[^>]*>/gi;
const anyTag = /<[^>]*>/g;
const nonBreakingSpace = /&(?:nbsp|#160|#x0*a0);/gi;
const nonTextTag = /<(?:script|style|template|noscript|textarea|title)\b/i;

/**
 * Words in an HTML fragment, as htmlToText would split them. A story page counts its body at every render, so
 * HTML with no text-hiding elements (every sanitized body) is counted by stripping tags rather than by parsing it.
 */
export function wordCount(html: string): number {
  if (nonTextTag.test(html)) {
    const text = htmlToText(html);
    return text ? text.split(' ').length : 0;
  }
  const text = html.replace(blockTag, ' ').replace(anyTag, '').replace(nonBreakingSpace, ' ');
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // The characters \s matches below U+2000 (and U+FEFF); wider spaces are too rare in stored bodies to matter.
    const space = code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0x1680 || code === 0xfeff || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      words++;
    }
  }
  return words;
}

export function excerpt(text: string, max = 160): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20)).trimEnd()}…`;
}
