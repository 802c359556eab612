import express, { type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { MAX_JSON_DEPTH } from '../../ingest/index.js';
import { RDF_FORMATS } from '../../model/index.js';
import {
  computeFromUpload,
  computeHosted,
  DEFAULT_UPLOAD_NAME,
  MAX_ALT_LABELS,
  MAX_DEFINITION_CHARS,
  MAX_LABEL_CHARS,
  MAX_UPLOADED_TERMS,
  writeSssom,
  type ComputedSet,
  type HostedCompute,
  type MappingService,
  type UploadCompute,
  type VocabularyFileSyntax,
} from '../../mapping/index.js';
import { route, type ApiRoute } from '../api/api-route.js';
import { parsePart } from '../api/mount-routes.js';
import { choose } from '../content-negotiation.js';
import { HttpProblem, limitedBody } from '../problem.js';
import { candidatesAnswer, candidatesJson } from './mapping-answers.js';
import { confidenceSchema, hostedVocabulary } from './mapping-parameters.js';

/** The vocabulary files POST /mappings/compute reads as its body, by Content-Type. */
export const VOCABULARY_FILE_TYPES: Readonly<Record<string, VocabularyFileSyntax>> = {
  'text/csv': 'terms-csv',
  ...Object.fromEntries(RDF_FORMATS.map((f) => [f.mediaTypes[0], f.name])),
  'text/plain': 'labels',
};
/** The largest vocabulary file POST /mappings/compute reads: 5 MB (the UAT as Turtle is about 2 MB). */
export const MAX_VOCABULARY_FILE_BYTES = 5 * 1024 * 1024;
const FILE_TYPES = Object.keys(VOCABULARY_FILE_TYPES);
const COMPUTE_TYPES = ['application/json', ...FILE_TYPES];
const COMPUTE_JSON_BYTES = 2 * 1024 * 1024;

const computeBody = (service: MappingService) =>
  z.object({
    source: hostedVocabulary(service).describe('the hosted vocabulary whose terms are the subjects'),
    target: hostedVocabulary(service).describe('the hosted vocabulary whose terms are the objects'),
    min_confidence: confidenceSchema.optional().describe('lowest confidence to propose'),
  });

/** The query of a compute, used only with a vocabulary file body. */
const computeQuery = (service: MappingService) =>
  z.object({
    target: hostedVocabulary(service).optional().describe('with a vocabulary file body: the hosted vocabulary to match it against (required then)'),
    min_confidence: confidenceSchema.optional().describe('with a vocabulary file body: lowest confidence to propose'),
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'letters, digits, "_", "-" and "." (at most 100)')
      .optional()
      .describe(
        `with a vocabulary file body: its name, used in its term IRIs (https://astrovoc.org/local/<name>#…) and the set name (default ${DEFAULT_UPLOAD_NAME})`,
      ),
  });

/** The query of a compute whose body is a vocabulary file: the target is required. */
const uploadQuery = (service: MappingService) =>
  computeQuery(service).extend({ target: hostedVocabulary(service, 'required: the hosted vocabulary to match the uploaded one against') });

/** The syntax of a vocabulary file body, by Content-Type; undefined for JSON (or no body). */
function uploadedSyntax(req: Request): VocabularyFileSyntax | undefined {
  const type = req.is(FILE_TYPES);
  return typeof type === 'string' ? VOCABULARY_FILE_TYPES[type] : undefined;
}

/**
 * The body of POST /mappings/compute: JSON naming two hosted vocabularies, or a vocabulary file (by Content-Type)
 * with ?target=, whose query is checked before the file is read. Any other type is a 415.
 */
function computeBodyReader(service: MappingService): RequestHandler {
  const json = limitedBody(express.json({ limit: COMPUTE_JSON_BYTES }), COMPUTE_JSON_BYTES, 'a JSON body');
  const file = limitedBody(express.raw({ type: FILE_TYPES, limit: MAX_VOCABULARY_FILE_BYTES }), MAX_VOCABULARY_FILE_BYTES, 'a vocabulary file');
  const query = uploadQuery(service);
  return (req, res, next) => {
    if (req.is(COMPUTE_TYPES) === false) {
      throw new HttpProblem(
        415,
        'Unsupported Media Type',
        `send application/json {source, target, min_confidence}, or a vocabulary file as the body, with ?target=: ${FILE_TYPES.join(', ')}`,
        { parameter: 'Content-Type', accepted: COMPUTE_TYPES },
      );
    }
    if (uploadedSyntax(req) === undefined) {
      json(req, res, next);
      return;
    }
    parsePart(query, req.query, 'query');
    file(req, res, next);
  };
}

