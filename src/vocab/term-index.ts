import {
  bareTerm,
  IVOASEM,
  OWL,
  RDF,
  RDFS,
  SKOS,
  MAPPING_PREDICATES,
  type MappingLink,
  type MappingPredicate,
  type Quad,
  type Term,
  type VocabularyMeta,
} from '../model/index.js';

/** Types whose instances are terms of a vocabulary. */
const TERM_TYPES = new Set([`${SKOS}Concept`, `${RDFS}Class`, `${RDF}Property`, `${OWL}Class`, `${OWL}ObjectProperty`, `${OWL}DatatypeProperty`]);
const LABEL = new Set([`${SKOS}prefLabel`, `${RDFS}label`]);
const ALT_LABEL = `${SKOS}altLabel`;
const DEFINITION = new Set([`${SKOS}definition`, `${RDFS}comment`]);
const PARENT = new Set([`${SKOS}broader`, `${RDFS}subClassOf`, `${RDFS}subPropertyOf`]);
const CHILD = `${SKOS}narrower`;
const MAPPING = new Map<string, MappingPredicate>(MAPPING_PREDICATES.map((p) => [`${SKOS}${p}`, p]));

/** Counts of one vocabulary's terms by status. */
export interface TermCounts {
  terms: number;
  deprecated: number;
  preliminary: number;
  topTerms: number;
}

/** Terms by IRI and by (vocabulary, id), derived from the store; immutable once built (a reload builds a new one). */
export class TermIndex {
  private constructor(
    private readonly byIri: ReadonlyMap<string, Term>,
    private readonly byVocabulary: ReadonlyMap<string, ReadonlyMap<string, Term>>,
    readonly vocabularies: readonly VocabularyMeta[],
  ) {}

  static empty(): TermIndex {
    return new TermIndex(new Map(), new Map(), []);
  }

  /** Builds the index from each vocabulary's quads (`quadsOf` returns the quads of one named graph). */
  static build(vocabularies: readonly VocabularyMeta[], quadsOf: (graph: string) => readonly Quad[]): TermIndex {
    const byIri = new Map<string, Term>();
    const byVocabulary = new Map<string, Map<string, Term>>();
    for (const vocabulary of vocabularies) {
      const terms = termsOfGraph(vocabulary, quadsOf(vocabulary.graph));
      byVocabulary.set(vocabulary.id, terms);
      for (const term of terms.values()) if (!byIri.has(term.iri)) byIri.set(term.iri, term);
    }
    return new TermIndex(byIri, byVocabulary, vocabularies);
  }

  /** A plain form for the snapshot: a warm start restores the index without reading any quad. */
  toJSON(): { terms: Term[] } {
    return { terms: [...this.byVocabulary.values()].flatMap((terms) => [...terms.values()]) };
  }

  static fromJSON(vocabularies: readonly VocabularyMeta[], json: { terms: Term[] }): TermIndex {
    const byIri = new Map<string, Term>();
    const byVocabulary = new Map<string, Map<string, Term>>(vocabularies.map((v) => [v.id, new Map()]));
    for (const term of json.terms) {
      byVocabulary.get(term.vocabularyId)?.set(term.id, term);
      if (!byIri.has(term.iri)) byIri.set(term.iri, term);
    }
    return new TermIndex(byIri, byVocabulary, vocabularies);
  }

  get size(): number {
    return this.byIri.size;
  }

  vocabulary(id: string): VocabularyMeta | undefined {
    return this.vocabularies.find((v) => v.id === id);
  }

  term(vocabularyId: string, id: string): Term | undefined {
    return this.byVocabulary.get(vocabularyId)?.get(id);
  }

  termByIri(iri: string): Term | undefined {
    return this.byIri.get(iri);
  }

  terms(vocabularyId: string): Term[] {
    return [...(this.byVocabulary.get(vocabularyId)?.values() ?? [])];
  }

  counts(vocabularyId: string): TermCounts {
    const terms = this.terms(vocabularyId);
    return {
      terms: terms.length,
      deprecated: terms.filter((t) => t.status.deprecated).length,
      preliminary: terms.filter((t) => t.status.preliminary).length,
      topTerms: terms.filter((t) => t.parents.length === 0).length,
    };
  }
}

function termsOfGraph(vocabulary: VocabularyMeta, quads: readonly Quad[]): Map<string, Term> {
  const bySubject = new Map<string, Quad[]>();
  for (const quad of quads) {
    if (quad.subject.termType !== 'NamedNode') continue;
    const list = bySubject.get(quad.subject.value);
    if (list) list.push(quad);
    else bySubject.set(quad.subject.value, [quad]);
  }
  const terms = new Map<string, Term>();
  for (const [iri, subjectQuads] of bySubject) {
    if (!iri.startsWith(vocabulary.termBase) || iri.length === vocabulary.termBase.length) continue;
    if (!subjectQuads.some(isTermEvidence)) continue;
    terms.set(iri.slice(vocabulary.termBase.length), termFromQuads(vocabulary, iri, subjectQuads));
  }
  linkChildren(terms, quads);
  return new Map([...terms.values()].map((t) => [t.id, t]));
}

/** A typed term, or (RDFS entailment, rdfs:domain of subClassOf/subPropertyOf) a class or property by its hierarchy alone. */
function isTermEvidence(quad: Quad): boolean {
  const p = quad.predicate.value;
  return (p === `${RDF}type` && TERM_TYPES.has(quad.object.value)) || p === `${RDFS}subClassOf` || p === `${RDFS}subPropertyOf`;
}

function termFromQuads(vocabulary: VocabularyMeta, iri: string, quads: readonly Quad[]): Term {
  const term = bareTerm({ iri, id: iri.slice(vocabulary.termBase.length), vocabularyId: vocabulary.id });
  for (const { predicate, object } of quads) {
    const p = predicate.value;
    if (LABEL.has(p)) pushUnique(term.labels, object.value);
    else if (p === ALT_LABEL) pushUnique(term.altLabels, object.value);
    else if (DEFINITION.has(p)) pushUnique(term.definitions, object.value);
    else if (PARENT.has(p) && object.termType === 'NamedNode') pushUnique(term.parents, object.value);
    else if (p === `${IVOASEM}preliminary`) term.status.preliminary = true;
    else if (p === `${IVOASEM}deprecated` || (p === `${OWL}deprecated` && object.value === 'true')) term.status.deprecated = true;
    else if (p === `${IVOASEM}useInstead`) pushUnique(term.useInstead, object.value);
    else if (MAPPING.has(p) && object.termType === 'NamedNode') addMapping(term.mappings, { predicate: MAPPING.get(p)!, target: object.value });
  }
  return term;
}

/** Children come from the parents' side (broader, subClassOf) and from explicit skos:narrower. */
function linkChildren(terms: Map<string, Term>, quads: readonly Quad[]): void {
  const byIri = new Map([...terms.values()].map((t) => [t.iri, t]));
  for (const term of byIri.values()) {
    for (const parent of term.parents) {
      const parentTerm = byIri.get(parent);
      if (parentTerm) pushUnique(parentTerm.children, term.iri);
    }
  }
  for (const quad of quads) {
    if (quad.predicate.value !== CHILD) continue;
    const parent = byIri.get(quad.subject.value);
    const child = byIri.get(quad.object.value);
    if (parent && child) {
      pushUnique(parent.children, child.iri);
      pushUnique(child.parents, parent.iri);
    }
  }
}

function pushUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

function addMapping(list: MappingLink[], link: MappingLink): void {
  if (!list.some((l) => l.predicate === link.predicate && l.target === link.target)) list.push(link);
}
