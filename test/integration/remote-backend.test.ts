import { TokenRegistry } from '../../src/access/index.js';
import { once } from 'node:events';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { loadCatalogue, type CatalogueEntry } from '../../src/catalogue/index.js';
import { createApp } from '../../src/http/index.js';
import { SparqlService, sparqlConfig } from '../../src/sparql/index.js';
import { MANIFEST_GRAPH, OxigraphStore, RemoteSparqlStore, type GraphInfo } from '../../src/store/index.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { openStore } from '../../src/cli/runtime.js';
import { loadConfig, StoreOptionError } from '../../src/config/index.js';
import { sparqlApp, WRITE_TOKEN, type SparqlApp } from '../conformance/support/sparql-app.js';
import { mirrorPath, mirrorRoot, PROJECT_ROOT } from '../support/mirror.js';
import { startVirtuoso } from '../support/virtuoso.js';

/**
 * astrovoc on an external SPARQL store: instance A (embedded, empty, with a write token) on loopback is the
 * store; service B keeps its dataset there through the SPARQL 1.1 Protocol and Graph Store Protocol, and
 * answers REST lookups from its index and /sparql by forwarding to A.
 */
const IDS = ['refframe', 'timescale', 'uat'];
const ICRS = 'http://www.ivoa.net/rdf/refframe#ICRS';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';

let entries: CatalogueEntry[];
let storeApp: SparqlApp;
let storeServer: Server;
let base: string;
/** Every write A's dataset received (A's VocabularyService change events), and every request A answered. */
const writesToA: (readonly string[])[] = [];
const requestsToA: string[] = [];
let embedded: VocabularyService;
let b: VocabularyService;
let bSparql: SparqlService;
let bApp: express.Express;
let trap: NetServer;
const trapped: Socket[] = [];

async function listen(server: Server | NetServer): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

const remoteStore = (token = WRITE_TOKEN) =>
  new RemoteSparqlStore({ queryEndpoint: `${base}/sparql`, graphStoreEndpoint: `${base}/rdf-graphs`, headers: { authorization: `Bearer ${token}` } });

let aVocabularies: VocabularyService;
/** A's graphs as A itself holds them (not through B). */
const graphsOfA = (): Promise<GraphInfo[]> => aVocabularies.store.listGraphs();

beforeAll(async () => {
  entries = (await loadCatalogue(PROJECT_ROOT)).filter((e) => IDS.includes(e.id));
  aVocabularies = new VocabularyService(new OxigraphStore(), []);
  aVocabularies.onChange((graphs) => writesToA.push(graphs));
  // A stands in for a store server: its own 10 s default limit cut the UAT's one big update short on a loaded machine.
  storeApp = await sparqlApp(aVocabularies, { workers: 1, timeoutMs: 120_000 });
  // The UAT is one update of several MB: astrovoc's /sparql takes bodies that large from a writer only.
  const outer = express();
  outer.use((req, _res, next) => {
    requestsToA.push(`${req.method} ${req.path}`);
    next();
  });
  outer.use(storeApp.app);
  storeServer = createHttpServer(outer);
  base = `http://127.0.0.1:${await listen(storeServer)}`;

  trap = createNetServer((socket) => {
    trapped.push(socket);
    socket.destroy();
  });
  await listen(trap);

  embedded = new VocabularyService(new OxigraphStore(), entries);
  await embedded.load(mirrorRoot());
  b = new VocabularyService(remoteStore(), entries);
  await b.load(mirrorRoot());
  bSparql = await SparqlService.start(b, sparqlConfig({ workers: 1 }));
  bApp = createApp({ vocabularies: b, sparql: bSparql, tokens: TokenRegistry.fromEnvironment([WRITE_TOKEN]), log: () => undefined });
}, 180_000);

afterAll(async () => {
  await bSparql?.close();
  storeServer?.close();
  trap?.close();
  await storeApp?.sparql.close();
});

