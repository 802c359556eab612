/** One SSSOM mapping and one mapping set, as the mapping layer speaks them (identifiers expanded to IRIs). */
import { createHash } from 'node:crypto';
import { SEMAPV, SKOS, type MappingPredicate } from '../model/index.js';

export const REVIEW_STATUSES = ['proposed', 'accepted', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** semapv justifications astrovoc writes (SSSOM: mapping_justification). */
export const JUSTIFICATION = {
  lexical: `${SEMAPV}LexicalMatching`,
  lexicalThreshold: `${SEMAPV}LexicalSimilarityThresholdMatching`,
  structural: `${SEMAPV}StructuralMatching`,
  composite: `${SEMAPV}CompositeMatching`,
  manual: `${SEMAPV}ManualMappingCuration`,
  review: `${SEMAPV}MappingReview`,
  chaining: `${SEMAPV}MappingChaining`,
  unspecified: `${SEMAPV}UnspecifiedMatching`,
} as const;

export const predicateIri = (predicate: MappingPredicate): string => `${SKOS}${predicate}`;

/** The SKOS mapping predicate of an IRI, if it is one. */
export function skosPredicate(iri: string): MappingPredicate | undefined {
  if (!iri.startsWith(SKOS)) return undefined;
  const local = iri.slice(SKOS.length);
  return (['exactMatch', 'closeMatch', 'broadMatch', 'narrowMatch', 'relatedMatch'] as const).find((p) => p === local);
}

/** One row of an SSSOM table. Entity references (ids, justification, sources) hold full IRIs. */
export interface Mapping {
  subjectId: string;
  predicateId: string;
  objectId: string;
  justification: string;
  subjectLabel?: string;
  objectLabel?: string;
  /** `Not` makes a negative mapping: the subject is NOT related so to the object. */
  predicateModifier?: 'Not';
  confidence?: number;
  similarityScore?: number;
  similarityMeasure?: string;
  matchString?: string[];
  authorId?: string[];
  reviewerId?: string[];
  mappingDate?: string;
  mappingTool?: string;
  mappingToolVersion?: string;
  subjectSource?: string;
  objectSource?: string;
  subjectSourceVersion?: string;
  objectSourceVersion?: string;
  recordId?: string;
  comment?: string;
  /** Any other column, verbatim, so that a file survives a read-write round trip. */
  extra?: Record<string, string>;
}

/** Set-level metadata (the YAML header). */
export interface MappingSetMeta {
  mappingSetId: string;
  license: string;
  curieMap: Record<string, string>;
  /** Every other header field, verbatim. */
  other: Record<string, unknown>;
}

export interface MappingSet {
  /** Short name: the file stem in `mappings/`, or `source-asserted`. */
  name: string;
  meta: MappingSetMeta;
  mappings: Mapping[];
  /**
   * `external` when the set-level metadata was read from a sibling `<name>.sssom.yml` (SSSOM/TSV
   * "external metadata mode"), so that writing the set back keeps that layout; absent: the `#` header.
   */
  metadataLayout?: 'external';
}

/** The set of the links hosted sources assert themselves. */
export const SOURCE_ASSERTED_SET = 'source-asserted';

export const MAPPING_RECORD_BASE = 'https://astrovoc.org/mapping/';

/** A stable id for a (subject, predicate, object) triple: a review keeps it, a rejection too. */
export function mappingKey(subject: string, predicate: string, object: string): string {
  return createHash('sha1').update(`${subject}\n${predicate}\n${object}`).digest('hex').slice(0, 16);
}

export function mappingId(mapping: Mapping): string {
  if (mapping.recordId?.startsWith(MAPPING_RECORD_BASE)) return mapping.recordId.slice(MAPPING_RECORD_BASE.length);
  return mappingKey(mapping.subjectId, mapping.predicateId, mapping.objectId);
}

/**
 * Review state, from standard SSSOM columns only: a negative mapping (`predicate_modifier: Not`) is
 * rejected; one with a reviewer, or curated by hand, or asserted by a hosted source, is accepted; the rest are proposed.
 */
export function reviewStatus(mapping: Mapping, setName?: string): ReviewStatus {
  if (mapping.predicateModifier === 'Not') return 'rejected';
  if (setName === SOURCE_ASSERTED_SET) return 'accepted';
  if ((mapping.reviewerId?.length ?? 0) > 0 || mapping.justification === JUSTIFICATION.manual) return 'accepted';
  return 'proposed';
}
