import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CatalogueEntry } from '../catalogue/index.js';
import { AstrovocError, factory, type Quad, type RdfFormatName, type Term, type VocabularyMeta } from '../model/index.js';
import { randomUUID } from 'node:crypto';
import { isBookkeepingGraph, MANIFEST_GRAPH, MAPPING_GRAPH_PREFIX, type Store } from '../store/index.js';
import { buildIndex, loadDataset, type LoadFailure, type LoadReport } from './dataset-loader.js';
import { GraphJournal } from './graph-journal.js';
import { describeTerm } from './term-description.js';
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

/**
 * Run by every load after the graph journal is replayed and before the index is built: answers the vocabulary
 * graphs to put in place of what the load wrote (the curated changes replayed over upstream).
 */
export type LoadOverlay = (vocabularies: readonly VocabularyMeta[]) => Promise<ReadonlyMap<string, readonly Quad[]>>;

/** What a write did: the graphs it created (they held no triples before). */
export interface WriteResult {
  created: string[];
}

/**
 * The hosted vocabularies: the store, the term index derived from it, and the last load's report.
 *
 * `store` is where the dataset lives: the embedded store, or a remote SPARQL store. Writes go to it; the index
 * is built from its local dataset (`store.local`), which for a remote store is its replica.
 */
export class VocabularyService {
  private currentIndex = TermIndex.empty();
  private lastReport: Omit<LoadReport, 'index'> | undefined;
  private triplesByGraph = new Map<string, number>();
  private readonly listeners = new Set<ChangeListener>();
  private version = 0;
  private loadedFrom: string | undefined;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly journal: GraphJournal | undefined;
  private overlay: LoadOverlay | undefined;

  constructor(
    readonly store: Store,
    readonly catalogue: readonly CatalogueEntry[],
    options: VocabularyServiceOptions = {},
  ) {
    // A remote store keeps what it is sent by itself.
    this.journal = options.graphsDir && !this.remote ? new GraphJournal(options.graphsDir) : undefined;
  }

  /** Whether the dataset lives in a remote store. */
  get remote(): boolean {
    return this.store.kind === 'remote';
  }

  get index(): TermIndex {
    return this.currentIndex;
  }

  /** The directory the last load read the sources from (a mirror or the sync cache): the upstream files an export starts from. */
  get sourceDir(): string | undefined {
    return this.loadedFrom;
  }

  get report(): Omit<LoadReport, 'index'> | undefined {
    return this.lastReport;
  }

  /** Loads (or reloads) the sources; the new index replaces the old one in one step, so readers never see half a load. */
  load(sourceDir: string, snapshotDir?: string, ignoreSnapshot = false): Promise<LoadReport> {
    return this.oneAtATime(() => this.loadNow(sourceDir, snapshotDir, ignoreSnapshot));
  }

  private async loadNow(sourceDir: string, snapshotDir: string | undefined, ignoreSnapshot: boolean): Promise<LoadReport> {
    this.loadedFrom = sourceDir;
    const report = await loadDataset({
      entries: this.catalogue,
      sourceDir,
      store: this.store,
      ...(snapshotDir ? { snapshotDir } : {}),
      ignoreSnapshot,
      previous: this.currentIndex.vocabularies,
    });
    const index = await this.applyOverlay(report, await this.reapplyJournal(report));
    const graphs = await this.store.local.listGraphs();
    this.triplesByGraph = new Map(graphs.map((g) => [g.graph, g.triples]));
    this.currentIndex = index;
    const { index: _index, ...rest } = report;
    this.lastReport = { ...rest, quads: this.store.local.size };
    this.notify(
      graphs.map((g) => g.graph),
      true,
    );
    return { ...report, index, quads: this.store.local.size };
  }

  /**
   * Puts the journaled graphs back over what a load wrote. Hosted vocabulary graphs are left out: their record
   * is the curation change log (a journal written by an older version may name them).
   */
  private async reapplyJournal(report: LoadReport): Promise<LoadReport['index']> {
    const kept = this.journal ? await this.journal.replay() : new Map<string, Quad[]>();
    for (const vocabulary of report.vocabularies) kept.delete(vocabulary.graph);
    if (kept.size > 0) await this.store.replaceGraphs(kept);
    return report.index;
  }

