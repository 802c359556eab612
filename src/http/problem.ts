import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AstrovocError, ERROR_KINDS, kindOfStatus } from '../model/index.js';

/** An error the HTTP face raises itself, from a status: the AstrovocError of that status's kind. */
export class HttpProblem extends AstrovocError {
  declare readonly title: string;

  constructor(
    readonly status: number,
    title: string,
    readonly detail?: string,
    extra: Record<string, unknown> = {},
  ) {
    super(kindOfStatus(status), detail ?? title, { title, fields: extra });
    this.name = 'HttpProblem';
  }
}

export const badRequest = (parameter: string, detail: string) => new HttpProblem(400, 'Bad request parameter', `${parameter}: ${detail}`, { parameter });
export const notFound = (detail: string) => new HttpProblem(404, 'Not found', detail);

/** A body parser whose 413 (body-parser's "entity too large") is a problem naming the body and the limit. */
export function limitedBody(parser: RequestHandler, limitBytes: number, what: string): RequestHandler {
  return (req, res, next) => {
    parser(req, res, (error?: unknown) => {
      const status = typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : undefined;
      if (status === 413)
        next(
          new HttpProblem(413, 'Content Too Large', `the body is larger than ${limitBytes} bytes, the limit for ${what}`, {
            parameter: 'body',
            limit: limitBytes,
          }),
        );
      else next(error);
    });
  };
}

/** RFC 9110 §15 reason phrases where Node's table still has the older RFC 7231 wording. */
const RFC_9110_TITLES: Readonly<Record<number, string>> = { 413: 'Content Too Large', 422: 'Unprocessable Content' };

/** The title of a problem with this status and nothing more specific to say: its RFC 9110 reason phrase. */
export function statusTitle(status: number): string {
  return (Object.hasOwn(RFC_9110_TITLES, status) ? RFC_9110_TITLES[status] : STATUS_CODES[status]) ?? 'Bad request';
}

export const notFoundHandler: RequestHandler = (req, _res, next) => next(notFound(`No resource at ${req.path}`));

/** A client error raised by express or body-parser (a `status` of 4xx), as problem details titled by its status. */
function knownProblem(error: unknown): HttpProblem | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const message = String((error as Error).message);
  if ((error as { type?: unknown }).type === 'entity.parse.failed') return new HttpProblem(400, 'Malformed request body', message);
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) return new HttpProblem(status, statusTitle(status), message);
  return undefined;
}

/** An error as problem details (RFC 9457) through ERROR_KINDS: status and title from its kind unless it names its own. */
export function problemOf(error: AstrovocError): { status: number; title: string; detail?: string; fields: Record<string, unknown> } {
  const entry = ERROR_KINDS[error.kind];
  const detail = error instanceof HttpProblem ? error.detail : error.message;
  const parameter = error.location?.parameter;
  return {
    status: error instanceof HttpProblem ? error.status : entry.status,
    title: error.title ?? entry.title,
    ...(detail ? { detail } : {}),
    fields: { ...(parameter !== undefined ? { parameter } : {}), ...error.fields },
  };
}

/** Every error leaves as application/problem+json; unexpected ones and server or upstream faults are logged, and answered without internals. */
export function problemHandler(log: (error: unknown) => void): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = error instanceof AstrovocError ? error : knownProblem(error);
    const problem = known ? problemOf(known) : undefined;
    if (!problem || problem.status === 500 || problem.status === 502) log(error);
    if (res.headersSent) {
      // Part of an answer is already out: the only honest end left is to cut the connection.
      res.destroy();
      return;
    }
    const status = problem?.status ?? 500;
    if (known?.retryAfter !== undefined) res.set('Retry-After', String(known.retryAfter));
    if (status === 401) res.set('WWW-Authenticate', 'Bearer');
    const internal = !problem || (status === 500 && !(known instanceof HttpProblem));
    res
      .status(status)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: 'about:blank',
          title: problem?.title ?? 'Internal server error',
          status,
          ...(!internal && problem.detail ? { detail: problem.detail } : {}),
          instance: instanceOf(req.originalUrl),
          ...(internal ? {} : problem.fields),
        }),
      );
  };
}

/** The request's URL as a problem's `instance`, cut short: a query of hundreds of kilobytes is not echoed back in every error. */
export const MAX_INSTANCE_LENGTH = 1024;
function instanceOf(url: string): string {
  return url.length <= MAX_INSTANCE_LENGTH ? url : `${url.slice(0, MAX_INSTANCE_LENGTH)}…`;
}
