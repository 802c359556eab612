/** What a disposable worker answers: its value, or the error its work threw, as plain data. */
export type TaskReply<T> = { ok: true; value: T } | { ok: false; error: SerialisedError };

export interface SerialisedError {
  name: string;
  message: string;
  /** The error's own enumerable fields (a code, a location...). */
  fields: Record<string, unknown>;
}

export function serialiseError(error: unknown): SerialisedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    try {
      fields[key] = structuredClone(value);
    } catch {
      fields[key] = String(value);
    }
  }
  return { name: error.name, message: error.message, fields };
}
