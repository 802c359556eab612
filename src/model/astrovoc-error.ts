import type { SourceLocation } from './diagnostic.js';

/**
 * The stable kind of every error astrovoc reports on purpose. One table (ERROR_KINDS) maps each to the HTTP
 * answer and the CLI exit code, so the faces never translate errors class by class.
 */
export type ErrorKind =
  | 'bad-request'
  | 'invalid-input'
  | 'invalid-config'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'method-not-allowed'
  | 'not-acceptable'
  | 'conflict'
  | 'precondition-failed'
  | 'too-large'
  | 'unsupported-media-type'
  | 'unprocessable'
  | 'precondition-required'
  | 'too-many-requests'
  | 'upstream'
  | 'busy'
  | 'timeout'
  | 'internal';

/** Where an error lies: in a file (line, column, JSON pointer) and/or in a request parameter or command-line option. */
export interface ErrorLocation extends Partial<SourceLocation> {
  /** The request parameter, body field or command-line option at fault. */
  parameter?: string;
}

export interface ErrorOptions {
  location?: ErrorLocation;
  /** A title more precise than the kind's (e.g. "Malformed query" for a bad-request). */
  title?: string;
  /** Facts a client can act on, sent with the problem details (limit, bound, line...). */
  fields?: Readonly<Record<string, unknown>>;
  /** Seconds after which the same request may succeed (busy, timeout). */
  retryAfter?: number;
  cause?: unknown;
}

/** Every error astrovoc raises on purpose: a kind, a message a person can act on, and where it lies. */
export class AstrovocError extends Error {
  readonly location?: ErrorLocation;
  readonly title?: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly retryAfter?: number;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    options: ErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AstrovocError';
    if (options.location) this.location = options.location;
    if (options.title) this.title = options.title;
    this.fields = options.fields ?? {};
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
  }
}

export interface ErrorKindEntry {
  /** HTTP status of the problem details. */
  status: number;
  /** Problem title when the error gives none more precise. */
  title: string;
  /** CLI exit code: 2 for a mistake in the command line or configuration, 1 for any other failure. */
  exit: 1 | 2;
}

/** The one table from error kinds to HTTP problem details and CLI exit codes. */
export const ERROR_KINDS: Readonly<Record<ErrorKind, ErrorKindEntry>> = {
  'bad-request': { status: 400, title: 'Bad request', exit: 2 },
  'invalid-input': { status: 400, title: 'Malformed input', exit: 1 },
  'invalid-config': { status: 500, title: 'Internal server error', exit: 2 },
  unauthorized: { status: 401, title: 'Unauthorized', exit: 1 },
  forbidden: { status: 403, title: 'Forbidden', exit: 1 },
  'not-found': { status: 404, title: 'Not found', exit: 1 },
  'method-not-allowed': { status: 405, title: 'Method not allowed', exit: 1 },
  'not-acceptable': { status: 406, title: 'Not acceptable', exit: 1 },
  conflict: { status: 409, title: 'Conflict', exit: 1 },
  'precondition-failed': { status: 412, title: 'Precondition failed', exit: 1 },
  'too-large': { status: 413, title: 'Content Too Large', exit: 1 },
  'unsupported-media-type': { status: 415, title: 'Unsupported Media Type', exit: 1 },
  unprocessable: { status: 422, title: 'Unprocessable Content', exit: 1 },
  'precondition-required': { status: 428, title: 'Precondition required', exit: 1 },
  'too-many-requests': { status: 429, title: 'Too Many Requests', exit: 1 },
  upstream: { status: 502, title: 'Bad Gateway', exit: 1 },
  busy: { status: 503, title: 'Service unavailable', exit: 1 },
  timeout: { status: 503, title: 'Time limit reached', exit: 1 },
  internal: { status: 500, title: 'Internal server error', exit: 1 },
};

/** The kind whose status this is (the first in the table), for errors that start from an HTTP status. */
export function kindOfStatus(status: number): ErrorKind {
  const found = (Object.keys(ERROR_KINDS) as ErrorKind[]).find((kind) => ERROR_KINDS[kind].status === status);
  return found ?? (status >= 500 ? 'internal' : 'bad-request');
}
