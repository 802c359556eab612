import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import N3 from 'n3';
import oxigraph from 'oxigraph';
import { OxigraphStore } from '../../src/store/index.js';
import { RemoteSparqlStore, RemoteStoreError } from '../../src/store/remote-sparql-store.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { sparqlApp, WRITE_TOKEN, type SparqlApp } from '../conformance/support/sparql-app.js';

/**
 * The Store interface over SPARQL 1.1 Protocol + Graph Store Protocol, exercised against a real server:
 * an astrovoc instance on loopback (its /sparql and /rdf-graphs), with a write token for updates.
 */
const { namedNode, literal, quad, blankNode } = N3.DataFactory;
const G1 = 'urn:remote:one';
const G2 = 'urn:remote:two';
const P = namedNode('urn:remote:p');

let server: Server;
let remoteApp: SparqlApp;
let store: RemoteSparqlStore;
let readOnly: RemoteSparqlStore;
let base: string;

beforeAll(async () => {
  remoteApp = await sparqlApp(new VocabularyService(new OxigraphStore(), []), { workers: 1 });
  server = remoteApp.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  store = new RemoteSparqlStore({
    queryEndpoint: `${base}/sparql`,
    graphStoreEndpoint: `${base}/rdf-graphs`,
    headers: { authorization: `Bearer ${WRITE_TOKEN}` },
  });
  readOnly = new RemoteSparqlStore({ queryEndpoint: `${base}/sparql` });
});

afterAll(async () => {
  server.close();
  await remoteApp.sparql.close();
});

test('replaceGraphs writes several graphs in one update; listGraphs counts their triples', async () => {
  await store.replaceGraphs(
    new Map([
      [G1, [quad(namedNode('urn:a'), P, literal('one')), quad(namedNode('urn:b'), P, literal('zwei', 'de'))]],
      [G2, [quad(namedNode('urn:c'), P, literal('3', namedNode('http://www.w3.org/2001/XMLSchema#integer'))), quad(blankNode('x'), P, namedNode('urn:c'))]],
    ]),
  );
  expect(await store.listGraphs()).toEqual([
    { graph: G1, triples: 2 },
    { graph: G2, triples: 2 },
  ]);
  await store.replaceGraphs(new Map([[G1, [quad(namedNode('urn:a'), P, literal('uno'))]]]));
  expect((await store.listGraphs()).find((g) => g.graph === G1)?.triples).toBe(1);
});

test('match finds quads by any pattern, with typed and language literals intact', async () => {
  const byPredicate = await store.match(null, P, null, null);
  expect(byPredicate).toHaveLength(3);
  const typed = await store.match(namedNode('urn:c'), null, null, namedNode(G2));
  expect(typed).toHaveLength(1);
  expect(typed[0]!.object).toEqual(literal('3', namedNode('http://www.w3.org/2001/XMLSchema#integer')));
  expect(typed[0]!.graph.value).toBe(G2);
  expect(await store.match(null, null, literal('uno'), null)).toHaveLength(1);
});

test('query answers SELECT over the union default graph, ASK, and CONSTRUCT', async () => {
  const select = await store.query('SELECT ?s WHERE { ?s <urn:remote:p> ?o } ORDER BY ?s');
  expect(select.kind === 'bindings' && select.rows.filter((r) => r.get('s')!.termType === 'NamedNode').map((r) => r.get('s')!.value)).toEqual([
    'urn:a',
    'urn:c',
  ]);
  expect(await store.query('ASK { <urn:a> <urn:remote:p> "uno" }')).toEqual({ kind: 'boolean', value: true });
  const construct = await store.query(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${G2}> { ?s ?p ?o } }`);
  expect(construct.kind === 'quads' && construct.quads).toHaveLength(2);
  const one = await store.query('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', { defaultGraphs: [G1] });
  expect(one.kind === 'bindings' && one.rows[0]!.get('n')!.value).toBe('1');
});

test('exportGraph reads a graph through the Graph Store Protocol in the asked format', async () => {
  const ttl = await store.exportGraph(G2, 'ttl');
  expect(new N3.Parser().parse(ttl)).toHaveLength(2);
  const rdfxml = await store.exportGraph(G1, 'rdfxml');
  expect(oxigraph.parse(rdfxml, { format: 'application/rdf+xml' }).map((q) => q.object.value)).toEqual(['uno']);
});

test('a refused write (no token: 401) is a RemoteStoreError with the status, and changes nothing', async () => {
  const attempt = readOnly.replaceGraphs(new Map([[G1, []]]));
  await expect(attempt).rejects.toBeInstanceOf(RemoteStoreError);
  await expect(attempt).rejects.toMatchObject({ status: 401 });
  expect((await store.listGraphs()).map((g) => g.graph)).toEqual([G1, G2]);
});

test('dropGraph removes one graph', async () => {
  await store.dropGraph(G1);
  expect((await store.listGraphs()).map((g) => g.graph)).toEqual([G2]);
});

test('addToGraph adds to what a graph holds in one INSERT, or, too big for one request, stages and merges with one ADD (SPARQL 1.1 Update §3.2.5)', async () => {
  const G3 = 'urn:remote:three';
  const triple = (i: number) => quad(namedNode(`urn:remote:s${i}`), P, literal(`value ${i}`));
  await store.addToGraph(G3, [triple(0)]);
  await store.addToGraph(G3, [triple(1), quad(blankNode('b'), P, literal('blank'))]);
  expect((await store.readGraph(G3)).length).toBe(3);

  const small = new RemoteSparqlStore({ queryEndpoint: `${base}/sparql`, headers: { authorization: `Bearer ${WRITE_TOKEN}` }, maxRequestBytes: 4 * 1024 });
  const many = Array.from({ length: 400 }, (_, i) => triple(100 + i));
  await small.addToGraph(G3, many);
  expect((await store.readGraph(G3)).length).toBe(403);
  // The staging graphs are gone.
  expect((await store.listGraphs()).filter((g) => g.graph.startsWith('urn:astrovoc:staging:'))).toEqual([]);
  await store.dropGraph(G3);
});
