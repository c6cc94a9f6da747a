/** What every newsroom page built on a form needs: who is signed in, the form's CSRF token, and the outcome line. */
import type { SessionUser } from '../../http/session.js';

export interface Frame {
  user: SessionUser;
  csrfToken: string;
  notice?: string;
  error?: string;
}

/** The result of the last action: a notice read out politely, or an error read out at once. */
export function Messages(props: { notice?: string; error?: string }) {
  return (
    <>
      {props.notice ? <p class="nr-notice" role="status">{props.notice}</p> : null}
      {props.error ? <p class="nr-error" role="alert">{props.error}</p> : null}
    </>
  );
}
