import { z } from 'zod';
import { COMMUNITIES, type Community, type Term } from '../../model/index.js';
import type { Lookup, SearchQuery, TermIndex, VocabularyHierarchy } from '../../vocab/index.js';
import { MATCH_TYPES } from '../../vocab/index.js';
import { route, type RouteGroup } from '../api/api-route.js';
import { queryInteger, queryList, termRefSchema } from '../api/common-schemas.js';
import { badRequest, notFound } from '../problem.js';
import { termRef } from './term-answers.js';

export const SEARCH_MAX_LIMIT = 100;
export const LIST_MAX_LIMIT = 5000;
/** A tree view shows at most this many siblings per level; the answer says how many there are. */
export const MAX_SIBLINGS = 200;

const searchQuery = z.object({
  q: z
    .string({ error: 'a query is required' })
    .refine((q) => q.trim() !== '', 'a query is required')
    .describe('the query'),
  vocab: queryList.describe('only these vocabularies (catalogue ids, comma-separated)'),
  community: queryList
    .refine((c) => c.every((x) => COMMUNITIES.includes(x as Community)), `expected one or more of ${COMMUNITIES.join(', ')}, comma-separated`)
    .describe('only these communities (comma-separated)'),
  status: z
    .enum(['stable', 'preliminary', 'deprecated', 'all'], { error: 'expected stable, preliminary, deprecated or all' })
    .optional()
    .describe('stable, preliminary, deprecated, or all (default: every status but deprecated)'),
  limit: queryInteger({ min: 1, max: SEARCH_MAX_LIMIT }).optional().describe(`hits per page (1..${SEARCH_MAX_LIMIT}; default 20, 10 when suggesting)`),
  offset: queryInteger({ min: 0, max: 100_000 }).default(0).describe('skip this many hits'),
  suggest: z
    .enum(['true', 'false'], { error: 'expected true or false' })
    .default('false')
    .describe('autocomplete mode: the last word is a prefix, fewer typo candidates'),
});

const pageQuery = z.object({
  limit: queryInteger({ min: 1, max: LIST_MAX_LIMIT }).default(1000).describe(`at most this many terms (1..${LIST_MAX_LIMIT}, default 1000)`),
  offset: queryInteger({ min: 0 }).default(0).describe('skip this many terms'),
});

const vocabularyParams = z.object({ vocab: z.string().describe('catalogue id, e.g. uat') });
const termParams = vocabularyParams.extend({ id: z.string().describe('term id, e.g. galaxies') });

/** A term in a hierarchy answer: its reference and whether it has narrower terms (for a tree view). */
const treeNodeSchema = termRefSchema.extend({ hasChildren: z.boolean() }).meta({ id: 'TreeNode' });

const searchAnswer = z.object({
  query: z.string(),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  hits: z.array(
    termRefSchema.extend({
      match: z.enum(MATCH_TYPES),
      score: z.number(),
      matched: z.string(),
      definition: z.string().nullable().optional(),
      community: z.string().optional(),
    }),
  ),
});

const relationAnswer = z.object({
  term: termRefSchema,
  relation: z.string(),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  terms: z.array(treeNodeSchema),
});

const pathsAnswer = z.object({
  term: termRefSchema,
  total: z.number().int(),
  paths: z.array(z.array(treeNodeSchema.extend({ siblingsTotal: z.number().int(), siblings: z.array(treeNodeSchema) }))),
});

function node(term: Term, index: TermIndex, hierarchy: VocabularyHierarchy) {
  return { ...termRef(term, index), hasChildren: hierarchy.hasChildren(term.iri) };
}

