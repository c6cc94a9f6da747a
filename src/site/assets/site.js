// Progressive enhancements for the public site. Everything works without this file.

// "Reply" links fill the comment form's reply-to field in place instead of reloading the page.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[data-reply-to]') : null;
  const form = document.getElementById('comment-form');
  if (!link || !(form instanceof HTMLFormElement)) return;
  const parent = form.querySelector('input[name="parent_id"]');
  if (!(parent instanceof HTMLInputElement)) return;
  event.preventDefault();
  parent.value = link.getAttribute('data-reply-to') ?? '';
  let note = form.querySelector('[data-replying-to]');
  if (!note) {
    note = document.createElement('p');
    note.className = 'replying-to';
    note.setAttribute('data-replying-to', '');
    parent.insertAdjacentElement('afterend', note);
  }
  note.textContent = `Replying to ${link.getAttribute('data-reply-name') ?? 'a comment'}. `;
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = 'Cancel reply';
  cancel.addEventListener('click', () => {
    parent.value = '';
    note?.remove();
  });
  note.append(cancel);
  const body = form.querySelector('textarea');
  if (body instanceof HTMLTextAreaElement) body.focus();
});
