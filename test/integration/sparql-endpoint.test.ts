import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import N3 from 'n3';
import oxigraph from 'oxigraph';
import request from 'supertest';
import { XMLValidator } from 'fast-xml-parser';
import type { VocabularyService } from '../../src/vocab/index.js';
import { SPARQL_EXAMPLES } from '../../src/sparql/index.js';
import { loadMirrorService } from '../support/loaded-service.js';
import { sparqlApp, type SparqlApp } from '../conformance/support/sparql-app.js';

const REFFRAME = 'http://www.ivoa.net/rdf/refframe';
const POINT = `SELECT ?label WHERE { <${REFFRAME}#ICRS> <http://www.w3.org/2000/01/rdf-schema#label> ?label }`;
const SPARQL_JSON = 'application/sparql-results+json';

interface JsonResults {
  head: { vars: string[] };
  results: { bindings: Record<string, { type: string; value: string }>[] };
}

let vocabularies: VocabularyService;
let main: SparqlApp;
let refframeGraph: string;
let refframeTriples: number;

beforeAll(async () => {
  vocabularies = await loadMirrorService();
  main = await sparqlApp(vocabularies);
  refframeGraph = vocabularies.index.vocabulary('refframe')!.graph;
  refframeTriples = (await vocabularies.store.listGraphs()).find((g) => g.graph === refframeGraph)!.triples;
});

afterAll(async () => {
  await main.sparql.close();
});

function labels(body: JsonResults): string[] {
  return body.results.bindings.map((b) => b.label!.value);
}

describe('SPARQL 1.1 Protocol §2.1: query operation', () => {
  test('§2.1.1 query via GET answers SPARQL JSON by default', async () => {
    const res = await request(main.app).get('/sparql').query({ query: POINT }).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/sparql-results\+json/);
    expect(labels(JSON.parse(res.text) as JsonResults)).toEqual(['ICRS']);
  });

  test('§2.1.2 query via POST with URL-encoded parameters', async () => {
    const res = await request(main.app).post('/sparql').type('form').send({ query: POINT }).set('Accept', SPARQL_JSON).expect(200);
    expect(labels(JSON.parse(res.text) as JsonResults)).toEqual(['ICRS']);
  });

  test('§2.1.3 query via POST directly (application/sparql-query)', async () => {
    const res = await request(main.app).post('/sparql').set('Content-Type', 'application/sparql-query').send(POINT).expect(200);
    expect(labels(JSON.parse(res.text) as JsonResults)).toEqual(['ICRS']);
  });

  test('SELECT results in each format the Accept header asks for (JSON, XML, CSV, TSV)', async () => {
    const query = `SELECT ?term ?label WHERE { GRAPH <${refframeGraph}> { ?term <http://www.w3.org/2000/01/rdf-schema#label> ?label } } ORDER BY ?term`;
    const json = JSON.parse((await request(main.app).get('/sparql').query({ query }).set('Accept', SPARQL_JSON).expect(200)).text) as JsonResults;
    const rows = json.results.bindings.length;
    expect(rows).toBeGreaterThan(20);

    const xml = await request(main.app).get('/sparql').query({ query }).set('Accept', 'application/sparql-results+xml').expect(200);
    expect(xml.headers['content-type']).toMatch(/^application\/sparql-results\+xml/);
    expect(XMLValidator.validate(xml.text)).toBe(true);
    expect(xml.text.match(/<result>/g)).toHaveLength(rows);

    const csv = await request(main.app).get('/sparql').query({ query }).set('Accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe('term,label');
    expect(csv.text.trim().split('\r\n')).toHaveLength(rows + 1);

    const tsv = await request(main.app).get('/sparql').query({ query }).set('Accept', 'text/tab-separated-values').expect(200);
    expect(tsv.text.split('\n')[0]).toBe('?term\t?label');
    expect(tsv.text.trim().split('\n')).toHaveLength(rows + 1);
  });

  test('ASK answers a boolean in SPARQL JSON and XML', async () => {
    const ask = `ASK { <${REFFRAME}#ICRS> ?p ?o }`;
    const json = await request(main.app).get('/sparql').query({ query: ask }).expect(200);
    expect(JSON.parse(json.text)).toEqual({ head: {}, boolean: true });
    const xml = await request(main.app).get('/sparql').query({ query: ask }).set('Accept', 'application/sparql-results+xml').expect(200);
    expect(xml.text).toContain('<boolean>true</boolean>');
  });

  test('CONSTRUCT answers Turtle, N-Triples, JSON-LD and RDF/XML, each holding the same graph', async () => {
    const construct = `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${refframeGraph}> { ?s ?p ?o } }`;
    const sizes: Record<string, number> = {};
    for (const [accept, format] of [
      ['text/turtle', 'text/turtle'],
      ['application/n-triples', 'application/n-triples'],
      ['application/ld+json', 'application/ld+json'],
      ['application/rdf+xml', 'application/rdf+xml'],
    ] as const) {
      const res = await request(main.app)
        .get('/sparql')
        .query({ query: construct })
        .set('Accept', accept)
        .buffer(true)
        .parse((r, cb) => {
          let text = '';
          r.on('data', (c: Buffer) => (text += c.toString()));
          r.on('end', () => cb(null, text));
        })
        .expect(200);
      expect(res.headers['content-type']).toContain(accept);
      sizes[accept] = oxigraph.parse(res.body as string, { format, base_iri: 'http://example.org/' }).length;
    }
    expect(new Set(Object.values(sizes))).toEqual(new Set([refframeTriples]));
  });

  test('DESCRIBE of a term answers its triples as Turtle', async () => {
    const res = await request(main.app)
      .get('/sparql')
      .query({ query: `DESCRIBE <${REFFRAME}#ICRS>` })
      .set('Accept', 'text/turtle')
      .expect(200);
    const quads = new N3.Parser().parse(res.text);
    expect(quads.some((q) => q.subject.value === `${REFFRAME}#ICRS` && q.object.value === 'ICRS')).toBe(true);
  });
});

