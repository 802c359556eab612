import { AstrovocError } from '../model/index.js';

/**
 * Why untrusted work in a worker gave no answer: it ran over its time limit, its worker crashed (a
 * WebAssembly trap, an uncaught error, memory over the worker's limit), or its work threw (`failed`,
 * with the error as data in `cause`).
 */
export type SandboxErrorCode = 'timeout' | 'crashed' | 'failed';

export class SandboxError extends AstrovocError {
  constructor(
    readonly code: SandboxErrorCode,
    message: string,
    readonly details: { limitMs?: number; remote?: { name: string; message: string; fields: Record<string, unknown> } } = {},
  ) {
    super(code === 'timeout' ? 'timeout' : 'internal', message);
    this.name = 'SandboxError';
  }
}