describe('a load into a remote store', () => {
  it('puts each vocabulary graph and the manifest in A, with the same triples and term counts as the embedded store', async () => {
    expect(b.remote).toBe(true);
    expect(b.report?.failures).toEqual([]);
    const inA = new Map((await graphsOfA()).map((g) => [g.graph, g.triples]));
    for (const id of IDS) {
      const hosted = embedded.get(id)!;
      expect(b.get(id)!.counts).toEqual(hosted.counts);
      expect(b.get(id)!.triples).toBe(hosted.triples);
      expect(inA.get(hosted.meta!.graph)).toBe(hosted.triples);
    }
    expect(inA.has(MANIFEST_GRAPH)).toBe(true);
    expect(b.report?.quads).toBe([...inA].filter(([graph]) => graph !== MANIFEST_GRAPH).reduce((sum, [, n]) => sum + n, 0));
  });

  it('was one write to A: graphs and manifest replaced as one unit', () => {
    expect(writesToA).toHaveLength(1);
    expect([...writesToA[0]!].sort()).toEqual([...IDS.map((id) => embedded.index.vocabulary(id)!.graph), MANIFEST_GRAPH].sort());
  });
});

describe('a replace larger than one request', () => {
  it('is staged over several requests, then moves every graph onto its target in one last request (SPARQL 1.1 Update §3.2.4)', async () => {
    const targets = IDS.map((id) => embedded.index.vocabulary(id)!.graph);
    const before = await graphsOfA();
    const writes = writesToA.length;
    const small = new RemoteSparqlStore({
      queryEndpoint: `${base}/sparql`,
      headers: { authorization: `Bearer ${WRITE_TOKEN}` },
      maxRequestBytes: 2 * 1024 * 1024,
    });
    await small.replaceGraphs(new Map(targets.map((graph) => [graph, embedded.store.local.quadsOfGraph(graph)])));
    const staged = writesToA.slice(writes);
    expect(staged.length).toBeGreaterThan(2);
    // Only the last write touched the targets; the ones before only wrote staging graphs, now gone.
    expect([...staged.at(-1)!].filter((g) => targets.includes(g)).sort()).toEqual([...targets].sort());
    for (const write of staged.slice(0, -1)) expect(write.every((g) => g.startsWith('urn:astrovoc:staging:'))).toBe(true);
    expect(await graphsOfA()).toEqual(before);
  });
});

