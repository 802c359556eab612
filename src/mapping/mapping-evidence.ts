/** A term's links in the mapping sets, seen from the term: what its page (live or exported) shows of each. */
import type { MappingPredicate } from '../model/index.js';
import { skosPredicate } from './mapping.js';
import type { MappingRecord } from './mapping-records.js';
import { inversePredicate } from './source-asserted.js';

/** A mapping as the service records it (SSSOM), turned to face the term. */
export interface MappingEvidence {
  predicate: MappingPredicate;
  /** The other end of the mapping, seen from the term. */
  target: string;
  negative: boolean;
  status: 'proposed' | 'accepted' | 'rejected';
  justification?: string;
  confidence?: number;
  reviewer?: string;
  set?: string;
}

/** The evidence of every SKOS mapping among `records` with `iri` at one end (records at neither end are left out). */
export function evidenceOf(records: Iterable<MappingRecord>, iri: string): MappingEvidence[] {
  const evidence: MappingEvidence[] = [];
  for (const record of records) {
    const { mapping } = record;
    const fromSubject = mapping.subjectId === iri;
    if (!fromSubject && mapping.objectId !== iri) continue;
    const predicate = skosPredicate(mapping.predicateId);
    if (!predicate) continue;
    evidence.push({
      predicate: fromSubject ? predicate : inversePredicate(predicate),
      target: fromSubject ? mapping.objectId : mapping.subjectId,
      negative: mapping.predicateModifier === 'Not',
      status: record.status,
      justification: mapping.justification,
      ...(mapping.confidence !== undefined ? { confidence: mapping.confidence } : {}),
      ...(mapping.reviewerId?.length ? { reviewer: mapping.reviewerId.join(', ') } : {}),
      set: record.set,
    });
  }
  return evidence;
}
