/**
 * The reader's side of newsletters, all without JavaScript: /newsletters (subscribe), the confirmation, preferences and
 * unsubscribe links from the mail (each a page with a button, so a mail scanner opening a link changes nothing; the
 * RFC 8058 one-click POST works directly), the data download and erasure, the counted links of editions sent while the
 * site counts clicks, and the public /corrections page and feed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Feed } from 'feed';
import type { AppContext } from '../context.js';
import { listCorrections } from '../content/corrections.js';
import { loadSettings } from '../content/settings.js';
import { CommandError } from '../errors.js';
import { fromCommandError, HttpError } from '../http/errors.js';
import { formList, formText } from '../http/form-values.js';
import { parsePage, wantsJson } from '../http/request-input.js';
import { followCountedLink } from '../newsletters/clicks.js';
import { checkSubscribeToken, subscribeFormToken } from '../newsletters/form.js';
import { linkQuery, parseLinkClaim, signLink, type LinkClaim } from '../newsletters/links.js';
import { standardLists } from '../newsletters/lists.js';
import {
  confirmSubscription, eraseSubscriber, exportSubscriber, requestSubscription, subscriberByLink, unsubscribe, updatePreferences, viewSubscriber,
} from '../newsletters/subscribers.js';
import { sendPage } from './page.js';
import { ActionPage, CorrectionsPage, MessagePage, PreferencesPage, SubscribePage, type SubscribeFormState } from './views/newsletters.js';

const correctionsPerPage = 30;

const preferenceNotices: Record<string, string> = {
  confirmed: 'Thank you: your subscription is confirmed. You can change it here at any time, from the link in every email.',
  saved: 'Your choices are saved.',
};

/** The link's fields from the query string (GET, one-click POST) or the form (the pages' buttons). */
function claimOf(request: FastifyRequest): LinkClaim | null {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
  return parseLinkClaim(query.s !== undefined ? query : body);
}

function linkFields(claim: LinkClaim): Record<string, string> {
  return { s: String(claim.subscriberId), t: claim.token, ...(claim.expires ? { e: claim.expires } : {}), ...(claim.list ? { l: claim.list } : {}) };
}

