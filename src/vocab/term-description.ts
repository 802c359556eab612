import { factory, SKOS, type Quad } from '../model/index.js';
import type { LocalDataset } from '../store/index.js';

const PREF_LABEL = factory.namedNode(`${SKOS}prefLabel`);

/**
 * A term's triples in its vocabulary's graph, and the preferred labels (in that graph) of the resources they
 * point to: what Skosmos' /data answers for a concept. Triples in the default graph, each once.
 */
export function describeTerm(dataset: LocalDataset, iri: string, graph: string): Quad[] {
  const g = factory.namedNode(graph);
  const out = new Map<string, Quad>();
  const add = (q: Quad) => out.set(`${termKey(q.subject)} ${q.predicate.value} ${termKey(q.object)}`, factory.quad(q.subject, q.predicate, q.object));
  const seen = new Set<string>();
  for (const q of dataset.matchNow(factory.namedNode(iri), null, null, g)) {
    add(q);
    if (q.object.termType === 'Literal' || seen.has(termKey(q.object))) continue;
    seen.add(termKey(q.object));
    for (const label of dataset.matchNow(q.object, PREF_LABEL, null, g)) add(label);
  }
  return [...out.values()];
}

const termKey = (term: Quad['subject'] | Quad['object']): string =>
  term.termType === 'Literal' ? JSON.stringify([term.value, term.language, term.datatype.value]) : `${term.termType}:${term.value}`;
