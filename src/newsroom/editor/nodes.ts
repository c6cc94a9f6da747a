/** The story-specific blocks of the editor, each producing exactly the stored HTML the public site styles: attributed quotes, pull quotes, images and embeds. */
import { Node, type NodeViewRendererProps } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { NodeView, ViewMutationRecord } from '@tiptap/pm/view';
// Sources directory hook (src/newsroom/editor/source-picker.ts): the quote block's "Pick from the directory".
import { attachSourcePicker } from './source-picker.js';

type Spec = [string, Record<string, string>, ...unknown[]];

/** An attribute kept on the node only; renderHTML below decides where it appears. */
function field(parse: (element: HTMLElement) => string) {
  return { default: '', parseHTML: parse, renderHTML: () => ({}) };
}

function roleOf(figure: HTMLElement): string {
  const caption = figure.querySelector('figcaption');
  if (!caption) return '';
  const source = caption.querySelector('cite')?.textContent ?? '';
  return (caption.textContent ?? '').replace(source, '').replace(/^[\s,—–-]+/, '').trim();
}

/** A labelled text input used inside node views to edit a block's attributes. */
function attributeInput(label: string, value: string, onChange: (value: string) => void, type = 'text'): { wrapper: HTMLElement; input: HTMLInputElement } {
  const wrapper = document.createElement('label');
  wrapper.className = 'editor-field';
  const caption = document.createElement('span');
  caption.textContent = label;
  const input = document.createElement('input');
  input.type = type;
  input.value = value;
  input.addEventListener('input', () => onChange(input.value));
  wrapper.append(caption, input);
  return { wrapper, input };
}

/** Node views with form fields: the fields handle their own events and DOM changes. */
function fieldView(props: NodeViewRendererProps, build: (set: (name: string, value: string) => void) => { dom: HTMLElement; contentDOM?: HTMLElement; inputs: Record<string, HTMLInputElement> }): NodeView {
  let current = props.node;
  const set = (name: string, value: string) => {
    const pos = typeof props.getPos === 'function' ? props.getPos() : undefined;
    if (typeof pos !== 'number') return;
    props.editor.view.dispatch(props.editor.view.state.tr.setNodeAttribute(pos, name, value));
  };
  const view = build(set);
  // Enter in a block's field carries on writing below the block.
  for (const input of Object.values(view.inputs)) {
    input.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.isComposing) return;
      event.preventDefault();
      const pos = typeof props.getPos === 'function' ? props.getPos() : undefined;
      if (typeof pos !== 'number') return;
      const after = pos + current.nodeSize;
      const next = props.editor.state.doc.nodeAt(after);
      const chain = props.editor.chain().focus();
      if (next?.type.name === 'paragraph' && next.content.size === 0) chain.setTextSelection(after + 1).run();
      else chain.insertContentAt(after, { type: 'paragraph' }).setTextSelection(after + 1).run();
      // The focus command waits a frame; the writer may already be typing.
      props.editor.view.focus();
    });
  }
  return {
    dom: view.dom,
    contentDOM: view.contentDOM,
    update(node: ProseMirrorNode) {
      if (node.type !== current.type) return false;
      current = node;
      for (const [name, input] of Object.entries(view.inputs)) {
        const value = String(node.attrs[name] ?? '');
        if (input.value !== value) input.value = value;
      }
      return true;
    },
    stopEvent: (event: Event) => event.target instanceof HTMLInputElement,
    ignoreMutation: (mutation: ViewMutationRecord) =>
      mutation.type === 'selection' ? false : !view.contentDOM || !view.contentDOM.contains(mutation.target as globalThis.Node),
  };
}

/**
 * A hook on the quote block's attribution: called with the "Source" field of every quote block as it appears, and a
 * way to set who said it. Another picker (a newsroom directory of sources, say) can attach itself here without
 * touching the block: `onQuoteAttribution((field, set) => { ... set({ source: 'Name', role: 'Mayor' }) })`.
 */
export type QuoteAttributionHook = (field: HTMLInputElement, set: (attribution: { source?: string; role?: string; cite?: string }) => void) => void;
const attributionHooks: QuoteAttributionHook[] = [];
export function onQuoteAttribution(hook: QuoteAttributionHook): void {
  attributionHooks.push(hook);
}

