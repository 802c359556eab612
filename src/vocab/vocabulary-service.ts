import type { CatalogueEntry } from '../catalogue/index.js';
import type { Quad, Term, VocabularyMeta } from '../model/index.js';
import type { OxigraphStore, RdfFormat } from '../store/index.js';
import { buildIndex, loadDataset, type LoadFailure, type LoadReport } from './dataset-loader.js';
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

/** The hosted vocabularies: the store, the term index derived from it, and the last load's report. */
export class VocabularyService {
  private currentIndex = TermIndex.empty();
  private lastReport: Omit<LoadReport, 'index'> | undefined;
  private triplesByGraph = new Map<string, number>();
  private readonly listeners = new Set<(graphs: readonly string[]) => void>();

  constructor(
    readonly store: OxigraphStore,
    readonly catalogue: readonly CatalogueEntry[],
  ) {}

  get index(): TermIndex {
    return this.currentIndex;
  }

  get report(): Omit<LoadReport, 'index'> | undefined {
    return this.lastReport;
  }

  /** Loads (or reloads) the sources; the new index replaces the old one in one step, so readers never see half a load. */
  async load(sourceDir: string, snapshotDir?: string, ignoreSnapshot = false): Promise<LoadReport> {
    const report = await loadDataset({
      entries: this.catalogue,
      sourceDir,
      store: this.store,
      ...(snapshotDir ? { snapshotDir } : {}),
      ignoreSnapshot,
      previous: this.currentIndex.vocabularies,
    });
    const graphs = await this.store.listGraphs();
    this.triplesByGraph = new Map(graphs.map((g) => [g.graph, g.triples]));
    this.currentIndex = report.index;
    const { index: _index, ...rest } = report;
    this.lastReport = rest;
    this.notify(graphs.map((g) => g.graph));
    return report;
  }

  /** Marks every vocabulary as unavailable because its sources could not be had at all. */
  recordFailures(failures: readonly LoadFailure[]): void {
    this.lastReport = { vocabularies: [], warnings: [], failures: [...failures], fromSnapshot: false, quads: this.store.size };
  }

  /**
   * Replaces named graphs (a Graph Store write, a curation edit) and refreshes the index from the store:
   * the store replace is all-or-nothing, and the new index replaces the old one in one step.
   */
  async writeGraphs(graphs: ReadonlyMap<string, readonly Quad[]>): Promise<void> {
    await this.store.replaceGraphs(graphs);
    const vocabularies = this.currentIndex.vocabularies;
    const touched = vocabularies.filter((v) => graphs.has(v.graph));
    if (touched.length > 0) this.currentIndex = buildIndex(this.store, vocabularies);
    const listed = await this.store.listGraphs();
    this.triplesByGraph = new Map(listed.map((g) => [g.graph, g.triples]));
    this.notify([...graphs.keys()]);
  }

  /** Called after every load or write with the graphs that changed (all of them after a load). */
  onChange(listener: (graphs: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(graphs: readonly string[]): void {
    for (const listener of this.listeners) listener(graphs);
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

  async export(id: string, format: RdfFormat): Promise<string | undefined> {
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
