import { randomUUID } from 'node:crypto';
import N3 from 'n3';
import sparqljs from 'sparqljs';
import { AstrovocError, rdfMediaType, type Quad, type RdfFormatName, type RdfTerm } from '../model/index.js';
import {
  assertSafeIri,
  type Bindings,
  type ForwardedAnswer,
  type ForwardedRequest,
  type GraphInfo,
  type LocalDataset,
  type QueryOptions,
  type QueryResult,
  type SparqlProtocolServer,
  type Store,
} from './store.js';
import { termFromSparqlJson, type SparqlJsonTerm } from './sparql-json-term.js';
import { RemoteReplica } from './remote-replica.js';

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
  /** Largest update text sent in one request (default 4 MB; Virtuoso refuses requests over 10 MB). */
  maxRequestBytes?: number;
}

/** A remote store's answer that is not what the protocol promises (HTTP status, body excerpt). */
export class RemoteStoreError extends AstrovocError {
  constructor(
    readonly endpoint: string,
    readonly status: number,
    detail: string,
  ) {
    super('upstream', `${endpoint} answered ${status}: ${detail}`);
    this.name = 'RemoteStoreError';
  }
}

// eslint-disable-next-line @typescript-eslint/unbound-method -- N3.DataFactory's functions do not use `this`
const { namedNode, defaultGraph, quad } = N3.DataFactory;

/**
 * The Store interface over any SPARQL 1.1 Protocol + Graph Store Protocol server (Virtuoso, Fuseki,
 * GraphDB, Oxigraph server, another astrovoc). A graph replace is one SPARQL Update request of
 * `DROP SILENT GRAPH` + `INSERT DATA` per graph: SPARQL 1.1 Update §3 treats a request as one unit, and the
 * servers named above apply it atomically (Virtuoso only with its transactional mode; see README).
 */
export class RemoteSparqlStore implements Store, SparqlProtocolServer {
  readonly kind = 'remote';
  private readonly updateEndpoint: string;
  private readonly timeoutMs: number;
  /** Every write through this object is applied to the replica once the server has taken it. */
  private readonly replica = new RemoteReplica(this);

