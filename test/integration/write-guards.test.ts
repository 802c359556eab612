import { TokenRegistry } from '../../src/access/index.js';
import type { Express } from 'express';
import request from 'supertest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../../src/http/index.js';
import { MappingRepository, MappingService } from '../../src/mapping/index.js';
import { SparqlService, sparqlConfig } from '../../src/sparql/index.js';
import { loadMirrorService } from '../support/loaded-service.js';
import { PROJECT_ROOT } from '../support/mirror.js';

/** What a request may not do even with a write token, and what a public request may not make the server do. */
const TOKEN = 'dora:w';
let app: Express;
let sparql: SparqlService;
let mappings: MappingService;
let dir: string;

beforeAll(async () => {
  const vocabularies = await loadMirrorService();
  dir = mkdtempSync(join(tmpdir(), 'astrovoc-guards-'));
  cpSync(resolve(PROJECT_ROOT, 'mappings'), dir, { recursive: true });
  mappings = new MappingService(vocabularies, new MappingRepository(dir));
  await mappings.load();
  sparql = await SparqlService.start(vocabularies, sparqlConfig({ workers: 1, queueLimit: 4 }));
  app = createApp({ vocabularies, mappings, sparql, tokens: TokenRegistry.fromEnvironment([TOKEN]), log: () => {} });
}, 120_000);

afterAll(async () => {
  await sparql.close();
  mappings.close();
  rmSync(dir, { recursive: true, force: true });
});

const auth = { Authorization: `Bearer ${TOKEN}` };

describe('graph IRIs from requests', () => {
  it.each(['urn:a>b', 'http://x/"', 'urn:x> ; CLEAR ALL ; <urn:y', 'urn:a b'])(
    'Graph Store: %j is a 400 naming the graph parameter (SPARQL 1.1 Query §19.8 IRIREF)',
    async (graph) => {
      const res = await request(app).get('/rdf-graphs').query({ graph }).expect(400);
      expect(JSON.parse(res.text)).toMatchObject({ status: 400, parameter: 'graph' });
      await request(app).put('/rdf-graphs').query({ graph }).set(auth).type('text/turtle').send('<urn:s> <urn:p> <urn:o> .').expect(400);
    },
  );
});

describe('graphs only astrovoc writes', () => {
  it('the Graph Store refuses writes to a mapping set graph, even with a token: they go through /api/v1/mappings', async () => {
    const graph = 'urn:astrovoc:mappings:object-type_uat';
    const before = (await request(app).get('/rdf-graphs').query({ graph }).set('Accept', 'application/n-triples').expect(200)).text;
    const res = await request(app).put('/rdf-graphs').query({ graph }).set(auth).type('text/turtle').send('<urn:s> <urn:p> <urn:o> .').expect(403);
    expect(JSON.parse(res.text)).toMatchObject({ parameter: 'graph' });
    await request(app).delete('/rdf-graphs').query({ graph }).set(auth).expect(403);
    expect((await request(app).get('/rdf-graphs').query({ graph }).set('Accept', 'application/n-triples').expect(200)).text).toBe(before);
  });

  it('SPARQL Update refuses a mapping set graph, named or reached through GRAPH ?g', async () => {
    const named = await request(app)
      .post('/sparql')
      .set(auth)
      .type('application/sparql-update')
      .send('INSERT DATA { GRAPH <urn:astrovoc:mappings:object-type_uat> { <urn:s> <urn:p> <urn:o> } }')
      .expect(400);
    expect(named.text).toMatch(/written by astrovoc itself/);
    const reached = await request(app)
      .post('/sparql')
      .set(auth)
      .type('application/sparql-update')
      .send('DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "urn:astrovoc:mappings:")) }')
      .expect(400);
    expect(reached.text).toMatch(/written by astrovoc itself/);
  });
});

describe('reviews', () => {
  it('RFC 9110 §13.1.1: If-Match compares strongly, so a weak ETag is stale (412)', async () => {
    const first = (await request(app).get('/api/v1/mappings').query({ set: 'object-type_uat', status: 'proposed', limit: 1 }).expect(200)).body.mappings[0];
    const one = await request(app).get(`/api/v1/mappings/${first.id}`).expect(200);
    await request(app).post(`/api/v1/mappings/${first.id}/review`).set(auth).set('If-Match', `W/${one.headers.etag}`).send({ decision: 'reject' }).expect(412);
  });
});

describe('batch translation', () => {
  it('10,000 values that name no term are answered, each with its problem (labels are looked up in an index, not scanned)', async () => {
    const values = Array.from({ length: 10_000 }, (_, i) => `no such facility ${i}`);
    const res = await request(app).post('/api/v1/translate').send({ to: 'object-type', vocab: 'facility', values }).expect(200);
    expect(res.body.results).toHaveLength(10_000);
    expect(res.body.results[0].problem).toMatch(/no term of facility/);
    const byLabel = await request(app)
      .post('/api/v1/translate')
      .send({ to: 'object-type', vocab: 'epn_target_class', values: ['Comet', 'comets'] })
      .expect(200);
    expect(byLabel.body.results.map((r: { iri: string }) => r.iri)).toEqual([
      'http://voparis-ns.obspm.fr/rdf/epn/2.0/target-class#comet',
      'http://voparis-ns.obspm.fr/rdf/epn/2.0/target-class#comet',
    ]);
  });
});