/** A quotation with its attribution: who said it, in what role, and optionally where it was published. */
export const QuoteFigure = Node.create({
  name: 'quoteFigure',
  group: 'block',
  content: 'paragraph+',
  defining: true,
  addAttributes() {
    return {
      source: field((el) => el.querySelector('figcaption cite')?.textContent?.trim() ?? ''),
      // Sources directory hook: the id or slug of the source the attribution links to (<cite data-source>).
      sourceRef: field((el) => el.querySelector('figcaption cite')?.getAttribute('data-source') ?? ''),
      role: field(roleOf),
      cite: field((el) => el.querySelector('blockquote')?.getAttribute('cite') ?? ''),
    };
  },
  parseHTML() {
    return [{ tag: 'figure.quote', contentElement: 'blockquote' }];
  },
  renderHTML({ node }) {
    const { source, role, cite, sourceRef } = node.attrs as { source: string; role: string; cite: string; sourceRef: string };
    const quote: Spec = ['blockquote', cite ? { cite } : {}, 0];
    if (!source && !role) return ['figure', { class: 'quote' }, quote];
    const caption: Spec = ['figcaption', {}];
    if (source) caption.push(['cite', sourceRef ? { 'data-source': sourceRef } : {}, source]);
    if (role) caption.push(source ? `, ${role}` : role);
    return ['figure', { class: 'quote' }, quote, caption];
  },
  addNodeView() {
    return (props) =>
      fieldView(props, (set) => {
        const dom = document.createElement('figure');
        dom.className = 'quote editor-quote';
        const contentDOM = document.createElement('blockquote');
        const attrs = props.node.attrs as { source: string; role: string; cite: string };
        const source = attributeInput('Source (person or outlet)', attrs.source, (v) => set('source', v));
        const role = attributeInput('Role or context (optional)', attrs.role, (v) => set('role', v));
        const cite = attributeInput('Link to the source (optional)', attrs.cite, (v) => set('cite', v), 'url');
        const fields = document.createElement('div');
        fields.className = 'editor-fields';
        fields.contentEditable = 'false';
        fields.append(source.wrapper, role.wrapper, cite.wrapper);
        // Sources directory hook: the picker reads and sets this block's attributes.
        const current = () => {
          const pos = typeof props.getPos === 'function' ? props.getPos() : undefined;
          return (typeof pos === 'number' ? props.editor.state.doc.nodeAt(pos)?.attrs : undefined) ?? props.node.attrs;
        };
        attachSourcePicker(fields, source.input, { get: (name) => String(current()[name] ?? ''), set: (name, value) => set(name, value) });
        dom.append(contentDOM, fields);
        source.input.dataset.attribution = 'source';
        const setAttribution = (a: { source?: string; role?: string; cite?: string }) => {
          for (const name of ['source', 'role', 'cite'] as const) if (a[name] !== undefined) set(name, a[name]!);
        };
        for (const hook of attributionHooks) hook(source.input, setAttribution);
        return { dom, contentDOM, inputs: { source: source.input, role: role.input, cite: cite.input } };
      });
  },
});

/** A short passage repeated large to break up a long story. */
export const PullQuote = Node.create({
  name: 'pullQuote',
  group: 'block',
  content: 'paragraph+',
  defining: true,
  parseHTML() {
    return [{ tag: 'aside.pull-quote' }];
  },
  renderHTML() {
    return ['aside', { class: 'pull-quote' }, 0];
  },
});

