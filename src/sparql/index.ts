export { SparqlService, type QueryRequest, type QueryAnswer, type DatasetRequest } from './sparql-service.js';
export { defaultSparqlConfig, sparqlConfigFromEnv, type SparqlConfig } from './sparql-config.js';
export { SparqlError, type SparqlErrorCode, type SparqlErrorDetails } from './sparql-error.js';
export { parseSparql, DEFAULT_BASE_IRI, type ParsedSparql, type QueryForm } from './sparql-parser.js';
export { SOLUTION_MEDIA_TYPES, GRAPH_MEDIA_TYPES, mediaTypesFor, contentTypeOf } from './result-formats.js';
export { SPARQL_EXAMPLES, type SparqlExample } from './sparql-examples.js';
export { QueryPool, type QueryPoolOptions, type WorkerQuery } from './query-pool.js';
export { FederatedQueryRunner, type LocalQuadSource } from './federated-query.js';