/** Whether Accept prefers `type` to JSON (JSON wins a tie). */
function prefers(req: Request, type: string): boolean {
  return (
    choose(req, [
      { mediaTypes: ['application/json'], names: ['json'] },
      { mediaTypes: [type], names: [type] },
    ])?.mediaTypes[0] === type
  );
}

/** Candidates as JSON, or as an SSSOM TSV set with Accept: text/tab-separated-values. */
function sendCandidates(req: Request, res: Response, computed: ComputedSet): void {
  if (prefers(req, 'text/tab-separated-values')) res.type('text/tab-separated-values; charset=utf-8').send(writeSssom(computed.set));
  else res.json(candidatesJson(computed));
}

/** POST /mappings/compute: candidates between two hosted vocabularies, or from an uploaded vocabulary file to a hosted one. */
export function mappingComputeRoutes(service: MappingService, uploadLimits: { timeoutMs: number }): ApiRoute[] {
  const hostedBody = computeBody(service);
  const upload = uploadQuery(service);
  const compute = route({
    method: 'post',
    path: '/mappings/compute',
    base: 'api',
    operationId: 'computeMappingCandidates',
    summary: 'Compute candidate mappings between two hosted vocabularies, or from an uploaded vocabulary file to a hosted one',
    description:
      'Needs an editor (of any vocabulary). The body is either JSON naming two hosted vocabularies, or a vocabulary that is not hosted (yet), matched against the hosted vocabulary ?target= ' +
      `(its terms as subjects): an IVOA terms.csv (text/csv), RDF (Turtle, N-Triples, N-Quads, RDF/XML, JSON-LD), or a list of labels (text/plain: one per line, # comments), UTF-8, at most ${MAX_VOCABULARY_FILE_BYTES} bytes. ` +
      'The file is parsed in a disposable worker within the SPARQL query time limit. Nothing is stored: the candidates are the answer.',
    tag: 'mappings',
    write: 'editor',
    query: computeQuery(service),
    body: {
      description: 'Two hosted vocabularies as JSON, or a vocabulary file',
      mediaTypes: COMPUTE_TYPES,
      schema: z.union([hostedBody, z.string().describe('a vocabulary file')]),
      reader: computeBodyReader(service),
    },
    responses: {
      200: {
        description: 'The candidates as JSON, or as an SSSOM TSV set with Accept: text/tab-separated-values',
        content: { 'application/json': candidatesAnswer, 'text/tab-separated-values': undefined },
      },
      400: 'An unknown vocabulary or bad parameter, a malformed vocabulary file (with its line and column), or RDF/XML with nested, parameter or external entities',
      413:
        `A vocabulary file over a bound, named with its limit: ${MAX_VOCABULARY_FILE_BYTES} bytes, ${MAX_UPLOADED_TERMS} terms, a label over ${MAX_LABEL_CHARS} characters, ` +
        `more than ${MAX_ALT_LABELS} alternative labels or a definition over ${MAX_DEFINITION_CHARS} characters in one term (with the term and its line), ` +
        `JSON nested deeper than ${MAX_JSON_DEPTH}, or a parse over the query time limit`,
      415: `A body that is none of ${COMPUTE_TYPES.join(', ')}`,
    },
    handler: async ({ req, res }) => {
      const syntax = uploadedSyntax(req);
      const body: unknown = req.body;
      const computed = syntax
        ? await computeFromUpload(service, uploadOf(parsePart(upload, req.query, 'query'), syntax, body), uploadLimits)
        : await computeHosted(service, hostedOf(parsePart(hostedBody, body, 'body')));
      sendCandidates(req, res, computed);
    },
  });
  return [compute];
}

function hostedOf(body: z.output<ReturnType<typeof computeBody>>): HostedCompute {
  return { source: body.source, target: body.target, ...(body.min_confidence !== undefined ? { minConfidence: body.min_confidence } : {}) };
}

function uploadOf(query: z.output<ReturnType<typeof uploadQuery>>, syntax: VocabularyFileSyntax, body: unknown): UploadCompute {
  return {
    bytes: Buffer.isBuffer(body) ? body : new Uint8Array(),
    syntax,
    target: query.target,
    ...(query.name ? { name: query.name } : {}),
    ...(query.min_confidence !== undefined ? { minConfidence: query.min_confidence } : {}),
  };
}
