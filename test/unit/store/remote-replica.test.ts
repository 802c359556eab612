import { factory, iri, literal, type Quad } from '../../../src/model/index.js';
import { MANIFEST_GRAPH, type GraphInfo } from '../../../src/store/index.js';
import { RemoteReplica } from '../../../src/store/remote-replica.js';

const t = (s: string, o: string): Quad => factory.quad(iri(`http://example.org/${s}`), iri('http://www.w3.org/2000/01/rdf-schema#label'), literal(o));
const A = 'urn:astrovoc:vocabulary:a';
const B = 'urn:astrovoc:vocabulary:b';

/** A remote store's graphs as plain data, counting the graphs read. */
function remote(graphs: Map<string, Quad[]>) {
  const reads: string[] = [];
  return {
    reads,
    graphs,
    store: {
      listGraphs: async (): Promise<GraphInfo[]> => [...graphs].map(([graph, quads]) => ({ graph, triples: quads.length })),
      readGraph: async (graph: string): Promise<Quad[]> => {
        reads.push(graph);
        return graphs.get(graph) ?? [];
      },
    },
  };
}

describe('RemoteReplica: the in-process copy of a remote store', () => {
  it("copies astrovoc's graphs, not the manifest nor a shared store's other graphs", async () => {
    const server = remote(
      new Map([
        [A, [t('a', 'A')]],
        [MANIFEST_GRAPH, [t('m', '{}')]],
        ['http://www.openlinksw.com/schemas/virtrdf#', [t('v', 'system')]],
      ]),
    );
    const replica = new RemoteReplica(server.store);
    expect(await replica.refresh()).toEqual([A]);
    expect(replica.dataset.quadsOfGraph(A)).toHaveLength(1);
    expect(await replica.dataset.listGraphs()).toEqual([{ graph: A, triples: 1 }]);
  });

  it('answers only the graphs whose content changed, empties those the store no longer holds, and skips graphs known current', async () => {
    const server = remote(
      new Map([
        [A, [t('a', 'A')]],
        [B, [t('b', 'B')]],
      ]),
    );
    const replica = new RemoteReplica(server.store);
    await replica.refresh();
    server.graphs.set(A, [t('a', 'A'), t('a2', 'A2')]);
    server.graphs.delete(B);
    server.reads.length = 0;
    expect(await replica.refresh(undefined, new Set([A]))).toEqual([B]);
    expect(server.reads).toEqual([]);
    expect(replica.dataset.countTriples(B)).toBe(0);
    expect(await replica.refresh([A])).toEqual([A]);
    expect(replica.dataset.countTriples(A)).toBe(2);
    expect(await replica.refresh([A])).toEqual([]);
  });

  it('takes over a replace the store applied, bookkeeping graphs aside', async () => {
    const replica = new RemoteReplica(remote(new Map()).store);
    await replica.replaced(
      new Map([
        [A, [t('a', 'A')]],
        [MANIFEST_GRAPH, [t('m', '{}')]],
      ]),
    );
    expect(await replica.dataset.listGraphs()).toEqual([{ graph: A, triples: 1 }]);
  });
});
