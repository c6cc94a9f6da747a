// The live desk hears the same event stream as readers: colleagues' updates, edits and deletions appear at once,
// each with a link to its controls (the full controls come with the next load of the desk).
const list = document.querySelector('[data-desk-stream]');
if (list && 'EventSource' in window) {
  const storyId = list.getAttribute('data-story');
  const status = document.querySelector('[data-desk-incoming]');
  const source = new EventSource(`${list.getAttribute('data-desk-stream')}?after=${encodeURIComponent(list.getAttribute('data-last-event') || '0')}`);
  let arrived = 0;
  source.addEventListener('message', (event) => {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    if (!data.kind || !data.kind.startsWith('update.')) {
      if (data.kind === 'resync' || data.ended) window.location.reload();
      return;
    }
    const existing = document.getElementById(`desk-update-${data.updateId}`);
    if (!data.html) {
      existing?.remove();
      return;
    }
    const template = document.createElement('template');
    template.innerHTML = data.html;
    const article = template.content.firstElementChild;
    if (!article) return;
    const item = document.createElement('li');
    item.className = 'live-desk-update is-new';
    item.id = `desk-update-${data.updateId}`;
    // The public rendering, without its reader links, and a way to this update's controls.
    article.querySelector('.live-update-links')?.remove();
    item.append(article);
    const manage = document.createElement('p');
    manage.className = 'nr-actions live-desk-actions';
    const link = document.createElement('a');
    link.className = 'nr-button nr-button-secondary';
    link.href = `/newsroom/live/${storyId}/updates/${data.updateId}/edit`;
    link.textContent = 'Edit or correct';
    const reload = document.createElement('a');
    reload.href = `/newsroom/live/${storyId}#desk-update-${data.updateId}`;
    reload.textContent = 'All controls';
    manage.append(link, reload);
    item.append(manage);
    if (existing) existing.replaceWith(item);
    else if (data.kind === 'update.posted') {
      list.prepend(item);
      arrived++;
      if (status) {
        status.hidden = false;
        status.textContent = arrived === 1 ? '1 update arrived from the desk.' : `${arrived} updates arrived from the desk.`;
      }
    }
  });
}
