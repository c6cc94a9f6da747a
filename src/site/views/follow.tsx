/** "Follow this story": an email box on story and thread pages that subscribes to the thread (or the single story) by email. */
export interface FollowTarget {
  /** The list: thread:<slug> for a developing story, live:<id> for a story covered live, story:<id> for a story on its own. */
  listKey: string;
  /** What the reader follows, in words. */
  title: string;
  kind: 'thread' | 'story' | 'live';
}

export function FollowStory(props: { target: FollowTarget; formToken: string; id?: string }) {
  const id = props.id ?? 'follow';
  const { target } = props;
  return (
    <aside class="follow-box" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Follow this story</h2>
      <p class="follow-about">
        {target.kind === 'thread'
          ? <>Get one short email when there is a new story in <strong>{target.title}</strong>, and whenever we correct one.</>
          : target.kind === 'live'
            ? <>Get one short email at each key moment of <strong>{target.title}</strong> while we cover it live, and if we correct it.</>
            : <>Get an email if we correct or update <strong>{target.title}</strong>.</>}
      </p>
      <form method="post" action="/newsletters/subscribe" class="follow-form">
        <input type="hidden" name="lists" value={target.listKey} />
        <input type="hidden" name="form_token" value={props.formToken} />
        <p class="honeypot" aria-hidden="true">
          <label for={`${id}-website`}>Leave this field empty</label>
          <input id={`${id}-website`} name="website" type="text" tabIndex={-1} autoComplete="off" value="" />
        </p>
        <label for={`${id}-email`}>Your email address</label>
        <span class="follow-row">
          <input id={`${id}-email`} name="email" type="email" required autoComplete="email" inputMode="email" placeholder="name@example.com" />
          <button type="submit">Follow</button>
        </span>
        <span class="field-hint">We send a link to confirm first. Every email has a one-click unsubscribe.</span>
      </form>
    </aside>
  );
}
