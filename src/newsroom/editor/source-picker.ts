/**
 * Linking attributions to the sources directory from the editor. Two parts, both hooked into the editor at clearly
 * marked places (nodes.ts's quote block, editor.ts's toolbar and extensions):
 *  - `attachSourcePicker`: a "Pick from the directory" button under a quote block's attribution fields. The dialog
 *    searches the directory as you type (/newsroom/sources, JSON), or adds the typed name as a new source in place,
 *    and takes an optional link to the original document. The block then stores `<cite data-source="id">`.
 *  - `SourceCite` and `citeSourceButton`: an inline attribution ("…, according to <cite data-source>the ministry</cite>")
 *    made from the selected words.
 */
import { Mark, mergeAttributes, type Editor } from '@tiptap/core';

export interface PickedSource {
  id: number;
  slug: string;
  name: string;
  kind: string;
  kindLabel: string;
  line: string;
}

interface PickResult {
  source: PickedSource;
  /** The original document's address, when one was given ('' for none). */
  link: string;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

function csrfToken(): string {
  const field = document.querySelector<HTMLInputElement>('input[name="_csrf"]');
  return field?.value ?? document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}

async function searchSources(query: string): Promise<PickedSource[] | null> {
  try {
    const response = await fetch(`/newsroom/sources?q=${encodeURIComponent(query)}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) return null;
    const data = (await response.json()) as { sources?: PickedSource[] };
    return Array.isArray(data.sources) ? data.sources : null;
  } catch {
    return null;
  }
}

async function addSource(fields: Record<string, string>): Promise<{ source?: PickedSource; error?: string }> {
  try {
    const response = await fetch('/newsroom/sources', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-csrf-token': csrfToken() },
      body: new URLSearchParams({ ...fields, _csrf: csrfToken() }).toString(),
    });
    const data = (await response.json()) as { source?: PickedSource; error?: { message?: string } };
    if (response.ok && data.source) return { source: data.source };
    return { error: data.error?.message ?? `The directory answered ${response.status}.` };
  } catch {
    return { error: 'The directory could not be reached; try again.' };
  }
}

const kinds: [string, string][] = [
  ['organisation', 'Organisation'],
  ['person', 'Person'],
  ['document', 'Document'],
];

/** Opens the picker; resolves with the chosen or added source, or null when closed. */
export function pickSource(options: { initialQuery: string; link?: string | null }): Promise<PickResult | null> {
  return new Promise((resolve) => {
    const dialog = element('dialog', { className: 'source-picker' });
    dialog.setAttribute('aria-labelledby', 'source-picker-title');
    const heading = element('h2', { id: 'source-picker-title', textContent: 'Link to a source' });
    const searchLabel = element('label', { className: 'source-picker-field' });
    const search = element('input', { type: 'search', value: options.initialQuery, placeholder: 'Name, in any spelling or script' });
    search.setAttribute('data-source-search', '');
    searchLabel.append(element('span', { textContent: 'Find in the directory' }), search);
    const status = element('p', { className: 'source-picker-status' });
    status.setAttribute('role', 'status');
    const list = element('ul', { className: 'source-picker-list' });
    let linkInput: HTMLInputElement | null = null;
    const parts: HTMLElement[] = [heading, searchLabel, status, list];
    if (options.link !== null) {
      const linkLabel = element('label', { className: 'source-picker-field' });
      linkInput = element('input', { type: 'url', value: options.link ?? '', placeholder: 'https://…' });
      linkInput.setAttribute('data-source-link', '');
      linkLabel.append(element('span', { textContent: 'Link to the original document (optional)' }), linkInput);
      parts.push(linkLabel);
    }
    const add = element('fieldset', { className: 'source-picker-add' });
    const legend = element('legend', { textContent: 'Not in the directory? Add it' });
    const kind = element('select');
    kind.setAttribute('aria-label', 'Kind of source');
    for (const [value, label] of kinds) kind.append(element('option', { value, textContent: label }));
    const addButton = element('button', { type: 'button', className: 'source-picker-add-button', textContent: 'Add as new source' });
    const addProblem = element('p', { className: 'address-problem' });
    addProblem.setAttribute('role', 'alert');
    add.append(legend, kind, addButton, addProblem);
    const cancel = element('button', { type: 'button', textContent: 'Cancel' });
    parts.push(add, cancel);
    let chosen: PickResult | null = null;
    const choose = (source: PickedSource) => {
      chosen = { source, link: linkInput?.value.trim() ?? '' };
      dialog.close();
    };
    const show = (items: PickedSource[] | null) => {
      list.replaceChildren();
      if (items === null) {
        status.textContent = 'The directory is not available right now.';
        return;
      }
      status.textContent = items.length ? `${items.length} ${items.length === 1 ? 'source' : 'sources'} found` : 'No source found: add it below.';
      for (const item of items) {
        const button = element('button', { type: 'button', className: 'source-picker-item' });
        button.dataset.sourceId = String(item.id);
        button.append(element('strong', { textContent: item.name }), element('span', { textContent: ` ${item.kindLabel} · ${item.line}` }));
        button.addEventListener('click', () => choose(item));
        const entry = element('li');
        entry.append(button);
        list.append(entry);
      }
    };
    let timer: number | undefined;
    const refresh = () => void searchSources(search.value.trim()).then(show);
    search.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 150);
    });
    search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') event.preventDefault();
    });
    addButton.addEventListener('click', () => {
      const name = search.value.trim();
      if (!name) {
        addProblem.textContent = 'Type the source’s name in the search box first.';
        return;
      }
      addButton.disabled = true;
      void addSource({ kind: kind.value, name }).then((result) => {
        addButton.disabled = false;
        if (result.source) choose(result.source);
        else addProblem.textContent = result.error ?? 'The source could not be added.';
      });
    });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(chosen);
    });
    dialog.append(...parts);
    document.body.append(dialog);
    dialog.showModal();
    search.focus();
    refresh();
  });
}

/** What a quote block's node view gives the picker: its attributes and a way to set them. */
export interface QuoteAttributes {
  get(name: 'source' | 'sourceRef' | 'cite'): string;
  set(name: 'source' | 'sourceRef' | 'cite', value: string): void;
}

/**
 * Adds the directory link to a quote block's fields: a button that opens the picker, and a line saying which source
 * the attribution links to (with a way to unlink). Typing another name by hand unlinks it.
 */
export function attachSourcePicker(fields: HTMLElement, sourceInput: HTMLInputElement, attrs: QuoteAttributes): { update(): void } {
  const row = element('div', { className: 'source-link-row' });
  const state = element('span', { className: 'source-link-state' });
  const pickButton = element('button', { type: 'button', className: 'source-pick', textContent: 'Pick from the directory' });
  const unlink = element('button', { type: 'button', className: 'source-unlink', textContent: 'Unlink' });
  const update = () => {
    const ref = attrs.get('sourceRef');
    state.textContent = ref ? `Linked to the directory (source ${ref}).` : 'Not linked to the directory.';
    unlink.hidden = !ref;
  };
  pickButton.addEventListener('click', () => {
    void pickSource({ initialQuery: attrs.get('source'), link: attrs.get('cite') }).then((picked) => {
      if (!picked) return;
      attrs.set('sourceRef', String(picked.source.id));
      attrs.set('source', picked.source.name);
      sourceInput.value = picked.source.name;
      if (picked.link) attrs.set('cite', picked.link);
      update();
    });
  });
  unlink.addEventListener('click', () => {
    attrs.set('sourceRef', '');
    update();
  });
  sourceInput.addEventListener('input', () => {
    if (attrs.get('sourceRef')) {
      attrs.set('sourceRef', '');
      update();
    }
  });
  row.append(pickButton, state, unlink);
  fields.append(row);
  update();
  return { update };
}

/** An inline attribution: `<cite data-source="id">` around the words naming the source. */
export const SourceCite = Mark.create({
  name: 'sourceCite',
  inclusive: false,
  addAttributes() {
    return { source: { default: '', parseHTML: (el: HTMLElement) => el.getAttribute('data-source') ?? '', renderHTML: (attrs: { source?: string }) => (attrs.source ? { 'data-source': attrs.source } : {}) } };
  },
  parseHTML() {
    // Only inline cites linked to a source: a quote block's own <cite> belongs to its caption.
    return [{ tag: 'cite[data-source]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['cite', mergeAttributes(HTMLAttributes), 0];
  },
});

/** The toolbar button: links the selected words to a source (or unlinks them). */
export const citeSourceButton = {
  label: 'Cite source',
  title: 'Link the selected words to a source in the directory (an inline attribution)',
  run: (editor: Editor) => {
    if (editor.isActive('sourceCite')) {
      editor.chain().focus().extendMarkRange('sourceCite').unsetMark('sourceCite').run();
      return;
    }
    const { from, to } = editor.state.selection;
    const words = editor.state.doc.textBetween(from, to, ' ').trim();
    if (!words) return;
    void pickSource({ initialQuery: words, link: null }).then((picked) => {
      if (!picked) return;
      editor.chain().focus().setTextSelection({ from, to }).setMark('sourceCite', { source: String(picked.source.id) }).run();
    });
  },
  active: (editor: Editor) => editor.isActive('sourceCite'),
};
