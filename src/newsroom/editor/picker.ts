/** Picking an image for a story: from the newsroom media library when it answers, else by the address of an uploaded file. */
import { askForAddress } from './ask.js';

export interface PickedMedia {
  id: number | null;
  url: string;
  alt: string;
  caption: string;
  credit: string;
}

interface LibraryItem {
  id: number;
  url: string;
  thumbnail?: string;
  alt?: string;
  caption?: string;
  credit?: string;
}

async function loadLibrary(query: string): Promise<LibraryItem[] | null> {
  try {
    const response = await fetch(`/newsroom/media.json?q=${encodeURIComponent(query)}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) return null;
    const data = (await response.json()) as { items?: LibraryItem[] } | LibraryItem[];
    const items = Array.isArray(data) ? data : data.items;
    return Array.isArray(items) ? items.filter((item) => typeof item.url === 'string') : null;
  } catch {
    return null;
  }
}

async function byAddress(): Promise<PickedMedia | null> {
  const url = await askForAddress({ title: 'Insert an image', label: 'The media library is not available. Address of an uploaded image (https://… or /media/…)', allowLocal: true });
  if (!url) return null;
  return { id: null, url, alt: '', caption: '', credit: '' };
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

/** Opens a dialog listing the library's images; resolves with the chosen one, or null when the dialog is closed. */
export async function chooseMedia(): Promise<PickedMedia | null> {
  const first = await loadLibrary('');
  if (first === null) return byAddress();
  return new Promise((resolve) => {
    const dialog = element('dialog', { className: 'media-picker' });
    dialog.setAttribute('aria-label', 'Choose an image');
    const heading = element('h2', { textContent: 'Choose an image' });
    const search = element('input', { type: 'search', placeholder: 'Search by alt text, caption or credit' });
    search.setAttribute('aria-label', 'Search images');
    const grid = element('ul', { className: 'media-picker-grid' });
    const close = element('button', { type: 'button', textContent: 'Cancel' });
    let chosen: PickedMedia | null = null;
    const show = (items: LibraryItem[]) => {
      grid.replaceChildren();
      if (items.length === 0) grid.append(element('li', { textContent: 'No images found. Upload some in Media first.' }));
      for (const item of items) {
        const button = element('button', { type: 'button', className: 'media-picker-item' });
        button.dataset.mediaId = String(item.id);
        const img = element('img', { src: item.thumbnail ?? item.url, alt: '' });
        button.append(img, element('span', { textContent: item.alt || item.caption || `Image ${item.id}` }));
        button.addEventListener('click', () => {
          chosen = { id: item.id, url: item.url, alt: item.alt ?? '', caption: item.caption ?? '', credit: item.credit ?? '' };
          dialog.close();
        });
        const entry = element('li');
        entry.append(button);
        grid.append(entry);
      }
    };
    let timer: number | undefined;
    search.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void loadLibrary(search.value).then((items) => show(items ?? [])), 200);
    });
    close.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(chosen);
    });
    dialog.append(heading, search, grid, close);
    document.body.append(dialog);
    show(first);
    dialog.showModal();
    search.focus();
  });
}
