// Live coverage in the reader's page: new updates arrive over Server-Sent Events. New ones wait behind a
// "3 new updates" bar so nothing moves under the reader; edits, corrections and deletions change in place.
// Without this script the page is complete and a reload shows the latest.

const root = document.querySelector('[data-live-stream]');
if (root && 'EventSource' in window) start(root);

function start(root) {
  const list = root.querySelector('[data-live-updates]');
  const bar = root.querySelector('[data-live-bar]');
  const announcer = root.querySelector('[data-live-announce]');
  const newestFirst = root.getAttribute('data-order') !== 'oldest';
  /** Updates received and not shown yet, by id, in arrival order. */
  const waiting = new Map();
  const after = root.getAttribute('data-last-event') || '0';
  const source = new EventSource(`${root.getAttribute('data-live-stream')}?after=${encodeURIComponent(after)}`);

  const fragment = (html) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    return template.content.firstElementChild;
  };
  const announce = (text) => {
    if (announcer) announcer.textContent = text;
  };
  const updateBar = () => {
    const n = waiting.size;
    bar.hidden = n === 0;
    bar.textContent = n === 1 ? 'Show 1 new update' : `Show ${n} new updates`;
  };

  /**
   * Runs a DOM change keeping the first update in view where it is on the screen. When the top of the list is in
   * view, nothing above the reader changes: new updates simply appear there.
   */
  const keepingPosition = (change) => {
    if (list.getBoundingClientRect().top >= 0) {
      change();
      return;
    }
    const anchor = [...list.children].find((el) => el.getBoundingClientRect().bottom > 0);
    const before = anchor ? anchor.getBoundingClientRect().top : 0;
    change();
    if (anchor && anchor.isConnected) {
      const moved = anchor.getBoundingClientRect().top - before;
      if (moved !== 0) window.scrollBy(0, moved);
    }
  };

  const showWaiting = () => {
    const items = [...waiting.values()];
    waiting.clear();
    updateBar();
    root.querySelector('[data-live-empty]')?.remove();
    keepingPosition(() => {
      for (const item of items) {
        const el = fragment(item);
        if (!el) continue;
        document.getElementById(el.id)?.remove();
        if (newestFirst) list.prepend(el);
        else list.append(el);
      }
    });
    announce(items.length === 1 ? '1 new update shown.' : `${items.length} new updates shown.`);
  };
  bar.addEventListener('click', showWaiting);

  const replaceKeys = (html) => {
    const keys = root.querySelector('[data-live-keys]');
    const current = keys?.querySelector('ol');
    const fresh = html ? fragment(html) : null;
    if (!keys || !current || !fresh) return;
    keepingPosition(() => {
      current.replaceWith(fresh);
      keys.hidden = fresh.children.length === 0;
    });
  };

  const resync = async () => {
    const response = await fetch(window.location.pathname + window.location.search, { headers: { accept: 'text/html' }, cache: 'no-store' });
    if (!response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const freshList = page.querySelector('[data-live-updates]');
    if (freshList) keepingPosition(() => list.replaceChildren(...freshList.children));
    const freshKeys = page.querySelector('[data-live-keys]');
    const keys = root.querySelector('[data-live-keys]');
    if (freshKeys && keys) keys.replaceWith(freshKeys);
    waiting.clear();
    updateBar();
  };

  source.addEventListener('message', (event) => {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    const count = root.querySelector('.live-count');
    if (count && typeof data.count === 'number') count.textContent = `(${data.count} ${data.count === 1 ? 'update' : 'updates'})`;
    if (data.kind === 'resync') {
      void resync();
    } else if (data.kind === 'update.posted') {
      if (!data.html || document.getElementById(`update-${data.updateId}`)) return;
      waiting.set(data.updateId, data.html);
      if (newestFirst) {
        updateBar();
        announce(waiting.size === 1 ? '1 new update.' : `${waiting.size} new updates.`);
      } else showWaiting();
      if (data.keyEvents) replaceKeys(data.keyEvents);
    } else if (data.kind.startsWith('update.')) {
      const id = `update-${data.updateId}`;
      const shown = document.getElementById(id);
      if (!data.html) {
        waiting.delete(data.updateId);
        updateBar();
        if (shown) keepingPosition(() => shown.remove());
      } else if (waiting.has(data.updateId)) {
        waiting.set(data.updateId, data.html);
      } else if (shown) {
        const el = fragment(data.html);
        if (el) keepingPosition(() => shown.replaceWith(el));
        if (data.kind === 'update.corrected') announce('An update was corrected.');
      }
      replaceKeys(data.keyEvents);
    } else if (data.kind === 'coverage.updated') {
      const summary = root.querySelector('[data-live-summary]');
      if (summary) keepingPosition(() => {
        summary.innerHTML = data.summary;
        summary.hidden = !data.summary;
      });
    }
    if (data.ended) {
      source.close();
      const status = root.querySelector('.live-status');
      if (status) status.textContent = 'Live coverage has ended. Reload the page for the final version.';
      announce('Live coverage has ended.');
    }
  });
}
