/**
 * The Skosmos REST API (`/rest/v1`) as Skosmos 2/3 answers it (NatLibFi/Skosmos RestController), so
 * Skosmos widgets and scripts work against astrovoc: JSON-LD-shaped objects with `@context`, `uri`,
 * `prefLabel`, `results`. Labels are English; `lang` is accepted and echoed. Errors are problem details.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { rdfMediaType, SKOS, type Term, type VocabularyMeta } from '../../model/index.js';
import { toJsonLd, writeRdf } from '../../render/index.js';
import type { Lookup, TermIndex, VocabularyHierarchy, VocabularyService } from '../../vocab/index.js';
import type { OpenApiPart } from '../openapi.js';
import { problemResponse } from '../openapi.js';
import { negotiate } from '../content-negotiation.js';
import { badRequest, notFound } from '../problem.js';
import { parseQuery } from './vocabulary-routes.js';

const ONKI = 'http://schema.onki.fi/onki#';
const BASE_CONTEXT = { skos: SKOS, uri: '@id', type: '@type' };

/** One offer per media type: Skosmos' `format` is a media type, and it answers in the type asked for. */
const dataOffer = (rdf: 'rdfxml' | 'ttl' | 'jsonld' | 'nt', mediaType = rdfMediaType(rdf)) => ({ rdf, mediaTypes: [mediaType], names: [mediaType] }) as const;

/** The RDF forms /data serves, in Skosmos' order of preference (RestController::SUPPORTED_FORMATS), where application/json is JSON-LD. */
const DATA_OFFERS = [dataOffer('rdfxml'), dataOffer('ttl'), dataOffer('jsonld'), dataOffer('jsonld', 'application/json'), dataOffer('nt')];

/** The context Skosmos compacts /data's JSON-LD with. */
const DATA_CONTEXT = {
  skos: SKOS,
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  dct: 'http://purl.org/dc/terms/',
  ivoasem: 'http://www.ivoa.net/rdf/ivoasem#',
  uri: '@id',
  type: '@type',
  lang: '@language',
  value: '@value',
  graph: '@graph',
  label: 'rdfs:label',
  prefLabel: 'skos:prefLabel',
  altLabel: 'skos:altLabel',
  broader: 'skos:broader',
  narrower: 'skos:narrower',
  related: 'skos:related',
  inScheme: 'skos:inScheme',
  definition: 'skos:definition',
  exactMatch: 'skos:exactMatch',
  closeMatch: 'skos:closeMatch',
  broadMatch: 'skos:broadMatch',
  narrowMatch: 'skos:narrowMatch',
  relatedMatch: 'skos:relatedMatch',
};

const lang = z.string().optional();
const uriQuery = z.object({ uri: z.string({ error: 'uri parameter missing' }).min(1, 'uri parameter missing'), lang });
const limitQuery = uriQuery.extend({
  limit: z.coerce.number({ error: 'Invalid limit parameter' }).int('Invalid limit parameter').min(1, 'Invalid limit parameter').optional(),
});
const searchQuery = z.object({
  query: z.string({ error: 'query parameter missing' }).refine((q) => q.trim() !== '', 'query parameter missing'),
  vocab: z.string().optional(),
  lang,
  labellang: z.string().optional(),
  type: z.string().optional(),
  parent: z.string().optional(),
  unique: z.string().optional(),
  maxhits: z.coerce
    .number({ error: 'maxhits parameter is invalid' })
    .int('maxhits parameter is invalid')
    .min(1, 'maxhits parameter is invalid')
    .max(10_000, 'maxhits parameter is invalid')
    .optional(),
  offset: z.coerce.number({ error: 'offset parameter is invalid' }).int('offset parameter is invalid').min(0, 'offset parameter is invalid').default(0),
});
const lookupQuery = z.object({ label: z.string({ error: 'label parameter missing' }).min(1, 'label parameter missing'), lang });
const dataQuery = z.object({ uri: z.string().optional(), format: z.string().optional(), lang });