describe('the dataset (SPARQL 1.1 Protocol §2.1.4)', () => {
  const count = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';
  const number = (text: string) => Number((JSON.parse(text) as JsonResults).results.bindings[0]!.n!.value);

  test('the default graph is the union of all hosted named graphs', async () => {
    const res = await request(main.app).get('/sparql').query({ query: count }).expect(200);
    const total = (await vocabularies.store.listGraphs()).reduce((sum, g) => sum + g.triples, 0);
    expect(number(res.text)).toBe(total);
  });

  test('default-graph-uri makes one vocabulary graph the default graph', async () => {
    const res = await request(main.app).get('/sparql').query({ query: count, 'default-graph-uri': refframeGraph }).expect(200);
    expect(number(res.text)).toBe(refframeTriples);
  });

  test('named-graph-uri limits the named graphs GRAPH ?g can see (repeatable, also in a form POST)', async () => {
    const ucdGraph = vocabularies.index.vocabulary('ucd')!.graph;
    const query = 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g';
    const res = await request(main.app)
      .post('/sparql')
      .type('form')
      .send(`query=${encodeURIComponent(query)}&named-graph-uri=${encodeURIComponent(refframeGraph)}&named-graph-uri=${encodeURIComponent(ucdGraph)}`)
      .expect(200);
    const graphs = (JSON.parse(res.text) as JsonResults).results.bindings.map((b) => b.g!.value);
    expect(graphs).toEqual([refframeGraph, ucdGraph].sort());
  });

  test('a dataset parameter that is not an IRI is a 400 naming it', async () => {
    const res = await request(main.app).get('/sparql').query({ query: count, 'default-graph-uri': 'not an iri' }).expect(400);
    expect(res.body.parameter).toBe('default-graph-uri');
  });
});

describe('errors (SPARQL 1.1 Protocol §2.1.5, RFC 9457)', () => {
  test('a malformed query is a 400 with the parser message, line and column', async () => {
    const res = await request(main.app).get('/sparql').query({ query: 'SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER( }' }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, parameter: 'query', line: 3 });
    expect(res.body.column).toBeGreaterThan(0);
    expect(res.body.detail).toMatch(/Parse error on line 3/);
  });

  test('a query with no Accept match is 406; a format parameter overrides Accept', async () => {
    await request(main.app).get('/sparql').query({ query: POINT }).set('Accept', 'image/png').expect(406);
    const res = await request(main.app).get('/sparql').query({ query: POINT, format: 'csv' }).set('Accept', 'image/png').expect(200);
    expect(res.text.trim()).toBe('label\r\nICRS');
    const wrong = await request(main.app).get('/sparql').query({ query: POINT, format: 'ttl' }).expect(406);
    expect(wrong.body.parameter).toBe('format');
  });

  test('methods other than GET and POST are 405 with Allow', async () => {
    const res = await request(main.app).put('/sparql').send('x').expect(405);
    expect(res.headers.allow).toBe('GET, POST, HEAD');
  });

  test('a POST body of another media type is 415', async () => {
    await request(main.app).post('/sparql').set('Content-Type', 'text/plain').send(POINT).expect(415);
  });

  test('POST without a query is a 400 naming the query parameter', async () => {
    const res = await request(main.app).post('/sparql').type('form').send({}).expect(400);
    expect(res.body.parameter).toBe('query');
  });
});

