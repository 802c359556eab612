import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import express, { type Express } from 'express';
import request from 'supertest';
import { MappingRepository, MappingService } from '../../src/mapping/index.js';
import { mappingOpenApi, mappingRouter } from '../../src/http/routes/mapping-routes.js';
import { buildOpenApi } from '../../src/http/openapi.js';
import { notFoundHandler, problemHandler } from '../../src/http/problem.js';
import { loadMirrorService } from '../support/loaded-service.js';
import { PROJECT_ROOT } from '../support/mirror.js';

const TOKEN = 'alice:s3cret';
let app: Express;
let service: MappingService;
let dir: string;

beforeAll(async () => {
  const vocabularies = await loadMirrorService();
  dir = mkdtempSync(join(tmpdir(), 'astrovoc-mapping-http-'));
  cpSync(resolve(PROJECT_ROOT, 'mappings'), dir, { recursive: true });
  service = new MappingService(vocabularies, new MappingRepository(dir));
  await service.load();
  app = express();
  app.set('query parser', 'simple');
  app.use('/api/v1', mappingRouter(service, [TOKEN]));
  app.use(notFoundHandler);
  app.use(problemHandler(() => undefined));
});

afterAll(() => {
  service.close();
  rmSync(dir, { recursive: true, force: true });
});

const EPN = 'http://voparis-ns.obspm.fr/rdf/epn/2.0/';

