import { RDF_FORMATS, rdfFormatByMediaType, rdfMediaType, SPARQL_RESULT_FORMATS, type RdfFormatName } from '../model/index.js';
import type { QueryForm } from './sparql-parser.js';

/** SPARQL 1.1 Protocol §2.1: result formats for SELECT and ASK (the first is the default for any Accept). */
export const SOLUTION_MEDIA_TYPES: readonly string[] = SPARQL_RESULT_FORMATS.map((f) => f.mediaType);

/** Graph results of CONSTRUCT and DESCRIBE, in order of preference (the first is the default). */
const GRAPH_FORMATS: readonly RdfFormatName[] = ['ttl', 'nt', 'jsonld', 'rdfxml'];
export const GRAPH_MEDIA_TYPES: readonly string[] = GRAPH_FORMATS.map(rdfMediaType);

const BOOLEAN_MEDIA_TYPES: readonly string[] = SPARQL_RESULT_FORMATS.filter((f) => f.ask).map((f) => f.mediaType);

export function mediaTypesFor(form: QueryForm): readonly string[] {
  switch (form) {
    case 'SELECT':
      return SOLUTION_MEDIA_TYPES;
    case 'ASK':
      return BOOLEAN_MEDIA_TYPES;
    case 'CONSTRUCT':
    case 'DESCRIBE':
      return GRAPH_MEDIA_TYPES;
  }
}

/** The Content-Type to send for a result media type (text formats say their charset). */
export function contentTypeOf(mediaType: string): string {
  return mediaType.startsWith('text/') || mediaType.endsWith('+json') || mediaType.endsWith('+xml') || rdfFormatByMediaType(mediaType) !== undefined
    ? `${mediaType}; charset=utf-8`
    : mediaType;
}

/** W3C format IRIs (https://www.w3.org/ns/formats/) for the service description's sd:resultFormat. */
export const FORMAT_IRIS: ReadonlyMap<string, string> = new Map([
  ...SPARQL_RESULT_FORMATS.map((f) => [f.mediaType, f.iri] as const),
  ...RDF_FORMATS.map((f) => [f.mediaTypes[0], f.iri] as const),
]);

/** Comunica serialises solutions in the four SPARQL formats and graphs in Turtle, N-Triples and JSON-LD. */
export function federatedMediaTypesFor(form: QueryForm): readonly string[] {
  return form === 'CONSTRUCT' || form === 'DESCRIBE' ? GRAPH_MEDIA_TYPES.filter((t) => t !== rdfMediaType('rdfxml')) : mediaTypesFor(form);
}
