/** Why a SPARQL request could not be answered; the HTTP face maps each code to a status. */
export type SparqlErrorCode =
  | 'syntax'
  | 'service-refused'
  | 'update-forbidden'
  | 'update-not-allowed-here'
  | 'dataset'
  | 'not-acceptable'
  | 'query-rejected'
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
