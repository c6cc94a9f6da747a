/** Refusals and other 4xx answers inside the newsroom, shown in the newsroom frame so a signed-in person keeps their navigation. */
import type { FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { HttpError } from '../http/errors.js';
import { wantsJson } from '../http/request-input.js';
import { NewsroomLayout } from './views/layout.js';

const titles: Record<number, string> = {
  400: 'That request did not make sense',
  403: 'Not allowed',
  404: 'Not found',
  409: 'That could not be done',
  410: 'Gone',
  413: 'Too large',
  415: 'Unsupported file',
  422: 'Please check what you entered',
  429: 'Slow down',
};

/** The page for an error on a newsroom HTML request by a signed-in user; null when the site's own error page fits better. */
export function newsroomErrorPage(request: FastifyRequest, error: HttpError): VNode | null {
  if (!request.user || !request.url.startsWith('/newsroom') || wantsJson(request) || error.status < 400 || error.status >= 500) return null;
  return (
    <NewsroomLayout title={titles[error.status] ?? 'Something was not right'} user={request.user} csrfToken={request.csrfToken ?? ''}>
      <p class="nr-error" role="alert">{error.message}</p>
      <p>
        <a href="/newsroom">Back to the dashboard</a>
      </p>
    </NewsroomLayout>
  );
}
