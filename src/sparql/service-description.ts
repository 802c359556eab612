import N3 from 'n3';
import { DC, RDF, VOID, type VocabularyMeta } from '../model/index.js';
import { FORMAT_IRIS } from './result-formats.js';

const SD = 'http://www.w3.org/ns/sparql-service-description#';

/** VoID statistics of one named graph (VoID §4.6). */
export interface GraphStatistics {
  graph: string;
  triples: number;
  distinctSubjects: number;
  properties: number;
  distinctObjects: number;
}

/** The query that gathers GraphStatistics for every named graph in one pass per graph. */
export const GRAPH_STATISTICS_QUERY = `SELECT ?g (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?p) AS ?properties) (COUNT(DISTINCT ?o) AS ?objects)
WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g`;

/** Reads the SPARQL JSON answer of GRAPH_STATISTICS_QUERY. */
export function graphStatisticsFromJson(json: string): GraphStatistics[] {
  const parsed = JSON.parse(json) as { results: { bindings: Record<string, { value: string }>[] } };
  return parsed.results.bindings.map((b) => ({
    graph: b.g!.value,
    triples: Number(b.triples!.value),
    distinctSubjects: Number(b.subjects!.value),
    properties: Number(b.properties!.value),
    distinctObjects: Number(b.objects!.value),
  }));
}

export interface ServiceDescriptionInput {
  endpoint: string;
  resultMediaTypes: readonly string[];
  statistics: readonly GraphStatistics[];
  vocabularies: readonly VocabularyMeta[];
  federation: boolean;
}

/**
 * SPARQL 1.1 Service Description (§3) of the endpoint, in Turtle: the languages and result formats it
 * speaks, sd:UnionDefaultGraph (the default graph is the union of the named graphs, §3.3), and the
 * default dataset with one sd:NamedGraph per hosted graph, each described with VoID statistics.
 */
export function serviceDescriptionTurtle(input: ServiceDescriptionInput): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- N3.DataFactory's functions do not use `this`
  const { namedNode, literal, blankNode, quad } = N3.DataFactory;
  const sd = (local: string) => namedNode(SD + local);
  const voidTerm = (local: string) => namedNode(VOID + local);
  const type = namedNode(`${RDF}type`);
  const integer = (n: number) => literal(String(n), namedNode('http://www.w3.org/2001/XMLSchema#integer'));
  const writer = new N3.Writer({ prefixes: { sd: SD, void: VOID, dcterms: DC, formats: 'http://www.w3.org/ns/formats/' } });

  const service = namedNode(iriRef(input.endpoint));
  writer.addQuad(quad(service, type, sd('Service')));
  writer.addQuad(quad(service, sd('endpoint'), service));
  writer.addQuad(quad(service, sd('supportedLanguage'), sd('SPARQL11Query')));
  writer.addQuad(quad(service, sd('supportedLanguage'), sd('SPARQL11Update')));
  for (const mediaType of input.resultMediaTypes) {
    const iri = FORMAT_IRIS.get(mediaType);
    if (iri) writer.addQuad(quad(service, sd('resultFormat'), namedNode(iri)));
  }
  writer.addQuad(quad(service, sd('feature'), sd('UnionDefaultGraph')));
  if (input.federation) writer.addQuad(quad(service, sd('feature'), sd('BasicFederatedQuery')));

  const dataset = blankNode('dataset');
  writer.addQuad(quad(service, sd('defaultDataset'), dataset));
  writer.addQuad(quad(dataset, type, sd('Dataset')));
  writer.addQuad(quad(dataset, type, voidTerm('Dataset')));
  const defaultGraph = blankNode('defaultGraph');
  writer.addQuad(quad(dataset, sd('defaultGraph'), defaultGraph));
  writer.addQuad(quad(defaultGraph, type, sd('Graph')));
  writer.addQuad(quad(defaultGraph, voidTerm('triples'), integer(input.statistics.reduce((sum, s) => sum + s.triples, 0))));

  const titles = new Map(input.vocabularies.map((v) => [v.graph, v]));
  input.statistics.forEach((stats, i) => {
    const named = blankNode(`g${i}`);
    const graph = blankNode(`d${i}`);
    writer.addQuad(quad(dataset, sd('namedGraph'), named));
    writer.addQuad(quad(named, type, sd('NamedGraph')));
    writer.addQuad(quad(named, sd('name'), namedNode(iriRef(stats.graph))));
    writer.addQuad(quad(named, sd('graph'), graph));
    writer.addQuad(quad(graph, type, sd('Graph')));
    writer.addQuad(quad(graph, type, voidTerm('Dataset')));
    const vocabulary = titles.get(stats.graph);
    if (vocabulary) {
      writer.addQuad(quad(graph, namedNode(`${DC}title`), literal(vocabulary.title)));
      writer.addQuad(quad(graph, voidTerm('uriSpace'), literal(vocabulary.termBase)));
    }
    writer.addQuad(quad(graph, voidTerm('triples'), integer(stats.triples)));
    writer.addQuad(quad(graph, voidTerm('distinctSubjects'), integer(stats.distinctSubjects)));
    writer.addQuad(quad(graph, voidTerm('properties'), integer(stats.properties)));
    writer.addQuad(quad(graph, voidTerm('distinctObjects'), integer(stats.distinctObjects)));
  });

  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}

/**
 * An IRI as Turtle may hold it between < and > (Turtle §6.5, IRIREF): N3.Writer leaves > and spaces as they
 * are, so request text in an IRI (the Host header in the endpoint's) could close it and add triples. Every
 * character IRIREF forbids is percent-encoded.
 */
export function iriRef(iri: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what IRIREF forbids
  return iri.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
