/**
 * The rich-text editor as a component any newsroom page can mount (the story editor, and composers such as live
 * updates): `createRichEditor({ element, content, onChange })`. It brings the story blocks, the "/" menu and "+"
 * button, clean pasting from Docs, Word and web pages, and pasted or dropped pictures uploaded to the media library.
 */
import { Editor, Extension } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import StarterKit from '@tiptap/starter-kit';
import { askForAddress } from './ask.js';
import { Embed, FactBox, Gallery, ImageFigure, PullQuote, QuoteFigure, RelatedLink, type GalleryImage } from './nodes.js';
import { cleanPastedHtml, imageFiles } from './paste.js';
import { chooseMedia, chooseMediaItems, uploadImage, type PickedMedia } from './picker.js';
import { chooseStory } from './related.js';
import { blockMenu, type BlockChoice } from './slash.js';
import { citeSourceButton, SourceCite } from './source-picker.js';

export interface RichEditorOptions {
  /** Where the editor goes; it fills the element. */
  element: HTMLElement;
  /** Starting HTML (a stored story body). */
  content: string;
  /** Called after every change with the editor's HTML. */
  onChange?: (html: string) => void;
  /** The accessible name of the writing area. */
  label?: string;
  /** Which blocks the "/" menu offers (all by default). */
  blocks?: string[];
  /** May pictures be uploaded (pasted or dropped files)? */
  canUpload?: boolean;
  /** Shown when an upload fails. */
  onProblem?: (message: string) => void;
  /** Extra keyboard shortcuts, e.g. { 'Mod-s': () => save() }. */
  shortcuts?: Record<string, () => boolean>;
}

export interface RichEditor {
  editor: Editor;
  getHTML(): string;
  getText(): string;
  focus(): void;
  destroy(): void;
}

type Run = (editor: Editor) => void | Promise<void>;

function insertBlock(editor: Editor, content: Record<string, unknown>): void {
  const { selection } = editor.state;
  if (selection instanceof NodeSelection) editor.chain().focus().insertContentAt(selection.to, content).run();
  else editor.chain().focus().insertContent(content).run();
}

function imageNode(media: PickedMedia) {
  return { type: 'imageFigure', attrs: { src: media.url, alt: media.alt, caption: media.caption, credit: media.credit, mediaId: media.id ? String(media.id) : '' } };
}

const galleryImage = (m: PickedMedia): GalleryImage => ({ src: m.url, alt: m.alt, mediaId: m.id ? String(m.id) : '' });

/** Puts the cursor in the first field of the newest block matching `selector`, so the writer can fill it at once. */
function focusField(editor: Editor, selector: string): void {
  window.requestAnimationFrame(() => {
    const blocks = editor.view.dom.querySelectorAll<HTMLElement>(selector);
    blocks[blocks.length - 1]?.querySelector('input')?.focus();
  });
}