describe('GET /api/v1/mappings', () => {
  it('filters by subject, vocabulary, status and predicate', async () => {
    const res = await request(app).get('/api/v1/mappings').query({ vocab: 'ihdea_refframe', status: 'proposed', predicate: 'skos:exactMatch', limit: 5 });
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(10);
    expect(res.body.mappings).toHaveLength(5);
    expect(res.body.mappings[0]).toMatchObject({ status: 'proposed', predicate_id: 'http://www.w3.org/2004/02/skos/core#exactMatch', mapping_tool: 'astrovoc-matcher' });
  });

  it('RFC 9457: a bad parameter is a 400 problem naming it', async () => {
    const res = await request(app).get('/api/v1/mappings').query({ status: 'maybe' });
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(JSON.parse(res.text)).toMatchObject({ status: 400, parameter: 'status' });
  });

  it('one mapping with its ETag; the sets; one set as SSSOM TSV', async () => {
    const first = (await request(app).get('/api/v1/mappings').query({ set: 'epn-product-type_product-type' })).body.mappings[0];
    const one = await request(app).get(`/api/v1/mappings/${first.id}`);
    expect(one.status).toBe(200);
    expect(one.headers.etag).toMatch(/^"[0-9a-f]+"$/);
    const sets = await request(app).get('/api/v1/mappings/sets');
    expect(sets.body.sets.map((s: { name: string }) => s.name)).toContain('source-asserted');
    const tsv = await request(app).get('/api/v1/mappings/sets/epn-product-type_product-type');
    expect(tsv.type).toBe('text/tab-separated-values');
    expect(tsv.text).toMatch(/^#mapping_set_id: /);
    expect((await request(app).get('/api/v1/mappings/nope')).status).toBe(404);
  });
});

describe('writes', () => {
  it('need a write token: none → 401, wrong → 403', async () => {
    const body = { subject_id: `${EPN}target-class#sky`, predicate_id: 'relatedMatch', object_id: 'http://www.ivoa.net/rdf/uat#celestial-sphere' };
    expect((await request(app).post('/api/v1/mappings').send(body)).status).toBe(401);
    expect((await request(app).post('/api/v1/mappings').set('Authorization', 'Bearer nope').send(body)).status).toBe(403);
  });

  it('POST /mappings adds a curated mapping (201, Location, ETag, author from the token); a malformed body is a 400 naming the field', async () => {
    const res = await request(app).post('/api/v1/mappings').set('Authorization', `Bearer ${TOKEN}`).send({ subject_id: `${EPN}target-class#sky`, predicate_id: 'skos:relatedMatch', object_id: 'http://www.ivoa.net/rdf/uat#celestial-sphere' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/mappings/${res.body.id}`);
    expect(res.body).toMatchObject({ status: 'accepted', set: 'curated', author_id: ['https://astrovoc.org/user/alice'] });
    const bad = await request(app).post('/api/v1/mappings').set('Authorization', `Bearer ${TOKEN}`).send({ subject_id: 'not an iri', predicate_id: 'exactMatch', object_id: 'http://x.org/y' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).parameter).toBe('subject_id');
    const dup = await request(app).post('/api/v1/mappings').set('Authorization', `Bearer ${TOKEN}`).send({ subject_id: `${EPN}target-class#sky`, predicate_id: 'relatedMatch', object_id: 'http://www.ivoa.net/rdf/uat#celestial-sphere' });
    expect(dup.status).toBe(409);
  });

  it('POST /mappings/{id}/review: 428 without If-Match, 412 when stale, 200 with the current ETag, and the new state is read back', async () => {
    const target = (await request(app).get('/api/v1/mappings').query({ set: 'epn-target-class_uat', status: 'proposed', predicate: 'exactMatch' })).body.mappings[0];
    const url = `/api/v1/mappings/${target.id}/review`;
    const auth = { Authorization: `Bearer ${TOKEN}` };
    expect((await request(app).post(url).set(auth).send({ decision: 'accept' })).status).toBe(428);
    expect((await request(app).post(url).set(auth).set('If-Match', '"0000"').send({ decision: 'accept' })).status).toBe(412);
    const etag = (await request(app).get(`/api/v1/mappings/${target.id}`)).headers.etag as string;
    const ok = await request(app).post(url).set(auth).set('If-Match', etag).send({ decision: 'accept', comment: 'fine' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'accepted', reviewer_id: ['https://astrovoc.org/user/alice'], comment: 'fine' });
    expect(ok.headers.etag).not.toBe(etag);
    expect((await request(app).post(url).set(auth).set('If-Match', etag).send({ decision: 'reject' })).status).toBe(412);
    expect((await request(app).get(`/api/v1/mappings/${target.id}`)).body.status).toBe('accepted');
  });
});

describe('translation for portals', () => {
  it('GET /translate?vocab=&value=&to=: best equivalents with predicate, confidence and path', async () => {
    const res = await request(app).get('/api/v1/translate').query({ vocab: 'epn_target_class', value: 'star', to: 'object-type' });
    expect(res.status).toBe(200);
    expect(res.body.source.iri).toBe(`${EPN}target-class#star`);
    expect(res.body.translations[0]).toMatchObject({ iri: 'http://www.ivoa.net/rdf/object-type#star', predicate: 'exactMatch', confidence: 1 });
    expect(res.body.translations[0].path).toHaveLength(1);
  });

  it('GET /translate with iri= and predicates=; an unknown target vocabulary or value is a problem', async () => {
    const res = await request(app).get('/api/v1/translate').query({ iri: `${EPN}product-type#cu`, to: 'product-type', predicates: 'exactMatch,closeMatch' });
    expect(res.body.translations[0]).toMatchObject({ iri: 'http://www.ivoa.net/rdf/product-type#cube' });
    expect((await request(app).get('/api/v1/translate').query({ iri: `${EPN}product-type#cu`, to: 'nowhere' })).status).toBe(400);
    expect((await request(app).get('/api/v1/translate').query({ vocab: 'epn_target_class', value: 'unicorn', to: 'uat' })).status).toBe(404);
    expect(JSON.parse((await request(app).get('/api/v1/translate').query({ iri: `${EPN}product-type#cu`, to: 'uat', predicates: 'sameAs' })).text).parameter).toBe('predicates');
  });

  it('POST /translate translates a column of values, saying which could not be read', async () => {
    const res = await request(app).post('/api/v1/translate').send({ vocab: 'epn_product_type', to: 'product-type', values: ['im', 'Dynamic Spectrum', 'xx'] });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { translations: { iri: string }[] }) => r.translations[0]?.iri)).toEqual(['http://www.ivoa.net/rdf/product-type#image', 'http://www.ivoa.net/rdf/product-type#dynamic-spectrum', undefined]);
    expect(res.body.results[2].problem).toContain('xx');
  });
});

describe('compute over the API (maintainers)', () => {
  it('POST /mappings/compute returns candidates as JSON, or SSSOM TSV on request', async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const json = await request(app).post('/api/v1/mappings/compute').set(auth).send({ source: 'ihdea_refframe', target: 'spase-CoordinateSystemName' });
    expect(json.status).toBe(200);
    expect(json.body.pairs_scored).toBeGreaterThan(0);
    expect(json.body.mappings.length).toBeGreaterThan(5);
    const tsv = await request(app).post('/api/v1/mappings/compute').set(auth).set('Accept', 'text/tab-separated-values').send({ source: 'ihdea_refframe', target: 'spase-CoordinateSystemName' });
    expect(tsv.text).toContain('skos:exactMatch');
    expect((await request(app).post('/api/v1/mappings/compute').set(auth).send({ source: 'nope', target: 'uat' })).status).toBe(400);
  });

  it('declares every route in its OpenAPI part', () => {
    const doc = buildOpenApi([mappingOpenApi], 'test') as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).sort()).toEqual(['/mappings', '/mappings/compute', '/mappings/sets', '/mappings/sets/{name}', '/mappings/{id}', '/mappings/{id}/review', '/translate']);
  });
});
