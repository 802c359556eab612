import type { VocabularyMeta } from './vocabulary.js';

/** Where the IVOA publishes its vocabularies; their pages keep the path below it. */
export const IVOA_RDF_BASE = 'http://www.ivoa.net/rdf/';

/**
 * The page path of a vocabulary: `/rdf/` + the part of its IRI after `http://www.ivoa.net/rdf/` for an
 * IVOA vocabulary (`/rdf/datalink/core`), `/rdf/<catalogue id>` for any other (`/rdf/ihdea_refframe`).
 */
export function vocabularyPagePath(vocabulary: Pick<VocabularyMeta, 'id' | 'iri'>): string {
  if (vocabulary.iri.startsWith(IVOA_RDF_BASE) && vocabulary.iri.length > IVOA_RDF_BASE.length) {
    return `/rdf/${vocabulary.iri.slice(IVOA_RDF_BASE.length)}`;
  }
  return `/rdf/${encodeURIComponent(vocabulary.id)}`;
}

/** The page path of a term: its vocabulary's page path + `/` + its id. */
export function termPagePath(vocabulary: Pick<VocabularyMeta, 'id' | 'iri'>, termId: string): string {
  return `${vocabularyPagePath(vocabulary)}/${encodeURIComponent(termId)}`;
}
