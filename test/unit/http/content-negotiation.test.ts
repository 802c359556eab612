import express from 'express';
import request from 'supertest';
import { negotiate, negotiateRepresentation, type Offer } from '../../../src/http/content-negotiation.js';
import { problemHandler } from '../../../src/http/problem.js';

const OFFERS: readonly Offer[] = [
  { mediaTypes: ['text/turtle', 'application/x-turtle'], names: ['ttl', 'turtle'] },
  { mediaTypes: ['application/n-triples'], names: ['nt'] },
];

const app = express();
app.get('/offers', (req, res) => {
  const format = typeof req.query.format === 'string' ? req.query.format : undefined;
  res.send(negotiate(req, res, OFFERS, format).names[0]);
});
app.get('/resolver', (req, res) => {
  res.send(negotiateRepresentation(req, res).format);
});
app.use(problemHandler(() => undefined));

describe('the content negotiator', () => {
  it('weighs Accept with q-values; a tie or no Accept gives the first offer; alternate media types count', async () => {
    const accept = async (value: string | undefined) => {
      const req = request(app).get('/offers');
      const res = await (value === undefined ? req : req.set('Accept', value)).expect(200);
      expect(res.headers.vary).toContain('Accept');
      return res.text;
    };
    expect(await accept(undefined)).toBe('ttl');
    expect(await accept('*/*')).toBe('ttl');
    expect(await accept('text/turtle;q=0.5, application/n-triples')).toBe('nt');
    expect(await accept('application/x-turtle')).toBe('ttl');
  });

  it('?format= wins over Accept, by any of its names', async () => {
    expect((await request(app).get('/offers?format=NT').set('Accept', 'text/turtle').expect(200)).text).toBe('nt');
    expect((await request(app).get('/offers?format=turtle').set('Accept', 'application/n-triples').expect(200)).text).toBe('ttl');
  });

  it('406 lists what is available, naming format when it was given', async () => {
    const byAccept = await request(app).get('/offers').set('Accept', 'image/png').expect(406);
    expect(byAccept.body.available).toEqual([
      { format: 'ttl', mediaType: 'text/turtle' },
      { format: 'nt', mediaType: 'application/n-triples' },
    ]);
    expect(byAccept.body.parameter).toBeUndefined();
    expect(byAccept.headers.vary).toContain('Accept');
    const byName = await request(app).get('/offers?format=__proto__').expect(406);
    expect(byName.body.parameter).toBe('format');
  });

  it('the resolver: an unknown ?format= is a 400, a known one wins', async () => {
    expect((await request(app).get('/resolver?format=docx').expect(400)).body.parameter).toBe('format');
    expect((await request(app).get('/resolver?format=json-ld').set('Accept', 'text/html').expect(200)).text).toBe('jsonld');
    expect((await request(app).get('/resolver').set('Accept', 'text/html;q=0.9, application/n-triples').expect(200)).text).toBe('nt');
    expect((await request(app).get('/resolver').expect(200)).text).toBe('html');
  });
});
