import oxigraph from 'oxigraph';
import request from 'supertest';
import type { VocabularyService } from '../../src/vocab/index.js';
import { loadMirrorService } from '../support/loaded-service.js';
import { sparqlApp, WRITE_TOKEN, type SparqlApp } from '../conformance/support/sparql-app.js';

/** SPARQL 1.1 Graph Store HTTP Protocol (indirect graph identification, §4.2) at /rdf-graphs. */
const AUTH = `Bearer ${WRITE_TOKEN}`;
const ICRS = 'http://www.ivoa.net/rdf/refframe#ICRS';
const SCRATCH = 'urn:astrovoc:test:gsp';

let vocabularies: VocabularyService;
let gsp: SparqlApp;
let refframeGraph: string;
let refframeTriples: number;

beforeAll(async () => {
  vocabularies = await loadMirrorService();
  gsp = await sparqlApp(vocabularies);
  refframeGraph = vocabularies.index.vocabulary('refframe')!.graph;
  refframeTriples = (await vocabularies.store.listGraphs()).find((g) => g.graph === refframeGraph)!.triples;
});

afterAll(async () => {
  await gsp.sparql.close();
});

function text(res: request.Response): string {
  return typeof res.body === 'string' ? res.body : Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text;
}

async function getGraph(graph: string, accept: string): Promise<request.Response> {
  return request(gsp.app)
    .get('/rdf-graphs')
    .query({ graph })
    .set('Accept', accept)
    .buffer(true)
    .parse((r, cb) => {
      let body = '';
      r.on('data', (c: Buffer) => (body += c.toString()));
      r.on('end', () => cb(null, body));
    });
}

async function ask(query: string): Promise<boolean> {
  const res = await request(gsp.app).get('/sparql').query({ query }).expect(200);
  return (JSON.parse(res.text) as { boolean: boolean }).boolean;
}

describe('§5.2 GET', () => {
  test.each([['text/turtle'], ['application/n-triples'], ['application/n-quads'], ['application/rdf+xml'], ['application/ld+json']])(
    'a hosted vocabulary graph in %s holds all its triples',
    async (accept) => {
      const res = await getGraph(refframeGraph, accept);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain(accept);
      expect(oxigraph.parse(text(res), { format: accept, base_iri: 'http://example.org/' })).toHaveLength(refframeTriples);
    },
  );

  test('?default answers the union of all hosted graphs', async () => {
    const res = await request(gsp.app)
      .get('/rdf-graphs?default')
      .set('Accept', 'application/n-triples')
      .buffer(true)
      .parse((r, cb) => {
        let body = '';
        r.on('data', (c: Buffer) => (body += c.toString()));
        r.on('end', () => cb(null, body));
      })
      .expect(200);
    const distinct = new oxigraph.Store(oxigraph.parse(text(res), { format: 'application/n-triples' })).size;
    const union = await request(gsp.app).get('/sparql').query({ query: 'SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }' });
    expect(distinct).toBe(Number(JSON.parse(union.text).results.bindings[0].n.value));
  });

  test('an unknown graph is 404; no graph parameter is a 400 naming it; an unservable Accept is 406', async () => {
    await getGraph('urn:astrovoc:nothing', 'text/turtle').then((res) => expect(res.status).toBe(404));
    expect((await request(gsp.app).get('/rdf-graphs').expect(400)).body.parameter).toBe('graph');
    await request(gsp.app).get('/rdf-graphs').query({ graph: refframeGraph }).set('Accept', 'image/png').expect(406);
  });
});

