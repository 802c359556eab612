/**
 * A term's record (the fields of a terms.csv row) read from its vocabulary graph, and the rewrite of a graph for
 * changed records: exactly the triples of the fields that changed are replaced, spelled as the vocabulary's
 * flavour spells them (VocInVO2 §3.2) and as terms-csv-reader writes them (flags with the empty string as
 * object); every other triple of the term stays as it is.
 */
import { IVOASEM, OWL, RDF, RDFS, SKOS, XSD, factory, iri, literal, type Flavour, type Quad, type VocabularyMeta } from '../model/index.js';
import { MAPPING_PREDICATES } from '../model/index.js';
import type { TermLifecycle, TermLink, TermRecord, TermRecordField } from '../model/index.js';

interface FlavourShape {
  type: string;
  label: string;
  description: string;
  wider: string;
}

const SHAPES: Readonly<Record<Flavour, FlavourShape>> = {
  'RDF Class': { type: `${RDFS}Class`, label: `${RDFS}label`, description: `${RDFS}comment`, wider: `${RDFS}subClassOf` },
  'RDF Property': { type: `${RDF}Property`, label: `${RDFS}label`, description: `${RDFS}comment`, wider: `${RDFS}subPropertyOf` },
  SKOS: { type: `${SKOS}Concept`, label: `${SKOS}prefLabel`, description: `${SKOS}definition`, wider: `${SKOS}broader` },
};

const ALT_LABEL = `${SKOS}altLabel`;
const NARROWER = `${SKOS}narrower`;
const TOP_CONCEPT_OF = `${SKOS}topConceptOf`;
const HAS_TOP_CONCEPT = `${SKOS}hasTopConcept`;
const IN_SCHEME = `${SKOS}inScheme`;
const PRELIMINARY = `${IVOASEM}preliminary`;
const DEPRECATED = `${IVOASEM}deprecated`;
const OWL_DEPRECATED = `${OWL}deprecated`;
const USE_INSTEAD = `${IVOASEM}useInstead`;
const LINK_PREDICATES: ReadonlySet<string> = new Set([`${SKOS}related`, ...MAPPING_PREDICATES.map((p) => `${SKOS}${p}`)]);

