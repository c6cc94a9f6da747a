/** One HTTP error type for the faces, turned into a page or JSON in one place (app.tsx); commands throw CommandError instead. */
import { CommandError, type RefusalKind } from '../errors.js';

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

const statusForKind: Record<RefusalKind, number> = {
  invalid: 422,
  not_found: 404,
  forbidden: 403,
  unauthenticated: 401,
  conflict: 409,
  rate_limited: 429,
  too_large: 413,
  unsupported: 415,
  gone: 410,
};

export const httpStatusOf = (kind: RefusalKind): number => statusForKind[kind];

/** A command's refusal as the HTTP error a face sends; anything else passes through unchanged. */
export function fromCommandError<E>(error: E): E | HttpError {
  if (!(error instanceof CommandError)) return error;
  const status = statusForKind[error.kind];
  // A refusal without a more specific code keeps the code API clients already know for its status.
  return new HttpError(status, error.message, error.code === error.kind ? codeFor(status) : error.code, error.details);
}
