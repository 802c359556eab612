import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { IngestError, InputBoundError, MAX_JSON_DEPTH } from '../../ingest/index.js';
import { MAPPING_PREDICATES, RDF_FORMATS, type MappingPredicate } from '../../model/index.js';
import {
  MappingError,
  MAX_ALT_LABELS,
  MAX_DEFINITION_CHARS,
  MAX_LABEL_CHARS,
  parseUntrustedVocabulary,
  REVIEW_STATUSES,
  skosPredicate,
  writeSssom,
  DEFAULT_MIN_CONFIDENCE,
  MAX_IDENTIFIER_LENGTH,
  type Mapping,
  type MappingRecord,
  type MappingService,
  type MatchInput,
  type MatchResult,
  type Translation,
  type VocabularyFileSyntax,
} from '../../mapping/index.js';
import { requireWriteToken, writerOf } from '../auth.js';
import { choose } from '../content-negotiation.js';
import { expectedVersionOf } from '../if-match.js';
import type { OpenApiPart } from '../openapi.js';
import { problemResponse } from '../openapi.js';
import { badRequest, HttpProblem, limitedBody, notFound } from '../problem.js';
import { defaultSparqlConfig } from '../../sparql/index.js';

/** A predicate as a request may name it: `exactMatch`, `skos:exactMatch` or the full SKOS IRI. */
function parsePredicate(value: string): MappingPredicate | undefined {
  const local = value.replace(/^skos:/, '');
  return (MAPPING_PREDICATES as readonly string[]).includes(local) ? (local as MappingPredicate) : skosPredicate(value);
}

const predicateSchema = z.string().transform((v, ctx) => {
  const p = parsePredicate(v);
  if (!p) ctx.addIssue({ code: 'custom', message: `expected one of ${MAPPING_PREDICATES.join(', ')} (optionally skos: or the SKOS IRI)` });
  return p as MappingPredicate;
});
const iriSchema = z.string().regex(/^[a-z][a-z0-9+.-]*:\S+$/i, 'expected an absolute IRI');
const confidenceSchema = z.coerce.number().min(0).max(1);
const booleanQuery = z.enum(['true', 'false'], { error: 'expected true or false' }).transform((v) => v === 'true');

const listQuery = z.object({
  subject: iriSchema.optional(),
  object: iriSchema.optional(),
  vocab: z.string().min(1).optional(),
  status: z.enum(REVIEW_STATUSES).optional(),
  predicate: predicateSchema.optional(),
  set: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** An identifier to write: the mapping service checks it (an IRI of an accepted scheme, or a CURIE the set declares). */
const identifierSchema = z.string().min(1).max(MAX_IDENTIFIER_LENGTH);

const newMappingBody = z.object({
  subject_id: identifierSchema,
  predicate_id: predicateSchema,
  object_id: identifierSchema,
  predicate_modifier: z.literal('Not').optional(),
  confidence: confidenceSchema.optional(),
  comment: z.string().max(2000).optional(),
  set: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, 'letters, digits, "_" and "-" (at most 100)')
    .optional(),
});

const reviewBody = z.object({
  decision: z.enum(['accept', 'reject']),
  /** Optional, and only the token's owner: a review is recorded under the write token it was made with. */
  reviewer: z.string().min(1).max(200).optional(),
  comment: z.string().max(2000).optional(),
});

const translateQuery = z.object({
  iri: iriSchema.optional(),
  vocab: z.string().min(1).optional(),
  value: z.string().min(1).optional(),
  to: z.string().min(1),
  predicates: z.string().optional(),
  min_confidence: confidenceSchema.optional(),
  include_proposed: booleanQuery.optional(),
});

const translateBatch = z.object({
  to: z.string().min(1),
  vocab: z.string().min(1).optional(),
  values: z.array(z.string().min(1)).min(1).max(10000),
  predicates: z.array(predicateSchema).optional(),
  min_confidence: confidenceSchema.optional(),
  include_proposed: z.boolean().optional(),
});

const computeBody = z.object({
  source: z.string().min(1),
  target: z.string().min(1),
  min_confidence: confidenceSchema.optional(),
});

/** The query of a compute whose body is the source vocabulary itself. */
const computeUploadQuery = z.object({
  target: z.string({ error: 'required: the hosted vocabulary to match the uploaded one against' }).min(1),
  min_confidence: confidenceSchema.optional(),
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'letters, digits, "_", "-" and "." (at most 100)')
    .optional(),
});
type ComputeUploadQuery = z.infer<typeof computeUploadQuery>;

