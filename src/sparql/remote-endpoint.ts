import { RemoteStoreError, type ForwardedAnswer, type ForwardedRequest, type SparqlProtocolServer } from '../store/index.js';
import { SparqlError } from './sparql-error.js';

/**
 * The /sparql endpoint's engine when the dataset lives in a remote store: queries and updates that passed
 * the guard go to the store's endpoints as they are, under the endpoint's time limit, and the store's
 * refusals come back as SparqlErrors (the HTTP face maps them to problem details).
 */
export class RemoteEndpoint {
  private active = 0;

  constructor(private readonly store: SparqlProtocolServer) {}

  /** Requests under way, for /health. */
  get busy(): number {
    return this.active;
  }

  async query(sparql: string, request: Omit<ForwardedRequest, 'signal'>, timeoutMs: number): Promise<ForwardedAnswer> {
    return this.guard(timeoutMs, (signal) => this.store.forwardQuery(sparql, { ...request, signal }));
  }

  async update(update: string, timeoutMs: number): Promise<void> {
    await this.guard(timeoutMs, (signal) => this.store.forwardUpdate(update, signal));
  }

  private async guard<T>(timeoutMs: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const signal = AbortSignal.timeout(timeoutMs);
    this.active += 1;
    try {
      return await run(signal);
    } catch (error) {
      if (signal.aborted) {
        throw new SparqlError('timeout', `The store did not answer within the time limit of ${timeoutMs} ms; the request was cancelled`, {
          retryAfter: Math.max(1, Math.ceil(timeoutMs / 1000)),
        });
      }
      if (error instanceof RemoteStoreError) {
        if (error.status === 503) throw new SparqlError('busy', `The store is busy: ${error.message}`, { retryAfter: 1 });
        if (error.status >= 400 && error.status < 500) throw new SparqlError('query-rejected', `The store refused the request: ${error.message}`);
        throw new SparqlError('engine', `The store failed: ${error.message}`);
      }
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      throw new SparqlError('engine', `The store could not be reached: ${error instanceof Error ? error.message : String(error)}${cause ? ` (${cause})` : ''}`);
    } finally {
      this.active -= 1;
    }
  }
}
