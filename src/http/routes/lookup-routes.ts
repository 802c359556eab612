import { Router } from 'express';
import { z } from 'zod';
import { COMMUNITIES, type Community, type Term } from '../../model/index.js';
import type { Lookup, SearchQuery, TermIndex, VocabularyHierarchy } from '../../vocab/index.js';
import { MATCH_TYPES } from '../../vocab/index.js';
import type { OpenApiPart } from '../openapi.js';
import { problemResponse } from '../openapi.js';
import { badRequest, notFound } from '../problem.js';
import { parseQuery, termRef } from './vocabulary-routes.js';

export const SEARCH_MAX_LIMIT = 100;
export const LIST_MAX_LIMIT = 5000;
/** A tree view shows at most this many siblings per level; the answer says how many there are. */
export const MAX_SIBLINGS = 200;

const list = (name: string) =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .describe(name);

const searchQuery = z.object({
  q: z.string({ error: 'a query is required' }).refine((q) => q.trim() !== '', 'a query is required'),
  vocab: list('vocab'),
  community: list('community').refine(
    (c) => c.every((x) => COMMUNITIES.includes(x as Community)),
    `expected one or more of ${COMMUNITIES.join(', ')}, comma-separated`,
  ),
  status: z.enum(['stable', 'preliminary', 'deprecated', 'all'], { error: 'expected stable, preliminary, deprecated or all' }).optional(),
  limit: z.coerce
    .number({ error: 'expected an integer' })
    .int('expected an integer')
    .min(1, 'at least 1')
    .max(SEARCH_MAX_LIMIT, `at most ${SEARCH_MAX_LIMIT}`)
    .optional(),
  offset: z.coerce.number({ error: 'expected an integer' }).int('expected an integer').min(0, 'at least 0').max(100_000, 'at most 100000').default(0),
  suggest: z.enum(['true', 'false'], { error: 'expected true or false' }).default('false'),
});

const pageQuery = z.object({
  limit: z.coerce
    .number({ error: 'expected an integer' })
    .int('expected an integer')
    .min(1, 'at least 1')
    .max(LIST_MAX_LIMIT, `at most ${LIST_MAX_LIMIT}`)
    .default(1000),
  offset: z.coerce.number({ error: 'expected an integer' }).int('expected an integer').min(0, 'at least 0').default(0),
});

/** A term in a hierarchy answer: its reference and whether it has narrower terms (for a tree view). */
function node(term: Term, index: TermIndex, hierarchy: VocabularyHierarchy) {
  return { ...termRef(term, index), hasChildren: hierarchy.hasChildren(term.iri) };
}

function nodes(iris: readonly string[], index: TermIndex, hierarchy: VocabularyHierarchy) {
  return iris.flatMap((iri) => {
    const term = index.termByIri(iri);
    return term ? [node(term, index, hierarchy)] : [];
  });
}

