import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/http/index.js';
import type { VocabularyService } from '../../src/vocab/index.js';
import { loadMirrorService } from '../support/loaded-service.js';

let service: VocabularyService;
let app: Express;
beforeAll(async () => {
  service = await loadMirrorService();
  app = createApp({ vocabularies: service, log: () => {} });
}, 120_000);

describe('HTTP API on the whole mirror', () => {
  it('GET /health says how much is loaded', async () => {
    const res = await request(app).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.terms).toBe(service.index.size);
    expect(res.body.failures).toBe(0);
  });

  it('GET /api/v1/vocabularies lists every catalogue entry with counts, version and licence', async () => {
    const res = await request(app).get('/api/v1/vocabularies').expect(200).expect('content-type', /json/);
    expect(res.body.total).toBe(service.catalogue.length);
    const ids = res.body.vocabularies.map((v: { id: string }) => v.id);
    expect(ids).toEqual(service.catalogue.map((e) => e.id));
    const refframe = res.body.vocabularies.find((v: { id: string }) => v.id === 'refframe');
    expect(refframe).toMatchObject({ version: '2022-02-22', loaded: true, community: 'IVOA', counts: { terms: 21, deprecated: 7 } });
    expect(refframe.licence.uri).toMatch(/creativecommons/);
  });

  it('GET /api/v1/vocabularies?community= filters, and names a bad value (RFC 9457)', async () => {
    const res = await request(app).get('/api/v1/vocabularies?community=UCD').expect(200);
    expect(res.body.vocabularies.map((v: { id: string }) => v.id)).toEqual(['ucd']);
    const bad = await request(app)
      .get('/api/v1/vocabularies?community=NASA')
      .expect(400)
      .expect('content-type', /application\/problem\+json/);
    expect(bad.body).toMatchObject({ status: 400, parameter: 'community' });
  });

  it('GET /api/v1/vocabularies/{id} gives one vocabulary, 404 problem details for an unknown one', async () => {
    const res = await request(app).get('/api/v1/vocabularies/uat').expect(200);
    expect(res.body).toMatchObject({ id: 'uat', community: 'UAT', counts: { terms: 2411 } });
    const missing = await request(app)
      .get('/api/v1/vocabularies/nope')
      .expect(404)
      .expect('content-type', /problem\+json/);
    expect(missing.body).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('GET /api/v1/terms?iri= gives the term with its hierarchy and lifecycle', async () => {
    const res = await request(app).get('/api/v1/terms').query({ iri: 'http://www.ivoa.net/rdf/refframe#eq_FK4' }).expect(200);
    expect(res.body).toMatchObject({
      id: 'eq_FK4',
      vocabulary: 'refframe',
      label: 'FK4',
      parents: ['http://www.ivoa.net/rdf/refframe#EQUATORIAL'],
      status: { deprecated: true, preliminary: false },
      useInstead: [expect.objectContaining({ iri: 'http://www.ivoa.net/rdf/refframe#FK4' })],
    });
  });

  it('GET /api/v1/terms without an iri is a 400 naming the parameter; an unknown IRI is a 404', async () => {
    const bad = await request(app).get('/api/v1/terms').expect(400);
    expect(bad.body.parameter).toBe('iri');
    await request(app).get('/api/v1/terms').query({ iri: 'http://www.ivoa.net/rdf/refframe#NOPE' }).expect(404);
  });

  it('an unknown path is a 404 problem', async () => {
    await request(app)
      .get('/api/v2/whatever')
      .expect(404)
      .expect('content-type', /problem\+json/);
  });
});

describe('the OpenAPI document of the assembled app', () => {
  it('describes the routes every router of the app declares (catalogue, lookup, search, Skosmos, UCD, resolver)', async () => {
    const doc = (await request(app).get('/api/v1/openapi.json').expect(200)).body as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.paths);
    for (const expected of [
      /^\/api\/v1\/vocabularies$/,
      /^\/api\/v1\/vocabularies\/\{[a-z]+\}$/,
      /^\/api\/v1\/search$/,
      /^\/api\/v1\/lookup$/,
      /^\/api\/v1\/ucd\/validate$/,
      /^\/api\/v1\/votable\/check$/,
      /^\/rest\/v1\/search$/,
      /resolve/,
    ]) {
      expect(paths.some((p) => expected.test(p))).toBe(true);
    }
  });
});
