/** Which bound of a UCD request a document or batch crossed; the HTTP face maps each to a status naming it. */
export type UcdBound = 'size' | 'depth' | 'elements' | 'time' | 'memory' | 'busy' | 'answer';

/** An input the UCD service refuses because it crosses a bound (size, nesting, element count, time, memory, answer size). */
export class UcdLimitError extends Error {
  constructor(
    readonly bound: UcdBound,
    message: string,
    /** The bound's value (bytes, levels, elements, milliseconds, megabytes, checks at a time). */
    readonly limit?: number,
  ) {
    super(message);
    this.name = 'UcdLimitError';
  }
}
