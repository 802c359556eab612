/**
 * UCD routes under /api/v1: validate (one UCD or a batch), explain, suggest, list words, and check a VOTable
 * (votable-check-route.ts). Each handler calls one UcdService function.
 */
import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import { UCD_SYNTAX_CODES } from '../../model/index.js';
import { validateBatchJson, type UcdService, type VotableVocabularies } from '../../ucd/index.js';
import { route, type RouteGroup } from '../api/api-route.js';
import { parsePart } from '../api/mount-routes.js';
import { queryBoolean, queryInteger } from '../api/common-schemas.js';
import { badRequest, HttpProblem, limitedBody } from '../problem.js';
import { ucdCandidatesSchema, ucdExplanationSchema, ucdValidationSchema, ucdWordsSchema } from './ucd-schemas.js';
import { votableCheckRoute, type VotableCheckOptions } from './votable-check-route.js';

export { MAX_VOTABLE_ANSWER_BYTES } from './votable-check-route.js';

/** The largest body of a batch UCD validation (a list of UCDs as JSON): 10,000 UCDs of 100 characters. Parsing it is one block of this thread. */
export const MAX_UCD_BATCH_BYTES = 1024 * 1024;

export const MAX_BATCH = 10_000;
/** Longest UCD of a batch; real ones are under 100 characters. */
export const MAX_BATCH_UCD_LENGTH = 512;
/** Largest answer of a batch validation (4.5 MB of long, wrong UCDs answered 95 MB; 1 MB of them would answer 21 MB). */
export const MAX_BATCH_ANSWER_BYTES = 16 * 1024 * 1024;
/** Longest stretch of a batch validation before other requests get a turn. */
const SLICE_MS = 20;
export const MAX_SUGGEST_LIMIT = 20;

/** Either the thing itself or a getter: the UCD list and the vocabularies change when the sources are reloaded. */
export type Current<T> = T | (() => T);

export type UcdRouteOptions = VotableCheckOptions;

const ucdQuery = z.object({
  ucd: z.string({ error: 'required: the UCD to check' }).max(100_000, 'at most 100,000 characters').describe('the UCD, e.g. phot.mag;em.opt.V'),
});
const suggestQuery = z.object({
  text: z
    .string({ error: 'required: a column name and/or description' })
    .min(1, 'must not be empty')
    .describe('a column name and/or description, e.g. "RAJ2000", "error on the V magnitude"'),
  limit: queryInteger({ min: 1, max: MAX_SUGGEST_LIMIT }).default(5).describe(`how many candidates (1..${MAX_SUGGEST_LIMIT}, default 5)`),
});
const wordsQuery = z.object({
  code: z.enum(UCD_SYNTAX_CODES).optional().describe('only words of this syntax code'),
  q: z.string().optional().describe('case-insensitive substring of the word or its description'),
  deprecated: queryBoolean.optional().describe('also list deprecated words (without code) with their replacement'),
});
const batchBody = z
  .array(z.string())
  .meta({ example: ['phot.mag;em.opt.V', 'pos.lambert'] })
  .describe(`at most ${MAX_BATCH} UCDs of at most ${MAX_BATCH_UCD_LENGTH} characters each`);

/** The UCD service, or a problem when the UCD list is not loaded. */
export function requireUcd(service: Current<UcdService | undefined>): () => UcdService {
  const current = typeof service === 'function' ? service : () => service;
  return () => {
    const found = current();
    if (!found) throw new HttpProblem(503, 'Service Unavailable', 'the UCD list is not loaded; see /health and the load report');
    return found;
  };
}

/** A batch past its count or per-UCD length bound is a 413 naming the bound (and the UCD at fault). */
function boundedBatch(ucds: string[]): string[] {
  if (ucds.length > MAX_BATCH) {
    throw new HttpProblem(413, 'Content Too Large', `body: ${ucds.length} UCDs; at most ${MAX_BATCH} per request`, {
      parameter: 'body',
      bound: 'count',
      limit: MAX_BATCH,
    });
  }
  const long = ucds.findIndex((u) => u.length > MAX_BATCH_UCD_LENGTH);
  if (long >= 0) {
    throw new HttpProblem(413, 'Content Too Large', `body/${long}: ${ucds[long]!.length} characters; a UCD of a batch has at most ${MAX_BATCH_UCD_LENGTH}`, {
      parameter: `body/${long}`,
      bound: 'length',
      limit: MAX_BATCH_UCD_LENGTH,
    });
  }
  return ucds;
}

