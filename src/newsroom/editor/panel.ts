/**
 * The story page around the writing canvas: the settings panel (beside the canvas, a sheet on a phone), the byline
 * and tag pickers, the featured-image picker, the publish confirmation, the copyable link after publishing, presence
 * ("… is editing this story") and desk notes.
 */
import { chooseMedia } from './picker.js';
import { followersLine } from './followers-line.js';

const phone = () => window.matchMedia('(max-width: 63.99em)').matches;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

export function settingsPanel(form: HTMLFormElement): { open: (focus?: HTMLElement | null) => void } {
  const panel = document.getElementById('story-settings');
  const toggle = form.querySelector<HTMLButtonElement>('.ed-settings-toggle');
  const closeButton = form.querySelector<HTMLButtonElement>('.ed-settings-close');
  if (!panel || !toggle) return { open: () => undefined };
  toggle.hidden = false;
  if (closeButton) closeButton.hidden = false;
  const set = (open: boolean) => {
    panel.classList.toggle('is-closed', !open);
    form.classList.toggle('settings-open', open);
    toggle.setAttribute('aria-expanded', String(open));
    try {
      if (!phone()) window.localStorage.setItem('gazette:settings-open', open ? '1' : '0');
    } catch {
      // Not remembered.
    }
  };
  let remembered: string | null = null;
  try {
    remembered = window.localStorage.getItem('gazette:settings-open');
  } catch {
    remembered = null;
  }
  // Open beside the canvas on a wide screen (unless closed last time); a closed sheet on a phone.
  set(!phone() && remembered !== '0');
  if (form.querySelector('.nr-field-error')) set(true);
  toggle.addEventListener('click', () => {
    const open = panel.classList.contains('is-closed');
    set(open);
    if (open) panel.querySelector<HTMLElement>('select, input, textarea, button')?.focus();
  });
  closeButton?.addEventListener('click', () => {
    set(false);
    toggle.focus();
  });
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && phone()) {
      set(false);
      toggle.focus();
    }
  });
  return {
    open: (focus) => {
      set(true);
      focus?.focus();
    },
  };
}

