/** API tokens (/newsroom/tokens): make a scoped token (its secret shown once), see when tokens were last used, revoke them. Admins see everyone's. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { requireUser, verifyCsrf, type SessionUser } from '../http/session.js';
import { authorize, can } from '../accounts/policies.js';
import { apiScopes, issueApiToken, listApiTokens, revokeApiToken, type ApiTokenView } from '../accounts/tokens.js';
import type { AppContext } from '../context.js';
import { CommandError } from '../errors.js';
import { notFound } from '../http/errors.js';
import { formatDateTime } from '../site/views/format.js';
import { isId } from '../http/request-input.js';
import { sendNewsroomPage } from './page.js';
import { CsrfField, NewsroomLayout } from './views/layout.js';
import { formList as asList } from '../http/form-values.js';

interface TokensPageProps {
  user: SessionUser;
  csrf: string;
  tokens: ApiTokenView[];
  showOwner: boolean;
  created?: { name: string; token: string };
  notice?: string;
  error?: string;
  form?: { name: string; scopes: string[] };
}

function TokensPage(props: TokensPageProps) {
  const { user, csrf } = props;
  const chosen = props.form?.scopes ?? [];
  return (
    <NewsroomLayout title="API tokens" user={user} csrfToken={csrf} current="tokens">
      <p>
        Programs use a token to write through the <a href="/api/v1/docs">Gazette API</a>. A token acts as the person who made it,
        with that person's role, and only for the scopes chosen here.
      </p>
      {props.notice ? <p class="nr-notice" role="status">{props.notice}</p> : null}
      {props.error ? <p class="nr-error" role="alert">{props.error}</p> : null}
      {props.created ? (
        <div class="nr-notice" role="status">
          <p>
            <strong>Copy the token “{props.created.name}” now.</strong> It is shown only this once; Gazette keeps only a fingerprint of it.
            Send it as <code>Authorization: Bearer …</code>.
          </p>
          <code class="nr-code" id="new-token">{props.created.token}</code>
        </div>
      ) : null}

      <h2>Make a token</h2>
      <form method="post" action="/newsroom/tokens" class="nr-form">
        <CsrfField token={csrf} />
        <div class="nr-field">
          <label for="token-name">Name</label>
          <input id="token-name" name="name" required maxLength={80} value={props.form?.name ?? ''} />
          <span class="nr-hint">Where it is used, e.g. “Wire importer”.</span>
        </div>
        <fieldset class="nr-field">
          <legend>It may</legend>
          {Object.entries(apiScopes).map(([scope, label]) => (
            <label class="nr-check">
              <input type="checkbox" name="scopes" value={scope} checked={chosen.includes(scope)} /> {label} <code>{scope}</code>
            </label>
          ))}
        </fieldset>
        <div class="nr-actions">
          <button type="submit" class="nr-button">Make token</button>
        </div>
      </form>

      <h2>{props.showOwner ? 'All tokens' : 'Your tokens'}</h2>
      {props.tokens.length === 0 ? (
        <p class="nr-muted">No tokens yet.</p>
      ) : (
        <table class="nr-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              {props.showOwner ? <th scope="col">Owner</th> : null}
              <th scope="col">Scopes</th>
              <th scope="col">Made</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((token) => (
              <tr class={token.revokedAt ? 'nr-disabled' : undefined}>
                <td>
                  {token.name} <code>{token.prefix}…</code>
                </td>
                {props.showOwner ? <td>{token.userName}</td> : null}
                <td>{token.scopes.join(', ')}</td>
                <td>{formatDateTime(token.createdAt)}</td>
                <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
                <td>
                  {token.revokedAt ? (
                    `Revoked ${formatDateTime(token.revokedAt)}`
                  ) : (
                    <form method="post" action={`/newsroom/tokens/${token.id}/revoke`}>
                      <CsrfField token={csrf} />
                      <button type="submit" class="nr-button-link">Revoke “{token.name}”</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </NewsroomLayout>
  );
}

export function tokenRoutes(ctx: AppContext) {
  const db = ctx.store.db;

  async function render(reply: FastifyReply, user: SessionUser, csrf: string, extra: Partial<TokensPageProps> = {}, status = 200) {
    const showOwner = can(user, 'token.manage');
    const tokens = await listApiTokens(db, showOwner ? null : user.id);
    return sendNewsroomPage(reply, <TokensPage user={user} csrf={csrf} tokens={tokens} showOwner={showOwner} {...extra} />, status);
  }

  return async function tokens(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { done?: string } }>('/newsroom/tokens', async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'token.own');
      return render(reply, user, request.csrfToken ?? '', { notice: request.query.done === 'revoked' ? 'The token was revoked; programs using it are refused from now on.' : undefined });
    });

    app.post<{ Body: Record<string, unknown> }>('/newsroom/tokens', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      authorize(user, 'token.own');
      const name = typeof request.body?.name === 'string' ? request.body.name : '';
      const scopes = asList(request.body?.scopes);
      try {
        const { token } = await issueApiToken(ctx, user, { name, scopes });
        return await render(reply, user, request.csrfToken ?? '', { created: { name: name.trim(), token } }, 201);
      } catch (error) {
        if (error instanceof CommandError && error.kind === 'invalid') {
          return render(reply, user, request.csrfToken ?? '', { error: error.message, form: { name, scopes } }, 422);
        }
        throw error;
      }
    });

    app.post<{ Params: { id: string } }>('/newsroom/tokens/:id/revoke', async (request, reply) => {
      verifyCsrf(request);
      const user = requireUser(request);
      if (!isId(request.params.id)) throw notFound('That token');
      await revokeApiToken(ctx, user, Number(request.params.id));
      return reply.redirect('/newsroom/tokens?done=revoked', 303);
    });
  };
}
