import { AstrovocError, formatLocation, type SourceLocation } from '../model/index.js';

/** A catalogue that cannot be used: names the file, the line where known, the entry and field, and what was expected. */
export class CatalogueError extends AstrovocError {
  declare readonly location: SourceLocation;

  constructor(
    readonly code: string,
    readonly detail: string,
    location: SourceLocation,
  ) {
    super('invalid-config', `${formatLocation(location)}: ${detail}`, { location, fields: { code } });
    this.name = 'CatalogueError';
  }
}
