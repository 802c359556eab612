export * from './namespaces.js';
export * from './vocabulary.js';
export * from './term.js';
export * from './diagnostic.js';
export * from './rdf.js';
export * from './ucd.js';
export * from './page-path.js';
export * from './expected-version.js';