  /** Sets the hook every later load runs over the vocabulary graphs it wrote (the curation record). */
  setLoadOverlay(overlay: LoadOverlay): void {
    this.overlay = overlay;
  }

  private async applyOverlay(report: LoadReport, index: LoadReport['index']): Promise<LoadReport['index']> {
    const graphs = this.overlay ? await this.overlay(report.vocabularies) : new Map<string, readonly Quad[]>();
    if (graphs.size === 0) return index;
    await this.store.replaceGraphs(graphs);
    return buildIndex(this.store.local, report.vocabularies);
  }

  /**
   * A curated write as one unit, queued with every other load and write: `work` reads the dataset as the writes
   * before it left it and may call `write`, which replaces hosted vocabulary graphs (not journaled: the change
   * log is their record) and refreshes the index.
   */
  curate<T>(work: (write: (graphs: ReadonlyMap<string, readonly Quad[]>) => Promise<void>) => Promise<T>): Promise<T> {
    return this.oneAtATime(() => work((graphs) => this.replaceNow(graphs)));
  }

  /** The hosted vocabulary whose graph this is, if any: written only through the term API (curation). */
  vocabularyOfGraph(graph: string): string | undefined {
    return this.currentIndex.vocabularies.find((v) => v.graph === graph)?.id;
  }

  /** Marks every vocabulary as unavailable because its sources could not be had at all. */
  recordFailures(failures: readonly LoadFailure[]): void {
    this.lastReport = { vocabularies: [], warnings: [], failures: [...failures], fromSnapshot: false, quads: this.store.local.size };
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
   * are new nodes.
   */
  addToGraph(graph: string, quads: readonly Quad[]): Promise<WriteResult> {
    return this.oneAtATime(async () => {
      this.assertWritable(graph);
      const created = this.absent([graph]);
      const fresh = withFreshBlankNodes(quads);
      const journaled = this.journal !== undefined && isDurable(graph);
      if (journaled) await this.journal.record(new Map([[graph, fresh]]), { add: true });
      try {
        await this.store.addToGraph(graph, fresh);
      } catch (error) {
        // The store kept its old content: so must the journal, or a restart would bring back a write answered as failed.
        if (journaled) await this.journal.record(new Map([[graph, this.store.local.quadsOfGraph(graph)]]));
        throw error;
      }
      await this.journal?.compactIfGrown((g) => this.store.local.quadsOfGraph(g));
      await nextTurn();
      await this.afterChange([graph], new Map([[graph, fresh]]));
      return { created };
    });
  }

  /** Of these graphs, those that hold no triples now (as the local dataset counts them: every write through this service updates it). */
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
   * it and answers the graphs to replace, which are written before any other write starts. Hosted vocabulary
   * graphs are refused (hostedGraphRefusal).
   */
  modifyGraphs(change: () => Promise<ReadonlyMap<string, readonly Quad[]>>): Promise<string[]> {
    return this.oneAtATime(async () => {
      const graphs = await change();
      this.refuseHosted(graphs.keys());
      if (graphs.size > 0) await this.writeGraphsNow(graphs);
      return [...graphs.keys()];
    });
  }

  /**
   * Changes the store other than through its interface (`change`: a SPARQL Update forwarded to a remote store's
   * endpoint), then has the store read the given graphs (all of them when none are named) again into its local
   * dataset and refreshes the index. Answers the graphs whose content changed.
   */
  changeStore(change: () => Promise<void>, graphs?: readonly string[]): Promise<string[]> {
    return this.oneAtATime(async () => {
      this.refuseHosted(graphs ?? []);
      await change();
      const changed = await this.store.refreshLocal(graphs);
      if (changed.length > 0) await this.afterChange(changed);
      return changed;
    });
  }

  /** Loads and writes run one at a time, each on the dataset the previous one left: concurrent writers never undo each other. */
  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writes.then(work);
    this.writes = run.catch(() => undefined);
    return run;
  }

  /** SPARQL Update and the Graph Store do not write hosted vocabulary graphs: the term API does, validated and recorded. */
  private refuseHosted(graphs: Iterable<string>): void {
    for (const graph of graphs) {
      const vocabulary = this.vocabularyOfGraph(graph);
      if (vocabulary) throw hostedGraphRefusal(graph, vocabulary);
    }
  }

  private assertWritable(graph: string): void {
    if (this.remote && graph === MANIFEST_GRAPH) throw new AstrovocError('forbidden', `${MANIFEST_GRAPH} is astrovoc's own bookkeeping and cannot be written`);
  }