export function newsletterRoutes(ctx: AppContext) {
  async function subscribePage(reply: FastifyReply, state: SubscribeFormState, status = 200) {
    const [lists, settings] = await Promise.all([standardLists(ctx.store.read), loadSettings(ctx.store.read)]);
    return sendPage(ctx, reply, {
      status,
      cache: 'private',
      meta: { title: `Newsletters – ${settings.title}`, description: `${settings.title} by email: the daily briefing, the weekly digest and each section.`, path: '/newsletters' },
      body: () => <SubscribePage lists={lists} state={state} formToken={subscribeFormToken(ctx.secret)} siteTitle={settings.title} />,
    });
  }

  function message(reply: FastifyReply, path: string, props: { kicker: string; title: string; text: string; tone?: 'ok' | 'error' }, status = 200) {
    return sendPage(ctx, reply, {
      status,
      cache: 'private',
      meta: { title: props.title, description: props.text, path, noindex: true },
      body: () => <MessagePage kicker={props.kicker} title={props.title} tone={props.tone}><p>{props.text}</p></MessagePage>,
    });
  }

  async function preferencesPage(reply: FastifyReply, claim: LinkClaim, notice: string | null, status = 200, error?: string) {
    const subscriber = await subscriberByLink(ctx, 'preferences', claim);
    const [view, lists] = await Promise.all([viewSubscriber(ctx, subscriber.id), standardLists(ctx.store.db)]);
    const unsubscribeLink = signLink(ctx.secret, 'unsubscribe', subscriber.id, subscriber.token_version);
    return sendPage(ctx, reply, {
      status,
      cache: 'private',
      meta: { title: 'Your email preferences', description: 'Change your newsletters, pause them, or leave.', path: '/newsletters/preferences', noindex: true },
      body: () => <PreferencesPage subscriber={view} lists={lists} link={linkFields(claim)} unsubscribeLink={{ ...unsubscribeLink }} notice={notice} error={error} />,
    });
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { list?: string } }>('/newsletters', async (request, reply) => {
      const list = typeof request.query.list === 'string' ? request.query.list.slice(0, 120) : '';
      return subscribePage(reply, { email: '', lists: list ? [list] : ['daily'], errors: {} });
    });

    app.post<{ Body: Record<string, unknown> }>(
      '/newsletters/subscribe',
      { config: { rateLimit: { max: ctx.config.mail.subscribeRateLimit, timeWindow: '10 minutes' } } },
      async (request, reply) => {
        const body = request.body ?? {};
        const state: SubscribeFormState = { email: formText(body.email), lists: formList(body.lists), errors: {} };
        const honeypot = formText(body.website);
        const token = checkSubscribeToken(ctx.secret, formText(body.form_token));
        try {
          if (!token.ok && honeypot === '') throw new HttpError(400, token.reason, 'bad_form', { form: token.reason });
          const outcome = await requestSubscription(ctx, { email: state.email, lists: state.lists, honeypot });
          if (outcome === 'dropped') request.log.info({ reason: 'honeypot' }, 'newsletter request dropped as spam');
          if (wantsJson(request)) return reply.code(202).send({ message: 'If the address is right, a confirmation email is on its way.' });
          return reply.redirect('/newsletters/check-email', 303);
        } catch (caught) {
          const error = fromCommandError(caught);
          if (!(error instanceof HttpError) || wantsJson(request)) throw error;
          return subscribePage(reply, { ...state, errors: Object.keys(error.details).length ? error.details : { form: error.message } }, error.status);
        }
      },
    );

    app.get('/newsletters/check-email', async (_request, reply) =>
      message(reply, '/newsletters/check-email', {
        kicker: 'Newsletters',
        title: 'Check your email',
        text: 'If the address is right, an email with a confirmation link is on its way. Nothing is sent to you before you use it; the link works for 48 hours. Nothing there? Look in your spam folder, or try again later.',
        tone: 'ok',
      }));

    app.get('/newsletters/confirm', async (request, reply) => {
      const claim = claimOf(request);
      await subscriberByLink(ctx, 'confirm', claim);
      return sendPage(ctx, reply, {
        cache: 'private',
        meta: { title: 'Confirm your subscription', description: 'One click to confirm.', path: '/newsletters/confirm', noindex: true },
        body: () => <ActionPage kicker="Newsletters" title="Confirm your subscription" text="Press the button to start receiving the newsletters you chose." action="/newsletters/confirm" hidden={linkFields(claim!)} button="Confirm my subscription" />,
      });
    });

    app.post<{ Body: Record<string, unknown> }>('/newsletters/confirm', async (request, reply) => {
      const { subscriberId } = await confirmSubscription(ctx, claimOf(request));
      const subscriber = await ctx.store.db.selectFrom('subscribers').select('token_version').where('id', '=', subscriberId).executeTakeFirstOrThrow();
      return reply.redirect(`/newsletters/preferences?${linkQuery(signLink(ctx.secret, 'preferences', subscriberId, subscriber.token_version))}&done=confirmed`, 303);
    });

    app.get<{ Querystring: { done?: string } }>('/newsletters/preferences', async (request, reply) => {
      const claim = claimOf(request);
      if (!claim) await subscriberByLink(ctx, 'preferences', null);
      return preferencesPage(reply, claim!, preferenceNotices[request.query.done ?? ''] ?? null);
    });

    app.post<{ Body: Record<string, unknown> }>('/newsletters/preferences', async (request, reply) => {
      const claim = claimOf(request);
      try {
        await updatePreferences(ctx, claim, { lists: formList(request.body?.lists), paused: formText(request.body?.paused) === '1' });
      } catch (error) {
        if (error instanceof CommandError && error.kind === 'invalid' && claim) return preferencesPage(reply, claim, null, 422, error.message);
        throw error;
      }
      return reply.redirect(`/newsletters/preferences?${new URLSearchParams(linkFields(claim!)).toString()}&done=saved`, 303);
    });

    app.get('/newsletters/preferences/export', async (request, reply) => {
      const data = await exportSubscriber(ctx, claimOf(request));
      reply.header('cache-control', 'no-store').header('content-disposition', 'attachment; filename="newsletter-data.json"');
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(data, null, 2));
    });

    app.post<{ Body: Record<string, unknown> }>('/newsletters/preferences/delete', async (request, reply) => {
      await eraseSubscriber(ctx, claimOf(request));
      return message(reply, '/newsletters/preferences/delete', {
        kicker: 'Newsletters', title: 'Everything about this address is deleted', text: 'We removed the address, its newsletters and every record of the emails we sent to it. You will receive nothing more from us.', tone: 'ok',
      });
    });

    app.get('/newsletters/unsubscribe', async (request, reply) => {
      const claim = claimOf(request);
      await subscriberByLink(ctx, 'unsubscribe', claim);
      return sendPage(ctx, reply, {
        cache: 'private',
        meta: { title: 'Unsubscribe', description: 'Stop these emails.', path: '/newsletters/unsubscribe', noindex: true },
        body: () => <ActionPage kicker="Newsletters" title="Unsubscribe" text={claim!.list ? 'Press the button and you will receive no more emails from this list.' : 'Press the button and you will receive no more emails from us.'} action="/newsletters/unsubscribe" hidden={linkFields(claim!)} button="Unsubscribe" />,
      });
    });

    // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" to the address in List-Unsubscribe; the page's button posts the same link.
    app.post<{ Body: Record<string, unknown> }>('/newsletters/unsubscribe', async (request, reply) => {
      const { list, remaining } = await unsubscribe(ctx, claimOf(request));
      if (wantsJson(request)) return { unsubscribed: list?.key ?? 'all', remaining };
      return message(reply, '/newsletters/unsubscribe', {
        kicker: 'Newsletters',
        title: 'You are unsubscribed',
        text: list
          ? `You will receive no more emails from ${list.name}.${remaining ? ` You still receive ${remaining} other newsletter${remaining === 1 ? '' : 's'}; the link at the bottom of each changes them.` : ''}`
          : 'You will receive no more emails from us.',
        tone: 'ok',
      });
    });

    // A counted link from an edition sent while the site counts clicks (newsletters/clicks.ts). HEAD (link
    // checkers) redirects without counting.
    app.get<{ Params: { edition: string; position: string; signature: string } }>('/newsletters/c/:edition/:position/:signature', async (request, reply) => {
      const { edition, position, signature } = request.params;
      if (!/^[1-9]\d{0,9}$/.test(edition) || !/^[1-9]\d{0,5}$/.test(position) || !/^[A-Za-z0-9_-]{16}$/.test(signature)) {
        throw new HttpError(404, 'That link could not be found; it may have been copied only in part.');
      }
      const url = await followCountedLink(ctx, Number(edition), Number(position), signature, request.method === 'GET');
      return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(url, 302);
    });

    app.get<{ Querystring: { page?: string } }>('/corrections', async (request, reply) => {
      const page = parsePage(request.query.page);
      const { entries, total } = await listCorrections(ctx.store.read, { limit: correctionsPerPage, offset: (page - 1) * correctionsPerPage });
      const pages = Math.max(1, Math.ceil(total / correctionsPerPage));
      if (page > pages) throw new HttpError(404, 'There are not that many pages of corrections.');
      return sendPage(ctx, reply, {
        meta: { title: 'Corrections', description: 'Every correction to a published story, newest first.', path: page > 1 ? `/corrections?page=${page}` : '/corrections', feed: { title: 'Corrections', base: '/corrections/feed' } },
        body: () => <CorrectionsPage entries={entries} page={page} pages={pages} total={total} />,
      });
    });

    app.get('/corrections/feed.atom', async (_request, reply) => {
      const [{ entries }, settings] = await Promise.all([listCorrections(ctx.store.read, { limit: 50 }), loadSettings(ctx.store.read)]);
      const site = ctx.config.siteUrl;
      const feed = new Feed({
        id: `${site}/corrections`, title: `Corrections – ${settings.title}`, description: 'Every correction to a published story.', link: `${site}/corrections`,
        language: settings.language, updated: entries[0] ? new Date(entries[0].createdAt) : undefined, generator: 'Gazette', copyright: `© ${settings.title}`,
        feedLinks: { atom: `${site}/corrections/feed.atom` },
      });
      for (const c of entries) {
        feed.addItem({ id: `${site}/corrections#correction-${c.id}`, title: `Correction: ${c.story.title}`, link: `${site}${c.story.url}`, date: new Date(c.createdAt), description: c.text, content: c.text });
      }
      reply.header('cache-control', 'public, max-age=60');
      return reply.type('application/atom+xml; charset=utf-8').send(feed.atom1());
    });
  };
}
