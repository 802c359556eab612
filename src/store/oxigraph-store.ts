import { setImmediate as nextTurn } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import N3 from 'n3';
import oxigraph from 'oxigraph';
import { rdfMediaType, type Quad, type RdfFormatName, type RdfTerm } from '../model/index.js';
import { assertSafeIri, type GraphInfo, type LocalDataset, type QueryOptions, type QueryResult, type Store } from './store.js';

type OxTerm = oxigraph.Term;

/** Quads loaded in one call: a slice takes ~15 ms. */
const LOAD_SLICE = 5000;

/** Embedded store: oxigraph (WASM) in this process. Synchronous underneath; async to fit the Store interface. */
export class OxigraphStore implements Store, LocalDataset {
  private readonly store = new oxigraph.Store();
  readonly kind = 'embedded';

  /** The store is in this process: it is its own local dataset. */
  get local(): LocalDataset {
    return this;
  }

  /** Nothing changes an embedded store behind its back. */
  async refreshLocal(): Promise<string[]> {
    return [];
  }

  get size(): number {
    return this.store.size;
  }

  /**
   * Loads every new graph into a staging graph first, in one N-Quads load that oxigraph checks whole; only
   * when that succeeds does each staging graph MOVE onto its target. A quad the store rejects changes nothing.
   * (One bulk load: adding quads one by one across the WASM boundary is ~30x slower.)
   */
  async replaceGraphs(graphs: ReadonlyMap<string, readonly Quad[]>): Promise<void> {
    const staging = new Map<string, string>();
    try {
      for (const [graph, quads] of graphs) {
        const stagingGraph = `urn:astrovoc:staging:${randomUUID()}`;
        staging.set(graph, stagingGraph);
        await this.loadInSlices(stagingGraph, quads);
      }
    } catch (error) {
      for (const stagingGraph of staging.values()) this.dropGraphNow(stagingGraph);
      throw error;
    }
    for (const [graph, stagingGraph] of staging) {
      this.dropGraphNow(graph);
      this.store.update(`MOVE SILENT GRAPH <${assertSafeIri(stagingGraph)}> TO GRAPH <${assertSafeIri(graph)}>`);
    }
  }

  /** A merge as one unit: a small one in one load, a large one into a staging graph slice by slice, then one ADD. */
  async addToGraph(graph: string, quads: readonly Quad[]): Promise<void> {
    if (quads.length <= LOAD_SLICE) {
      this.store.load(nquadsIn(assertSafeIri(graph), quads), { format: rdfMediaType('nq') });
      return;
    }
    const stagingGraph = `urn:astrovoc:staging:${randomUUID()}`;
    try {
      await this.loadInSlices(stagingGraph, quads);
      this.store.update(`ADD SILENT GRAPH <${assertSafeIri(stagingGraph)}> TO GRAPH <${assertSafeIri(graph)}>`);
    } finally {
      this.dropGraphNow(stagingGraph);
    }
  }

  /** Loads quads into a graph a slice at a time, giving the event loop back between slices (one 5 MB load held it 0.4 s). */
  private async loadInSlices(graph: string, quads: readonly Quad[]): Promise<void> {
    for (let start = 0; start < quads.length; start += LOAD_SLICE) {
      if (start > 0) await nextTurn();
      this.store.load(nquadsIn(graph, quads.slice(start, start + LOAD_SLICE)), { format: rdfMediaType('nq') });
    }
  }

  async dropGraph(graph: string): Promise<void> {
    this.dropGraphNow(graph);
  }

  async match(subject?: RdfTerm | null, predicate?: RdfTerm | null, object?: RdfTerm | null, graph?: RdfTerm | null): Promise<Quad[]> {
    return this.matchNow(subject, predicate, object, graph);
  }

  /** Synchronous match, for the index builder which reads every graph at start-up. */
  matchNow(subject?: RdfTerm | null, predicate?: RdfTerm | null, object?: RdfTerm | null, graph?: RdfTerm | null): Quad[] {
    return this.store.match(toOxOrNull(subject), toOxOrNull(predicate), toOxOrNull(object), toOxOrNull(graph));
  }

