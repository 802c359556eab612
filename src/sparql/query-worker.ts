// A query worker: its own oxigraph store, loaded from an N-Quads dump of the main store, answering one
// request at a time. The request is parsed and guarded here (sparqljs), then evaluated, all inside the
// query's time limit, which the pool enforces by terminating this thread.
import { parentPort } from 'node:worker_threads';
import oxigraph from 'oxigraph';
import { isWebAssemblyTrap, workerInput } from '../sandbox/index.js';
import { applyChange, storeFromImage } from './dataset-image.js';
import type { PoolToWorker, WorkerLoad, WorkerOutcome, WorkerQuery, WorkerToPool } from './query-protocol.js';
import { analyseRequest } from './request-analysis.js';
import { federatedMediaTypesFor, mediaTypesFor } from './result-formats.js';
import { cutSolutions } from './row-cap.js';
import { DEFAULT_BASE_IRI } from './sparql-parser.js';
import { SparqlError } from './sparql-error.js';

const port = parentPort!;
let store = new oxigraph.Store();
const encoder = new TextEncoder();

/** A failed change may leave the store half changed: the pool then sends a full image next time. */
function load(message: WorkerLoad): void {
  if (message.base) store = storeFromImage({ base: message.base, changes: message.changes });
  else for (const change of message.changes) applyChange(store, change);
}

const graphs = (list: string[]) => list.map((iri) => (iri === '' ? oxigraph.defaultGraph() : oxigraph.namedNode(iri)));

/** oxigraph reports a query it cannot run with a plain Error; anything else (a trap, a RangeError) means the engine broke. */
function evaluate(text: string, mediaType: string, request: WorkerQuery, hasDataset: boolean): string {
  const options: Record<string, unknown> = { results_format: mediaType, base_iri: DEFAULT_BASE_IRI };
  if (request.defaultGraphs || request.namedGraphs) {
    options.default_graph = request.defaultGraphs ? graphs(request.defaultGraphs) : oxigraph.defaultGraph();
    if (request.namedGraphs) options.named_graphs = graphs(request.namedGraphs);
  } else {
    options.use_default_graph_as_union = !hasDataset;
  }
  try {
    return store.query(text, options) as string;
  } catch (error) {
    if (error instanceof Error && error.constructor === Error) throw new SparqlError('query-rejected', `The query could not be evaluated: ${error.message}`);
    throw error;
  }
}

function answer(request: WorkerQuery): WorkerOutcome {
  const analysis = analyseRequest(request.text, request.maxRows);
  if (analysis.kind === 'update') {
    throw new SparqlError('update-forbidden', 'This is a SPARQL Update, not a query');
  }
  const { form } = analysis;
  const federated = analysis.services.length > 0;
  const mediaType = (federated ? request.formats.federated : request.formats.local)[form];
  if (!mediaType)
    throw new SparqlError('not-acceptable', `A ${form} query can answer ${(federated ? federatedMediaTypesFor(form) : mediaTypesFor(form)).join(', ')}`);
  if (federated) return { kind: 'federate', form, mediaType, text: analysis.text, services: analysis.services };
  let body: Uint8Array = encoder.encode(evaluate(analysis.text, mediaType, request, analysis.hasDataset));
  let rows: number | undefined;
  let truncated = false;
  if (form === 'SELECT' && request.maxRows !== undefined) {
    const cut = cutSolutions(Buffer.from(body.buffer, body.byteOffset, body.byteLength), mediaType, request.maxRows);
    ({ rows, truncated } = cut);
    body = cut.body;
  }
  if (body.byteLength > request.maxAnswerBytes) {
    throw new SparqlError(
      'query-bound',
      `The answer holds ${body.byteLength} bytes, over the bound of ${request.maxAnswerBytes}: narrow the query or add a LIMIT`,
      {
        parameter: 'query',
        bound: 'answer-bytes',
        limit: request.maxAnswerBytes,
      },
    );
  }
  return { kind: 'answer', form, mediaType, body, ...(rows !== undefined ? { rows } : {}), truncated };
}

/**
 * An error nobody expected: this thread's engine may be broken, so the pool replaces the worker. A WebAssembly
 * trap or a stack overflow (RangeError, also raised inside oxigraph's WASM) is this query's doing, its size or
 * shape (oxigraph fails on it every time): a 400; anything else is the service's: a 503.
 */
function failure(error: unknown): WorkerOutcome {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (isWebAssemblyTrap(error))
    return { kind: 'error', code: 'query-rejected', message: `The query engine failed on this query (${what})`, details: { parameter: 'query' }, fatal: true };
  if (error instanceof RangeError)
    return { kind: 'error', code: 'query-rejected', message: `The query is too complex to evaluate (${what})`, details: { parameter: 'query' }, fatal: true };
  return { kind: 'error', code: 'engine', message: `The query engine failed (${what})`, details: {}, fatal: true };
}

function send(message: WorkerToPool): void {
  if (message.type === 'outcome' && message.outcome.kind === 'answer') {
    const body = message.outcome.body;
    // Transferred, not copied; a body cut from a larger buffer is copied once so that only its bytes travel.
    const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : body.slice();
    port.postMessage({ ...message, outcome: { ...message.outcome, body: own } }, [own.buffer as ArrayBuffer]);
    return;
  }
  port.postMessage(message);
}

const initial = workerInput<WorkerLoad>();
try {
  load(initial);
  send({ type: 'ready', generation: initial.generation });
} catch (error) {
  send({ type: 'load-failed', generation: initial.generation, message: error instanceof Error ? error.message : String(error) });
}

port.on('message', (message: PoolToWorker) => {
  if (message.type === 'load') {
    try {
      load(message);
      send({ type: 'ready', generation: message.generation });
    } catch (error) {
      send({ type: 'load-failed', generation: message.generation, message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  let outcome: WorkerOutcome;
  try {
    outcome = answer(message.request);
  } catch (error) {
    outcome = error instanceof SparqlError ? { kind: 'error', code: error.code, message: error.message, details: error.details, fatal: false } : failure(error);
  }
  send({ type: 'outcome', outcome });
});