function nodes(iris: readonly string[], index: TermIndex, hierarchy: VocabularyHierarchy) {
  return iris.flatMap((iri) => {
    const term = index.termByIri(iri);
    return term ? [node(term, index, hierarchy)] : [];
  });
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

const RELATIONS = [
  { relation: 'broader', operationId: 'getBroaderTerms', summary: 'The direct broader terms' },
  { relation: 'narrower', operationId: 'getNarrowerTerms', summary: 'The direct narrower terms' },
  { relation: 'ancestors', operationId: 'getAncestorTerms', summary: 'Every broader term, transitively (nearest first)' },
  { relation: 'descendants', operationId: 'getDescendantTerms', summary: 'Every narrower term, transitively (nearest first)' },
] as const;

/** Search and hierarchy under /api/v1: /search, /vocabularies/{vocab}/top-concepts, /vocabularies/{vocab}/terms/{id}/{relation|paths}. */
export function lookupRoutes(lookup: Lookup): RouteGroup {
  const search = route({
    method: 'get',
    path: '/search',
    base: 'api',
    operationId: 'searchTerms',
    summary: 'Search term labels',
    description:
      'Ranking: exact label > exact alt label > prefix > word match > fuzzy (typo-tolerant or partial) > acronym (GSE ↔ Geocentric Solar Ecliptic). ' +
      'Labels and queries are folded: Unicode compatibility forms, accents, case, punctuation, and Greek letters spelt out (β Cep = beta Cep, µ = mu). ' +
      'Deprecated terms are hidden unless status=deprecated or status=all; preliminary ones are marked.',
    tag: 'search',
    query: searchQuery,
    responses: {
      200: { description: 'Hits, best first, with the total', content: { 'application/json': searchAnswer } },
      400: 'A missing query or a bad parameter (named in the problem)',
    },
    handler: ({ query: params }) => {
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
      return {
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
      };
    },
  });

  const topConcepts = route({
    method: 'get',
    path: '/vocabularies/{vocab}/top-concepts',
    base: 'api',
    operationId: 'getTopConcepts',
    summary: 'The top concepts of a vocabulary (declared ones first, then every term without a broader term)',
    tag: 'hierarchy',
    params: vocabularyParams,
    query: pageQuery,
    responses: {
      200: {
        description: 'The top concepts',
        content: {
          'application/json': z.object({
            vocabulary: z.string(),
            total: z.number().int(),
            offset: z.number().int(),
            limit: z.number().int(),
            terms: z.array(treeNodeSchema),
          }),
        },
      },
      404: 'No such vocabulary',
    },
    handler: ({ params, query: { limit, offset } }) => {
      const hierarchy = hierarchyOf(lookup, params.vocab);
      const tops = hierarchy.topConcepts();
      return { vocabulary: params.vocab, total: tops.length, offset, limit, terms: nodes(tops.slice(offset, offset + limit), lookup.index, hierarchy) };
    },
  });

  const relations = RELATIONS.map(({ relation, operationId, summary }) =>
    route({
      method: 'get',
      path: `/vocabularies/{vocab}/terms/{id}/${relation}`,
      base: 'api',
      operationId,
      summary,
      tag: 'hierarchy',
      params: termParams,
      query: pageQuery,
      responses: { 200: { description: `The ${relation} terms`, content: { 'application/json': relationAnswer } }, 404: 'No such vocabulary or term' },
      handler: ({ params, query: { limit, offset } }) => {
        const index = lookup.index;
        const hierarchy = hierarchyOf(lookup, params.vocab);
        const term = termOf(index, params.vocab, params.id);
        const related = hierarchy[relation](term.iri);
        return {
          term: termRef(term, index),
          relation,
          total: related.length,
          offset,
          limit,
          terms: nodes(related.slice(offset, offset + limit), index, hierarchy),
        };
      },
    }),
  );

  const paths = route({
    method: 'get',
    path: '/vocabularies/{vocab}/terms/{id}/paths',
    base: 'api',
    operationId: 'getPathsToTop',
    summary: 'Every path from a top concept down to the term, each step with its siblings (for a tree view)',
    tag: 'hierarchy',
    params: termParams,
    responses: { 200: { description: 'The paths, shortest first', content: { 'application/json': pathsAnswer } }, 404: 'No such vocabulary or term' },
    handler: ({ params }) => {
      const index = lookup.index;
      const hierarchy = hierarchyOf(lookup, params.vocab);
      const term = termOf(index, params.vocab, params.id);
      const found = hierarchy.pathsToTop(term.iri).map((path) =>
        path.map((iri, level) => {
          const siblings = level === 0 ? hierarchy.topConcepts() : hierarchy.narrower(path[level - 1]!);
          return {
            ...node(index.termByIri(iri)!, index, hierarchy),
            siblingsTotal: siblings.length,
            siblings: nodes(siblings.slice(0, MAX_SIBLINGS), index, hierarchy),
          };
        }),
      );
      return { term: termRef(term, index), total: found.length, paths: found };
    },
  });

  return {
    tags: [
      { name: 'search', description: 'Search across every hosted vocabulary' },
      { name: 'hierarchy', description: 'Broader and narrower terms, transitive closures, paths to the top' },
    ],
    routes: [search, topConcepts, ...relations, paths],
  };
}