describe('§5.3-5.5 PUT, POST, DELETE with a write token', () => {
  const turtle = '@prefix ex: <urn:ex:> .\nex:a ex:p "one" .\nex:b ex:p "two" .\n';

  test('writes without a token are 401, with a wrong token 403, and change nothing', async () => {
    await request(gsp.app).put('/rdf-graphs').query({ graph: SCRATCH }).set('Content-Type', 'text/turtle').send(turtle).expect(401);
    await request(gsp.app)
      .put('/rdf-graphs')
      .query({ graph: SCRATCH })
      .set('Authorization', 'Bearer nope')
      .set('Content-Type', 'text/turtle')
      .send(turtle)
      .expect(403);
    await request(gsp.app).delete('/rdf-graphs').query({ graph: refframeGraph }).expect(401);
    expect(await ask(`ASK { GRAPH <${SCRATCH}> { ?s ?p ?o } }`)).toBe(false);
  });

  test('PUT creates a graph (201), visible to the next SPARQL query; PUT again replaces it (204)', async () => {
    await request(gsp.app).put('/rdf-graphs').query({ graph: SCRATCH }).set('Authorization', AUTH).set('Content-Type', 'text/turtle').send(turtle).expect(201);
    expect(await ask(`ASK { GRAPH <${SCRATCH}> { <urn:ex:b> <urn:ex:p> "two" } }`)).toBe(true);
    await request(gsp.app)
      .put('/rdf-graphs')
      .query({ graph: SCRATCH })
      .set('Authorization', AUTH)
      .set('Content-Type', 'application/n-triples')
      .send('<urn:ex:c> <urn:ex:p> "three" .\n')
      .expect(204);
    const res = await getGraph(SCRATCH, 'application/n-triples');
    expect(text(res).trim()).toBe('<urn:ex:c> <urn:ex:p> "three" .');
  });

  test('POST merges the body into the graph', async () => {
    await request(gsp.app).post('/rdf-graphs').query({ graph: SCRATCH }).set('Authorization', AUTH).set('Content-Type', 'text/turtle').send(turtle).expect(204);
    const res = await getGraph(SCRATCH, 'application/n-triples');
    expect(text(res).trim().split('\n')).toHaveLength(3);
  });

  test('§5.5 POST merges without reading first: five concurrent POSTs all land, and the blank nodes of each are new nodes', async () => {
    const graph = `${SCRATCH}:concurrent`;
    const posts = Array.from({ length: 5 }, (_, i) =>
      request(gsp.app)
        .post('/rdf-graphs')
        .query({ graph })
        .set('Authorization', AUTH)
        .set('Content-Type', 'text/turtle')
        .send(`<urn:ex:s${i}> <urn:ex:p> ${i} .\n[] <urn:ex:q> "same body" .\n`),
    );
    const statuses = (await Promise.all(posts)).map((r) => r.status);
    // Exactly one of them created the graph (§5.5: 201 Created), the others merged into it (204).
    expect(statuses.sort()).toEqual([201, 204, 204, 204, 204]);
    const lines = text(await getGraph(graph, 'application/n-triples'))
      .trim()
      .split('\n');
    expect(lines.filter((l) => l.includes('<urn:ex:p>'))).toHaveLength(5);
    // The same "[] ex:q ..." in five bodies is five distinct blank nodes (an RDF merge), not one.
    expect(lines.filter((l) => l.includes('<urn:ex:q>'))).toHaveLength(5);
    await request(gsp.app).delete('/rdf-graphs').query({ graph }).set('Authorization', AUTH).expect(204);
  });

  test('SPARQL 1.1 Update §3: five INSERT DATA sent together are applied one after another, and all land', async () => {
    const graph = `${SCRATCH}:updates`;
    const updates = Array.from({ length: 5 }, (_, i) =>
      request(gsp.app)
        .post('/sparql')
        .type('form')
        .set('Authorization', AUTH)
        .send({ update: `INSERT DATA { GRAPH <${graph}> { <urn:ex:u${i}> <urn:ex:p> ${i} } }` }),
    );
    for (const res of await Promise.all(updates)) expect(res.status).toBeLessThan(300);
    expect(
      text(await getGraph(graph, 'application/n-triples'))
        .trim()
        .split('\n'),
    ).toHaveLength(5);
    await request(gsp.app).delete('/rdf-graphs').query({ graph }).set('Authorization', AUTH).expect(204);
  });

  test('Graph Store writes and SPARQL Updates share one queue: a POST, a PUT of another graph and an update sent together all land', async () => {
    const graph = `${SCRATCH}:mixed`;
    const other = `${SCRATCH}:mixed-other`;
    const sent = [
      request(gsp.app)
        .post('/rdf-graphs')
        .query({ graph })
        .set('Authorization', AUTH)
        .set('Content-Type', 'application/n-triples')
        .send('<urn:ex:posted> <urn:ex:p> "1" .\n'),
      request(gsp.app)
        .post('/sparql')
        .type('form')
        .set('Authorization', AUTH)
        .send({ update: `INSERT DATA { GRAPH <${graph}> { <urn:ex:updated> <urn:ex:p> "2" } }` }),
      request(gsp.app)
        .put('/rdf-graphs')
        .query({ graph: other })
        .set('Authorization', AUTH)
        .set('Content-Type', 'application/n-triples')
        .send('<urn:ex:put> <urn:ex:p> "3" .\n'),
      request(gsp.app)
        .post('/rdf-graphs')
        .query({ graph })
        .set('Authorization', AUTH)
        .set('Content-Type', 'application/n-triples')
        .send('<urn:ex:posted-again> <urn:ex:p> "4" .\n'),
    ];
    for (const res of await Promise.all(sent)) expect(res.status).toBeLessThan(300);
    expect(
      text(await getGraph(graph, 'application/n-triples'))
        .trim()
        .split('\n')
        .sort(),
    ).toEqual(['<urn:ex:posted-again> <urn:ex:p> "4" .', '<urn:ex:posted> <urn:ex:p> "1" .', '<urn:ex:updated> <urn:ex:p> "2" .']);
    expect(await ask(`ASK { GRAPH <${other}> { <urn:ex:put> <urn:ex:p> "3" } }`)).toBe(true);
    for (const g of [graph, other]) await request(gsp.app).delete('/rdf-graphs').query({ graph: g }).set('Authorization', AUTH).expect(204);
  });

  test('malformed RDF is a 400 with the line, and the graph is unchanged', async () => {
    const res = await request(gsp.app)
      .put('/rdf-graphs')
      .query({ graph: SCRATCH })
      .set('Authorization', AUTH)
      .set('Content-Type', 'text/turtle')
      .send('@prefix ex: <urn:ex:> .\nex:a ex:p "ok" .\nex:b ex:p "unterminated .\n')
      .expect(400);
    expect(res.body).toMatchObject({ status: 400, line: 3 });
    expect(
      text(await getGraph(SCRATCH, 'application/n-triples'))
        .trim()
        .split('\n'),
    ).toHaveLength(3);
  });

  test('a body in an unsupported media type is 415; the default graph cannot be written (405)', async () => {
    await request(gsp.app).put('/rdf-graphs').query({ graph: SCRATCH }).set('Authorization', AUTH).set('Content-Type', 'text/plain').send('x').expect(415);
    await request(gsp.app).put('/rdf-graphs?default').set('Authorization', AUTH).set('Content-Type', 'text/turtle').send(turtle).expect(405);
  });

  test('DELETE removes the graph (204), then it is 404', async () => {
    await request(gsp.app).delete('/rdf-graphs').query({ graph: SCRATCH }).set('Authorization', AUTH).expect(204);
    expect((await getGraph(SCRATCH, 'text/turtle')).status).toBe(404);
    await request(gsp.app).delete('/rdf-graphs').query({ graph: SCRATCH }).set('Authorization', AUTH).expect(404);
  });

  test('PUT, POST and DELETE on a hosted vocabulary graph, and an Update into it, are refused (403) naming the term API; the graph is unchanged', async () => {
    const original = text(await getGraph(refframeGraph, 'application/n-triples'));
    const edited = original.replace(
      `<${ICRS}> <http://www.w3.org/2000/01/rdf-schema#label> "ICRS" .`,
      `<${ICRS}> <http://www.w3.org/2000/01/rdf-schema#label> "ICRS (edited)" .`,
    );
    expect(edited).not.toBe(original);
    const agent = request(gsp.app);
    for (const write of [agent.put.bind(agent), agent.post.bind(agent)]) {
      const res = await write('/rdf-graphs')
        .query({ graph: refframeGraph })
        .set('Authorization', AUTH)
        .set('Content-Type', 'application/n-triples')
        .send(edited)
        .expect(403);
      expect(res.body.detail).toContain('/api/v1/vocabularies/refframe/terms');
    }
    const deleted = await request(gsp.app).delete('/rdf-graphs').query({ graph: refframeGraph }).set('Authorization', AUTH).expect(403);
    expect(deleted.body.detail).toContain('/api/v1/vocabularies/refframe/terms');
    const update = await request(gsp.app)
      .post('/sparql')
      .type('form')
      .set('Authorization', AUTH)
      .send({ update: `INSERT DATA { GRAPH <${refframeGraph}> { <${ICRS}> <http://www.w3.org/2000/01/rdf-schema#label> "ICRS (edited)" } }` })
      .expect(403);
    expect(update.body.detail).toContain('/api/v1/vocabularies/refframe/terms');
    expect(vocabularies.termByIri(ICRS)?.labels).toEqual(['ICRS']);
    expect(await ask(`ASK { <${ICRS}> <http://www.w3.org/2000/01/rdf-schema#label> "ICRS (edited)" }`)).toBe(false);
    expect(text(await getGraph(refframeGraph, 'application/n-triples'))).toBe(original);
  });
});
