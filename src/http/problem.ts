import type { ErrorRequestHandler, RequestHandler } from 'express';

/** An HTTP error answered as RFC 9457 problem details. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

export const badRequest = (parameter: string, detail: string) =>
  new HttpProblem(400, 'Bad request parameter', `${parameter}: ${detail}`, { parameter });
export const notFound = (detail: string) => new HttpProblem(404, 'Not found', detail);

/** A body parser whose 413 (body-parser's "entity too large") is a problem naming the body and the limit. */
export function limitedBody(parser: RequestHandler, limitBytes: number, what: string): RequestHandler {
  return (req, res, next) => {
    parser(req, res, (error?: unknown) => {
      const status = typeof error === 'object' && error !== null && 'status' in error ? Number((error as { status: unknown }).status) : undefined;
      if (status === 413) next(new HttpProblem(413, 'Content Too Large', `the body is larger than ${limitBytes} bytes, the limit for ${what}`, { parameter: 'body', limit: limitBytes }));
      else next(error);
    });
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => next(notFound(`No resource at ${req.path}`));

/** Every error leaves as application/problem+json; unexpected ones as 500 without internals. */
export function problemHandler(log: (error: unknown) => void): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const problem =
      error instanceof HttpProblem
        ? error
        : error && typeof error === 'object' && 'type' in error && (error as { type: string }).type === 'entity.parse.failed'
          ? new HttpProblem(400, 'Malformed request body', String((error as Error).message))
          : error && typeof error === 'object' && 'status' in error && typeof (error as { status: unknown }).status === 'number' && (error as { status: number }).status < 500
            ? new HttpProblem((error as { status: number }).status, 'Bad request', String((error as Error).message))
            : undefined;
    if (!problem) log(error);
    const status = problem?.status ?? 500;
    res
      .status(status)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: 'about:blank',
          title: problem?.title ?? 'Internal server error',
          status,
          ...(problem?.detail ? { detail: problem.detail } : {}),
          instance: req.originalUrl,
          ...(problem?.extra ?? {}),
        }),
      );
  };
}
