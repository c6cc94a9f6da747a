/** The reader's newsletter pages: subscribe, check your email, confirm, preferences, unsubscribe, and the corrections list. */
import type { CorrectionEntry } from '../../content/corrections.js';
import type { ListInfo } from '../../newsletters/lists.js';
import type { SubscriberView } from '../../newsletters/subscribers.js';
import { formatDate } from './format.js';

export interface SubscribeFormState {
  email: string;
  lists: string[];
  errors: Record<string, string>;
}

function Honeypot() {
  return (
    <p class="honeypot" aria-hidden="true">
      <label for="nl-website">Leave this field empty</label>
      <input id="nl-website" name="website" type="text" tabIndex={-1} autoComplete="off" value="" />
    </p>
  );
}

function ListChoices(props: { lists: ListInfo[]; chosen: string[]; name?: string }) {
  return (
    <ul class="nl-lists">
      {props.lists.map((list) => (
        <li>
          <label class="nl-choice">
            <input type="checkbox" name={props.name ?? 'lists'} value={list.key} checked={props.chosen.includes(list.key)} />
            <span><strong>{list.name}</strong> <span class="nl-about">{list.description}</span></span>
          </label>
        </li>
      ))}
    </ul>
  );
}

export function SubscribePage(props: { lists: ListInfo[]; state: SubscribeFormState; formToken: string; siteTitle: string }) {
  const { state } = props;
  const problems = Object.values(state.errors);
  return (
    <section class="nl-page" aria-labelledby="nl-title">
      <p class="kicker">Newsletters</p>
      <h1 id="nl-title">Get {props.siteTitle} by email</h1>
      <p class="dek">Choose what you would like to receive. No account needed, no tracking, and every email has a one-click unsubscribe.</p>
      {problems.length ? (
        <div class="notice notice-error" role="alert" id="nl-problems">
          {problems.map((p) => <p>{p}</p>)}
        </div>
      ) : null}
      <form method="post" action="/newsletters/subscribe" class="comment-form nl-form" novalidate>
        <input type="hidden" name="form_token" value={props.formToken} />
        <Honeypot />
        <fieldset class="field">
          <legend>Newsletters</legend>
          <ListChoices lists={props.lists} chosen={state.lists} />
          {state.errors.lists ? <span class="field-error">{state.errors.lists}</span> : null}
        </fieldset>
        <p class="field">
          <label for="nl-email">Your email address</label>
          <input id="nl-email" name="email" type="email" required autoComplete="email" value={state.email} aria-invalid={state.errors.email ? 'true' : undefined} aria-describedby="nl-email-hint" />
          <span class="field-hint" id="nl-email-hint">We send one email with a link to confirm. Nothing else arrives until you use it.</span>
          {state.errors.email ? <span class="field-error">{state.errors.email}</span> : null}
        </p>
        <p><button type="submit">Subscribe</button></p>
      </form>
    </section>
  );
}

export function MessagePage(props: { kicker: string; title: string; children: preact.ComponentChildren; tone?: 'ok' | 'error' }) {
  return (
    <section class="nl-page" aria-labelledby="nl-title">
      <p class="kicker">{props.kicker}</p>
      <h1 id="nl-title">{props.title}</h1>
      <div class={props.tone ? `notice notice-${props.tone}` : 'nl-message'}>{props.children}</div>
    </section>
  );
}

