/**
 * What the Skosmos routes share: the JSON-LD contexts Skosmos 2/3 answers with (NatLibFi/Skosmos RestController), the
 * query parameters, the answer schemas, and finding a vocabulary or one of its concepts.
 */
import type { Request } from 'express';
import { z } from 'zod';
import { rdfMediaType, SKOS, type Term, type VocabularyMeta } from '../../model/index.js';
import type { Lookup, TermIndex, VocabularyHierarchy } from '../../vocab/index.js';
import { notFound } from '../problem.js';

export const SKOSMOS_BASE = '/rest/v1';
export const SKOSMOS_TAG = 'skosmos';
export const ONKI = 'http://schema.onki.fi/onki#';
export const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
export const BASE_CONTEXT = { skos: SKOS, uri: '@id', type: '@type' };

/** One offer per media type: Skosmos' `format` is a media type, and it answers in the type asked for. */
const dataOffer = (rdf: 'rdfxml' | 'ttl' | 'jsonld' | 'nt', mediaType = rdfMediaType(rdf)) => ({ rdf, mediaTypes: [mediaType], names: [mediaType] }) as const;

/** The RDF forms /data serves, in Skosmos' order of preference (RestController::SUPPORTED_FORMATS), where application/json is JSON-LD. */
export const DATA_OFFERS = [dataOffer('rdfxml'), dataOffer('ttl'), dataOffer('jsonld'), dataOffer('jsonld', 'application/json'), dataOffer('nt')];

/** The context Skosmos compacts /data's JSON-LD with. */
export const DATA_CONTEXT = {
  skos: SKOS,
  rdfs: RDFS,
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

export const langParameter = z.string().optional().describe('label language (labels are English; the value is echoed in the context)');
export const vocidParams = z.object({ vocid: z.string().describe('catalogue id of the vocabulary') });
export const langQuery = z.object({ lang: langParameter });
export const uriQuery = z.object({
  uri: z.string({ error: 'uri parameter missing' }).min(1, 'uri parameter missing').describe('the concept URI'),
  lang: langParameter,
});

/** A JSON-LD context: open by design. */
export const contextSchema = z.object({}).catchall(z.unknown()).meta({ id: 'SkosmosContext' });

const jsonLdObject = z.object({}).catchall(z.unknown());

/** A JSON-LD document, open by design: an object (a compacted concept) or an array of node objects (a whole vocabulary, expanded). */
export const jsonLdSchema = z.union([jsonLdObject, z.array(jsonLdObject)]).meta({ id: 'JsonLdDocument' });

/** A concept found by label, as Skosmos' search and lookup list it. */
export const labelResultSchema = z
  .object({
    uri: z.string(),
    type: z.array(z.string()),
    localname: z.string(),
    prefLabel: z.string(),
    altLabel: z.string().optional().describe('the alt label that matched, when it was one'),
    lang: z.string(),
    vocab: z.string(),
  })
  .meta({ id: 'SkosmosLabelResult' });

/** The rdf:type Skosmos shows for a term of a vocabulary of this flavour. */
export function typeOf(vocabulary: VocabularyMeta): string {
  return vocabulary.flavour === 'RDF Class' ? 'rdfs:Class' : vocabulary.flavour === 'RDF Property' ? 'rdf:Property' : 'skos:Concept';
}

export const labelOf = (term: Term) => term.labels[0] ?? term.id;

/** The `@base` of an answer: the absolute URL of /rest/v1/ on the host asked. */
export function baseHref(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}${SKOSMOS_BASE}/`;
}

export function vocabularyOf(index: TermIndex, id: string): VocabularyMeta {
  const vocabulary = index.vocabulary(id);
  if (!vocabulary) throw notFound(`No vocabulary with id ${id}`);
  return vocabulary;
}

export interface ConceptInVocabulary {
  term: Term;
  vocabulary: VocabularyMeta;
  hierarchy: VocabularyHierarchy;
}

/** The concept `uri` of vocabulary `vocabularyId`, or a 404 (a concept of another vocabulary is not found either). */
export function termIn(lookup: Lookup, vocabularyId: string, uri: string): ConceptInVocabulary {
  const index = lookup.index;
  const vocabulary = vocabularyOf(index, vocabularyId);
  const term = index.termByIri(uri);
  if (!term || term.vocabularyId !== vocabulary.id) throw notFound(`Could not find concept <${uri}>`);
  return { term, vocabulary, hierarchy: lookup.hierarchy(vocabulary.id)! };
}
