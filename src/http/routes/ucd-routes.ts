/**
 * UCD routes (mounted under /api/v1), each declared next to its OpenAPI description. A handler parses
 * the request (zod), calls one UcdService method and shapes the answer; errors are RFC 9457 problem
 * details naming the parameter at fault (problem.ts).
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { UCD_SYNTAX_CODES } from '../../model/index.js';
import { DEFAULT_MAX_VOTABLE_BYTES, UCD_DIAGNOSTIC_CODES, type UcdService, type VotableVocabularies } from '../../ucd/index.js';
import { problemResponse, type OpenApiPart } from '../openapi.js';
import { badRequest, HttpProblem, limitedBody } from '../problem.js';

/** The largest body of a batch UCD validation (a list of UCDs as JSON). */
const MAX_UCD_BATCH_BYTES = 5 * 1024 * 1024;

export const MAX_BATCH = 10_000;
export const MAX_SUGGEST_LIMIT = 20;
const VOTABLE_TYPES = ['text/xml', 'application/xml', 'application/x-votable+xml', 'text/plain'];

/** Either the thing itself or a getter: the UCD list and the vocabularies change when the sources are reloaded. */
export type Current<T> = T | (() => T);

const ucdQuery = z.object({ ucd: z.string({ error: 'required: the UCD to check' }).max(100_000, 'at most 100,000 characters') });
const suggestQuery = z.object({
  text: z.string({ error: 'required: a column name and/or description' }).min(1, 'must not be empty'),
  limit: z.coerce.number().int().min(1).max(MAX_SUGGEST_LIMIT).default(5),
});
const wordsQuery = z.object({
  code: z.enum(UCD_SYNTAX_CODES).optional(),
  q: z.string().optional(),
  deprecated: z.enum(['true', 'false']).optional(),
});
const batchBody = z.array(z.string()).max(MAX_BATCH, `at most ${MAX_BATCH} UCDs per request`);

/** Parses `value` with `schema`, or throws a 400 naming the first parameter at fault. */
function parse<T>(schema: z.ZodType<T>, value: unknown, fallbackParameter: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const parameter = issue && issue.path.length > 0 ? String(issue.path[0]) : fallbackParameter;
  throw badRequest(parameter, issue?.message ?? 'invalid');
}

/** The UCD service, or a problem when the UCD list is not loaded. */
export function requireUcd(service: Current<UcdService | undefined>): () => UcdService {
  const current = typeof service === 'function' ? service : () => service;
  return () => {
    const found = current();
    if (!found) throw new HttpProblem(503, 'Service Unavailable', 'the UCD list is not loaded; see /health and the load report');
    return found;
  };
}

export function ucdRouter(
  service: Current<UcdService | undefined>,
  vocabularies: Current<VotableVocabularies> = {},
  options: { maxVotableBytes?: number } = {},
): express.Router {
  const router = express.Router();
  const ucd = requireUcd(service);
  const vocabs = typeof vocabularies === 'function' ? vocabularies : () => vocabularies;
  const maxVotableBytes = options.maxVotableBytes ?? DEFAULT_MAX_VOTABLE_BYTES;

  router.get('/ucd/validate', (req, res) => {
    res.json(ucd().validate(parse(ucdQuery, req.query, 'ucd').ucd));
  });

  router.post('/ucd/validate', limitedBody(express.json({ limit: MAX_UCD_BATCH_BYTES }), MAX_UCD_BATCH_BYTES, 'a batch of UCDs'), (req, res) => {
    res.json(ucd().validateBatch(parse(batchBody, req.body, 'body')));
  });

  router.get('/ucd/explain', (req, res) => {
    res.json(ucd().explain(parse(ucdQuery, req.query, 'ucd').ucd));
  });

  router.get('/ucd/suggest', (req, res) => {
    const query = parse(suggestQuery, req.query, 'text');
    res.json(ucd().suggest(query.text, query.limit));
  });

  router.get('/ucd/words', (req, res) => {
    const query = parse(wordsQuery, req.query, 'code');
    res.json(ucd().words({ code: query.code, q: query.q, includeDeprecated: query.deprecated === 'true' }));
  });

  router.post('/votable/check', limitedBody(express.text({ type: VOTABLE_TYPES, limit: maxVotableBytes }), maxVotableBytes, 'a VOTable'), (req, res) => {
    if (typeof req.body !== 'string' || req.body === '') {
      throw new HttpProblem(415, 'Unsupported Media Type', `send the VOTable as the request body with Content-Type ${VOTABLE_TYPES.slice(0, 3).join(', ')}`, {
        parameter: 'body',
      });
    }
    res.json(ucd().checkVotable(req.body, vocabs(), { maxBytes: maxVotableBytes }));
  });

  // A body that cannot be parsed (malformed JSON) is a problem naming the body; limitedBody answers a body too large.
  router.use((error: unknown, _req: Request, _res: Response, next: NextFunction) => {
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number((error as { status: unknown }).status) : 500;
    if (status === 400 && !(error instanceof HttpProblem)) return next(badRequest('body', `cannot be parsed: ${(error as Error).message}`));
    return next(error);
  });

  return router;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (description: string, schema: unknown) => ({ description, content: { 'application/json': { schema } } });
const query = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }, required = false) => ({
  name,
  in: 'query',
  description,
  required,
  schema,
});
const STATUS = { type: 'string', enum: ['valid', 'valid-with-warnings', 'deprecated', 'invalid'] };
const bad = problemResponse('A parameter is missing or malformed; `parameter` names it');

