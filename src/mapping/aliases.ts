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

/**
 * Creation order of the concepts of vocabularies that mint sequential numeric IRIs: the UAT numbers its
 * concepts as it adds them (http://astrothesaurus.org/uat/2281, "Adaptive optics", was minted in 2022, after
 * every concept the 4.2.0 crosswalks name). The number is read from the term's own IRI or from one of its
 * exactMatch aliases; a term with neither has no known order.
 */
export function creationOrder(index: TermSource): (iri: string) => number | undefined {
  const order = new Map<string, number>();
  const numberOf = (iri: string) => /^https?:\/\/[^#]*\/(\d+)$/.exec(iri)?.[1];
  for (const vocabulary of index.vocabularies) {
    for (const term of index.terms(vocabulary.id)) {
      const n =
        numberOf(term.iri) ??
        term.mappings
          .filter((l) => l.predicate === 'exactMatch' && !index.termByIri(l.target))
          .map((l) => numberOf(l.target))
          .find((x) => x !== undefined);
      if (n !== undefined) order.set(term.iri, Number(n));
    }
  }
  return (iri) => order.get(iri);
}
