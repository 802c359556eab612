import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { COMMUNITIES, type Term, type VocabularyMeta } from '../../model/index.js';
import { termPagePath, vocabularyPagePath } from '../../model/index.js';
import { MACHINE_REPRESENTATIONS, termJson, vocabularyJson } from '../../render/index.js';
import type { HostedVocabulary, Lookup, TermIndex, VocabularyService } from '../../vocab/index.js';
import { createLookup } from '../../vocab/index.js';
import type { OpenApiPart } from '../openapi.js';
import { problemResponse } from '../openapi.js';
import { badRequest, notFound } from '../problem.js';

/**
 * Parses query parameters with a zod schema at the edge; the first issue becomes a 400 naming its parameter.
 */
export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.infer<T> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw badRequest(String(issue.path[0] ?? 'query'), issue.message);
}

/** A term named in another term's answer: enough to show and follow it. */
export function termRef(term: Term, index: TermIndex) {
  const vocabulary = index.vocabulary(term.vocabularyId);
  return {
    iri: term.iri,
    id: term.id,
    vocabulary: term.vocabularyId,
    label: term.labels[0] ?? term.id,
    ...(term.status.deprecated ? { deprecated: true } : {}),
    ...(term.status.preliminary ? { preliminary: true } : {}),
    ...(vocabulary ? { page: termPagePath(vocabulary, term.id) } : {}),
  };
}

/** Where a vocabulary or a term is shown and in which machine-readable forms. */
export function pageLinks(page: string) {
  return { page, formats: Object.fromEntries(MACHINE_REPRESENTATIONS.map((r) => [r.format, `${page}?format=${r.format}`])) };
}

/** The full answer for one term: the index's term, its replacement and mapping targets resolved where hosted, and its links. */
export function termAnswer(term: Term, index: TermIndex) {
  const vocabulary = index.vocabulary(term.vocabularyId);
  return {
    ...termJson(term),
    useInstead: term.useInstead.map((iri) => {
      const replacement = index.termByIri(iri);
      return replacement ? termRef(replacement, index) : { iri, hosted: false };
    }),
    mappings: term.mappings.map((link) => {
      const target = index.termByIri(link.target);
      return { ...link, ...(target ? { targetTerm: termRef(target, index) } : {}) };
    }),
    links: vocabulary ? pageLinks(termPagePath(vocabulary, term.id)) : undefined,
  };
}

export function vocabularyAnswer(hosted: HostedVocabulary) {
  const json = vocabularyJson(hosted);
  const page = vocabularyPagePath(hosted.meta ?? hosted.entry);
  const { terms, deprecated, preliminary } = hosted.counts;
  return { ...json, counts: { ...json.counts, stable: terms - deprecated - preliminary }, links: pageLinks(page) };
}

const communityQuery = z.object({ community: z.enum(COMMUNITIES, { error: `expected one of ${COMMUNITIES.join(', ')}` }).optional() });
const iriQuery = z.object({ iri: z.string({ error: 'the IRI of a hosted term is required' }).min(1, 'the IRI of a hosted term is required') });
const labelQuery = z.object({ label: z.string({ error: 'a label is required' }).min(1, 'a label is required') });

function vocabularyOf(index: TermIndex, id: string): VocabularyMeta {
  const vocabulary = index.vocabulary(id);
  if (!vocabulary) throw notFound(`No hosted vocabulary with id ${id}`);
  return vocabulary;
}

/**
 * The catalogue and single terms, mounted under /api/v1: GET /vocabularies, /vocabularies/{id},
 * /vocabularies/{vocab}/terms/{id}, /vocabularies/{vocab}/lookup?label=, /lookup?iri= (and /terms?iri=).
 */
