// A story's places panel, enhanced: the "Find a place" box looks places up as you type (the newsroom's own places and
// the whole gazetteer) in a list reached with the arrow keys; Enter or a click adds the place to the table below,
// ticked as a place the story is about, without leaving the page. Without this script the box is a plain search
// form: Find reloads the panel with the results in the same table.
const input = document.querySelector('input[data-place-lookup]');
const table = document.querySelector('[data-places-table]');
if (input && table) {
  const endpoint = input.dataset.placeLookup;
  const searchForm = input.form;
  const listbox = document.createElement('ul');
  listbox.id = 'place-suggestions';
  listbox.className = 'place-suggestions';
  listbox.setAttribute('role', 'listbox');
  listbox.setAttribute('aria-label', 'Places found');
  listbox.hidden = true;
  const status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  input.after(listbox, status);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);
  const hint = document.getElementById('place-q-hint');
  if (hint) hint.textContent = 'Type two letters or more, choose with the arrow keys and Enter: the place joins the list below, ticked. Then save.';

  let results = [];
  let active = -1;
  let timer = 0;
  let pending = null;

  const coordinates = (lat, lon) => `${Math.abs(lat).toFixed(2)}° ${lat >= 0 ? 'N' : 'S'}, ${Math.abs(lon).toFixed(2)}° ${lon >= 0 ? 'E' : 'W'}`;
  const describe = (place) => `${place.name}${place.where ? `, ${place.where}` : ''}`;

  function close() {
    listbox.hidden = true;
    listbox.replaceChildren();
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function draw() {
    listbox.replaceChildren(...results.map((place, index) => {
      const option = document.createElement('li');
      option.id = `place-option-${index}`;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', String(index === active));
      const name = document.createElement('span');
      name.textContent = describe(place);
      const detail = document.createElement('span');
      detail.className = 'nr-muted';
      detail.textContent = ` · ${place.population ? `${place.population.toLocaleString('en-GB')} people · ` : ''}${place.path ? 'already used' : coordinates(place.lat, place.lon)}`;
      option.append(name, detail);
      // Keep the focus in the box: the click chooses.
      option.addEventListener('mousedown', (event) => event.preventDefault());
      option.addEventListener('click', () => choose(index));
      return option;
    }));
    listbox.hidden = results.length === 0;
    input.setAttribute('aria-expanded', String(!listbox.hidden));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', `place-option-${active}`);
      document.getElementById(`place-option-${active}`)?.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  async function lookup() {
    const typed = input.value.trim();
    if (typed.length < 2) {
      results = [];
      close();
      status.textContent = '';
      return;
    }
    pending?.abort();
    pending = new AbortController();
    try {
      const response = await fetch(`${endpoint}?q=${encodeURIComponent(typed)}`, { headers: { accept: 'application/json' }, signal: pending.signal, credentials: 'same-origin' });
      if (!response.ok) throw new Error(String(response.status));
      const answer = await response.json();
      if (input.value.trim() !== typed) return;
      results = answer.places;
      active = results.length ? 0 : -1;
      draw();
      status.textContent = results.length ? `${results.length === 1 ? '1 place' : `${results.length} places`} found; arrow keys to choose, Enter to add.` : `No place found for “${typed}”.`;
    } catch (error) {
      if (error.name === 'AbortError') return;
      // The plain form still works: Find reloads the panel with the results.
      status.textContent = 'The lookup did not answer: press Find to search.';
    }
  }

  function choose(index) {
    const place = results[index];
    if (!place) return;
    const rows = [...table.querySelectorAll('tbody tr')];
    const existing = table.querySelector(`input[name="about"][value="${CSS.escape(place.ref)}"]`);
    if (existing) {
      existing.checked = true;
      status.textContent = `${describe(place)} was already listed; it is ticked.`;
    } else {
      const row = document.createElement('tr');
      row.className = 'place-added';
      const head = document.createElement('th');
      head.scope = 'row';
      const detail = document.createElement('span');
      detail.className = 'nr-muted';
      detail.textContent = ` · ${coordinates(place.lat, place.lon)}${place.population ? ` · ${place.population.toLocaleString('en-GB')} people` : ''}`;
      head.append(describe(place), detail);
      const note = document.createElement('td');
      note.textContent = `Found for “${input.value.trim()}”`;
      const n = rows.length;
      const datelineCell = document.createElement('td');
      const dateline = Object.assign(document.createElement('input'), { type: 'radio', name: 'dateline', value: place.ref, id: `dateline-added-${n}` });
      dateline.setAttribute('aria-label', `Dateline: ${place.name}`);
      datelineCell.append(dateline);
      const aboutCell = document.createElement('td');
      const about = Object.assign(document.createElement('input'), { type: 'checkbox', name: 'about', value: place.ref, id: `about-added-${n}`, checked: true });
      about.setAttribute('aria-label', `About ${place.name}`);
      aboutCell.append(about);
      row.append(head, note, datelineCell, aboutCell);
      // Before the "No dateline" row, which stays last.
      const last = rows.at(-1);
      if (last?.querySelector('input[name="dateline"][value=""]')) last.before(row);
      else table.querySelector('tbody').append(row);
      document.querySelector('[data-places-empty]')?.remove();
      status.textContent = `${describe(place)} added and ticked. Choose its dateline if the story was filed there, then save.`;
    }
    input.value = '';
    results = [];
    close();
  }

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookup, 150);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!results.length) return;
      event.preventDefault();
      if (listbox.hidden) active = 0;
      else active = (active + (event.key === 'ArrowDown' ? 1 : -1) + results.length) % results.length;
      draw();
    } else if (event.key === 'Enter') {
      // With a place highlighted, Enter adds it; otherwise the form searches as it would without the script.
      if (!listbox.hidden && active >= 0) {
        event.preventDefault();
        choose(active);
      }
    } else if (event.key === 'Escape' && !listbox.hidden) {
      // Closes the list (a search box would also clear its text); a late answer does not open it again.
      event.preventDefault();
      window.clearTimeout(timer);
      pending?.abort();
      close();
    }
  });
  input.addEventListener('blur', () => window.setTimeout(close, 150));
  searchForm?.addEventListener('submit', () => close());
}
