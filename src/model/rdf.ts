/** The RDF/JS data model, as n3 implements it: every layer builds quads with these. */
import N3 from 'n3';
import type * as RDF from '@rdfjs/types';

export type { Quad, Term as RdfTerm, NamedNode, Literal, BlankNode } from '@rdfjs/types';
export const factory: RDF.DataFactory = N3.DataFactory;

export const iri = (value: string): RDF.NamedNode => N3.DataFactory.namedNode(value);
export const literal = (value: string, languageOrDatatype?: string | RDF.NamedNode): RDF.Literal => N3.DataFactory.literal(value, languageOrDatatype);
