/**
 * POST /api/v1/votable/check. The body stays bytes here: decoding, parsing and checking happen in a disposable worker
 * (votable-check-sandbox.ts). It goes there chunk by chunk into shared memory: one copy of 20 MB, or its decoding, took
 * 50-100 ms of this thread.
 */
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import {
  DEFAULT_MAX_VOTABLE_BYTES,
  DEFAULT_VOTABLE_SANDBOX_LIMITS,
  VotableCheckSandbox,
  type UcdService,
  type VotableSandboxLimits,
  type VotableVocabularies,
} from '../../ucd/index.js';
import { route, type ApiRoute } from '../api/api-route.js';
import { badRequest, HttpProblem } from '../problem.js';
import { votableReportSchema } from './ucd-schemas.js';

/** Largest answer of a VOTable check; later findings are counted but left out (`truncated`). */
export const MAX_VOTABLE_ANSWER_BYTES = 8 * 1024 * 1024;
const VOTABLE_TYPES = ['text/xml', 'application/xml', 'application/x-votable+xml', 'text/plain'];

export interface VotableCheckOptions {
  maxVotableBytes?: number;
  /** Time, heap and concurrency limits of the VOTable check's workers. */
  votableSandbox?: VotableSandboxLimits;
}

interface VotableBody {
  bytes: Uint8Array;
  charset: string;
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

const tooLarge = (limit: number) =>
  new HttpProblem(413, 'Content Too Large', `the body is larger than ${limit} bytes, the limit for a VOTable`, { parameter: 'body', limit });

/** The request body in a SharedArrayBuffer (handed to a worker without a copy), refused past `maxBytes` before it is read whole. */
async function readIntoSharedMemory(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  // Without a Content-Length, room for the largest body is reserved; the system commits the pages as they are written.
  const memory = new Uint8Array(new SharedArrayBuffer(Number.isInteger(declared) ? declared : maxBytes));
  let length = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (length + chunk.length > memory.length) {
      req.resume();
      throw Number.isInteger(declared) ? badRequest('body', `longer than its Content-Length of ${declared} bytes`) : tooLarge(maxBytes);
    }
    memory.set(chunk, length);
    length += chunk.length;
  }
  return memory.subarray(0, length);
}

/** Reads an uncompressed XML body of at most `maxBytes` into `res.locals.votable`; anything else is a 413 or 415 naming the part at fault. */
function votableReader(maxBytes: number): RequestHandler {
  return async (req, res, next) => {
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
    const bytes = await readIntoSharedMemory(req, maxBytes);
    if (bytes.length === 0)
      throw new HttpProblem(415, 'Unsupported Media Type', 'the body is empty: send the VOTable as the request body', { parameter: 'body' });
    const body: VotableBody = { bytes, charset };
    res.locals.votable = body;
    next();
  };
}

const votableOf = (res: Response): VotableBody => res.locals.votable as VotableBody;

export function votableCheckRoute(ucd: () => UcdService, vocabularies: () => VotableVocabularies, options: VotableCheckOptions): ApiRoute {
  const maxBytes = options.maxVotableBytes ?? DEFAULT_MAX_VOTABLE_BYTES;
  const sandbox = new VotableCheckSandbox(options.votableSandbox ?? DEFAULT_VOTABLE_SANDBOX_LIMITS);
  return route({
    method: 'post',
    path: '/votable/check',
    base: 'api',
    operationId: 'checkVotable',
    summary: 'Check a VOTable’s UCDs and vocabulary-bound attributes',
    description:
      'Every FIELD, PARAM and INFO ucd; COOSYS@system (refframe), TIMESYS@timescale (timescale), COOSYS@refposition and TIMESYS@refposition (refposition), ' +
      'and the semantics column of a DataLink response (datalink/core, "#term"). Each finding has its line, column, value, status and suggestion. ' +
      'External entities and DTDs are never resolved. The check runs in a worker of its own with a time and memory limit; the body size, the nesting depth and ' +
      `the number of checked elements are bounded, and the answer is at most ${MAX_VOTABLE_ANSWER_BYTES} bytes (later findings are counted, not listed: \`truncated\`).`,
    tag: 'ucd',
    body: {
      description: `The VOTable (or DataLink response), at most ${maxBytes} bytes, uncompressed`,
      mediaTypes: VOTABLE_TYPES,
      schema: z.string(),
      reader: votableReader(maxBytes),
    },
    responses: {
      200: { description: 'The report', content: { 'application/json': votableReportSchema } },
      400: 'The body is longer than its Content-Length',
      413: 'The document is too large',
      415: 'No XML body, a compressed one, or a charset other than a WHATWG encoding label',
      422: 'The document crosses a bound of the check: nesting depth, number of FIELD/PARAM/INFO elements, time or memory; `bound` and `limit` name it',
      503: 'The UCD list is not loaded, or too many VOTable checks are running; try again after Retry-After',
    },
    handler: async ({ res }) => {
      const votable = votableOf(res);
      const report = await sandbox.check(ucd(), votable, vocabularies(), { maxBytes, maxAnswerBytes: MAX_VOTABLE_ANSWER_BYTES });
      res.type('application/json').send(report);
    },
  });
}
