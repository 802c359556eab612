/** Small in-memory vocabularies for the render unit tests. */
import { vocabularyGraphIri, type Term, type VocabularyMeta } from '../../../src/model/index.js';

export function meta(id: string, flavour: VocabularyMeta['flavour'], iri = `http://example.org/rdf/${id}`): VocabularyMeta {
  return {
    id,
    iri,
    termBase: `${iri}#`,
    title: id,
    community: 'IVOA',
    flavour,
    authors: [],
    licence: { uri: 'http://creativecommons.org/publicdomain/zero/1.0/', name: 'CC0-1.0' },
    draft: false,
    hidden: false,
    graph: vocabularyGraphIri(id, undefined),
  };
}

/** Terms from `id: parent ids` lines; children are derived from the parents, in term order. */
export function terms(vocabulary: VocabularyMeta, tree: Record<string, string[]>, extra: Record<string, Partial<Term>> = {}): Term[] {
  const iri = (id: string) => (id.includes(':') ? id : `${vocabulary.termBase}${id}`);
  const list: Term[] = Object.entries(tree).map(([id, parents]) => ({
    iri: iri(id),
    id,
    vocabularyId: vocabulary.id,
    labels: [`Label ${id}`],
    altLabels: [],
    definitions: [],
    parents: parents.map(iri),
    children: [],
    status: { preliminary: false, deprecated: false },
    useInstead: [],
    mappings: [],
    ...extra[id],
  }));
  for (const term of list) for (const parent of term.parents) list.find((t) => t.iri === parent)?.children.push(term.iri);
  return list;
}
