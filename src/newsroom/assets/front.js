// The front page arrangement: drag rows to reorder, and the arrow buttons move rows in place instead of reloading.
// Without this script the arrows and position fields do the same through the server. Loaded as a module (CSP-safe).
function renumber(list) {
  const rows = [...list.querySelectorAll(':scope > .front-row')];
  rows.forEach((row, index) => {
    const position = row.querySelector('input[name$="Position"]');
    if (position) position.value = String(index + 1);
    // Rows of numbered places ("Top story 3") take the number of the place they moved to.
    if (list.dataset.list !== 'sections') {
      for (const labelled of row.querySelectorAll('[aria-label]')) labelled.setAttribute('aria-label', labelled.getAttribute('aria-label').replace(/\d+/, String(index + 1)));
      const hidden = row.querySelector('.front-position .visually-hidden');
      if (hidden) hidden.textContent = hidden.textContent.replace(/\d+/, String(index + 1));
    }
    const [up, down] = row.querySelectorAll('.front-move button');
    if (up) up.disabled = index === 0;
    if (down) down.disabled = index === rows.length - 1;
  });
}

for (const list of document.querySelectorAll('ol.front-order')) {
  let dragged = null;
  list.addEventListener('dragstart', (event) => {
    const row = event.target.closest?.('.front-row');
    if (!row || row.parentElement !== list) return;
    dragged = row;
    row.classList.add('is-dragging');
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', '');
  });
  list.addEventListener('dragover', (event) => {
    if (!dragged) return;
    event.preventDefault();
    const over = event.target.closest?.('.front-row');
    if (!over || over === dragged || over.parentElement !== list) return;
    const box = over.getBoundingClientRect();
    list.insertBefore(dragged, event.clientY > box.top + box.height / 2 ? over.nextSibling : over);
  });
  list.addEventListener('drop', (event) => {
    if (dragged) event.preventDefault();
  });
  list.addEventListener('dragend', () => {
    dragged?.classList.remove('is-dragging');
    dragged = null;
    renumber(list);
  });
  list.addEventListener('click', (event) => {
    const button = event.target.closest?.('.front-move button');
    if (!button) return;
    event.preventDefault();
    const row = button.closest('.front-row');
    const up = button.value.endsWith(':up');
    const other = up ? row.previousElementSibling : row.nextElementSibling;
    if (!other) return;
    list.insertBefore(row, up ? other : other.nextSibling);
    renumber(list);
    button.focus();
  });
}