/** The preferred label language of a vocabulary graph: the tag its labels use most ('' for plain literals). */
export function labelLanguage(quads: readonly Quad[], flavour: Flavour): string {
  const counts = new Map<string, number>();
  for (const q of quads) {
    if (q.predicate.value === SHAPES[flavour].label && q.object.termType === 'Literal') counts.set(q.object.language, (counts.get(q.object.language) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

/** The record of term `id` from the quads of its vocabulary graph (the term's own triples suffice), or undefined when the graph has no such term. */
export function termRecordOf(quads: readonly Quad[], meta: VocabularyMeta, id: string, language: string): TermRecord | undefined {
  const subject = `${meta.termBase}${id}`;
  const shape = SHAPES[meta.flavour];
  const own = quads.filter((q) => q.subject.termType === 'NamedNode' && q.subject.value === subject);
  if (own.length === 0) return undefined;
  const texts = (predicate: string) =>
    own
      .filter((q) => q.predicate.value === predicate && q.object.termType === 'Literal')
      .map((q) => ({ value: q.object.value, language: (q.object as { language: string }).language }));
  const inLanguage = (predicate: string) => {
    const all = texts(predicate);
    return (all.some((t) => t.language === language) ? all.filter((t) => t.language === language) : all).map((t) => t.value);
  };
  const ids = (predicate: string) =>
    own.filter((q) => q.predicate.value === predicate && q.object.value.startsWith(meta.termBase)).map((q) => q.object.value.slice(meta.termBase.length));
  const has = (predicate: string) => own.some((q) => q.predicate.value === predicate && q.object.value !== 'false');
  const status: TermLifecycle = has(DEPRECATED) || has(OWL_DEPRECATED) ? 'deprecated' : has(PRELIMINARY) ? 'preliminary' : 'approved';
  const useInstead = ids(USE_INSTEAD)[0];
  return {
    id,
    label: inLanguage(shape.label)[0] ?? '',
    description: inLanguage(shape.description)[0] ?? '',
    altLabels: unique(inLanguage(ALT_LABEL)),
    parents: unique(ids(shape.wider)),
    status,
    ...(useInstead ? { useInstead } : {}),
    links: own
      .filter((q) => LINK_PREDICATES.has(q.predicate.value) && q.object.termType === 'NamedNode')
      .map((q) => ({ predicate: q.predicate.value, target: q.object.value })),
  };
}

/** The fields in which two records differ (every field when one is missing). */
export function changedFields(before: TermRecord | null, after: TermRecord | null): TermRecordField[] {
  const fields: TermRecordField[] = ['label', 'description', 'altLabels', 'parents', 'status', 'useInstead', 'links'];
  return fields.filter((f) => !sameField(f, before, after));
}

export function sameField(field: TermRecordField, a: TermRecord | null, b: TermRecord | null): boolean {
  return JSON.stringify(fieldValue(field, a)) === JSON.stringify(fieldValue(field, b));
}

function fieldValue(field: TermRecordField, record: TermRecord | null): unknown {
  if (!record) return null;
  const value = record[field];
  if (field === 'links') return [...(value as TermLink[])].map((l) => `${l.predicate} ${l.target}`).sort();
  return value ?? null;
}

/** A change of one term's record: from what the graph holds (null: absent) to what it must hold (null: removed). */
export interface RecordChange {
  from: TermRecord | null;
  to: TermRecord | null;
}

/** The vocabulary graph with each term's changed fields rewritten (a removed term loses all its triples and the links to it from its tree). */
export function rewriteGraph(quads: readonly Quad[], meta: VocabularyMeta, changes: ReadonlyMap<string, RecordChange>, language: string): Quad[] {
  const shape = SHAPES[meta.flavour];
  const graph = factory.namedNode(meta.graph);
  const uses = (predicate: string) => quads.some((q) => q.predicate.value === predicate);
  const narrower = uses(NARROWER);
  const topConcepts = meta.flavour === 'SKOS' && (uses(TOP_CONCEPT_OF) || uses(HAS_TOP_CONCEPT));
  const scheme = quads.find((q) => q.predicate.value === IN_SCHEME)?.object.value ?? meta.iri;
  const covered = (predicate: string, field: TermRecordField): boolean => {
    switch (field) {
      case 'label':
        return predicate === shape.label;
      case 'description':
        return predicate === shape.description;
      case 'altLabels':
        return predicate === ALT_LABEL;
      case 'parents':
        return predicate === shape.wider || predicate === TOP_CONCEPT_OF;
      case 'status':
        return predicate === PRELIMINARY || predicate === DEPRECATED || predicate === OWL_DEPRECATED;
      case 'useInstead':
        return predicate === USE_INSTEAD;
      case 'links':
        return LINK_PREDICATES.has(predicate);
    }
  };
  const termIri = (id: string) => `${meta.termBase}${id}`;
  const fieldsOf = new Map([...changes].map(([id, c]) => [termIri(id), c.to === null ? null : changedFields(c.from, c.to)]));
  // Inverse triples of a changed parent list: `P skos:narrower T`, `scheme skos:hasTopConcept T`.
  const reparented = new Set([...changes].filter(([, c]) => c.to === null || changedFields(c.from, c.to).includes('parents')).map(([id]) => termIri(id)));

  const replaced = (q: Quad): boolean => {
    const fields = fieldsOf.get(q.subject.value);
    if (fields === null) return true;
    for (const field of fields ?? []) {
      if (!covered(q.predicate.value, field)) continue;
      // Text in another language than the vocabulary's labels, and parents outside the vocabulary, are no field of the record.
      if ((field === 'label' || field === 'description' || field === 'altLabels') && q.object.termType === 'Literal' && q.object.language !== language)
        continue;
      if (q.predicate.value === shape.wider && !q.object.value.startsWith(meta.termBase)) continue;
      return true;
    }
    return (q.predicate.value === NARROWER || q.predicate.value === HAS_TOP_CONCEPT) && reparented.has(q.object.value);
  };
  const kept = quads.filter((q) => !replaced(q));

  const text = (value: string) => literal(value, language || undefined);
  const add = (subject: string, predicate: string, object: Quad['object']) => kept.push(factory.quad(iri(subject), iri(predicate), object, graph));
  for (const [id, change] of changes) {
    const to = change.to;
    if (!to) continue;
    const subject = termIri(id);
    const fields = fieldsOf.get(subject) ?? [];
    if (!change.from) {
      add(subject, `${RDF}type`, iri(shape.type));
      if (meta.flavour === 'SKOS' && uses(IN_SCHEME)) add(subject, IN_SCHEME, iri(scheme));
    }
    if (fields.includes('label') && to.label) add(subject, shape.label, text(to.label));
    if (fields.includes('description') && to.description) add(subject, shape.description, text(to.description));
    if (fields.includes('altLabels')) for (const alt of to.altLabels) add(subject, ALT_LABEL, text(alt));
    if (fields.includes('parents')) {
      for (const parent of to.parents) {
        add(subject, shape.wider, iri(termIri(parent)));
        if (narrower && meta.flavour === 'SKOS') add(termIri(parent), NARROWER, iri(subject));
      }
      if (topConcepts && to.parents.length === 0) {
        add(subject, TOP_CONCEPT_OF, iri(scheme));
        add(scheme, HAS_TOP_CONCEPT, iri(subject));
      }
    }
    if (fields.includes('status') && to.status !== 'approved') add(subject, to.status === 'deprecated' ? DEPRECATED : PRELIMINARY, literal(''));
    if (fields.includes('status') && to.status === 'deprecated' && uses(OWL_DEPRECATED)) add(subject, OWL_DEPRECATED, literal('true', iri(`${XSD}boolean`)));
    if (fields.includes('useInstead') && to.useInstead) add(subject, USE_INSTEAD, iri(termIri(to.useInstead)));
    if (fields.includes('links')) for (const link of to.links) add(subject, link.predicate, iri(link.target));
  }
  return kept;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
