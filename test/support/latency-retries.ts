import { jest } from '@jest/globals';

/**
 * The latency checks of a file (/health answers within 200 ms while a large body is parsed) measure whether the
 * service's main thread is free; jest runs two files at once on two cores, so a check that shares its core with
 * another file's parse can be slow without anything blocking. A failed test runs again, up to twice, with its
 * errors logged: a main thread that really blocks fails every time.
 */
export function retryLatencyChecks(): void {
  jest.retryTimes(2, { logErrorsBeforeRetry: true });
}
