import { AstrovocError, type Quad, type RdfFormatName, type RdfTerm } from '../model/index.js';

export interface GraphInfo {
  graph: string;
  triples: number;
}

export type Bindings = Map<string, RdfTerm>;

/** The result of a SPARQL query: SELECT gives bindings, ASK a boolean, CONSTRUCT/DESCRIBE quads. */
export type QueryResult = { kind: 'bindings'; variables: string[]; rows: Bindings[] } | { kind: 'boolean'; value: boolean } | { kind: 'quads'; quads: Quad[] };

export interface QueryOptions {
  /** Treat the default graph as the union of all named graphs (astrovoc's public default). */
  unionDefaultGraph?: boolean;
  defaultGraphs?: string[];
  namedGraphs?: string[];
}

/** The dataset: one named graph per vocabulary version and per mapping set. */
export interface Store {
  /** Replace several named graphs as one unit: either all are replaced or none. */
  replaceGraphs(graphs: ReadonlyMap<string, readonly Quad[]>): Promise<void>;
  /** Add triples to a named graph (created if absent) as one unit, without reading it first: a merge two writers cannot interleave. */
  addToGraph(graph: string, quads: readonly Quad[]): Promise<void>;
  dropGraph(graph: string): Promise<void>;
  match(subject?: RdfTerm | null, predicate?: RdfTerm | null, object?: RdfTerm | null, graph?: RdfTerm | null): Promise<Quad[]>;
  query(sparql: string, options?: QueryOptions): Promise<QueryResult>;
  /** A graph in any format of the registry (src/model/rdf-formats.ts). */
  exportGraph(graph: string, format: RdfFormatName): Promise<string>;
  listGraphs(): Promise<GraphInfo[]>;
  /** One named graph's triples (an absent graph reads as empty). */
  readGraph(graph: string): Promise<Quad[]>;
}

/**
 * Whether a graph is one astrovoc writes (vocabularies, mapping sets, files; all named urn:astrovoc:…), as
 * opposed to a shared store's own graphs (Virtuoso's system graphs, other applications' data).
 */
export const isAstrovocGraph = (graph: string): boolean =>
  graph.startsWith('urn:astrovoc:') && graph !== MANIFEST_GRAPH && !graph.startsWith('urn:astrovoc:staging:');

/** The graph where astrovoc keeps what a remote store holds (the load fingerprint, vocabulary metadata): see dataset-loader. */
export const MANIFEST_GRAPH = 'urn:astrovoc:manifest';

/**
 * An absolute IRI that can stand between `<` and `>` in SPARQL text (SPARQL 1.1 Query §19.8, IRIREF):
 * graph IRIs come from requests and are written into update text, so anything else is refused.
 */
export function isSafeIri(iri: string): boolean {
  // eslint-disable-next-line no-control-regex -- IRIREF excludes the control characters and space.
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:[^<>"{}|^`\\\u0000-\u0020]+$/.test(iri);
}

export class UnsafeIriError extends AstrovocError {
  constructor(readonly iri: string) {
    super('bad-request', `not an IRI that can be written in SPARQL: ${JSON.stringify(iri)}`);
    this.name = 'UnsafeIriError';
  }
}

/** Throws UnsafeIriError unless `isSafeIri`. */
export function assertSafeIri(iri: string): string {
  if (!isSafeIri(iri)) throw new UnsafeIriError(iri);
  return iri;
}

export const MAPPING_GRAPH_PREFIX = 'urn:astrovoc:mappings:';
export const isBookkeepingGraph = (graph: string): boolean => graph === MANIFEST_GRAPH || graph.startsWith('urn:astrovoc:staging:');
