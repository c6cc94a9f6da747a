// The live desk hears the same event stream as readers. For each update that is posted, approved, edited, corrected,
// pinned or deleted, it fetches that update's card from the desk (rendered with this journalist's controls: pin,
// edit or correct, delete, approve) and puts it in place, so colleagues' updates can be handled without a reload.
// The controls' forms are sent in the background; the page reloads only when coverage ends or the stream resyncs.
const list = document.querySelector('[data-desk-stream]');
if (list) {
  const storyId = list.getAttribute('data-story');
  const status = document.querySelector('[data-desk-incoming]');
  const count = document.querySelector('[data-desk-count]');
  let arrived = 0;

  const cardOf = (updateId) => document.getElementById(`desk-update-${updateId}`);
  const pendingList = document.querySelector('[data-desk-pending]');
  const pendingCount = document.querySelector('[data-desk-pending-count]');
  const recount = () => {
    if (count) count.textContent = String(list.querySelectorAll(':scope > .live-desk-update').length);
    if (!pendingList) return;
    if (pendingCount) pendingCount.textContent = String(pendingList.children.length);
    const section = pendingList.closest('section');
    if (section) section.hidden = pendingList.children.length === 0;
  };
  /** The newest request per update: an older answer arriving late must not undo a newer one. */
  const latest = new Map();
  const say = (text) => {
    if (!status) return;
    status.hidden = false;
    status.textContent = text;
  };

  /** Replaces (or, for a new one, adds) the update's card with the desk's current rendering; removes it when gone. */
  const refresh = async (updateId, isNew) => {
    const key = String(updateId);
    const ticket = (latest.get(key) ?? 0) + 1;
    latest.set(key, ticket);
    const response = await fetch(`/newsroom/live/${storyId}/updates/${updateId}/card`, { headers: { accept: 'text/html' }, cache: 'no-store' });
    const html = response.ok ? await response.text() : '';
    if (latest.get(key) !== ticket) return;
    const existing = cardOf(updateId);
    if (response.status === 404) {
      existing?.remove();
      recount();
      return;
    }
    if (!response.ok) return;
    const template = document.createElement('template');
    template.innerHTML = html.trim();
    const card = template.content.firstElementChild;
    if (!card) return;
    const pending = card.classList.contains('is-pending');
    const target = pending ? pendingList : list;
    if (!target) return;
    if (existing && existing.parentElement === target) {
      if (existing.classList.contains('is-new')) card.classList.add('is-new');
      existing.replaceWith(card);
    } else {
      // New, or approved meanwhile: it goes to the top of its list.
      existing?.remove();
      card.classList.add('is-new');
      target.prepend(card);
      if (pending) say('An update is waiting for approval.');
      else if (isNew) {
        arrived++;
        say(arrived === 1 ? '1 update arrived from the desk.' : `${arrived} updates arrived from the desk.`);
      }
    }
    recount();
  };

  // Controls work in the background; the stream (and this refresh, for whoever pressed) brings the result.
  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.closest('.live-desk-actions')) return;
    const card = form.closest('.live-desk-update');
    const updateId = card?.id.replace('desk-update-', '');
    if (!updateId) return;
    event.preventDefault();
    if (form.action.endsWith('/delete') && !window.confirm('Delete this update? Readers will no longer see it.')) return;
    const button = form.querySelector('button');
    if (button) button.disabled = true;
    card.querySelector('.live-desk-problem')?.remove();
    try {
      const response = await fetch(form.action, { method: 'POST', headers: { accept: 'application/json' }, body: new URLSearchParams(new FormData(form)) });
      if (!response.ok) {
        const answer = await response.json().catch(() => ({}));
        const problem = document.createElement('p');
        problem.className = 'nr-error live-desk-problem';
        problem.setAttribute('role', 'alert');
        problem.textContent = answer.message || `That did not work (${response.status}). Reload the desk and try again.`;
        card.append(problem);
        return;
      }
      await refresh(updateId, false);
    } catch {
      form.submit();
    } finally {
      if (button) button.disabled = false;
    }
  });

  // Updates waiting for approval are not public, so the stream does not carry them: the desk asks every few seconds
  // while it is in view, and fetches the cards it does not have (and those approved or deleted meanwhile).
  const pendingUrl = pendingList?.getAttribute('data-desk-pending');
  if (pendingUrl && list.hasAttribute('data-desk-stream')) {
    const checkPending = async () => {
      if (document.visibilityState !== 'visible') return;
      const response = await fetch(pendingUrl, { headers: { accept: 'application/json' }, cache: 'no-store' }).catch(() => null);
      if (!response?.ok) return;
      const { pending } = await response.json();
      const waiting = new Set(pending.map(String));
      const shown = [...pendingList.children].map((el) => el.id.replace('desk-update-', ''));
      for (const id of waiting) if (!shown.includes(id)) void refresh(id, true);
      for (const id of shown) if (!waiting.has(id)) void refresh(id, false);
    };
    setInterval(checkPending, 5000);
    document.addEventListener('visibilitychange', () => void checkPending());
  }

  const streamUrl = list.getAttribute('data-desk-stream');
  if (streamUrl && 'EventSource' in window) {
    const source = new EventSource(`${streamUrl}?after=${encodeURIComponent(list.getAttribute('data-last-event') || '0')}`);
    source.addEventListener('message', (event) => {
      let data;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      if (data.kind === 'resync' || data.ended) {
        source.close();
        // Never lose a half-written update to a reload: say what happened and let the journalist choose.
        const form = document.getElementById('story-form');
        const typed = form && ([...form.querySelectorAll('input[type=text], textarea')].some((el) => el.value.trim() !== '') || (form.querySelector('.ProseMirror')?.textContent ?? '').trim() !== '');
        if (data.ended) {
          form?.querySelectorAll('button[type=submit]').forEach((button) => (button.disabled = true));
          say('Live coverage has been ended: updates can no longer be posted. Reload the desk to see it as it is now.');
        } else if (typed) say('The desk missed some changes while away: reload it to see them (copy what you are writing first).');
        else window.location.reload();
        return;
      }
      if (typeof data.kind === 'string' && data.kind.startsWith('update.') && data.updateId) {
        void refresh(data.updateId, data.kind === 'update.posted' || data.kind === 'update.approved');
      }
    });
  }
}
