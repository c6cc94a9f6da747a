/**
 * Help around the story form: slug from the headline, word count and reading time, and saving: autosave a few seconds
 * after a change, a visible save state ("Saved 5 s ago", "Offline — will save when back"), Ctrl/Cmd+S, and a copy
 * of the text kept in this browser (localStorage) until the server has it, offered back after a crash or a lost page.
 */
import { slugify } from '../../slugs.js';

/** The server's own slugify, so what the editor shows is what gets stored; no headline yet leaves the slug empty. */
function slugFor(title: string): string {
  return title.trim() ? slugify(title) : '';
}

function field(form: HTMLFormElement, name: string): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null {
  const found = form.elements.namedItem(name);
  return found instanceof HTMLInputElement || found instanceof HTMLTextAreaElement || found instanceof HTMLSelectElement ? found : null;
}

function autoSlug(form: HTMLFormElement): void {
  const title = field(form, 'title');
  const slug = field(form, 'slug');
  if (!title || !(slug instanceof HTMLInputElement) || slug.dataset.auto !== 'true') return;
  let edited = slug.value !== '' && slug.value !== slugFor(title.value);
  slug.addEventListener('input', () => {
    edited = slug.value !== '';
  });
  title.addEventListener('input', () => {
    if (!edited) slug.value = slugFor(title.value);
  });
}

export function countWords(text: string): { words: number; minutes: number } {
  const trimmed = text.trim();
  const words = trimmed ? trimmed.split(/\s+/).length : 0;
  return { words, minutes: Math.max(1, Math.round(words / 230)) };
}

function counts(getText: () => string): () => void {
  const output = document.getElementById('word-count');
  const update = () => {
    const { words, minutes } = countWords(getText());
    if (output) output.textContent = `${words} ${words === 1 ? 'word' : 'words'} · ${minutes} min read`;
  };
  update();
  return update;
}