describe("B's HTTP face over the remote store", () => {
  it('answers a term lookup from its index', async () => {
    const res = await request(bApp).get('/api/v1/vocabularies/refframe/terms/ICRS').expect(200);
    expect(res.body.iri).toBe(ICRS);
  });

  it('answers a search as the embedded store does', async () => {
    const res = await request(bApp).get('/api/v1/search').query({ q: 'ICRS' }).expect(200);
    expect(res.body.hits[0].iri).toBe(ICRS);
    const reference = await request(createApp({ vocabularies: embedded, log: () => undefined }))
      .get('/api/v1/search')
      .query({ q: 'ICRS' })
      .expect(200);
    expect(res.body.hits).toEqual(reference.body.hits);
  });

  it('forwards /sparql queries to A, over the union of the hosted graphs, with the client-chosen format', async () => {
    const before = requestsToA.length;
    const res = await request(bApp)
      .post('/sparql')
      .type('form')
      .set('accept', 'text/csv')
      .send({ query: `SELECT (COUNT(*) AS ?n) WHERE { <${ICRS}> ?p ?o }` })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const direct = (await embedded.store.query(`SELECT (COUNT(*) AS ?n) WHERE { <${ICRS}> ?p ?o }`)) as {
      kind: 'bindings';
      rows: Map<string, { value: string }>[];
    };
    expect(res.text.trim().split(/\r?\n/)).toEqual(['n', direct.rows[0]!.get('n')!.value]);
    expect(requestsToA.slice(before)).toEqual(['POST /sparql']);
    expect(bSparql.status.workers).toBe(0);
  });

  it('caps a forwarded SELECT at the row limit and flags it', async () => {
    const capped = await SparqlService.start(b, sparqlConfig({ maxRows: 5 }));
    try {
      const app = createApp({ vocabularies: b, sparql: capped, log: () => undefined });
      const res = await request(app)
        .get('/sparql')
        .query({ query: 'SELECT ?s WHERE { ?s ?p ?o }' })
        .set('accept', 'application/sparql-results+json')
        .expect(200);
      expect(res.headers['astrovoc-truncated']).toBe('true');
      expect(JSON.parse(res.text).results.bindings).toHaveLength(5);
    } finally {
      await capped.close();
    }
  });

  it('refuses SERVICE to an IRI off the allow-list before any connection (SPARQL 1.1 Federated Query §2)', async () => {
    const before = requestsToA.length;
    const target = `http://127.0.0.1:${(trap.address() as AddressInfo).port}/sparql`;
    const res = await request(bApp)
      .get('/sparql')
      .query({ query: `SELECT * WHERE { SERVICE <${target}> { ?s ?p ?o } }` })
      .expect(400);
    expect(res.body.service).toBe(target);
    expect(trapped).toHaveLength(0);
    expect(requestsToA.length).toBe(before);
  });

  it('forwards an authorised update to A; one into a hosted vocabulary graph is refused before it is sent (the term API changes terms)', async () => {
    const graph = b.index.vocabulary('refframe')!.graph;
    const intoHosted = `INSERT DATA { GRAPH <${graph}> { <${ICRS}> <${SKOS}altLabel> "Qzwxvy remote" } }`;
    await request(bApp).post('/sparql').type('form').send({ update: intoHosted }).expect(401);
    const refused = await request(bApp).post('/sparql').type('form').set('authorization', `Bearer ${WRITE_TOKEN}`).send({ update: intoHosted }).expect(403);
    expect(refused.body.detail).toContain('/api/v1/vocabularies/refframe/terms');
    // Graphs chosen at run time could be hosted ones: refused before anything is sent.
    const anyGraph = `DELETE { GRAPH ?g { <${ICRS}> ?p ?o } } WHERE { GRAPH ?g { <${ICRS}> ?p ?o } }`;
    const sentBefore = requestsToA.length;
    const unnamed = await request(bApp).post('/sparql').type('form').set('authorization', `Bearer ${WRITE_TOKEN}`).send({ update: anyGraph }).expect(400);
    expect(unnamed.body.detail).toContain('name the graphs');
    expect(requestsToA.slice(sentBefore).filter((r) => r.startsWith('POST'))).toEqual([]);
    expect(await aVocabularies.store.query(`ASK { GRAPH <${graph}> { <${ICRS}> <${SKOS}altLabel> "Qzwxvy remote" } }`)).toEqual({
      kind: 'boolean',
      value: false,
    });

    const other = 'urn:astrovoc:test:remote-update';
    const update = `INSERT DATA { GRAPH <${other}> { <${ICRS}> <${SKOS}altLabel> "Qzwxvy remote" } }`;
    const res = await request(bApp).post('/sparql').type('form').set('authorization', `Bearer ${WRITE_TOKEN}`).send({ update });
    expect(res.status).toBeLessThan(300);
    expect(await aVocabularies.store.query(`ASK { GRAPH <${other}> { <${ICRS}> <${SKOS}altLabel> "Qzwxvy remote" } }`)).toEqual({
      kind: 'boolean',
      value: true,
    });
    expect(b.store.local.countTriples(other)).toBe(1);
    await request(bApp)
      .post('/sparql')
      .type('form')
      .set('authorization', `Bearer ${WRITE_TOKEN}`)
      .send({ update: `DROP GRAPH <${other}>` })
      .expect(res.status);
  });

  it('merges concurrent Graph Store POSTs into A without losing any (GSP §5.5: no read-then-write)', async () => {
    const graph = 'urn:astrovoc:test:remote-merge';
    const posts = Array.from({ length: 6 }, (_, i) =>
      request(bApp)
        .post('/rdf-graphs')
        .query({ graph })
        .set('authorization', `Bearer ${WRITE_TOKEN}`)
        .set('Content-Type', 'application/n-triples')
        .send(`<urn:ex:s${i}> <urn:ex:p> "${i}" .\n`),
    );
    // Exactly one of them created the graph (GSP §5.5: 201 Created); the others merged into it (204).
    expect((await Promise.all(posts)).map((r) => r.status).sort()).toEqual([201, 204, 204, 204, 204, 204]);
    expect((await aVocabularies.store.readGraph(graph)).length).toBe(6);
    expect(b.store.local.quadsOfGraph(graph)).toHaveLength(6);
    await request(bApp).delete('/rdf-graphs').query({ graph }).set('authorization', `Bearer ${WRITE_TOKEN}`).expect(204);
  });

  it('decides a DELETE inside the write queue (GSP §5.4): of two sent together, one empties the graph (204), the other finds none (404)', async () => {
    const graph = 'urn:astrovoc:test:remote-delete';
    await request(bApp)
      .put('/rdf-graphs')
      .query({ graph })
      .set('authorization', `Bearer ${WRITE_TOKEN}`)
      .set('Content-Type', 'application/n-triples')
      .send('<urn:ex:a> <urn:ex:p> "1" .\n')
      .expect(201);
    const deletes = await Promise.all([0, 1].map(() => request(bApp).delete('/rdf-graphs').query({ graph }).set('authorization', `Bearer ${WRITE_TOKEN}`)));
    expect(deletes.map((r) => r.status).sort()).toEqual([204, 404]);
    expect(await aVocabularies.store.readGraph(graph)).toEqual([]);
  });

  it('refuses an update into the default graph, as the embedded endpoint does', async () => {
    const res = await request(bApp)
      .post('/sparql')
      .type('form')
      .set('authorization', `Bearer ${WRITE_TOKEN}`)
      .send({ update: 'INSERT DATA { <urn:x> <urn:y> "z" }' })
      .expect(400);
    expect(res.body.parameter).toBe('update');
  });
});

