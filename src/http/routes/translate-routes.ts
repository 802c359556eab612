import { z } from 'zod';
import { MAPPING_PREDICATES, type MappingPredicate } from '../../model/index.js';
import { translateTerm, translateValues, type MappingService, type TermName, type TranslationOptions } from '../../mapping/index.js';
import { route, type ApiRoute } from '../api/api-route.js';
import { queryBoolean } from '../api/common-schemas.js';
import { batchTranslationAnswer, termTranslationAnswer, translationJson } from './mapping-answers.js';
import { confidenceSchema, hostedVocabulary, iriSchema, parsePredicate, predicateSchema } from './mapping-parameters.js';

/** The most values one POST /translate may carry. */
export const MAX_BATCH_VALUES = 10_000;

/** Comma-separated predicates in one query parameter; empty is none given. */
const predicateList = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined || text === '') return undefined;
    const predicates: MappingPredicate[] = [];
    for (const item of text.split(',')) {
      const predicate = parsePredicate(item.trim());
      if (!predicate) {
        ctx.addIssue({ code: 'custom', message: `${item} is not one of ${MAPPING_PREDICATES.join(', ')}` });
        return z.NEVER;
      }
      predicates.push(predicate);
    }
    return predicates;
  });

const translateQuery = (service: MappingService) =>
  z
    .object({
      iri: iriSchema.optional().describe('the term IRI'),
      vocab: z.string().min(1).optional().describe('the hosted vocabulary of value'),
      value: z.string().min(1).optional().describe('a term id, IRI or label of vocab'),
      to: hostedVocabulary(service).describe('the hosted vocabulary to translate into'),
      predicates: predicateList.describe('comma-separated predicates to accept (default: all)'),
      min_confidence: confidenceSchema.optional().describe('lowest confidence'),
      include_proposed: queryBoolean
        .optional()
        .describe(
          'chain over proposed (unreviewed) mappings too; each path step then says its status, and reviewed is false on a translation with a proposed step',
        ),
    })
    .refine((query) => query.iri !== undefined || (query.vocab !== undefined && query.value !== undefined), {
      message: 'give iri=, or vocab= and value=',
      path: ['iri'],
    });

const translateBatch = (service: MappingService) =>
  z.object({
    to: hostedVocabulary(service).describe('the hosted vocabulary to translate into'),
    vocab: z.string().min(1).optional().describe('the hosted vocabulary of the values (without it, each value is a term IRI)'),
    values: z.array(z.string().min(1)).min(1).max(MAX_BATCH_VALUES).describe(`term IRIs, or ids, IRIs or labels of vocab (at most ${MAX_BATCH_VALUES})`),
    predicates: z.array(predicateSchema).optional().describe('predicates to accept (default: all)'),
    min_confidence: confidenceSchema.optional().describe('lowest confidence'),
    include_proposed: z.boolean().optional().describe('chain over proposed (unreviewed) mappings too'),
  });

interface TranslationFields {
  to: string;
  predicates?: readonly MappingPredicate[] | undefined;
  min_confidence?: number | undefined;
  include_proposed?: boolean | undefined;
}

function optionsOf(fields: TranslationFields): TranslationOptions {
  return {
    to: fields.to,
    ...(fields.predicates ? { predicates: fields.predicates } : {}),
    ...(fields.min_confidence !== undefined ? { minConfidence: fields.min_confidence } : {}),
    includeProposed: fields.include_proposed ?? false,
  };
}

/** GET and POST /translate: one term, or a batch of values (a read: no token). */
export function translateRoutes(service: MappingService, bodyLimitBytes: number): ApiRoute[] {
  const one = route({
    method: 'get',
    path: '/translate',
    base: 'api',
    operationId: 'translateTerm',
    summary: 'Best equivalents of a term in another vocabulary, with predicate, confidence and path',
    description: 'Name the term by iri=, or by vocab= and value=.',
    tag: 'translate',
    query: translateQuery(service),
    responses: {
      200: { description: 'The translations, best first', content: { 'application/json': termTranslationAnswer } },
      404: 'No term of vocab has the value as id, IRI or label',
    },
    handler: ({ query }) => {
      const term: TermName = query.iri !== undefined ? { iri: query.iri } : { vocab: query.vocab ?? '', value: query.value ?? '' };
      const answer = translateTerm(service, term, optionsOf(query));
      return { source: answer.source, to: answer.to, include_proposed: answer.includeProposed, translations: answer.translations.map(translationJson) };
    },
  });

  const batch = route({
    method: 'post',
    path: '/translate',
    base: 'api',
    operationId: 'translateValues',
    summary: 'Translate a batch of values (a column of a portal table)',
    description: 'A value that names no term gets a problem in its result; the others are translated as GET /translate does.',
    tag: 'translate',
    body: {
      description: 'The values and where to translate them',
      mediaTypes: ['application/json'],
      limitBytes: bodyLimitBytes,
      schema: translateBatch(service),
    },
    responses: { 200: { description: 'One result per value, in order', content: { 'application/json': batchTranslationAnswer } } },
    handler: ({ body }) => {
      const answer = translateValues(service, body.values, { ...optionsOf(body), ...(body.vocab ? { vocab: body.vocab } : {}) });
      return {
        to: answer.to,
        include_proposed: answer.includeProposed,
        results: answer.results.map((result) => ({ ...result, translations: result.translations.map(translationJson) })),
      };
    },
  });

  return [one, batch];
}
