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
