/**
 * Newsletters in the newsroom (/newsroom/newsletters): subscriber counts per list, editions (compose, preview in the
 * browser, test to yourself, send now or schedule, cancel), the automatic daily briefing and weekly digest with the
 * stories they would carry, the outbox: every message queued or sent, readable as the reader gets it, and per-edition
 * click counts when an administrator turns them on. Editors.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorize, can } from '../accounts/policies.js';
import type { AppContext } from '../context.js';
import { CommandError } from '../errors.js';
import { HttpError, notFound } from '../http/errors.js';
import { formList, formText } from '../http/form-values.js';
import { isId, parsePage } from '../http/request-input.js';
import { requireUser, verifyCsrf, type SessionUser } from '../http/session.js';
import { clickCountsOn, editionClicks, setClickCounts, type EditionClicks } from '../newsletters/clicks.js';
import { autoPicks, findEdition, listEditions, moveEdition, recentStories, renderEdition, saveEdition, sendTestEdition, type EditionDraft, type EditionView } from '../newsletters/editions.js';
import { describeLists, standardLists, type ListInfo } from '../newsletters/lists.js';
import { personalise } from '../newsletters/mail-render.js';
import { editionProgress, listOutbox, type OutboxRow } from '../newsletters/outbox.js';
import { countSubscribers, type SubscriberCounts } from '../newsletters/subscribers.js';
import type { StoryCard } from '../content/queries.js';
import { formatDateTime } from '../site/views/format.js';
import { sendNewsroomPage } from './page.js';
import { CsrfField, NewsroomLayout } from './views/layout.js';

const perPage = 50;

const statusLabels: Record<string, string> = {
  draft: 'Draft', scheduled: 'Scheduled', sending: 'Queueing', sent: 'Sent', cancelled: 'Cancelled',
  queued: 'Waiting', stored: 'In the outbox (no SMTP server)', failed: 'Failed', skipped: 'Not sent',
};

const notices: Record<string, string> = {
  saved: 'Saved.',
  send: 'The edition is going out now; progress shows below.',
  schedule: 'Scheduled.',
  unschedule: 'Taken off the schedule; it is a draft again.',
  cancel: 'Cancelled; it will not be sent.',
};

interface OverviewProps {
  user: SessionUser;
  csrf: string;
  editions: EditionView[];
  counts: SubscriberCounts[];
  names: Map<string, ListInfo>;
  smtp: boolean;
  clickCounts: boolean;
  clicks: Map<number, EditionClicks>;
  notice?: string;
}

function OverviewPage(props: OverviewProps) {
  const anyClicks = props.editions.some((e) => props.clicks.has(e.id));
  return (
    <NewsroomLayout title="Newsletters" user={props.user} csrfToken={props.csrf} current="newsletters">
      {props.notice ? <p class="nr-notice" role="status">{props.notice}</p> : null}
      <p>
        Readers subscribe at <a href="/newsletters">/newsletters</a> and with “Follow this story” on story pages. Every email has a
        one-click unsubscribe; nothing tracks opens{props.clickCounts ? ', and clicks are counted per edition only (see below)' : ' or clicks'}. {props.smtp ? 'Mail goes out through the SMTP server in SMTP_URL.' : <>No SMTP server is configured (SMTP_URL), so mail stays in the <a href="/newsroom/outbox">outbox</a>, where you can read it.</>}
      </p>
      <p class="nr-actions"><a class="nr-button" href="/newsroom/newsletters/new">Compose a newsletter</a> <a href="/newsroom/outbox">Outbox</a></p>
      <h2>Subscribers</h2>
      {props.counts.length === 0 ? <p class="nr-muted">Nobody has subscribed yet.</p> : (
        <div class="nr-scroll"><table class="nr-table">
          <thead><tr><th scope="col">List</th><th scope="col">Confirmed</th><th scope="col">Waiting to confirm</th></tr></thead>
          <tbody>
            {props.counts.map((c) => <tr><td>{props.names.get(c.list)?.name ?? c.list} <code>{c.list}</code></td><td>{c.confirmed}</td><td>{c.pending}</td></tr>)}
          </tbody>
        </table></div>
      )}
      <h2>Editions</h2>
      {props.editions.length === 0 ? <p class="nr-muted">No editions yet.</p> : (
        <div class="nr-scroll"><table class="nr-table">
          <thead><tr><th scope="col">Subject</th><th scope="col">List</th><th scope="col">Status</th><th scope="col">Recipients</th>{anyClicks ? <th scope="col">Clicks</th> : null}</tr></thead>
          <tbody>
            {props.editions.map((e) => (
              <tr>
                <td><a href={`/newsroom/newsletters/${e.id}`}>{e.subject}</a>{e.auto ? <span class="nr-muted"> (picks its own stories)</span> : null}</td>
                <td>{e.list.name}</td>
                <td>{statusLabels[e.status]}{e.sendAt && e.status === 'scheduled' ? ` for ${formatDateTime(e.sendAt)}` : ''}{e.sentAt ? ` ${formatDateTime(e.sentAt)}` : ''}</td>
                <td>{e.status === 'sent' ? e.recipients : ''}</td>
                {anyClicks ? <td>{props.clicks.get(e.id)?.total ?? (e.status === 'sent' ? <span class="nr-muted">not counted</span> : '')}</td> : null}
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      <h2 id="click-counts">Click counts</h2>
      <p>
        {props.clickCounts
          ? 'On. Each newsletter edition sent from now on has its links go through this site, which counts how often each link of the edition is followed and sends the reader on. Only totals per link are kept, never who clicked; mail scanners that open links count too. Alerts and correction notices are never counted.'
          : 'Off (the default). Links in newsletters point straight at their pages and nothing is counted. When on, each newsletter edition sent from then on has its links go through this site, which counts how often each link of the edition is followed (totals only, never who clicked).'}
      </p>
      {can(props.user, 'settings.manage') ? (
        <form method="post" action="/newsroom/newsletters/click-counts" class="nr-actions">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="on" value={props.clickCounts ? '0' : '1'} />
          <button type="submit" class="nr-button nr-button-secondary">{props.clickCounts ? 'Stop counting clicks' : 'Count clicks per edition'}</button>
        </form>
      ) : <p class="nr-muted">An administrator can change this.</p>}
    </NewsroomLayout>
  );
}

interface EditProps {
  user: SessionUser;
  csrf: string;
  edition: EditionView | null;
  draft: EditionDraft;
  lists: ListInfo[];
  stories: StoryCard[];
  picks: StoryCard[];
  progress: Record<string, number>;
  clicks: EditionClicks | null;
  notice?: string;
  error?: string;
}

function EditPage(props: EditProps) {
  const { edition, draft } = props;
  const editable = !edition || edition.status === 'draft' || edition.status === 'scheduled';
  const chosen = new Set(draft.storyIds);
  const offered = [...props.stories, ...props.picks.filter((p) => !props.stories.some((s) => s.id === p.id))];
  return (
    <NewsroomLayout title={edition ? `Edition: ${edition.subject}` : 'Compose a newsletter'} user={props.user} csrfToken={props.csrf} current="newsletters">
      <p><a href="/newsroom/newsletters">All newsletters</a></p>
      {props.notice ? <p class="nr-notice" role="status">{props.notice}</p> : null}
      {props.error ? <p class="nr-error" role="alert">{props.error}</p> : null}
      {edition ? (
        <p>
          {statusLabels[edition.status]}{edition.sendAt && edition.status === 'scheduled' ? ` for ${formatDateTime(edition.sendAt)} UTC` : ''}.{' '}
          {edition.status === 'sent' ? `${edition.recipients} recipients: ${Object.entries(props.progress).map(([k, n]) => `${n} ${(statusLabels[k] ?? k).toLowerCase()}`).join(', ') || 'nothing queued'}.` : null}{' '}
          <a href={`/newsroom/newsletters/${edition.id}/preview`} target="_blank">Preview as readers will see it</a>
        </p>
      ) : null}
      {edition && props.clicks ? (
        <section aria-labelledby="nl-clicks">
          <h2 id="nl-clicks">Clicks: {props.clicks.total}</h2>
          <p class="nr-hint">How often each link of this edition was followed (counted because click counts were on when it went out; totals only, mail scanners included).</p>
          <div class="nr-scroll"><table class="nr-table">
            <thead><tr><th scope="col">Link</th><th scope="col">Clicks</th></tr></thead>
            <tbody>{props.clicks.links.map((l) => <tr><td><a href={l.url}>{l.url}</a></td><td>{l.clicks}</td></tr>)}</tbody>
          </table></div>
        </section>
      ) : null}
      {edition?.auto ? (
        <p class="nr-hint">This edition picks its stories itself when it goes out: the list’s stories since the last one ({props.picks.length} now, ticked below). Tick stories yourself and save to choose them instead.</p>
      ) : null}
      <form method="post" action={edition ? `/newsroom/newsletters/${edition.id}` : '/newsroom/newsletters'} class="nr-form">
        <CsrfField token={props.csrf} />
        <div class="nr-field">
          <label for="nl-list">Send to</label>
          <select id="nl-list" name="list" disabled={!editable}>
            {props.lists.map((l) => <option value={l.key} selected={l.key === draft.listKey}>{l.name}</option>)}
          </select>
        </div>
        <div class="nr-field">
          <label for="nl-subject">Subject</label>
          <input id="nl-subject" name="subject" required maxLength={200} value={draft.subject} disabled={!editable} />
        </div>
        <div class="nr-field">
          <label for="nl-intro">Introduction</label>
          <textarea id="nl-intro" name="intro" rows={6} disabled={!editable}>{draft.intro}</textarea>
          <span class="nr-hint">Plain text; a blank line starts a new paragraph.</span>
        </div>
        <fieldset class="nr-field">
          <legend>Stories, in this order</legend>
          {offered.length === 0 ? <p class="nr-muted">No published stories yet.</p> : offered.map((s) => (
            <label class="nr-check">
              <input type="checkbox" name="stories" value={String(s.id)} checked={chosen.has(s.id) || (edition?.auto === true && draft.storyIds.length === 0 && props.picks.some((p) => p.id === s.id))} disabled={!editable} />{' '}
              {s.title} <span class="nr-muted">{s.section.name}, {formatDateTime(s.publishedAt)}</span>
            </label>
          ))}
        </fieldset>
        {editable ? (
          <div class="nr-actions">
            <button type="submit" name="action" value="save" class="nr-button">{edition ? 'Save' : 'Save draft'}</button>
            {edition ? (
              <>
                <button type="submit" name="action" value="test" class="nr-button nr-button-secondary">Save and send me a test</button>
                <button type="submit" name="action" value="send" class="nr-button nr-button-secondary">Save and send now</button>
                <label for="nl-send-at">Send at (UTC)</label>
                <input id="nl-send-at" name="send_at" type="datetime-local" value={edition.sendAt ? edition.sendAt.slice(0, 16) : ''} />
                <button type="submit" name="action" value="schedule" class="nr-button nr-button-secondary">Save and schedule</button>
                {edition.status === 'scheduled' ? <button type="submit" name="action" value="unschedule" class="nr-button-link">Take off the schedule</button> : null}
                <button type="submit" name="action" value="cancel" class="nr-button-link">Cancel this edition</button>
              </>
            ) : null}
          </div>
        ) : null}
      </form>
    </NewsroomLayout>
  );
}

function OutboxPage(props: { user: SessionUser; csrf: string; rows: OutboxRow[]; total: number; page: number; smtp: boolean }) {
  const pages = Math.max(1, Math.ceil(props.total / perPage));
  return (
    <NewsroomLayout title="Outbox" user={props.user} csrfToken={props.csrf} current="newsletters">
      <p><a href="/newsroom/newsletters">Newsletters</a></p>
      <p>{props.smtp ? 'Every message Gazette queued or sent, newest first.' : 'No SMTP server is configured (SMTP_URL): messages stay here instead of being sent. Open one to read it as the reader would.'}</p>
      {props.rows.length === 0 ? <p class="nr-muted">No messages yet.</p> : (
        <div class="nr-scroll"><table class="nr-table">
          <thead><tr><th scope="col">#</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Status</th><th scope="col">Queued</th></tr></thead>
          <tbody>
            {props.rows.map((m) => (
              <tr>
                <td>{m.id}</td>
                <td>{m.to}</td>
                <td><a href={`/newsroom/outbox/${m.id}`}>{m.subject || '(no subject)'}</a></td>
                <td>{statusLabels[m.status] ?? m.status}{m.attempts > 1 || m.lastError ? ` (${m.attempts} attempts${m.lastError ? `: ${m.lastError}` : ''})` : ''}</td>
                <td>{formatDateTime(m.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      {pages > 1 ? (
        <p class="nr-actions">
          {props.page > 1 ? <a href={`/newsroom/outbox?page=${props.page - 1}`}>Newer</a> : null}{' '}
          {props.page < pages ? <a href={`/newsroom/outbox?page=${props.page + 1}`}>Older</a> : null}
        </p>
      ) : null}
    </NewsroomLayout>
  );
}

function MessagePage(props: { user: SessionUser; csrf: string; message: { id: number; to: string; subject: string; status: string; text: string; lastError: string } }) {
  const m = props.message;
  return (
    <NewsroomLayout title={`Message #${m.id}`} user={props.user} csrfToken={props.csrf} current="newsletters">
      <p><a href="/newsroom/outbox">Outbox</a></p>
      <dl class="nr-details">
        <dt>To</dt><dd>{m.to}</dd>
        <dt>Subject</dt><dd>{m.subject}</dd>
        <dt>Status</dt><dd>{statusLabels[m.status] ?? m.status}{m.lastError ? `: ${m.lastError}` : ''}</dd>
      </dl>
      <p><a href={`/newsroom/outbox/${m.id}/html`} target="_blank">Open the HTML version as the reader sees it</a></p>
      <h2>Plain-text version</h2>
      <pre class="nr-code" style="white-space: pre-wrap">{m.text}</pre>
    </NewsroomLayout>
  );
}

/** Email HTML carries inline styles: served alone, sandboxed, with a policy that allows them and nothing that runs. */
function sendMailHtml(reply: FastifyReply, html: string): FastifyReply {
  reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; sandbox allow-popups allow-popups-to-escape-sandbox");
  reply.header('cache-control', 'private, no-store');
  return reply.type('text/html; charset=utf-8').send(html);
}

