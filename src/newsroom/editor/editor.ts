/** The story editor in the browser: turns the plain body textarea into a rich-text editor and adds autosave, counts, slug and tag help. The form works without it. */
import { Editor } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import StarterKit from '@tiptap/starter-kit';
import { Embed, ImageFigure, PullQuote, QuoteFigure } from './nodes.js';
import { askForAddress } from './ask.js';
import { chooseMedia } from './picker.js';
import { enhanceFields } from './fields.js';
// Sources directory hook: inline attributions and their toolbar button (source-picker.ts).
import { citeSourceButton, SourceCite } from './source-picker.js';

interface ToolbarButton {
  label: string;
  title: string;
  run: (editor: Editor) => void;
  active?: (editor: Editor) => boolean;
}

/** Inserts a block at the cursor; when a block such as an image is selected, after it rather than over it. */
function insertBlock(editor: Editor, content: { type: string; attrs: Record<string, string> }): void {
  const { selection } = editor.state;
  if (selection instanceof NodeSelection) editor.chain().focus().insertContentAt(selection.to, content).run();
  else editor.chain().focus().insertContent(content).run();
}

/** Turns the current paragraphs into a quote block, or back into plain paragraphs when they already are one. */
function wrapOrInsert(editor: Editor, type: 'quoteFigure' | 'pullQuote'): void {
  if (editor.isActive(type)) {
    editor.chain().focus().lift(type).run();
    return;
  }
  if (editor.chain().focus().wrapIn(type).run()) return;
  editor.chain().focus().insertContent({ type, content: [{ type: 'paragraph' }] }).run();
}

const buttons: ToolbarButton[] = [
  { label: 'H2', title: 'Heading', run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive('heading', { level: 2 }) },
  { label: 'H3', title: 'Subheading', run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive('heading', { level: 3 }) },
  { label: 'B', title: 'Bold', run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold') },
  { label: 'I', title: 'Italic', run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic') },
  {
    label: 'Link',
    title: 'Link the selected text',
    run: (e) => {
      const current = String(e.getAttributes('link').href ?? '');
      void askForAddress({ title: current ? 'Edit the link' : 'Add a link', label: 'Address (leave empty to remove the link)', current, allowEmpty: true, allowLocal: true }).then((url) => {
        if (url === null) return;
        if (url === '') e.chain().focus().extendMarkRange('link').unsetLink().run();
        else e.chain().focus().extendMarkRange('link').setLink({ href: url }).run();
      });
    },
    active: (e) => e.isActive('link'),
  },
  { label: '• List', title: 'Bulleted list', run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
  { label: '1. List', title: 'Numbered list', run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
  { label: 'Quote', title: 'Quotation with attribution', run: (e) => wrapOrInsert(e, 'quoteFigure'), active: (e) => e.isActive('quoteFigure') },
  { label: 'Pull quote', title: 'Pull quote', run: (e) => wrapOrInsert(e, 'pullQuote'), active: (e) => e.isActive('pullQuote') },
  citeSourceButton, // Sources directory hook

  {
    label: 'Image',
    title: 'Insert an image from the media library',
    run: (e) => {
      void chooseMedia().then((media) => {
        if (!media) return;
        insertBlock(e, {
          type: 'imageFigure',
          attrs: { src: media.url, alt: media.alt, caption: media.caption, credit: media.credit, mediaId: media.id ? String(media.id) : '' },
        });
      });
    },
  },
  {
    label: 'Embed',
    title: 'Embed a post or video by its address',
    run: (e) => {
      void askForAddress({ title: 'Embed a post or video', label: 'Its address' }).then((url) => {
        if (url) insertBlock(e, { type: 'embed', attrs: { url } });
      });
    },
  },
  { label: 'Undo', title: 'Undo', run: (e) => e.chain().focus().undo().run() },
  { label: 'Redo', title: 'Redo', run: (e) => e.chain().focus().redo().run() },
];

function buildToolbar(editor: Editor): HTMLElement {
  const toolbar = document.createElement('div');
  toolbar.className = 'editor-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Formatting');
  const refresh: (() => void)[] = [];
  for (const spec of buttons) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = spec.label;
    button.title = spec.title;
    button.dataset.command = spec.label;
    button.addEventListener('click', () => spec.run(editor));
    if (spec.active) {
      const isActive = spec.active;
      refresh.push(() => button.setAttribute('aria-pressed', String(isActive(editor))));
    }
    toolbar.append(button);
  }
  editor.on('transaction', () => refresh.forEach((update) => update()));
  return toolbar;
}

function mount(form: HTMLFormElement, textarea: HTMLTextAreaElement): void {
  const holder = document.createElement('div');
  holder.className = 'editor-body story-body';
  const editor = new Editor({
    element: holder,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        link: { openOnClick: false, autolink: true, HTMLAttributes: { target: null, rel: null } },
      }),
      QuoteFigure,
      PullQuote,
      ImageFigure,
      Embed,
      SourceCite, // Sources directory hook
    ],
    content: textarea.value,
    // The base styles live in editor.css: an injected <style> element would break the Content-Security-Policy.
    injectCSS: false,
    editorProps: { attributes: { 'aria-label': 'Story text', 'aria-multiline': 'true', role: 'textbox' } },
  });
  const fields = enhanceFields(form, () => editor.getText());
  editor.on('update', () => {
    textarea.value = editor.getHTML();
    fields.changed();
  });
  textarea.value = editor.getHTML();
  textarea.hidden = true;
  textarea.closest('.field')?.classList.add('has-editor');
  textarea.before(buildToolbar(editor), holder);
  form.classList.add('editor-ready');
}

const form = document.getElementById('story-form');
const body = document.getElementById('body_html');
if (form instanceof HTMLFormElement && body instanceof HTMLTextAreaElement) mount(form, body);
