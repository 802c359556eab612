import { jest } from '@jest/globals';

/**
 * The files of test/latency time the service's main thread (/health answers within 200 ms while a large body is
 * parsed). They run one at a time (jest.latency.config.js), yet share the machine with the CI's own work: a failed
 * test runs again, up to twice, with its errors logged. A main thread that really blocks fails every time.
 */
export function retryLatencyChecks(): void {
  jest.retryTimes(2, { logErrorsBeforeRetry: true });
}