export function newsroomNewsletterRoutes(ctx: AppContext) {
  const db = ctx.store.db;

  async function editionFor(raw: string): Promise<EditionView> {
    if (!isId(raw)) throw notFound('That edition');
    const edition = await findEdition(db, Number(raw));
    if (edition.kind !== 'newsletter') throw notFound('That edition');
    return edition;
  }

  async function editPage(reply: FastifyReply, user: SessionUser, csrf: string, edition: EditionView | null, extra: Partial<EditProps> = {}, status = 200) {
    const [lists, stories, picks, progress] = await Promise.all([
      standardLists(db), recentStories(db),
      edition?.auto ? autoPicks(db, edition.list.key, edition.sendAt ?? new Date().toISOString()) : Promise.resolve([]),
      edition ? editionProgress(db, edition.id) : Promise.resolve({}),
    ]);
    const clicks = edition ? (await editionClicks(db, [edition.id])).get(edition.id) ?? null : null;
    const draft = extra.draft ?? (edition
      ? { listKey: edition.list.key, subject: edition.subject, intro: edition.intro, storyIds: edition.storyIds }
      : { listKey: 'daily', subject: '', intro: '', storyIds: [] });
    return sendNewsroomPage(reply, <EditPage user={user} csrf={csrf} edition={edition} lists={lists} stories={stories} picks={picks} progress={progress} clicks={clicks} {...extra} draft={draft} />, status);
  }

  function draftOf(body: Record<string, unknown>, edition: EditionView | null): EditionDraft {
    return {
      listKey: formText(body.list) || edition?.list.key || 'daily',
      subject: formText(body.subject),
      intro: formText(body.intro).replace(/\r\n/g, '\n'),
      storyIds: formList(body.stories).filter(isId).map(Number),
    };
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { done?: string } }>('/newsroom/newsletters', async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'newsletter.send');
      const [{ rows }, counts, clickCounts] = await Promise.all([listEditions(db, { limit: 50, offset: 0 }), countSubscribers(db), clickCountsOn(db)]);
      const [names, clicks] = await Promise.all([describeLists(db, counts.map((c) => c.list)), editionClicks(db, rows.map((e) => e.id))]);
      const notice = request.query.done === 'clicks-on' ? 'Click counts are on for editions sent from now on.' : request.query.done === 'clicks-off' ? 'Click counts are off: editions sent from now on link straight to their pages.' : undefined;
      return sendNewsroomPage(reply, <OverviewPage user={user} csrf={request.csrfToken ?? ''} editions={rows} counts={counts} names={names} smtp={ctx.config.smtpUrl !== null} clickCounts={clickCounts} clicks={clicks} notice={notice} />);
    });

    app.post<{ Body: Record<string, unknown> }>('/newsroom/newsletters/click-counts', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      authorize(user, 'settings.manage');
      const on = formText(request.body?.on);
      if (on !== '1' && on !== '0') throw new HttpError(400, 'Say whether to count clicks: on=1 or on=0.');
      await setClickCounts(ctx, user, on === '1');
      return reply.redirect(`/newsroom/newsletters?done=clicks-${on === '1' ? 'on' : 'off'}#click-counts`, 303);
    });

    app.get('/newsroom/newsletters/new', async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'newsletter.send');
      return editPage(reply, user, request.csrfToken ?? '', null);
    });

    app.post<{ Body: Record<string, unknown> }>('/newsroom/newsletters', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      const draft = draftOf(request.body ?? {}, null);
      try {
        const id = await saveEdition(ctx, user, null, draft);
        return reply.redirect(`/newsroom/newsletters/${id}?done=saved`, 303);
      } catch (error) {
        if (error instanceof CommandError && error.kind === 'invalid') return editPage(reply, user, request.csrfToken ?? '', null, { draft, error: error.message }, 422);
        throw error;
      }
    });

    app.get<{ Params: { id: string }; Querystring: { done?: string; test?: string } }>('/newsroom/newsletters/:id', async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'newsletter.send');
      const edition = await editionFor(request.params.id);
      const notice = request.query.done === 'test' ? `A test was sent to ${user.email}.` : notices[request.query.done ?? ''];
      return editPage(reply, user, request.csrfToken ?? '', edition, { notice });
    });

    app.post<{ Params: { id: string }; Body: Record<string, unknown> }>('/newsroom/newsletters/:id', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      authorize(user, 'newsletter.send');
      const edition = await editionFor(request.params.id);
      const body = request.body ?? {};
      const action = formText(body.action) || 'save';
      const draft = draftOf(body, edition);
      try {
        if (action !== 'cancel' && action !== 'unschedule') await saveEdition(ctx, user, edition.id, draft);
        if (action === 'test') await sendTestEdition(ctx, user, edition.id);
        else if (action === 'send' || action === 'cancel' || action === 'unschedule') await moveEdition(ctx, user, edition.id, action);
        else if (action === 'schedule') {
          const raw = formText(body.send_at);
          const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(raw) ? new Date(`${raw}:00Z`).toISOString() : null;
          await moveEdition(ctx, user, edition.id, 'schedule', at);
        } else if (action !== 'save') return await editPage(reply, user, request.csrfToken ?? '', edition, { draft, error: `Unknown action “${action.slice(0, 40)}”.` }, 400);
        return reply.redirect(`/newsroom/newsletters/${edition.id}?done=${action}`, 303);
      } catch (error) {
        if (error instanceof CommandError && (error.kind === 'invalid' || error.kind === 'conflict')) {
          return editPage(reply, user, request.csrfToken ?? '', await findEdition(db, edition.id), { draft, error: error.message }, error.kind === 'invalid' ? 422 : 409);
        }
        throw error;
      }
    });

    app.get<{ Params: { id: string } }>('/newsroom/newsletters/:id/preview', async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'newsletter.send');
      const edition = await editionFor(request.params.id);
      const { mail } = await renderEdition(ctx, db, edition);
      const sample = `${ctx.config.siteUrl}/newsletters`;
      return sendMailHtml(reply, personalise(mail.html, { preferences: sample, unsubscribe: sample }, true));
    });

    app.get<{ Querystring: { page?: string } }>('/newsroom/outbox', async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'newsletter.send');
      const page = parsePage(request.query.page);
      const { rows, total } = await listOutbox(db, { limit: perPage, offset: (page - 1) * perPage });
      return sendNewsroomPage(reply, <OutboxPage user={user} csrf={request.csrfToken ?? ''} rows={rows} total={total} page={page} smtp={ctx.config.smtpUrl !== null} />);
    });

    async function outboxMessage(raw: string) {
      if (!isId(raw)) throw notFound('That message');
      const row = await db.selectFrom('mail_outbox').leftJoin('editions', 'editions.id', 'mail_outbox.edition_id')
        .select(['mail_outbox.id', 'mail_outbox.to_address', 'mail_outbox.subject', 'mail_outbox.html', 'mail_outbox.text_body', 'mail_outbox.status', 'mail_outbox.last_error',
          'editions.subject as edition_subject', 'editions.html as edition_html', 'editions.text_body as edition_text'])
        .where('mail_outbox.id', '=', Number(raw)).executeTakeFirst();
      if (!row) throw notFound('That message');
      // Edition messages are stored once per edition; the reader's own links are shown as the site's newsletter page.
      const sample = `${ctx.config.siteUrl}/newsletters`;
      const links = { preferences: sample, unsubscribe: sample };
      return {
        id: row.id, to: row.to_address, subject: row.subject || row.edition_subject || '', status: row.status, lastError: row.last_error,
        html: personalise(row.html || row.edition_html || '', links, true), text: personalise(row.text_body || row.edition_text || '', links, false),
      };
    }

    app.get<{ Params: { id: string } }>('/newsroom/outbox/:id', async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'newsletter.send');
      return sendNewsroomPage(reply, <MessagePage user={user} csrf={request.csrfToken ?? ''} message={await outboxMessage(request.params.id)} />);
    });

    app.get<{ Params: { id: string } }>('/newsroom/outbox/:id/html', async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'newsletter.send');
      return sendMailHtml(reply, (await outboxMessage(request.params.id)).html);
    });
  };
}
