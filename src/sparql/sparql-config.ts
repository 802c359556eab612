import { availableParallelism } from 'node:os';
import { z } from 'zod';

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

const positive = z.coerce.number().int().positive();

/**
 * The configuration from the environment (ASTROVOC_SPARQL_TIMEOUT_MS, ASTROVOC_SPARQL_MAX_ROWS,
 * ASTROVOC_SPARQL_PEERS comma-separated, ASTROVOC_SPARQL_WORKERS, ASTROVOC_SPARQL_QUEUE, ASTROVOC_SPARQL_MAX_DEPTH,
 * ASTROVOC_SPARQL_MAX_GROUPS,
 * ASTROVOC_SPARQL_MAX_UPDATE_QUADS) over the defaults,
 * then `overrides` (command-line options) over that. A bad value throws, naming the variable.
 */
export function sparqlConfigFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<SparqlConfig> = {}): SparqlConfig {
  const config = defaultSparqlConfig();
  const read = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const parsed = positive.safeParse(raw);
    if (!parsed.success) throw new Error(`${name}: expected a positive integer, got ${JSON.stringify(raw)}`);
    return parsed.data;
  };
  const timeoutMs = read('ASTROVOC_SPARQL_TIMEOUT_MS');
  const maxRows = read('ASTROVOC_SPARQL_MAX_ROWS');
  const workers = read('ASTROVOC_SPARQL_WORKERS');
  const queueLimit = read('ASTROVOC_SPARQL_QUEUE');
  const maxDepth = read('ASTROVOC_SPARQL_MAX_DEPTH');
  const maxGroups = read('ASTROVOC_SPARQL_MAX_GROUPS');
  const maxUpdateQuads = read('ASTROVOC_SPARQL_MAX_UPDATE_QUADS');
  const peers = (env.ASTROVOC_SPARQL_PEERS ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const peer of [...peers, ...(overrides.peers ?? [])]) {
    if (!/^https?:\/\/[^\s]+$/.test(peer)) throw new Error(`SPARQL peer ${JSON.stringify(peer)} is not an http(s) IRI`);
  }
  return {
    ...config,
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(maxRows ? { maxRows } : {}),
    ...(workers ? { workers, queueLimit: workers * 16 } : {}),
    ...(queueLimit ? { queueLimit } : {}),
    ...(maxDepth ? { maxDepth } : {}),
    ...(maxGroups ? { maxGroups } : {}),
    ...(maxUpdateQuads ? { maxUpdateQuads } : {}),
    peers,
    ...overrides,
  };
}
