import { Readable } from 'node:stream';
import './node-compat.js';
import { QueryEngine } from '@comunica/query-sparql';
import type { Quad, RdfTerm } from '../model/index.js';
import { SparqlError } from './sparql-error.js';

/** A local dataset Comunica can read: quads matching a pattern (RDF/JS Source, over the embedded store). */
export interface LocalQuadSource {
  matchNow(subject?: RdfTerm | null, predicate?: RdfTerm | null, object?: RdfTerm | null, graph?: RdfTerm | null): Quad[];
}

const MAX_PEER_REQUESTS = 4;

export interface FederatedRequest {
  sparql: string;
  mediaType: string;
  timeoutMs: number;
}

/**
 * Runs a query that has SERVICE clauses to allow-listed peers with Comunica: the local store is its
 * source and each SERVICE goes to the peer over the SPARQL 1.1 Protocol. Comunica gets a fetch that
 * refuses any URL outside the allow-list, so even a path through Comunica we did not foresee cannot
 * reach another host (the parser-level check in SparqlService refuses such queries before this).
 */
export class FederatedQueryRunner {
  private readonly engine = new QueryEngine();
  private readonly guardedFetch: typeof fetch;

  constructor(
    private readonly local: LocalQuadSource,
    private readonly peers: readonly string[],
  ) {
    this.guardedFetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!isAllowed(url, this.peers)) throw new SparqlError('service-refused', `${url} is not a configured peer endpoint`, { iri: url });
      await this.slot();
      try {
        return await fetch(input, init);
      } finally {
        this.release();
      }
    };
  }

  /**
   * Comunica's bind join sends a peer one request per block of bindings, all at once; a peer with a small
   * query queue (astrovoc answers 503 when its queue is full) would refuse most of them. Outgoing requests
   * are therefore limited to MAX_PEER_REQUESTS at a time, and a 503 is retried after its Retry-After.
   */
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  private async slot(): Promise<void> {
    if (this.active < MAX_PEER_REQUESTS) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }

  async run(request: FederatedRequest): Promise<string> {
    const abort = new AbortController();
    const source = {
      match: (s?: RdfTerm | null, p?: RdfTerm | null, o?: RdfTerm | null, g?: RdfTerm | null) =>
        Readable.from(this.local.matchNow(concrete(s), concrete(p), concrete(o), concrete(g))),
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new SparqlError('timeout', `The federated query ran over its time limit of ${request.timeoutMs} ms and was stopped`, { retryAfter: 1 }));
      }, request.timeoutMs);
    });
    try {
      const work = (async () => {
        const result = await this.engine.query(request.sparql, {
          sources: [source as never],
          unionDefaultGraph: true,
          fetch: this.guardedFetch,
          httpAbortSignal: abort.signal,
          httpTimeout: request.timeoutMs,
          httpRetryCount: 3,
          httpRetryStatusCodes: [503],
          httpRetryDelayFallback: 250,
          httpRetryDelayLimit: 2000,
        });
        const { data } = await this.engine.resultToString(result, request.mediaType);
        return streamToString(data as NodeJS.ReadableStream, abort.signal);
      })();
      return await Promise.race([work, timeout]);
    } catch (error) {
      if (error instanceof SparqlError) throw error;
      throw new SparqlError('query-rejected', `The federated query failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  }
}

/** A peer matches by exact IRI; Comunica may add a query string to it when it calls the endpoint. */
export function isAllowed(url: string, peers: readonly string[]): boolean {
  const withoutQuery = url.split('?')[0]!;
  return peers.includes(url) || peers.includes(withoutQuery);
}

function concrete(term: RdfTerm | null | undefined): RdfTerm | null {
  return term && term.termType !== 'Variable' ? term : null;
}

async function streamToString(stream: NodeJS.ReadableStream, signal: AbortSignal): Promise<string> {
  const chunks: string[] = [];
  for await (const chunk of stream as AsyncIterable<string | Buffer>) {
    if (signal.aborted) break;
    chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
  }
  return chunks.join('');
}
