/**
 * A mapping set as RDF: each positive mapping as its SKOS triple (what SPARQL users query), and each
 * mapping, negative ones included, as an owl:Axiom carrying its SSSOM metadata (the SSSOM/RDF form:
 * owl:annotatedSource / annotatedProperty / annotatedTarget plus sssom: slots), all in one named graph.
 */
import { ASTROVOC, DC, OWL, RDF, SSSOM, XSD, factory, iri, literal, type Quad } from '../model/index.js';
import { mappingId, reviewStatus, MAPPING_RECORD_BASE, type Mapping, type MappingSet } from './mapping.js';

import { MAPPING_GRAPH_PREFIX } from '../store/index.js';

export { MAPPING_GRAPH_PREFIX };

export function mappingGraphIri(setName: string): string {
  return `${MAPPING_GRAPH_PREFIX}${encodeURIComponent(setName)}`;
}

const typed = (value: string, type: string) => literal(value, iri(`${XSD}${type}`));

export function mappingSetQuads(set: MappingSet): Quad[] {
  const graph = iri(mappingGraphIri(set.name));
  const quads: Quad[] = [];
  const add = (s: string, p: string, o: ReturnType<typeof iri> | ReturnType<typeof literal>) => quads.push(factory.quad(iri(s), iri(p), o, graph));
  const setIri = set.meta.mappingSetId;
  add(setIri, `${RDF}type`, iri(`${SSSOM}MappingSet`));
  add(setIri, `${SSSOM}license`, iri(set.meta.license));
  const title = set.meta.other.mapping_set_title;
  if (typeof title === 'string') add(setIri, `${DC}title`, literal(title));

  for (const mapping of set.mappings) {
    const status = reviewStatus(mapping, set.name);
    if (status !== 'rejected') quads.push(factory.quad(iri(mapping.subjectId), iri(mapping.predicateId), iri(mapping.objectId), graph));
    const node = `${MAPPING_RECORD_BASE}${mappingId(mapping)}`;
    add(setIri, `${SSSOM}mappings`, iri(node));
    add(node, `${RDF}type`, iri(`${OWL}Axiom`));
    add(node, `${OWL}annotatedSource`, iri(mapping.subjectId));
    add(node, `${OWL}annotatedProperty`, iri(mapping.predicateId));
    add(node, `${OWL}annotatedTarget`, iri(mapping.objectId));
    add(node, `${SSSOM}mapping_justification`, iri(mapping.justification));
    add(node, `${ASTROVOC}reviewStatus`, literal(status));
    for (const [slot, value] of metadataOf(mapping)) add(node, `${SSSOM}${slot}`, value);
  }
  return quads;
}

function metadataOf(m: Mapping): [string, ReturnType<typeof literal> | ReturnType<typeof iri>][] {
  const out: [string, ReturnType<typeof literal> | ReturnType<typeof iri>][] = [];
  if (m.predicateModifier) out.push(['predicate_modifier', literal(m.predicateModifier)]);
  if (m.subjectLabel) out.push(['subject_label', literal(m.subjectLabel)]);
  if (m.objectLabel) out.push(['object_label', literal(m.objectLabel)]);
  if (m.confidence !== undefined) out.push(['confidence', typed(String(m.confidence), 'double')]);
  if (m.similarityScore !== undefined) out.push(['similarity_score', typed(String(m.similarityScore), 'double')]);
  if (m.similarityMeasure) out.push(['similarity_measure', literal(m.similarityMeasure)]);
  for (const s of m.matchString ?? []) out.push(['match_string', literal(s)]);
  for (const a of m.authorId ?? []) out.push(['author_id', iri(a)]);
  for (const r of m.reviewerId ?? []) out.push(['reviewer_id', iri(r)]);
  if (m.mappingDate) out.push(['mapping_date', /^\d{4}-\d{2}-\d{2}$/.test(m.mappingDate) ? typed(m.mappingDate, 'date') : literal(m.mappingDate)]);
  if (m.mappingTool) out.push(['mapping_tool', literal(m.mappingTool)]);
  if (m.mappingToolVersion) out.push(['mapping_tool_version', literal(m.mappingToolVersion)]);
  if (m.subjectSource) out.push(['subject_source', iri(m.subjectSource)]);
  if (m.objectSource) out.push(['object_source', iri(m.objectSource)]);
  if (m.comment) out.push(['comment', literal(m.comment)]);
  return out;
}
