/**
 * The SPARQL 1.1 Graph Store HTTP Protocol's operations on named graphs, without HTTP: read a graph in an RDF
 * format, replace, merge into or delete one. Writes go through VocabularyService (all-or-nothing, journaled, the
 * index refreshed) and answer once the SPARQL workers see them.
 */
import { parseUntrustedRdf } from '../ingest/index.js';
import { AstrovocError, factory, rdfMediaType, type ErrorKind, type Quad, type RdfFormatName } from '../model/index.js';
import { hostedGraphRefusal, type VocabularyService } from '../vocab/index.js';
import type { SparqlService } from './sparql-service.js';

export type GraphStoreErrorCode =
  /** No such graph (§5.4, §5.6: 404). */
  | 'not-found'
  /** A graph astrovoc itself writes (its mapping sets): not writable here. */
  | 'own-graph'
  /** A hosted vocabulary's graph: its terms change through the term API, validated and recorded. */
  | 'hosted-vocabulary'
  /** The body of a write is in no RDF syntax astrovoc reads. */
  | 'unsupported-syntax'
  /** The body of a write holds a named graph: it must be the triples of one graph. */
  | 'named-graph-in-body';

const KINDS: Readonly<Record<GraphStoreErrorCode, { kind: ErrorKind; title?: string; parameter?: string }>> = {
  'not-found': { kind: 'not-found' },
  'own-graph': { kind: 'forbidden', parameter: 'graph' },
  'hosted-vocabulary': { kind: 'forbidden', title: 'Hosted vocabulary graph', parameter: 'graph' },
  'unsupported-syntax': { kind: 'unsupported-media-type', title: 'Unsupported media type' },
  'named-graph-in-body': { kind: 'bad-request', title: 'Malformed RDF', parameter: 'body' },
};

export class GraphStoreError extends AstrovocError {
  constructor(
    readonly code: GraphStoreErrorCode,
    message: string,
    readonly graph: string,
  ) {
    const { kind, title, parameter } = KINDS[code];
    super(kind, message, { ...(title ? { title } : {}), ...(parameter ? { location: { parameter } } : {}) });
    this.name = 'GraphStoreError';
  }
}

/** An RDF body as received: its text and format (undefined: none astrovoc reads). */
export interface GraphBody {
  text: string;
  format: RdfFormatName | undefined;
}

/** What a write did: whether the graph held no triples before (201 rather than 204). */
export interface GraphWrite {
  created: boolean;
}

export class GraphStore {
  constructor(
    private readonly vocabularies: VocabularyService,
    private readonly sparql: SparqlService,
  ) {}

  /**
   * A named graph serialised in `format`, read from the local dataset: a remote store's
   * replica exports every format, which a server without a Graph Store endpoint cannot. Without a graph, the default
   * graph: the union of the hosted graphs, as the SPARQL endpoint answers it.
   */
  async read(graph: string | undefined, format: RdfFormatName): Promise<string | Buffer> {
    if (graph === undefined) return (await this.sparql.query({ text: 'CONSTRUCT WHERE { ?s ?p ?o }', choose: () => rdfMediaType(format) })).body;
    const local = this.vocabularies.store.local;
    if (local.matchNow(null, null, null, factory.namedNode(graph)).length === 0) throw new GraphStoreError('not-found', `No graph ${graph}`, graph);
    return local.exportGraph(graph, format);
  }

  /** Replaces a named graph with the body's triples (§5.3). */
  async replace(graph: string, body: GraphBody): Promise<GraphWrite> {
    this.checkWritable(graph);
    const { created } = await this.vocabularies.writeGraphs(new Map([[graph, await this.parse(graph, body)]]));
    await this.sparql.settled();
    return { created: created.includes(graph) };
  }

  /** Merges the body's triples into a named graph, its blank nodes new nodes (§5.5). */
  async merge(graph: string, body: GraphBody): Promise<GraphWrite> {
    this.checkWritable(graph);
    const { created } = await this.vocabularies.addToGraph(graph, await this.parse(graph, body));
    await this.sparql.settled();
    return { created: created.includes(graph) };
  }

  /** Removes a named graph (§5.4). */
  async delete(graph: string): Promise<void> {
    this.checkWritable(graph);
    if (!(await this.vocabularies.deleteGraph(graph))) throw new GraphStoreError('not-found', `No graph ${graph}`, graph);
    await this.sparql.settled();
  }

  private checkWritable(graph: string): void {
    const vocabulary = this.vocabularies.vocabularyOfGraph(graph);
    if (vocabulary) throw new GraphStoreError('hosted-vocabulary', hostedGraphRefusal(graph, vocabulary).message, graph);
    if (this.vocabularies.isOwnGraph(graph))
      throw new GraphStoreError('own-graph', `${graph} is written by astrovoc itself (its mapping sets), not through the Graph Store`, graph);
  }

  /** The body's triples, parsed in a disposable worker within the SPARQL query time limit (bounded: untrusted input). */
  private async parse(graph: string, body: GraphBody): Promise<Quad[]> {
    if (!body.format) throw new GraphStoreError('unsupported-syntax', 'The body is in no RDF syntax the Graph Store reads', graph);
    const quads = await parseUntrustedRdf(body.text, body.format, 'request body', graph, { timeoutMs: this.sparql.config.timeoutMs });
    const named = quads.find((q) => q.graph.termType !== 'DefaultGraph');
    if (named) throw new GraphStoreError('named-graph-in-body', `The body holds a named graph (${named.graph.value}); send the triples of one graph`, graph);
    return quads;
  }
}