/** Every block the "/" menu and "+" button offer. */
export const blockChoices: (BlockChoice & { run: Run })[] = [
  { id: 'heading', label: 'Heading', hint: 'A subheading in the story', keywords: 'h2 title subhead', run: (e) => void e.chain().focus().setHeading({ level: 2 }).run() },
  { id: 'subheading', label: 'Small heading', hint: 'A heading one level down', keywords: 'h3', run: (e) => void e.chain().focus().setHeading({ level: 3 }).run() },
  {
    id: 'quote', label: 'Quote with attribution', hint: 'Who said it, in what role, with a link', keywords: 'blockquote said source cite',
    run: (e) => {
      if (!e.chain().focus().wrapIn('quoteFigure').run()) e.chain().focus().insertContent({ type: 'quoteFigure', content: [{ type: 'paragraph' }] }).run();
    },
  },
  {
    id: 'pull-quote', label: 'Pull quote', hint: 'A line repeated large', keywords: 'highlight callout',
    run: (e) => {
      if (!e.chain().focus().wrapIn('pullQuote').run()) e.chain().focus().insertContent({ type: 'pullQuote', content: [{ type: 'paragraph' }] }).run();
    },
  },
  {
    id: 'image', label: 'Image', hint: 'From the library, or upload one', keywords: 'picture photo upload',
    run: async (e) => {
      const media = await chooseMedia();
      if (media) {
        insertBlock(e, imageNode(media));
        if (!media.alt) focusField(e, 'figure.image');
      }
    },
  },
  {
    id: 'gallery', label: 'Gallery', hint: 'Several pictures together', keywords: 'images photos slideshow',
    run: async (e) => {
      const items = await chooseMediaItems({ multiple: true });
      if (items.length) insertBlock(e, { type: 'gallery', attrs: { images: items.map(galleryImage), caption: '' } });
    },
  },
  {
    id: 'embed', label: 'Embed', hint: 'A post or video by its address', keywords: 'video youtube social tweet',
    run: async (e) => {
      const url = await askForAddress({ title: 'Embed a post or video', label: 'Its address' });
      if (url) insertBlock(e, { type: 'embed', attrs: { url } });
    },
  },
  {
    id: 'fact-box', label: 'Fact box', hint: 'Key facts set apart', keywords: 'facts box sidebar list',
    run: (e) => {
      const from = e.state.selection.from;
      e.chain().focus().insertContent({ type: 'factBox', content: [{ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Key facts' }] }, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] }] }).run();
      // The heading's words are selected, ready to be typed over; the list item follows.
      let box: number | null = null;
      e.state.doc.nodesBetween(Math.max(0, from - 2), Math.min(e.state.doc.content.size, from + 4), (node, pos) => {
        if (box === null && node.type.name === 'factBox') box = pos;
      });
      if (box !== null) e.commands.setTextSelection({ from: box + 2, to: box + 2 + 'Key facts'.length });
    },
  },
  { id: 'divider', label: 'Divider', hint: 'A line between parts', keywords: 'hr rule separator', run: (e) => void e.chain().focus().setHorizontalRule().run() },
  {
    id: 'related', label: 'Related story', hint: 'A link to one of our stories', keywords: 'link read more',
    run: async (e) => {
      const story = await chooseStory();
      if (story) insertBlock(e, { type: 'relatedLink', attrs: { href: story.url, title: story.title } });
    },
  },
  { id: 'bullets', label: 'Bulleted list', hint: '', keywords: 'ul list', run: (e) => void e.chain().focus().toggleBulletList().run() },
  { id: 'numbers', label: 'Numbered list', hint: '', keywords: 'ol list', run: (e) => void e.chain().focus().toggleOrderedList().run() },
];

async function insertUploads(editor: Editor, files: File[], at: number | null, onProblem: (message: string) => void): Promise<void> {
  for (const file of files) {
    try {
      const media = await uploadImage(file);
      const node = imageNode(media);
      if (at === null) insertBlock(editor, node);
      else editor.chain().focus().insertContentAt(at, node).run();
      focusField(editor, 'figure.image.needs-alt');
    } catch (err) {
      onProblem(err instanceof Error ? err.message : 'The picture could not be uploaded.');
    }
  }
}

export function createRichEditor(options: RichEditorOptions): RichEditor {
  const onProblem = options.onProblem ?? ((message: string) => window.alert(message));
  const choices = blockChoices.filter((c) => !options.blocks || options.blocks.includes(c.id));
  let editorRef: Editor | null = null;
  const menu = blockMenu({
    choices,
    choose: (id) => {
      const choice = choices.find((c) => c.id === id);
      if (choice && editorRef) void choice.run(editorRef);
    },
  });
  const Shortcuts = Extension.create({
    name: 'gazetteShortcuts',
    addKeyboardShortcuts() {
      const extra = Object.fromEntries(Object.entries(options.shortcuts ?? {}).map(([key, run]) => [key, () => run()]));
      return {
        'Mod-k': () => {
          const editor = this.editor;
          const current = String(editor.getAttributes('link').href ?? '');
          void askForAddress({ title: current ? 'Edit the link' : 'Add a link', label: 'Address (leave empty to remove the link)', current, allowEmpty: true, allowLocal: true }).then((url) => {
            if (url === null) return;
            if (url === '') editor.chain().focus().extendMarkRange('link').unsetLink().run();
            else editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run();
          });
          return true;
        },
        'Mod-Alt-2': () => this.editor.chain().focus().toggleHeading({ level: 2 }).run(),
        'Mod-Alt-3': () => this.editor.chain().focus().toggleHeading({ level: 3 }).run(),
        'Mod-Shift-9': () => this.editor.chain().focus().toggleBlockquote().run(),
        // An inline attribution to the sources directory, from the selected words.
        'Mod-Alt-c': () => {
          citeSourceButton.run(this.editor);
          return true;
        },
        ...extra,
      };
    },
  });
  const editor = new Editor({
    element: options.element,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        link: { openOnClick: false, autolink: true, HTMLAttributes: { target: null, rel: null } },
        underline: false,
        code: false,
        codeBlock: false,
      }),
      QuoteFigure,
      PullQuote,
      ImageFigure,
      Embed,
      Gallery,
      FactBox,
      RelatedLink,
      SourceCite,
      Shortcuts,
    ],
    content: options.content,
    // The base styles live in editor.css: an injected <style> element would break the Content-Security-Policy.
    injectCSS: false,
    editorProps: {
      attributes: { 'aria-label': options.label ?? 'Story text', 'aria-multiline': 'true', role: 'textbox', 'aria-describedby': 'slash-hint' },
      transformPastedHTML: cleanPastedHtml,
      handleKeyDown: (_view, event) => menu.handleKey(event, editorRef),
      handlePaste: (_view, event) => {
        const files = imageFiles(event.clipboardData);
        if (!files.length || !options.canUpload || !editorRef) return false;
        event.preventDefault();
        void insertUploads(editorRef, files, null, onProblem);
        return true;
      },
      handleDrop: (view, event) => {
        const files = imageFiles(event.dataTransfer);
        if (!files.length || !options.canUpload || !editorRef) return false;
        event.preventDefault();
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? null;
        void insertUploads(editorRef, files, at, onProblem);
        return true;
      },
    },
  });
  editorRef = editor;
  menu.attach(editor, options.element);
  options.element.addEventListener('gazette:gallery-add', (event) => {
    const detail = (event as CustomEvent<{ add: (images: GalleryImage[]) => void }>).detail;
    void chooseMediaItems({ multiple: true }).then((items) => {
      if (items.length) detail.add(items.map(galleryImage));
    });
  });
  editor.on('update', () => options.onChange?.(editor.getHTML()));
  const selectionBar = attachSelectionBar(editor, options.element);
  return {
    editor,
    getHTML: () => editor.getHTML(),
    getText: () => editor.getText(),
    focus: () => editor.commands.focus(),
    destroy: () => {
      selectionBar.remove();
      menu.destroy();
      editor.destroy();
    },
  };
}

interface SelectionAction {
  label: string;
  title: string;
  run: (editor: Editor) => void;
  active?: (editor: Editor) => boolean;
}

const selectionActions: SelectionAction[] = [
  { label: 'Bold', title: 'Bold (Ctrl+B)', run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold') },
  { label: 'Italic', title: 'Italic (Ctrl+I)', run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic') },
  {
    label: 'Link',
    title: 'Link the selected words (Ctrl+K)',
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
  { ...citeSourceButton, title: `${citeSourceButton.title} (Ctrl+Alt+C)`, active: (e) => e.isActive('sourceCite') },
];

/**
 * A small bar over selected words: bold, italic, link and "Cite source". Marks need a selection, which the "/" menu
 * (for blocks) cannot offer; the keyboard shortcuts do the same without it.
 */
function attachSelectionBar(editor: Editor, host: HTMLElement): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'editor-toolbar editor-selection-bar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Format the selected words');
  bar.hidden = true;
  const refresh: Array<() => void> = [];
  for (const action of selectionActions) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = action.label;
    button.title = action.title;
    button.dataset.command = action.label;
    // Keep the selection: a mousedown on the button would otherwise move focus out of the text.
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', () => action.run(editor));
    if (action.active) {
      const isActive = action.active;
      refresh.push(() => button.setAttribute('aria-pressed', String(isActive(editor))));
    }
    bar.append(button);
  }
  host.style.position ||= 'relative';
  host.append(bar);
  const place = () => {
    const { selection } = editor.state;
    const words = selection.empty || selection instanceof NodeSelection ? '' : editor.state.doc.textBetween(selection.from, selection.to, ' ').trim();
    if (!words || !editor.isFocused) {
      bar.hidden = true;
      return;
    }
    refresh.forEach((update) => update());
    const start = editor.view.coordsAtPos(selection.from);
    const end = editor.view.coordsAtPos(selection.to);
    const box = host.getBoundingClientRect();
    bar.hidden = false;
    const left = Math.max(0, Math.min(start.left - box.left, box.width - bar.offsetWidth));
    bar.style.left = `${left}px`;
    // Above the selection, or below its last line when there is no room above: never over other text.
    const above = start.top - box.top - bar.offsetHeight - 6;
    bar.style.top = `${above >= 0 ? above : end.bottom - box.top + 6}px`;
  };
  editor.on('selectionUpdate', place);
  editor.on('transaction', place);
  editor.on('blur', ({ event }) => {
    if (!(event.relatedTarget instanceof Node && bar.contains(event.relatedTarget))) bar.hidden = true;
  });
  return bar;
}
