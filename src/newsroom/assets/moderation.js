// The moderation queue's "select all" box: hidden without JavaScript, where each comment is ticked on its own.
const all = document.getElementById('select-all');
if (all instanceof HTMLInputElement) {
  const boxes = () => [...document.querySelectorAll('input[name="ids"]')].filter((box) => box instanceof HTMLInputElement);
  all.hidden = false;
  all.addEventListener('change', () => {
    for (const box of boxes()) box.checked = all.checked;
  });
  document.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.name === 'ids') {
      const list = boxes();
      all.checked = list.every((box) => box.checked);
      all.indeterminate = !all.checked && list.some((box) => box.checked);
    }
  });
}
