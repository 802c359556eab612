export { vocabularyJson, termJson } from './vocabulary-json.js';
export { PageRenderer, safeJson } from './page-renderer.js';
export { PagePaths, vocabularyPath, termPath, IVOA_RDF_BASE, type PageTarget } from './paths.js';
export { toDesise, writeDesise, DESISE_MEDIA_TYPE, type Desise, type DesiseTerm } from './desise-writer.js';
export { writeRdf, toJsonLd, prefixesFor, QuadsBySubject, RDF_SERIALISATIONS, type RdfSerialisation, type Prefixes } from './rdf-writer.js';
export { Representations, MACHINE_MEDIA_TYPES, type MachineFormat, type RepresentationSource, type Serialised } from './representations.js';
export * from './page-models.js';
export { apiDocsView, type ApiDescription, type ApiDocsView } from './api-docs-view.js';
