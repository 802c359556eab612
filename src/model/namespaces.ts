/** IRIs of the vocabularies astrovoc reads and writes. */
export const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
export const OWL = 'http://www.w3.org/2002/07/owl#';
export const XSD = 'http://www.w3.org/2001/XMLSchema#';
export const SKOS = 'http://www.w3.org/2004/02/skos/core#';
export const DC = 'http://purl.org/dc/terms/';
export const FOAF = 'http://xmlns.com/foaf/0.1/';
export const IVOASEM = 'http://www.ivoa.net/rdf/ivoasem#';
export const SEMAPV = 'https://w3id.org/semapv/vocab/';
export const SSSOM = 'https://w3id.org/sssom/';
export const VOID = 'http://rdfs.org/ns/void#';
export const ASTROVOC = 'https://astrovoc.org/ns#';

export const PREFIXES: Readonly<Record<string, string>> = {
  rdf: RDF,
  rdfs: RDFS,
  owl: OWL,
  xsd: XSD,
  skos: SKOS,
  dc: DC,
  foaf: FOAF,
  ivoasem: IVOASEM,
  semapv: SEMAPV,
};

/** Named graph that holds one version of one hosted vocabulary. */
export function vocabularyGraphIri(vocabularyId: string, version: string | undefined): string {
  return `urn:astrovoc:vocabulary:${encodeURIComponent(vocabularyId)}${version ? `@${encodeURIComponent(version)}` : ''}`;
}
