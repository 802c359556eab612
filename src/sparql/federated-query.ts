import { Readable } from 'node:stream';
import './node-compat.js';
import { QueryEngine } from '@comunica/query-sparql';
import type { Quad, RdfTerm } from '../model/index.js';
import { peerFetch } from './peer-fetch.js';
import { SparqlError } from './sparql-error.js';

/** A local dataset Comunica can read: quads matching a pattern (RDF/JS Source, over the embedded store). */
export interface LocalQuadSource {
  matchNow(subject?: RdfTerm | null, predicate?: RdfTerm | null, object?: RdfTerm | null, graph?: RdfTerm | null): Quad[];
}

const MAX_PEER_REQUESTS = 4;
/** Largest answer read from one peer request; a SELECT of the row cap with long literals stays well below. */
const MAX_PEER_RESPONSE_BYTES = 32 * 1024 * 1024;
const MAX_PEER_REDIRECTS = 3;

export interface FederatedRequest {
  sparql: string;
  mediaType: string;
  timeoutMs: number;
}

/**
 * Runs a query that has SERVICE clauses to allow-listed peers with Comunica: the local store is its
 * source and each SERVICE goes to the peer over the SPARQL 1.1 Protocol. Comunica gets a fetch (peer-fetch.ts)
 * that refuses any URL outside the allow-list, also as a redirect target, so even a path through Comunica we
 * did not foresee cannot reach another host (the parser-level check in SparqlService refuses such queries
 * before this).
 */
export class FederatedQueryRunner {
  private readonly engine = new QueryEngine();

  constructor(
    private readonly local: LocalQuadSource,
    private readonly peers: readonly string[],
  ) {}

  /** A fetch for one query: peers only, at most MAX_PEER_REQUESTS at a time; refusals and peer failures are noted in `trouble`. */
  private fetchFor(trouble: PeerTrouble): typeof fetch {
    const { refusals, failures } = trouble;
    const toPeer = peerFetch({
      peers: this.peers,
      maxResponseBytes: MAX_PEER_RESPONSE_BYTES,
      maxRedirects: MAX_PEER_REDIRECTS,
      onRefused: (error) => refusals.push(error),
    });
    return async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      // The service-description GET (no query) may fail on a peer that answers queries well; only query requests count.
      const asksQuery = (init?.method ?? 'GET').toUpperCase() === 'POST' || /[?&]query=/.test(url);
      await this.slot();
      try {
        const response = await toPeer(input, init);
        if (asksQuery && response.status >= 400) failures.push(`the peer ${url.split('?')[0]} answered ${response.status}`);
        return response;
      } catch (error) {
        if (asksQuery && !(error instanceof SparqlError && error.code === 'service-refused'))
          failures.push(`the peer ${url.split('?')[0]} failed: ${messageOf(error)}`);
        throw error;
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
    const trouble: PeerTrouble = { refusals: [], failures: [] };
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
          fetch: this.fetchFor(trouble),
          httpAbortSignal: abort.signal,
          httpTimeout: request.timeoutMs,
          httpRetryCount: 3,
          httpRetryStatusCodes: [503],
          httpRetryDelayFallback: 250,
          httpRetryDelayLimit: 2000,
        });
        const { data } = await this.engine.resultToString(result, request.mediaType);
        return streamToString(data, abort.signal);
      })();
      return await Promise.race([work, timeout]);
    } catch (error) {
      // Comunica may wrap the fetch's error in its own; a refusal, or else a peer's failure, is the cause worth naming.
      if (trouble.refusals[0]) throw trouble.refusals[0];
      if (error instanceof SparqlError) throw error;
      if (trouble.failures.length > 0) {
        throw new SparqlError(
          'engine',
          `The federated query failed because ${trouble.failures[0]!}${trouble.failures.length > 1 ? ` (and ${trouble.failures.length - 1} more peer failure(s))` : ''}`,
          { retryAfter: 5 },
        );
      }
      throw new SparqlError('query-rejected', `The federated query failed: ${messageOf(error)}`);
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  }
}

/** What went wrong with peers during one query. */
interface PeerTrouble {
  refusals: SparqlError[];
  failures: string[];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