/** A picture with its description for screen readers, caption and credit. */
export const ImageFigure = Node.create({
  name: 'imageFigure',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      src: field((el) => el.querySelector('img')?.getAttribute('src') ?? ''),
      alt: field((el) => el.querySelector('img')?.getAttribute('alt') ?? ''),
      mediaId: field((el) => el.getAttribute('data-media-id') ?? el.querySelector('img')?.getAttribute('data-media-id') ?? ''),
      credit: field((el) => el.querySelector('figcaption .credit')?.textContent?.trim() ?? ''),
      caption: field((el) => {
        const caption = el.querySelector('figcaption');
        if (!caption) return '';
        const credit = caption.querySelector('.credit')?.textContent ?? '';
        return (caption.textContent ?? '').replace(credit, '').trim();
      }),
    };
  },
  parseHTML() {
    return [{ tag: 'figure.image' }];
  },
  renderHTML({ node }) {
    const { src, alt, mediaId, caption, credit } = node.attrs as Record<string, string>;
    const figure: Spec = ['figure', mediaId ? { class: 'image', 'data-media-id': mediaId } : { class: 'image' }, ['img', { src: src ?? '', alt: alt ?? '' }]];
    if (caption || credit) {
      const figcaption: Spec = ['figcaption', {}];
      if (caption) figcaption.push(credit ? `${caption} ` : caption);
      if (credit) figcaption.push(['span', { class: 'credit' }, credit]);
      figure.push(figcaption);
    }
    return figure as never;
  },
  addNodeView() {
    return (props) =>
      fieldView(props, (set) => {
        const attrs = props.node.attrs as Record<string, string>;
        const dom = document.createElement('figure');
        dom.className = 'image editor-image';
        const img = document.createElement('img');
        img.src = attrs.src ?? '';
        img.alt = '';
        const alt = attributeInput('Alt text (what the picture shows)', attrs.alt ?? '', (v) => set('alt', v));
        const caption = attributeInput('Caption', attrs.caption ?? '', (v) => set('caption', v));
        const credit = attributeInput('Credit', attrs.credit ?? '', (v) => set('credit', v));
        const fields = document.createElement('div');
        fields.className = 'editor-fields';
        const needed = document.createElement('span');
        needed.className = 'ed-alt-needed';
        needed.textContent = 'Describe the picture for readers who cannot see it: needed before publishing.';
        const showNeeded = () => {
          needed.hidden = alt.input.value.trim() !== '';
          dom.classList.toggle('needs-alt', !needed.hidden);
        };
        alt.input.addEventListener('input', showNeeded);
        alt.wrapper.append(needed);
        showNeeded();
        fields.append(alt.wrapper, caption.wrapper, credit.wrapper);
        dom.append(img, fields);
        return { dom, inputs: { alt: alt.input, caption: caption.input, credit: credit.input } };
      });
  },
});

/** Third-party content by address only: the public page shows a link until the reader asks for more. */
export const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return { url: field((el) => el.getAttribute('data-embed-url') ?? '') };
  },
  parseHTML() {
    return [{ tag: 'figure.embed' }];
  },
  renderHTML({ node }) {
    const url = String(node.attrs.url ?? '');
    return ['figure', { class: 'embed', 'data-embed-url': url }, ['a', { href: url }, url]];
  },
  addNodeView() {
    return (props) =>
      fieldView(props, (set) => {
        const dom = document.createElement('figure');
        dom.className = 'embed editor-embed';
        const label = document.createElement('p');
        label.textContent = 'Embedded post or video: readers see a link, and nothing loads from that site until they click it.';
        const url = attributeInput('Address', String(props.node.attrs.url ?? ''), (v) => set('url', v), 'url');
        dom.append(label, url.wrapper);
        return { dom, inputs: { url: url.input } };
      });
  },
});

export interface GalleryImage {
  src: string;
  alt: string;
  mediaId: string;
}

function galleryImages(el: HTMLElement): GalleryImage[] {
  return [...el.querySelectorAll('img')].map((img) => ({ src: img.getAttribute('src') ?? '', alt: img.getAttribute('alt') ?? '', mediaId: img.getAttribute('data-media-id') ?? '' }));
}

