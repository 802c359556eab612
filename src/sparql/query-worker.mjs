// A query worker: its own oxigraph store, loaded from an N-Quads dump of the main store, answering one
// query at a time. Plain JavaScript importing only oxigraph and node built-ins, so the same file runs
// under the TypeScript tests and from the build (query-pool.ts locates it).
import { TextEncoder } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import oxigraph from 'oxigraph';

let store = new oxigraph.Store();
const encoder = new TextEncoder();

function load(data) {
  const next = new oxigraph.Store();
  if (data && data.byteLength > 0) {
    next.load(new Uint8Array(data), { format: 'application/n-quads', lenient: true, no_transaction: true });
  }
  store = next;
}

function graphs(list) {
  return list.map((iri) => (iri === '' ? oxigraph.defaultGraph() : oxigraph.namedNode(iri)));
}

function run(request) {
  const options = { results_format: request.format };
  if (request.baseIri) options.base_iri = request.baseIri;
  if (request.defaultGraphs || request.namedGraphs) {
    options.default_graph = request.defaultGraphs ? graphs(request.defaultGraphs) : oxigraph.defaultGraph();
    if (request.namedGraphs) options.named_graphs = graphs(request.namedGraphs);
  } else {
    options.use_default_graph_as_union = request.union;
  }
  return store.query(request.sparql, options);
}

load(workerData?.data);
parentPort.postMessage({ type: 'ready', generation: workerData?.generation ?? 0 });

parentPort.on('message', (message) => {
  if (message.type === 'load') {
    try {
      load(message.data);
      parentPort.postMessage({ type: 'ready', generation: message.generation });
    } catch (error) {
      parentPort.postMessage({ type: 'load-failed', generation: message.generation, message: String(error?.message ?? error) });
    }
    return;
  }
  if (message.type === 'query') {
    try {
      // Encoded here and transferred, not copied: the main thread sends the bytes as they are.
      const body = encoder.encode(String(run(message.request)));
      parentPort.postMessage({ type: 'answer', id: message.id, ok: true, body }, [body.buffer]);
    } catch (error) {
      parentPort.postMessage({ type: 'answer', id: message.id, ok: false, message: String(error?.message ?? error) });
    }
  }
});
