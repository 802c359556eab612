/** Other names of hosted terms: the targets of their exactMatch links that no hosted vocabulary defines (the UAT's astrothesaurus.org IRIs). */
import type { TermSource } from './source-asserted.js';

export function canonicalIris(index: TermSource): (iri: string) => string {
  const alias = new Map<string, string>();
  for (const vocabulary of index.vocabularies) {
    for (const term of index.terms(vocabulary.id)) {
      for (const link of term.mappings) {
        if (link.predicate === 'exactMatch' && !index.termByIri(link.target) && !alias.has(link.target)) alias.set(link.target, term.iri);
      }
    }
  }
  return (iri) => alias.get(iri) ?? iri;
}
