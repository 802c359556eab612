import N3 from 'n3';
import type { RdfTerm } from '../model/index.js';

// eslint-disable-next-line @typescript-eslint/unbound-method -- N3.DataFactory's functions do not use `this`
const { namedNode, blankNode, literal } = N3.DataFactory;

/** A term of the SPARQL 1.1 Query Results JSON Format (§3.2.2). */
export interface SparqlJsonTerm {
  type: string;
  value: string;
  datatype?: string;
  'xml:lang'?: string;
}

/** The RDF/JS term for a SPARQL JSON result term (`literal` and the older `typed-literal` alike). */
export function termFromSparqlJson(term: SparqlJsonTerm): RdfTerm {
  switch (term.type) {
    case 'uri':
      return namedNode(term.value);
    case 'bnode':
      return blankNode(term.value);
    default:
      return term['xml:lang'] ? literal(term.value, term['xml:lang']) : literal(term.value, term.datatype ? namedNode(term.datatype) : undefined);
  }
}
