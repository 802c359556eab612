import type { QueryForm } from './sparql-parser.js';

/** SPARQL 1.1 Protocol §2.1: result formats for SELECT and ASK (the first is the default for any Accept). */
export const SOLUTION_MEDIA_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'] as const;

/** Graph results of CONSTRUCT and DESCRIBE (the first is the default). */
export const GRAPH_MEDIA_TYPES = ['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml'] as const;

/** ASK has no CSV/TSV form in SPARQL 1.1 Query Results CSV and TSV Formats (§1: they cover SELECT only). */
const BOOLEAN_MEDIA_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml'] as const;

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
  return mediaType.startsWith('text/') || mediaType.endsWith('+json') || mediaType.endsWith('+xml') || mediaType === 'application/n-triples'
    ? `${mediaType}; charset=utf-8`
    : mediaType;
}

/** W3C format IRIs (https://www.w3.org/ns/formats/) for the service description's sd:resultFormat. */
export const FORMAT_IRIS: Readonly<Record<string, string>> = {
  'application/sparql-results+json': 'http://www.w3.org/ns/formats/SPARQL_Results_JSON',
  'application/sparql-results+xml': 'http://www.w3.org/ns/formats/SPARQL_Results_XML',
  'text/csv': 'http://www.w3.org/ns/formats/SPARQL_Results_CSV',
  'text/tab-separated-values': 'http://www.w3.org/ns/formats/SPARQL_Results_TSV',
  'text/turtle': 'http://www.w3.org/ns/formats/Turtle',
  'application/n-triples': 'http://www.w3.org/ns/formats/N-Triples',
  'application/ld+json': 'http://www.w3.org/ns/formats/JSON-LD',
  'application/rdf+xml': 'http://www.w3.org/ns/formats/RDF_XML',
};

/** Comunica serialises solutions in the four SPARQL formats and graphs in Turtle, N-Triples and JSON-LD. */
export function federatedMediaTypesFor(form: QueryForm): readonly string[] {
  return form === 'CONSTRUCT' || form === 'DESCRIBE' ? GRAPH_MEDIA_TYPES.filter((t) => t !== 'application/rdf+xml') : mediaTypesFor(form);
}
