import { parentPort, workerData } from 'node:worker_threads';
import { serialiseError, type TaskReply } from './task-protocol.js';

/** Inside a worker: what spawnWorker passed as `input`. */
export function workerInput<T>(): T {
  return (workerData as { input: T } | undefined)?.input as T;
}

/**
 * Inside a worker started by runDisposable: answers the one task it is sent with `work(input)`. An error
 * `work` throws goes back as a value (name, message and its own fields, so the caller can rebuild it);
 * a WebAssembly trap or a crash ends the thread, and the caller sees that instead.
 */
export function serveOneTask<In, Out>(work: (input: In) => Out | Promise<Out>): void {
  const port = parentPort;
  if (!port) throw new Error('serveOneTask runs inside a worker thread');
  // A trap rethrown below is an unhandled rejection on purpose: it ends the thread.
  const answer = async (input: In) => {
    let reply: TaskReply<Out>;
    try {
      reply = { ok: true, value: await work(input) };
    } catch (error) {
      if (isWebAssemblyTrap(error)) throw error;
      reply = { ok: false, error: serialiseError(error) };
    }
    port.postMessage(reply);
  };
  port.once('message', (input: In) => void answer(input));
}

/** A WebAssembly trap (WebAssembly.RuntimeError): the module's memory may be corrupt, so the thread must die. */
export function isWebAssemblyTrap(error: unknown): boolean {
  return error instanceof Error && error.name === 'RuntimeError';
}
