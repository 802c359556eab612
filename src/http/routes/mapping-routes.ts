import { z } from 'zod';
import { requireRole } from '../../access/index.js';
import {
  CURATED_SET,
  CurieMap,
  MappingError,
  MAX_IDENTIFIER_LENGTH,
  parseIdentifier,
  REVIEW_STATUSES,
  writeSssom,
  type MappingService,
} from '../../mapping/index.js';
import { defaultSparqlConfig } from '../../sparql/index.js';
import { API_BASE, route, type ApiRoute, type RouteGroup } from '../api/api-route.js';
import { queryInteger } from '../api/common-schemas.js';
import { expectedVersionOf } from '../if-match.js';
import { badRequest, HttpProblem, notFound } from '../problem.js';
import { mappingJson, mappingAnswer, mappingListAnswer, mappingSetsAnswer } from './mapping-answers.js';
import { mappingComputeRoutes } from './mapping-compute-routes.js';
import { confidenceSchema, iriSchema, predicateSchema } from './mapping-parameters.js';
import { translateRoutes } from './translate-routes.js';

/** The largest JSON body a mapping or translation route reads (a batch of 10,000 values fits). */
export const MAPPING_JSON_BODY_BYTES = 2 * 1024 * 1024;

const listQuery = z.object({
  subject: iriSchema.optional().describe('subject IRI'),
  object: iriSchema.optional().describe('object IRI'),
  vocab: z.string().min(1).optional().describe('either end in this hosted vocabulary'),
  status: z.enum(REVIEW_STATUSES).optional().describe('review state'),
  predicate: predicateSchema.optional().describe('SKOS mapping predicate (exactMatch, skos:exactMatch or the SKOS IRI)'),
  set: z.string().min(1).optional().describe('mapping set name'),
  limit: queryInteger({ min: 1, max: 1000 }).default(100).describe('page size (1..1000, default 100)'),
  offset: queryInteger({ min: 0 }).default(0).describe('first result'),
});

/** An identifier to write: the mapping service checks it (an IRI of an accepted scheme, or a CURIE the set declares). */
const identifierSchema = z.string().min(1).max(MAX_IDENTIFIER_LENGTH);

const newMappingBody = z.object({
  subject_id: identifierSchema.describe('an absolute IRI (http, https, urn, ivo, mailto) or a CURIE of a prefix the set declares'),
  predicate_id: predicateSchema.describe('SKOS mapping predicate (exactMatch, skos:exactMatch or the SKOS IRI)'),
  object_id: identifierSchema.describe('as subject_id'),
  predicate_modifier: z.literal('Not').optional().describe('Not: a negative mapping'),
  confidence: confidenceSchema.optional(),
  comment: z.string().max(2000).optional(),
  set: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, 'letters, digits, "_" and "-" (at most 100)')
    .optional()
    .describe('the curated set to add it to (default: curated)'),
});

const reviewBody = z.object({
  decision: z.enum(['accept', 'reject']),
  reviewer: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("optional; if given, the owner of the write token (the reviewer recorded is always the token's owner)"),
  comment: z.string().max(2000).optional(),
});

const idParams = z.object({ id: z.string().describe('the mapping id') });
const jsonBody = { mediaTypes: ['application/json'], limitBytes: MAPPING_JSON_BODY_BYTES } as const;
const mappingWithETag = (description: string) => ({
  description,
  content: { 'application/json': mappingAnswer },
  headers: { ETag: 'the version of the mapping, for If-Match' },
});

/** The hosted vocabularies of a mapping's ends (none when neither end is a hosted term). */
function vocabulariesOf(service: MappingService, ...iris: readonly (string | undefined)[]): string[] {
  return iris.flatMap((iri) => {
    const vocabulary = iri === undefined ? undefined : service.vocabularies.termByIri(iri)?.vocabularyId;
    return vocabulary ? [vocabulary] : [];
  });
}

/** An identifier of a new mapping as its set will read it (a CURIE of the set's prefixes expanded); undefined if it is not one. */
function iriOf(service: MappingService, value: string, setName: string): string | undefined {
  const parsed = parseIdentifier(value.trim(), new CurieMap(service.set(setName)?.meta.curieMap ?? {}));
  return 'iri' in parsed ? parsed.iri : undefined;
}

/** A review's version is the mapping's ETag, said with If-Match (RFC 9110 §13.1.1). */
function reviewRethrow(error: unknown): never {
  if (error instanceof MappingError && error.code === 'precondition-required')
    throw new HttpProblem(428, 'Precondition required', `${error.message}: send it as If-Match, the ETag of the mapping`);
  if (error instanceof MappingError && error.code === 'precondition-failed')
    throw new HttpProblem(412, 'Precondition failed', `${error.message}: read it again and send its new ETag as If-Match`);
  throw error;
}

