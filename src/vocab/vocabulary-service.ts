import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CatalogueEntry } from '../catalogue/index.js';
import { AstrovocError, factory, type Quad, type RdfFormatName, type Term, type VocabularyMeta } from '../model/index.js';
import N3 from 'n3';
import { randomUUID } from 'node:crypto';
import { isAstrovocGraph, isBookkeepingGraph, MANIFEST_GRAPH, MAPPING_GRAPH_PREFIX, OxigraphStore, type Store } from '../store/index.js';
import { buildIndex, loadDataset, type LoadFailure, type LoadReport } from './dataset-loader.js';
import { GraphJournal } from './graph-journal.js';
import { TermIndex, type TermCounts } from './term-index.js';

/** A catalogue entry with what the service knows of it now. */
export interface HostedVocabulary {
  entry: CatalogueEntry;
  /** Undefined when the vocabulary could not be loaded. */
  meta?: VocabularyMeta;
  counts: TermCounts;
  triples: number;
  failure?: string;
}

export interface VocabularyServiceOptions {
  /**
   * Where the graphs written through the Graph Store and SPARQL Update are journaled (the data directory's
   * graphs/), embedded store only: each such write is on disk before it is applied, and the journal is
   * re-applied after every load. Without it those writes live in memory only (tests).
   */
  graphsDir?: string;
}

/** Told the graphs a load or write changed; `full`: a load, which may have changed any graph. */
/**
 * What a load or write changed: `full` after a load (every graph); `added`, for a merge, the triples it added
 * to each graph (the graph is its old content plus these), so listeners need not read the whole graph again.
 */
export type ChangeListener = (graphs: readonly string[], change: { full: boolean; added?: ReadonlyMap<string, readonly Quad[]> }) => void;

/** What a write did: the graphs it created (they held no triples before). */
export interface WriteResult {
  created: string[];
}

/**
 * The hosted vocabularies: the store, the term index derived from it, and the last load's report.
 *
 * `backend` is where the dataset lives: the embedded store, or a remote SPARQL store. `store` is the
 * in-process oxigraph store that the index, pages, the Graph Store reads and federation read synchronously:
 * the backend itself when embedded; with a remote backend, a replica of its graphs that every load and
 * write through this service keeps equal to it.
 */
export class VocabularyService {
  private currentIndex = TermIndex.empty();
  private lastReport: Omit<LoadReport, 'index'> | undefined;
  private triplesByGraph = new Map<string, number>();
  private readonly listeners = new Set<ChangeListener>();
  private version = 0;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly journal: GraphJournal | undefined;
  readonly store: OxigraphStore;

  constructor(
    readonly backend: Store,
    readonly catalogue: readonly CatalogueEntry[],
    options: VocabularyServiceOptions = {},
  ) {
    this.store = backend instanceof OxigraphStore ? backend : new OxigraphStore();
    // A remote store keeps what it is sent by itself.
    this.journal = options.graphsDir && !this.remote ? new GraphJournal(options.graphsDir) : undefined;
  }

  /** Whether the dataset lives in a remote store (the replica then only mirrors it). */
  get remote(): boolean {
    return this.store !== this.backend;
  }

  get index(): TermIndex {
    return this.currentIndex;
  }

  get report(): Omit<LoadReport, 'index'> | undefined {
    return this.lastReport;
  }

  /** Loads (or reloads) the sources; the new index replaces the old one in one step, so readers never see half a load. */
  load(sourceDir: string, snapshotDir?: string, ignoreSnapshot = false): Promise<LoadReport> {
    return this.oneAtATime(() => this.loadNow(sourceDir, snapshotDir, ignoreSnapshot));
  }

  private async loadNow(sourceDir: string, snapshotDir: string | undefined, ignoreSnapshot: boolean): Promise<LoadReport> {
    const report = await loadDataset({
      entries: this.catalogue,
      sourceDir,
      store: this.backend,
      ...(this.remote ? { replica: this.store } : {}),
      ...(snapshotDir ? { snapshotDir } : {}),
      ignoreSnapshot,
      previous: this.currentIndex.vocabularies,
    });
    const index = await this.reapplyJournal(report);
    const graphs = await this.store.listGraphs();
    this.triplesByGraph = new Map(graphs.map((g) => [g.graph, g.triples]));
    this.currentIndex = index;
    const { index: _index, ...rest } = report;
    this.lastReport = { ...rest, quads: this.store.size };
    this.notify(
      graphs.map((g) => g.graph),
      true,
    );
    return { ...report, index, quads: this.store.size };
  }

  /** Puts the journaled graphs back over what a load wrote; answers the index, rebuilt when a vocabulary graph was among them. */
  private async reapplyJournal(report: LoadReport): Promise<LoadReport['index']> {
    const kept = this.journal ? await this.journal.replay() : new Map<string, Quad[]>();
    if (kept.size === 0) return report.index;
    await this.store.replaceGraphs(kept);
    return report.vocabularies.some((v) => kept.has(v.graph)) ? buildIndex(this.store, report.vocabularies) : report.index;
  }

