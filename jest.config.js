/** ts-jest in ESM mode: jest runs under `node --experimental-vm-modules` (see package.json). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // test/latency holds the files whose checks time the service's main thread: jest.latency.config.js runs them alone
  // (and the curation crash test, whose child servers would take the cores those checks time).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/latency/', '<rootDir>/test/abuse/durable-curation.test.ts'],
  testTimeout: 60000,
  // Jest's default on two cores is one worker, in band; most files wait on servers, child processes and query workers.
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
};
