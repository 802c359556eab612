/** The JSON answers of the mapping and translation routes (SSSOM slot names), with the zod schemas the document gives them. */
import { z } from 'zod';
import { MAPPING_PREDICATES } from '../../model/index.js';
import { REVIEW_STATUSES, type ComputedSet, type Mapping, type MappingRecord, type Translation } from '../../mapping/index.js';

/** A mapping as SSSOM slots, with its id, set and review state. */
export const mappingAnswer = z
  .object({
    id: z.string(),
    set: z.string(),
    status: z.enum(REVIEW_STATUSES),
    subject_id: z.string(),
    subject_label: z.string().optional(),
    predicate_id: z.string(),
    predicate_modifier: z.literal('Not').optional(),
    object_id: z.string(),
    object_label: z.string().optional(),
    mapping_justification: z.string(),
    confidence: z.number().optional(),
    similarity_score: z.number().optional(),
    similarity_measure: z.string().optional(),
    match_string: z.array(z.string()).optional(),
    author_id: z.array(z.string()).optional(),
    reviewer_id: z.array(z.string()).optional(),
    mapping_date: z.string().optional(),
    review_date: z.string().optional(),
    mapping_tool: z.string().optional(),
    comment: z.string().optional(),
  })
  .meta({ id: 'Mapping' });

export function mappingJson(record: MappingRecord): z.input<typeof mappingAnswer> {
  const m: Mapping = record.mapping;
  return {
    id: record.id,
    set: record.set,
    status: record.status,
    subject_id: m.subjectId,
    subject_label: m.subjectLabel,
    predicate_id: m.predicateId,
    predicate_modifier: m.predicateModifier,
    object_id: m.objectId,
    object_label: m.objectLabel,
    mapping_justification: m.justification,
    confidence: m.confidence,
    similarity_score: m.similarityScore,
    similarity_measure: m.similarityMeasure,
    match_string: m.matchString,
    author_id: m.authorId,
    reviewer_id: m.reviewerId,
    mapping_date: m.mappingDate,
    review_date: m.extra?.review_date,
    mapping_tool: m.mappingTool,
    comment: m.comment,
  };
}

export const mappingListAnswer = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  mappings: z.array(mappingAnswer),
});

const reviewCounts = z.object({ proposed: z.number().int(), accepted: z.number().int(), rejected: z.number().int() });

export const mappingSetsAnswer = z.object({
  sets: z.array(
    z
      .object({
        name: z.string(),
        id: z.string().describe('the mapping_set_id'),
        title: z.string().optional(),
        graph: z.string().describe('the named graph the set is in'),
        mappings: z.number().int(),
        byStatus: reviewCounts,
        unreadableRows: z
          .array(z.object({ file: z.string(), line: z.number().int().optional(), field: z.string().optional(), message: z.string() }))
          .optional()
          .describe('rows of the file that could not be read: left out, and the set is not written until they are fixed'),
      })
      .meta({ id: 'MappingSetSummary' }),
  ),
});

/** A candidate of a matching run, as the mapping layer holds it (identifiers as IRIs). */
const candidateSchema = z
  .object({
    subjectId: z.string(),
    predicateId: z.string(),
    objectId: z.string(),
    justification: z.string(),
    subjectLabel: z.string().optional(),
    objectLabel: z.string().optional(),
    predicateModifier: z.literal('Not').optional(),
    confidence: z.number().optional(),
    similarityScore: z.number().optional(),
    similarityMeasure: z.string().optional(),
    matchString: z.array(z.string()).optional(),
    authorId: z.array(z.string()).optional(),
    reviewerId: z.array(z.string()).optional(),
    mappingDate: z.string().optional(),
    mappingTool: z.string().optional(),
    mappingToolVersion: z.string().optional(),
    subjectSource: z.string().optional(),
    objectSource: z.string().optional(),
    subjectSourceVersion: z.string().optional(),
    objectSourceVersion: z.string().optional(),
    recordId: z.string().optional(),
    comment: z.string().optional(),
    extra: z.record(z.string(), z.string()).optional().describe('any other SSSOM column'),
  })
  .meta({ id: 'Candidate' });

export const candidatesAnswer = z.object({
  pairs_scored: z.number().int().describe('pairs of terms the matchers scored'),
  total: z.number().int(),
  mappings: z.array(candidateSchema),
});

export function candidatesJson(computed: ComputedSet): z.input<typeof candidatesAnswer> {
  return { pairs_scored: computed.pairsScored, total: computed.set.mappings.length, mappings: computed.set.mappings };
}

const predicate = z.enum(MAPPING_PREDICATES);

export const translationAnswer = z
  .object({
    iri: z.string(),
    label: z.string().optional(),
    vocabulary: z.string(),
    predicate,
    confidence: z.number().describe('the product of the confidences along the path'),
    reviewed: z.boolean().describe('every step is accepted (false only with include_proposed)'),
    path: z.array(
      z.object({
        from: z.string(),
        predicate,
        to: z.string(),
        confidence: z.number(),
        set: z.string(),
        mappingId: z.string(),
        status: z.enum(['accepted', 'proposed']),
      }),
    ),
  })
  .meta({ id: 'Translation' });

export function translationJson(t: Translation): z.input<typeof translationAnswer> {
  return {
    iri: t.iri,
    label: t.label,
    vocabulary: t.vocabularyId,
    predicate: t.predicate,
    confidence: Math.round(t.confidence * 1000) / 1000,
    reviewed: t.reviewed,
    path: t.path,
  };
}

export const termTranslationAnswer = z.object({
  source: z.object({ iri: z.string(), label: z.string().optional(), vocabulary: z.string().optional() }),
  to: z.string(),
  include_proposed: z.boolean(),
  translations: z.array(translationAnswer),
});

export const batchTranslationAnswer = z.object({
  to: z.string(),
  include_proposed: z.boolean(),
  results: z.array(
    z.object({
      value: z.string(),
      iri: z.string().optional().describe('the term the value names'),
      translations: z.array(translationAnswer),
      problem: z.string().optional().describe('why the value was not translated'),
    }),
  ),
});