  async query(sparql: string, options: QueryOptions = {}): Promise<QueryResult> {
    const result = this.store.query(sparql, queryOptions(options));
    if (typeof result === 'boolean') return { kind: 'boolean', value: result };
    if (typeof result === 'string') throw new Error('unexpected serialised result');
    if (result.length > 0 && (result[0] as unknown as { termType?: string }).termType === 'Quad') {
      return { kind: 'quads', quads: result as unknown as Quad[] };
    }
    const rows = result as Map<string, OxTerm>[];
    const variables = [...new Set(rows.flatMap((row) => [...row.keys()]))];
    return { kind: 'bindings', variables, rows: rows as unknown as Map<string, RdfTerm>[] };
  }

  querySerialised(sparql: string, resultsFormat: string, options: QueryOptions = {}): string {
    // With results_format, oxigraph answers the serialised results as a string.
    return this.store.query(sparql, { ...queryOptions(options), results_format: resultsFormat }) as string;
  }

  async exportGraph(graph: string, format: RdfFormatName): Promise<string> {
    return this.store.dump({ format: rdfMediaType(format), from_graph_name: oxigraph.namedNode(graph) });
  }

  async listGraphs(): Promise<GraphInfo[]> {
    const rows = this.store.query('SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g') as Map<string, OxTerm>[];
    return rows.map((row) => ({ graph: row.get('g')!.value, triples: Number(row.get('n')!.value) })).sort((a, b) => a.graph.localeCompare(b.graph));
  }

  graphNTriples(graph: string): string {
    return this.store.dump({ format: rdfMediaType('nt'), from_graph_name: oxigraph.namedNode(graph) });
  }

  /** Reads that graph only. */
  countTriples(graph: string): number {
    const rows = this.store.query(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${assertSafeIri(graph)}> { ?s ?p ?o } }`) as Map<string, OxTerm>[];
    return Number(rows[0]?.get('n')?.value ?? 0);
  }

  /** One graph's quads as plain RDF/JS terms (serialised in Rust, parsed by n3: far faster than reading WASM terms). */
  quadsOfGraph(graph: string): Quad[] {
    const text = this.store.dump({ format: rdfMediaType('nt'), from_graph_name: oxigraph.namedNode(graph) });
    return new N3.Parser({ format: 'N-Triples' }).parse(text);
  }

  async readGraph(graph: string): Promise<Quad[]> {
    return this.quadsOfGraph(graph);
  }

  /** The whole dataset as N-Quads, for the snapshot. */
  dumpNQuads(): string {
    return this.store.dump({ format: rdfMediaType('nq') });
  }

  async loadDump(nquads: string): Promise<void> {
    this.store.load(nquads, { format: rdfMediaType('nq'), lenient: true, no_transaction: true });
  }

  private dropGraphNow(graph: string): void {
    this.store.update(`DROP SILENT GRAPH <${assertSafeIri(graph)}>`);
  }
}

function queryOptions(options: QueryOptions) {
  return {
    use_default_graph_as_union: options.unionDefaultGraph ?? !options.defaultGraphs,
    ...(options.defaultGraphs ? { default_graph: options.defaultGraphs.map((g) => oxigraph.namedNode(g)) } : {}),
    ...(options.namedGraphs ? { named_graphs: options.namedGraphs.map((g) => oxigraph.namedNode(g)) } : {}),
  };
}

function toOxOrNull(term: RdfTerm | null | undefined): OxTerm | null {
  return term ? toOx(term) : null;
}

function toOx(term: RdfTerm): OxTerm {
  switch (term.termType) {
    case 'NamedNode':
      return oxigraph.namedNode(term.value);
    case 'BlankNode':
      return oxigraph.blankNode(term.value);
    case 'Literal':
      return term.language ? oxigraph.literal(term.value, term.language) : oxigraph.literal(term.value, oxigraph.namedNode(term.datatype.value));
    case 'DefaultGraph':
      return oxigraph.defaultGraph();
    default:
      return oxigraph.fromTerm(term) as OxTerm;
  }
}

/** The triples of `quads` as N-Quads in the named graph `graph`. */
function nquadsIn(graph: string, quads: readonly Quad[]): string {
  const graphNode = N3.DataFactory.namedNode(graph);
  return new N3.Writer({ format: 'N-Quads' }).quadsToString(
    quads.map((q) => N3.DataFactory.quad(q.subject as N3.Quad_Subject, q.predicate as N3.Quad_Predicate, q.object as N3.Quad_Object, graphNode)),
  );
}
