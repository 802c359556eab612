/**
 * The files whose checks time the service's main thread (/health within 200 ms while a large body is parsed, an
 * answer within 250 ms during an upload), run one at a time after the rest: a file sharing the two cores with
 * another file's parse would measure the machine, not the service.
 */
import base from './jest.config.js';

export default { ...base, testMatch: ['<rootDir>/test/latency/**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/'], maxWorkers: 1 };
