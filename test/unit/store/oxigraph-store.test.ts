import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { factory, iri, literal, type Quad } from '../../../src/model/index.js';
import { OxigraphStore } from '../../../src/store/index.js';
import { loadSnapshot, readSnapshotManifest, writeSnapshot } from '../../../src/store/snapshot.js';

const q = (s: string, o: string): Quad => factory.quad(iri(`http://example.org/${s}`), iri('http://www.w3.org/2000/01/rdf-schema#label'), literal(o));

describe('OxigraphStore', () => {
  it('replaces a named graph wholesale and lists graphs with their triple counts', async () => {
    const store = new OxigraphStore();
    await store.replaceGraphs(
      new Map([
        ['urn:g:a', [q('a', 'A'), q('b', 'B')]],
        ['urn:g:b', [q('c', 'C')]],
      ]),
    );
    await store.replaceGraphs(new Map([['urn:g:a', [q('z', 'Z')]]]));
    expect(await store.listGraphs()).toEqual([
      { graph: 'urn:g:a', triples: 1 },
      { graph: 'urn:g:b', triples: 1 },
    ]);
  });

  it('changes nothing when one of the graphs holds a quad the store rejects', async () => {
    const store = new OxigraphStore();
    await store.replaceGraphs(new Map([['urn:g:a', [q('a', 'A')]]]));
    const bad = factory.quad(iri('not an iri'), iri('http://example.org/p'), literal('x'));
    await expect(
      store.replaceGraphs(
        new Map([
          ['urn:g:a', [q('b', 'B')]],
          ['urn:g:c', [bad]],
        ]),
      ),
    ).rejects.toThrow();
    const result = await store.query('SELECT ?o WHERE { GRAPH <urn:g:a> { ?s ?p ?o } }');
    expect(result.kind === 'bindings' && result.rows.map((r) => r.get('o')!.value)).toEqual(['A']);
    expect(store.size).toBe(1);
  });

  it('answers SELECT, ASK and CONSTRUCT over the union of the named graphs by default', async () => {
    const store = new OxigraphStore();
    await store.replaceGraphs(
      new Map([
        ['urn:g:a', [q('a', 'A')]],
        ['urn:g:b', [q('b', 'B')]],
      ]),
    );
    const select = await store.query('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }');
    expect(select.kind === 'bindings' && select.rows[0]!.get('n')!.value).toBe('2');
    expect(await store.query('ASK { <http://example.org/b> ?p "B" }')).toEqual({ kind: 'boolean', value: true });
    const construct = await store.query('CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <urn:g:a> { ?s ?p ?o } }');
    expect(construct.kind === 'quads' && construct.quads).toHaveLength(1);
  });

  it('exports one graph as Turtle, N-Triples, RDF/XML and JSON-LD', async () => {
    const store = new OxigraphStore();
    await store.replaceGraphs(new Map([['urn:g:a', [q('a', 'Ä <x>')]]]));
    expect(await store.exportGraph('urn:g:a', 'nt')).toBe('<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "Ä <x>" .\n');
    expect(await store.exportGraph('urn:g:a', 'rdfxml')).toContain('rdf:about="http://example.org/a"');
    expect(JSON.parse(await store.exportGraph('urn:g:a', 'jsonld'))).toEqual([
      { '@id': 'http://example.org/a', 'http://www.w3.org/2000/01/rdf-schema#label': [{ '@value': 'Ä <x>' }] },
    ]);
  });
});

describe('snapshot', () => {
  it('round-trips the dataset and its manifest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'astrovoc-snap-'));
    const store = new OxigraphStore();
    await store.replaceGraphs(new Map([['urn:g:a', [q('a', 'A'), q('b', 'B')]]]));
    await writeSnapshot(dir, store, { fingerprint: 'f1', vocabularies: [], warnings: [] });
    const manifest = await readSnapshotManifest(dir);
    expect(manifest?.fingerprint).toBe('f1');
    const restored = new OxigraphStore();
    expect(await loadSnapshot(dir, restored, manifest!)).toBe(true);
    expect(await restored.listGraphs()).toEqual([{ graph: 'urn:g:a', triples: 2 }]);
  });

  it('refuses a snapshot whose quads do not match the manifest (a crash between the two writes)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'astrovoc-snap-'));
    const store = new OxigraphStore();
    await store.replaceGraphs(new Map([['urn:g:a', [q('a', 'A'), q('b', 'B')]]]));
    await writeSnapshot(dir, store, { fingerprint: 'f1', vocabularies: [], warnings: [] });
    const nq = await readFile(join(dir, 'snapshot.nq'), 'utf8');
    await writeFile(join(dir, 'snapshot.nq'), nq.split('\n')[0] + '\n');
    const restored = new OxigraphStore();
    expect(await loadSnapshot(dir, restored, (await readSnapshotManifest(dir))!)).toBe(false);
  });
});