/** The rdf:type Skosmos shows for a term of a vocabulary of this flavour. */
function typeOf(vocabulary: VocabularyMeta): string {
  return vocabulary.flavour === 'RDF Class' ? 'rdfs:Class' : vocabulary.flavour === 'RDF Property' ? 'rdf:Property' : 'skos:Concept';
}

const labelOf = (term: Term) => term.labels[0] ?? term.id;

export function skosmosRouter(service: VocabularyService, lookup: Lookup): Router {
  const router = Router();

  router.get('/vocabularies', (req, res) => {
    const language = (req.query.lang as string | undefined) ?? 'en';
    const vocabularies = [...lookup.index.vocabularies].sort((a, b) => (a.id < b.id ? -1 : 1)).map((v) => ({ uri: v.id, id: v.id, title: v.title }));
    res.json({
      '@context': {
        rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
        onki: ONKI,
        title: { '@id': 'rdfs:label', '@language': language },
        vocabularies: 'onki:hasVocabulary',
        id: 'onki:vocabularyIdentifier',
        uri: '@id',
        '@base': `${baseHref(req)}vocabularies`,
      },
      uri: '',
      vocabularies,
    });
  });

  const search = (req: Request, vocabularyId?: string) => {
    const params = parseQuery(searchQuery, req.query);
    const index = lookup.index;
    const vocabularies = vocabularyId ? [vocabularyId] : (params.vocab ?? '').split(' ').filter(Boolean);
    const unknown = vocabularies.find((id) => !index.vocabulary(id));
    if (unknown) throw notFound(`No hosted vocabulary with id ${unknown}`);
    let hits = lookup.matchLabels({ pattern: params.query, vocabularies });
    if (params.parent) {
      const parent = index.termByIri(params.parent);
      const below = new Set(parent ? (lookup.hierarchy(parent.vocabularyId)?.descendants(parent.iri) ?? []) : []);
      hits = hits.filter((hit) => below.has(hit.term.iri));
    }
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
  };
  router.get('/search', (req, res) => {
    res.json(search(req));
  });

  router.get('/data', async (req, res) => {
    const params = parseQuery(dataQuery, req.query);
    if (!params.uri) throw badRequest('uri', 'uri parameter missing');
    await sendData(req, res, params.uri, params.format);
  });

  router.get('/:vocid', (req, res) => {
    const vocabulary = vocabularyOf(lookup.index, req.params.vocid);
    const language = (req.query.lang as string | undefined) ?? 'en';
    res.json({
      '@context': {
        rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
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
        '@language': language,
        '@base': `${baseHref(req)}${vocabulary.id}/`,
      },
      uri: '',
      id: vocabulary.id,
      title: vocabulary.title,
      defaultLanguage: 'en',
      languages: ['en'],
      conceptschemes: [{ uri: vocabulary.iri, type: 'skos:ConceptScheme', prefLabel: vocabulary.title, title: vocabulary.title }],
    });
  });

  router.get('/:vocid/search', (req, res) => {
    vocabularyOf(lookup.index, req.params.vocid);
    res.json(search(req, req.params.vocid));
  });

  router.get('/:vocid/lookup', (req, res) => {
    const { label, lang: language } = parseQuery(lookupQuery, req.query);
    const vocabulary = vocabularyOf(lookup.index, req.params.vocid);
    const found = lookup.lookupLabel(vocabulary.id, label);
    if (!found) throw notFound(`Could not find label '${label}'`);
    const alt = found.match === 'exact-alt-label' || found.match === 'case-insensitive-alt-label';
    res.json({
      '@context': {
        ...BASE_CONTEXT,
        onki: ONKI,
        results: { '@id': 'onki:results' },
        prefLabel: 'skos:prefLabel',
        altLabel: 'skos:altLabel',
        hiddenLabel: 'skos:hiddenLabel',
        ...(language ? { '@language': language } : {}),
      },
      result: found.terms.map((term) => ({
        uri: term.iri,
        type: [typeOf(vocabulary)],
        localname: term.id,
        prefLabel: labelOf(term),
        ...(alt ? { altLabel: term.altLabels.find((a) => a.toLowerCase() === label.toLowerCase()) ?? label } : {}),
        lang: 'en',
        vocab: vocabulary.id,
      })),
    });
  });

  router.get('/:vocid/data', async (req, res) => {
    const params = parseQuery(dataQuery, req.query);
    const vocabulary = vocabularyOf(lookup.index, req.params.vocid);
    if (params.uri) {
      await sendData(req, res, params.uri, params.format, vocabulary);
      return;
    }
    const { rdf, mediaTypes } = negotiate(req, res, DATA_OFFERS, params.format);
    const body = await service.export(vocabulary.id, rdf);
    res.type(`${mediaTypes[0]}; charset=utf-8`).send(body);
  });

  router.get('/:vocid/label', (req, res) => {
    const { uri, lang: language } = parseQuery(uriQuery, req.query);
    const { term } = termIn(lookup, req.params.vocid, uri);
    res.json({
      '@context': { ...BASE_CONTEXT, prefLabel: 'skos:prefLabel', altLabel: 'skos:altLabel', hiddenLabel: 'skos:hiddenLabel', '@language': language ?? 'en' },
      uri,
      prefLabel: labelOf(term),
      ...(term.altLabels.length > 0 ? { altLabel: term.altLabels } : {}),
    });
  });

  for (const [name, relation] of [
    ['broader', 'broader'],
    ['narrower', 'narrower'],
  ] as const) {
    router.get(`/:vocid/${name}`, (req, res) => {
      const { uri, lang: language } = parseQuery(uriQuery, req.query);
      const { term, hierarchy } = termIn(lookup, req.params.vocid, uri);
      const index = lookup.index;
      res.json({
        '@context': { ...BASE_CONTEXT, prefLabel: 'skos:prefLabel', [name]: `skos:${name}`, '@language': language ?? 'en' },
        uri: term.iri,
        [name]: hierarchy[relation](term.iri).map((iri) => ({ uri: iri, prefLabel: labelOf(index.termByIri(iri)!) })),
      });
    });
  }

  for (const [name, direct, relation] of [
    ['broaderTransitive', 'broader', 'ancestors'],
    ['narrowerTransitive', 'narrower', 'descendants'],
  ] as const) {
    router.get(`/:vocid/${name}`, (req, res) => {
      const { uri, lang: language, limit } = parseQuery(limitQuery, req.query);
      const { term, hierarchy } = termIn(lookup, req.params.vocid, uri);
      const index = lookup.index;
      // Skosmos lists the concept itself first, then the transitive relatives, each with its direct relation.
      const iris = [term.iri, ...hierarchy[relation](term.iri)].slice(0, limit ?? 1000);
      const entries = iris.map((iri) => {
        const related = hierarchy[direct](iri);
        return [iri, { uri: iri, prefLabel: labelOf(index.termByIri(iri)!), ...(related.length > 0 ? { [direct]: related } : {}) }] as const;
      });
      res.json({
        '@context': {
          ...BASE_CONTEXT,
          prefLabel: 'skos:prefLabel',
          [direct]: { '@id': `skos:${direct}`, '@type': '@id' },
          [name]: { '@id': `skos:${name}`, '@container': '@index' },
          '@language': language ?? 'en',
        },
        uri: term.iri,
        [name]: Object.fromEntries(entries),
      });
    });
  }

  router.get('/:vocid/hierarchy', (req, res) => {
    const { uri, lang: language } = parseQuery(uriQuery, req.query);
    const { term, hierarchy, vocabulary } = termIn(lookup, req.params.vocid, uri);
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
    res.json({
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
        '@language': language ?? 'en',
      },
      uri: term.iri,
      broaderTransitive: Object.fromEntries(entries),
    });
  });

  router.get('/:vocid/topConcepts', (req, res) => {
    const vocabulary = vocabularyOf(lookup.index, req.params.vocid);
    const hierarchy = lookup.hierarchy(vocabulary.id)!;
    const index = lookup.index;
    const language = (req.query.lang as string | undefined) ?? 'en';
    res.json({
      '@context': { ...BASE_CONTEXT, onki: ONKI, topconcepts: 'skos:hasTopConcept', notation: 'skos:notation', label: 'skos:prefLabel', '@language': language },
      uri: vocabulary.iri,
      topconcepts: hierarchy
        .topConcepts()
        .map((iri) => ({ uri: iri, label: labelOf(index.termByIri(iri)!), hasChildren: hierarchy.hasChildren(iri), topConceptOf: vocabulary.iri })),
    });
  });

  router.get('/:vocid/mappings', (req, res) => {
    const { uri, lang: language } = parseQuery(uriQuery, req.query);
    const { term, vocabulary } = termIn(lookup, req.params.vocid, uri);
    const index = lookup.index;
    res.json({
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
          lang: language ?? 'en',
          vocabName: targetVocabulary?.title ?? new URL(link.target).host,
          typeLabel: link.predicate,
        };
      }),
      graph: { '@context': DATA_CONTEXT, uri: term.iri, type: typeOf(vocabulary), prefLabel: labelOf(term), inScheme: { uri: vocabulary.iri } },
    });
  });

  /** One term's triples (and the labels of what they point to) in the negotiated RDF form. */
  async function sendData(req: Request, res: import('express').Response, uri: string, formatParam: string | undefined, vocabulary?: VocabularyMeta) {
    const { rdf, mediaTypes } = negotiate(req, res, DATA_OFFERS, formatParam);
    const format = mediaTypes[0];
    const term = lookup.index.termByIri(uri);
    if (!term || (vocabulary && term.vocabularyId !== vocabulary.id)) throw notFound(`no concept found with given uri <${uri}>`);
    const quads = service.termDescription(term);
    const body = rdf === 'jsonld' ? JSON.stringify(await toJsonLd(quads, DATA_CONTEXT)) : await writeRdf(quads, rdf);
    res.type(`${format}; charset=utf-8`).send(body);
  }

  return router;
}

