import { vocabularyGraphIri, type VocabularyMeta } from '../../src/model/index.js';

export const CC0 = { uri: 'http://creativecommons.org/publicdomain/zero/1.0/', name: 'CC0-1.0' };
export const APACHE_2 = { uri: 'https://www.apache.org/licenses/LICENSE-2.0', name: 'Apache-2.0' };

/** The catalogue's view of a vocabulary, as a reader receives it: terms at `${iri}#`, CC0, not draft. */
export function vocabularyMeta(id: string, iri: string, overrides: Partial<VocabularyMeta> = {}): VocabularyMeta {
  return {
    id,
    iri,
    termBase: `${iri}#`,
    title: id,
    community: 'IVOA',
    flavour: 'RDF Class',
    authors: [],
    licence: CC0,
    draft: false,
    hidden: false,
    graph: vocabularyGraphIri(id, undefined),
    ...overrides,
  };
}
