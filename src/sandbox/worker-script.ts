import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits, type TransferListItem } from 'node:worker_threads';

export interface SpawnOptions {
  /** What the worker reads with `workerInput()`. */
  input?: unknown;
  transferList?: TransferListItem[];
  resourceLimits?: ResourceLimits;
}

/**
 * Starts a worker thread running the module at `moduleUrl` (pass `new URL('./x-worker.js', import.meta.url)`).
 * Compiled, the .js module runs as it is; from the sources (ts-jest), its .ts sibling runs through
 * worker-boot.mjs, which registers tsx first, since Node 20 cannot run TypeScript in a worker by itself.
 */
export function spawnWorker(moduleUrl: URL, options: SpawnOptions = {}): Worker {
  const common = {
    ...(options.transferList ? { transferList: options.transferList } : {}),
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
  };
  if (existsSync(fileURLToPath(moduleUrl))) return new Worker(moduleUrl, { ...common, workerData: { input: options.input } });
  const source = new URL(moduleUrl.href.replace(/\.js$/, '.ts'));
  if (!existsSync(fileURLToPath(source))) throw new Error(`worker module ${fileURLToPath(moduleUrl)} not found, nor its .ts source`);
  return new Worker(new URL('./worker-boot.mjs', import.meta.url), { ...common, workerData: { entry: source.href, input: options.input } });
}
