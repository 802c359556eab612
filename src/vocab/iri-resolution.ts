/** From an IRI to the hosted vocabulary or term it names (the resolver's `/resolve?iri=`). */
import type { Term, VocabularyMeta } from '../model/index.js';
import type { TermIndex } from './term-index.js';

export interface IriTarget {
  vocabulary: VocabularyMeta;
  term?: Term;
}

/**
 * The hosted vocabulary or term an IRI names: a term IRI, a vocabulary IRI, or a vocabulary IRI with a trailing `#` or `/`.
 * A term IRI that two vocabularies share names the first vocabulary that has it.
 */
export function resolveIri(index: TermIndex, iri: string): IriTarget | undefined {
  const term = index.termByIri(iri);
  if (term) {
    const vocabulary = index.vocabulary(term.vocabularyId);
    return vocabulary ? { vocabulary, term } : undefined;
  }
  const bare = iri.replace(/[#/]$/, '');
  const vocabulary = index.vocabularies.find((v) => v.iri === iri || v.iri === bare);
  return vocabulary ? { vocabulary } : undefined;
}