/** The vocabulary files POST /mappings/compute reads as its body, by Content-Type. */
export const VOCABULARY_FILE_TYPES: Readonly<Record<string, VocabularyFileSyntax>> = {
  'text/csv': 'terms-csv',
  ...Object.fromEntries(RDF_FORMATS.map((f) => [f.mediaTypes[0], f.name])),
  'text/plain': 'labels',
};
/** The largest vocabulary file POST /mappings/compute reads: 5 MB (the UAT as Turtle is about 2 MB). */
export const MAX_VOCABULARY_FILE_BYTES = 5 * 1024 * 1024;
/** The most terms an uploaded vocabulary may have: the biggest hosted pair (facility, ~7,900 terms) takes ~2 s. */
export const MAX_UPLOADED_TERMS = 10_000;
const COMPUTE_TYPES = ['application/json', ...Object.keys(VOCABULARY_FILE_TYPES)];
/** The name of an uploaded vocabulary without ?name=: its terms are https://astrovoc.org/local/upload#<slug>. */
const DEFAULT_UPLOAD_NAME = 'upload';

/** Parses with zod at the edge; the first issue becomes a 400 naming the parameter. */
function parse<T extends z.ZodType>(schema: T, value: unknown, where: 'query' | 'body'): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const parameter = issue.path.join('.') || where;
  throw badRequest(parameter, issue.message);
}

