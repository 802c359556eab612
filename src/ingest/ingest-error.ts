import { formatLocation, type SourceLocation } from '../model/index.js';

/** A source that cannot be read: names the file, the line (and column where known) and what was expected. */
export class IngestError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly location: SourceLocation,
  ) {
    super(`${formatLocation(location)}: ${detail}`);
    this.name = 'IngestError';
  }
}

/**
 * Untrusted input over one of its bounds (nesting depth, entity declarations, label length, parse time...):
 * `bound` names it and `limit` is its value (0 for a shape refused outright), so the HTTP face can answer a
 * 413 (or a 400) naming both.
 */
export class InputBoundError extends IngestError {
  constructor(
    code: string,
    detail: string,
    location: SourceLocation,
    readonly bound: string,
    readonly limit: number,
    /** The term over the bound, where one is. */
    readonly term?: string,
  ) {
    super(code, detail, location);
    this.name = 'InputBoundError';
  }
}
