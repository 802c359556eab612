/**
 * UCD routes (mounted under /api/v1), each declared next to its OpenAPI description. A handler parses
 * the request (zod), calls one UcdService method and shapes the answer; errors are RFC 9457 problem
 * details naming the parameter at fault (problem.ts).
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { UCD_SYNTAX_CODES } from '../../model/index.js';
import {
  DEFAULT_MAX_VOTABLE_BYTES,
  DEFAULT_VOTABLE_SANDBOX_LIMITS,
  UCD_DIAGNOSTIC_CODES,
  validateBatchJson,
  VotableCheckSandbox,
  type UcdService,
  type VotableSandboxLimits,
  type VotableVocabularies,
} from '../../ucd/index.js';
import { problemResponse, type OpenApiPart } from '../openapi.js';
import { badRequest, HttpProblem, limitedBody } from '../problem.js';

/** The largest body of a batch UCD validation (a list of UCDs as JSON): 10,000 UCDs of 100 characters. Parsing it is one block of this thread. */
export const MAX_UCD_BATCH_BYTES = 1024 * 1024;

export const MAX_BATCH = 10_000;
/** Longest UCD of a batch; real ones are under 100 characters. */
export const MAX_BATCH_UCD_LENGTH = 512;
/** Largest answer of a batch validation (4.5 MB of long, wrong UCDs answered 95 MB; 1 MB of them would answer 21 MB). */
export const MAX_BATCH_ANSWER_BYTES = 16 * 1024 * 1024;
/** Largest answer of a VOTable check; later findings are counted but left out (`truncated`). */
export const MAX_VOTABLE_ANSWER_BYTES = 8 * 1024 * 1024;
/** Longest stretch of a batch validation before other requests get a turn. */
const SLICE_MS = 20;
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
const batchBody = z.array(z.string());

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

/** The charset of a text body (Content-Type), as a label TextDecoder knows; UTF-8 when none is given. */
function charsetOf(req: Request): string {
  const label = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.get('content-type') ?? '')?.[1] ?? 'utf-8';
  try {
    new TextDecoder(label);
  } catch {
    throw new HttpProblem(415, 'Unsupported Media Type', `charset ${label} is not supported; send UTF-8`, { parameter: 'Content-Type' });
  }
  return label;
}

const tooLarge = (limit: number, what: string) =>
  new HttpProblem(413, 'Content Too Large', `the body is larger than ${limit} bytes, the limit for ${what}`, { parameter: 'body', limit });

/** The request body in a SharedArrayBuffer (handed to a worker without a copy), refused past `maxBytes` before it is read whole. */
async function readIntoSharedMemory(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes, 'a VOTable');
  // Without a Content-Length, room for the largest body is reserved; the system commits the pages as they are written.
  const memory = new Uint8Array(new SharedArrayBuffer(Number.isInteger(declared) ? declared : maxBytes));
  let length = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (length + chunk.length > memory.length) {
      req.resume();
      throw Number.isInteger(declared) ? badRequest('body', `longer than its Content-Length of ${declared} bytes`) : tooLarge(maxBytes, 'a VOTable');
    }
    memory.set(chunk, length);
    length += chunk.length;
  }
  return memory.subarray(0, length);
}

export interface UcdRouterOptions {
  maxVotableBytes?: number;
  /** Time, heap and concurrency limits of the VOTable check's workers. */
  votableSandbox?: VotableSandboxLimits;
}

