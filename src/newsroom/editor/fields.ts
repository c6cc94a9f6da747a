/** Help around the story form: slug from the headline, tag suggestions, word count and reading time, draft autosave, the featured-image picker. */
import { slugify } from '../../slugs.js';
import { chooseMedia } from './picker.js';

/** The server's own slugify, so what the editor shows is what gets stored; no headline yet leaves the slug empty. */
function slugFor(title: string): string {
  return title.trim() ? slugify(title) : '';
}

function input(form: HTMLFormElement, name: string): HTMLInputElement | null {
  const found = form.elements.namedItem(name);
  return found instanceof HTMLInputElement ? found : null;
}

function autoSlug(form: HTMLFormElement): void {
  const title = input(form, 'title');
  const slug = input(form, 'slug');
  if (!title || !slug || slug.dataset.auto !== 'true') return;
  let edited = slug.value !== '' && slug.value !== slugFor(title.value);
  slug.addEventListener('input', () => {
    edited = slug.value !== '';
  });
  title.addEventListener('input', () => {
    if (!edited) slug.value = slugFor(title.value);
  });
}

function tagSuggestions(form: HTMLFormElement): void {
  const tags = input(form, 'tags');
  const list = tags?.list;
  if (!tags || !list) return;
  let timer: number | undefined;
  tags.addEventListener('input', () => {
    window.clearTimeout(timer);
    const parts = tags.value.split(',');
    const last = (parts.pop() ?? '').trim();
    if (!last) return;
    const before = parts.map((p) => p.trim()).filter(Boolean);
    timer = window.setTimeout(async () => {
      const response = await fetch(`/newsroom/stories/tags.json?q=${encodeURIComponent(last)}`, { headers: { accept: 'application/json' } });
      if (!response.ok) return;
      const { tags: found } = (await response.json()) as { tags: { name: string }[] };
      list.replaceChildren(
        ...found
          .filter((tag) => !before.includes(tag.name))
          .map((tag) => Object.assign(document.createElement('option'), { value: [...before, tag.name].join(', ') })),
      );
    }, 150);
  });
}

function counts(getText: () => string): () => void {
  const output = document.getElementById('word-count');
  const update = () => {
    const text = getText().trim();
    const words = text ? text.split(/\s+/).length : 0;
    if (output) output.textContent = `${words} ${words === 1 ? 'word' : 'words'} · ${Math.max(1, Math.round(words / 230))} min read`;
  };
  update();
  return update;
}

function featuredPicker(form: HTMLFormElement): void {
  const field = input(form, 'featured_media_id');
  if (!field) return;
  const button = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Choose from the library', className: 'nr-secondary' });
  button.addEventListener('click', () => {
    void chooseMedia().then((media) => {
      if (media?.id) {
        field.value = String(media.id);
        field.dispatchEvent(new Event('input', { bubbles: true }));
        const preview = document.getElementById('featured-preview');
        if (preview instanceof HTMLImageElement) {
          preview.src = media.url;
          preview.alt = `Featured image: ${media.alt}`;
          preview.hidden = false;
        }
      }
    });
  });
  field.after(button);
}

type AutosaveState = 'idle' | 'waiting' | 'saving' | 'stopped';

/** Saves drafts a few seconds after the last change; a refused save stops autosave and says why, keeping the text on screen. */
interface Autosaver {
  changed: () => void;
  isDirty: () => boolean;
  /** The save under way, if any (a form submit waits for it so it posts to the right story and version). */
  inFlight: () => Promise<void> | null;
  /** Stops autosaving: the form is being submitted. */
  stop: () => void;
}

function autosave(form: HTMLFormElement): Autosaver {
  let url = form.dataset.autosaveUrl ?? form.dataset.createUrl;
  const status = document.getElementById('autosave-status');
  const version = input(form, 'version');
  let dirty = false;
  let state: AutosaveState = 'idle';
  let timer: number | undefined;
  let running: Promise<void> | null = null;
  const say = (message: string, problem = false) => {
    if (!status) return;
    status.textContent = message;
    status.classList.toggle('is-problem', problem);
  };
  const save = async () => {
    if (!url || state === 'stopped') return;
    if (form.dataset.createUrl && !input(form, 'title')?.value.trim()) {
      state = 'idle';
      say('Autosave starts once the story has a headline.');
      return;
    }
    state = 'saving';
    dirty = false;
    say('Saving draft…');
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') body.append(name, value);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-csrf-token': body.get('_csrf') ?? '' },
        body: body.toString(),
      });
      const data = (await response.json()) as { version?: number; savedAt?: string; editUrl?: string; autosaveUrl?: string; error?: { message: string } };
      if (response.ok && data.version !== undefined) {
        if (version) version.value = String(data.version);
        if (data.editUrl && data.autosaveUrl) {
          // The first autosave of a new story created it: from now on the page edits that story.
          form.action = data.editUrl;
          url = data.autosaveUrl;
          form.dataset.autosaveUrl = url;
          delete form.dataset.createUrl;
          window.history.replaceState(null, '', data.editUrl);
        }
        say(`Draft saved at ${new Date(data.savedAt ?? Date.now()).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.`);
        state = 'idle';
        if (dirty) schedule();
        return;
      }
      dirty = true;
      if (response.status === 409) {
        state = 'stopped';
        say(`Autosave stopped: ${data.error?.message ?? 'someone else saved this story.'}`, true);
        return;
      }
      state = 'idle';
      say(`Not saved: ${data.error?.message ?? `the server answered ${response.status}`}`, true);
    } catch {
      dirty = true;
      state = 'idle';
      say('Not saved: the newsroom could not be reached. Your text is still here; autosave will retry.', true);
      schedule();
    }
  };
  const schedule = () => {
    if (!url || state === 'stopped' || state === 'saving') return;
    state = 'waiting';
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      running = save().finally(() => {
        running = null;
      });
    }, 4000);
  };
  return {
    changed: () => {
      dirty = true;
      schedule();
    },
    isDirty: () => dirty,
    inFlight: () => running,
    stop: () => {
      window.clearTimeout(timer);
      state = 'stopped';
    },
  };
}

/** Wires every helper to the form; `changed` is called by the rich-text editor on every edit. */
export function enhanceFields(form: HTMLFormElement, getText: () => string): { changed: () => void } {
  autoSlug(form);
  tagSuggestions(form);
  featuredPicker(form);
  const updateCounts = counts(getText);
  const saver = autosave(form);
  let submitting = false;
  form.addEventListener('input', (event) => {
    if (event.target instanceof HTMLElement && event.target.closest('.editor-body')) return;
    saver.changed();
  });
  form.addEventListener('submit', (event) => {
    const pending = saver.inFlight();
    if (pending) {
      event.preventDefault();
      const button = event.submitter instanceof HTMLButtonElement ? event.submitter : undefined;
      void pending.then(() => form.requestSubmit(button));
      return;
    }
    submitting = true;
    saver.stop();
  });
  window.addEventListener('beforeunload', (event) => {
    if (saver.isDirty() && !submitting) event.preventDefault();
  });
  return {
    changed: () => {
      updateCounts();
      saver.changed();
    },
  };
}
