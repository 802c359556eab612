/** Why a SPARQL request could not be answered; the HTTP face maps each code to a status. */
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

export class SparqlError extends Error {
  constructor(
    readonly code: SparqlErrorCode,
    message: string,
    readonly details: SparqlErrorDetails = {},
  ) {
    super(message);
    this.name = 'SparqlError';
  }
}

/** Rebuilds a SparqlError sent across a worker boundary as plain data. */
export function sparqlErrorFrom(data: { message: string; fields: Record<string, unknown> }): SparqlError | undefined {
  const code = data.fields.code as SparqlErrorCode | undefined;
  if (typeof code !== 'string') return undefined;
  return new SparqlError(code, data.message, (data.fields.details ?? {}) as SparqlErrorDetails);
}
