/** The SSSOM slots astrovoc reads into typed fields, in the column order it writes them. */
import type { Mapping } from './mapping.js';

type Kind = 'entity' | 'entities' | 'string' | 'strings' | 'number';

export interface Column {
  slot: string;
  field: keyof Omit<Mapping, 'extra'>;
  kind: Kind;
  /**
   * A propagatable slot (SSSOM schema: `propagated: true`): a value in the set-level metadata stands for
   * the same value on every mapping (SSSOM/TSV, "Propagatable slots").
   */
  propagatable?: true;
}

export const COLUMNS: readonly Column[] = [
  { slot: 'record_id', field: 'recordId', kind: 'entity' },
  { slot: 'subject_id', field: 'subjectId', kind: 'entity' },
  { slot: 'subject_label', field: 'subjectLabel', kind: 'string' },
  { slot: 'predicate_id', field: 'predicateId', kind: 'entity' },
  { slot: 'predicate_modifier', field: 'predicateModifier', kind: 'string' },
  { slot: 'object_id', field: 'objectId', kind: 'entity' },
  { slot: 'object_label', field: 'objectLabel', kind: 'string' },
  { slot: 'mapping_justification', field: 'justification', kind: 'entity' },
  { slot: 'confidence', field: 'confidence', kind: 'number' },
  { slot: 'similarity_score', field: 'similarityScore', kind: 'number' },
  { slot: 'similarity_measure', field: 'similarityMeasure', kind: 'string', propagatable: true },
  { slot: 'match_string', field: 'matchString', kind: 'strings' },
  { slot: 'author_id', field: 'authorId', kind: 'entities' },
  { slot: 'reviewer_id', field: 'reviewerId', kind: 'entities' },
  { slot: 'mapping_date', field: 'mappingDate', kind: 'string', propagatable: true },
  { slot: 'mapping_tool', field: 'mappingTool', kind: 'string', propagatable: true },
  { slot: 'mapping_tool_version', field: 'mappingToolVersion', kind: 'string', propagatable: true },
  { slot: 'subject_source', field: 'subjectSource', kind: 'entity', propagatable: true },
  { slot: 'subject_source_version', field: 'subjectSourceVersion', kind: 'string', propagatable: true },
  { slot: 'object_source', field: 'objectSource', kind: 'entity', propagatable: true },
  { slot: 'object_source_version', field: 'objectSourceVersion', kind: 'string', propagatable: true },
  { slot: 'comment', field: 'comment', kind: 'string' },
];

/** The propagatable slots astrovoc reads into typed fields, in column order. */
export const PROPAGATABLE_COLUMNS: readonly Column[] = COLUMNS.filter((c) => c.propagatable);

/** SSSOM 1.0: every mapping must have these. */
export const REQUIRED_COLUMNS = ['subject_id', 'predicate_id', 'object_id', 'mapping_justification'] as const;
/** SSSOM 1.0: every mapping set must have these. */
export const REQUIRED_SET_FIELDS = ['mapping_set_id', 'license'] as const;
