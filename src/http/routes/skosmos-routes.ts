/**
 * The Skosmos REST API (`/rest/v1`) as Skosmos 2/3 answers it (NatLibFi/Skosmos RestController), so Skosmos widgets
 * and scripts work against astrovoc: JSON-LD-shaped objects with `@context`, `uri`, `prefLabel`, `results`. Labels are
 * English; `lang` is accepted and echoed. Errors are problem details. The vocabulary, search, lookup and data routes
 * are here; the routes about one concept are in skosmos-concept-routes.ts.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { SKOS, type VocabularyMeta } from '../../model/index.js';
import { toJsonLd, writeRdf } from '../../render/index.js';
import type { Lookup, VocabularyService } from '../../vocab/index.js';
import { route, type ApiRoute, type RouteGroup } from '../api/api-route.js';
import { negotiate } from '../content-negotiation.js';
import { notFound } from '../problem.js';
import {
  BASE_CONTEXT,
  baseHref,
  contextSchema,
  DATA_CONTEXT,
  DATA_OFFERS,
  jsonLdSchema,
  labelOf,
  labelResultSchema,
  langParameter,
  langQuery,
  ONKI,
  RDFS,
  SKOSMOS_BASE,
  SKOSMOS_TAG,
  typeOf,
  vocabularyOf,
  vocidParams,
} from './skosmos-answers.js';
import { skosmosConceptRoutes } from './skosmos-concept-routes.js';

const searchQuery = z.object({
  query: z
    .string({ error: 'query parameter missing' })
    .refine((q) => q.trim() !== '', 'query parameter missing')
    .describe('label pattern: `*` is a wildcard; without one, labels beginning with the query'),
  lang: langParameter,
  labellang: z.string().optional().describe('the language of the labels (echoed in the context instead of lang)'),
  parent: z.string().optional().describe('only concepts below this concept URI'),
  maxhits: z.coerce
    .number({ error: 'maxhits parameter is invalid' })
    .int('maxhits parameter is invalid')
    .min(1, 'maxhits parameter is invalid')
    .max(10_000, 'maxhits parameter is invalid')
    .optional()
    .describe('at most this many results (1..10000)'),
  offset: z.coerce
    .number({ error: 'offset parameter is invalid' })
    .int('offset parameter is invalid')
    .min(0, 'offset parameter is invalid')
    .default(0)
    .describe('skip this many results'),
});
const searchEverywhereQuery = searchQuery.extend({ vocab: z.string().optional().describe('vocabulary ids, space-separated (default: every vocabulary)') });

const FORMATS = DATA_OFFERS.map((offer) => offer.mediaTypes[0]);
const formatParameter = z
  .string()
  .optional()
  .describe(`a media type: ${FORMATS.join(', ')} (default: by Accept)`);
const dataQuery = z.object({
  uri: z.string().optional().describe('the concept URI (default: the whole vocabulary)'),
  format: formatParameter,
  lang: langParameter,
});
const conceptDataQuery = dataQuery.extend({
  uri: z.string({ error: 'uri parameter missing' }).min(1, 'uri parameter missing').describe('the concept URI'),
});

const dataContent = Object.fromEntries(DATA_OFFERS.map((offer) => [offer.mediaTypes[0], offer.rdf === 'jsonld' ? jsonLdSchema : undefined]));
const answer = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': schema } });

const searchAnswer = z.object({ '@context': contextSchema, uri: z.string(), results: z.array(labelResultSchema) }).meta({ id: 'SkosmosSearchResults' });

/** Skosmos' search over the given vocabularies (none: all), in label order, paged. */
function search(lookup: Lookup, params: z.output<typeof searchQuery>, vocabularies: readonly string[]) {
  const index = lookup.index;
  const unknown = vocabularies.find((id) => !index.vocabulary(id));
  if (unknown) throw notFound(`No hosted vocabulary with id ${unknown}`);
  const hits = lookup.matchLabels({ pattern: params.query, vocabularies, ...(params.parent ? { below: params.parent } : {}) });
  const page = hits.slice(params.offset, params.maxhits === undefined ? undefined : params.offset + params.maxhits);
  const language = params.labellang ?? params.lang;
  return {
    '@context': {
      ...BASE_CONTEXT,
      isothes: 'http://purl.org/iso25964/skos-thes#',
      onki: ONKI,
      results: { '@id': 'onki:results', '@container': '@list' },
      prefLabel: 'skos:prefLabel',
      altLabel: 'skos:altLabel',
      hiddenLabel: 'skos:hiddenLabel',
      ...(language ? { '@language': language } : {}),
    },
    uri: '',
    results: page.map((hit) => ({
      uri: hit.term.iri,
      type: [typeOf(hit.vocabulary)],
      localname: hit.term.id,
      prefLabel: labelOf(hit.term),
      ...(hit.alt ? { altLabel: hit.label } : {}),
      lang: 'en',
      vocab: hit.vocabulary.id,
    })),
  };
}

