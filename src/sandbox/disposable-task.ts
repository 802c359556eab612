import type { ResourceLimits } from 'node:worker_threads';
import { SandboxError } from './sandbox-error.js';
import type { TaskReply } from './task-protocol.js';
import { spawnWorker } from './worker-script.js';

export interface DisposableTaskOptions {
  /** The task is stopped (its worker terminated) past this many milliseconds. */
  timeoutMs: number;
  /** Heap limits of the worker; WebAssembly memory dies with the worker, so a runaway costs nothing after it. */
  resourceLimits?: ResourceLimits;
}

/**
 * Runs one untrusted task in a worker thread of its own (the module at `moduleUrl` calls serveOneTask),
 * which is thrown away afterwards: a WebAssembly trap, a runaway parse or a memory blow-up costs that
 * worker, never the service's own store or event loop. Rejects with SandboxError: `timeout` past the
 * limit, `crashed` when the worker died, `failed` when the task threw (its error is in `details.remote`).
 */
export function runDisposable<In, Out>(moduleUrl: URL, input: In, options: DisposableTaskOptions): Promise<Out> {
  return new Promise<Out>((resolve, reject) => {
    const worker = spawnWorker(moduleUrl, options.resourceLimits ? { resourceLimits: options.resourceLimits } : {});
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () => settle(() => reject(new SandboxError('timeout', `stopped after its time limit of ${options.timeoutMs} ms`, { limitMs: options.timeoutMs }))),
      options.timeoutMs,
    );
    worker.on('message', (reply: TaskReply<Out>) =>
      settle(() => (reply.ok ? resolve(reply.value) : reject(new SandboxError('failed', reply.error.message, { remote: reply.error })))),
    );
    worker.on('error', (error) => settle(() => reject(new SandboxError('crashed', `the worker failed: ${error.message}`))));
    worker.on('exit', (code) => settle(() => reject(new SandboxError('crashed', `the worker exited (code ${code}) before answering`))));
    worker.postMessage(input);
  });
}