/** A page with one button that posts back to the same link (confirm, unsubscribe): mail scanners that open links change nothing. */
export function ActionPage(props: { kicker: string; title: string; text: string; action: string; hidden: Record<string, string>; button: string }) {
  return (
    <section class="nl-page" aria-labelledby="nl-title">
      <p class="kicker">{props.kicker}</p>
      <h1 id="nl-title">{props.title}</h1>
      <p>{props.text}</p>
      <form method="post" action={props.action} class="comment-form">
        {Object.entries(props.hidden).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
        <button type="submit">{props.button}</button>
      </form>
    </section>
  );
}

export function PreferencesPage(props: { subscriber: SubscriberView; lists: ListInfo[]; link: Record<string, string>; unsubscribeLink: Record<string, string>; notice: string | null; error?: string }) {
  const { subscriber } = props;
  const chosen = subscriber.lists.map((l) => l.info.key);
  const followed = subscriber.lists.map((l) => l.info).filter((l) => !props.lists.some((s) => s.key === l.key));
  const hidden = () => Object.entries(props.link).map(([name, value]) => <input type="hidden" name={name} value={value} />);
  const query = new URLSearchParams(props.link).toString();
  return (
    <section class="nl-page" aria-labelledby="nl-title">
      <p class="kicker">Newsletters</p>
      <h1 id="nl-title">Your email preferences</h1>
      <p class="dek">For <strong>{subscriber.email}</strong>.{' '}
        {subscriber.status === 'unsubscribed' ? 'You receive nothing from us at the moment.'
          : subscriber.status === 'bounced' ? 'Your mail server refused our last emails, so we stopped sending. Save your choices to start again.'
            : subscriber.paused ? 'Your emails are paused.' : null}
      </p>
      {props.notice ? <p class="notice notice-ok" role="status">{props.notice}</p> : null}
      {props.error ? <div class="notice notice-error" role="alert"><p>{props.error}</p></div> : null}
      <form method="post" action="/newsletters/preferences" class="comment-form nl-form">
        {hidden()}
        <fieldset class="field">
          <legend>Newsletters</legend>
          <ListChoices lists={props.lists} chosen={chosen} />
        </fieldset>
        {followed.length ? (
          <fieldset class="field">
            <legend>Stories you follow</legend>
            <ListChoices lists={followed} chosen={chosen} />
          </fieldset>
        ) : null}
        <p class="field">
          <label class="nl-choice">
            <input type="checkbox" name="paused" value="1" checked={subscriber.paused} />
            <span><strong>Pause all emails</strong> <span class="nl-about">Keep your choices but receive nothing until you come back and untick this.</span></span>
          </label>
        </p>
        <p><button type="submit">Save my choices</button></p>
      </form>
      <h2>Leave or take your data</h2>
      <form method="post" action="/newsletters/unsubscribe" class="comment-form nl-inline">
        {Object.entries(props.unsubscribeLink).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
        <button type="submit">Unsubscribe from everything</button>
      </form>
      <p><a href={`/newsletters/preferences/export?${query}`} download="newsletter-data.json">Download everything we store about this address</a> (JSON).</p>
      <form method="post" action="/newsletters/preferences/delete" class="comment-form nl-inline">
        {hidden()}
        <button type="submit">Delete everything about this address</button>
        <span class="field-hint">Removes the address, its lists, and the address from our record of emails sent. It cannot be undone.</span>
      </form>
    </section>
  );
}

export function CorrectionsPage(props: { entries: CorrectionEntry[]; page: number; pages: number; total: number }) {
  return (
    <>
      <header class="list-header">
        <h1>Corrections</h1>
        <p class="list-description">
          Every correction we have made to a published story, newest first. We also email a notice to everyone we sent the story to.
          {' '}<a href="/corrections/feed.atom">Follow corrections in a feed reader</a>.
        </p>
      </header>
      {props.entries.length === 0 ? (
        <p>We have not corrected any story yet.</p>
      ) : (
        <ol class="corrections-list">
          {props.entries.map((c) => (
            <li id={`correction-${c.id}`}>
              <p class="corrections-story"><a href={c.story.url}>{c.story.title}</a> <span class="meta">{c.story.section}</span></p>
              <p><time dateTime={c.createdAt}>{formatDate(c.createdAt)}</time>: {c.text}</p>
            </li>
          ))}
        </ol>
      )}
      {props.pages > 1 ? (
        <nav class="pagination" aria-label="Pages">
          {props.page > 1 ? <a rel="prev" href={props.page === 2 ? '/corrections' : `/corrections?page=${props.page - 1}`}>Newer corrections</a> : null}
          {' '}
          {props.page < props.pages ? <a rel="next" href={`/corrections?page=${props.page + 1}`}>Older corrections</a> : null}
        </nav>
      ) : null}
    </>
  );
}
