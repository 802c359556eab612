import { AstrovocError, type ErrorKind, type ErrorOptions } from '../model/index.js';

/** Why a SPARQL request could not be answered. */
export type SparqlErrorCode =
  | 'syntax'
  | 'service-refused'
  | 'update-forbidden'
  | 'update-not-allowed-here'
  | 'dataset'
  | 'not-acceptable'
  | 'query-rejected'
  /** The request or its answer is over a bound (length, nesting depth, answer size): 400. */
  | 'query-bound'
  /** An update would add more than its bound: 413. */
  | 'update-bound'
  /** This client already holds its share of the workers and queue: 429. */
  | 'client-busy'
  | 'timeout'
  | 'busy'
  | 'engine';

export interface SparqlErrorDetails {
  /** Where a malformed query goes wrong (1-based). */
  line?: number;
  column?: number;
  /** The SERVICE IRI that was refused. */
  iri?: string;
  /** The request parameter at fault. */
  parameter?: string;
  /** Seconds after which a busy endpoint may be asked again. */
  retryAfter?: number;
  /** The bound that was exceeded, and its value. */
  bound?: string;
  limit?: number;
}

/** How each code reads as a problem: its kind, a title, and the facts a client can act on. */
function problemOf(code: SparqlErrorCode, details: SparqlErrorDetails): { kind: ErrorKind } & ErrorOptions {
  const { line, column, iri, parameter, retryAfter, bound, limit } = details;
  const at = (fallback: string) => ({ location: { parameter: parameter ?? fallback } });
  switch (code) {
    case 'syntax':
      return {
        kind: 'bad-request',
        title: 'Malformed query',
        ...at('query'),
        fields: { ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) },
      };
    case 'service-refused':
      return { kind: 'bad-request', title: 'SERVICE not allowed', location: { parameter: 'query' }, fields: { service: iri } };
    case 'dataset':
    case 'query-rejected':
      return { kind: 'bad-request', title: 'Query rejected', ...at('query') };
    case 'query-bound':
      return { kind: 'bad-request', title: 'Over a bound', ...at('query'), fields: { bound, limit } };
    case 'update-bound':
      return { kind: 'too-large', title: 'Update too large', ...at('update'), fields: { bound, limit } };
    case 'client-busy':
      return { kind: 'too-many-requests', title: 'Too many queries from this client', fields: { bound, limit }, retryAfter: retryAfter ?? 1 };
    case 'update-forbidden':
      return { kind: 'forbidden' };
    case 'update-not-allowed-here':
      return { kind: 'bad-request', title: 'Bad request parameter', location: { parameter: 'query' } };
    case 'not-acceptable':
      return { kind: 'not-acceptable', ...(parameter ? { location: { parameter } } : {}) };
    case 'timeout':
      return { kind: 'timeout', title: 'Query time limit reached', retryAfter: retryAfter ?? 1 };
    case 'busy':
    case 'engine':
      return { kind: 'busy', retryAfter: retryAfter ?? 1 };
  }
}

export class SparqlError extends AstrovocError {
  constructor(
    readonly code: SparqlErrorCode,
    message: string,
    readonly details: SparqlErrorDetails = {},
  ) {
    const { kind, ...options } = problemOf(code, details);
    super(kind, message, options);
    this.name = 'SparqlError';
  }
}

/** Rebuilds a SparqlError sent across a worker boundary as plain data. */
export function sparqlErrorFrom(data: { message: string; fields: Record<string, unknown> }): SparqlError | undefined {
  const code = data.fields.code as SparqlErrorCode | undefined;
  if (typeof code !== 'string') return undefined;
  return new SparqlError(code, data.message, data.fields.details ?? {});
}
