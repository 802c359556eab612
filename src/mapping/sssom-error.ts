import { formatLocation, type SourceLocation } from '../model/index.js';

/** An SSSOM file that cannot be read: names the file, the line and the column (by SSSOM slot name) at fault. */
export class SssomError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly location: SourceLocation,
    /** The SSSOM slot (column or header field) at fault. */
    readonly field?: string,
  ) {
    super(`${formatLocation(location)}${field ? ` (${field})` : ''}: ${detail}`);
    this.name = 'SssomError';
  }
}
