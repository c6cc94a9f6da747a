/** One HTTP error type, thrown anywhere and turned into a page or JSON in one place (app.ts). */

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Stable machine-readable code for API clients. */
    readonly code: string = codeFor(status),
    /** Field-level problems, for forms and API clients. */
    readonly details: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

function codeFor(status: number): string {
  switch (status) {
    case 400: return 'bad_request';
    case 401: return 'unauthenticated';
    case 403: return 'forbidden';
    case 404: return 'not_found';
    case 405: return 'method_not_allowed';
    case 409: return 'conflict';
    case 413: return 'payload_too_large';
    case 415: return 'unsupported_media_type';
    case 422: return 'invalid';
    case 429: return 'rate_limited';
    default: return status >= 500 ? 'server_error' : 'error';
  }
}

export const notFound = (what = 'That page'): HttpError => new HttpError(404, `${what} could not be found.`);
export const badRequest = (message: string, details: Record<string, string> = {}): HttpError =>
  new HttpError(400, message, 'bad_request', details);
