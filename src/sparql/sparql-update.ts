import oxigraph from 'oxigraph';
import { rdfMediaType } from '../model/index.js';
import { storeFromImage, type DatasetImage } from './dataset-image.js';
import { SparqlError } from './sparql-error.js';

/** A graph an update changed, with its whole new content as N-Triples (plain data, to cross a worker boundary). */
export interface ChangedGraph {
  graph: string;
  ntriples: string;
}

/**
 * Works out what a SPARQL Update does to the dataset without touching the live store: the update runs on
 * a scratch copy (rebuilt from the dataset image), and every named graph whose content changed comes back with its new
 * content, ready for one all-or-nothing write (an emptied graph comes back empty). The default graph is the
 * union view of the named graphs, so an update that writes into the store's own default graph is refused:
 * it must say which named graph it changes. An update that adds more than `maxAddedQuads` is refused (413).
 * oxigraph runs synchronously and may trap: call this in a disposable worker (update-worker.ts).
 */
export function graphsChangedByUpdate(image: DatasetImage, update: string, baseIri: string, maxAddedQuads: number, named?: readonly string[]): ChangedGraph[] {
  const scratch = storeFromImage(image);
  const sizeBefore = scratch.size;
  const countsBefore = graphSizes(scratch);
  // Dumping and comparing every graph costs seconds on the whole dataset: only the graphs the update names
  // are compared, unless it changed the size of another one (then its parse missed a target: compare all).
  const compared = (graphs: Iterable<string>) => new Map([...graphs].map((g) => [g, graphDump(scratch, g)]));
  let before = compared(named ?? countsBefore.keys());
  try {
    scratch.update(update, { base_iri: baseIri });
  } catch (error) {
    if (!(error instanceof Error) || error.constructor !== Error) throw error;
    throw new SparqlError('query-rejected', `The update could not be applied: ${error.message}`, { parameter: 'update' });
  }
  const added = scratch.size - sizeBefore;
  if (added > maxAddedQuads) {
    throw new SparqlError('update-bound', `The update adds ${added} quads, over the bound of ${maxAddedQuads}`, {
      parameter: 'update',
      bound: 'added-quads',
      limit: maxAddedQuads,
    });
  }
  if (scratch.match(null, null, null, oxigraph.defaultGraph()).length > 0) {
    throw new SparqlError(
      'dataset',
      'The update writes into the default graph, which is the union of the named graphs: use GRAPH <iri> { ... } or WITH <iri>',
      {
        parameter: 'update',
      },
    );
  }
  const countsAfter = graphSizes(scratch);
  const unnamed = [...new Set([...countsBefore.keys(), ...countsAfter.keys()])].filter((g) => !before.has(g) && countsBefore.get(g) !== countsAfter.get(g));
  if (unnamed.length > 0) before = new Map([...before, ...compareOnOriginal(image, unnamed)]);
  const after = compared(before.keys());
  const changed: ChangedGraph[] = [];
  for (const graph of new Set([...before.keys(), ...after.keys()])) {
    const text = after.get(graph) ?? '';
    if (before.get(graph) !== text) changed.push({ graph, ntriples: text });
  }
  return changed;
}

/** Triples per named graph. */
function graphSizes(store: oxigraph.Store): Map<string, number> {
  const rows = store.query('SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g') as Map<string, oxigraph.Term>[];
  return new Map(rows.filter((row) => row.get('g')!.termType === 'NamedNode').map((row) => [row.get('g')!.value, Number(row.get('n')!.value)]));
}

/** The sorted N-Triples of one named graph ('' when empty). */
function graphDump(store: oxigraph.Store, graph: string): string {
  const lines = store
    .dump({ format: rdfMediaType('nt'), from_graph_name: oxigraph.namedNode(graph) })
    .split('\n')
    .filter(Boolean)
    .sort();
  return lines.join('\n');
}

/** The graphs' content before the update, read from a fresh copy of the image (the scratch store is already changed). */
function compareOnOriginal(image: DatasetImage, graphs: readonly string[]): Map<string, string> {
  const original = storeFromImage(image);
  return new Map(graphs.map((g) => [g, graphDump(original, g)]));
}
