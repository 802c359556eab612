import { availableParallelism } from 'node:os';

/** Limits and peers of the SPARQL endpoint. */
export interface SparqlConfig {
  /** Time limit of one query, queue time included (ms). */
  timeoutMs: number;
  /** Most solutions a SELECT answers; a longer result is cut and flagged. */
  maxRows: number;
  /** SPARQL endpoints a query may name in SERVICE (exact IRIs); every other SERVICE is refused. */
  peers: string[];
  /** Query worker threads. */
  workers: number;
  /** Queries that may wait for a worker before the endpoint answers 503. */
  queueLimit: number;
  /** Most characters in a query text (an update's is bounded by the request body limit). */
  maxQueryLength: number;
  /**
   * Deepest nesting of { ( [ in a query or update. sparqljs's parse time grows faster than the nesting
   * (400 levels: 60 ms; 4,000: minutes) and oxigraph traps past ~700 levels in a worker's stack, while
   * real queries nest a few levels (the worked examples: 3); 100 leaves room for generated queries.
   */
  maxDepth: number;
  /**
   * Most group patterns ({ … }) in a query or update, however flat: oxigraph evaluates a chain of UNIONs or
   * joined groups recursively, one stack frame set per element, and overflows its stack (RangeError, then a
   * trap) past ~900 UNION branches; real queries hold a handful (the worked examples: at most 4).
   */
  maxGroups: number;
  /** Most bytes of one answer (a CONSTRUCT or DESCRIBE has no row cap). */
  maxAnswerBytes: number;
  /** Most quads one SPARQL Update may add (413 past it). */
  maxUpdateQuads: number;
}

export function defaultSparqlConfig(): SparqlConfig {
  const workers = Math.max(1, availableParallelism());
  return {
    timeoutMs: 10_000,
    maxRows: 10_000,
    peers: [],
    workers,
    queueLimit: workers * 16,
    maxQueryLength: 256 * 1024,
    maxDepth: 100,
    maxGroups: 256,
    maxAnswerBytes: 64 * 1024 * 1024,
    maxUpdateQuads: 1_000_000,
  };
}

/**
 * The defaults with `settings` over them (values left undefined keep their default); the queue follows the
 * worker count (16 per worker) unless given. The values are parsed once, at start, by the configuration module.
 */
export function sparqlConfig(settings: { [K in keyof SparqlConfig]?: SparqlConfig[K] | undefined } = {}): SparqlConfig {
  const given = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as Partial<SparqlConfig>;
  const config = { ...defaultSparqlConfig(), ...given };
  return given.workers !== undefined && given.queueLimit === undefined ? { ...config, queueLimit: given.workers * 16 } : config;
}
