/** The Skosmos routes about one concept of a vocabulary (`/rest/v1/{vocid}/…?uri=`) and its top concepts. */
import { z } from 'zod';
import type { Lookup } from '../../vocab/index.js';
import { route, type ApiRoute } from '../api/api-route.js';
import {
  BASE_CONTEXT,
  contextSchema,
  DATA_CONTEXT,
  labelOf,
  langQuery,
  ONKI,
  SKOSMOS_BASE,
  SKOSMOS_TAG,
  termIn,
  typeOf,
  uriQuery,
  vocabularyOf,
  vocidParams,
} from './skosmos-answers.js';

const limitQuery = uriQuery.extend({
  limit: z.coerce
    .number({ error: 'Invalid limit parameter' })
    .int('Invalid limit parameter')
    .min(1, 'Invalid limit parameter')
    .optional()
    .describe('at most this many concepts, the concept itself included (default 1000)'),
});

const conceptResponses = (description: string, schema: z.ZodType) => ({
  200: { description, content: { 'application/json': schema } },
  404: 'No such vocabulary, or no such concept in it',
});

const labelledSchema = z.object({ uri: z.string(), prefLabel: z.string() });
const childSchema = z.object({ uri: z.string(), label: z.string(), hasChildren: z.boolean() });

const DIRECT = [
  { name: 'broader', operationId: 'getSkosmosBroader', summary: 'Direct broader concepts' },
  { name: 'narrower', operationId: 'getSkosmosNarrower', summary: 'Direct narrower concepts' },
] as const;

const TRANSITIVE = [
  {
    name: 'broaderTransitive',
    direct: 'broader',
    relation: 'ancestors',
    operationId: 'getSkosmosBroaderTransitive',
    summary: 'All broader concepts, keyed by URI',
  },
  {
    name: 'narrowerTransitive',
    direct: 'narrower',
    relation: 'descendants',
    operationId: 'getSkosmosNarrowerTransitive',
    summary: 'All narrower concepts, keyed by URI',
  },
] as const;

