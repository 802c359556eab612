import { formatLocation, type SourceLocation } from '../model/index.js';

/** A catalogue that cannot be used: names the file, the line where known, the entry and field, and what was expected. */
export class CatalogueError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly location: SourceLocation,
  ) {
    super(`${formatLocation(location)}: ${detail}`);
    this.name = 'CatalogueError';
  }
}
