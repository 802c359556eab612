import { IngestError } from '../../src/ingest/index.js';

/** Runs a read that must fail, and returns its IngestError (any other error, or none, fails the test). */
export function ingestErrorOf(read: () => unknown): IngestError {
  try {
    read();
  } catch (error) {
    if (error instanceof IngestError) return error;
    throw error;
  }
  throw new Error('expected an IngestError');
}
