import { AstrovocError, formatLocation, type SourceLocation } from '../model/index.js';

const lineAndColumn = ({ line, column }: SourceLocation) => ({ ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) });

/** A source that cannot be read: names the file, the line (and column where known) and what was expected. */
export class IngestError extends AstrovocError {
  declare readonly location: SourceLocation;

  constructor(
    readonly code: string,
    readonly detail: string,
    location: SourceLocation,
    kind: 'invalid-input' | 'too-large' = 'invalid-input',
    fields: Record<string, unknown> = {},
  ) {
    super(kind, `${formatLocation(location)}: ${detail}`, { location, fields: { code, ...lineAndColumn(location), ...fields } });
    this.name = 'IngestError';
  }
}

/**
 * Untrusted input over one of its bounds (nesting depth, entity declarations, label length, parse time...):
 * `bound` names it and `limit` is its value (0 for a shape refused outright: invalid input rather than too large).
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
    super(code, detail, location, limit > 0 ? 'too-large' : 'invalid-input', { bound, limit, ...(term ? { term } : {}) });
    this.name = 'InputBoundError';
  }
}