/** Several pictures shown together with one caption; each keeps its own alt text. */
export const Gallery = Node.create({
  name: 'gallery',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      images: { default: [] as GalleryImage[], parseHTML: galleryImages, renderHTML: () => ({}) },
      caption: field((el) => el.querySelector('figcaption')?.textContent?.trim() ?? ''),
    };
  },
  parseHTML() {
    return [{ tag: 'figure.gallery' }];
  },
  renderHTML({ node }) {
    const images = (node.attrs.images ?? []) as GalleryImage[];
    const caption = String(node.attrs.caption ?? '');
    const figure: Spec = ['figure', { class: 'gallery' }];
    for (const image of images) figure.push(['img', image.mediaId ? { src: image.src, alt: image.alt, 'data-media-id': image.mediaId } : { src: image.src, alt: image.alt }]);
    if (caption) figure.push(['figcaption', {}, caption]);
    return figure as never;
  },
  addNodeView() {
    return (props) => {
      let current = props.node;
      const setAttr = (name: string, value: unknown) => {
        const pos = typeof props.getPos === 'function' ? props.getPos() : undefined;
        if (typeof pos === 'number') props.editor.view.dispatch(props.editor.view.state.tr.setNodeAttribute(pos, name, value));
      };
      const dom = document.createElement('figure');
      dom.className = 'gallery editor-gallery';
      const grid = document.createElement('ul');
      grid.className = 'editor-gallery-grid';
      const add = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Add pictures', className: 'ed-button' });
      const caption = attributeInput('Caption for the gallery', String(current.attrs.caption ?? ''), (v) => setAttr('caption', v));
      const draw = () => {
        const images = (current.attrs.images ?? []) as GalleryImage[];
        grid.replaceChildren(
          ...images.map((image, index) => {
            const item = document.createElement('li');
            const img = Object.assign(document.createElement('img'), { src: image.src, alt: '' });
            const alt = attributeInput(`Alt text, picture ${index + 1}`, image.alt, (v) => setAttr('images', images.map((im, i) => (i === index ? { ...im, alt: v } : im))));
            const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Remove', className: 'ed-button ed-button-small' });
            remove.setAttribute('aria-label', `Remove picture ${index + 1}`);
            remove.addEventListener('click', () => setAttr('images', images.filter((_, i) => i !== index)));
            item.append(img, alt.wrapper, remove);
            return item;
          }),
        );
      };
      add.addEventListener('click', () => {
        dom.dispatchEvent(new CustomEvent('gazette:gallery-add', { bubbles: true, detail: { add: (more: GalleryImage[]) => setAttr('images', [...((current.attrs.images ?? []) as GalleryImage[]), ...more]) } }));
      });
      draw();
      dom.append(grid, add, caption.wrapper);
      return {
        dom,
        update(node: ProseMirrorNode) {
          if (node.type !== current.type) return false;
          const redraw = JSON.stringify(node.attrs.images) !== JSON.stringify(current.attrs.images);
          current = node;
          if (redraw) draw();
          if (caption.input.value !== String(node.attrs.caption ?? '')) caption.input.value = String(node.attrs.caption ?? '');
          return true;
        },
        stopEvent: (event: Event) => event.target instanceof HTMLInputElement || event.target instanceof HTMLButtonElement,
        ignoreMutation: () => true,
      };
    };
  },
});

/** Key facts set apart from the text: a short heading and a list or a few paragraphs. */
export const FactBox = Node.create({
  name: 'factBox',
  group: 'block',
  content: '(heading | paragraph | bulletList | orderedList)+',
  defining: true,
  parseHTML() {
    return [{ tag: 'aside.fact-box' }];
  },
  renderHTML() {
    return ['aside', { class: 'fact-box' }, 0];
  },
});

/** A link to another story of ours, set in the text. */
export const RelatedLink = Node.create({
  name: 'relatedLink',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      href: field((el) => el.querySelector('a')?.getAttribute('href') ?? ''),
      title: field((el) => el.querySelector('a')?.textContent?.trim() ?? ''),
    };
  },
  parseHTML() {
    return [{ tag: 'aside.related-link' }];
  },
  renderHTML({ node }) {
    const href = String(node.attrs.href ?? '');
    const title = String(node.attrs.title ?? '');
    return ['aside', { class: 'related-link' }, ['span', { class: 'related-label' }, 'Related'], ' ', ['a', { href }, title || href]];
  },
  addNodeView() {
    return (props) =>
      fieldView(props, (set) => {
        const dom = document.createElement('aside');
        dom.className = 'related-link editor-related';
        const label = Object.assign(document.createElement('span'), { className: 'related-label', textContent: 'Related story' });
        const title = attributeInput('Headline shown', String(props.node.attrs.title ?? ''), (v) => set('title', v));
        const href = attributeInput('Address', String(props.node.attrs.href ?? ''), (v) => set('href', v));
        dom.append(label, title.wrapper, href.wrapper);
        return { dom, inputs: { title: title.input, href: href.input } };
      });
  },
});
