/**
 * The mappings that hosted sources already assert (skos:exactMatch in a terms.csv, the voparis-ns EPN
 * links, UAT's links to its astrothesaurus.org IRIs) as one set, justified semapv:UnspecifiedMatching.
 * A link both ends state (A exactMatch B and B exactMatch A, A broadMatch B and B narrowMatch A) is kept once.
 */
import type { MappingPredicate, Term, VocabularyMeta } from '../model/index.js';
import { JUSTIFICATION, SOURCE_ASSERTED_SET, predicateIri, type Mapping, type MappingSet } from './mapping.js';

const INVERSE: Readonly<Record<MappingPredicate, MappingPredicate>> = {
  exactMatch: 'exactMatch',
  closeMatch: 'closeMatch',
  relatedMatch: 'relatedMatch',
  broadMatch: 'narrowMatch',
  narrowMatch: 'broadMatch',
};

export function inversePredicate(predicate: MappingPredicate): MappingPredicate {
  return INVERSE[predicate];
}

/** One key for a link and its inverse. */
export function undirectedKey(subject: string, predicate: MappingPredicate, object: string): string {
  const inverse = INVERSE[predicate];
  return subject < object ? `${subject} ${predicate} ${object}` : `${object} ${inverse} ${subject}`;
}

export interface TermSource {
  vocabularies: readonly VocabularyMeta[];
  terms(vocabularyId: string): Term[];
  termByIri(iri: string): Term | undefined;
}

export function sourceAssertedSet(index: TermSource): MappingSet {
  const seen = new Set<string>();
  const mappings: Mapping[] = [];
  for (const vocabulary of index.vocabularies) {
    for (const term of index.terms(vocabulary.id)) {
      for (const link of term.mappings) {
        const key = undirectedKey(term.iri, link.predicate, link.target);
        if (seen.has(key)) continue;
        seen.add(key);
        const target = index.termByIri(link.target);
        mappings.push({
          subjectId: term.iri,
          predicateId: predicateIri(link.predicate),
          objectId: link.target,
          justification: JUSTIFICATION.unspecified,
          ...(term.labels[0] ? { subjectLabel: term.labels[0] } : {}),
          ...(target?.labels[0] ? { objectLabel: target.labels[0] } : {}),
          subjectSource: vocabulary.iri,
          ...(vocabulary.version ? { subjectSourceVersion: vocabulary.version } : {}),
          ...(target ? { objectSource: index.vocabularies.find((v) => v.id === target.vocabularyId)?.iri ?? '' } : {}),
          comment: `asserted by the source of ${vocabulary.id}`,
        });
      }
    }
  }
  return {
    name: SOURCE_ASSERTED_SET,
    meta: {
      mappingSetId: 'https://astrovoc.org/mappings/source-asserted',
      license: 'https://creativecommons.org/publicdomain/zero/1.0/',
      curieMap: {},
      other: {
        mapping_set_title: 'Mappings asserted by the hosted sources themselves',
        mapping_set_description: 'Each skos mapping link a hosted vocabulary states, kept once (a link and its inverse count as one).',
      },
    },
    mappings: mappings.map((m) => (m.objectSource === '' ? withoutObjectSource(m) : m)),
  };
}

function withoutObjectSource(m: Mapping): Mapping {
  const { objectSource: _o, ...rest } = m;
  return rest;
}
