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

// Embedded media stays a plain link until the reader asks for it: no third-party request before a click.
const embedPlayers = [
  { host: /(^|\.)youtube\.com$/, id: (url) => url.searchParams.get('v'), src: (id) => `https://www.youtube-nocookie.com/embed/${id}`, name: 'YouTube' },
  { host: /^youtu\.be$/, id: (url) => url.pathname.slice(1), src: (id) => `https://www.youtube-nocookie.com/embed/${id}`, name: 'YouTube' },
  { host: /(^|\.)vimeo\.com$/, id: (url) => url.pathname.split('/').filter(Boolean).pop(), src: (id) => `https://player.vimeo.com/video/${id}?dnt=1`, name: 'Vimeo' },
];

for (const figure of document.querySelectorAll('figure.embed[data-embed-url]')) {
  let url;
  try {
    url = new URL(figure.getAttribute('data-embed-url') ?? '');
  } catch {
    continue;
  }
  const player = embedPlayers.find((p) => p.host.test(url.hostname));
  const id = player?.id(url);
  if (!player || !id || !/^[\w-]+$/.test(id)) continue;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'embed-load';
  button.textContent = `Load the ${player.name} video (content from ${url.hostname})`;
  button.addEventListener('click', () => {
    const frame = document.createElement('iframe');
    frame.src = player.src(id);
    frame.title = `${player.name} video`;
    frame.loading = 'lazy';
    frame.allow = 'encrypted-media; picture-in-picture; fullscreen';
    frame.className = 'embed-frame';
    button.replaceWith(frame);
    frame.focus();
  });
  figure.prepend(button);
}

// A cached story page carries an old form token; fetch a fresh one when the reader starts writing a comment. It is
// stamped with the time this page loaded (?age=), not the first keystroke, so pasting prepared text is not "too fast".
const commentForm = document.getElementById('comment-form');
if (commentForm instanceof HTMLFormElement) {
  commentForm.addEventListener(
    'focusin',
    async () => {
      const article = commentForm.querySelector('input[name="article_id"]');
      const token = commentForm.querySelector('input[name="form_token"]');
      if (!(article instanceof HTMLInputElement) || !(token instanceof HTMLInputElement)) return;
      const age = Math.max(0, Math.round(performance.now()));
      try {
        const response = await fetch(`/comments/form-token?article=${encodeURIComponent(article.value)}&age=${age}`, { headers: { accept: 'application/json' } });
        if (response.ok) token.value = (await response.json()).token;
      } catch {
        // Offline or refused: the token printed in the page still works.
      }
    },
    { once: true },
  );
}

// The comment box counts characters as the reader types or pastes, the way the server counts them (line breaks as one,
// surrounding space ignored). Nothing is cut: an over-long comment is refused by the server with its text kept.
// The visible count changes with every key; screen readers hear it politely once typing pauses.
const commentBody = document.getElementById('comment-body');
const commentCount = document.getElementById('comment-body-limit');
const commentLimit = commentBody instanceof HTMLTextAreaElement ? Number(commentBody.dataset.maxLength) : 0;
if (commentBody instanceof HTMLTextAreaElement && commentCount && commentLimit > 0) {
  // The limit hint under the box (which the box's aria-describedby names) becomes the count.
  commentCount.classList.add('char-count');
  const spoken = document.createElement('span');
  spoken.className = 'visually-hidden';
  spoken.id = 'comment-body-count-status';
  spoken.setAttribute('role', 'status');
  commentCount.insertAdjacentElement('afterend', spoken);
  const number = (n) => n.toLocaleString('en');
  const render = () => {
    const left = commentLimit - commentBody.value.replace(/\r\n?/g, '\n').trim().length;
    commentCount.dataset.state = left < 0 ? 'over' : left <= commentLimit / 10 ? 'near' : 'ok';
    commentCount.textContent =
      left < 0
        ? `${number(-left)} ${left === -1 ? 'character' : 'characters'} too many: comments can be at most ${number(commentLimit)}.`
        : `${number(left)} ${left === 1 ? 'character' : 'characters'} left of ${number(commentLimit)}.`;
    return commentCount.textContent;
  };
  let pause;
  commentBody.addEventListener('input', () => {
    const words = render();
    clearTimeout(pause);
    pause = setTimeout(() => {
      if (spoken.textContent !== words) spoken.textContent = words;
    }, 1000);
  });
  render();
}

// The masthead's date line: a page can come from the page cache after midnight, so the date is brought up to today
// (in the site's zone and language, which the server wrote beside it).
const dateline = document.querySelector('.dateline time[data-zone]');
if (dateline instanceof HTMLTimeElement) {
  try {
    const zone = dateline.dataset.zone;
    const today = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone }).format(new Date());
    if (dateline.dateTime !== today) {
      dateline.dateTime = today;
      dateline.textContent = new Intl.DateTimeFormat(dateline.dataset.locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }).format(new Date());
    }
  } catch {
    // An unknown zone or locale leaves the server's date.
  }
}

// Fresh stories' times read "5 minutes ago" / "3 hours ago". The server wrote whole hours, or the absolute time under
// an hour, because a cached page outlives finer phrases; this corrects them on load and every minute, and puts the
// absolute time back (data-absolute) once a story is a day old. The full time with its zone stays in the title.
const relativeTimes = [...document.querySelectorAll('time[data-relative]')];
if (relativeTimes.length) {
  const ago = (ms) => {
    const minutes = Math.floor(ms / 60000);
    if (minutes < 1) return 'just now';
    if (minutes < 60) return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
    const hours = Math.floor(minutes / 60);
    return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  };
  const refresh = () => {
    for (const time of relativeTimes) {
      const age = Date.now() - Date.parse(time.dateTime);
      if (Number.isNaN(age)) continue;
      const text = age >= 0 && age < 24 * 3600 * 1000 ? ago(age) : (time.dataset.absolute ?? time.textContent);
      if (time.textContent !== text) time.textContent = text;
    }
  };
  refresh();
  setInterval(refresh, 60 * 1000);
}

// Share: the copy-link button, and the system share sheet where the browser has one. Both are hidden in the page and
// shown here, so a reader without the script sees only the plain share links.
for (const share of document.querySelectorAll('[data-share-url]')) {
  const url = share.getAttribute('data-share-url') ?? location.href;
  const title = share.getAttribute('data-share-title') ?? document.title;
  const native = share.querySelector('[data-share-native]');
  if (native && typeof navigator.share === 'function') {
    native.hidden = false;
    native.querySelector('button')?.addEventListener('click', () => {
      navigator.share({ title, url }).catch(() => {
        // The reader closed the share sheet: nothing to do.
      });
    });
  }
  const copy = share.querySelector('[data-share-copy]');
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    const status = copy.querySelector('.share-status');
    copy.querySelector('button')?.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(url);
        if (status) status.textContent = 'Link copied.';
      } catch {
        if (status) status.textContent = 'Could not copy; the address is in the address bar.';
      }
    });
  }
}
