// Starts a TypeScript worker module when astrovoc runs from its sources (the tests, under ts-jest): registers
// tsx's loader in this thread, then imports the module. Compiled code (dist/) spawns its .js modules directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