describe('warm start on the remote store', () => {
  it('reuses the graphs A holds when the sources are unchanged: no write to A, same triples, same index', async () => {
    const writes = writesToA.length;
    const before = await graphsOfA();
    const again = new VocabularyService(remoteStore(), entries);
    const report = await again.load(mirrorRoot());
    expect(report.fromSnapshot).toBe(true);
    expect(writesToA.length).toBe(writes);
    expect(await graphsOfA()).toEqual(before);
    for (const id of IDS) expect(again.get(id)!.counts).toEqual(embedded.get(id)!.counts);
    expect(again.termByIri(ICRS)).toEqual(embedded.termByIri(ICRS));
  });
});

describe('what a failed load leaves in A', () => {
  async function privateMirror(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'astrovoc-remote-'));
    for (const file of new Set(entries.flatMap((e) => Object.values(e.sources).map((s) => s.mirror)))) {
      await mkdir(join(dir, file, '..'), { recursive: true });
      await cp(mirrorPath(file), join(dir, file));
    }
    return dir;
  }

  it('a malformed source fails its vocabulary, whose graph in A stays as it was', async () => {
    const mirror = await privateMirror();
    const terms = join(mirror, 'ivoa-vocabularies/refframe/terms.csv');
    await writeFile(terms, `${await readFile(terms, 'utf8')}odd;1;"Odd;An unbalanced quote\n`);
    const graph = embedded.index.vocabulary('refframe')!.graph;
    const before = await aVocabularies.store.exportGraph(graph, 'nt');
    const vocabularyGraphs = async () => (await graphsOfA()).filter((g) => g.graph !== MANIFEST_GRAPH);
    const graphsBefore = await vocabularyGraphs();

    const service = new VocabularyService(remoteStore(), entries);
    const report = await service.load(mirror);
    expect(report.failures.map((f) => f.vocabularyId)).toEqual(['refframe']);
    expect(report.failures[0]!.message).toMatch(/refframe\/terms\.csv:\d+/);
    expect(await aVocabularies.store.exportGraph(graph, 'nt')).toBe(before);
    expect(await vocabularyGraphs()).toEqual(graphsBefore);
    // Without a manifest, the next start reads the sources again rather than trusting A.
    expect((await graphsOfA()).some((g) => g.graph === MANIFEST_GRAPH)).toBe(false);
  });

  it('a load A refuses (no valid token) changes nothing in A: the load is one update', async () => {
    const before = await graphsOfA();
    const writes = writesToA.length;
    const refused = new VocabularyService(remoteStore('tester:wrong'), entries);
    // Refused either for the token (403) or, without a valid token, for a body over the public 1 MB (413).
    const error = await refused.load(mirrorRoot(), undefined, true).then(
      () => undefined,
      (e: unknown) => e as { status?: number },
    );
    expect([403, 413]).toContain(error?.status);
    expect(await graphsOfA()).toEqual(before);
    expect(writesToA.length).toBe(writes);
  });
});

