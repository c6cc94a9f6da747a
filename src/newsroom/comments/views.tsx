/** Moderation pages: the queue with counts and bulk actions, one comment with a staff reply form, and the blocklists. */
import type { BlockEntry, QueueItem } from '../../comments/moderation.js';
import { queuePageSize } from '../../comments/moderation.js';
import type { CommentBlockKind, CommentStatus } from '../../db/schema.js';
import { CsrfField, NewsroomLayout, Pager } from '../views/layout.js';
import { plural } from '../../site/views/format.js';
import { Messages, type Frame } from '../views/messages.js';

const assets = ['library.css'];


export const statusLabels: Record<CommentStatus, string> = { pending: 'Pending', approved: 'Approved', spam: 'Spam', trash: 'Trash' };

/** The actions offered for comments in each status: the button label and the status it moves them to. */
const actionsFor: Record<CommentStatus, { action: string; label: string }[]> = {
  pending: [{ action: 'approve', label: 'Approve' }, { action: 'spam', label: 'Spam' }, { action: 'trash', label: 'Trash' }],
  approved: [{ action: 'pending', label: 'Unapprove' }, { action: 'spam', label: 'Spam' }, { action: 'trash', label: 'Trash' }],
  spam: [{ action: 'approve', label: 'Not spam: approve' }, { action: 'trash', label: 'Trash' }],
  trash: [{ action: 'pending', label: 'Restore to pending' }, { action: 'approve', label: 'Approve' }],
};


function When(props: { at: string }) {
  return <time dateTime={props.at}>{props.at.slice(0, 16).replace('T', ' ')} UTC</time>;
}

function StoryLink(props: { item: QueueItem }) {
  return props.item.story ? <a href={props.item.story.url}>{props.item.story.title}</a> : <span class="nr-muted">Story #{props.item.articleId} (not published)</span>;
}

/** Why a comment was held on suspicion, next to it; nothing when it was not. */
function HoldReasons(props: { item: QueueItem }) {
  const reasons = props.item.holdReasons;
  if (reasons.length === 0) return null;
  return (
    <p class="hold-reasons">
      <strong>{props.item.status === 'spam' || props.item.status === 'pending' ? 'Held because' : 'Was held because'}:</strong> {reasons.join('; ')}.
    </p>
  );
}

function CommentText(props: { body: string }) {
  return (
    <div class="comment-text">
      {props.body.split(/\n{2,}/).map((paragraph) => (
        <p>
          {paragraph.split('\n').map((line, i) => (
            <>
              {i > 0 ? <br /> : null}
              {line}
            </>
          ))}
        </p>
      ))}
    </div>
  );
}