  private async writeGraphsNow(graphs: ReadonlyMap<string, readonly Quad[]>): Promise<void> {
    for (const graph of graphs.keys()) this.assertWritable(graph);
    // Journaled before the store changes: once the promise resolves the write survives a crash, and a write
    // that cannot be journaled changes nothing.
    const durable = this.journal
      ? new Map([...graphs].filter(([graph]) => isDurable(graph) && !this.vocabularyOfGraph(graph)))
      : new Map<string, readonly Quad[]>();
    if (durable.size > 0) await this.journal!.record(durable);
    await this.store.replaceGraphs(graphs).catch(async (error: unknown) => {
      // The store kept its old content: so must the journal, or a restart would bring back a write answered as failed.
      if (durable.size > 0) await this.journal!.record(new Map([...durable.keys()].map((graph) => [graph, this.store.local.quadsOfGraph(graph)])));
      throw error;
    });
    await this.journal?.compactIfGrown((g) => this.store.local.quadsOfGraph(g));
    await this.afterReplace(graphs);
  }

  private async replaceNow(graphs: ReadonlyMap<string, readonly Quad[]>): Promise<void> {
    await this.store.replaceGraphs(graphs);
    await this.afterReplace(graphs);
  }

  private async afterReplace(graphs: ReadonlyMap<string, readonly Quad[]>): Promise<void> {
    // The store's step and the index's are each one long turn for a large write: other requests go between them.
    await nextTurn();
    await this.afterChange([...graphs.keys()]);
  }

  private async afterChange(graphs: readonly string[], added?: ReadonlyMap<string, readonly Quad[]>): Promise<void> {
    const vocabularies = this.currentIndex.vocabularies;
    if (vocabularies.some((v) => graphs.includes(v.graph))) this.currentIndex = buildIndex(this.store.local, vocabularies);
    // Only the changed graphs are counted: counting every graph is a GROUP BY over the whole store.
    for (const graph of graphs) {
      const triples = this.store.local.countTriples(graph);
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
    return graph.startsWith(MAPPING_GRAPH_PREFIX) && this.store.local.matchNow(null, null, null, factory.namedNode(graph)).length > 0;
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

  /** A hosted term's triples and the labels of what they point to (describeTerm): Skosmos' /data. */
  termDescription(term: Term): Quad[] {
    const graph = this.currentIndex.vocabulary(term.vocabularyId)?.graph;
    return graph ? describeTerm(this.store.local, term.iri, graph) : [];
  }

  async export(id: string, format: RdfFormatName): Promise<string | undefined> {
    const meta = this.currentIndex.vocabulary(id);
    return meta ? this.store.exportGraph(meta.graph, format) : undefined;
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
 * A graph whose writes are journaled: anything written through the Graph Store or SPARQL Update, except hosted
 * vocabulary graphs (upstream plus the curation change log). Mapping sets live in their SSSOM files and
 * bookkeeping graphs are rebuilt.
 */
function isDurable(graph: string): boolean {
  return !graph.startsWith(MAPPING_GRAPH_PREFIX) && !isBookkeepingGraph(graph);
}

/** Hosted vocabulary graphs change term by term, validated and recorded: never as raw triples. */
export function hostedGraphRefusal(graph: string, vocabulary: string): AstrovocError {
  return new AstrovocError(
    'forbidden',
    `${graph} is the hosted vocabulary ${vocabulary}: change its terms through the term API (/api/v1/vocabularies/${vocabulary}/terms), which validates and records each change`,
    { title: 'Hosted vocabulary graph', location: { parameter: 'graph' } },
  );
}

/** The quads with their blank nodes relabelled uniquely: merged data's blank nodes are new nodes, never ones the graph holds (SPARQL 1.1 Graph Store Protocol §5.5). */
function withFreshBlankNodes(quads: readonly Quad[]): Quad[] {
  const prefix = `m${randomUUID().replace(/-/g, '')}_`;
  const fresh = <T extends Quad['subject'] | Quad['object']>(t: T): T => (t.termType === 'BlankNode' ? (factory.blankNode(`${prefix}${t.value}`) as T) : t);
  return quads.map((q) => factory.quad(fresh(q.subject), q.predicate, fresh(q.object), q.graph));
}