/** One concept's triples (and the labels of what they point to) in the negotiated RDF form; within `vocabulary` when given. */
async function sendData(service: VocabularyService, lookup: Lookup, req: Request, res: Response, uri: string, format?: string, vocabulary?: VocabularyMeta) {
  const { rdf, mediaTypes } = negotiate(req, res, DATA_OFFERS, format);
  const term = lookup.index.termByIri(uri);
  if (!term || (vocabulary && term.vocabularyId !== vocabulary.id)) throw notFound(`no concept found with given uri <${uri}>`);
  const quads = service.termDescription(term);
  const body = rdf === 'jsonld' ? JSON.stringify(await toJsonLd(quads, DATA_CONTEXT)) : await writeRdf(quads, rdf);
  res.type(`${mediaTypes[0]}; charset=utf-8`).send(body);
}

function vocabularyRoutes(service: VocabularyService, lookup: Lookup): ApiRoute[] {
  const vocabularies = route({
    method: 'get',
    path: `${SKOSMOS_BASE}/vocabularies`,
    base: 'root',
    operationId: 'listSkosmosVocabularies',
    summary: 'The hosted vocabularies',
    tag: SKOSMOS_TAG,
    query: langQuery,
    responses: {
      200: answer(
        'The vocabularies, sorted by id',
        z.object({ '@context': contextSchema, uri: z.string(), vocabularies: z.array(z.object({ uri: z.string(), id: z.string(), title: z.string() })) }),
      ),
    },
    handler: ({ query, req }) => ({
      '@context': {
        rdfs: RDFS,
        onki: ONKI,
        title: { '@id': 'rdfs:label', '@language': query.lang ?? 'en' },
        vocabularies: 'onki:hasVocabulary',
        id: 'onki:vocabularyIdentifier',
        uri: '@id',
        '@base': `${baseHref(req)}vocabularies`,
      },
      uri: '',
      vocabularies: [...lookup.index.vocabularies].sort((a, b) => (a.id < b.id ? -1 : 1)).map((v) => ({ uri: v.id, id: v.id, title: v.title })),
    }),
  });

  const searchEverywhere = route({
    method: 'get',
    path: `${SKOSMOS_BASE}/search`,
    base: 'root',
    operationId: 'searchSkosmos',
    summary: 'Search labels across vocabularies',
    tag: SKOSMOS_TAG,
    query: searchEverywhereQuery,
    responses: { 200: answer('The matching concepts, in label order', searchAnswer), 404: 'No such vocabulary' },
    handler: ({ query }) => search(lookup, query, (query.vocab ?? '').split(' ').filter(Boolean)),
  });

  const data = route({
    method: 'get',
    path: `${SKOSMOS_BASE}/data`,
    base: 'root',
    operationId: 'getSkosmosConceptData',
    summary: 'A concept as RDF',
    tag: SKOSMOS_TAG,
    query: conceptDataQuery,
    responses: {
      200: { description: 'The concept and the labels of what it points to', content: dataContent },
      404: 'No such concept',
      406: 'A format that cannot be served',
    },
    handler: ({ query, req, res }) => sendData(service, lookup, req, res, query.uri, query.format),
  });

  const vocabulary = route({
    method: 'get',
    path: `${SKOSMOS_BASE}/{vocid}`,
    base: 'root',
    operationId: 'getSkosmosVocabulary',
    summary: 'A vocabulary',
    tag: SKOSMOS_TAG,
    params: vocidParams,
    query: langQuery,
    responses: {
      200: answer(
        'The vocabulary with its concept scheme',
        z.object({
          '@context': contextSchema,
          uri: z.string(),
          id: z.string(),
          title: z.string(),
          defaultLanguage: z.string(),
          languages: z.array(z.string()),
          conceptschemes: z.array(z.object({ uri: z.string(), type: z.string(), prefLabel: z.string(), title: z.string() })),
        }),
      ),
      404: 'No such vocabulary',
    },
    handler: ({ params, query, req }) => {
      const meta = vocabularyOf(lookup.index, params.vocid);
      return {
        '@context': {
          rdfs: RDFS,
          skos: SKOS,
          onki: ONKI,
          dct: 'http://purl.org/dc/terms/',
          uri: '@id',
          type: '@type',
          conceptschemes: 'onki:hasConceptScheme',
          id: 'onki:vocabularyIdentifier',
          defaultLanguage: 'onki:defaultLanguage',
          languages: 'onki:language',
          label: 'rdfs:label',
          prefLabel: 'skos:prefLabel',
          title: 'dct:title',
          '@language': query.lang ?? 'en',
          '@base': `${baseHref(req)}${meta.id}/`,
        },
        uri: '',
        id: meta.id,
        title: meta.title,
        defaultLanguage: 'en',
        languages: ['en'],
        conceptschemes: [{ uri: meta.iri, type: 'skos:ConceptScheme', prefLabel: meta.title, title: meta.title }],
      };
    },
  });

  const searchVocabulary = route({
    method: 'get',
    path: `${SKOSMOS_BASE}/{vocid}/search`,
    base: 'root',
    operationId: 'searchSkosmosVocabulary',
    summary: 'Search labels within a vocabulary',
    tag: SKOSMOS_TAG,
    params: vocidParams,
    query: searchQuery,
    responses: { 200: answer('The matching concepts, in label order', searchAnswer), 404: 'No such vocabulary' },
    handler: ({ params, query }) => {
      vocabularyOf(lookup.index, params.vocid);
      return search(lookup, query, [params.vocid]);
    },
  });

  const byLabel = route({
    method: 'get',
    path: `${SKOSMOS_BASE}/{vocid}/lookup`,
    base: 'root',
    operationId: 'lookupSkosmosLabel',
    summary: 'Concepts by label: exact prefLabel, case-insensitive prefLabel, then altLabel',
    tag: SKOSMOS_TAG,
    params: vocidParams,
    query: z.object({ label: z.string({ error: 'label parameter missing' }).min(1, 'label parameter missing').describe('the label'), lang: langParameter }),
    responses: {
      200: answer('Every concept at the first level of precedence that matched', z.object({ '@context': contextSchema, result: z.array(labelResultSchema) })),
      404: 'No such vocabulary, or no concept with that label',
    },
    handler: ({ params, query: { label, lang } }) => {
      const meta = vocabularyOf(lookup.index, params.vocid);
      const found = lookup.lookupLabel(meta.id, label);
      if (!found) throw notFound(`Could not find label '${label}'`);
      const alt = found.match === 'exact-alt-label' || found.match === 'case-insensitive-alt-label';
      return {
        '@context': {
          ...BASE_CONTEXT,
          onki: ONKI,
          results: { '@id': 'onki:results' },
          prefLabel: 'skos:prefLabel',
          altLabel: 'skos:altLabel',
          hiddenLabel: 'skos:hiddenLabel',
          ...(lang ? { '@language': lang } : {}),
        },
        result: found.terms.map((term) => ({
          uri: term.iri,
          type: [typeOf(meta)],
          localname: term.id,
          prefLabel: labelOf(term),
          ...(alt ? { altLabel: term.altLabels.find((a) => a.toLowerCase() === label.toLowerCase()) ?? label } : {}),
          lang: 'en',
          vocab: meta.id,
        })),
      };
    },
  });

  const vocabularyData = route({
    method: 'get',
    path: `${SKOSMOS_BASE}/{vocid}/data`,
    base: 'root',
    operationId: 'getSkosmosVocabularyData',
    summary: 'A concept (uri given) or the whole vocabulary as RDF',
    tag: SKOSMOS_TAG,
    params: vocidParams,
    query: dataQuery,
    responses: {
      200: { description: 'The concept and the labels of what it points to, or the whole vocabulary', content: dataContent },
      404: 'No such vocabulary, or no such concept in it',
      406: 'A format that cannot be served',
    },
    handler: async ({ params, query, req, res }) => {
      const meta = vocabularyOf(lookup.index, params.vocid);
      if (query.uri) return sendData(service, lookup, req, res, query.uri, query.format, meta);
      const { rdf, mediaTypes } = negotiate(req, res, DATA_OFFERS, query.format);
      const body = await service.export(meta.id, rdf);
      res.type(`${mediaTypes[0]}; charset=utf-8`).send(body);
    },
  });

  return [vocabularies, searchEverywhere, data, vocabulary, searchVocabulary, byLabel, vocabularyData];
}

/** Every Skosmos route, the fixed paths before `/rest/v1/{vocid}` so that it does not take them. */
export function skosmosRoutes(service: VocabularyService, lookup: Lookup): RouteGroup {
  return {
    tags: [{ name: SKOSMOS_TAG, description: 'Skosmos-compatible REST API under /rest/v1 (NatLibFi/Skosmos response shapes)' }],
    routes: [...vocabularyRoutes(service, lookup), ...skosmosConceptRoutes(lookup)],
  };
}