export function vocabularyRouter(service: VocabularyService, lookup: Lookup = createLookup(service)): Router {
  const router = Router();

  router.get('/vocabularies', (req, res) => {
    const { community } = parseQuery(communityQuery, req.query);
    const list = service.list().filter((v) => community === undefined || v.entry.community === community);
    res.json({ total: list.length, vocabularies: list.map(vocabularyAnswer) });
  });

  router.get('/vocabularies/:id', (req, res) => {
    const hosted = service.get(req.params.id);
    if (!hosted) throw notFound(`No vocabulary with id ${req.params.id}`);
    res.json(vocabularyAnswer(hosted));
  });

  router.get('/vocabularies/:vocab/terms/:id', (req, res) => {
    const index = lookup.index;
    vocabularyOf(index, req.params.vocab);
    const term = index.term(req.params.vocab, req.params.id);
    if (!term) throw notFound(`Vocabulary ${req.params.vocab} has no term ${req.params.id}`);
    res.json(termAnswer(term, index));
  });

  router.get('/vocabularies/:vocab/lookup', (req, res) => {
    const { label } = parseQuery(labelQuery, req.query);
    const index = lookup.index;
    vocabularyOf(index, req.params.vocab);
    const found = lookup.lookupLabel(req.params.vocab, label);
    if (!found) throw notFound(`No term of ${req.params.vocab} has the label or alt label "${label}"`);
    res.json({ label, match: found.match, total: found.terms.length, terms: found.terms.map((t) => termAnswer(t, index)) });
  });

  const byIri: RequestHandler = (req, res) => {
    const { iri } = parseQuery(iriQuery, req.query);
    const index = lookup.index;
    const term = index.termByIri(iri);
    if (!term) throw notFound(`No hosted term has the IRI ${iri}`);
    res.json(termAnswer(term, index));
  };
  router.get('/lookup', byIri);
  router.get('/terms', byIri);

  return router;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (description: string, schema: unknown) => ({ description, content: { 'application/json': { schema } } });
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const queryParam = (name: string, description: string, schema: unknown = { type: 'string' }, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});

