/**
 * A batch of UCDs validated into a JSON array of bounded size, in slices that give the event loop back:
 * 10,000 UCDs of 450 characters took 2.2 s to validate and answered 95 MB in one piece.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { UcdLimitError } from './ucd-limit-error.js';
import type { UcdService } from './ucd-service.js';

export interface UcdBatchOptions {
  /** Largest answer, in bytes; past it the batch is refused (UcdLimitError `answer`). */
  maxAnswerBytes: number;
  /** Longest stretch of validation before the event loop gets a turn, in milliseconds. */
  sliceMs: number;
}

export async function validateBatchJson(service: UcdService, ucds: readonly string[], options: UcdBatchOptions): Promise<string> {
  const parts: string[] = [];
  let bytes = 2;
  let sliceStart = performance.now();
  for (const ucd of ucds) {
    const part = JSON.stringify(service.validate(ucd));
    bytes += Buffer.byteLength(part) + 1;
    if (bytes > options.maxAnswerBytes) {
      throw new UcdLimitError('answer', `the answer would be larger than ${options.maxAnswerBytes} bytes, the limit for a batch answer; send fewer or shorter UCDs`, options.maxAnswerBytes);
    }
    parts.push(part);
    if (performance.now() - sliceStart > options.sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return `[${parts.join(',')}]`;
}
