import { AstrovocError, type ErrorKind } from '../model/index.js';

/** Which bound of a UCD request a document or batch crossed. */
export type UcdBound = 'size' | 'depth' | 'elements' | 'time' | 'memory' | 'busy' | 'answer';

/** Sizes are too large; what the document needs (nesting, elements, time, memory) is unprocessable; busy is busy. */
const KIND: Readonly<Record<UcdBound, ErrorKind>> = {
  size: 'too-large',
  answer: 'too-large',
  depth: 'unprocessable',
  elements: 'unprocessable',
  time: 'unprocessable',
  memory: 'unprocessable',
  busy: 'busy',
};

/** An input the UCD service refuses because it crosses a bound (size, nesting, element count, time, memory, answer size). */
export class UcdLimitError extends AstrovocError {
  constructor(
    readonly bound: UcdBound,
    message: string,
    /** The bound's value (bytes, levels, elements, milliseconds, megabytes, checks at a time). */
    readonly limit?: number,
  ) {
    super(KIND[bound], message, {
      location: { parameter: 'body' },
      fields: { bound, ...(limit !== undefined ? { limit } : {}) },
      ...(bound === 'busy' ? { title: 'Service Unavailable', retryAfter: 1 } : {}),
    });
    this.name = 'UcdLimitError';
  }
}
