import N3 from 'n3';
import oxigraph from 'oxigraph';
import type { Quad } from '../model/index.js';
import { SparqlError } from './sparql-error.js';

/**
 * Works out what a SPARQL Update does to the dataset without touching the live store: the update runs on
 * a scratch copy (the N-Quads dump), and every named graph whose content changed comes back with its new
 * quads, ready for one all-or-nothing VocabularyService.writeGraphs (an emptied graph comes back empty).
 * The default graph is the union view of the named graphs, so an update that writes into the store's own
 * default graph is refused: it must say which named graph it changes.
 */
export function graphsChangedByUpdate(nquads: string, update: string, baseIri: string): Map<string, Quad[]> {
  const scratch = new oxigraph.Store();
  scratch.load(nquads, { format: 'application/n-quads', lenient: true, no_transaction: true });
  const before = graphDumps(scratch);
  try {
    scratch.update(update, { base_iri: baseIri });
  } catch (error) {
    throw new SparqlError('query-rejected', `The update could not be applied: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (scratch.match(null, null, null, oxigraph.defaultGraph()).length > 0) {
    throw new SparqlError('dataset', 'The update writes into the default graph, which is the union of the named graphs: use GRAPH <iri> { ... } or WITH <iri>', {
      parameter: 'update',
    });
  }
  const after = graphDumps(scratch);
  const changed = new Map<string, Quad[]>();
  for (const graph of new Set([...before.keys(), ...after.keys()])) {
    const text = after.get(graph) ?? '';
    if (before.get(graph) !== text) changed.set(graph, new N3.Parser({ format: 'N-Triples' }).parse(text));
  }
  return changed;
}

function graphDumps(store: oxigraph.Store): Map<string, string> {
  const rows = store.query('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }') as Map<string, oxigraph.Term>[];
  const dumps = new Map<string, string>();
  for (const row of rows) {
    const graph = row.get('g')!;
    if (graph.termType !== 'NamedNode') continue;
    const lines = store.dump({ format: 'application/n-triples', from_graph_name: graph }).split('\n').filter(Boolean).sort();
    dumps.set(graph.value, lines.join('\n'));
  }
  return dumps;
}
