/** A small dialog asking for a web address (for links and embeds), in place of the browser's bare prompt(). */

export interface AskOptions {
  title: string;
  label: string;
  current?: string;
  /** Allows an empty answer (for removing a link). */
  allowEmpty?: boolean;
  /** Also accepts paths on this site ("/…") and mailto: addresses. */
  allowLocal?: boolean;
}

function acceptable(value: string, options: AskOptions): boolean {
  if (value === '') return !!options.allowEmpty;
  if (options.allowLocal && (/^\/(?!\/)/.test(value) || /^mailto:/i.test(value))) return true;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Resolves with the address typed, '' when the person cleared it (if allowed), or null when they cancelled. */
export function askForAddress(options: AskOptions): Promise<string | null> {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'address-dialog';
    const form = document.createElement('form');
    form.method = 'dialog';
    const heading = document.createElement('h2');
    heading.textContent = options.title;
    const label = document.createElement('label');
    label.textContent = options.label;
    const input = document.createElement('input');
    input.type = 'text';
    input.inputMode = 'url';
    input.value = options.current ?? '';
    input.setAttribute('autocomplete', 'off');
    label.append(input);
    const problem = document.createElement('p');
    problem.className = 'address-problem';
    problem.setAttribute('role', 'alert');
    const ok = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'OK', className: 'ed-button ed-button-primary' });
    const cancel = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Cancel', className: 'ed-button' });
    const actions = document.createElement('p');
    actions.className = 'nr-actions';
    actions.append(ok, cancel);
    form.append(heading, label, problem, actions);
    dialog.append(form);
    let answer: string | null = null;
    form.addEventListener('submit', (event) => {
      const value = input.value.trim();
      if (!acceptable(value, options)) {
        event.preventDefault();
        problem.textContent = 'Give a full address starting with https://.';
        input.focus();
        return;
      }
      answer = value;
    });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
    input.select();
  });
}