/** The batch's JSON within its bound, parsed by `batchBody` into `req.body`; JSON that cannot be parsed is a 400 naming the body. */
function batchReader(): RequestHandler {
  const read = limitedBody(express.json({ limit: MAX_UCD_BATCH_BYTES }), MAX_UCD_BATCH_BYTES, 'a batch of UCDs');
  return (req, res, next) =>
    read(req, res, (error?: unknown) => {
      const status = typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : undefined;
      if (status === 400 && !(error instanceof HttpProblem)) return next(badRequest('body', `cannot be parsed: ${(error as Error).message}`));
      if (error) return next(error);
      try {
        req.body = parsePart(batchBody, req.body, 'body');
        next();
      } catch (problem) {
        next(problem);
      }
    });
}

const UCD_UNLOADED = 'The UCD list is not loaded';

export function ucdRoutes(
  service: Current<UcdService | undefined>,
  vocabularies: Current<VotableVocabularies> = {},
  options: UcdRouteOptions = {},
): RouteGroup {
  const ucd = requireUcd(service);
  const vocabs = typeof vocabularies === 'function' ? vocabularies : () => vocabularies;

  const validate = route({
    method: 'get',
    path: '/ucd/validate',
    base: 'api',
    operationId: 'validateUcd',
    summary: 'Validate one UCD',
    description:
      'Words split on ";", atoms on ".", an optional "ns:" prefix (only ivoa words are checked); case-insensitive match with the canonical spelling returned; ' +
      'syntax codes P/S/Q/E/C/V by position. Diagnostics have stable codes and positions; invalid or deprecated UCDs come with validated fixes.',
    tag: 'ucd',
    query: ucdQuery,
    responses: { 200: { description: 'The validation', content: { 'application/json': ucdValidationSchema } }, 503: UCD_UNLOADED },
    handler: ({ query }) => ucd().validate(query.ucd),
  });

  const validateBatch = route({
    method: 'post',
    path: '/ucd/validate',
    base: 'api',
    operationId: 'validateUcdBatch',
    summary: 'Validate a batch of UCDs',
    tag: 'ucd',
    body: { description: 'The UCDs, as a JSON array of strings', mediaTypes: ['application/json'], schema: batchBody, reader: batchReader() },
    responses: {
      200: { description: 'One validation per UCD, in order', content: { 'application/json': z.array(ucdValidationSchema) } },
      413: `The body, the number of UCDs, one UCD or the answer (at most ${MAX_BATCH_ANSWER_BYTES} bytes) is too large; \`bound\` and \`limit\` name it`,
      415: 'A charset other than UTF-8',
      503: UCD_UNLOADED,
    },
    handler: async ({ body, res }) => {
      const ucds = boundedBatch(body);
      res.type('application/json').send(await validateBatchJson(ucd(), ucds, { maxAnswerBytes: MAX_BATCH_ANSWER_BYTES, sliceMs: SLICE_MS }));
    },
  });

  const explain = route({
    method: 'get',
    path: '/ucd/explain',
    base: 'api',
    operationId: 'explainUcd',
    summary: 'Explain a UCD in words, from the list’s descriptions',
    tag: 'ucd',
    query: ucdQuery,
    responses: { 200: { description: 'The explanation', content: { 'application/json': ucdExplanationSchema } }, 503: UCD_UNLOADED },
    handler: ({ query }) => ucd().explain(query.ucd),
  });

  const suggest = route({
    method: 'get',
    path: '/ucd/suggest',
    base: 'api',
    operationId: 'suggestUcds',
    summary: 'Propose UCDs for a column name and/or description',
    tag: 'ucd',
    query: suggestQuery,
    responses: { 200: { description: 'Candidates, best first, each valid', content: { 'application/json': ucdCandidatesSchema } }, 503: UCD_UNLOADED },
    handler: ({ query }) => ucd().suggest(query.text, query.limit),
  });

  const words = route({
    method: 'get',
    path: '/ucd/words',
    base: 'api',
    operationId: 'listUcdWords',
    summary: 'List the words of the UCD list',
    tag: 'ucd',
    query: wordsQuery,
    responses: { 200: { description: 'The words', content: { 'application/json': ucdWordsSchema } }, 503: UCD_UNLOADED },
    handler: ({ query }) => ucd().words({ code: query.code, q: query.q, includeDeprecated: query.deprecated === true }),
  });

  return {
    tags: [{ name: 'ucd', description: 'UCD1+ (list EN 1.6): validate, explain, suggest, list words; check a VOTable' }],
    routes: [validate, validateBatch, explain, suggest, words, votableCheckRoute(ucd, vocabs, options)],
  };
}
