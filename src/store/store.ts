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

/**
 * The dataset as this process holds it, read synchronously: what the term index, the pages, the Graph Store's
 * reads, federation and the SPARQL workers' copy are built from. The embedded store is its own local dataset;
 * a remote store's is its replica (see RemoteSparqlStore), equal to the remote graphs as of the last write or
 * refresh made through that store object.
 */
export interface LocalDataset {
  /** Quads held. */
  readonly size: number;
  /** One named graph's triples (an absent graph reads as empty). */
  quadsOfGraph(graph: string): Quad[];
  matchNow(subject?: RdfTerm | null, predicate?: RdfTerm | null, object?: RdfTerm | null, graph?: RdfTerm | null): Quad[];
  /** The number of triples in one named graph (0 when absent). */
  countTriples(graph: string): number;
  /** One named graph's triples as N-Triples ('' when it is empty or absent). */
  graphNTriples(graph: string): string;
  /** The whole dataset as N-Quads. */
  dumpNQuads(): string;
  /** Runs a query and serialises its results in one of oxigraph's result formats (SPARQL JSON/XML/CSV/TSV, or an RDF format). */
  querySerialised(sparql: string, resultsFormat: string, options?: QueryOptions): string;
  exportGraph(graph: string, format: RdfFormatName): Promise<string>;
  listGraphs(): Promise<GraphInfo[]>;
}

/** A query or update passed through to the store's own SPARQL endpoint as the client sent it (SPARQL 1.1 Protocol §2.1, §2.2). */
export interface ForwardedRequest {
  /** The media type to ask for (the Accept header). */
  accept?: string;
  defaultGraphs?: readonly string[];
  namedGraphs?: readonly string[];
  /** Cancels the request (the endpoint's time limit). */
  signal?: AbortSignal;
}

/** The server's answer to a forwarded query: its media type and bytes. */
export interface ForwardedAnswer {
  mediaType: string;
  body: Buffer;
}

/** A store that is itself a SPARQL 1.1 Protocol server: /sparql requests go to it as they are. */
export interface SparqlProtocolServer {
  forwardQuery(sparql: string, request?: ForwardedRequest): Promise<ForwardedAnswer>;
  forwardUpdate(update: string, signal?: AbortSignal): Promise<void>;
}

/** The dataset: one named graph per vocabulary version and per mapping set. */
export interface Store {
  /**
   * `embedded`: the dataset lives in this process and astrovoc persists it (snapshot, graph journal);
   * `remote`: it lives in a shared server that persists it and that other processes may change.
   */
  readonly kind: 'embedded' | 'remote';
  /** The in-process copy synchronous readers use (the store itself when embedded, a replica when remote). */
  readonly local: LocalDataset;
  /**
   * Reads again into the local copy the graphs named (else every graph astrovoc hosts in the store), after the
   * store changed other than through this object: a forwarded SPARQL Update, another process. `current`: graphs
   * known to be equal already (just written through this object), not read. Answers the graphs whose content changed.
   */
  refreshLocal(graphs?: readonly string[], current?: ReadonlySet<string>): Promise<string[]>;
  /** The store's own SPARQL endpoint, when it has one (remote). */
  readonly sparqlServer?: SparqlProtocolServer;
  /** Adds a dump (N-Quads written by `local.dumpNQuads()`: trusted, astrovoc's own snapshot); the embedded store takes it in one bulk load. */
  loadDump(nquads: string): Promise<void>;
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