export const ucdOpenApi: OpenApiPart = {
  tags: [{ name: 'ucd', description: 'UCD1+ (list EN 1.6): validate, explain, suggest, list words; check a VOTable' }],
  paths: {
    '/ucd/validate': {
      get: {
        tags: ['ucd'],
        summary: 'Validate one UCD',
        description:
          'Words split on ";", atoms on ".", an optional "ns:" prefix (only ivoa words are checked); case-insensitive match with the canonical spelling returned; ' +
          'syntax codes P/S/Q/E/C/V by position. Diagnostics have stable codes and positions; invalid or deprecated UCDs come with validated fixes.',
        parameters: [query('ucd', 'the UCD, e.g. phot.mag;em.opt.V', { type: 'string' }, true)],
        responses: { 200: json('The validation', ref('UcdValidation')), 400: bad },
      },
      post: {
        tags: ['ucd'],
        summary: 'Validate a batch of UCDs',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'array', items: { type: 'string' }, maxItems: MAX_BATCH }, example: ['phot.mag;em.opt.V', 'pos.lambert'] } },
        },
        responses: { 200: json('One validation per UCD, in order', { type: 'array', items: ref('UcdValidation') }), 400: bad, 413: problemResponse('The body is too large') },
      },
    },
    '/ucd/explain': {
      get: {
        tags: ['ucd'],
        summary: 'Explain a UCD in words, from the list’s descriptions',
        parameters: [query('ucd', 'the UCD', { type: 'string' }, true)],
        responses: {
          200: json('The explanation', {
            type: 'object',
            properties: {
              input: { type: 'string' },
              status: STATUS,
              canonical: { type: ['string', 'null'] },
              text: { type: 'string', description: 'one sentence' },
              words: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    word: { type: 'string' },
                    description: { type: 'string' },
                    code: { type: 'string' },
                    iri: { type: 'string' },
                    role: { type: 'string', enum: ['quantity', 'qualifier'] },
                    status: { type: 'string' },
                  },
                },
              },
            },
          }),
          400: bad,
        },
      },
    },
    '/ucd/suggest': {
      get: {
        tags: ['ucd'],
        summary: 'Propose UCDs for a column name and/or description',
        parameters: [
          query('text', 'e.g. "RAJ2000", "error on the V magnitude"', { type: 'string' }, true),
          query('limit', `how many candidates (1..${MAX_SUGGEST_LIMIT}, default 5)`, { type: 'integer', minimum: 1, maximum: MAX_SUGGEST_LIMIT }),
        ],
        responses: {
          200: json('Candidates, best first, each valid', {
            type: 'array',
            items: {
              type: 'object',
              properties: { ucd: { type: 'string' }, score: { type: 'number' }, reasons: { type: 'array', items: { type: 'string' } }, status: STATUS },
            },
          }),
          400: bad,
        },
      },
    },
    '/ucd/words': {
      get: {
        tags: ['ucd'],
        summary: 'List the words of the UCD list',
        parameters: [
          query('code', 'only words of this syntax code', { type: 'string', enum: [...UCD_SYNTAX_CODES] }),
          query('q', 'case-insensitive substring of the word or its description'),
          query('deprecated', 'also list deprecated words (without code) with their replacement', { type: 'string', enum: ['true', 'false'] }),
        ],
        responses: {
          200: json('The words', {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                word: { type: 'string' },
                code: { type: 'string', enum: [...UCD_SYNTAX_CODES] },
                description: { type: 'string' },
                iri: { type: 'string' },
                deprecated: { type: 'boolean' },
                replacement: { type: 'string' },
              },
            },
          }),
          400: bad,
        },
      },
    },
    '/votable/check': {
      post: {
        tags: ['ucd'],
        summary: 'Check a VOTable’s UCDs and vocabulary-bound attributes',
        description:
          'Every FIELD, PARAM and INFO ucd; COOSYS@system (refframe), TIMESYS@timescale (timescale), COOSYS@refposition and TIMESYS@refposition (refposition), ' +
          'and the semantics column of a DataLink response (datalink/core, "#term"). Each finding has its line, column, value, status and suggestion. ' +
          'External entities and DTDs are never resolved; the body size is bounded.',
        requestBody: {
          required: true,
          content: Object.fromEntries(VOTABLE_TYPES.map((type) => [type, { schema: { type: 'string' } }])),
        },
        responses: {
          200: json('The report', ref('VotableReport')),
          413: problemResponse('The document is too large'),
          415: problemResponse('No XML body'),
        },
      },
    },
  },
  schemas: {
    UcdValidation: {
      type: 'object',
      required: ['input', 'status', 'canonical', 'words', 'diagnostics', 'suggestions'],
      properties: {
        input: { type: 'string' },
        status: STATUS,
        canonical: { type: ['string', 'null'], description: 'canonical spelling, or null when the UCD cannot be parsed into words' },
        words: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              text: { type: 'string' },
              namespace: { type: 'string' },
              start: { type: 'integer' },
              end: { type: 'integer' },
              canonical: { type: 'string' },
              code: { type: 'string' },
              description: { type: 'string' },
              iri: { type: 'string' },
              status: { type: 'string', enum: ['known', 'deprecated', 'unknown', 'foreign', 'malformed'] },
              replacement: { type: 'string' },
            },
          },
        },
        diagnostics: {
          type: 'array',
          items: {
            type: 'object',
            required: ['code', 'severity', 'message', 'start', 'end'],
            properties: {
              code: { type: 'string', enum: [...UCD_DIAGNOSTIC_CODES] },
              severity: { type: 'string', enum: ['error', 'warning', 'info'] },
              message: { type: 'string' },
              start: { type: 'integer', description: '0-based offset in the input' },
              end: { type: 'integer', description: 'exclusive' },
              wordIndex: { type: 'integer' },
              replacement: { type: 'string' },
            },
          },
        },
        suggestions: {
          type: 'array',
          items: { type: 'object', properties: { ucd: { type: 'string' }, reasons: { type: 'array', items: { type: 'string' } }, status: STATUS } },
        },
      },
    },
    VotableReport: {
      type: 'object',
      properties: {
        version: { type: 'string' },
        status: STATUS,
        problems: {
          type: 'array',
          items: { type: 'object', properties: { message: { type: 'string' }, line: { type: 'integer' }, column: { type: 'integer' }, severity: { type: 'string' } } },
        },
        findings: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              element: { type: 'string' },
              attribute: { type: 'string' },
              name: { type: 'string' },
              line: { type: 'integer' },
              column: { type: 'integer' },
              value: { type: 'string' },
              status: { type: 'string', enum: ['valid', 'valid-with-warnings', 'deprecated', 'invalid', 'not-checked'] },
              message: { type: 'string' },
              suggestion: { type: 'string' },
              ucd: ref('UcdValidation'),
            },
          },
        },
        counts: { type: 'object', additionalProperties: { type: 'integer' } },
      },
    },
  },
};
