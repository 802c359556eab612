import type { GraphContent } from './dataset-image.js';
import type { QueryForm } from './sparql-parser.js';
import type { SparqlErrorCode, SparqlErrorDetails } from './sparql-error.js';

/** The media type content negotiation chose for each query form (false: none suits), local and federated. */
export interface AnswerFormats {
  local: Record<QueryForm, string | false>;
  federated: Record<QueryForm, string | false>;
}

/** What a query worker runs: parse, guard and evaluate one request text over its copy of the dataset. */
export interface WorkerQuery {
  text: string;
  formats: AnswerFormats;
  /** An explicit dataset (SPARQL 1.1 Protocol §2.1.4); '' stands for the store's own default graph. */
  defaultGraphs?: string[];
  namedGraphs?: string[];
  /** Most solutions a SELECT answers (undefined: no cap, for the service's own queries). */
  maxRows?: number;
  /** Most bytes an answer may hold. */
  maxAnswerBytes: number;
}

/** A worker's outcome for one query. */
export type WorkerOutcome =
  | { kind: 'answer'; form: QueryForm; mediaType: string; body: Uint8Array; rows?: number; truncated: boolean }
  /** The query names SERVICE: not run locally; the main thread checks the targets and federates the capped text. */
  | { kind: 'federate'; form: QueryForm; mediaType: string; text: string; services: string[] }
  /** `fatal`: the worker's engine may be broken (a WebAssembly trap, an unexpected error); it must be replaced. */
  | { kind: 'error'; code: SparqlErrorCode; message: string; details: SparqlErrorDetails; fatal: boolean };

/**
 * Brings a worker to `generation`: with `base`, a fresh store from that dump first; then the changes in order
 * (each replaces whole graphs). A worker already at an earlier generation is sent only the changes since.
 */
export interface WorkerLoad {
  base?: SharedArrayBuffer;
  changes: GraphContent[][];
  generation: number;
}

export type PoolToWorker = ({ type: 'load' } & WorkerLoad) | { type: 'query'; request: WorkerQuery };

export type WorkerToPool =
  { type: 'ready'; generation: number } | { type: 'load-failed'; generation: number; message: string } | { type: 'outcome'; outcome: WorkerOutcome };