  constructor(private readonly options: RemoteSparqlStoreOptions) {
    this.updateEndpoint = options.updateEndpoint ?? options.queryEndpoint;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** The replica: see RemoteReplica for what reads it and why. */
  get local(): LocalDataset {
    return this.replica.dataset;
  }

  refreshLocal(graphs?: readonly string[], current?: ReadonlySet<string>): Promise<string[]> {
    return this.replica.refresh(graphs, current);
  }

  get sparqlServer(): SparqlProtocolServer {
    return this;
  }

  /**
   * Replaces the graphs in one update request when the text fits in `maxRequestBytes`. A larger replace is
   * staged: each new graph is written to a fresh staging graph over as many requests as it takes, then one
   * small request moves every staging graph onto its target (SPARQL 1.1 Update §3.2.4 MOVE), so the targets
   * still change in a single request. A failure before that leaves the targets as they were.
   */
  async replaceGraphs(graphs: ReadonlyMap<string, readonly Quad[]>): Promise<void> {
    await this.replaceOnServer(graphs);
    await this.replica.replaced(graphs);
  }

  private async replaceOnServer(graphs: ReadonlyMap<string, readonly Quad[]>): Promise<void> {
    if (graphs.size === 0) return;
    const limit = this.options.maxRequestBytes ?? 4 * 1024 * 1024;
    const inserts = [...graphs].map(([graph, quads]) => ({ graph, blocks: insertBlocks(quads) }));
    const direct = inserts.flatMap(({ graph, blocks }) => [`DROP SILENT GRAPH <${assertSafeIri(graph)}>`, ...blocks.map((block) => block(graph))]);
    if (byteLength(direct) <= limit) {
      await this.update(direct.join(' ;\n'));
      return;
    }
    const staging = new Map(inserts.map(({ graph }) => [graph, `${STAGING_PREFIX}${randomUUID()}`]));
    try {
      let batch: string[] = [];
      for (const { graph, blocks } of inserts) {
        for (const block of blocks) {
          const operation = block(staging.get(graph)!);
          if (batch.length > 0 && byteLength(batch) + operation.length > limit) {
            await this.update(batch.join(' ;\n'));
            batch = [];
          }
          batch.push(operation);
        }
      }
      if (batch.length > 0) await this.update(batch.join(' ;\n'));
      // MOVE SILENT of a staging graph never written (an emptied target) leaves the target empty, as asked.
      await this.update(
        [...staging]
          .map(
            ([graph, stage]) => `DROP SILENT GRAPH <${assertSafeIri(graph)}> ;\nMOVE SILENT GRAPH <${assertSafeIri(stage)}> TO GRAPH <${assertSafeIri(graph)}>`,
          )
          .join(' ;\n'),
      );
    } catch (error) {
      await this.update([...staging.values()].map((stage) => `DROP SILENT GRAPH <${assertSafeIri(stage)}>`).join(' ;\n')).catch(() => undefined);
      throw error;
    }
  }

  /**
   * One INSERT request when it fits; otherwise the triples go to a staging graph first and one final
   * `ADD` (SPARQL 1.1 Update §3.2.5) merges them, so the graph never holds half of them. The replica then
   * reads the merged graph back: the server's graph may hold what other processes wrote.
   */
  async addToGraph(graph: string, quads: readonly Quad[]): Promise<void> {
    await this.addOnServer(graph, quads);
    await this.replica.refresh([graph]);
  }

  private async addOnServer(graph: string, quads: readonly Quad[]): Promise<void> {
    if (quads.length === 0) return;
    const limit = this.options.maxRequestBytes ?? 4 * 1024 * 1024;
    const blocks = insertBlocks(quads);
    const direct = blocks.map((block) => block(graph));
    if (byteLength(direct) <= limit) {
      await this.update(direct.join(' ;\n'));
      return;
    }
    const stage = `${STAGING_PREFIX}${randomUUID()}`;
    try {
      let batch: string[] = [];
      for (const block of blocks) {
        const operation = block(stage);
        if (batch.length > 0 && byteLength(batch) + operation.length > limit) {
          await this.update(batch.join(' ;\n'));
          batch = [];
        }
        batch.push(operation);
      }
      if (batch.length > 0) await this.update(batch.join(' ;\n'));
      await this.update(`ADD SILENT GRAPH <${assertSafeIri(stage)}> TO GRAPH <${assertSafeIri(graph)}>`);
    } finally {
      await this.update(`DROP SILENT GRAPH <${assertSafeIri(stage)}>`).catch(() => undefined);
    }
  }

  async dropGraph(graph: string): Promise<void> {
    await this.update(`DROP SILENT GRAPH <${assertSafeIri(graph)}>`);
    await this.replica.replaced(new Map([[graph, []]]));
  }

  async loadDump(nquads: string): Promise<void> {
    const graphs = new Map<string, Quad[]>();
    for (const q of new N3.Parser({ format: 'N-Quads' }).parse(nquads)) {
      if (!graphs.has(q.graph.value)) graphs.set(q.graph.value, []);
      graphs.get(q.graph.value)!.push(q);
    }
    for (const [graph, quads] of graphs) await this.addToGraph(graph, quads);
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
    const graphs =
      options.defaultGraphs ?? ((options.unionDefaultGraph ?? true) ? (parsed.from ? undefined : (await this.listGraphs()).map((g) => g.graph)) : undefined);
    const form = parsed.queryType;
    const accept = form === 'CONSTRUCT' || form === 'DESCRIBE' ? rdfMediaType('nt') : 'application/sparql-results+json';
    const body = new URLSearchParams({ query: sparql });
    for (const g of graphs ?? []) body.append('default-graph-uri', g);
    for (const g of options.namedGraphs ?? []) body.append('named-graph-uri', g);
    const text = await this.request(this.options.queryEndpoint, { method: 'POST', body, headers: { accept } });
    if (accept === rdfMediaType('nt')) return { kind: 'quads', quads: new N3.Parser({ format: 'N-Triples' }).parse(text) };
    const json = JSON.parse(text) as { boolean?: boolean; head: { vars?: string[] }; results?: { bindings: Record<string, SparqlJsonTerm>[] } };
    if (typeof json.boolean === 'boolean') return { kind: 'boolean', value: json.boolean };
    const rows: Bindings[] = (json.results?.bindings ?? []).map((b) => new Map(Object.entries(b).map(([k, v]) => [k, termFromSparqlJson(v)])));
    return { kind: 'bindings', variables: json.head.vars ?? [], rows };
  }

  async exportGraph(graph: string, format: RdfFormatName): Promise<string> {
    if (this.options.graphStoreEndpoint) {
      const url = new URL(this.options.graphStoreEndpoint);
      url.searchParams.set('graph', graph);
      return this.request(url.href, { method: 'GET', headers: { accept: rdfMediaType(format) } });
    }
    const result = await this.query(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${assertSafeIri(graph)}> { ?s ?p ?o } }`, { unionDefaultGraph: false });
    if (result.kind !== 'quads') throw new Error('unexpected result of a CONSTRUCT');
    if (format !== 'ttl' && format !== 'nt' && format !== 'nq')
      throw new AstrovocError('invalid-config', `${format} export from a remote store needs its Graph Store endpoint (--store-graph-store)`);
    const writer = new N3.Writer({ format: format === 'ttl' ? 'Turtle' : format === 'nt' ? 'N-Triples' : 'N-Quads' });
    return writer.quadsToString(format === 'nq' ? result.quads.map((q) => quad(q.subject, q.predicate, q.object, namedNode(graph))) : result.quads);
  }

  async listGraphs(): Promise<GraphInfo[]> {
    const result = await this.query('SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g', { unionDefaultGraph: false });
    if (result.kind !== 'bindings') throw new Error('unexpected result of a SELECT');
    return result.rows.map((row) => ({ graph: row.get('g')!.value, triples: Number(row.get('n')!.value) })).sort((a, b) => a.graph.localeCompare(b.graph));
  }

  async readGraph(graph: string): Promise<Quad[]> {
    if (this.options.graphStoreEndpoint) {
      const url = new URL(this.options.graphStoreEndpoint);
      url.searchParams.set('graph', graph);
      const res = await this.fetchRaw(url.href, { method: 'GET', headers: { accept: rdfMediaType('nt') } });
      // Graph Store Protocol §5.2: a graph the store does not hold is a 404.
      if (res.status === 404) return [];
      return new N3.Parser({ format: 'N-Triples' }).parse(await this.readOk(url.href, res));
    }
    const result = await this.query(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${assertSafeIri(graph)}> { ?s ?p ?o } }`, { unionDefaultGraph: false });
    if (result.kind !== 'quads') throw new Error('unexpected result of a CONSTRUCT');
    return result.quads;
  }

