import { once } from 'node:events';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import N3 from 'n3';
import request from 'supertest';
import { OxigraphStore } from '../../src/store/index.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { loadMirrorVocabularies } from '../support/loaded-service.js';
import { sparqlApp, type SparqlApp } from '../conformance/support/sparql-app.js';

/**
 * Federation (SPARQL 1.1 Federated Query §2, SERVICE): a second astrovoc instance on loopback is the peer;
 * a query naming it runs through Comunica over the local store plus the peer. Any other SERVICE IRI is
 * refused before the engine runs, so no connection is ever made to it.
 */
const { namedNode, literal, quad } = N3.DataFactory;
const ICRS = 'http://www.ivoa.net/rdf/refframe#ICRS';
const FK4 = 'http://www.ivoa.net/rdf/refframe#FK4';
const NOTE = 'urn:peer:note';

let peer: SparqlApp;
let peerServer: Server;
let peerEndpoint: string;
let main: SparqlApp;
let trap: NetServer;
let trapEndpoint: string;
const trapped: Socket[] = [];

async function listen(server: Server | NetServer): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  const peerData = new VocabularyService(new OxigraphStore(), []);
  await peerData.writeGraphs(
    new Map([
      [
        'urn:peer:notes',
        [
          quad(namedNode(ICRS), namedNode(NOTE), literal('the peer knows ICRS')),
          quad(namedNode(FK4), namedNode(NOTE), literal('the peer knows FK4')),
          quad(namedNode('urn:peer:other'), namedNode(NOTE), literal('not hosted by the main instance')),
        ],
      ],
    ]),
  );
  peer = await sparqlApp(peerData, { workers: 1 });
  peerServer = peer.app.listen(0, '127.0.0.1');
  await once(peerServer, 'listening');
  peerEndpoint = `http://127.0.0.1:${(peerServer.address() as AddressInfo).port}/sparql`;

  trap = createServer((socket) => {
    trapped.push(socket);
    socket.destroy();
  });
  trapEndpoint = `http://127.0.0.1:${await listen(trap)}/sparql`;

  // refframe alone holds the terms these queries join on. Over the whole mirror, Comunica's bind join sent the
  // peer one request per block of the ~8,700 labels (544 requests, 17-22 s on a loaded machine).
  main = await sparqlApp(await loadMirrorVocabularies(['refframe']), { peers: [peerEndpoint], timeoutMs: 20_000 });
});

afterAll(async () => {
  peerServer.close();
  trap.close();
  await Promise.all([peer.sparql.close(), main.sparql.close()]);
});

interface JsonResults {
  results: { bindings: Record<string, { value: string }>[] };
}

test('a SERVICE to an allow-listed peer joins the local vocabularies with the peer data (Comunica)', async () => {
  const query = `PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?term ?label ?note WHERE {
  ?term rdfs:label ?label .
  SERVICE <${peerEndpoint}> { ?term <${NOTE}> ?note }
}
ORDER BY ?term`;
  const res = await request(main.app).get('/sparql').query({ query }).set('Accept', 'application/sparql-results+json');
  expect(res.text).toContain('results');
  expect(res.status).toBe(200);
  const rows = (JSON.parse(res.text) as JsonResults).results.bindings.map((b) => [b.term!.value, b.label!.value, b.note!.value]);
  expect(rows).toEqual([
    [FK4, 'FK4', 'the peer knows FK4'],
    [ICRS, 'ICRS', 'the peer knows ICRS'],
  ]);
});

test('a federated SELECT answers CSV too, and a federated CONSTRUCT answers Turtle', async () => {
  const select = `SELECT ?note WHERE { SERVICE <${peerEndpoint}> { <${ICRS}> <${NOTE}> ?note } }`;
  const csv = await request(main.app).get('/sparql').query({ query: select }).set('Accept', 'text/csv').expect(200);
  expect(csv.text.trim().split(/\r?\n/)).toEqual(['note', 'the peer knows ICRS']);
  const construct = `CONSTRUCT { ?t <${NOTE}> ?note } WHERE { <${ICRS}> <http://www.w3.org/2000/01/rdf-schema#label> ?l . SERVICE <${peerEndpoint}> { ?t <${NOTE}> ?note } FILTER(?t = <${ICRS}>) }`;
  const ttl = await request(main.app).get('/sparql').query({ query: construct }).set('Accept', 'text/turtle').expect(200);
  const quads = new N3.Parser().parse(ttl.text);
  expect(quads.map((q) => q.object.value)).toEqual(['the peer knows ICRS']);
});

test('SERVICE to an IRI outside the allow-list is a 400 naming it, and no connection reaches it', async () => {
  const query = `SELECT * WHERE { SERVICE <${trapEndpoint}> { ?s ?p ?o } }`;
  const res = await request(main.app).get('/sparql').query({ query }).expect(400);
  expect(res.body.service).toBe(trapEndpoint);
  expect(res.body.detail).toContain(trapEndpoint);
  const nested = `SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE SILENT <${trapEndpoint}> { ?s ?p ?o } } } LIMIT 1`;
  expect((await request(main.app).get('/sparql').query({ query: nested }).expect(400)).body.service).toBe(trapEndpoint);
  const mixed = `SELECT * WHERE { SERVICE <${peerEndpoint}> { ?s ?p ?o } SERVICE <${trapEndpoint}> { ?s ?p ?o } }`;
  await request(main.app).get('/sparql').query({ query: mixed }).expect(400);
  await new Promise((r) => setTimeout(r, 200));
  expect(trapped).toHaveLength(0);
});

test('SERVICE with a variable target is refused (it could name any host)', async () => {
  const res = await request(main.app).get('/sparql').query({ query: 'SELECT * WHERE { ?e a ?t . SERVICE ?e { ?s ?p ?o } }' }).expect(400);
  expect(res.body.service).toBe('?e');
});

test('an endpoint with no peers configured refuses every SERVICE', async () => {
  const res = await request(peer.app)
    .get('/sparql')
    .query({ query: `SELECT * WHERE { SERVICE <${peerEndpoint}> { ?s ?p ?o } }` })
    .expect(400);
  expect(res.body.detail).toMatch(/none are configured/);
});

test('the service description announces basic federated query when peers are configured', async () => {
  const res = await request(main.app).get('/sparql').set('Accept', 'text/turtle').expect(200);
  expect(res.text).toContain('sd:BasicFederatedQuery');
});
