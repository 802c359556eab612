/** What can go wrong in a mapping service call; the HTTP face turns each code into a status. */
export type MappingErrorCode = 'not-found' | 'conflict' | 'precondition-required' | 'precondition-failed' | 'invalid';

export class MappingError extends Error {
  constructor(
    readonly code: MappingErrorCode,
    message: string,
    /** The request field at fault, for `invalid`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'MappingError';
  }
}