/** Search and hierarchy, mounted under /api/v1: GET /search, /vocabularies/{vocab}/top-concepts, /vocabularies/{vocab}/terms/{id}/{broader|narrower|ancestors|descendants|paths}. */
export function lookupRouter(lookup: Lookup): Router {
  const router = Router();

  router.get('/search', (req, res) => {
    const params = parseQuery(searchQuery, req.query);
    const index = lookup.index;
    const unknown = params.vocab.find((id) => !index.vocabulary(id));
    if (unknown) throw badRequest('vocab', `no hosted vocabulary has the id ${unknown}`);
    const suggest = params.suggest === 'true';
    const limit = params.limit ?? (suggest ? 10 : 20);
    const query: SearchQuery = {
      q: params.q,
      vocabularies: params.vocab,
      communities: params.community as Community[],
      ...(params.status && params.status !== 'all' ? { status: params.status } : {}),
      includeDeprecated: params.status === 'all' || params.status === 'deprecated',
      limit,
      offset: params.offset,
      suggest,
    };
    const result = lookup.search(query);
    res.json({
      query: params.q,
      total: result.total,
      offset: params.offset,
      limit,
      hits: result.hits.map((hit) => ({
        ...termRef(hit.term, index),
        match: hit.match,
        score: hit.score,
        matched: hit.matched,
        ...(suggest ? {} : { definition: hit.term.definitions[0] ?? null, community: hit.vocabulary.community }),
      })),
    });
  });

  router.get('/vocabularies/:vocab/top-concepts', (req, res) => {
    const { limit, offset } = parseQuery(pageQuery, req.query);
    const index = lookup.index;
    const hierarchy = hierarchyOf(lookup, req.params.vocab);
    const tops = hierarchy.topConcepts();
    res.json({ vocabulary: req.params.vocab, total: tops.length, offset, limit, terms: nodes(tops.slice(offset, offset + limit), index, hierarchy) });
  });

  const relations = { broader: 'broader', narrower: 'narrower', ancestors: 'ancestors', descendants: 'descendants' } as const;
  for (const relation of Object.values(relations)) {
    router.get(`/vocabularies/:vocab/terms/:id/${relation}`, (req, res) => {
      const { limit, offset } = parseQuery(pageQuery, req.query);
      const index = lookup.index;
      const hierarchy = hierarchyOf(lookup, req.params.vocab);
      const term = termOf(index, req.params.vocab, req.params.id);
      const related = hierarchy[relation](term.iri);
      res.json({
        term: termRef(term, index),
        relation,
        total: related.length,
        offset,
        limit,
        terms: nodes(related.slice(offset, offset + limit), index, hierarchy),
      });
    });
  }

  router.get('/vocabularies/:vocab/terms/:id/paths', (req, res) => {
    const index = lookup.index;
    const hierarchy = hierarchyOf(lookup, req.params.vocab);
    const term = termOf(index, req.params.vocab, req.params.id);
    const paths = hierarchy.pathsToTop(term.iri).map((path) =>
      path.map((iri, level) => {
        const siblings = level === 0 ? hierarchy.topConcepts() : hierarchy.narrower(path[level - 1]!);
        return {
          ...node(index.termByIri(iri)!, index, hierarchy),
          siblingsTotal: siblings.length,
          siblings: nodes(siblings.slice(0, MAX_SIBLINGS), index, hierarchy),
        };
      }),
    );
    res.json({ term: termRef(term, index), total: paths.length, paths });
  });

  return router;
}

function hierarchyOf(lookup: Lookup, vocabularyId: string): VocabularyHierarchy {
  const hierarchy = lookup.hierarchy(vocabularyId);
  if (!hierarchy) throw notFound(`No hosted vocabulary with id ${vocabularyId}`);
  return hierarchy;
}

