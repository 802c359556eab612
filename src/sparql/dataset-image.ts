import oxigraph from 'oxigraph';
import { rdfMediaType } from '../model/index.js';
import { assertSafeIri } from '../store/store.js';

/** One named graph's whole new content, as N-Triples ('' when the graph is now empty); with `add`, triples merged into it. */
export interface GraphContent {
  graph: string;
  ntriples: string;
  add?: true;
}

/**
 * The dataset as a worker rebuilds it: a full N-Quads dump of the main store (shared, never copied per worker)
 * and, in order, the graphs each write changed since that dump. Plain data: it crosses worker boundaries.
 */
export interface DatasetImage {
  base: SharedArrayBuffer;
  changes: GraphContent[][];
}

/** A fresh store holding the image: the dump, then every change in order. */
export function storeFromImage(image: DatasetImage): oxigraph.Store {
  const store = new oxigraph.Store();
  if (image.base.byteLength > 0) store.load(new Uint8Array(image.base), { format: rdfMediaType('nq'), lenient: true, no_transaction: true });
  for (const change of image.changes) applyChange(store, change);
  return store;
}

/** Replaces each graph of `change` by its new content, or merges the triples of an `add`. */
export function applyChange(store: oxigraph.Store, change: readonly GraphContent[]): void {
  for (const { graph, ntriples, add } of change) {
    const name = oxigraph.namedNode(graph);
    if (!add) store.update(`DROP SILENT GRAPH <${assertSafeIri(graph)}>`);
    if (ntriples.length > 0) store.load(ntriples, { format: rdfMediaType('nt'), to_graph_name: name, lenient: true, no_transaction: true });
  }
}
