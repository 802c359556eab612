import { z } from 'zod';
import { COMMUNITIES, type Term, type VocabularyMeta } from '../../model/index.js';
import { LABEL_MATCHES, termVersion, vocabularyVersion, type Lookup, type TermIndex, type VocabularyService } from '../../vocab/index.js';
import { answeredByVersion } from '../http-caching.js';
import { route, type RouteGroup } from '../api/api-route.js';
import { notFound } from '../problem.js';
import { termAnswer, termSchema, vocabularyAnswer, vocabularySchema } from './term-answers.js';

const communityQuery = z.object({
  community: z
    .enum(COMMUNITIES, { error: `expected one of ${COMMUNITIES.join(', ')}` })
    .optional()
    .describe('only the vocabularies of this community'),
});
const iriQuery = z.object({
  iri: z
    .string({ error: 'the IRI of a hosted term is required' })
    .min(1, 'the IRI of a hosted term is required')
    .describe('the term IRI, e.g. http://www.ivoa.net/rdf/refframe#ICRS'),
});
const labelQuery = z.object({ label: z.string({ error: 'a label is required' }).min(1, 'a label is required').describe('the label or alt label') });
const vocabularyParams = z.object({ vocab: z.string().describe('catalogue id, e.g. refframe') });
const termParams = vocabularyParams.extend({ id: z.string().describe('term id, e.g. ICRS') });

const termContent = { 'application/json': termSchema };
/** The description of the strong entity-tags of vocabularies and terms, which writes send back in If-Match. */
export const STRONG_ETAG = 'A strong entity-tag derived from the data: send it in If-Match to change the resource';

function vocabularyOf(index: TermIndex, id: string): VocabularyMeta {
  const vocabulary = index.vocabulary(id);
  if (!vocabulary) throw notFound(`No hosted vocabulary with id ${id}`);
  return vocabulary;
}

function termByIri(index: TermIndex, iri: string): Term {
  const term = index.termByIri(iri);
  if (!term) throw notFound(`No hosted term has the IRI ${iri}`);
  return term;
}

/** The catalogue and single terms under /api/v1: /vocabularies, /vocabularies/{vocab}, its terms by id and by label, terms by IRI. */
export function vocabularyRoutes(service: VocabularyService, lookup: Lookup): RouteGroup {
  const list = route({
    method: 'get',
    path: '/vocabularies',
    base: 'api',
    operationId: 'listVocabularies',
    summary: 'List the hosted vocabularies',
    tag: 'catalogue',
    query: communityQuery,
    responses: {
      200: {
        description: 'The catalogue with versions, licences and term counts by status',
        content: { 'application/json': z.object({ total: z.number().int(), vocabularies: z.array(vocabularySchema) }) },
      },
      400: 'An unknown community',
    },
    handler: ({ query: { community } }) => {
      const hosted = service.list().filter((v) => community === undefined || v.entry.community === community);
      return { total: hosted.length, vocabularies: hosted.map(vocabularyAnswer) };
    },
  });

  const one = route({
    method: 'get',
    path: '/vocabularies/{vocab}',
    base: 'api',
    operationId: 'getVocabulary',
    summary: 'One hosted vocabulary',
    tag: 'catalogue',
    params: vocabularyParams,
    responses: {
      200: { description: 'The vocabulary', content: { 'application/json': vocabularySchema }, headers: { ETag: STRONG_ETAG } },
      304: { description: 'Not modified: If-None-Match names the current entity-tag' },
      404: 'No such vocabulary',
    },
    handler: ({ params, req, res }) => {
      const hosted = service.get(params.vocab);
      if (!hosted) throw notFound(`No vocabulary with id ${params.vocab}`);
      return answeredByVersion(req, res, vocabularyVersion(hosted)) ? undefined : vocabularyAnswer(hosted);
    },
  });

  const term = route({
    method: 'get',
    path: '/vocabularies/{vocab}/terms/{id}',
    base: 'api',
    operationId: 'getTerm',
    summary: 'One term by vocabulary and id',
    tag: 'terms',
    params: termParams,
    responses: {
      200: { description: 'The term', content: termContent, headers: { ETag: STRONG_ETAG } },
      304: { description: 'Not modified: If-None-Match names the current entity-tag' },
      404: 'No such vocabulary or term',
    },
    handler: ({ params, req, res }) => {
      const index = lookup.index;
      vocabularyOf(index, params.vocab);
      const found = index.term(params.vocab, params.id);
      if (!found) throw notFound(`Vocabulary ${params.vocab} has no term ${params.id}`);
      return answeredByVersion(req, res, termVersion(index, found)) ? undefined : termAnswer(found, index);
    },
  });

  const byLabel = route({
    method: 'get',
    path: '/vocabularies/{vocab}/lookup',
    base: 'api',
    operationId: 'lookupTermByLabel',
    summary: "A term by label, with Skosmos' precedence",
    description:
      'Exact prefLabel, then case-insensitive prefLabel, then exact altLabel, then case-insensitive altLabel; every term at the first level that matches, not deprecated ones first.',
    tag: 'terms',
    params: vocabularyParams,
    query: labelQuery,
    responses: {
      200: {
        description: 'The matching terms',
        content: {
          'application/json': z.object({ label: z.string(), match: z.enum(LABEL_MATCHES), total: z.number().int(), terms: z.array(termSchema) }),
        },
      },
      400: 'No label given',
      404: 'No such vocabulary, or no term with that label',
    },
    handler: ({ params, query: { label } }) => {
      const index = lookup.index;
      vocabularyOf(index, params.vocab);
      const found = lookup.lookupLabel(params.vocab, label);
      if (!found) throw notFound(`No term of ${params.vocab} has the label or alt label "${label}"`);
      return { label, match: found.match, total: found.terms.length, terms: found.terms.map((t) => termAnswer(t, index)) };
    },
  });

  const iriRoute = (path: string, operationId: string, summary: string) =>
    route({
      method: 'get',
      path,
      base: 'api',
      operationId,
      summary,
      tag: 'terms',
      query: iriQuery,
      responses: { 200: { description: 'The term', content: termContent }, 400: 'No IRI given', 404: 'No hosted term has that IRI' },
      handler: ({ query: { iri } }) => {
        const index = lookup.index;
        return termAnswer(termByIri(index, iri), index);
      },
    });

  return {
    tags: [
      { name: 'catalogue', description: 'The hosted vocabularies' },
      { name: 'terms', description: 'Single terms by id, IRI or label' },
    ],
    routes: [
      list,
      one,
      term,
      byLabel,
      iriRoute('/lookup', 'lookupTermByIri', 'A term by any hosted IRI'),
      iriRoute('/terms', 'getTermByIri', 'A term by IRI (the same as /lookup)'),
    ],
  };
}
