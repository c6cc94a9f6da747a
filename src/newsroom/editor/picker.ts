/**
 * Picking images for a story: a searchable grid of the media library's thumbnails with upload in place (including
 * the phone's camera), one picture or several; by the address of an uploaded file when the library does not answer.
 */
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

const picked = (item: LibraryItem): PickedMedia => ({ id: item.id, url: item.url, alt: item.alt ?? '', caption: item.caption ?? '', credit: item.credit ?? '' });

function csrfToken(): string {
  const field = document.querySelector<HTMLInputElement>('input[name="_csrf"]');
  return field?.value ?? '';
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

/** Uploads one image into the media library; resolves with it, or throws an Error whose message says why not. */
export async function uploadImage(file: File, text: { alt?: string; caption?: string; credit?: string } = {}): Promise<PickedMedia> {
  const form = new FormData();
  form.set('alt', text.alt ?? '');
  form.set('caption', text.caption ?? '');
  form.set('credit', text.credit ?? '');
  form.set('file', file, file.name || 'pasted-image.png');
  let response: Response;
  try {
    response = await fetch('/newsroom/media', { method: 'POST', body: form, credentials: 'same-origin', headers: { accept: 'application/json', 'x-csrf-token': csrfToken() } });
  } catch {
    throw new Error('The newsroom could not be reached; the picture was not uploaded.');
  }
  const data = (await response.json().catch(() => ({}))) as { items?: LibraryItem[]; error?: { message?: string } };
  const item = data.items?.[0];
  if (!response.ok || !item) throw new Error(data.error?.message ?? `The upload was refused (${response.status}).`);
  return picked(item);
}

async function byAddress(): Promise<PickedMedia[]> {
  const url = await askForAddress({ title: 'Insert an image', label: 'The media library is not available. Address of an uploaded image (https://… or /media/…)', allowLocal: true });
  return url ? [{ id: null, url, alt: '', caption: '', credit: '' }] : [];
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

export interface ChooseOptions {
  /** Several pictures (a gallery): each click toggles one, "Insert" confirms. */
  multiple?: boolean;
  title?: string;
}

/** The upload part of the picker: a file (or the camera on a phone) with its alt text, asked before it goes in. */
function uploadForm(onUploaded: (media: PickedMedia) => void): HTMLElement {
  const box = element('details', { className: 'media-picker-upload' });
  const summary = element('summary', { textContent: 'Upload a new picture' });
  const file = element('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/gif,image/avif', id: 'picker-file' });
  const fileLabel = element('label', { htmlFor: 'picker-file', textContent: 'Picture file' });
  const camera = element('input', { type: 'file', accept: 'image/*', id: 'picker-camera' });
  camera.setAttribute('capture', 'environment');
  const cameraLabel = element('label', { htmlFor: 'picker-camera', textContent: 'Or take a photo', className: 'media-picker-camera' });
  const alt = element('input', { type: 'text', id: 'picker-alt' });
  const altLabel = element('label', { htmlFor: 'picker-alt', textContent: 'Alt text: what the picture shows' });
  const credit = element('input', { type: 'text', id: 'picker-credit' });
  const creditLabel = element('label', { htmlFor: 'picker-credit', textContent: 'Credit (optional)' });
  const go = element('button', { type: 'button', textContent: 'Upload', className: 'ed-button ed-button-primary' });
  const problem = element('p', { className: 'address-problem' });
  problem.setAttribute('role', 'alert');
  go.addEventListener('click', () => {
    const chosen = file.files?.[0] ?? camera.files?.[0];
    if (!chosen) {
      problem.textContent = 'Choose a picture file first.';
      return;
    }
    if (!alt.value.trim()) {
      problem.textContent = 'Say what the picture shows, for readers who cannot see it.';
      alt.focus();
      return;
    }
    go.disabled = true;
    problem.textContent = 'Uploading…';
    uploadImage(chosen, { alt: alt.value.trim(), credit: credit.value.trim() })
      .then((media) => {
        problem.textContent = '';
        onUploaded(media);
      })
      .catch((err: unknown) => {
        problem.textContent = err instanceof Error ? err.message : 'The upload failed.';
      })
      .finally(() => {
        go.disabled = false;
      });
  });
  const rows = [fileLabel, file, cameraLabel, camera, altLabel, alt, creditLabel, credit].map((node) => node);
  const grid = element('div', { className: 'media-picker-upload-fields' });
  grid.append(...rows, go, problem);
  box.append(summary, grid);
  return box;
}

/** Opens a dialog with the library's images; resolves with the chosen ones (empty when closed without a choice). */
export async function chooseMediaItems(options: ChooseOptions = {}): Promise<PickedMedia[]> {
  const first = await loadLibrary('');
  if (first === null) return byAddress();
  return new Promise((resolve) => {
    const dialog = element('dialog', { className: 'media-picker ed-dialog' });
    const headingId = `picker-title-${Date.now()}`;
    dialog.setAttribute('aria-labelledby', headingId);
    const heading = element('h2', { textContent: options.title ?? (options.multiple ? 'Choose pictures' : 'Choose an image'), id: headingId });
    const search = element('input', { type: 'search', placeholder: 'Search by alt text, caption or credit' });
    search.setAttribute('aria-label', 'Search images');
    const grid = element('ul', { className: 'media-picker-grid' });
    const close = element('button', { type: 'button', textContent: 'Cancel', className: 'ed-button' });
    const insert = element('button', { type: 'button', textContent: 'Insert', className: 'ed-button ed-button-primary', hidden: !options.multiple, disabled: true });
    const selected = new Map<number, PickedMedia>();
    let chosen: PickedMedia[] = [];
    const finish = (items: PickedMedia[]) => {
      chosen = items;
      dialog.close();
    };
    const show = (items: LibraryItem[]) => {
      grid.replaceChildren();
      if (items.length === 0) grid.append(element('li', { textContent: 'No images found. Upload one above.', className: 'media-picker-empty' }));
      for (const item of items) {
        const button = element('button', { type: 'button', className: 'media-picker-item' });
        button.dataset.mediaId = String(item.id);
        const img = element('img', { src: item.thumbnail ?? item.url, alt: '', loading: 'lazy' });
        button.append(img, element('span', { textContent: item.alt || item.caption || `Image ${item.id} (no description yet)` }));
        if (options.multiple) button.setAttribute('aria-pressed', String(selected.has(item.id)));
        button.addEventListener('click', () => {
          if (!options.multiple) return finish([picked(item)]);
          if (selected.has(item.id)) selected.delete(item.id);
          else selected.set(item.id, picked(item));
          button.setAttribute('aria-pressed', String(selected.has(item.id)));
          insert.disabled = selected.size === 0;
          insert.textContent = selected.size ? `Insert ${selected.size} ${selected.size === 1 ? 'picture' : 'pictures'}` : 'Insert';
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
    insert.addEventListener('click', () => finish([...selected.values()]));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(chosen);
    });
    const upload = uploadForm((media) => {
      if (!options.multiple) return finish([media]);
      if (media.id !== null) selected.set(media.id, media);
      void loadLibrary(search.value).then((items) => show(items ?? []));
      insert.disabled = false;
      insert.textContent = `Insert ${selected.size} ${selected.size === 1 ? 'picture' : 'pictures'}`;
    });
    const actions = element('div', { className: 'ed-dialog-actions' });
    actions.append(insert, close);
    dialog.append(heading, upload, search, grid, actions);
    document.body.append(dialog);
    show(first);
    dialog.showModal();
    search.focus();
  });
}

/** One image, or null when the dialog was closed. */
export async function chooseMedia(): Promise<PickedMedia | null> {
  return (await chooseMediaItems())[0] ?? null;
}
