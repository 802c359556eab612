/** SKOS mapping predicates, by local name. */
export const MAPPING_PREDICATES = ['exactMatch', 'closeMatch', 'broadMatch', 'narrowMatch', 'relatedMatch'] as const;
export type MappingPredicate = (typeof MAPPING_PREDICATES)[number];

export interface MappingLink {
  predicate: MappingPredicate;
  /** IRI of the other term. */
  target: string;
}

export interface TermStatus {
  preliminary: boolean;
  deprecated: boolean;
}

/** One term of a hosted vocabulary, as the index holds it. */
export interface Term {
  iri: string;
  id: string;
  vocabularyId: string;
  /** Preferred labels; the first is the one to show. A repeated id in the source keeps every row's label. */
  labels: string[];
  altLabels: string[];
  /** Definitions or descriptions; the first is the one to show. */
  definitions: string[];
  /** Direct parents, as IRIs. */
  parents: string[];
  /** Direct children, as IRIs. */
  children: string[];
  status: TermStatus;
  /** Replacement terms (IRIs) of a deprecated term. */
  useInstead: string[];
  /** Mapping links that the term's source asserts. */
  mappings: MappingLink[];
}

/** A stable term with only its identity (and any fields given): no labels, relations or mappings yet. */
export function bareTerm(identity: Pick<Term, 'iri' | 'id' | 'vocabularyId'> & Partial<Term>): Term {
  return {
    labels: [],
    altLabels: [],
    definitions: [],
    parents: [],
    children: [],
    status: { preliminary: false, deprecated: false },
    useInstead: [],
    mappings: [],
    ...identity,
  };
}
