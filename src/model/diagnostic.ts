/** Where in an input a problem lies. */
export interface SourceLocation {
  /** File name or source label. */
  file: string;
  /** 1-based line. */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** JSON pointer, for JSON inputs. */
  pointer?: string;
}

export function formatLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`;
  if (location.pointer !== undefined) text += ` at ${location.pointer || '/'}`;
  return text;
}

/** A non-fatal observation made while reading a source (e.g. a repeated term id). */
export interface Warning {
  code: string;
  message: string;
  location: SourceLocation;
}
