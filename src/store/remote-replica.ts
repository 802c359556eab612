import N3 from 'n3';
import type { Quad } from '../model/index.js';
import { OxigraphStore } from './oxigraph-store.js';
import { isAstrovocGraph, isBookkeepingGraph, MANIFEST_GRAPH, type LocalDataset, type Store } from './store.js';

/**
 * A remote store's in-process copy of astrovoc's graphs there (not its manifest and staging graphs, nor a shared
 * store's other graphs, which are not astrovoc's to serve). The term index, the pages, the Graph Store's reads and
 * federation read the dataset synchronously, which no HTTP round trip allows, so with a remote store they read this
 * copy; it also exports the formats a server without a Graph Store endpoint cannot. It equals the remote graphs as
 * of the last write or refresh made through its store: a change made otherwise (a forwarded SPARQL Update, another
 * process) shows here only after `refresh`.
 */
export class RemoteReplica {
  private readonly copy = new OxigraphStore();

  constructor(private readonly remote: Pick<Store, 'listGraphs' | 'readGraph'>) {}

  get dataset(): LocalDataset {
    return this.copy;
  }

  /** Takes over a replace the remote store has applied. */
  async replaced(graphs: ReadonlyMap<string, readonly Quad[]>): Promise<void> {
    const kept = new Map([...graphs].filter(([graph]) => !isBookkeepingGraph(graph)));
    if (kept.size > 0) await this.copy.replaceGraphs(kept);
  }

  /** Reads the named graphs (else every astrovoc graph the remote holds or the copy holds) again; answers those that changed. */
  async refresh(graphs?: readonly string[], current?: ReadonlySet<string>): Promise<string[]> {
    const held = new Set((await this.remote.listGraphs()).map((g) => g.graph));
    const names = graphs ?? [...new Set([...[...held].filter(isAstrovocGraph), ...(await this.copy.listGraphs()).map((g) => g.graph)])];
    const changed = new Map<string, Quad[]>();
    for (const graph of names.filter((g) => g !== MANIFEST_GRAPH && !current?.has(g))) {
      const now = held.has(graph) ? await this.remote.readGraph(graph) : [];
      const before = this.copy.quadsOfGraph(graph);
      if (before.length === 0 ? now.length > 0 : canonical(now) !== canonical(before)) changed.set(graph, now);
    }
    if (changed.size > 0) await this.copy.replaceGraphs(changed);
    return [...changed.keys()];
  }
}

/** A graph's triples as sorted N-Triples lines, to tell whether two reads differ (a graph with blank nodes always does). */
function canonical(quads: readonly Quad[]): string {
  const writer = new N3.Writer({ format: 'N-Triples' });
  const line = (q: Quad) => writer.quadToString(q.subject, q.predicate, q.object);
  return quads.map(line).sort().join('');
}