describe('read-only endpoint: SPARQL 1.1 Update (§2.2) needs a write token', () => {
  const graph = 'urn:astrovoc:test:update';
  const insert = `INSERT DATA { GRAPH <${graph}> { <urn:x:a> <urn:x:p> "inserted" } }`;
  const ask = `ASK { GRAPH <${graph}> { <urn:x:a> <urn:x:p> "inserted" } }`;

  test('an update sent as a query is 403', async () => {
    await request(main.app).get('/sparql').query({ query: insert }).expect(403);
  });

  test('an update via GET is 405', async () => {
    await request(main.app).get('/sparql').query({ update: insert }).expect(405);
  });

  test('an update without a token is 401 (WWW-Authenticate: Bearer), with a wrong token 403, and changes nothing', async () => {
    const none = await request(main.app).post('/sparql').set('Content-Type', 'application/sparql-update').send(insert).expect(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    await request(main.app).post('/sparql').type('form').send({ update: insert }).set('Authorization', 'Bearer wrong').expect(403);
    const res = await request(main.app).get('/sparql').query({ query: ask }).expect(200);
    expect(JSON.parse(res.text).boolean).toBe(false);
  });

  test('with a write token the update is applied atomically and visible to the next query, then removed', async () => {
    const res = await request(main.app)
      .post('/sparql')
      .set('Content-Type', 'application/sparql-update')
      .set('Authorization', 'Bearer tester:s3cret-token')
      .send(insert)
      .expect(200);
    expect(res.body).toEqual({ changedGraphs: [graph] });
    expect(JSON.parse((await request(main.app).get('/sparql').query({ query: ask })).text).boolean).toBe(true);
    await request(main.app)
      .post('/sparql')
      .type('form')
      .set('Authorization', 'Bearer tester:s3cret-token')
      .send({ update: `DROP GRAPH <${graph}>` })
      .expect(200);
    expect(JSON.parse((await request(main.app).get('/sparql').query({ query: ask })).text).boolean).toBe(false);
  });

  test('an update writing into the union default graph is refused with 400', async () => {
    const res = await request(main.app)
      .post('/sparql')
      .set('Content-Type', 'application/sparql-update')
      .set('Authorization', 'Bearer tester:s3cret-token')
      .send('INSERT DATA { <urn:x:a> <urn:x:p> "x" }')
      .expect(400);
    expect(res.body.parameter).toBe('update');
  });
});

describe('service description and query page (GET /sparql without a query)', () => {
  test('text/turtle answers a SPARQL 1.1 Service Description (§3) with VoID statistics per named graph', async () => {
    const res = await request(main.app).get('/sparql').set('Accept', 'text/turtle').expect(200);
    const store = new N3.Store(new N3.Parser().parse(res.text));
    const SD = 'http://www.w3.org/ns/sparql-service-description#';
    const VOID = 'http://rdfs.org/ns/void#';
    const service = store.getSubjects(`http://www.w3.org/1999/02/22-rdf-syntax-ns#type`, `${SD}Service`, null);
    expect(service).toHaveLength(1);
    expect(store.getObjects(service[0]!, `${SD}feature`, null).map((t) => t.value)).toContain(`${SD}UnionDefaultGraph`);
    expect(store.getObjects(service[0]!, `${SD}resultFormat`, null)).toHaveLength(8);
    const named = store.getSubjects(`${SD}name`, N3.DataFactory.namedNode(refframeGraph), null)[0]!;
    const graph = store.getObjects(named, `${SD}graph`, null)[0]!;
    expect(Number(store.getObjects(graph, `${VOID}triples`, null)[0]!.value)).toBe(refframeTriples);
    expect(Number(store.getObjects(graph, `${VOID}distinctSubjects`, null)[0]!.value)).toBeGreaterThan(20);
    expect(store.getSubjects(`${SD}name`, null, null).length).toBe((await vocabularies.store.listGraphs()).length);
  });

  test('text/html answers the query page with the worked examples', async () => {
    const res = await request(main.app).get('/sparql').set('Accept', 'text/html').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    for (const example of SPARQL_EXAMPLES) expect(res.text).toContain(`id="example-${example.id}"`);
    expect(res.text).toContain('<form id="sparql-form"');
  });

  test.each(SPARQL_EXAMPLES.map((e) => [e.id, e.query] as const))('the worked example %s runs on the hosted data and returns rows', async (_id, query) => {
    const res = await request(main.app).get('/sparql').query({ query }).expect(200);
    expect((JSON.parse(res.text) as JsonResults).results.bindings.length).toBeGreaterThan(0);
  });
});

describe('safety: limits', () => {
  let server: Server;
  let base: string;
  let limited: SparqlApp;

  beforeAll(async () => {
    limited = await sparqlApp(vocabularies, { timeoutMs: 1500, maxRows: 50, workers: 1, queueLimit: 1 });
    server = limited.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.close();
    await limited.sparql.close();
  });

  const EXPONENTIAL = `PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT (COUNT(*) AS ?n) WHERE {
  ?a (skos:broader|^skos:broader|skos:related|^skos:related)* ?b .
  ?b (skos:broader|^skos:broader|skos:related|^skos:related)* ?c .
  ?c (skos:broader|^skos:broader)* ?d
}`;

  test('a SELECT past the row cap is cut at the cap and flagged, in every result format', async () => {
    const query = 'SELECT ?s ?p ?o WHERE { ?s ?p ?o }';
    const json = await request(limited.app).get('/sparql').query({ query }).expect(200);
    expect(json.headers['astrovoc-truncated']).toBe('true');
    expect(json.headers['astrovoc-row-limit']).toBe('50');
    expect((JSON.parse(json.text) as JsonResults).results.bindings).toHaveLength(50);
    const xml = await request(limited.app).get('/sparql').query({ query }).set('Accept', 'application/sparql-results+xml').expect(200);
    expect(XMLValidator.validate(xml.text)).toBe(true);
    expect(xml.text.match(/<result>/g)).toHaveLength(50);
    const csv = await request(limited.app).get('/sparql').query({ query }).set('Accept', 'text/csv').expect(200);
    expect(csv.text.trim().split('\r\n')).toHaveLength(51);
    const tsv = await request(limited.app).get('/sparql').query({ query }).set('Accept', 'text/tab-separated-values').expect(200);
    expect(tsv.text.trim().split('\n')).toHaveLength(51);
  });

  test('a result within the cap, or a query with its own smaller LIMIT, is not flagged', async () => {
    const res = await request(limited.app).get('/sparql').query({ query: 'SELECT ?s WHERE { ?s ?p ?o } LIMIT 50' }).expect(200);
    expect(res.headers['astrovoc-truncated']).toBeUndefined();
    expect((JSON.parse(res.text) as JsonResults).results.bindings).toHaveLength(50);
  });

  test('a query with an exponential property path is stopped at the time limit (503, Retry-After) while /health answers within 100 ms', async () => {
    const started = Date.now();
    const slow = fetch(`${base}/sparql?query=${encodeURIComponent(EXPONENTIAL)}`);
    await new Promise((r) => setTimeout(r, 200));
    const latencies: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const t = performance.now();
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      await health.json();
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 100));
    }
    const res = await slow;
    const elapsed = Date.now() - started;
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(((await res.json()) as { title: string }).title).toBe('Query time limit reached');
    expect(elapsed).toBeGreaterThanOrEqual(1500);
    expect(elapsed).toBeLessThan(5000);
    expect(Math.max(...latencies)).toBeLessThan(100);
    // The overrunning worker was replaced: the endpoint answers again. Its replacement loads the dataset first, and
    // the limit counts queue time, so on a loaded machine the first try may still be told to come back after
    // Retry-After: a client that honours it is answered.
    let next = await fetch(`${base}/sparql?query=${encodeURIComponent(POINT)}`);
    for (let attempt = 0; attempt < 3 && next.status === 503; attempt += 1) {
      await new Promise((r) => setTimeout(r, 1000 * Number(next.headers.get('retry-after') ?? '1')));
      next = await fetch(`${base}/sparql?query=${encodeURIComponent(POINT)}`);
    }
    expect(next.status).toBe(200);
  });

  test('a full queue answers 503 with Retry-After at once', async () => {
    const first = fetch(`${base}/sparql?query=${encodeURIComponent(EXPONENTIAL)}`);
    await new Promise((r) => setTimeout(r, 100));
    const second = fetch(`${base}/sparql?query=${encodeURIComponent(EXPONENTIAL)}`);
    await new Promise((r) => setTimeout(r, 100));
    const t = performance.now();
    const third = await fetch(`${base}/sparql?query=${encodeURIComponent(POINT)}`);
    expect(performance.now() - t).toBeLessThan(500);
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).not.toBeNull();
    expect(((await third.json()) as { detail: string }).detail).toMatch(/busy/);
    expect((await first).status).toBe(503);
    expect((await second).status).toBe(503);
  });
});
