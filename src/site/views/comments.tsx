/** The comment thread and the "Leave a Comment" form; comment text is plain text, linked and line-broken here. */
import * as linkify from 'linkifyjs';
import type { Story } from '../../content/queries.js';
import { formatDateTime, plural } from './format.js';
import { commentLimits, type CommentNode } from '../../comments/comments.js';

export interface CommentThreadView {
  roots: CommentNode[];
  count: number;
  replyTo: { id: number; authorName: string } | null;
}

export type CommentOutcome = 'pending' | 'held' | 'published';

/** The outcome named in the story page's ?comment= after a post, or null. */
export function commentOutcome(value: unknown): CommentOutcome | null {
  return value === 'pending' || value === 'held' || value === 'published' ? value : null;
}

export interface CommentFormState {
  /** What the reader typed, when the form comes back with a problem. */
  values: { name: string; email: string; body: string; parentId: string };
  errors: Record<string, string>;
  /** Set after a post: 'pending' (first-time commenter, waiting for an editor), 'held' (suspected spam) or 'published'. */
  outcome: CommentOutcome | null;
  /** Signed, time-stamped token that proves the form was served by us. */
  formToken: string;
}

/** Splits plain text into text and link pieces; Preact escapes the text, links get nofollow ugc. */
export function CommentBody(props: { text: string }) {
  const paragraphs = props.text.split(/\n{2,}/);
  return (
    <div class="comment-body">
      {paragraphs.map((para) => (
        <p>
          {para.split('\n').map((line, i) => (
            <>
              {i > 0 ? <br /> : null}
              <LinkedText text={line} />
            </>
          ))}
        </p>
      ))}
    </div>
  );
}

function LinkedText(props: { text: string }) {
  const pieces = linkify.tokenize(props.text);
  return (
    <>
      {pieces.map((token) => {
        if (token.isLink && token.t === 'url') {
          const href = token.toHref('https');
          if (/^https?:\/\//i.test(href)) {
            return <a href={href} rel="nofollow ugc noopener" target="_blank">{token.toString()}</a>;
          }
        }
        return token.toString();
      })}
    </>
  );
}

function CommentItem(props: { node: CommentNode; storyUrl: string; open: boolean }) {
  const { node } = props;
  return (
    <li class="comment" id={`comment-${node.id}`}>
      <article aria-labelledby={`comment-${node.id}-author`}>
        <header class="comment-meta">
          <strong id={`comment-${node.id}-author`} class="comment-author">{node.authorName}</strong>{' '}
          <a href={`#comment-${node.id}`} class="comment-time"><time dateTime={node.createdAt}>{formatDateTime(node.createdAt)}</time></a>
        </header>
        <CommentBody text={node.body} />
        {props.open ? (
          <a class="reply-link" href={`${props.storyUrl}?reply=${node.id}#comment-form`} data-reply-to={node.id} data-reply-name={node.authorName}>
            Reply<span class="visually-hidden"> to {node.authorName}</span>
          </a>
        ) : null}
      </article>
      {node.replies.length ? (
        <ol class="comment-replies">
          {node.replies.map((r) => <CommentItem node={r} storyUrl={props.storyUrl} open={props.open} />)}
        </ol>
      ) : null}
    </li>
  );
}

export function CommentThread(props: { thread: CommentThreadView; storyUrl: string; open: boolean }) {
  return (
    <>
      <h2 id="comments-title">{props.thread.count ? plural(props.thread.count, 'comment') : 'Comments'}</h2>
      {props.thread.count ? (
        <ol class="comment-list">
          {props.thread.roots.map((n) => <CommentItem node={n} storyUrl={props.storyUrl} open={props.open} />)}
        </ol>
      ) : (
        <p class="empty-note">No comments yet.{props.open ? ' Start the conversation below.' : ''}</p>
      )}
    </>
  );
}

const fieldNames = new Set(['body', 'name', 'email']);