export function mappingJson(record: MappingRecord): Record<string, unknown> {
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

function translationJson(t: Translation): Record<string, unknown> {
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

/** A reader's error (code, line, column; bound and limit when over one) as a problem naming the body, titled for a vocabulary file. */
function malformedFile(error: IngestError): HttpProblem {
  const title = error.kind === 'too-large' ? 'Content Too Large' : error instanceof InputBoundError ? 'Refused vocabulary file' : 'Malformed vocabulary file';
  return new HttpProblem(error.kind === 'too-large' ? 413 : 400, title, error.message, { parameter: 'body', ...error.fields });
}

/** Candidates as JSON, or as an SSSOM TSV set with Accept: text/tab-separated-values. */
function sendCandidates(req: Request, res: Response, source: string, target: string, result: MatchResult): void {
  const set = {
    name: `${source}-${target}`,
    meta: {
      mappingSetId: `https://astrovoc.org/mappings/computed/${encodeURIComponent(source)}-${encodeURIComponent(target)}`,
      license: 'https://creativecommons.org/publicdomain/zero/1.0/',
      curieMap: {},
      other: {},
    },
    mappings: result.mappings,
  };
  if (accepts(req, 'text/tab-separated-values')) res.type('text/tab-separated-values; charset=utf-8').send(writeSssom(set));
  else res.json({ pairs_scored: result.pairsScored, total: result.mappings.length, mappings: result.mappings });
}

/** A review's version is the mapping's ETag, said with If-Match (RFC 9110 §13.1.1). */
function reviewRethrow(error: unknown): never {
  if (error instanceof MappingError && error.code === 'precondition-required')
    throw new HttpProblem(428, 'Precondition required', `${error.message}: send it as If-Match, the ETag of the mapping`);
  if (error instanceof MappingError && error.code === 'precondition-failed')
    throw new HttpProblem(412, 'Precondition failed', `${error.message}: read it again and send its new ETag as If-Match`);
  throw error;
}

function predicatesParameter(text: string | undefined): MappingPredicate[] | undefined {
  if (text === undefined || text === '') return undefined;
  return text.split(',').map((p) => {
    const predicate = parsePredicate(p.trim());
    if (!predicate) throw badRequest('predicates', `${p} is not one of ${MAPPING_PREDICATES.join(', ')}`);
    return predicate;
  });
}

/**
 * /mappings (list, read, add, review, sets, compute) and /translate — mounted under /api/v1. Writes need a
 * write token; reviews need If-Match with the mapping's ETag (412 when stale, 428 when missing).
 */
export function mappingRouter(service: MappingService, writeTokens: readonly string[], uploadTimeoutMs = defaultSparqlConfig().timeoutMs): Router {
  const router = Router();
  const json = express.json({ limit: '2mb' });
  const write = requireWriteToken(writeTokens);
  const computeJson = limitedBody(json, 2 * 1024 * 1024, 'a JSON body');
  // An upload is parsed in a disposable worker within the SPARQL query time limit.
  const uploadLimits = { timeoutMs: uploadTimeoutMs };
  const vocabularyFile = limitedBody(
    express.raw({ type: Object.keys(VOCABULARY_FILE_TYPES), limit: MAX_VOCABULARY_FILE_BYTES }),
    MAX_VOCABULARY_FILE_BYTES,
    'a vocabulary file',
  );

  /**
   * The body of POST /mappings/compute: JSON naming two hosted vocabularies, or a vocabulary file (by
   * Content-Type) with ?target=. The query is checked before a file is read; any other type is a 415.
   */
  const computeBodyParser: RequestHandler = (req, res, next) => {
    const type = req.is(COMPUTE_TYPES);
    if (type === false) {
      throw new HttpProblem(
        415,
        'Unsupported Media Type',
        `send application/json {source, target, min_confidence}, or a vocabulary file as the body, with ?target=: ${Object.keys(VOCABULARY_FILE_TYPES).join(', ')}`,
        {
          parameter: 'Content-Type',
          accepted: COMPUTE_TYPES,
        },
      );
    }
    if (type === null || type === 'application/json') {
      computeJson(req, res, next);
      return;
    }
    const query: ComputeUploadQuery = parse(computeUploadQuery, req.query, 'query');
    if (!service.vocabularies.index.vocabulary(query.target)) throw badRequest('target', `no hosted vocabulary with id ${query.target}`);
    res.locals.upload = { syntax: VOCABULARY_FILE_TYPES[type]!, query };
    vocabularyFile(req, res, next);
  };

  router.get('/mappings', (req, res) => {
    const q = parse(listQuery, req.query, 'query');
    const { total, mappings } = service.list(q);
    res.json({ total, offset: q.offset, limit: q.limit, mappings: mappings.map(mappingJson) });
  });

  router.get('/mappings/sets', (_req, res) => {
    res.json({ sets: service.listSets() });
  });

  router.get('/mappings/sets/:name', (req, res) => {
    const set = service.set(req.params.name);
    if (!set) throw notFound(`No mapping set named ${req.params.name}`);
    res.type('text/tab-separated-values; charset=utf-8').send(writeSssom(set));
  });

  router.get('/mappings/:id', (req, res) => {
    const record = service.get(req.params.id);
    if (!record) throw notFound(`No mapping with id ${req.params.id}`);
    res.set('ETag', record.etag).json(mappingJson(record));
  });

  router.post('/mappings', write, json, async (req, res) => {
    const body = parse(newMappingBody, req.body, 'body');
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
      writerOf(req.get('authorization')),
    );
    res.status(201).set('ETag', record.etag).location(`${req.baseUrl}/mappings/${record.id}`).json(mappingJson(record));
  });

  router.post('/mappings/compute', write, computeBodyParser, async (req, res) => {
    const upload = res.locals.upload as { syntax: VocabularyFileSyntax; query: ComputeUploadQuery } | undefined;
    if (upload) {
      const { query, syntax } = upload;
      const name = query.name ?? DEFAULT_UPLOAD_NAME;
      const bytes: Uint8Array = Buffer.isBuffer(req.body) ? req.body : new Uint8Array();
      let source: MatchInput;
      try {
        const file = await parseUntrustedVocabulary({ bytes, syntax, id: name, fileName: 'request body' }, uploadLimits);
        source = { terms: file.terms, source: file.meta.iri };
      } catch (error) {
        throw error instanceof IngestError ? malformedFile(error) : error;
      }
      if (source.terms.length === 0) throw new HttpProblem(400, 'Empty vocabulary file', `no terms found in the ${syntax} body`, { parameter: 'body' });
      if (source.terms.length > MAX_UPLOADED_TERMS) {
        throw new HttpProblem(
          413,
          'Too many terms',
          `the body holds ${source.terms.length} terms; matching runs in the request, so at most ${MAX_UPLOADED_TERMS} are taken (use astrovoc map compute for more)`,
          { parameter: 'body', limit: MAX_UPLOADED_TERMS },
        );
      }
      const target = service.hostedInput(query.target)!;
      sendCandidates(
        req,
        res,
        name,
        query.target,
        await service.computeAsync(source, target, { minConfidence: query.min_confidence ?? DEFAULT_MIN_CONFIDENCE }),
      );
      return;
    }
    const body = parse(computeBody, req.body, 'body');
    const source = service.hostedInput(body.source);
    if (!source) throw badRequest('source', `no hosted vocabulary with id ${body.source}`);
    const target = service.hostedInput(body.target);
    if (!target) throw badRequest('target', `no hosted vocabulary with id ${body.target}`);
    sendCandidates(
      req,
      res,
      body.source,
      body.target,
      await service.computeAsync(source, target, { minConfidence: body.min_confidence ?? DEFAULT_MIN_CONFIDENCE }),
    );
  });

  router.post('/mappings/:id/review', write, json, async (req, res) => {
    const body = parse(reviewBody, req.body, 'body');
    const reviewer = writerOf(req.get('authorization'));
    if (body.reviewer !== undefined && body.reviewer !== reviewer) {
      throw badRequest(
        'reviewer',
        `a review is recorded under the owner of the write token (${reviewer}); leave reviewer out, or use a token of ${JSON.stringify(body.reviewer)}`,
      );
    }
    const record = await service
      .review(
        req.params.id as string,
        { decision: body.decision, reviewer, ...(body.comment ? { comment: body.comment } : {}) },
        expectedVersionOf(req.get('if-match')),
      )
      .catch(reviewRethrow);
    res.set('ETag', record.etag).json(mappingJson(record));
  });

  router.get('/translate', (req, res) => {
    const q = parse(translateQuery, req.query, 'query');
    let from = q.iri;
    if (!from) {
      if (!q.vocab || !q.value) throw badRequest('iri', 'give iri=, or vocab= and value=');
      from = service.resolve(q.vocab, q.value)?.iri;
      if (!from) throw notFound(`No term of ${q.vocab} has the id, IRI or label ${q.value}`);
    }
    if (!service.vocabularies.index.vocabulary(q.to)) throw badRequest('to', `no hosted vocabulary with id ${q.to}`);
    const includeProposed = q.include_proposed ?? false;
    const translations = service.translate(from, q.to, {
      ...(q.predicates ? { predicates: predicatesParameter(q.predicates)! } : {}),
      ...(q.min_confidence !== undefined ? { minConfidence: q.min_confidence } : {}),
      includeProposed,
    });
    const term = service.vocabularies.termByIri(from);
    res.json({
      source: { iri: from, label: term?.labels[0], vocabulary: term?.vocabularyId },
      to: q.to,
      include_proposed: includeProposed,
      translations: translations.map(translationJson),
    });
  });

  router.post('/translate', json, (req, res) => {
    const body = parse(translateBatch, req.body, 'body');
    if (!service.vocabularies.index.vocabulary(body.to)) throw badRequest('to', `no hosted vocabulary with id ${body.to}`);
    const results = body.values.map((value) => {
      const term = body.vocab ? service.resolve(body.vocab, value) : service.vocabularies.termByIri(value);
      if (!term)
        return {
          value,
          translations: [],
          problem: body.vocab ? `no term of ${body.vocab} has the id, IRI or label ${value}` : `no hosted term has the IRI ${value}`,
        };
      const translations = service.translate(term.iri, body.to, {
        ...(body.predicates ? { predicates: body.predicates } : {}),
        ...(body.min_confidence !== undefined ? { minConfidence: body.min_confidence } : {}),
        includeProposed: body.include_proposed ?? false,
      });
      return { value, iri: term.iri, translations: translations.map(translationJson) };
    });
    res.json({ to: body.to, include_proposed: body.include_proposed ?? false, results });
  });

  return router;
}

/** Whether Accept prefers `type` to JSON (JSON wins a tie). */
function accepts(req: Request, type: string): boolean {
  return (
    choose(req, [
      { mediaTypes: ['application/json'], names: ['json'] },
      { mediaTypes: [type], names: [type] },
    ])?.mediaTypes[0] === type
  );
}

const mappingSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    set: { type: 'string' },
    status: { type: 'string', enum: [...REVIEW_STATUSES] },
    subject_id: { type: 'string' },
    subject_label: { type: 'string' },
    predicate_id: { type: 'string' },
    predicate_modifier: { type: 'string', enum: ['Not'] },
    object_id: { type: 'string' },
    object_label: { type: 'string' },
    mapping_justification: { type: 'string' },
    confidence: { type: 'number' },
    similarity_score: { type: 'number' },
    similarity_measure: { type: 'string' },
    match_string: { type: 'array', items: { type: 'string' } },
    author_id: { type: 'array', items: { type: 'string' } },
    reviewer_id: { type: 'array', items: { type: 'string' } },
    mapping_date: { type: 'string' },
    review_date: { type: 'string' },
    comment: { type: 'string' },
  },
};