export function ucdRouter(
  service: Current<UcdService | undefined>,
  vocabularies: Current<VotableVocabularies> = {},
  options: UcdRouterOptions = {},
): express.Router {
  const router = express.Router();
  const ucd = requireUcd(service);
  const vocabs = typeof vocabularies === 'function' ? vocabularies : () => vocabularies;
  const maxVotableBytes = options.maxVotableBytes ?? DEFAULT_MAX_VOTABLE_BYTES;
  const sandbox = new VotableCheckSandbox(options.votableSandbox ?? DEFAULT_VOTABLE_SANDBOX_LIMITS);

  router.get('/ucd/validate', (req, res) => {
    res.json(ucd().validate(parse(ucdQuery, req.query, 'ucd').ucd));
  });

  router.post('/ucd/validate', limitedBody(express.json({ limit: MAX_UCD_BATCH_BYTES }), MAX_UCD_BATCH_BYTES, 'a batch of UCDs'), async (req, res) => {
    const ucds = boundedBatch(parse(batchBody, req.body, 'body'));
    res.type('application/json').send(await validateBatchJson(ucd(), ucds, { maxAnswerBytes: MAX_BATCH_ANSWER_BYTES, sliceMs: SLICE_MS }));
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

  // The body stays bytes here: decoding, parsing and checking happen in a disposable worker (votable-check-sandbox.ts).
  // The body goes to a disposable worker as bytes, chunk by chunk into shared memory: one copy of 20 MB, or its decoding, took 50-100 ms of this thread.
  router.post('/votable/check', async (req, res) => {
    if (!req.is(VOTABLE_TYPES) || req.headers['content-length'] === '0') {
      throw new HttpProblem(415, 'Unsupported Media Type', `send the VOTable as the request body with Content-Type ${VOTABLE_TYPES.slice(0, 3).join(', ')}`, {
        parameter: 'body',
      });
    }
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding !== 'identity') {
      throw new HttpProblem(415, 'Unsupported Media Type', `Content-Encoding ${encoding} is not accepted for a VOTable; send it uncompressed`, {
        parameter: 'Content-Encoding',
      });
    }
    const charset = charsetOf(req);
    const bytes = await readIntoSharedMemory(req, maxVotableBytes);
    if (bytes.length === 0)
      throw new HttpProblem(415, 'Unsupported Media Type', 'the body is empty: send the VOTable as the request body', { parameter: 'body' });
    res
      .type('application/json')
      .send(await sandbox.check(ucd(), { bytes, charset }, vocabs(), { maxBytes: maxVotableBytes, maxAnswerBytes: MAX_VOTABLE_ANSWER_BYTES }));
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
          content: {
            'application/json': {
              schema: { type: 'array', items: { type: 'string', maxLength: MAX_BATCH_UCD_LENGTH }, maxItems: MAX_BATCH },
              example: ['phot.mag;em.opt.V', 'pos.lambert'],
            },
          },
        },
        responses: {
          200: json('One validation per UCD, in order', { type: 'array', items: ref('UcdValidation') }),
          400: bad,
          413: problemResponse(
            `The body, the number of UCDs, one UCD or the answer (at most ${MAX_BATCH_ANSWER_BYTES} bytes) is too large; \`bound\` and \`limit\` name it`,
          ),
        },
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
          'External entities and DTDs are never resolved. The check runs in a worker of its own with a time and memory limit; the body size, the nesting depth and ' +
          `the number of checked elements are bounded, and the answer is at most ${MAX_VOTABLE_ANSWER_BYTES} bytes (later findings are counted, not listed: \`truncated\`).`,
        requestBody: {
          required: true,
          content: Object.fromEntries(VOTABLE_TYPES.map((type) => [type, { schema: { type: 'string' } }])),
        },
        responses: {
          200: json('The report', ref('VotableReport')),
          413: problemResponse('The document is too large'),
          415: problemResponse('No XML body, or a charset other than a WHATWG encoding label'),
          422: problemResponse(
            'The document crosses a bound of the check: nesting depth, number of FIELD/PARAM/INFO elements, time or memory; `bound` and `limit` name it',
          ),
          503: problemResponse('Too many VOTable checks are running; try again after Retry-After'),
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
          items: {
            type: 'object',
            properties: { message: { type: 'string' }, line: { type: 'integer' }, column: { type: 'integer' }, severity: { type: 'string' } },
          },
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
        truncated: { type: 'boolean', description: 'some findings are counted but not listed' },
      },
    },
  },
};