export function skosmosConceptRoutes(lookup: Lookup): ApiRoute[] {
  const label = route({
    method: 'get',
    path: `${SKOSMOS_BASE}/{vocid}/label`,
    base: 'root',
    operationId: 'getSkosmosLabel',
    summary: 'The labels of a concept',
    tag: SKOSMOS_TAG,
    params: vocidParams,
    query: uriQuery,
    responses: conceptResponses(
      'The preferred label and the alt labels',
      z.object({ '@context': contextSchema, uri: z.string(), prefLabel: z.string(), altLabel: z.array(z.string()).optional() }),
    ),
    handler: ({ params, query: { uri, lang } }) => {
      const { term } = termIn(lookup, params.vocid, uri);
      return {
        '@context': { ...BASE_CONTEXT, prefLabel: 'skos:prefLabel', altLabel: 'skos:altLabel', hiddenLabel: 'skos:hiddenLabel', '@language': lang ?? 'en' },
        uri,
        prefLabel: labelOf(term),
        ...(term.altLabels.length > 0 ? { altLabel: term.altLabels } : {}),
      };
    },
  });

  const direct = DIRECT.map(({ name, operationId, summary }) =>
    route({
      method: 'get',
      path: `${SKOSMOS_BASE}/{vocid}/${name}`,
      base: 'root',
      operationId,
      summary,
      tag: SKOSMOS_TAG,
      params: vocidParams,
      query: uriQuery,
      responses: conceptResponses(`The ${name} concepts`, z.object({ '@context': contextSchema, uri: z.string(), [name]: z.array(labelledSchema) })),
      handler: ({ params, query: { uri, lang } }) => {
        const { term, hierarchy } = termIn(lookup, params.vocid, uri);
        const index = lookup.index;
        return {
          '@context': { ...BASE_CONTEXT, prefLabel: 'skos:prefLabel', [name]: `skos:${name}`, '@language': lang ?? 'en' },
          uri: term.iri,
          [name]: hierarchy[name](term.iri).map((iri) => ({ uri: iri, prefLabel: labelOf(index.termByIri(iri)!) })),
        };
      },
    }),
  );

  const transitive = TRANSITIVE.map(({ name, direct: directName, relation, operationId, summary }) =>
    route({
      method: 'get',
      path: `${SKOSMOS_BASE}/{vocid}/${name}`,
      base: 'root',
      operationId,
      summary,
      description: `The concept itself first, then every ${directName} concept transitively, each with its direct ${directName} concepts.`,
      tag: SKOSMOS_TAG,
      params: vocidParams,
      query: limitQuery,
      responses: conceptResponses(
        `The concepts keyed by URI`,
        z.object({
          '@context': contextSchema,
          uri: z.string(),
          [name]: z.record(z.string(), labelledSchema.extend({ [directName]: z.array(z.string()).optional() })),
        }),
      ),
      handler: ({ params, query: { uri, lang, limit } }) => {
        const { term, hierarchy } = termIn(lookup, params.vocid, uri);
        const index = lookup.index;
        const iris = [term.iri, ...hierarchy[relation](term.iri)].slice(0, limit ?? 1000);
        const entries = iris.map((iri) => {
          const related = hierarchy[directName](iri);
          return [iri, { uri: iri, prefLabel: labelOf(index.termByIri(iri)!), ...(related.length > 0 ? { [directName]: related } : {}) }] as const;
        });
        return {
          '@context': {
            ...BASE_CONTEXT,
            prefLabel: 'skos:prefLabel',
            [directName]: { '@id': `skos:${directName}`, '@type': '@id' },
            [name]: { '@id': `skos:${name}`, '@container': '@index' },
            '@language': lang ?? 'en',
          },
          uri: term.iri,
          [name]: Object.fromEntries(entries),
        };
      },
    }),
  );

  const hierarchyRoute = route({
    method: 'get',
    path: `${SKOSMOS_BASE}/{vocid}/hierarchy`,
    base: 'root',
    operationId: 'getSkosmosHierarchy',
    summary: 'The concept, its ancestors and their children (a tree view)',
    tag: SKOSMOS_TAG,
    params: vocidParams,
    query: uriQuery,
    responses: conceptResponses(
      'The concept and its ancestors keyed by URI',
      z.object({
        '@context': contextSchema,
        uri: z.string(),
        broaderTransitive: z.record(
          z.string(),
          labelledSchema.extend({
            broader: z.array(z.string()).optional(),
            narrower: z.array(childSchema).optional(),
            top: z.string().optional(),
            tops: z.array(z.string()).optional(),
            hasChildren: z.boolean(),
          }),
        ),
      }),
    ),
    handler: ({ params, query: { uri, lang } }) => {
      const { term, hierarchy, vocabulary } = termIn(lookup, params.vocid, uri);
      const index = lookup.index;
      const tops = new Set(hierarchy.topConcepts());
      const entries = [term.iri, ...hierarchy.ancestors(term.iri)].map((iri) => {
        const broader = hierarchy.broader(iri);
        const narrower = hierarchy
          .narrower(iri)
          .map((child) => ({ uri: child, label: labelOf(index.termByIri(child)!), hasChildren: hierarchy.hasChildren(child) }));
        return [
          iri,
          {
            uri: iri,
            prefLabel: labelOf(index.termByIri(iri)!),
            ...(broader.length > 0 ? { broader } : {}),
            ...(narrower.length > 0 ? { narrower } : {}),
            ...(tops.has(iri) ? { top: vocabulary.iri, tops: [vocabulary.iri] } : {}),
            hasChildren: narrower.length > 0,
          },
        ] as const;
      });
      return {
        '@context': {
          ...BASE_CONTEXT,
          onki: ONKI,
          prefLabel: 'skos:prefLabel',
          notation: 'skos:notation',
          narrower: { '@id': 'skos:narrower', '@type': '@id' },
          broader: { '@id': 'skos:broader', '@type': '@id' },
          broaderTransitive: { '@id': 'skos:broaderTransitive', '@container': '@index' },
          top: { '@id': 'skos:topConceptOf', '@type': '@id' },
          tops: { '@id': 'skos:topConceptOf', '@type': '@id' },
          hasChildren: 'onki:hasChildren',
          '@language': lang ?? 'en',
        },
        uri: term.iri,
        broaderTransitive: Object.fromEntries(entries),
      };
    },
  });

  const topConcepts = route({
    method: 'get',
    path: `${SKOSMOS_BASE}/{vocid}/topConcepts`,
    base: 'root',
    operationId: 'getSkosmosTopConcepts',
    summary: 'The top concepts',
    tag: SKOSMOS_TAG,
    params: vocidParams,
    query: langQuery,
    responses: {
      200: {
        description: 'The top concepts of the vocabulary',
        content: {
          'application/json': z.object({
            '@context': contextSchema,
            uri: z.string(),
            topconcepts: z.array(childSchema.extend({ topConceptOf: z.string() })),
          }),
        },
      },
      404: 'No such vocabulary',
    },
    handler: ({ params, query: { lang } }) => {
      const vocabulary = vocabularyOf(lookup.index, params.vocid);
      const hierarchy = lookup.hierarchy(vocabulary.id)!;
      const index = lookup.index;
      return {
        '@context': {
          ...BASE_CONTEXT,
          onki: ONKI,
          topconcepts: 'skos:hasTopConcept',
          notation: 'skos:notation',
          label: 'skos:prefLabel',
          '@language': lang ?? 'en',
        },
        uri: vocabulary.iri,
        topconcepts: hierarchy
          .topConcepts()
          .map((iri) => ({ uri: iri, label: labelOf(index.termByIri(iri)!), hasChildren: hierarchy.hasChildren(iri), topConceptOf: vocabulary.iri })),
      };
    },
  });

  const memberSet = z.object({ memberSet: z.array(z.object({ uri: z.string() })) });
  const mappings = route({
    method: 'get',
    path: `${SKOSMOS_BASE}/{vocid}/mappings`,
    base: 'root',
    operationId: 'getSkosmosMappings',
    summary: 'Mapping links of a concept (JSKOS)',
    tag: SKOSMOS_TAG,
    params: vocidParams,
    query: uriQuery,
    responses: conceptResponses(
      'The mappings the concept asserts, and the concept as JSON-LD',
      z.object({
        mappings: z.array(
          z.object({
            uri: z.string(),
            notation: z.null(),
            type: z.array(z.string()),
            prefLabel: z.string(),
            from: memberSet,
            to: memberSet,
            hrefLink: z.string(),
            lang: z.string(),
            vocabName: z.string(),
            typeLabel: z.string(),
          }),
        ),
        graph: z.object({ '@context': contextSchema, uri: z.string(), type: z.string(), prefLabel: z.string(), inScheme: z.object({ uri: z.string() }) }),
      }),
    ),
    handler: ({ params, query: { uri, lang } }) => {
      const { term, vocabulary } = termIn(lookup, params.vocid, uri);
      const index = lookup.index;
      return {
        mappings: term.mappings.map((link) => {
          const target = index.termByIri(link.target);
          const targetVocabulary = target ? index.vocabulary(target.vocabularyId) : undefined;
          return {
            uri: term.iri,
            notation: null,
            type: [`skos:${link.predicate}`],
            prefLabel: target ? labelOf(target) : link.target,
            from: { memberSet: [{ uri: term.iri }] },
            to: { memberSet: [{ uri: link.target }] },
            hrefLink: link.target,
            lang: lang ?? 'en',
            vocabName: targetVocabulary?.title ?? new URL(link.target).host,
            typeLabel: link.predicate,
          };
        }),
        graph: { '@context': DATA_CONTEXT, uri: term.iri, type: typeOf(vocabulary), prefLabel: labelOf(term), inScheme: { uri: vocabulary.iri } },
      };
    },
  });

  return [label, ...direct, ...transitive, hierarchyRoute, topConcepts, mappings];
}
