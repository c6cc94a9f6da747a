// As-you-type search: a listbox of the best stories under every search box. The boxes work as plain forms without it.
const minLength = 2;
const debounceMs = 120;
let panelCount = 0;

function formatDate(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** "1 story", "3 stories": the page script's own copy of the server's plural(). */
function plural(n, one, many = `${one}s`) {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function appendHighlighted(parent, segments) {
  for (const segment of segments) {
    if (segment.hit) {
      const mark = document.createElement('mark');
      mark.textContent = segment.text;
      parent.append(mark);
    } else parent.append(document.createTextNode(segment.text));
  }
}

function enhance(input) {
  const form = input.form;
  if (!form || input.dataset.suggestReady) return;
  input.dataset.suggestReady = 'true';
  const id = `search-suggestions-${++panelCount}`;
  const listbox = document.createElement('ul');
  listbox.id = id;
  listbox.className = 'search-suggestions';
  listbox.setAttribute('role', 'listbox');
  listbox.setAttribute('aria-label', 'Suggested stories');
  listbox.hidden = true;
  const status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  form.append(listbox, status);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', id);

  let timer = 0;
  let controller = null;
  let active = -1;
  let shownQuery = '';

  const options = () => [...listbox.querySelectorAll('[role="option"]')];

  function setActive(index) {
    const all = options();
    active = all.length ? (index + all.length) % all.length : -1;
    all.forEach((option, i) => option.setAttribute('aria-selected', i === active ? 'true' : 'false'));
    const current = all[active];
    if (current) {
      input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function open() {
    if (!listbox.children.length) return;
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  // The panel may still show the answer to an earlier keystroke; "see all" searches for what the box holds now.
  function destination(item) {
    const typed = input.value.trim();
    return item.id === `${id}-all` && typed ? `/search?${new URLSearchParams({ q: typed }).toString()}` : item.dataset.url;
  }

  function option(optionId, url, build) {
    const item = document.createElement('li');
    item.id = optionId;
    item.setAttribute('role', 'option');
    item.setAttribute('aria-selected', 'false');
    item.dataset.url = url;
    build(item);
    item.addEventListener('mousedown', (event) => event.preventDefault());
    item.addEventListener('click', () => window.location.assign(destination(item)));
    return item;
  }

  function render(data) {
    const items = data.results.map((result, i) =>
      option(`${id}-${i}`, result.url, (item) => {
        const title = document.createElement('span');
        title.className = 'suggestion-title';
        appendHighlighted(title, result.titleHighlighted);
        const meta = document.createElement('span');
        meta.className = 'suggestion-meta';
        meta.textContent = [result.section.name, formatDate(result.publishedAt)].filter(Boolean).join(' · ');
        item.append(title, meta);
      }),
    );
    const allUrl = `/search?${new URLSearchParams({ q: data.query }).toString()}`;
    items.push(
      option(`${id}-all`, allUrl, (item) => {
        item.className = 'suggestion-all';
        const all = data.estimated
          ? `See about ${data.total.toLocaleString('en')} results`
          : data.total === 1
            ? 'See the 1 result'
            : `See all ${plural(data.total, 'result')}`;
        item.textContent = data.total ? `${all} for “${data.query}”` : `No stories found yet. Search for “${data.query}”`;
      }),
    );
    listbox.replaceChildren(...items);
    active = -1;
    input.removeAttribute('aria-activedescendant');
    shownQuery = data.query;
    const stories = plural(data.total, 'story', 'stories');
    const shown = data.results.length === data.total && !data.estimated ? stories : `${data.results.length} of ${data.estimated ? 'about ' : ''}${stories}`;
    status.textContent = data.total ? `${shown} shown. Use the up and down arrow keys to choose one.` : 'No stories match yet.';
    if (document.activeElement === input) open();
  }

  async function fetchSuggestions(q) {
    controller?.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`/search/suggest?${new URLSearchParams({ q }).toString()}`, {
        headers: { accept: 'application/json' },
        signal: controller.signal,
      });
      if (!response.ok) return;
      const data = await response.json();
      if (data.query === input.value) render(data);
    } catch (error) {
      if (error?.name !== 'AbortError') close();
    }
  }

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    const q = input.value;
    if (q.trim().length < minLength) {
      controller?.abort();
      listbox.replaceChildren();
      status.textContent = '';
      close();
      return;
    }
    timer = window.setTimeout(() => fetchSuggestions(q), debounceMs);
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!listbox.children.length) return;
      event.preventDefault();
      if (listbox.hidden) {
        open();
        setActive(event.key === 'ArrowDown' ? 0 : -1);
      } else setActive(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter') {
      const chosen = !listbox.hidden ? options()[active] : undefined;
      if (chosen) {
        event.preventDefault();
        window.location.assign(destination(chosen));
      }
    } else if (event.key === 'Escape') {
      if (!listbox.hidden) {
        event.preventDefault();
        close();
      }
    }
  });

  input.addEventListener('focus', () => {
    if (shownQuery && shownQuery === input.value) open();
  });
  input.addEventListener('blur', () => close());
}

for (const input of document.querySelectorAll('input[data-search-input]')) enhance(input);