describe('the time limit on a forwarded query', () => {
  it('cancels a query the store does not answer in time and answers 503', async () => {
    const silent = createHttpServer(() => undefined);
    const port = await listen(silent);
    const service = new VocabularyService(new RemoteSparqlStore({ queryEndpoint: `http://127.0.0.1:${port}/sparql` }), []);
    const sparql = await SparqlService.start(service, sparqlConfig({ timeoutMs: 300 }));
    try {
      const app = createApp({ vocabularies: service, sparql, log: () => undefined });
      const res = await request(app).get('/sparql').query({ query: 'ASK { ?s ?p ?o }' }).expect(503);
      expect(res.body.title).toBe('Query time limit reached');
    } finally {
      await sparql.close();
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe('the store options of the command line', () => {
  const open = (options: Record<string, unknown>, env: Record<string, string>) => openStore(loadConfig(env, options));
  it('open the embedded store by default and a remote one with --store-query or ASTROVOC_STORE_QUERY', async () => {
    expect(open({}, {})).toBeInstanceOf(OxigraphStore);
    const remote = open({ storeQuery: `${base}/sparql`, storeGraphStore: `${base}/rdf-graphs`, storeHeader: [`Authorization: Bearer ${WRITE_TOKEN}`] }, {});
    expect(remote).toBeInstanceOf(RemoteSparqlStore);
    // The header reaches A: the write is accepted.
    await remote.replaceGraphs(new Map([['urn:astrovoc:test:cli', []]]));
    const fromEnv = open({}, { ASTROVOC_STORE_QUERY: `${base}/sparql`, ASTROVOC_STORE_HEADERS: `Authorization: Bearer tester:wrong` });
    await expect(fromEnv.replaceGraphs(new Map([['urn:astrovoc:test:cli', []]]))).rejects.toMatchObject({ status: 403 });
  });

  it('refuse a malformed header or URL, and store options without --store-query, naming the option', () => {
    expect(() => open({ storeQuery: `${base}/sparql`, storeHeader: ['no colon here'] }, {})).toThrow(/--store-header/);
    expect(() => open({ storeQuery: 'ftp://example.org/sparql' }, {})).toThrow(/--store-query/);
    expect(() => open({ storeUpdate: `${base}/sparql` }, {})).toThrow(StoreOptionError);
  });
});

/**
 * The same on Debian's Virtuoso 7 (virtuoso-opensource-7-bin), a throwaway instance on loopback; only with
 * ASTROVOC_TEST_VIRTUOSO=1, so that CI does not depend on it. Virtuoso's anonymous SPARQL user gets update
 * rights here; a real deployment sends credentials with --store-header.
 */
const withVirtuoso = process.env.ASTROVOC_TEST_VIRTUOSO === '1' ? describe : describe.skip;
withVirtuoso('on Virtuoso', () => {
  let virtuoso: { endpoint: string; stop: () => void };

  beforeAll(async () => {
    virtuoso = await startVirtuoso({ allowUpdates: true });
  }, 120_000);
  afterAll(() => virtuoso?.stop());

  it('loads, answers as the embedded store does, and starts warm without rewriting', async () => {
    const store = () => new RemoteSparqlStore({ queryEndpoint: virtuoso.endpoint });
    const service = new VocabularyService(store(), entries);
    const report = await service.load(mirrorRoot());
    expect(report.failures).toEqual([]);
    for (const id of IDS) expect(service.get(id)!.counts).toEqual(embedded.get(id)!.counts);
    for (const id of IDS) expect(service.get(id)!.triples).toBe(embedded.get(id)!.triples);

    const sparql = await SparqlService.start(service, sparqlConfig({}));
    try {
      const app = createApp({ vocabularies: service, sparql, log: () => undefined });
      await request(app).get('/api/v1/vocabularies/refframe/terms/ICRS').expect(200);
      const res = await request(app)
        .get('/sparql')
        .query({ query: `SELECT (COUNT(*) AS ?n) WHERE { <${ICRS}> ?p ?o }` })
        .set('accept', 'application/sparql-results+json')
        .expect(200);
      const direct = (await embedded.store.query(`SELECT (COUNT(*) AS ?n) WHERE { <${ICRS}> ?p ?o }`)) as {
        kind: 'bindings';
        rows: Map<string, { value: string }>[];
      };
      expect(JSON.parse(res.text).results.bindings[0].n.value).toBe(direct.rows[0]!.get('n')!.value);
    } finally {
      await sparql.close();
    }

    const graphs = await store().listGraphs();
    const warm = await new VocabularyService(store(), entries).load(mirrorRoot());
    expect(warm.fromSnapshot).toBe(true);
    expect(await store().listGraphs()).toEqual(graphs);
  });
});