export const vocabularyApi: OpenApiPart = {
  tags: [
    { name: 'catalogue', description: 'The hosted vocabularies' },
    { name: 'terms', description: 'Single terms by id, IRI or label' },
  ],
  paths: {
    '/vocabularies': {
      get: {
        tags: ['catalogue'],
        summary: 'List the hosted vocabularies',
        parameters: [queryParam('community', 'only the vocabularies of this community', { type: 'string', enum: [...COMMUNITIES] })],
        responses: {
          200: json('The catalogue with versions, licences and term counts by status', {
            type: 'object',
            properties: { total: { type: 'integer' }, vocabularies: { type: 'array', items: ref('Vocabulary') } },
          }),
          400: problemResponse('An unknown community'),
        },
      },
    },
    '/vocabularies/{id}': {
      get: {
        tags: ['catalogue'],
        summary: 'One hosted vocabulary',
        parameters: [pathParam('id', 'catalogue id, e.g. refframe')],
        responses: { 200: json('The vocabulary', ref('Vocabulary')), 404: problemResponse('No such vocabulary') },
      },
    },
    '/vocabularies/{vocab}/terms/{id}': {
      get: {
        tags: ['terms'],
        summary: 'One term by vocabulary and id',
        parameters: [pathParam('vocab', 'catalogue id'), pathParam('id', 'term id, e.g. ICRS')],
        responses: { 200: json('The term', ref('Term')), 404: problemResponse('No such vocabulary or term') },
      },
    },
    '/vocabularies/{vocab}/lookup': {
      get: {
        tags: ['terms'],
        summary: "A term by label, with Skosmos' precedence",
        description:
          'Exact prefLabel, then case-insensitive prefLabel, then exact altLabel, then case-insensitive altLabel; every term at the first level that matches, not deprecated ones first.',
        parameters: [pathParam('vocab', 'catalogue id'), queryParam('label', 'the label', { type: 'string' }, true)],
        responses: {
          200: json('The matching terms', {
            type: 'object',
            properties: {
              label: { type: 'string' },
              match: { type: 'string', enum: ['exact-label', 'case-insensitive-label', 'exact-alt-label', 'case-insensitive-alt-label'] },
              total: { type: 'integer' },
              terms: { type: 'array', items: ref('Term') },
            },
          }),
          400: problemResponse('No label given'),
          404: problemResponse('No such vocabulary, or no term with that label'),
        },
      },
    },
    '/lookup': {
      get: {
        tags: ['terms'],
        summary: 'A term by any hosted IRI',
        parameters: [queryParam('iri', 'the term IRI, e.g. http://www.ivoa.net/rdf/refframe#ICRS', { type: 'string' }, true)],
        responses: { 200: json('The term', ref('Term')), 400: problemResponse('No IRI given'), 404: problemResponse('No hosted term has that IRI') },
      },
    },
    '/terms': {
      get: {
        tags: ['terms'],
        summary: 'A term by IRI (the same as /lookup)',
        parameters: [queryParam('iri', 'the term IRI', { type: 'string' }, true)],
        responses: { 200: json('The term', ref('Term')), 400: problemResponse('No IRI given'), 404: problemResponse('No hosted term has that IRI') },
      },
    },
  },
  schemas: {
    Links: {
      type: 'object',
      properties: {
        page: { type: 'string', description: 'page path, e.g. /rdf/refframe/ICRS' },
        formats: { type: 'object', additionalProperties: { type: 'string' }, description: 'the page path with ?format=ttl, rdfxml, jsonld, nt, desise' },
      },
    },
    TermRef: {
      type: 'object',
      properties: {
        iri: { type: 'string' },
        id: { type: 'string' },
        vocabulary: { type: 'string' },
        label: { type: 'string' },
        deprecated: { type: 'boolean' },
        preliminary: { type: 'boolean' },
        page: { type: 'string' },
      },
      required: ['iri', 'id', 'vocabulary', 'label'],
    },
    Term: {
      type: 'object',
      properties: {
        iri: { type: 'string' },
        id: { type: 'string' },
        vocabulary: { type: 'string' },
        label: { type: 'string' },
        labels: { type: 'array', items: { type: 'string' } },
        altLabels: { type: 'array', items: { type: 'string' } },
        definition: { type: ['string', 'null'] },
        definitions: { type: 'array', items: { type: 'string' } },
        parents: { type: 'array', items: { type: 'string' }, description: 'direct broader terms (IRIs)' },
        children: { type: 'array', items: { type: 'string' }, description: 'direct narrower terms (IRIs)' },
        status: { type: 'object', properties: { preliminary: { type: 'boolean' }, deprecated: { type: 'boolean' } } },
        useInstead: { type: 'array', items: ref('TermRef'), description: 'the replacement terms of a deprecated term' },
        mappings: {
          type: 'array',
          items: { type: 'object', properties: { predicate: { type: 'string' }, target: { type: 'string' }, targetTerm: ref('TermRef') } },
        },
        links: ref('Links'),
      },
      required: ['iri', 'id', 'vocabulary', 'label', 'status'],
    },
    Vocabulary: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        iri: { type: 'string' },
        title: { type: 'string' },
        description: { type: ['string', 'null'] },
        community: { type: 'string', enum: [...COMMUNITIES] },
        flavour: { type: 'string' },
        version: { type: ['string', 'null'] },
        authors: { type: 'array', items: { type: 'string' } },
        licence: { type: 'object', properties: { uri: { type: 'string' }, name: { type: 'string' } } },
        counts: {
          type: 'object',
          properties: {
            terms: { type: 'integer' },
            stable: { type: 'integer' },
            deprecated: { type: 'integer' },
            preliminary: { type: 'integer' },
            topTerms: { type: 'integer' },
            triples: { type: 'integer' },
          },
        },
        links: ref('Links'),
      },
    },
  },
};