/** "5 s ago", "3 min ago", "at 14:05". */
export function sinceText(ms: number, at: Date): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${Math.floor(seconds / 5) * 5} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `at ${at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
}

interface LocalCopy {
  title: string;
  dek: string;
  body: string;
  savedAt: number;
}

/** Where this story's local copy is kept: per story, or per browser tab for a story not created yet. */
function localKey(form: HTMLFormElement): string {
  return form.dataset.storyId ? `gazette:story:${form.dataset.storyId}` : 'gazette:story:new';
}

function readLocal(key: string): LocalCopy | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as LocalCopy) : null;
  } catch {
    return null;
  }
}

export interface Saver {
  changed: () => void;
  /** Saves now (Ctrl/Cmd+S): autosave for drafts, else the form's Save. */
  saveNow: () => void;
  isDirty: () => boolean;
  inFlight: () => Promise<void> | null;
  stop: () => void;
}

function autosave(form: HTMLFormElement, getBody: () => string, setBody: (html: string) => void): Saver {
  let url = form.dataset.autosaveUrl ?? form.dataset.createUrl;
  const status = document.getElementById('autosave-status');
  const version = field(form, 'version');
  let key = localKey(form);
  let dirty = false;
  let stopped = false;
  let saving = false;
  let timer: number | undefined;
  let running: Promise<void> | null = null;
  let savedAt: Date | null = null;
  let problem: string | null = null;

  const say = (message: string, isProblem = false) => {
    if (!status) return;
    status.textContent = message;
    status.classList.toggle('is-problem', isProblem);
  };
  const showState = () => {
    if (problem) return;
    if (!navigator.onLine) say('Offline — will save when back', true);
    else if (saving) say('Saving…');
    else if (dirty && url) say('Unsaved changes');
    else if (dirty) say('Unsaved changes: use Update to save');
    else if (savedAt) say(`Saved ${sinceText(Date.now() - savedAt.getTime(), savedAt)}`);
  };
  window.setInterval(showState, 5000);

  const keepLocal = () => {
    try {
      const copy: LocalCopy = { title: field(form, 'title')?.value ?? '', dek: field(form, 'dek')?.value ?? '', body: getBody(), savedAt: Date.now() };
      window.localStorage.setItem(key, JSON.stringify(copy));
    } catch {
      // Storage full or refused: the server copy is all there is.
    }
  };
  const dropLocal = () => {
    try {
      window.localStorage.removeItem(key);
    } catch {
      // Nothing to remove.
    }
  };

  const save = async () => {
    if (!url || stopped) return;
    if (!navigator.onLine) {
      showState();
      return;
    }
    if (form.dataset.createUrl) {
      const section = field(form, 'section_id');
      if (!field(form, 'title')?.value.trim()) {
        problem = null;
        say('Kept on this device; saving starts once the story has a headline.');
        return;
      }
      if (section && !section.value) {
        problem = 'section';
        say('Kept on this device; choose a section in Settings to save.', true);
        return;
      }
    }
    saving = true;
    problem = null;
    dirty = false;
    showState();
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === 'string' && name !== 'action') body.append(name, value);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-csrf-token': body.get('_csrf') ?? '' },
        body: body.toString(),
      });
      const data = (await response.json()) as { id?: number; version?: number; savedAt?: string; editUrl?: string; autosaveUrl?: string; error?: { message: string } };
      saving = false;
      if (response.ok && data.version !== undefined) {
        if (version) version.value = String(data.version);
        if (data.editUrl && data.autosaveUrl) {
          // The first autosave of a new story created it: from now on the page edits that story.
          form.action = data.editUrl;
          url = data.autosaveUrl;
          form.dataset.autosaveUrl = url;
          if (data.id) form.dataset.storyId = String(data.id);
          delete form.dataset.createUrl;
          dropLocal();
          key = localKey(form);
          window.history.replaceState(null, '', data.editUrl);
          form.dispatchEvent(new CustomEvent('gazette:created', { detail: { id: data.id } }));
        }
        savedAt = new Date(data.savedAt ?? Date.now());
        if (!dirty) dropLocal();
        showState();
        if (dirty) schedule();
        return;
      }
      dirty = true;
      if (response.status === 409) {
        stopped = true;
        problem = 'conflict';
        say(`Autosave stopped: ${data.error?.message ?? 'someone else saved this story.'} Your text is kept on this device.`, true);
        return;
      }
      problem = 'refused';
      say(`Not saved: ${data.error?.message ?? `the server answered ${response.status}`}`, true);
    } catch {
      saving = false;
      dirty = true;
      problem = null;
      say('Offline — will save when back', true);
      window.setTimeout(schedule, 5000);
    }
  };
  const run = () => {
    running = save().finally(() => {
      running = null;
    });
  };
  const schedule = () => {
    if (!url || stopped || saving) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 3000);
  };
  window.addEventListener('online', () => {
    showState();
    if (dirty) run();
  });
  window.addEventListener('offline', showState);

  // A copy kept in this browser that the server never got (a crash, a lost connection, a closed tab): offer it back.
  const local = readLocal(key);
  const updatedAt = form.dataset.updatedAt ? Date.parse(form.dataset.updatedAt) : 0;
  const banner = document.getElementById('local-copy');
  if (local && banner && local.savedAt > updatedAt && (local.body !== getBody() || local.title !== (field(form, 'title')?.value ?? ''))) {
    const text = Object.assign(document.createElement('p'), { textContent: `This browser kept a copy of this story from ${new Date(local.savedAt).toLocaleString()} that was never saved.` });
    const restore = Object.assign(document.createElement('button'), { type: 'button', className: 'ed-button ed-button-primary', textContent: 'Restore that copy' });
    const discard = Object.assign(document.createElement('button'), { type: 'button', className: 'ed-button', textContent: 'Discard it' });
    restore.addEventListener('click', () => {
      const title = field(form, 'title');
      const dek = field(form, 'dek');
      if (title) title.value = local.title;
      if (dek) dek.value = local.dek;
      setBody(local.body);
      banner.hidden = true;
      dirty = true;
      schedule();
    });
    discard.addEventListener('click', () => {
      dropLocal();
      banner.hidden = true;
    });
    banner.replaceChildren(text, restore, discard);
    banner.hidden = false;
  }

  return {
    changed: () => {
      dirty = true;
      if (problem === 'section' && field(form, 'section_id')?.value) problem = null;
      if (problem !== 'conflict') problem = problem === 'refused' ? null : problem;
      keepLocal();
      showState();
      schedule();
    },
    saveNow: () => {
      if (url && !stopped) {
        window.clearTimeout(timer);
        run();
      } else {
        form.requestSubmit(form.querySelector<HTMLButtonElement>('button[name="action"][value="save"]') ?? undefined);
      }
    },
    isDirty: () => dirty,
    inFlight: () => running,
    stop: () => {
      window.clearTimeout(timer);
      stopped = true;
    },
  };
}

/** Wires the helpers to the form; `changed` is called by the rich-text editor on every edit. */
export function enhanceFields(form: HTMLFormElement, body: { getText: () => string; getHTML: () => string; setHTML: (html: string) => void }): Saver {
  autoSlug(form);
  const updateCounts = counts(body.getText);
  const saver = autosave(form, body.getHTML, body.setHTML);
  let submitting = false;
  form.addEventListener('input', (event) => {
    if (event.target instanceof HTMLElement && (event.target.closest('.editor-body') || event.target.closest('#desk-notes'))) return;
    saver.changed();
  });
  form.addEventListener('change', (event) => {
    if (event.target instanceof HTMLSelectElement) saver.changed();
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
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault();
      saver.saveNow();
    }
  });
  const changed = saver.changed;
  return {
    ...saver,
    changed: () => {
      updateCounts();
      changed();
    },
  };
}
