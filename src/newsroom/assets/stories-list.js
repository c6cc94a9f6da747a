// The stories list, enhanced: a "select all" box, the number selected, and the section field only for "Move to section".
// Without this script every control is still there and works.
const form = document.getElementById('bulk-form');
if (form) {
  const boxes = () => [...form.querySelectorAll('input[name="ids"]')];
  const count = form.querySelector('[data-selected-count]');
  const head = form.querySelector('thead th');
  let all = null;
  if (head) {
    all = document.createElement('input');
    all.type = 'checkbox';
    all.setAttribute('aria-label', 'Select every story on this page');
    head.replaceChildren(all);
    all.addEventListener('change', () => {
      for (const box of boxes()) box.checked = all.checked;
      update();
    });
  }
  const action = form.querySelector('#bulk-action');
  const sectionField = form.querySelector('[data-bulk-for="move"]');
  function update() {
    const n = boxes().filter((b) => b.checked).length;
    if (count) count.textContent = n ? `${n} selected` : '';
    if (all) {
      all.checked = n > 0 && n === boxes().length;
      all.indeterminate = n > 0 && n < boxes().length;
    }
    if (sectionField && action) sectionField.hidden = action.value !== 'move';
  }
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => {
    if (!boxes().some((b) => b.checked)) {
      event.preventDefault();
      if (count) count.textContent = 'Select at least one story first.';
    }
  });
  update();
}