function curationRoutes(service: MappingService): ApiRoute[] {
  const list = route({
    method: 'get',
    path: '/mappings',
    base: 'api',
    operationId: 'listMappings',
    summary: 'Mappings, filtered',
    tag: 'mappings',
    query: listQuery,
    responses: { 200: { description: 'A page of the mappings, with the total', content: { 'application/json': mappingListAnswer } } },
    handler: ({ query }) => {
      const { total, mappings } = service.list(query);
      return { total, offset: query.offset, limit: query.limit, mappings: mappings.map(mappingJson) };
    },
  });

  const sets = route({
    method: 'get',
    path: '/mappings/sets',
    base: 'api',
    operationId: 'listMappingSets',
    summary: 'The mapping sets with counts by review state',
    tag: 'mappings',
    responses: { 200: { description: 'The sets', content: { 'application/json': mappingSetsAnswer } } },
    handler: () => ({ sets: service.listSets() }),
  });

  const set = route({
    method: 'get',
    path: '/mappings/sets/{name}',
    base: 'api',
    operationId: 'getMappingSet',
    summary: 'One mapping set as SSSOM TSV',
    tag: 'mappings',
    params: z.object({ name: z.string().describe('the set name, as /mappings/sets lists it') }),
    responses: { 200: { description: 'The set as SSSOM TSV', content: { 'text/tab-separated-values': undefined } }, 404: 'No such set' },
    handler: ({ params, res }) => {
      const found = service.set(params.name);
      if (!found) throw notFound(`No mapping set named ${params.name}`);
      res.type('text/tab-separated-values; charset=utf-8').send(writeSssom(found));
    },
  });

  const get = route({
    method: 'get',
    path: '/mappings/{id}',
    base: 'api',
    operationId: 'getMapping',
    summary: 'One mapping, with its ETag',
    tag: 'mappings',
    params: idParams,
    responses: { 200: mappingWithETag('The mapping'), 404: 'No such mapping' },
    handler: ({ params, res }) => {
      const record = service.get(params.id);
      if (!record) throw notFound(`No mapping with id ${params.id}`);
      res.set('ETag', record.etag);
      return mappingJson(record);
    },
  });

  const add = route({
    method: 'post',
    path: '/mappings',
    base: 'api',
    operationId: 'addMapping',
    summary: 'Add a curated mapping (semapv:ManualMappingCuration)',
    description:
      "Needs an editor of the subject's or the object's vocabulary (of any vocabulary when neither end is a hosted term); the token's owner is recorded as the author.",
    tag: 'mappings',
    write: 'editor',
    body: { ...jsonBody, description: 'The mapping, in SSSOM slots', schema: newMappingBody },
    responses: {
      201: { ...mappingWithETag('The mapping as recorded'), headers: { ETag: 'the version of the mapping, for If-Match', Location: 'the mapping' } },
      400: "A bad field, or an identifier that is neither an IRI of an accepted scheme nor a CURIE of the set's prefixes",
      409: 'The mapping exists already, or its set has rows that cannot be read',
    },
    handler: async ({ body, res, principal }) => {
      const setName = body.set ?? CURATED_SET;
      const ends = [iriOf(service, body.subject_id, setName), iriOf(service, body.object_id, setName)];
      const author = requireRole(principal, 'editor', vocabulariesOf(service, ...ends));
      const record = await service.add(
        {
          subjectId: body.subject_id,
          predicate: body.predicate_id,
          objectId: body.object_id,
          ...(body.predicate_modifier ? { negative: true } : {}),
          ...(body.confidence !== undefined ? { confidence: body.confidence } : {}),
          ...(body.comment ? { comment: body.comment } : {}),
          ...(body.set ? { set: body.set } : {}),
        },
        author.name,
      );
      res.status(201).set('ETag', record.etag).location(`${API_BASE}/mappings/${record.id}`);
      return mappingJson(record);
    },
  });

  const review = route({
    method: 'post',
    path: '/mappings/{id}/review',
    base: 'api',
    operationId: 'reviewMapping',
    summary: 'Accept or reject a mapping (a rejection is a negative mapping that suppresses the suggestion in later runs)',
    description:
      "Needs a maintainer of the subject's or the object's vocabulary (of any vocabulary when neither end is a hosted term); the token's owner is recorded as the reviewer. " +
      'Send If-Match with the ETag of the mapping as read: a review of a mapping changed since is refused (412), one without If-Match too (428).',
    tag: 'mappings',
    write: 'maintainer',
    params: idParams,
    body: { ...jsonBody, description: 'The decision', schema: reviewBody },
    responses: {
      200: mappingWithETag('The reviewed mapping'),
      400: "A bad field, or a reviewer other than the token's owner",
      404: 'No such mapping',
      409: 'A source-asserted mapping, or its set has rows that cannot be read',
      412: 'The ETag given with If-Match is not the mapping’s any more',
      428: 'No If-Match',
    },
    handler: async ({ params, body, req, res, principal }) => {
      const found = service.get(params.id);
      const reviewer = requireRole(principal, 'maintainer', found ? vocabulariesOf(service, found.mapping.subjectId, found.mapping.objectId) : undefined).name;
      if (body.reviewer !== undefined && body.reviewer !== reviewer) {
        throw badRequest(
          'reviewer',
          `a review is recorded under the owner of the write token (${reviewer}); leave reviewer out, or use a token of ${JSON.stringify(body.reviewer)}`,
        );
      }
      const decision = { decision: body.decision, reviewer, ...(body.comment ? { comment: body.comment } : {}) };
      const record = await service.review(params.id, decision, expectedVersionOf(req.get('if-match'))).catch(reviewRethrow);
      res.set('ETag', record.etag);
      return mappingJson(record);
    },
  });

  return [list, sets, set, get, add, review];
}

/**
 * /mappings (list, read, add, review, sets, compute) and /translate, under /api/v1. Writes need a write token;
 * reviews need If-Match with the mapping's ETag (412 when stale, 428 when missing).
 */
export function mappingRoutes(service: MappingService, uploadTimeoutMs = defaultSparqlConfig().timeoutMs): RouteGroup {
  return {
    tags: [
      { name: 'mappings', description: 'Cross-vocabulary mappings (SSSOM): list, curate, review, compute candidates' },
      { name: 'translate', description: 'Translate a term into another vocabulary over accepted and source-asserted mappings (and proposed ones on request)' },
    ],
    routes: [
      ...mappingComputeRoutes(service, { timeoutMs: uploadTimeoutMs }),
      ...curationRoutes(service),
      ...translateRoutes(service, MAPPING_JSON_BODY_BYTES),
    ],
  };
}
