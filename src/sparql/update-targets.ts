import type sparqljs from 'sparqljs';
import { SparqlError } from './sparql-error.js';

/** The graphs a SPARQL Update may change, read from its parse (SPARQL 1.1 Update §3) without running it. */
export interface UpdateTargets {
  /** Named graphs the update names as places it writes to or removes from. */
  graphs: string[];
  /** Some operation writes to graphs chosen at run time (GRAPH ?g in a template, CLEAR NAMED). */
  unknown: boolean;
}

/**
 * Works out what a forwarded update touches, so that only those graphs are read back from the remote store.
 * As on the embedded store, the default graph is the union view of the named graphs: an update that would
 * insert into it is refused, and so is CLEAR/DROP ALL, which on a shared store also reaches graphs astrovoc
 * does not own.
 */
export function updateTargets(update: sparqljs.Update): UpdateTargets {
  const graphs = new Set<string>();
  let unknown = false;
  const intoDefault = (): never => {
    throw new SparqlError(
      'dataset',
      'The update writes into the default graph, which is the union of the named graphs: use GRAPH <iri> { ... } or WITH <iri>',
      { parameter: 'update' },
    );
  };
  const quads = (patterns: readonly sparqljs.Quads[], base: string | undefined, inserting: boolean) => {
    for (const pattern of patterns) {
      if (pattern.type === 'graph') {
        if (pattern.name.termType === 'Variable') unknown = true;
        else graphs.add(pattern.name.value);
      } else if (pattern.triples.length > 0) {
        if (base) graphs.add(base);
        else if (inserting) intoDefault();
      }
    }
  };
  for (const operation of update.updates) {
    if ('updateType' in operation) {
      const base = operation.graph && 'termType' in operation.graph ? operation.graph.value : operation.graph?.name?.value;
      if (operation.updateType === 'insert' || operation.updateType === 'insertdelete') quads(operation.insert, base, true);
      if (operation.updateType !== 'insert') quads(operation.delete, base, false);
      continue;
    }
    switch (operation.type) {
      case 'load':
        if (!operation.destination) intoDefault();
        else graphs.add(operation.destination.value);
        break;
      case 'create':
        break;
      case 'clear':
      case 'drop':
        if (operation.graph.all)
          throw new SparqlError('dataset', `${operation.type.toUpperCase()} ALL would reach every graph of the shared store: name the graphs`, {
            parameter: 'update',
          });
        if (operation.graph.named) unknown = true;
        else if (operation.graph.name) graphs.add(operation.graph.name.value);
        break;
      default:
        if (!operation.destination.name) intoDefault();
        else graphs.add(operation.destination.name.value);
        if (operation.type === 'move' && operation.source.name) graphs.add(operation.source.name.value);
    }
  }
  return { graphs: [...graphs], unknown };
}