function termOf(index: TermIndex, vocabularyId: string, id: string): Term {
  const term = index.term(vocabularyId, id);
  if (!term) throw notFound(`Vocabulary ${vocabularyId} has no term ${id}`);
  return term;
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
const paging = [
  queryParam('limit', `at most this many terms (1..${LIST_MAX_LIMIT}, default 1000)`, { type: 'integer', minimum: 1, maximum: LIST_MAX_LIMIT }),
  queryParam('offset', 'skip this many terms', { type: 'integer', minimum: 0 }),
];
const termParams = [pathParam('vocab', 'catalogue id, e.g. uat'), pathParam('id', 'term id, e.g. galaxies')];

function relationPath(relation: string, summary: string) {
  return {
    get: {
      tags: ['hierarchy'],
      summary,
      parameters: [...termParams, ...paging],
      responses: {
        200: json(`The ${relation} terms`, {
          type: 'object',
          properties: {
            term: ref('TermRef'),
            relation: { type: 'string' },
            total: { type: 'integer' },
            offset: { type: 'integer' },
            limit: { type: 'integer' },
            terms: { type: 'array', items: ref('TreeNode') },
          },
        }),
        400: problemResponse('A bad limit or offset'),
        404: problemResponse('No such vocabulary or term'),
      },
    },
  };
}

export const lookupApi: OpenApiPart = {
  tags: [
    { name: 'search', description: 'Search across every hosted vocabulary' },
    { name: 'hierarchy', description: 'Broader and narrower terms, transitive closures, paths to the top' },
  ],
  paths: {
    '/search': {
      get: {
        tags: ['search'],
        summary: 'Search term labels',
        description:
          'Ranking: exact label > exact alt label > prefix > word match > fuzzy (typo-tolerant or partial) > acronym (GSE ↔ Geocentric Solar Ecliptic). ' +
          'Labels and queries are folded: Unicode compatibility forms, accents, case, punctuation, and Greek letters spelt out (β Cep = beta Cep, µ = mu). ' +
          'Deprecated terms are hidden unless status=deprecated or status=all; preliminary ones are marked.',
        parameters: [
          queryParam('q', 'the query', { type: 'string' }, true),
          queryParam('vocab', 'only these vocabularies (catalogue ids, comma-separated)'),
          queryParam('community', 'only these communities (comma-separated)'),
          queryParam('status', 'stable, preliminary, deprecated, or all (default: every status but deprecated)', {
            type: 'string',
            enum: ['stable', 'preliminary', 'deprecated', 'all'],
          }),
          queryParam('limit', `hits per page (1..${SEARCH_MAX_LIMIT}; default 20, 10 when suggesting)`, {
            type: 'integer',
            minimum: 1,
            maximum: SEARCH_MAX_LIMIT,
          }),
          queryParam('offset', 'skip this many hits', { type: 'integer', minimum: 0 }),
          queryParam('suggest', 'autocomplete mode: the last word is a prefix, fewer typo candidates', { type: 'boolean' }),
        ],
        responses: {
          200: json('Hits, best first, with the total', {
            type: 'object',
            properties: {
              query: { type: 'string' },
              total: { type: 'integer' },
              offset: { type: 'integer' },
              limit: { type: 'integer' },
              hits: {
                type: 'array',
                items: {
                  allOf: [
                    ref('TermRef'),
                    {
                      type: 'object',
                      properties: {
                        match: { type: 'string', enum: [...MATCH_TYPES] },
                        score: { type: 'number' },
                        matched: { type: 'string' },
                        definition: { type: ['string', 'null'] },
                        community: { type: 'string' },
                      },
                    },
                  ],
                },
              },
            },
          }),
          400: problemResponse('A missing query or a bad parameter (named in the problem)'),
        },
      },
    },
    '/vocabularies/{vocab}/top-concepts': {
      get: {
        tags: ['hierarchy'],
        summary: 'The top concepts of a vocabulary (declared ones first, then every term without a broader term)',
        parameters: [pathParam('vocab', 'catalogue id'), ...paging],
        responses: {
          200: json('The top concepts', {
            type: 'object',
            properties: { vocabulary: { type: 'string' }, total: { type: 'integer' }, terms: { type: 'array', items: ref('TreeNode') } },
          }),
          404: problemResponse('No such vocabulary'),
        },
      },
    },
    '/vocabularies/{vocab}/terms/{id}/broader': relationPath('broader', 'The direct broader terms'),
    '/vocabularies/{vocab}/terms/{id}/narrower': relationPath('narrower', 'The direct narrower terms'),
    '/vocabularies/{vocab}/terms/{id}/ancestors': relationPath('ancestor', 'Every broader term, transitively (nearest first)'),
    '/vocabularies/{vocab}/terms/{id}/descendants': relationPath('descendant', 'Every narrower term, transitively (nearest first)'),
    '/vocabularies/{vocab}/terms/{id}/paths': {
      get: {
        tags: ['hierarchy'],
        summary: 'Every path from a top concept down to the term, each step with its siblings (for a tree view)',
        parameters: termParams,
        responses: {
          200: json('The paths, shortest first', {
            type: 'object',
            properties: {
              term: ref('TermRef'),
              total: { type: 'integer' },
              paths: {
                type: 'array',
                items: {
                  type: 'array',
                  items: {
                    allOf: [
                      ref('TreeNode'),
                      { type: 'object', properties: { siblingsTotal: { type: 'integer' }, siblings: { type: 'array', items: ref('TreeNode') } } },
                    ],
                  },
                },
              },
            },
          }),
          404: problemResponse('No such vocabulary or term'),
        },
      },
    },
  },
  schemas: {
    TreeNode: { allOf: [ref('TermRef'), { type: 'object', properties: { hasChildren: { type: 'boolean' } } }] },
  },
};
