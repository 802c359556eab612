export { vocabularyJson, termJson } from './vocabulary-json.js';
export { PageRenderer, safeJson } from './page-renderer.js';
export { PagePaths, vocabularyPath, termPath, IVOA_RDF_BASE, type PageTarget } from './paths.js';
export { toDesise, writeDesise, DESISE_MEDIA_TYPE, type Desise, type DesiseTerm } from './desise-writer.js';
export { writeRdf, writesRdf, toJsonLd, prefixesFor, QuadsBySubject, type Prefixes } from './rdf-writer.js';
export {
  Representations,
  MACHINE_REPRESENTATIONS,
  type MachineFormat,
  type MachineRepresentation,
  type RepresentationSource,
  type Serialised,
} from './representations.js';
export * from './page-models.js';