/** A chip list with a search box: used for the byline (people) and for tags (with creation). */
function chipPicker(options: {
  label: string;
  id: string;
  initial: { value: string; label: string }[];
  suggest: (typed: string, chosen: string[]) => Promise<{ value: string; label: string }[]>;
  allowNew: boolean;
  onChange: (values: { value: string; label: string }[]) => void;
}): HTMLElement {
  const wrapper = element('div', { className: 'ed-chips' });
  const list = element('ul', { className: 'ed-chip-list' });
  list.setAttribute('aria-label', options.label);
  const input = element('input', { type: 'text', id: options.id, autocomplete: 'off' });
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  const listbox = element('ul', { className: 'ed-suggestions', id: `${options.id}-suggestions` });
  listbox.setAttribute('role', 'listbox');
  listbox.setAttribute('aria-label', `${options.label}: suggestions`);
  listbox.hidden = true;
  input.setAttribute('aria-controls', listbox.id);
  let chosen = [...options.initial];
  let suggestions: { value: string; label: string }[] = [];
  let active = -1;
  const drawChips = () => {
    list.replaceChildren(
      ...chosen.map((item) => {
        const li = element('li', { className: 'ed-chip' });
        li.dataset.value = item.value;
        const remove = element('button', { type: 'button', textContent: '×', className: 'ed-chip-remove' });
        remove.setAttribute('aria-label', `Remove ${item.label}`);
        remove.addEventListener('click', () => {
          chosen = chosen.filter((c) => c.value !== item.value);
          drawChips();
          options.onChange(chosen);
          input.focus();
        });
        li.append(element('span', { textContent: item.label }), remove);
        return li;
      }),
    );
  };
  const closeList = () => {
    listbox.hidden = true;
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };
  const add = (item: { value: string; label: string }) => {
    if (!chosen.some((c) => c.value.toLowerCase() === item.value.toLowerCase())) chosen.push(item);
    input.value = '';
    drawChips();
    closeList();
    options.onChange(chosen);
  };
  const drawList = () => {
    const typed = input.value.trim();
    const items = [...suggestions];
    if (options.allowNew && typed && !items.some((s) => s.label.toLowerCase() === typed.toLowerCase()) && !chosen.some((c) => c.label.toLowerCase() === typed.toLowerCase())) {
      items.push({ value: typed, label: `Create “${typed}”` });
    }
    listbox.replaceChildren(
      ...items.map((item, index) => {
        const li = element('li', { id: `${options.id}-option-${index}`, textContent: item.label });
        li.setAttribute('role', 'option');
        li.dataset.value = item.value;
        li.setAttribute('aria-selected', String(index === active));
        li.addEventListener('mousedown', (event) => event.preventDefault());
        li.addEventListener('click', () => add({ value: item.value, label: item.label.startsWith('Create “') ? item.value : item.label }));
        return li;
      }),
    );
    listbox.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(!listbox.hidden));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${options.id}-option-${active}`);
    else input.removeAttribute('aria-activedescendant');
    suggestions = items;
  };
  let timer: number | undefined;
  const refresh = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const typed = input.value.trim();
      const found = await options.suggest(typed, chosen.map((c) => c.value));
      if (input.value.trim() !== typed) return;
      suggestions = found.filter((f) => !chosen.some((c) => c.value === f.value));
      active = suggestions.length ? 0 : -1;
      drawList();
    }, 120);
  };
  input.addEventListener('input', () => {
    // What was suggested for the previous text no longer applies: until the answer comes, Enter takes what is typed.
    suggestions = [];
    active = -1;
    drawList();
    refresh();
  });
  input.addEventListener('focus', refresh);
  input.addEventListener('blur', () => window.setTimeout(closeList, 150));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!suggestions.length) return;
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : -1) + suggestions.length) % suggestions.length;
      drawList();
    } else if (event.key === 'Enter' || (event.key === ',' && options.allowNew)) {
      const pick = active >= 0 ? suggestions[active] : suggestions.find((s) => s.label.startsWith('Create “')) ?? suggestions[0];
      const typed = input.value.trim();
      if (!typed && !pick) return;
      event.preventDefault();
      if (event.key === ',' && typed) add({ value: typed, label: typed });
      else if (pick) add({ value: pick.value, label: pick.label.startsWith('Create “') ? pick.value : pick.label });
    } else if (event.key === 'Escape') {
      if (!listbox.hidden) {
        event.preventDefault();
        event.stopPropagation();
        closeList();
      }
    } else if (event.key === 'Backspace' && input.value === '' && chosen.length) {
      chosen = chosen.slice(0, -1);
      drawChips();
      options.onChange(chosen);
    }
  });
  drawChips();
  const row = element('div', { className: 'ed-chip-row' });
  row.append(list, input);
  wrapper.append(row, listbox);
  return wrapper;
}

export function bylinePicker(form: HTMLFormElement): void {
  const select = form.querySelector<HTMLSelectElement>('#author_ids');
  const label = form.querySelector<HTMLLabelElement>('label[for="author_ids"]');
  if (!select || !label) return;
  const people = [...select.options].map((o) => ({ value: o.value, label: o.text }));
  const picker = chipPicker({
    label: 'Byline',
    id: 'author-search',
    initial: [...select.selectedOptions].map((o) => ({ value: o.value, label: o.text })),
    allowNew: false,
    suggest: async (typed, chosen) => people.filter((p) => !chosen.includes(p.value) && p.label.toLowerCase().includes(typed.toLowerCase())).slice(0, 8),
    onChange: (values) => {
      for (const option of select.options) option.selected = values.some((v) => v.value === option.value);
      select.dispatchEvent(new Event('change', { bubbles: true }));
    },
  });
  select.hidden = true;
  select.setAttribute('aria-hidden', 'true');
  select.tabIndex = -1;
  label.htmlFor = 'author-search';
  const hint = document.getElementById('authors-hint');
  if (hint) hint.textContent = 'Starts with you. Type a name to add a writer; × removes one.';
  picker.querySelector('input')?.setAttribute('aria-describedby', 'authors-hint');
  select.after(picker);
}

export function tagPicker(form: HTMLFormElement): void {
  const field = form.querySelector<HTMLInputElement>('#tags');
  const label = form.querySelector<HTMLLabelElement>('label[for="tags"]');
  if (!field || !label) return;
  const initial = field.value.split(',').map((t) => t.trim()).filter(Boolean).map((t) => ({ value: t, label: t }));
  const picker = chipPicker({
    label: 'Tags',
    id: 'tag-search',
    initial,
    allowNew: true,
    suggest: async (typed) => {
      if (!typed) return [];
      try {
        const response = await fetch(`/newsroom/stories/tags.json?q=${encodeURIComponent(typed)}`, { headers: { accept: 'application/json' } });
        if (!response.ok) return [];
        const { tags } = (await response.json()) as { tags: { name: string }[] };
        return tags.map((t) => ({ value: t.name, label: t.name }));
      } catch {
        return [];
      }
    },
    onChange: (values) => {
      field.value = values.map((v) => v.value).join(', ');
      field.dispatchEvent(new Event('input', { bubbles: true }));
    },
  });
  field.type = 'hidden';
  label.htmlFor = 'tag-search';
  const hint = document.getElementById('tags-hint');
  if (hint) hint.textContent = 'Type to find a tag; Enter or a comma adds it, or creates a new one.';
  picker.querySelector('input')?.setAttribute('aria-describedby', 'tags-hint');
  field.after(picker);
}

export function featuredPicker(form: HTMLFormElement): void {
  const field = form.querySelector<HTMLInputElement>('#featured_media_id');
  const label = form.querySelector<HTMLLabelElement>('label[for="featured_media_id"]');
  const preview = document.getElementById('featured-preview');
  if (!field || !label || !(preview instanceof HTMLImageElement)) return;
  field.type = 'hidden';
  const hint = document.getElementById('featured-hint');
  const choose = element('button', { type: 'button', className: 'ed-button', id: 'featured-choose' });
  const remove = element('button', { type: 'button', className: 'ed-button', textContent: 'Remove' });
  const draw = () => {
    const has = field.value !== '';
    choose.textContent = has ? 'Change image' : 'Choose or upload an image';
    remove.hidden = !has;
    preview.hidden = !has;
    if (hint) hint.textContent = has ? 'Shown at the top of the story and when it is shared.' : 'Shown at the top of the story and when it is shared. Optional.';
  };
  label.htmlFor = 'featured-choose';
  choose.setAttribute('aria-describedby', 'featured-hint');
  choose.addEventListener('click', () => {
    void chooseMedia().then((media) => {
      if (!media?.id) return;
      field.value = String(media.id);
      preview.src = media.url;
      preview.alt = `Featured image: ${media.alt}`;
      draw();
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
  });
  remove.addEventListener('click', () => {
    field.value = '';
    preview.removeAttribute('src');
    draw();
    field.dispatchEvent(new Event('input', { bubbles: true }));
    choose.focus();
  });
  const row = element('div', { className: 'ed-featured-actions' });
  row.append(choose, remove);
  field.after(row);
  draw();
}

/** The headline and dek grow with their text; Enter in the headline moves to the dek, in the dek to the story. */
export function canvasFields(form: HTMLFormElement, focusBody: () => void): void {
  const title = form.querySelector<HTMLTextAreaElement>('#title');
  const dek = form.querySelector<HTMLTextAreaElement>('#dek');
  const grow = (area: HTMLTextAreaElement) => {
    area.style.height = 'auto';
    area.style.height = `${area.scrollHeight}px`;
  };
  for (const area of [title, dek]) {
    if (!area) continue;
    grow(area);
    area.addEventListener('input', () => {
      if (area.value.includes('\n')) area.value = area.value.replace(/\s*\n\s*/g, ' ');
      grow(area);
    });
    window.addEventListener('resize', () => grow(area));
  }
  title?.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      dek?.focus();
    }
  });
  dek?.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      focusBody();
    }
  });
}

/** Wall-clock text of an instant in a time zone: "Mon 7 Dec, 14:05". */
function clock(instant: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(instant);
}

/** The instant at which the site's clock shows `local` (a datetime-local value). */
function fromSiteClock(local: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as number[];
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!);
  const offset = (at: number) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(at));
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute')) - Math.floor(at / 60000) * 60000;
  };
  return new Date(wall - offset(wall - offset(wall)));
}

export function publishDialog(form: HTMLFormElement, settings: { open: (focus?: HTMLElement | null) => void }): void {
  const dialog = document.getElementById('publish-dialog');
  const trigger = form.querySelector<HTMLButtonElement>('.ed-bar button[data-primary="publish"]');
  if (!(dialog instanceof HTMLDialogElement) || !trigger) return;
  const siteZone = dialog.dataset.timeZone ?? 'UTC';
  const ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const fill = (name: string) => dialog.querySelector<HTMLElement>(`[data-fill="${name}"]`);
  const confirm = dialog.querySelector<HTMLButtonElement>('[data-confirm-publish]')!;
  const at = dialog.querySelector<HTMLInputElement>('#publish-dialog-at');
  const later = () => dialog.querySelector<HTMLInputElement>('input[name="publish_when"][value="later"]')?.checked ?? false;
  // A story's address carries the month it goes out (UTC, as the site builds it): a scheduled one, the scheduled month.
  let addressAt: ((instant: Date) => string) | null = null;
  const describeWhen = () => {
    const when = fill('when');
    if (!when) return;
    const timeLabel = dialog.querySelector<HTMLElement>('.ed-when-time');
    if (timeLabel) timeLabel.hidden = !later();
    let instant: Date | null = new Date();
    if (later()) instant = at?.value ? fromSiteClock(at.value, siteZone) : null;
    if (!instant) {
      when.textContent = 'Choose the date and time it goes out.';
      confirm.textContent = 'Schedule';
      confirm.value = 'schedule';
      return;
    }
    const url = fill('url');
    if (url && addressAt) url.textContent = addressAt(instant);
    const both = ownZone && ownZone !== siteZone ? ` (${clock(instant, ownZone)} your time, ${ownZone})` : '';
    when.textContent = `${later() ? 'Goes out' : 'Now:'} ${clock(instant, siteZone)} ${siteZone} time${both}.`;
    confirm.textContent = later() ? 'Schedule' : 'Publish now';
    confirm.value = later() ? 'schedule' : 'publish';
  };
  dialog.addEventListener('change', describeWhen);
  at?.addEventListener('input', describeWhen);
  trigger.addEventListener('click', (event) => {
    event.preventDefault();
    const section = form.querySelector<HTMLSelectElement>('#section_id');
    const title = form.querySelector<HTMLTextAreaElement>('#title');
    const problem = fill('problem');
    if (problem) problem.textContent = '';
    if (section && !section.value) {
      settings.open(section);
      section.setAttribute('aria-invalid', 'true');
      const status = document.getElementById('autosave-status');
      if (status) status.textContent = 'Choose a section before publishing.';
      return;
    }
    if (title && !title.value.trim()) {
      title.focus();
      return;
    }
    const option = section?.selectedOptions[0];
    const slug = form.querySelector<HTMLInputElement>('#slug')?.value || '';
    addressAt = (instant) =>
      new URL(`/${option?.dataset.slug ?? ''}/${instant.getUTCFullYear()}/${String(instant.getUTCMonth() + 1).padStart(2, '0')}/${slug}`, window.location.origin).toString();
    const where = fill('where');
    if (where) where.textContent = `In ${option?.text ?? 'its section'}: at the top of the section page and the latest stories on the home page, on the pages of its tags and authors, and in the feeds and news sitemap. Its address:`;
    const url = fill('url');
    if (url) url.textContent = addressAt(new Date());
    const followers = fill('followers');
    if (followers) {
      const bySection = JSON.parse(followers.dataset.sectionFollowers ?? '{}') as Record<string, number>;
      const thread = followers.dataset.threadFollowers ? (JSON.parse(followers.dataset.threadFollowers) as { title: string; count: number }) : null;
      followers.textContent = followersLine(bySection[option?.value ?? ''] ?? 0, thread);
    }
    describeWhen();
    dialog.showModal();
    confirm.focus();
  });
  confirm.addEventListener('click', (event) => {
    if (confirm.value !== 'schedule') return;
    const target = form.querySelector<HTMLInputElement>('#publish_at');
    if (!at?.value || !target) {
      event.preventDefault();
      const problem = fill('problem');
      if (problem) problem.textContent = 'Choose the date and time it goes out.';
      at?.focus();
      return;
    }
    target.value = at.value;
  });
  dialog.querySelector('[data-close-dialog]')?.addEventListener('click', () => dialog.close());
}

export function copyLink(): void {
  const button = document.querySelector<HTMLButtonElement>('[data-copy]');
  if (!button) return;
  const input = document.getElementById(button.dataset.copy ?? '') as HTMLInputElement | null;
  const said = document.querySelector('.ed-copied');
  button.hidden = false;
  button.addEventListener('click', async () => {
    if (!input) return;
    try {
      await navigator.clipboard.writeText(input.value);
      if (said) said.textContent = 'Link copied.';
    } catch {
      input.select();
      if (said) said.textContent = 'Press Ctrl+C (⌘C) to copy the selected link.';
    }
  });
}

/** Tells the newsroom this story is open here every 20 s, and shows who else has it open. */
export function presence(form: HTMLFormElement): void {
  const line = document.getElementById('presence');
  const csrf = form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
  const beat = async (leaving = false) => {
    const id = form.dataset.storyId;
    if (!id) return;
    try {
      const response = await fetch(`/newsroom/stories/${id}/presence`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-csrf-token': csrf },
        body: leaving ? 'leaving=1' : '',
        keepalive: leaving,
      });
      if (!response.ok || leaving || !line) return;
      const { editing } = (await response.json()) as { editing: string[] };
      line.hidden = editing.length === 0;
      line.textContent = editing.length ? `${editing.join(', ')} ${editing.length === 1 ? 'is' : 'are'} editing this story. Saving over their changes will be refused; talk to them first.` : '';
    } catch {
      // Offline: the save state says so.
    }
  };
  void beat();
  window.setInterval(() => void beat(), 20_000);
  form.addEventListener('gazette:created', () => void beat());
  window.addEventListener('pagehide', () => void beat(true));
}

/** Desk notes are posted without leaving the page, so the story being written is not submitted with them. */
export function deskNotes(): void {
  const form = document.getElementById('note-form');
  const list = document.querySelector('.ed-note-list');
  const body = document.getElementById('note-body');
  if (!(form instanceof HTMLFormElement) || !list || !(body instanceof HTMLTextAreaElement)) return;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!body.value.trim()) {
      body.focus();
      return;
    }
    const data = new URLSearchParams({ body: body.value });
    const csrf = form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
    try {
      const response = await fetch(form.action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-csrf-token': csrf }, body: data.toString() });
      const answer = (await response.json()) as { note?: { body: string; authorName: string | null; createdAt: string }; error?: { message: string } };
      if (!response.ok || !answer.note) throw new Error(answer.error?.message ?? 'The note was not saved.');
      const item = element('li');
      item.append(element('p', { textContent: answer.note.body }), element('span', { className: 'nr-hint', textContent: `${answer.note.authorName ?? ''} · just now` }));
      list.prepend(item);
      body.value = '';
    } catch (err) {
      const item = element('li', { className: 'nr-field-error', textContent: err instanceof Error ? err.message : 'The note was not saved.' });
      list.prepend(item);
    }
  });
}