  /** Sends a query as it is and hands back the server's serialised answer (for the /sparql endpoint). */
  async forwardQuery(sparql: string, request: ForwardedRequest = {}): Promise<ForwardedAnswer> {
    const body = new URLSearchParams({ query: sparql });
    for (const g of request.defaultGraphs ?? []) body.append('default-graph-uri', g);
    for (const g of request.namedGraphs ?? []) body.append('named-graph-uri', g);
    const endpoint = this.options.queryEndpoint;
    const res = await this.fetchRaw(endpoint, { method: 'POST', body, headers: request.accept ? { accept: request.accept } : {} }, request.signal);
    if (!res.ok) await this.readOk(endpoint, res);
    const mediaType = (res.headers.get('content-type') ?? request.accept ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
    return { mediaType, body: Buffer.from(await res.arrayBuffer()) };
  }

  /** Sends a SPARQL Update as it is to the update endpoint. */
  async forwardUpdate(update: string, signal?: AbortSignal): Promise<void> {
    const res = await this.fetchRaw(this.updateEndpoint, { method: 'POST', body: new URLSearchParams({ update }) }, signal);
    await this.readOk(this.updateEndpoint, res);
  }

  private async update(update: string): Promise<void> {
    await this.request(this.updateEndpoint, { method: 'POST', body: new URLSearchParams({ update }) });
  }

  private async request(endpoint: string, init: RequestInit & { headers?: Record<string, string> }): Promise<string> {
    return this.readOk(endpoint, await this.fetchRaw(endpoint, init));
  }

  private fetchRaw(endpoint: string, init: RequestInit & { headers?: Record<string, string> }, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    return fetch(endpoint, { ...init, headers: { ...this.options.headers, ...init.headers }, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  }

  private async readOk(endpoint: string, res: Response): Promise<string> {
    const text = await res.text();
    if (!res.ok) throw new RemoteStoreError(endpoint, res.status, text.slice(0, 500));
    return text;
  }
}

const STAGING_PREFIX = 'urn:astrovoc:staging:';

const byteLength = (operations: readonly string[]): number => operations.reduce((sum, op) => sum + Buffer.byteLength(op) + 3, 0);

/** The INSERT operations that write a graph's triples, each a function of the graph to write into. */
function insertBlocks(quads: readonly Quad[]): ((graph: string) => string)[] {
  const writer = new N3.Writer({ format: 'N-Triples' });
  return insertChunks(quads).map((chunk) => {
    const triples = writer.quadsToString(chunk.map((q) => quad(q.subject as N3.Quad_Subject, q.predicate as N3.Quad_Predicate, q.object as N3.Quad_Object)));
    // Virtuoso 7 refuses blank nodes in INSERT DATA (SP031); a template over the one empty solution of
    // WHERE {} inserts the same triples (SPARQL 1.1 Update §3.1.3) and every server tried accepts it.
    const blank = chunk.some(hasBlankNode);
    return (graph: string) => `${blank ? 'INSERT' : 'INSERT DATA'} { GRAPH <${assertSafeIri(graph)}> {\n${triples}} }${blank ? ' WHERE {}' : ''}`;
  });
}

/** Triples per INSERT operation: Virtuoso 7's SPARQL parser runs out of stack on one block of ~5000 triples. */
const TRIPLES_PER_INSERT = 1000;

const hasBlankNode = (q: Quad): boolean => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode';

/**
 * Splits a graph's triples into INSERT-sized chunks. A blank node label names one node only within one
 * operation (SPARQL 1.1 Update §3.1.3), so triples joined through blank nodes stay in one chunk.
 */
function insertChunks(quads: readonly Quad[]): Quad[][] {
  const parent = new Map<string, string>();
  const root = (label: string): string => {
    let r = label;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(label, r);
    return r;
  };
  const join = (a: string, b: string) => parent.set(root(a), root(b));
  for (const q of quads) {
    const labels = [q.subject, q.object].filter((t) => t.termType === 'BlankNode').map((t) => t.value);
    for (const label of labels) if (!parent.has(label)) parent.set(label, label);
    if (labels.length === 2) join(labels[0]!, labels[1]!);
  }
  const groups = new Map<string, Quad[]>();
  const plain: Quad[] = [];
  for (const q of quads) {
    const blank = [q.subject, q.object].find((t) => t.termType === 'BlankNode');
    if (!blank) plain.push(q);
    else {
      const key = root(blank.value);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push(q);
    }
  }
  const chunks: Quad[][] = [];
  let current: Quad[] = [];
  for (const group of [...groups.values(), ...plain.map((q) => [q])]) {
    if (current.length > 0 && current.length + group.length > TRIPLES_PER_INSERT) {
      chunks.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function termToSparql(term: RdfTerm): string {
  switch (term.termType) {
    case 'NamedNode':
      return `<${term.value}>`;
    case 'Literal': {
      const writer = new N3.Writer({ format: 'N-Triples' });
      const line = writer.quadToString(namedNode('urn:x'), namedNode('urn:x'), term);
      return line.slice('<urn:x> <urn:x> '.length, line.lastIndexOf(' .'));
    }
    case 'BlankNode':
      // A blank node label is local to one answer; it cannot name a node in a later request.
      throw new Error('a remote store cannot match a blank node from an earlier answer');
    default:
      throw new Error(`cannot match a ${term.termType}`);
  }
}
