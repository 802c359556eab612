/**
 * The files whose checks time the service's main thread (/health within 200 ms while a large body is parsed, an
 * answer within 250 ms during an upload), run one at a time after the rest: a file sharing the two cores with
 * another file's parse would measure the machine, not the service. The curation crash test runs here too: its
 * child servers start twenty times and would take the cores the other files' latency checks time.
 */
import base from './jest.config.js';

const SERIAL_FILES = ['<rootDir>/test/abuse/durable-curation.test.ts'];

export default { ...base, testMatch: ['<rootDir>/test/latency/**/*.test.ts', ...SERIAL_FILES], testPathIgnorePatterns: ['/node_modules/'], maxWorkers: 1 };
