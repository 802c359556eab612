import { AstrovocError } from '../model/index.js';

/** What can go wrong in a mapping service call. */
export type MappingErrorCode = 'not-found' | 'conflict' | 'precondition-required' | 'precondition-failed' | 'invalid';

export class MappingError extends AstrovocError {
  constructor(
    readonly code: MappingErrorCode,
    message: string,
    /** The request field at fault, for `invalid`. */
    readonly field?: string,
  ) {
    super(code === 'invalid' ? 'bad-request' : code, message, field ? { location: { parameter: field } } : {});
    this.name = 'MappingError';
  }
}