  /** Marks every vocabulary as unavailable because its sources could not be had at all. */
  recordFailures(failures: readonly LoadFailure[]): void {
    this.lastReport = { vocabularies: [], warnings: [], failures: [...failures], fromSnapshot: false, quads: this.store.size };
  }

  /**
   * Replaces named graphs (a Graph Store write, a curation edit) and refreshes the index from the store:
   * the store replace is all-or-nothing, and the new index replaces the old one in one step.
   */
  writeGraphs(graphs: ReadonlyMap<string, readonly Quad[]>): Promise<WriteResult> {
    return this.oneAtATime(async () => {
      const created = this.absent([...graphs.keys()]);
      await this.writeGraphsNow(graphs);
      return { created };
    });
  }

  /**
   * Merges triples into a named graph (a Graph Store POST) without reading it first; the body's blank nodes
   * are new nodes. With a remote backend the replica then reads the merged graph back from it.
   */
  addToGraph(graph: string, quads: readonly Quad[]): Promise<WriteResult> {
    return this.oneAtATime(async () => {
      this.assertWritable(graph);
      const created = this.absent([graph]);
      const fresh = withFreshBlankNodes(quads);
      const journaled = this.journal !== undefined && isDurable(graph);
      if (journaled) await this.journal!.record(new Map([[graph, fresh]]), { add: true });
      try {
        await this.backend.addToGraph(graph, fresh);
      } catch (error) {
        // The store kept its old content: so must the journal, or a restart would bring back a write answered as failed.
        if (journaled) await this.journal!.record(new Map([[graph, this.store.quadsOfGraph(graph)]]));
        throw error;
      }
      await this.journal?.compactIfGrown((g) => this.store.quadsOfGraph(g));
      await nextTurn();
      if (this.remote) await this.refreshFromBackendNow([graph]);
      else await this.afterChange([graph], new Map([[graph, fresh]]));
      return { created };
    });
  }

  /** Of these graphs, those that hold no triples now (the replica is kept equal to the backend by every write). */
  private absent(graphs: readonly string[]): string[] {
    return graphs.filter((g) => !this.triplesByGraph.get(g));
  }

  /** Empties a named graph (a Graph Store DELETE); answers whether it held anything. */
  deleteGraph(graph: string): Promise<boolean> {
    return this.oneAtATime(async () => {
      if (this.absent([graph]).length > 0) return false;
      await this.writeGraphsNow(new Map([[graph, []]]));
      return true;
    });
  }

  /**
   * A read-modify-write as one unit (a SPARQL Update): `change` reads the dataset as every earlier write left
   * it and answers the graphs to replace, which are written before any other write starts.
   */
  modifyGraphs(change: () => Promise<ReadonlyMap<string, readonly Quad[]>>): Promise<string[]> {
    return this.oneAtATime(async () => {
      const graphs = await change();
      if (graphs.size > 0) await this.writeGraphsNow(graphs);
      return [...graphs.keys()];
    });
  }

  /**
   * Changes the remote store behind the replica's back (`change`: a SPARQL Update forwarded to it), then reads
   * the given graphs (all of them when none are named) again from it and refreshes the index. Answers the
   * graphs whose content changed.
   */
  changeBackend(change: () => Promise<void>, graphs?: readonly string[]): Promise<string[]> {
    return this.oneAtATime(async () => {
      await change();
      return this.refreshFromBackendNow(graphs);
    });
  }

