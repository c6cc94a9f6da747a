/**
 * Cleaning what Google Docs, Word and web pages put on the clipboard before the editor reads it: headings, bold,
 * italics, links, lists and quotes are kept; styles, classes, Office markup, scripts, images by address and layout
 * tables are dropped (the editor's schema and the server's sanitizer drop anything else that slips through).
 */

/** A declaration of a style attribute, read from its text: the page's Content-Security-Policy keeps the CSSOM of pasted markup empty. */
function declared(style: string, property: string): string {
  const match = new RegExp(`(?:^|;)\\s*${property}\\s*:\\s*([^;]+)`, 'i').exec(style);
  return match ? match[1]!.trim().toLowerCase() : '';
}

const markStyles: { test: (style: string) => boolean; tag: 'strong' | 'em' }[] = [
  { test: (s) => /^(bold|bolder|[6-9]00)$/.test(declared(s, 'font-weight')), tag: 'strong' },
  { test: (s) => declared(s, 'font-style') === 'italic', tag: 'em' },
];

function unwrap(element: Element): void {
  element.replaceWith(...element.childNodes);
}

function rename(element: Element, tag: string): Element {
  const replacement = element.ownerDocument.createElement(tag);
  replacement.append(...element.childNodes);
  element.replaceWith(replacement);
  return replacement;
}

/** Word's list paragraphs (`mso-list`) to real lists; returns the marker text Word drew, which tells bullets from numbers. */
function wordLists(doc: Document): void {
  // Word draws the bullet or number itself between `<![if !supportLists]>` comments and marks it mso-list:Ignore.
  for (const span of [...doc.querySelectorAll('span')]) {
    if (/mso-list:\s*ignore/i.test(span.getAttribute('style') ?? '')) {
      span.closest('p')?.setAttribute('data-marker', span.textContent?.trim() ?? '');
      span.remove();
    }
  }
  const paragraphs = [...doc.querySelectorAll('p')].filter((p) => /mso-list:\s*l\d/i.test(p.getAttribute('style') ?? '') || /MsoListParagraph/i.test(p.className));
  let list: Element | null = null;
  for (const p of paragraphs) {
    const marker = p.getAttribute('data-marker') ?? '';
    const ordered = /^[\dA-Za-z]{1,3}[.)]$/.test(marker);
    const previous = p.previousElementSibling;
    if (!list || previous !== list || (list.tagName === 'OL') !== ordered) {
      list = doc.createElement(ordered ? 'ol' : 'ul');
      p.before(list);
    }
    const item = doc.createElement('li');
    const content = doc.createElement('p');
    content.append(...p.childNodes);
    item.append(content);
    list.append(item);
    p.remove();
  }
}

/** Returns the clipboard HTML reduced to the structure a story keeps. */
export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const body = doc.body;
  for (const node of [...body.querySelectorAll('script, style, meta, link, title, template, iframe, object, embed, noscript, img, svg, video, audio, picture, source, button, input, select, textarea, form')]) node.remove();
  // Comments, including Word's conditional ones (`<!--[if …]>` and `<![if …]>`).
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.parentNode?.removeChild(c));
  wordLists(doc);
  // Google Docs wraps the whole selection in <b style="font-weight:normal" id="docs-internal-guid-…">.
  for (const b of [...body.querySelectorAll('b[id^="docs-internal-guid"], b[style*="font-weight:normal"], b[style*="font-weight: normal"]')]) unwrap(b);
  // Styled spans to the marks they show, then the spans go.
  for (const span of [...body.querySelectorAll('span, font')]) {
    const style = span.getAttribute('style') ?? '';
    let inner: Element = span;
    for (const mark of markStyles) {
      if (mark.test(style)) {
        const wrapper = doc.createElement(mark.tag);
        wrapper.append(...inner.childNodes);
        inner.append(wrapper);
        inner = wrapper;
      }
    }
    unwrap(span);
  }
  // Office namespaced tags (<o:p>, <w:sdt>…) keep their text only.
  for (const element of [...body.querySelectorAll('*')]) if (element.tagName.includes(':')) unwrap(element);
  // Heading levels a story has: h2 to h4.
  for (const h of [...body.querySelectorAll('h1')]) rename(h, 'h2');
  for (const h of [...body.querySelectorAll('h5, h6')]) rename(h, 'h4');
  // Word's quote styles and web pages' <q> blocks.
  for (const p of [...body.querySelectorAll('p')]) if (/^Mso(Quote|IntenseQuote)$/i.test(p.className)) rename(p, 'blockquote');
  // Layout: tables and divs keep their content as paragraphs.
  for (const cell of [...body.querySelectorAll('td, th')]) {
    if (cell.querySelector('p, h1, h2, h3, h4, h5, h6, ul, ol, blockquote')) unwrap(cell);
    else rename(cell, 'p');
  }
  for (const element of [...body.querySelectorAll('table, thead, tbody, tfoot, tr, div, section, article, header, footer, main, center, caption, colgroup, col')]) unwrap(element);
  // Attributes: only a link's address survives.
  for (const element of [...body.querySelectorAll('*')]) {
    for (const attribute of [...element.attributes]) {
      if (element.tagName === 'A' && attribute.name === 'href' && /^(https?:|mailto:|\/(?!\/))/i.test(attribute.value.trim())) continue;
      element.removeAttribute(attribute.name);
    }
  }
  // Links that led nowhere keep their text.
  for (const a of [...body.querySelectorAll('a:not([href])')]) unwrap(a);
  // Docs puts a <br> after the last block and empty paragraphs between blocks.
  for (const p of [...body.querySelectorAll('p')]) if (!p.textContent?.trim()) p.remove();
  for (const br of [...body.querySelectorAll(':scope > br')]) br.remove();
  return body.innerHTML.replace(/&nbsp;|\u00a0/g, ' ').trim();
}

/** The image files on a clipboard or in a drop. */
export function imageFiles(data: DataTransfer | null): File[] {
  if (!data) return [];
  return [...data.files].filter((file) => /^image\/(jpeg|png|webp|gif|avif)$/.test(file.type));
}
