/** Webhooks (/newsroom/webhooks): add endpoints (signing secret shown once), remove them, send a test, and read each one's delivery log. Admins only. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { requireUser, verifyCsrf, type SessionUser } from '../http/session.js';
import { authorize } from '../accounts/policies.js';
import type { AppContext } from '../context.js';
import { CommandError } from '../errors.js';
import { HttpError, notFound } from '../http/errors.js';
import { addWebhookEndpoint, removeWebhookEndpoint, retryWebhookDelivery } from '../webhooks/commands.js';
import { formatDateTime } from '../site/views/format.js';
import { announce, webhookWorker } from '../webhooks/dispatch.js';
import {
  findWebhook, listDeliveries, listWebhooks, webhookEvents, type DeliveryView, type WebhookView,
} from '../webhooks/store.js';
import { isId } from '../http/request-input.js';
import { sendNewsroomPage } from './page.js';
import { CsrfField, NewsroomLayout } from './views/layout.js';
import { formList as asList, formText as text } from '../http/form-values.js';

const doneMessages: Record<string, string> = {
  removed: 'The endpoint was removed; it receives nothing more.',
  ping: 'A test delivery ("ping") was queued; it appears in the log below.',
  retry: 'The delivery was queued to be sent again.',
};

interface ListProps {
  user: SessionUser;
  csrf: string;
  hooks: WebhookView[];
  created?: { url: string; secret: string };
  notice?: string;
  error?: string;
  form?: { url: string; events: string[]; description: string };
}

function WebhooksPage(props: ListProps) {
  const { user, csrf } = props;
  const chosen = props.form?.events ?? Object.keys(webhookEvents);
  return (
    <NewsroomLayout title="Webhooks" user={user} csrfToken={csrf} current="webhooks">
      <p>
        Gazette POSTs a JSON message to each endpoint when something it subscribed to happens. Every message carries{' '}
        <code>X-Gazette-Signature: sha256=…</code>, the HMAC-SHA256 of <code>{'<X-Gazette-Timestamp>.<body>'}</code> with the endpoint's secret.
        Failed deliveries are retried with growing pauses. See <a href="/api/v1/docs">the API reference</a>.
      </p>
      {props.notice ? <p class="nr-notice" role="status">{props.notice}</p> : null}
      {props.error ? <p class="nr-error" role="alert">{props.error}</p> : null}
      {props.created ? (
        <div class="nr-notice" role="status">
          <p><strong>Copy the signing secret for {props.created.url} now.</strong> It is shown only this once.</p>
          <code class="nr-code" id="new-secret">{props.created.secret}</code>
        </div>
      ) : null}

      <h2>Add an endpoint</h2>
      <form method="post" action="/newsroom/webhooks" class="nr-form">
        <CsrfField token={csrf} />
        <div class="nr-field">
          <label for="hook-url">Address</label>
          <input id="hook-url" name="url" type="url" required maxLength={2000} placeholder="https://example.com/hooks/gazette" value={props.form?.url ?? ''} />
        </div>
        <div class="nr-field">
          <label for="hook-description">Note</label>
          <input id="hook-description" name="description" maxLength={200} value={props.form?.description ?? ''} />
          <span class="nr-hint">Optional: who runs it, what it is for.</span>
        </div>
        <fieldset class="nr-field">
          <legend>Send these events</legend>
          {Object.entries(webhookEvents).map(([event, about]) => (
            <label class="nr-check">
              <input type="checkbox" name="events" value={event} checked={chosen.includes(event)} /> <code>{event}</code> {about}
            </label>
          ))}
        </fieldset>
        <div class="nr-actions">
          <button type="submit" class="nr-button">Add endpoint</button>
        </div>
      </form>

      <h2>Endpoints</h2>
      {props.hooks.length === 0 ? (
        <p class="nr-muted">No endpoints yet.</p>
      ) : (
        <table class="nr-table">
          <thead>
            <tr><th scope="col">Address</th><th scope="col">Events</th><th scope="col">Deliveries</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {props.hooks.map((hook) => (
              <tr>
                <td>
                  <a href={`/newsroom/webhooks/${hook.id}`}>{hook.url}</a>
                  {hook.description ? <span class="nr-muted"> {hook.description}</span> : null}
                </td>
                <td>{hook.events.join(', ')}</td>
                <td>{hook.delivered} delivered, {hook.pending} waiting, {hook.failed} failed</td>
                <td class="nr-actions">
                  <form method="post" action={`/newsroom/webhooks/${hook.id}/delete`}>
                    <CsrfField token={csrf} />
                    <button type="submit" class="nr-button-link">Remove {hook.url}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </NewsroomLayout>
  );
}

function DeliveryLog(props: { user: SessionUser; csrf: string; hook: WebhookView; deliveries: DeliveryView[]; notice?: string }) {
  const { user, csrf, hook } = props;
  return (
    <NewsroomLayout title={`Deliveries to ${hook.url}`} user={user} csrfToken={csrf} current="webhooks">
      <p><a href="/newsroom/webhooks">All webhooks</a></p>
      {props.notice ? <p class="nr-notice" role="status">{props.notice}</p> : null}
      <p>Events: {hook.events.join(', ')}. {hook.delivered} delivered, {hook.pending} waiting, {hook.failed} failed.</p>
      <form method="post" action={`/newsroom/webhooks/${hook.id}/ping`} class="nr-inline-form">
        <CsrfField token={csrf} />
        <button type="submit" class="nr-button nr-button-secondary">Send a test delivery</button>
      </form>
      <h2>Latest deliveries</h2>
      {props.deliveries.length === 0 ? (
        <p class="nr-muted">Nothing has been sent to this endpoint yet.</p>
      ) : (
        <table class="nr-table">
          <thead>
            <tr>
              <th scope="col">#</th><th scope="col">Event</th><th scope="col">Queued</th><th scope="col">Status</th>
              <th scope="col">Attempts</th><th scope="col">Last answer</th><th scope="col"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {props.deliveries.map((d) => (
              <tr>
                <td>{d.id}</td>
                <td><code>{d.event}</code></td>
                <td>{formatDateTime(d.createdAt)}</td>
                <td>
                  {d.status === 'delivered' && d.deliveredAt ? `Delivered ${formatDateTime(d.deliveredAt)}`
                    : d.status === 'pending' ? (d.attempts ? `Retrying ${formatDateTime(d.nextAttemptAt)}` : 'Sending')
                      : 'Failed: gave up'}
                </td>
                <td>{d.attempts}</td>
                <td>{d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : ''} {d.lastError}</td>
                <td>
                  {d.status === 'failed' ? (
                    <form method="post" action={`/newsroom/webhooks/${hook.id}/deliveries/${d.id}/retry`}>
                      <CsrfField token={csrf} />
                      <button type="submit" class="nr-button-link">Send #{d.id} again</button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </NewsroomLayout>
  );
}

export function webhookRoutes(ctx: AppContext) {
  const db = ctx.store.db;

  async function renderList(reply: FastifyReply, user: SessionUser, csrf: string, extra: Partial<ListProps> = {}, status = 200) {
    return sendNewsroomPage(reply, <WebhooksPage user={user} csrf={csrf} hooks={await listWebhooks(db)} {...extra} />, status);
  }

  async function hookFor(rawId: string): Promise<WebhookView> {
    const hook = isId(rawId) ? await findWebhook(db, Number(rawId)) : null;
    if (!hook) throw notFound('That webhook');
    return hook;
  }

  return async function webhooks(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { done?: string } }>('/newsroom/webhooks', async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'webhook.manage');
      return renderList(reply, user, request.csrfToken ?? '', { notice: doneMessages[request.query.done ?? ''] });
    });

    app.post<{ Body: Record<string, unknown> }>('/newsroom/webhooks', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      authorize(user, 'webhook.manage');
      const form = { url: text(request.body?.url), events: asList(request.body?.events), description: text(request.body?.description) };
      try {
        const { secret } = await addWebhookEndpoint(ctx, user, form);
        return await renderList(reply, user, request.csrfToken ?? '', { created: { url: form.url.trim(), secret } }, 201);
      } catch (error) {
        if (error instanceof CommandError && error.kind === 'invalid') return renderList(reply, user, request.csrfToken ?? '', { error: error.message, form }, 422);
        throw error;
      }
    });

    app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/newsroom/webhooks/:id', async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'webhook.manage');
      const hook = await hookFor(request.params.id);
      const deliveries = await listDeliveries(db, hook.id);
      return sendNewsroomPage(reply, <DeliveryLog user={user} csrf={request.csrfToken ?? ''} hook={hook} deliveries={deliveries} notice={doneMessages[request.query.done ?? '']} />);
    });

    app.post<{ Params: { id: string } }>('/newsroom/webhooks/:id/delete', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      authorize(user, 'webhook.manage');
      const hook = await hookFor(request.params.id);
      await removeWebhookEndpoint(ctx, user, hook.id);
      return reply.redirect('/newsroom/webhooks?done=removed', 303);
    });

    app.post<{ Params: { id: string } }>('/newsroom/webhooks/:id/ping', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      authorize(user, 'webhook.manage');
      const hook = await hookFor(request.params.id);
      const worker = webhookWorker(ctx);
      if (!worker) throw new HttpError(503, 'Webhook delivery is not running in this process.');
      await announce(ctx, worker, 'ping', { message: 'A test delivery from the Gazette newsroom.', by: user.name }, hook.id);
      return reply.redirect(`/newsroom/webhooks/${hook.id}?done=ping`, 303);
    });

    app.post<{ Params: { id: string; delivery: string } }>('/newsroom/webhooks/:id/deliveries/:delivery/retry', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      authorize(user, 'webhook.manage');
      const hook = await hookFor(request.params.id);
      if (!isId(request.params.delivery)) throw new HttpError(409, 'Only a delivery that failed can be sent again.', 'conflict');
      await retryWebhookDelivery(ctx, user, hook.id, Number(request.params.delivery));
      webhookWorker(ctx)?.kick();
      return reply.redirect(`/newsroom/webhooks/${hook.id}?done=retry`, 303);
    });
  };
}
