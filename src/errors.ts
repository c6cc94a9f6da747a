/**
 * What a command refuses with. Domain code throws these; the faces map the kind to an HTTP status
 * (http/errors.ts) or a CLI exit code, so no capability needs to know it is being called over HTTP.
 */
export type RefusalKind =
  | 'invalid'
  | 'not_found'
  | 'forbidden'
  | 'unauthenticated'
  | 'conflict'
  | 'rate_limited'
  | 'too_large'
  | 'unsupported'
  /** Was here once and will not be again: a used or expired one-time link. */
  | 'gone';

export class CommandError extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
    /** Field-level problems, for forms and API clients. */
    readonly details: Record<string, string> = {},
    /** Stable machine-readable code; the kind unless something more specific helps a client. */
    readonly code: string = kind,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

export const invalid = (message: string, details: Record<string, string> = {}, code?: string): CommandError =>
  new CommandError('invalid', message, details, code);
export const notFound = (what = 'That page'): CommandError => new CommandError('not_found', `${what} could not be found.`);
export const forbidden = (message = 'You are not allowed to do that.'): CommandError => new CommandError('forbidden', message);
export const conflict = (message: string, details: Record<string, string> = {}, code?: string): CommandError =>
  new CommandError('conflict', message, details, code);

/**
 * A refusal of what was asked, as opposed to a fault: a CommandError, or an error that carries a 4xx status (the
 * faces' HTTP errors, from code not yet turned into commands). Bulk work (imports) skips the item and goes on.
 */
export function isRefusal(error: unknown): error is Error {
  if (error instanceof CommandError) return true;
  const status = error instanceof Error ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500;
}