export function ModerationQueuePage(props: Frame & {
  status: CommentStatus;
  counts: Record<CommentStatus, number>;
  items: QueueItem[];
  page: number;
  /** When set, only this story's comments are shown. */
  story?: { id: number; title: string };
  /** COMMENT_SPAM_DAYS: spam is deleted this many days after it was marked. */
  spamDays: number;
  /** Bot posts the honeypot dropped, unstored, in the last spamDays days. */
  dropped: number;
}) {
  const total = props.counts[props.status];
  const pages = Math.max(1, Math.ceil(total / queuePageSize));
  const onStory = props.story ? `&article=${props.story.id}` : '';
  const statusLink = (status: CommentStatus) => `/newsroom/comments?status=${status}${onStory}`;
  const pageLink = (page: number) => `${statusLink(props.status)}${page > 1 ? `&page=${page}` : ''}`;
  return (
    <NewsroomLayout title="Comments" user={props.user} csrfToken={props.csrfToken} current="comments" assets={[...assets, 'moderation.js']}>
      <Messages notice={props.notice} error={props.error} />
      {props.story ? (
        <p class="nr-notice">
          Comments on <a href={`/newsroom/stories/${props.story.id}`}>{props.story.title}</a> only. <a href={`/newsroom/comments?status=${props.status}`}>Show every story’s comments</a>
        </p>
      ) : null}
      <nav aria-label="Comments by status">
        <ul class="nr-cards">
          {(Object.keys(statusLabels) as CommentStatus[]).map((status) => (
            <li class="nr-card" data-status={status}>
              <a href={statusLink(status)} aria-current={status === props.status ? 'page' : undefined}>
                <span class="nr-card-count">{props.counts[status]}</span>
                <span class="nr-card-label">{statusLabels[status]}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p class="nr-muted" id="spam-policy">
        Spam is deleted after {plural(props.spamDays, 'day')}, counted from when it was marked.{' '}
        {plural(props.dropped, 'bot post')} dropped in the last {plural(props.spamDays, 'day')} (a hidden field that people
        never see was filled in, so nothing was kept).
      </p>
      <p><a href="/newsroom/comments/blocklist">Blocklists: words, emails and IP addresses</a></p>
      <h2>{statusLabels[props.status]} ({total})</h2>
      {props.items.length === 0 ? (
        <p class="nr-muted">{props.status === 'pending' ? 'Nothing is waiting for moderation.' : 'No comments here.'}</p>
      ) : (
        <form method="post" action="/newsroom/comments">
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="status" value={props.status} />
          {props.story ? <input type="hidden" name="article" value={String(props.story.id)} /> : null}
          <div class="nr-actions">
            <label for="bulk-action">With the selected comments:</label>
            <select id="bulk-action" name="action">
              {actionsFor[props.status].map((a) => <option value={a.action}>{a.label}</option>)}
            </select>
            <button type="submit" class="nr-button nr-button-secondary">Apply</button>
          </div>
          <table class="nr-table moderation-table">
            <thead>
              <tr>
                <th scope="col">
                  <input type="checkbox" id="select-all" aria-label="Select every comment on this page" hidden />
                  <span class="visually-hidden">Select</span>
                </th>
                <th scope="col">Comment</th>
                <th scope="col">On</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((item) => (
                <tr id={`comment-${item.id}`} data-comment-id={item.id}>
                  <td>
                    <input type="checkbox" name="ids" value={String(item.id)} id={`select-${item.id}`} aria-label={`Select the comment by ${item.authorName}`} />
                  </td>
                  <td>
                    <strong>{item.authorName}</strong> <span class="nr-muted">{item.authorEmail}</span>
                    <br />
                    <span class="nr-muted"><When at={item.createdAt} />{item.parentId !== null ? ' · a reply' : ''}</span>
                    <HoldReasons item={item} />
                    <CommentText body={item.body} />
                  </td>
                  <td>
                    <StoryLink item={item} />
                    {props.story ? null : (
                      <>
                        <br />
                        <a href={`/newsroom/comments?status=${props.status}&article=${item.articleId}`} class="nr-muted">Only this story</a>
                      </>
                    )}
                  </td>
                  <td>
                    <div class="nr-row-actions">
                      {actionsFor[props.status].map((a) => (
                        <button type="submit" name="one" value={`${item.id}:${a.action}`} class="nr-button-link">{a.label}</button>
                      ))}
                      <a href={`/newsroom/comments/${item.id}`}>Reply or block</a>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </form>
      )}
      <Pager page={props.page} pages={pages} href={pageLink} />
    </NewsroomLayout>
  );
}

export function CommentDetailPage(props: Frame & { item: QueueItem; reply?: string; replyError?: string }) {
  const { item } = props;
  const canReply = item.status === 'pending' || item.status === 'approved';
  return (
    <NewsroomLayout title={`Comment by ${item.authorName}`} user={props.user} csrfToken={props.csrfToken} current="comments" assets={assets}>
      <p><a href={`/newsroom/comments?status=${item.status}`}>Back to {statusLabels[item.status].toLowerCase()} comments</a></p>
      <Messages notice={props.notice} error={props.error} />
      <p>
        <span class="nr-status">{statusLabels[item.status]}</span> <strong>{item.authorName}</strong> <span class="nr-muted">{item.authorEmail}</span> ·{' '}
        <When at={item.createdAt} /> · on <StoryLink item={item} />
      </p>
      <HoldReasons item={item} />
      <blockquote class="comment-quote"><CommentText body={item.body} /></blockquote>
      <form method="post" action="/newsroom/comments" class="nr-actions">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="status" value={item.status} />
        <input type="hidden" name="back" value="detail" />
        {actionsFor[item.status].map((a) => (
          <button type="submit" name="one" value={`${item.id}:${a.action}`} class="nr-button nr-button-secondary">{a.label}</button>
        ))}
      </form>
      {canReply ? (
        <form method="post" action={`/newsroom/comments/${item.id}/reply`} class="nr-form">
          <h2>Reply as {props.user.name}</h2>
          <CsrfField token={props.csrfToken} />
          <div class="nr-field">
            <label for="reply-body">Reply</label>
            <textarea id="reply-body" name="body" required maxLength={5000} aria-invalid={props.replyError ? 'true' : undefined}>{props.reply ?? ''}</textarea>
            <span class="nr-hint">Published at once under your name{item.status === 'pending' ? '; the comment you reply to is approved with it' : ''}.</span>
            {props.replyError ? <span class="nr-field-error">{props.replyError}</span> : null}
          </div>
          <div class="nr-actions"><button type="submit" class="nr-button">Post reply</button></div>
        </form>
      ) : null}
      <h2>Block this commenter</h2>
      <p class="nr-muted">Blocked commenters' new comments are refused. This comment is moved to spam.</p>
      <form method="post" action={`/newsroom/comments/${item.id}/block`} class="nr-actions">
        <CsrfField token={props.csrfToken} />
        <button type="submit" name="what" value="email" class="nr-button nr-button-danger">Block {item.authorEmail}</button>
        {item.ipHash ? <button type="submit" name="what" value="ip" class="nr-button nr-button-danger">Block their IP address</button> : null}
      </form>
    </NewsroomLayout>
  );
}

const kindLabels: Record<CommentBlockKind, { title: string; hint: string }> = {
  word: { title: 'Words and phrases', hint: 'Comments containing one of these go straight to spam, where you can still rescue them.' },
  email: { title: 'Email addresses and domains', hint: 'Comments from these addresses are refused. Write @example.com to block a whole domain.' },
  ip: { title: 'IP addresses', hint: 'Comments from these addresses are refused. Addresses are stored only as a keyed hash, so they are shown by the note you gave.' },
};

export function BlocklistPage(props: Frame & { blocks: BlockEntry[]; values?: { kind: string; value: string; note: string }; errors?: Record<string, string> }) {
  const values = props.values ?? { kind: 'word', value: '', note: '' };
  const errors = props.errors ?? {};
  return (
    <NewsroomLayout title="Comment blocklists" user={props.user} csrfToken={props.csrfToken} current="comments" assets={assets}>
      <p><a href="/newsroom/comments">Back to the moderation queue</a></p>
      <Messages notice={props.notice} error={props.error} />
      {(Object.keys(kindLabels) as CommentBlockKind[]).map((kind) => {
        const entries = props.blocks.filter((b) => b.kind === kind);
        return (
          <section aria-labelledby={`block-${kind}`}>
            <h2 id={`block-${kind}`}>{kindLabels[kind].title} ({entries.length})</h2>
            <p class="nr-muted">{kindLabels[kind].hint}</p>
            {entries.length === 0 ? (
              <p class="nr-muted">None.</p>
            ) : (
              <ul class="nr-list">
                {entries.map((entry) => (
                  <li data-block-id={entry.id}>
                    {kind === 'ip' ? <span>{entry.note || 'An IP address'} <span class="nr-muted">(hash {entry.value.slice(0, 8)}…)</span></span> : <code>{entry.value}</code>}
                    {kind !== 'ip' && entry.note ? <span class="nr-muted"> · {entry.note}</span> : null}{' '}
                    <form method="post" action={`/newsroom/comments/blocklist/${entry.id}/delete`} class="nr-inline-form">
                      <CsrfField token={props.csrfToken} />
                      <button type="submit" class="nr-button-link">Remove</button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      <h2>Add to a blocklist</h2>
      <form method="post" action="/newsroom/comments/blocklist" class="nr-form">
        <CsrfField token={props.csrfToken} />
        <div class="nr-field">
          <label for="block-kind">Block</label>
          <select id="block-kind" name="kind">
            <option value="word" selected={values.kind === 'word'}>a word or phrase</option>
            <option value="email" selected={values.kind === 'email'}>an email address or @domain</option>
            <option value="ip" selected={values.kind === 'ip'}>an IP address</option>
          </select>
        </div>
        <div class="nr-field">
          <label for="block-value">Value</label>
          <input id="block-value" name="value" type="text" required maxLength={254} value={values.value} aria-invalid={errors.value ? 'true' : undefined} />
          {errors.value ? <span class="nr-field-error">{errors.value}</span> : null}
        </div>
        <div class="nr-field">
          <label for="block-note">Note (optional)</label>
          <input id="block-note" name="note" type="text" maxLength={200} value={values.note} />
          <span class="nr-hint">Why it is blocked; for IP addresses this is what the list shows.</span>
        </div>
        <div class="nr-actions"><button type="submit" class="nr-button">Add</button></div>
      </form>
    </NewsroomLayout>
  );
}
