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
