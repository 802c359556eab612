import N3 from 'n3';
import sparqljs from 'sparqljs';
import type { Quad, RdfTerm } from '../model/index.js';
import { RDF_FORMATS, type Bindings, type GraphInfo, type QueryOptions, type QueryResult, type RdfFormat, type Store } from './store.js';

export interface RemoteSparqlStoreOptions {
  /** SPARQL 1.1 Protocol query endpoint, e.g. http://localhost:8890/sparql or http://fuseki:3030/ds/query. */
  queryEndpoint: string;
  /** SPARQL 1.1 Protocol update endpoint (default: the query endpoint). */
  updateEndpoint?: string;
  /** Graph Store HTTP Protocol endpoint for indirect identification (?graph=); without it, graphs are read with CONSTRUCT. */
  graphStoreEndpoint?: string;
  /** Extra request headers, e.g. { authorization: 'Bearer …' } or Basic credentials for updates. */
  headers?: Record<string, string>;
  /** Per-request time limit (ms). */
  timeoutMs?: number;
}

/** A remote store's answer that is not what the protocol promises (HTTP status, body excerpt). */
export class RemoteStoreError extends Error {
  constructor(
    readonly endpoint: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${endpoint} answered ${status}: ${detail}`);
    this.name = 'RemoteStoreError';
  }
}

const { namedNode, blankNode, literal, defaultGraph, quad } = N3.DataFactory;

/**
 * The Store interface over any SPARQL 1.1 Protocol + Graph Store Protocol server (Virtuoso, Fuseki,
 * GraphDB, Oxigraph server, another astrovoc). A graph replace is one SPARQL Update request of
 * `DROP SILENT GRAPH` + `INSERT DATA` per graph: SPARQL 1.1 Update §3 treats a request as one unit, and the
 * servers named above apply it atomically (Virtuoso only with its transactional mode; see README).
 */
export class RemoteSparqlStore implements Store {
  private readonly updateEndpoint: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: RemoteSparqlStoreOptions) {
    this.updateEndpoint = options.updateEndpoint ?? options.queryEndpoint;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  async replaceGraphs(graphs: ReadonlyMap<string, readonly Quad[]>): Promise<void> {
    if (graphs.size === 0) return;
    const writer = new N3.Writer({ format: 'N-Triples' });
    const operations = [...graphs].map(([graph, quads]) => {
      const triples = writer.quadsToString(quads.map((q) => quad(q.subject as N3.Quad_Subject, q.predicate as N3.Quad_Predicate, q.object as N3.Quad_Object)));
      return `DROP SILENT GRAPH <${graph}> ;\nINSERT DATA { GRAPH <${graph}> {\n${triples}} }`;
    });
    await this.update(operations.join(' ;\n'));
  }

  async dropGraph(graph: string): Promise<void> {
    await this.update(`DROP SILENT GRAPH <${graph}>`);
  }

  async match(subject?: RdfTerm | null, predicate?: RdfTerm | null, object?: RdfTerm | null, graph?: RdfTerm | null): Promise<Quad[]> {
    const position = (term: RdfTerm | null | undefined, variable: string) => (term ? termToSparql(term) : `?${variable}`);
    const pattern = `${position(subject, 's')} ${position(predicate, 'p')} ${position(object, 'o')}`;
    const where = graph && graph.termType === 'DefaultGraph' ? `{ ${pattern} }` : `GRAPH ${position(graph, 'g')} { ${pattern} }`;
    const result = await this.query(`SELECT * WHERE { ${where} }`, { unionDefaultGraph: false });
    if (result.kind !== 'bindings') throw new Error('unexpected result of a SELECT');
    const g = graph && graph.termType === 'DefaultGraph' ? defaultGraph() : undefined;
    return result.rows.map((row) =>
      quad(
        (subject ?? row.get('s')) as N3.Quad_Subject,
        (predicate ?? row.get('p')) as N3.Quad_Predicate,
        (object ?? row.get('o')) as N3.Quad_Object,
        (g ?? graph ?? row.get('g')) as N3.Quad_Graph,
      ),
    );
  }

  /**
   * Runs a query on the server. The protocol has no "union default graph" switch: when asked for it,
   * a query without its own dataset is sent with every named graph as default-graph-uri (SPARQL 1.1
   * Protocol §2.1.4), which is what astrovoc's own endpoint does by default.
   */
  async query(sparql: string, options: QueryOptions = {}): Promise<QueryResult> {
    const parsed = new sparqljs.Parser().parse(sparql);
    if (parsed.type !== 'query') throw new Error('query() runs queries; use replaceGraphs/dropGraph to write');
    const graphs = options.defaultGraphs ?? (options.unionDefaultGraph ?? true ? (parsed.from ? undefined : (await this.listGraphs()).map((g) => g.graph)) : undefined);
    const form = parsed.queryType;
    const accept = form === 'CONSTRUCT' || form === 'DESCRIBE' ? 'application/n-triples' : 'application/sparql-results+json';
    const body = new URLSearchParams({ query: sparql });
    for (const g of graphs ?? []) body.append('default-graph-uri', g);
    for (const g of options.namedGraphs ?? []) body.append('named-graph-uri', g);
    const text = await this.request(this.options.queryEndpoint, { method: 'POST', body, headers: { accept } });
    if (accept === 'application/n-triples') return { kind: 'quads', quads: new N3.Parser({ format: 'N-Triples' }).parse(text) };
    const json = JSON.parse(text) as { boolean?: boolean; head: { vars?: string[] }; results?: { bindings: Record<string, JsonTerm>[] } };
    if (typeof json.boolean === 'boolean') return { kind: 'boolean', value: json.boolean };
    const rows: Bindings[] = (json.results?.bindings ?? []).map((b) => new Map(Object.entries(b).map(([k, v]) => [k, jsonTerm(v)])));
    return { kind: 'bindings', variables: json.head.vars ?? [], rows };
  }

  async exportGraph(graph: string, format: RdfFormat): Promise<string> {
    if (this.options.graphStoreEndpoint) {
      const url = new URL(this.options.graphStoreEndpoint);
      url.searchParams.set('graph', graph);
      return this.request(url.href, { method: 'GET', headers: { accept: RDF_FORMATS[format] } });
    }
    const result = await this.query(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${graph}> { ?s ?p ?o } }`, { unionDefaultGraph: false });
    if (result.kind !== 'quads') throw new Error('unexpected result of a CONSTRUCT');
    if (format !== 'ttl' && format !== 'nt' && format !== 'nq') throw new Error(`${format} export needs a graphStoreEndpoint`);
    const writer = new N3.Writer({ format: format === 'ttl' ? 'Turtle' : format === 'nt' ? 'N-Triples' : 'N-Quads' });
    return writer.quadsToString(format === 'nq' ? result.quads.map((q) => quad(q.subject, q.predicate, q.object, namedNode(graph))) : result.quads);
  }

  async listGraphs(): Promise<GraphInfo[]> {
    const result = await this.query('SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g', { unionDefaultGraph: false });
    if (result.kind !== 'bindings') throw new Error('unexpected result of a SELECT');
    return result.rows.map((row) => ({ graph: row.get('g')!.value, triples: Number(row.get('n')!.value) })).sort((a, b) => a.graph.localeCompare(b.graph));
  }

  private async update(update: string): Promise<void> {
    await this.request(this.updateEndpoint, { method: 'POST', body: new URLSearchParams({ update }) });
  }

  private async request(endpoint: string, init: { method: string; body?: URLSearchParams; headers?: Record<string, string> }): Promise<string> {
    const res = await fetch(endpoint, { ...init, headers: { ...this.options.headers, ...init.headers }, signal: AbortSignal.timeout(this.timeoutMs) });
    const text = await res.text();
    if (!res.ok) throw new RemoteStoreError(endpoint, res.status, text.slice(0, 500));
    return text;
  }
}

interface JsonTerm {
  type: string;
  value: string;
  datatype?: string;
  'xml:lang'?: string;
}

function jsonTerm(term: JsonTerm): RdfTerm {
  switch (term.type) {
    case 'uri':
      return namedNode(term.value);
    case 'bnode':
      return blankNode(term.value);
    default:
      return term['xml:lang'] ? literal(term.value, term['xml:lang']) : literal(term.value, term.datatype ? namedNode(term.datatype) : undefined);
  }
}

function termToSparql(term: RdfTerm): string {
  switch (term.termType) {
    case 'NamedNode':
      return `<${term.value}>`;
    case 'Literal': {
      const writer = new N3.Writer({ format: 'N-Triples' });
      const line = writer.quadToString(namedNode('urn:x'), namedNode('urn:x'), term as N3.Literal);
      return line.slice('<urn:x> <urn:x> '.length, line.lastIndexOf(' .'));
    }
    case 'BlankNode':
      // A blank node label is local to one answer; it cannot name a node in a later request.
      throw new Error('a remote store cannot match a blank node from an earlier answer');
    default:
      throw new Error(`cannot match a ${term.termType}`);
  }
}
