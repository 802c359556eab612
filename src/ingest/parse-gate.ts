import { AstrovocError } from '../model/index.js';

/**
 * How many untrusted parses run at once. Each runs in a worker of its own (a heap of up to 512 MB, plus
 * WebAssembly memory), so a burst of uploads must not start a worker each: a few run, a bounded number
 * wait their turn, and past that the caller is told the service is busy (a 503 with Retry-After).
 */
export class ParseBusyError extends AstrovocError {
  constructor(readonly limit: number) {
    super('busy', `${limit} request bodies are already waiting to be parsed: try again shortly`, {
      location: { parameter: 'body' },
      fields: { limit, retryAfter: 1 },
      retryAfter: 1,
    });
    this.name = 'ParseBusyError';
  }
}

export class ParseGate {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    readonly running: number,
    readonly waiting: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.running) this.active++;
    else {
      if (this.queue.length >= this.waiting) throw new ParseBusyError(this.waiting);
      // The slot is handed over by the task that frees it, so `active` stays counted.
      await new Promise<void>((resolve) => this.queue.push(resolve));
    }
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** The service's one gate for request bodies: two parses at once, sixteen waiting. */
export const UNTRUSTED_PARSES = new ParseGate(2, 16);
