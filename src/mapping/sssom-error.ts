import { AstrovocError, formatLocation, type SourceLocation } from '../model/index.js';

/** An SSSOM file that cannot be read: names the file, the line and the column (by SSSOM slot name) at fault. */
export class SssomError extends AstrovocError {
  declare readonly location: SourceLocation;

  constructor(
    readonly code: string,
    readonly detail: string,
    location: SourceLocation,
    /** The SSSOM slot (column or header field) at fault. */
    readonly field?: string,
  ) {
    super('invalid-input', `${formatLocation(location)}${field ? ` (${field})` : ''}: ${detail}`, { location, fields: { code } });
    this.name = 'SssomError';
  }
}
