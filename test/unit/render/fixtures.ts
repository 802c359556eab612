/** Small in-memory vocabularies for the render unit tests. */
import type { Term, VocabularyMeta } from '../../../src/model/index.js';
import { vocabularyMeta } from '../../support/vocabulary-meta.js';

export const meta = (id: string, flavour: VocabularyMeta['flavour'], iri = `http://example.org/rdf/${id}`): VocabularyMeta =>
  vocabularyMeta(id, iri, { flavour });

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