function baseHref(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}/`;
}

function vocabularyOf(index: TermIndex, id: string): VocabularyMeta {
  const vocabulary = index.vocabulary(id);
  if (!vocabulary) throw notFound(`No vocabulary with id ${id}`);
  return vocabulary;
}

function termIn(lookup: Lookup, vocabularyId: string, uri: string): { term: Term; vocabulary: VocabularyMeta; hierarchy: VocabularyHierarchy } {
  const vocabulary = vocabularyOf(lookup.index, vocabularyId);
  const term = lookup.index.termByIri(uri);
  if (!term || term.vocabularyId !== vocabulary.id) throw notFound(`Could not find concept <${uri}>`);
  return { term, vocabulary, hierarchy: lookup.hierarchy(vocabulary.id)! };
}

const uriParam = { name: 'uri', in: 'query', required: true, description: 'the concept URI', schema: { type: 'string' } };
const vocidParam = { name: 'vocid', in: 'path', required: true, description: 'catalogue id of the vocabulary', schema: { type: 'string' } };
const langParam = { name: 'lang', in: 'query', required: false, description: 'label language (labels are English)', schema: { type: 'string' } };
const jsonLd = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', properties: { '@context': { type: 'object' }, uri: { type: 'string' } } } } },
});
/** Path keys carry /rest/v1 and the server is the root, so they cannot collide with /api/v1's keys in one document. */
const skosmosServers = [{ url: '/', description: 'Skosmos-compatible REST API' }];

function skosmosPath(summary: string, parameters: unknown[], extra: Record<string, unknown> = {}) {
  return {
    servers: skosmosServers,
    get: {
      tags: ['skosmos'],
      summary,
      parameters,
      responses: {
        200: jsonLd('Skosmos-shaped JSON-LD'),
        400: problemResponse('A missing or bad parameter'),
        404: problemResponse('No such vocabulary or concept'),
        ...extra,
      },
    },
  };
}

const searchParams = [
  {
    name: 'query',
    in: 'query',
    required: true,
    description: 'label pattern: `*` is a wildcard; without one, labels beginning with the query',
    schema: { type: 'string' },
  },
  langParam,
  { name: 'maxhits', in: 'query', description: 'at most this many results', schema: { type: 'integer', minimum: 1 } },
  { name: 'offset', in: 'query', description: 'skip this many results', schema: { type: 'integer', minimum: 0 } },
  { name: 'parent', in: 'query', description: 'only concepts below this concept URI', schema: { type: 'string' } },
];

/** The Skosmos routes in the OpenAPI document; each path item says it is served under /rest/v1. */
export const skosmosApi: OpenApiPart = {
  tags: [{ name: 'skosmos', description: 'Skosmos-compatible REST API under /rest/v1 (NatLibFi/Skosmos response shapes)' }],
  paths: {
    '/rest/v1/vocabularies': skosmosPath('The hosted vocabularies', [langParam]),
    '/rest/v1/search': skosmosPath('Search labels across vocabularies', [
      ...searchParams,
      { name: 'vocab', in: 'query', description: 'vocabulary ids, space-separated', schema: { type: 'string' } },
    ]),
    '/rest/v1/data': skosmosPath(
      'A concept as RDF',
      [uriParam, { name: 'format', in: 'query', description: 'MIME type', schema: { type: 'string', enum: DATA_OFFERS.map((o) => o.names[0]) } }],
      { 406: problemResponse('A format that cannot be served') },
    ),
    '/rest/v1/{vocid}': skosmosPath('A vocabulary', [vocidParam, langParam]),
    '/rest/v1/{vocid}/search': skosmosPath('Search labels within a vocabulary', [vocidParam, ...searchParams]),
    '/rest/v1/{vocid}/lookup': skosmosPath('Concepts by label: exact prefLabel, case-insensitive prefLabel, then altLabel', [
      vocidParam,
      { name: 'label', in: 'query', required: true, schema: { type: 'string' } },
      langParam,
    ]),
    '/rest/v1/{vocid}/data': skosmosPath(
      'A concept (uri given) or the whole vocabulary as RDF',
      [vocidParam, { ...uriParam, required: false }, { name: 'format', in: 'query', schema: { type: 'string', enum: DATA_OFFERS.map((o) => o.names[0]) } }],
      { 406: problemResponse('A format that cannot be served') },
    ),
    '/rest/v1/{vocid}/label': skosmosPath('The labels of a concept', [vocidParam, uriParam, langParam]),
    '/rest/v1/{vocid}/broader': skosmosPath('Direct broader concepts', [vocidParam, uriParam, langParam]),
    '/rest/v1/{vocid}/narrower': skosmosPath('Direct narrower concepts', [vocidParam, uriParam, langParam]),
    '/rest/v1/{vocid}/broaderTransitive': skosmosPath('All broader concepts, keyed by URI', [
      vocidParam,
      uriParam,
      langParam,
      { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1 } },
    ]),
    '/rest/v1/{vocid}/narrowerTransitive': skosmosPath('All narrower concepts, keyed by URI', [
      vocidParam,
      uriParam,
      langParam,
      { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1 } },
    ]),
    '/rest/v1/{vocid}/hierarchy': skosmosPath('The concept, its ancestors and their children (a tree view)', [vocidParam, uriParam, langParam]),
    '/rest/v1/{vocid}/topConcepts': skosmosPath('The top concepts', [vocidParam, langParam]),
    '/rest/v1/{vocid}/mappings': skosmosPath('Mapping links of a concept (JSKOS)', [vocidParam, uriParam, langParam]),
  },
};
