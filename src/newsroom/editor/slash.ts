/**
 * The block menu: opened by typing "/" on an empty line (then typing filters it, arrows move, Enter inserts, Escape
 * closes) or by the "+" button shown beside an empty line (then it takes the focus, and arrows move through it).
 */
import type { Editor } from '@tiptap/core';

export interface BlockChoice {
  id: string;
  label: string;
  hint: string;
  keywords: string;
}

export interface BlockMenu {
  attach(editor: Editor, host: HTMLElement): void;
  /** Keys typed in the editor: true when the menu used the key. */
  handleKey(event: KeyboardEvent, editor: Editor | null): boolean;
  destroy(): void;
}

function onEmptyLine(editor: Editor): boolean {
  const { selection } = editor.state;
  if (!selection.empty) return false;
  const parent = selection.$from.parent;
  return parent.type.name === 'paragraph' && parent.content.size === 0;
}

export function blockMenu(options: { choices: BlockChoice[]; choose: (id: string) => void }): BlockMenu {
  const menu = document.createElement('div');
  menu.className = 'ed-block-menu';
  menu.id = `block-menu-${Math.random().toString(36).slice(2, 8)}`;
  menu.setAttribute('role', 'listbox');
  menu.setAttribute('aria-label', 'Insert a block');
  menu.hidden = true;
  const filterLine = document.createElement('p');
  filterLine.className = 'ed-block-filter';
  const list = document.createElement('div');
  menu.append(filterLine, list);
  const plus = Object.assign(document.createElement('button'), { type: 'button', className: 'ed-plus', textContent: '+' });
  plus.setAttribute('aria-label', 'Insert a block');
  plus.setAttribute('aria-haspopup', 'listbox');
  plus.hidden = true;
  const hint = Object.assign(document.createElement('span'), { id: 'slash-hint', className: 'visually-hidden', textContent: 'Type / on an empty line, or use the + button, to insert a heading, quote, image, gallery, fact box or other block.' });
  let editorRef: Editor | null = null;
  let filter = '';
  let active = 0;
  let mode: 'typing' | 'focus' | null = null;
  let shown: BlockChoice[] = [];

  const matches = () => {
    const f = filter.toLowerCase();
    return options.choices.filter((c) => !f || c.label.toLowerCase().includes(f) || c.keywords.includes(f) || c.id.includes(f));
  };

  const draw = () => {
    shown = matches();
    active = Math.min(active, Math.max(0, shown.length - 1));
    filterLine.textContent = mode === 'typing' ? (filter ? `/${filter}` : 'Type to filter, Enter to insert, Esc to close') : 'Choose a block (Esc to close)';
    list.replaceChildren(
      ...shown.map((choice, index) => {
        const item = document.createElement('div');
        item.setAttribute('role', 'option');
        item.id = `${menu.id}-${choice.id}`;
        item.dataset.block = choice.id;
        item.tabIndex = -1;
        item.setAttribute('aria-selected', String(index === active));
        const name = Object.assign(document.createElement('span'), { className: 'ed-block-name', textContent: choice.label });
        item.append(name);
        if (choice.hint) item.append(Object.assign(document.createElement('span'), { className: 'ed-block-hint', textContent: choice.hint }));
        item.addEventListener('mousedown', (event) => event.preventDefault());
        item.addEventListener('click', () => pick(choice.id));
        return item;
      }),
    );
    if (!shown.length) list.append(Object.assign(document.createElement('p'), { className: 'ed-block-none', textContent: 'No block by that name.' }));
    const current = list.children[active] as HTMLElement | undefined;
    if (mode === 'typing' && current?.id) editorRef?.view.dom.setAttribute('aria-activedescendant', current.id);
    if (mode === 'focus') current?.focus();
    current?.scrollIntoView({ block: 'nearest' });
  };

  const place = () => {
    if (!editorRef) return;
    const host = menu.parentElement;
    if (!host) return;
    const coords = editorRef.view.coordsAtPos(editorRef.state.selection.from);
    const box = host.getBoundingClientRect();
    menu.style.top = `${coords.bottom - box.top + 4}px`;
    menu.style.left = `${Math.max(0, Math.min(coords.left - box.left, box.width - 280))}px`;
  };

  const close = (refocus = true) => {
    if (!mode) return;
    menu.hidden = true;
    mode = null;
    editorRef?.view.dom.removeAttribute('aria-activedescendant');
    editorRef?.view.dom.removeAttribute('aria-controls');
    plus.setAttribute('aria-expanded', 'false');
    if (refocus) editorRef?.view.focus();
  };

  const open = (how: 'typing' | 'focus') => {
    mode = how;
    filter = '';
    active = 0;
    menu.hidden = false;
    plus.setAttribute('aria-expanded', 'true');
    editorRef?.view.dom.setAttribute('aria-controls', menu.id);
    place();
    draw();
  };

  function pick(id: string) {
    close(true);
    options.choose(id);
  }

  const placePlus = () => {
    if (!editorRef) return;
    const host = plus.parentElement;
    if (!host || !onEmptyLine(editorRef) || !editorRef.isFocused) {
      if (document.activeElement !== plus && mode !== 'focus') plus.hidden = true;
      return;
    }
    const coords = editorRef.view.coordsAtPos(editorRef.state.selection.from);
    const box = host.getBoundingClientRect();
    plus.style.top = `${coords.top - box.top - 4}px`;
    plus.hidden = false;
  };

  menu.addEventListener('keydown', (event) => {
    if (mode !== 'focus') return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : -1) + shown.length) % shown.length;
      draw();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const choice = shown[active];
      if (choice) pick(choice.id);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  });
  menu.addEventListener('focusout', (event) => {
    if (mode === 'focus' && !menu.contains(event.relatedTarget as Node | null)) close(false);
  });
  plus.addEventListener('mousedown', (event) => event.preventDefault());
  plus.addEventListener('click', () => {
    if (mode) close(true);
    else open('focus');
  });

  return {
    attach(editor, host) {
      editorRef = editor;
      host.classList.add('ed-has-menu');
      host.append(plus, menu, hint);
      editor.on('selectionUpdate', placePlus);
      editor.on('focus', placePlus);
      editor.on('update', placePlus);
      editor.on('blur', () => {
        window.setTimeout(() => {
          if (mode === 'typing' && !editorRef?.isFocused) close(false);
          placePlus();
        }, 150);
      });
    },
    handleKey(event, editor) {
      if (!editor) return false;
      if (!mode) {
        if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && onEmptyLine(editor)) {
          event.preventDefault();
          open('typing');
          return true;
        }
        return false;
      }
      if (mode !== 'typing') return false;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        active = shown.length ? (active + (event.key === 'ArrowDown' ? 1 : -1) + shown.length) % shown.length : 0;
        draw();
        return true;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        const choice = shown[active];
        if (choice) pick(choice.id);
        else close(true);
        return true;
      }
      if (event.key === 'Escape') {
        close(true);
        return true;
      }
      if (event.key === 'Backspace') {
        if (!filter) close(true);
        else {
          filter = filter.slice(0, -1);
          draw();
        }
        return true;
      }
      if (event.key.length === 1 && !event.ctrlKey && !event.metaKey) {
        if (event.key === ' ' && !filter) {
          close(true);
          return false;
        }
        filter += event.key;
        active = 0;
        draw();
        return true;
      }
      return false;
    },
    destroy() {
      menu.remove();
      plus.remove();
      hint.remove();
    },
  };
}