  /** Loads and writes run one at a time, each on the dataset the previous one left: concurrent writers never undo each other. */
  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writes.then(work);
    this.writes = run.catch(() => undefined);
    return run;
  }

  private assertWritable(graph: string): void {
    if (this.remote && graph === MANIFEST_GRAPH) throw new AstrovocError('forbidden', `${MANIFEST_GRAPH} is astrovoc's own bookkeeping and cannot be written`);
  }

  private async writeGraphsNow(graphs: ReadonlyMap<string, readonly Quad[]>): Promise<void> {
    for (const graph of graphs.keys()) this.assertWritable(graph);
    // Journaled before the store changes: once the promise resolves the write survives a crash, and a write
    // that cannot be journaled changes nothing.
    const durable = this.journal ? new Map([...graphs].filter(([graph]) => isDurable(graph))) : new Map<string, readonly Quad[]>();
    if (durable.size > 0) await this.journal!.record(durable);
    await this.backend.replaceGraphs(graphs).catch(async (error: unknown) => {
      // The store kept its old content: so must the journal, or a restart would bring back a write answered as failed.
      if (durable.size > 0) await this.journal!.record(new Map([...durable.keys()].map((graph) => [graph, this.store.quadsOfGraph(graph)])));
      throw error;
    });
    await this.journal?.compactIfGrown((g) => this.store.quadsOfGraph(g));
    if (this.remote) await this.store.replaceGraphs(graphs);
    // The store's step and the index's are each one long turn for a large write: other requests go between them.
    await nextTurn();
    await this.afterChange([...graphs.keys()]);
  }

  private async refreshFromBackendNow(graphs?: readonly string[]): Promise<string[]> {
    const held = new Set((await this.backend.listGraphs()).map((g) => g.graph));
    const names = (graphs ?? [...new Set([...[...held].filter(isAstrovocGraph), ...(await this.store.listGraphs()).map((g) => g.graph)])]).filter(
      (g) => g !== MANIFEST_GRAPH,
    );
    const changed = new Map<string, Quad[]>();
    for (const graph of names) {
      const now = held.has(graph) ? await this.backend.readGraph(graph) : [];
      if (canonical(now) !== canonical(this.store.quadsOfGraph(graph))) changed.set(graph, now);
    }
    if (changed.size === 0) return [];
    await this.store.replaceGraphs(changed);
    await this.afterChange([...changed.keys()]);
    return [...changed.keys()];
  }

  private async afterChange(graphs: readonly string[], added?: ReadonlyMap<string, readonly Quad[]>): Promise<void> {
    const vocabularies = this.currentIndex.vocabularies;
    if (vocabularies.some((v) => graphs.includes(v.graph))) this.currentIndex = buildIndex(this.store, vocabularies);
    // Only the changed graphs are counted: counting every graph is a GROUP BY over the whole store.
    for (const graph of graphs) {
      const triples = this.store.countTriples(graph);
      if (triples > 0) this.triplesByGraph.set(graph, triples);
      else this.triplesByGraph.delete(graph);
    }
    this.notify(graphs, false, added);
  }

  /**
   * A graph that only this service's own components write: its mapping sets (through the mapping service)
   * and, on an external store, its manifest and staging graphs. An astrovoc used as another one's store
   * still takes that one's bookkeeping graphs, which are plain data here.
   */
  isOwnGraph(graph: string): boolean {
    if (isBookkeepingGraph(graph)) return this.remote;
    return graph.startsWith(MAPPING_GRAPH_PREFIX) && this.store.matchNow(null, null, null, factory.namedNode(graph)).length > 0;
  }

  /** Called after every load or write with the graphs that changed (all of them after a load: `full`). */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Counts loads and writes: a reader holding an older version has not seen the latest change. */
  get dataVersion(): number {
    return this.version;
  }

  private notify(graphs: readonly string[], full: boolean, added?: ReadonlyMap<string, readonly Quad[]>): void {
    this.version += 1;
    for (const listener of this.listeners) listener(graphs, { full, ...(added ? { added } : {}) });
  }

  list(): HostedVocabulary[] {
    return this.catalogue.map((entry) => this.describe(entry));
  }

  get(id: string): HostedVocabulary | undefined {
    const entry = this.catalogue.find((e) => e.id === id);
    return entry ? this.describe(entry) : undefined;
  }

  termByIri(iri: string): Term | undefined {
    return this.currentIndex.termByIri(iri);
  }

  async export(id: string, format: RdfFormatName): Promise<string | undefined> {
    const meta = this.currentIndex.vocabulary(id);
    return meta ? this.backend.exportGraph(meta.graph, format) : undefined;
  }

  private describe(entry: CatalogueEntry): HostedVocabulary {
    const meta = this.currentIndex.vocabulary(entry.id);
    const failure = this.lastReport?.failures.find((f) => f.vocabularyId === entry.id)?.message;
    return {
      entry,
      ...(meta ? { meta } : {}),
      counts: this.currentIndex.counts(entry.id),
      triples: meta ? (this.triplesByGraph.get(meta.graph) ?? 0) : 0,
      ...(failure ? { failure } : {}),
    };
  }
}

/**
 * A graph whose writes are journaled: anything written through the Graph Store or SPARQL Update (hosted
 * vocabulary graphs included). Mapping sets live in their SSSOM files and bookkeeping graphs are rebuilt.
 */
function isDurable(graph: string): boolean {
  return !graph.startsWith(MAPPING_GRAPH_PREFIX) && !isBookkeepingGraph(graph);
}

/** A graph's triples as sorted N-Triples lines, to tell whether two reads differ (a graph with blank nodes always does). */
function canonical(quads: readonly Quad[]): string {
  const writer = new N3.Writer({ format: 'N-Triples' });
  const line = (q: Quad) => writer.quadToString(q.subject as N3.Quad_Subject, q.predicate as N3.Quad_Predicate, q.object as N3.Quad_Object);
  return quads.map(line).sort().join('');
}

/** The quads with their blank nodes relabelled uniquely: merged data's blank nodes are new nodes, never ones the graph holds (SPARQL 1.1 Graph Store Protocol §5.5). */
function withFreshBlankNodes(quads: readonly Quad[]): Quad[] {
  const prefix = `m${randomUUID().replace(/-/g, '')}_`;
  const fresh = <T extends Quad['subject'] | Quad['object']>(t: T): T => (t.termType === 'BlankNode' ? (factory.blankNode(`${prefix}${t.value}`) as T) : t);
  return quads.map((q) => factory.quad(fresh(q.subject), q.predicate, fresh(q.object), q.graph));
}