const translationSchema = {
  type: 'object',
  properties: {
    iri: { type: 'string' },
    label: { type: 'string' },
    vocabulary: { type: 'string' },
    predicate: { type: 'string', enum: [...MAPPING_PREDICATES] },
    confidence: { type: 'number', description: 'the product of the confidences along the path' },
    reviewed: { type: 'boolean', description: 'every step is accepted (false only with include_proposed)' },
    path: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          from: { type: 'string' },
          predicate: { type: 'string', enum: [...MAPPING_PREDICATES] },
          to: { type: 'string' },
          confidence: { type: 'number' },
          set: { type: 'string' },
          mappingId: { type: 'string' },
          status: { type: 'string', enum: ['accepted', 'proposed'] },
        },
      },
    },
  },
};

const q = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});
const bearer = [{ bearerAuth: [] }];

export const mappingOpenApi: OpenApiPart = {
  tags: [
    { name: 'mappings', description: 'Cross-vocabulary mappings (SSSOM): list, curate, review' },
    { name: 'translate', description: 'Translate a term into another vocabulary over accepted and source-asserted mappings (and proposed ones on request)' },
  ],
  schemas: { Mapping: mappingSchema, Translation: translationSchema },
  paths: {
    '/mappings': {
      get: {
        tags: ['mappings'],
        summary: 'Mappings, filtered',
        parameters: [
          q('subject', 'subject IRI'),
          q('object', 'object IRI'),
          q('vocab', 'either end in this hosted vocabulary'),
          q('status', 'review state', { type: 'string', enum: [...REVIEW_STATUSES] }),
          q('predicate', 'SKOS mapping predicate', { type: 'string', enum: [...MAPPING_PREDICATES] }),
          q('set', 'mapping set name'),
          q('limit', 'page size (≤ 1000)', { type: 'integer', default: 100 }),
          q('offset', 'first result', { type: 'integer', default: 0 }),
        ],
        responses: { '200': { description: '{total, offset, limit, mappings}' }, '400': problemResponse('a bad parameter') },
      },
      post: {
        tags: ['mappings'],
        summary: 'Add a curated mapping (semapv:ManualMappingCuration)',
        security: bearer,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['subject_id', 'predicate_id', 'object_id'],
                properties: {
                  subject_id: { type: 'string', description: 'an absolute IRI (http, https, urn, ivo, mailto) or a CURIE of a prefix the set declares' },
                  predicate_id: { type: 'string' },
                  object_id: { type: 'string', description: 'as subject_id' },
                  predicate_modifier: { type: 'string', enum: ['Not'] },
                  confidence: { type: 'number' },
                  comment: { type: 'string' },
                  set: { type: 'string' },
                },
              },
            },
          },
        },
        responses: {
          '201': { description: 'the mapping, with its ETag', content: { 'application/json': { schema: { $ref: '#/components/schemas/Mapping' } } } },
          '400': problemResponse('a bad field'),
          '401': problemResponse('no write token'),
          '403': problemResponse('a bad write token'),
          '409': problemResponse('the mapping exists already'),
        },
      },
    },
    '/mappings/sets': { get: { tags: ['mappings'], summary: 'The mapping sets with counts by review state', responses: { '200': { description: '{sets}' } } } },
    '/mappings/sets/{name}': {
      get: {
        tags: ['mappings'],
        summary: 'One mapping set as SSSOM TSV',
        parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'SSSOM TSV', content: { 'text/tab-separated-values': {} } }, '404': problemResponse('no such set') },
      },
    },
    '/mappings/{id}': {
      get: {
        tags: ['mappings'],
        summary: 'One mapping, with its ETag',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'the mapping', content: { 'application/json': { schema: { $ref: '#/components/schemas/Mapping' } } } },
          '404': problemResponse('no such mapping'),
        },
      },
    },
    '/mappings/{id}/review': {
      post: {
        tags: ['mappings'],
        summary: 'Accept or reject a mapping (a rejection is a negative mapping that suppresses the suggestion in later runs)',
        security: bearer,
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'the ETag of the mapping as read' },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['decision'],
                properties: {
                  decision: { type: 'string', enum: ['accept', 'reject'] },
                  reviewer: {
                    type: 'string',
                    description: "optional; if given, the owner of the write token (the reviewer recorded is always the token's owner)",
                  },
                  comment: { type: 'string' },
                },
              },
            },
          },
        },
        responses: {
          '200': { description: 'the reviewed mapping', content: { 'application/json': { schema: { $ref: '#/components/schemas/Mapping' } } } },
          '400': problemResponse("a bad field, or a reviewer other than the token's owner"),
          '404': problemResponse('no such mapping'),
          '409': problemResponse('a source-asserted mapping'),
          '412': problemResponse('stale ETag'),
          '428': problemResponse('no If-Match'),
        },
      },
    },
    '/mappings/compute': {
      post: {
        tags: ['mappings'],
        summary: 'Compute candidate mappings between two hosted vocabularies, or from an uploaded vocabulary file to a hosted one (maintainers)',
        description:
          'The body is either JSON naming two hosted vocabularies, or a vocabulary that is not hosted (yet), matched against the hosted vocabulary ?target= ' +
          `(its terms as subjects): an IVOA terms.csv (text/csv), RDF (Turtle, N-Triples, N-Quads, RDF/XML, JSON-LD), or a list of labels (text/plain: one per line, # comments), UTF-8, at most ${MAX_VOCABULARY_FILE_BYTES} bytes. ` +
          'Nothing is stored: the candidates are the answer.',
        security: bearer,
        parameters: [
          q('target', 'with a vocabulary file body: the hosted vocabulary to match it against (required then)'),
          q('min_confidence', 'with a vocabulary file body: lowest confidence to propose', { type: 'number', minimum: 0, maximum: 1 }),
          q(
            'name',
            `with a vocabulary file body: its name, used in its term IRIs (https://astrovoc.org/local/<name>#…) and the set name (default ${DEFAULT_UPLOAD_NAME})`,
          ),
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['source', 'target'],
                properties: { source: { type: 'string' }, target: { type: 'string' }, min_confidence: { type: 'number' } },
              },
            },
            ...Object.fromEntries(Object.keys(VOCABULARY_FILE_TYPES).map((type) => [type, { schema: { type: 'string' } }])),
          },
        },
        responses: {
          '200': {
            description: 'candidates as JSON {pairs_scored, total, mappings}, or SSSOM TSV with Accept: text/tab-separated-values',
            content: { 'application/json': {}, 'text/tab-separated-values': {} },
          },
          '400': problemResponse(
            'an unknown vocabulary or bad parameter, a malformed vocabulary file (with its line and column), or RDF/XML with nested, parameter or external entities',
          ),
          '401': problemResponse('no write token'),
          '403': problemResponse('a bad write token'),
          '413': problemResponse(
            `a vocabulary file over a bound, named with its limit: ${MAX_VOCABULARY_FILE_BYTES} bytes, ${MAX_UPLOADED_TERMS} terms, a label over ${MAX_LABEL_CHARS} characters, more than ${MAX_ALT_LABELS} alternative labels or a definition over ${MAX_DEFINITION_CHARS} characters in one term (with the term and its line), JSON nested deeper than ${MAX_JSON_DEPTH}, or a parse over the query time limit`,
          ),
          '415': problemResponse(`a body that is none of ${COMPUTE_TYPES.join(', ')}`),
        },
      },
    },
    '/translate': {
      get: {
        tags: ['translate'],
        summary: 'Best equivalents of a term in another vocabulary, with predicate, confidence and path',
        parameters: [
          q('iri', 'the term IRI'),
          q('vocab', 'vocabulary of value'),
          q('value', 'a term id, IRI or label of vocab'),
          q('to', 'target vocabulary id', { type: 'string' }, true),
          q('predicates', 'comma-separated predicates to accept'),
          q('min_confidence', 'lowest confidence', { type: 'number' }),
          q(
            'include_proposed',
            'chain over proposed (unreviewed) mappings too; each path step then says its status, and reviewed is false on a translation with a proposed step',
            { type: 'boolean', default: false },
          ),
        ],
        responses: {
          '200': {
            description: '{source, to, include_proposed, translations}',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    source: { type: 'object' },
                    to: { type: 'string' },
                    include_proposed: { type: 'boolean' },
                    translations: { type: 'array', items: { $ref: '#/components/schemas/Translation' } },
                  },
                },
              },
            },
          },
          '400': problemResponse('a bad parameter'),
          '404': problemResponse('no such term'),
        },
      },
      post: {
        tags: ['translate'],
        summary: 'Translate a batch of values (a column of a portal table)',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['to', 'values'],
                properties: {
                  to: { type: 'string' },
                  vocab: { type: 'string' },
                  values: { type: 'array', items: { type: 'string' } },
                  predicates: { type: 'array', items: { type: 'string' } },
                  min_confidence: { type: 'number' },
                  include_proposed: { type: 'boolean', default: false },
                },
              },
            },
          },
        },
        responses: {
          '200': { description: '{to, include_proposed, results: [{value, iri, translations, problem?}]} (translations as for GET)' },
          '400': problemResponse('a bad field'),
        },
      },
    },
  },
};
