import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import express from 'express';
import request from 'supertest';
import { problemHandler } from '../../../src/http/problem.js';
import { apiRouter } from '../../../src/http/api/mount-routes.js';
import { ucdRoutes } from '../../../src/http/routes/ucd-routes.js';
import { PROJECT_ROOT } from '../../support/mirror.js';
import { loadUcdService, loadVotableVocabularies } from './load-ucd.js';

const app = express();
app.use(apiRouter([ucdRoutes(loadUcdService(), loadVotableVocabularies(), { maxVotableBytes: 64 * 1024 })]));
app.use(problemHandler(() => undefined));

describe('UCD REST routes', () => {
  test('GET /ucd/validate?ucd= answers the validation', async () => {
    const res = await request(app).get('/api/v1/ucd/validate').query({ ucd: 'meta.main;pos.eq.ra' }).expect(200);
    expect(res.body).toMatchObject({ status: 'invalid', canonical: 'meta.main;pos.eq.ra' });
    expect(res.body.suggestions[0].ucd).toBe('pos.eq.ra;meta.main');
  });

  test('RFC 9457 §3: a missing parameter is a 400 problem+json with type, title, status, detail and the parameter named', async () => {
    const res = await request(app).get('/api/v1/ucd/validate').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.text)).toMatchObject({ type: 'about:blank', status: 400, parameter: 'ucd', detail: expect.stringContaining('ucd') });
  });

  test('the UCD routes answer 503 while the UCD list is not loaded', async () => {
    const empty = express();
    empty.use(apiRouter([ucdRoutes(() => undefined)]));
    empty.use(problemHandler(() => undefined));
    const res = await request(empty).get('/api/v1/ucd/validate').query({ ucd: 'phot.mag' }).expect(503);
    expect(JSON.parse(res.text).detail).toContain('not loaded');
  });

  test('POST /ucd/validate validates a batch in order', async () => {
    const res = await request(app).post('/api/v1/ucd/validate').send(['phot.mag', 'pos.lambert', 'foo']).expect(200);
    expect(res.body.map((r: { status: string }) => r.status)).toEqual(['valid', 'deprecated', 'invalid']);
  });

  test('POST /ucd/validate with something other than an array of strings is a problem', async () => {
    await request(app).post('/api/v1/ucd/validate').send({ ucd: 'phot.mag' }).expect(400).expect('content-type', /problem\+json/);
    const malformed = await request(app)
      .post('/api/v1/ucd/validate')
      .set('content-type', 'application/json')
      .send('[not json')
      .expect(400)
      .expect('content-type', /problem\+json/);
    expect(JSON.parse(malformed.text)).toMatchObject({ title: 'Bad request parameter', parameter: 'body', detail: expect.stringContaining('cannot be parsed') });
  });

  test('GET /ucd/explain and /ucd/suggest', async () => {
    const explained = await request(app).get('/api/v1/ucd/explain').query({ ucd: 'phot.mag;em.opt.V' }).expect(200);
    expect(explained.body.text).toContain('Photometric magnitude');
    const suggested = await request(app).get('/api/v1/ucd/suggest').query({ text: 'error on the V magnitude', limit: 3 }).expect(200);
    expect(suggested.body[0].ucd).toBe('stat.error;phot.mag;em.opt.V');
    expect(suggested.body.length).toBeLessThanOrEqual(3);
    const tooMany = await request(app).get('/api/v1/ucd/suggest').query({ text: 'x', limit: 99 }).expect(400);
    expect(JSON.parse(tooMany.text).parameter).toBe('limit');
  });

  test('GET /ucd/words filters by code and text; a bad code is a problem', async () => {
    const res = await request(app).get('/api/v1/ucd/words').query({ code: 'V' }).expect(200);
    expect(res.body).toHaveLength(6);
    const q = await request(app).get('/api/v1/ucd/words').query({ q: 'lambert', deprecated: 'true' }).expect(200);
    expect(q.body).toEqual([expect.objectContaining({ word: 'pos.lambert', deprecated: true, replacement: 'pos.projection' })]);
    await request(app).get('/api/v1/ucd/words').query({ code: 'X' }).expect(400);
  });

  test('POST /ucd/validate refuses a JSON batch over 1 MB as a 413 problem naming the body (not "VOTable")', async () => {
    const big = JSON.stringify(Array.from({ length: 80_000 }, () => 'phot.mag;em.opt.V'));
    const res = await request(app).post('/api/v1/ucd/validate').set('content-type', 'application/json').send(big).expect(413).expect('content-type', /problem\+json/);
    expect(JSON.parse(res.text)).toMatchObject({ parameter: 'body', limit: 1024 * 1024 });
    expect(JSON.parse(res.text).detail).toContain('a batch of UCDs');
  });

  test('POST /votable/check takes the XML body', async () => {
    const xml = readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/ucd/votable-1.5.xml'), 'utf8');
    const res = await request(app).post('/api/v1/votable/check').set('content-type', 'application/x-votable+xml').send(xml).expect(200);
    expect(res.body.status).toBe('invalid');
    expect(res.body.findings.length).toBeGreaterThan(5);
  });

  test('POST /votable/check refuses a body over the limit (413) and a missing body (415) as problems', async () => {
    const large = await request(app).post('/api/v1/votable/check').set('content-type', 'text/xml').send('x'.repeat(70 * 1024)).expect(413).expect('content-type', /problem\+json/);
    expect(JSON.parse(large.text)).toMatchObject({ parameter: 'body', limit: 64 * 1024 });
    await request(app).post('/api/v1/votable/check').expect(415).expect('content-type', /problem\+json/);
  });
});