export function CommentForm(props: { story: Story; state: CommentFormState; thread: CommentThreadView }) {
  const { state, story } = props;
  if (!story.commentsOpen) {
    return <p class="comments-closed" id="comment-form">Comments are closed on this story.</p>;
  }
  const errorIds = Object.keys(state.errors);
  const field = (name: keyof CommentFormState['errors']) => (state.errors[name] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `comment-${name}-error` } : {});
  return (
    <form class="comment-form" id="comment-form" method="post" action="/comments" aria-labelledby="comment-form-title" noValidate={false}>
      <h2 id="comment-form-title">Leave a Comment</h2>
      {state.outcome === 'pending' ? (
        <p class="notice notice-pending" role="status" id="comment-status">
          Thank you. Your comment is awaiting moderation and will appear once an editor has approved it.
        </p>
      ) : null}
      {state.outcome === 'held' ? (
        <p class="notice notice-pending" role="status" id="comment-status">
          Thank you. Your comment is held for review because it looked like it might be spam (for example, it was sent very
          soon after the page loaded, or carries several links). It is not shown yet; an editor can approve it.
        </p>
      ) : null}
      {state.outcome === 'published' ? (
        <p class="notice notice-ok" role="status" id="comment-status">Thank you. Your comment is published.</p>
      ) : null}
      {errorIds.length ? (
        <div class="notice notice-error" role="alert" id="comment-errors">
          <p>Your comment was not posted:</p>
          <ul>{errorIds.map((k) => <li>{fieldNames.has(k) ? <a href={`#comment-${k}`}>{state.errors[k]}</a> : state.errors[k]}</li>)}</ul>
        </div>
      ) : null}
      <input type="hidden" name="article_id" value={String(story.id)} />
      <input type="hidden" name="form_token" value={state.formToken} />
      {props.thread.replyTo ? (
        <p class="replying-to" data-replying-to="">
          Replying to <a href={`#comment-${props.thread.replyTo.id}`}>{props.thread.replyTo.authorName}</a>.{' '}
          <a href={`${story.url}#comment-form`}>Cancel reply</a>
          <input type="hidden" name="parent_id" value={String(props.thread.replyTo.id)} />
        </p>
      ) : (
        <input type="hidden" name="parent_id" value={state.values.parentId} />
      )}
      <p class="field">
        <label for="comment-body">Comment</label>
        {/* No maxlength: it cuts a long paste short without a word. The limit is stated here, counted live by the page
            script (data-max-length), and enforced by the server, which sends the whole text back with the message. */}
        <textarea
          id="comment-body" name="body" rows={6} required data-max-length={commentLimits.body}
          {...field('body')} aria-describedby={[state.errors.body ? 'comment-body-error' : '', 'comment-body-limit'].filter(Boolean).join(' ')}
        >{state.values.body}</textarea>
        <span class="hint field-hint" id="comment-body-limit">Up to {commentLimits.body} characters.</span>
        {state.errors.body ? <span class="field-error" id="comment-body-error">{state.errors.body}</span> : null}
      </p>
      <p class="field">
        <label for="comment-name">Name</label>
        <input id="comment-name" name="name" type="text" required maxLength={commentLimits.name} autoComplete="name" value={state.values.name} {...field('name')} />
        {state.errors.name ? <span class="field-error" id="comment-name-error">{state.errors.name}</span> : null}
      </p>
      <p class="field">
        <label for="comment-email">Email <span class="hint">(never shown)</span></label>
        <input id="comment-email" name="email" type="email" required maxLength={commentLimits.email} autoComplete="email" value={state.values.email} {...field('email')} />
        {state.errors.email ? <span class="field-error" id="comment-email-error">{state.errors.email}</span> : null}
      </p>
      <p class="field honeypot" aria-hidden="true">
        <label for="comment-website">Leave this field empty</label>
        <input id="comment-website" name="website" type="text" tabIndex={-1} autoComplete="off" value="" />
      </p>
      <p class="form-note">Comments from first-time commenters are held for moderation. Links are not followed by search engines.</p>
      <button type="submit">Post comment</button>
    </form>
  );
}
