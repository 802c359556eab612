import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import express, { type Express } from 'express';
import request from 'supertest';
import type { z } from 'zod';
import { MappingRepository, MappingService, MAX_UPLOADED_TERMS } from '../../src/mapping/index.js';
import { apiRouter } from '../../src/http/api/mount-routes.js';
import { openApiDocument } from '../../src/http/api/openapi-document.js';
import { TokenRegistry } from '../../src/access/index.js';
import { MAX_VOCABULARY_FILE_BYTES } from '../../src/http/routes/mapping-compute-routes.js';
import { batchTranslationAnswer, candidatesAnswer, mappingAnswer, termTranslationAnswer } from '../../src/http/routes/mapping-answers.js';
import { mappingRoutes } from '../../src/http/routes/mapping-routes.js';
import { notFoundHandler, problemHandler } from '../../src/http/problem.js';
import { loadMirrorService } from '../support/loaded-service.js';
import { PROJECT_ROOT } from '../support/mirror.js';
import { retryLatencyChecks } from '../support/latency-retries.js';

retryLatencyChecks();

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
  app.use(apiRouter([mappingRoutes(service)], { tokens: TokenRegistry.fromEnvironment([TOKEN]) }));
  app.use(notFoundHandler);
  app.use(problemHandler(() => undefined));
});

afterAll(() => {
  service.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The OpenAPI document of the mapping routes alone. */
function mappingDocument(): { paths: Record<string, unknown> } {
  const group = mappingRoutes(service);
  return openApiDocument(group.routes, { version: 'test', tags: group.tags }) as { paths: Record<string, unknown> };
}

const EPN = 'http://voparis-ns.obspm.fr/rdf/epn/2.0/';
const IHDEA = 'http://voparis-ns.obspm.fr/rdf/ihdea/refframe#';
const REFFRAME = 'http://www.ivoa.net/rdf/refframe#';
const fixture = (name: string) => readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/mapping', name));

describe('GET /api/v1/mappings', () => {
  it('filters by subject, vocabulary, status and predicate', async () => {
    const res = await request(app).get('/api/v1/mappings').query({ vocab: 'ihdea_refframe', status: 'proposed', predicate: 'skos:exactMatch', limit: 5 });
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(10);
    expect(res.body.mappings).toHaveLength(5);
    expect(res.body.mappings[0]).toMatchObject({
      status: 'proposed',
      predicate_id: 'http://www.w3.org/2004/02/skos/core#exactMatch',
      mapping_tool: 'astrovoc-matcher',
    });
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
    const res = await request(app)
      .post('/api/v1/mappings')
      .set('Authorization', `Bearer ${TOKEN}`)
      .send({ subject_id: `${EPN}target-class#sky`, predicate_id: 'skos:relatedMatch', object_id: 'http://www.ivoa.net/rdf/uat#celestial-sphere' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/mappings/${res.body.id}`);
    expect(res.body).toMatchObject({ status: 'accepted', set: 'curated', author_id: ['https://astrovoc.org/user/alice'] });
    const bad = await request(app)
      .post('/api/v1/mappings')
      .set('Authorization', `Bearer ${TOKEN}`)
      .send({ subject_id: 'not an iri', predicate_id: 'exactMatch', object_id: 'http://x.org/y' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).parameter).toBe('subject_id');
    const dup = await request(app)
      .post('/api/v1/mappings')
      .set('Authorization', `Bearer ${TOKEN}`)
      .send({ subject_id: `${EPN}target-class#sky`, predicate_id: 'relatedMatch', object_id: 'http://www.ivoa.net/rdf/uat#celestial-sphere' });
    expect(dup.status).toBe(409);
  });

  it('POST /mappings/{id}/review: 428 without If-Match, 412 when stale, 200 with the current ETag, and the new state is read back', async () => {
    const target = (await request(app).get('/api/v1/mappings').query({ set: 'epn-target-class_uat', status: 'proposed', predicate: 'exactMatch' })).body
      .mappings[0];
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
    const res = await request(app)
      .get('/api/v1/translate')
      .query({ iri: `${EPN}product-type#cu`, to: 'product-type', predicates: 'exactMatch,closeMatch' });
    expect(res.body.translations[0]).toMatchObject({ iri: 'http://www.ivoa.net/rdf/product-type#cube' });
    expect(
      (
        await request(app)
          .get('/api/v1/translate')
          .query({ iri: `${EPN}product-type#cu`, to: 'nowhere' })
      ).status,
    ).toBe(400);
    expect((await request(app).get('/api/v1/translate').query({ vocab: 'epn_target_class', value: 'unicorn', to: 'uat' })).status).toBe(404);
    expect(
      JSON.parse(
        (
          await request(app)
            .get('/api/v1/translate')
            .query({ iri: `${EPN}product-type#cu`, to: 'uat', predicates: 'sameAs' })
        ).text,
      ).parameter,
    ).toBe('predicates');
  });

  it('POST /translate translates a column of values, saying which could not be read', async () => {
    const res = await request(app)
      .post('/api/v1/translate')
      .send({ vocab: 'epn_product_type', to: 'product-type', values: ['im', 'Dynamic Spectrum', 'xx'] });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { translations: { iri: string }[] }) => r.translations[0]?.iri)).toEqual([
      'http://www.ivoa.net/rdf/product-type#image',
      'http://www.ivoa.net/rdf/product-type#dynamic-spectrum',
      undefined,
    ]);
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
    const tsv = await request(app)
      .post('/api/v1/mappings/compute')
      .set(auth)
      .set('Accept', 'text/tab-separated-values')
      .send({ source: 'ihdea_refframe', target: 'spase-CoordinateSystemName' });
    expect(tsv.text).toContain('skos:exactMatch');
    expect((await request(app).post('/api/v1/mappings/compute').set(auth).send({ source: 'nope', target: 'uat' })).status).toBe(400);
  });

  it('declares every route in the OpenAPI document', () => {
    const doc = mappingDocument();
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/mappings',
      '/api/v1/mappings/compute',
      '/api/v1/mappings/sets',
      '/api/v1/mappings/sets/{name}',
      '/api/v1/mappings/{id}',
      '/api/v1/mappings/{id}/review',
      '/api/v1/translate',
    ]);
  });
});

describe('answers of the writes, translations and computes match the schemas the document declares', () => {
  const auth = { Authorization: `Bearer ${TOKEN}` };

  it('POST /translate, GET /translate, POST /mappings/compute and POST /mappings', async () => {
    const checks: [string, z.ZodType, unknown][] = [
      [
        'GET /translate',
        termTranslationAnswer,
        (await request(app).get('/api/v1/translate').query({ vocab: 'epn_target_class', value: 'star', to: 'object-type' }).expect(200)).body,
      ],
      [
        'POST /translate',
        batchTranslationAnswer,
        (
          await request(app)
            .post('/api/v1/translate')
            .send({ vocab: 'epn_product_type', to: 'product-type', values: ['im', 'xx'] })
            .expect(200)
        ).body,
      ],
      [
        'POST /mappings/compute',
        candidatesAnswer,
        (await request(app).post('/api/v1/mappings/compute').set(auth).send({ source: 'ihdea_refframe', target: 'refframe' }).expect(200)).body,
      ],
      [
        'POST /mappings',
        mappingAnswer,
        (
          await request(app)
            .post('/api/v1/mappings')
            .set(auth)
            .send({
              subject_id: 'http://example.org/schema-check#a',
              predicate_id: 'closeMatch',
              object_id: 'http://example.org/schema-check#b',
              confidence: 0.5,
            })
            .expect(201)
        ).body,
      ],
    ];
    const failures = checks.flatMap(([what, schema, body]) => {
      const parsed = schema.safeParse(body);
      return parsed.success ? [] : [`${what}: ${parsed.error.message}`];
    });
    expect(failures).toEqual([]);
  });
});

describe('compute with an uploaded vocabulary (maintainers match a list before hosting it)', () => {
  const auth = { Authorization: `Bearer ${TOKEN}` };
  const upload = (type: string, body: Buffer | string, query: Record<string, string> = { target: 'refframe' }) =>
    request(app).post('/api/v1/mappings/compute').query(query).set(auth).set('Content-Type', type).send(body);
  // The candidates as the JSON form gives them (SSSOM fields in camelCase, predicates as IRIs).
  type Candidate = { subjectId: string; predicateId: string; objectId: string; confidence: number; subjectSource: string };
  const exactTo = (mappings: Candidate[], object: string) =>
    mappings.find((m) => m.objectId === object && m.predicateId === 'http://www.w3.org/2004/02/skos/core#exactMatch');

  it('an IVOA terms.csv (text/csv) against refframe: candidates with the uploaded terms as subjects, named by ?name=', async () => {
    const res = await upload('text/csv', fixture('mission-frames.terms.csv'), { target: 'refframe', name: 'mission-frames' });
    expect(res.status).toBe(200);
    expect(res.body.pairs_scored).toBeGreaterThan(0);
    expect(res.body.total).toBe(res.body.mappings.length);
    const icrs = exactTo(res.body.mappings, `${REFFRAME}ICRS`);
    expect(icrs).toMatchObject({ subjectId: 'https://astrovoc.org/local/mission-frames#ICRS', subjectSource: 'https://astrovoc.org/local/mission-frames' });
    expect(exactTo(res.body.mappings, `${REFFRAME}FK5`)?.subjectId).toBe('https://astrovoc.org/local/mission-frames#FK5');
    expect(
      res.body.mappings.every((m: Candidate) => m.subjectId.startsWith('https://astrovoc.org/local/mission-frames#') && m.objectId.startsWith(REFFRAME)),
    ).toBe(true);
  });

  it('a plain list of labels (text/plain, # comments) gives the same answer as the JSON form, or SSSOM TSV on request', async () => {
    const res = await upload('text/plain; charset=utf-8', fixture('frames.txt'));
    expect(res.status).toBe(200);
    expect(exactTo(res.body.mappings, `${REFFRAME}ICRS`)?.subjectId).toBe('https://astrovoc.org/local/upload#ICRS');
    expect(exactTo(res.body.mappings, `${REFFRAME}SUPER_GALACTIC`)?.subjectId).toBe('https://astrovoc.org/local/upload#Supergalactic');
    expect(res.body.mappings.some((m: Candidate) => m.subjectId.includes('comment'))).toBe(false);
    const tsv = await request(app)
      .post('/api/v1/mappings/compute')
      .query({ target: 'refframe', min_confidence: '0.9' })
      .set(auth)
      .set('Accept', 'text/tab-separated-values')
      .type('text/plain')
      .send(fixture('frames.txt'));
    expect(tsv.status).toBe(200);
    expect(tsv.type).toBe('text/tab-separated-values');
    expect(tsv.text).toMatch(/^#mapping_set_id: https:\/\/astrovoc\.org\/mappings\/computed\/upload-refframe$/m);
    expect(tsv.text).toContain('#subject_source: https://astrovoc.org/local/upload');
    expect(tsv.text).toContain('skos:exactMatch');
    const rows = tsv.text
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map((l) => l.split('\t'));
    const confidence = rows[0]!.indexOf('confidence');
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.slice(1).every((r) => Number(r[confidence]) >= 0.9)).toBe(true);
  });

  it('Turtle (text/turtle) is read with the RDF readers: its concepts are the subjects', async () => {
    const res = await upload('text/turtle', fixture('mission-frames.ttl'));
    expect(res.status).toBe(200);
    expect(exactTo(res.body.mappings, `${REFFRAME}ICRS`)?.subjectId).toBe('https://example.org/mission/frames#icrs');
    expect(exactTo(res.body.mappings, `${REFFRAME}SUPER_GALACTIC`)?.subjectId).toBe('https://example.org/mission/frames#supergalactic');
  });

  it('JSON-LD (application/ld+json) and RDF/XML (application/rdf+xml) are read too', async () => {
    // As text: superagent would serialise a Buffer sent as +json as {"type":"Buffer",...}.
    const jsonld = await upload('application/ld+json', readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/rdf/voc.jsonld'), 'utf8'));
    expect(jsonld.status).toBe(200); // its two concepts were read (no terms would be a 400), though neither matches a frame
    expect(jsonld.body).toMatchObject({ pairs_scored: expect.any(Number), total: expect.any(Number), mappings: expect.any(Array) });
    const rdfxml = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:skos="http://www.w3.org/2004/02/skos/core#">
  <skos:Concept rdf:about="https://example.org/mission/frames#fk5"><skos:prefLabel xml:lang="en">FK5</skos:prefLabel></skos:Concept>
</rdf:RDF>`;
    const xml = await upload('application/rdf+xml', rdfxml);
    expect(xml.status).toBe(200);
    expect(exactTo(xml.body.mappings, `${REFFRAME}FK5`)?.subjectId).toBe('https://example.org/mission/frames#fk5');
  });

  it('needs the write token: none → 401, a wrong one → 403 (before the body is read)', async () => {
    const none = await request(app).post('/api/v1/mappings/compute').query({ target: 'refframe' }).type('text/plain').send('ICRS\n');
    expect(none.status).toBe(401);
    expect(none.type).toBe('application/problem+json');
    const wrong = await request(app)
      .post('/api/v1/mappings/compute')
      .query({ target: 'refframe' })
      .set('Authorization', 'Bearer nope')
      .type('text/plain')
      .send('ICRS\n');
    expect(wrong.status).toBe(403);
  });

  it(`a body over ${MAX_VOCABULARY_FILE_BYTES} bytes is a 413 problem naming the limit`, async () => {
    const big = Buffer.alloc(MAX_VOCABULARY_FILE_BYTES + 1, 'ICRS\n');
    const res = await upload('text/plain', big);
    expect(res.status).toBe(413);
    expect(res.type).toBe('application/problem+json');
    expect(JSON.parse(res.text)).toMatchObject({ status: 413, parameter: 'body', limit: MAX_VOCABULARY_FILE_BYTES });
  });

  it(`a list of more than ${MAX_UPLOADED_TERMS} terms is a 413 problem (matching runs inside the request)`, async () => {
    const many = Array.from({ length: MAX_UPLOADED_TERMS + 1 }, (_, i) => `Frame number ${i}`).join('\n');
    const res = await upload('text/plain', many);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toMatchObject({ status: 413, parameter: 'body', limit: MAX_UPLOADED_TERMS });
  });

  it('matching runs in slices: while 5,000 uploaded labels are matched against the UAT, the server answers other requests within 250 ms', async () => {
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const labels = service.vocabularies.index
        .terms('facility')
        .slice(0, 5000)
        .map((t) => t.labels[0])
        .join('\n');
      let done = false;
      const started = performance.now();
      const compute = fetch(`${base}/api/v1/mappings/compute?target=uat`, {
        method: 'POST',
        headers: { authorization: auth.Authorization, 'content-type': 'text/plain' },
        body: labels,
      }).finally(() => (done = true));
      const latencies: number[] = [];
      while (!done) {
        const t = performance.now();
        const res = await fetch(`${base}/api/v1/mappings?limit=1`);
        expect(res.status).toBe(200);
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect((await compute).status).toBe(200);
      // The test means something only if the matching took long enough to be overlapped several times.
      expect(performance.now() - started).toBeGreaterThan(300);
      expect(latencies.length).toBeGreaterThan(3);
      // A slice scores ten subjects (about 30 ms here); matching all 5,000 in one go would stall the server for over a second.
      expect(Math.max(...latencies)).toBeLessThan(250);
    } finally {
      server.close();
    }
  });

  it('an unknown Content-Type is a 415 problem listing the accepted ones', async () => {
    const res = await upload('application/vnd.ms-excel', 'ICRS;1;ICRS;x');
    expect(res.status).toBe(415);
    const problem = JSON.parse(res.text);
    expect(problem).toMatchObject({ status: 415, parameter: 'Content-Type' });
    expect(problem.accepted).toEqual([
      'application/json',
      'text/csv',
      'text/turtle',
      'application/n-triples',
      'application/n-quads',
      'application/rdf+xml',
      'application/ld+json',
      'text/plain',
    ]);
    expect(problem.detail).toContain('text/turtle');
  });

  it('a malformed file is a 400 naming the line: a terms.csv with a bad level, broken Turtle, a binary "list"', async () => {
    const csv = await upload('text/csv', fixture('broken-level.terms.csv'));
    expect(csv.status).toBe(400);
    expect(JSON.parse(csv.text)).toMatchObject({ status: 400, title: 'Malformed vocabulary file', parameter: 'body', code: 'bad-level', line: 4 });
    expect(JSON.parse(csv.text).detail).toBe('request body:4:10: expected a level 1, 2, 3..., found "first"');
    const ttl = await upload('text/turtle', readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/rdf/broken.ttl')));
    expect(ttl.status).toBe(400);
    expect(JSON.parse(ttl.text).line).toEqual(expect.any(Number));
    const xml = await upload('application/rdf+xml', readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/rdf/broken.rdf')));
    expect(JSON.parse(xml.text)).toMatchObject({ status: 400, parameter: 'body', line: 8 });
    const nt = await upload('application/n-triples', readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/rdf/broken.nt')));
    expect(JSON.parse(nt.text)).toMatchObject({ status: 400, parameter: 'body', line: expect.any(Number) });
    const binary = await upload('text/plain', Buffer.from([...Buffer.from('ICRS\nFK5\n'), 0x00, 0x01, 0x02, 0x0a]));
    expect(JSON.parse(binary.text)).toMatchObject({ status: 400, code: 'control-character', line: 3 });
    const latin1 = await upload('text/plain', Buffer.from('ICRS\nG\xe9ocentrique\n', 'latin1'));
    expect(JSON.parse(latin1.text)).toMatchObject({ status: 400, code: 'bad-encoding', line: 2 });
    // A Latin-1 terms.csv is refused the same way, not read with replacement characters.
    const latin1Csv = await upload('text/csv', Buffer.from('ICRS;1;ICRS;The ICRS\nGEO;1;G\xe9ocentrique;Earth-centred\n', 'latin1'));
    expect(JSON.parse(latin1Csv.text)).toMatchObject({ status: 400, code: 'bad-encoding', line: 2 });
  });

  it('the query is checked first: no or an unknown target, a bad min_confidence or name are 400s naming it; an empty list is a 400', async () => {
    expect(JSON.parse((await upload('text/plain', 'ICRS\n', {})).text)).toMatchObject({ status: 400, parameter: 'target' });
    expect(JSON.parse((await upload('text/plain', 'ICRS\n', { target: 'nowhere' })).text)).toMatchObject({ status: 400, parameter: 'target' });
    expect(JSON.parse((await upload('text/plain', 'ICRS\n', { target: 'refframe', min_confidence: '2' })).text)).toMatchObject({
      status: 400,
      parameter: 'min_confidence',
    });
    expect(JSON.parse((await upload('text/plain', 'ICRS\n', { target: 'refframe', name: '../x' })).text)).toMatchObject({ status: 400, parameter: 'name' });
    expect(JSON.parse((await upload('text/plain', '# nothing but a comment\n')).text)).toMatchObject({
      status: 400,
      title: 'Empty vocabulary file',
      parameter: 'body',
    });
  });

  it('declares the file bodies, the query, 413 and 415 in the OpenAPI document', () => {
    const compute = (
      mappingDocument().paths['/api/v1/mappings/compute'] as {
        post: { requestBody: { content: Record<string, unknown> }; parameters: { name: string }[]; responses: Record<string, unknown> };
      }
    ).post;
    expect(Object.keys(compute.requestBody.content)).toEqual(
      expect.arrayContaining([
        'application/json',
        'text/csv',
        'text/turtle',
        'application/n-triples',
        'application/rdf+xml',
        'application/ld+json',
        'text/plain',
      ]),
    );
    expect(compute.parameters.map((p) => p.name)).toEqual(['target', 'min_confidence', 'name']);
    expect(Object.keys(compute.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '413', '415']));
    const translate = mappingDocument().paths['/api/v1/translate'] as { get: { parameters: { name: string }[] } };
    expect(translate.get.parameters.map((p) => p.name)).toContain('include_proposed');
  });
});

describe('translation over proposed candidates, on request', () => {
  type Step = { mappingId: string; status: string; set: string };
  type Result = { iri: string; predicate: string; reviewed: boolean; path: Step[] };
  const translate = (query: Record<string, string>) => request(app).get('/api/v1/translate').query(query);
  const proposedExact = async (subject: string, object: string) => {
    const res = await request(app).get('/api/v1/mappings').query({ subject, object, predicate: 'exactMatch' });
    expect(res.body.mappings).toHaveLength(1);
    expect(res.body.mappings[0].status).toBe('proposed');
    return res.body.mappings[0] as { id: string; set: string };
  };

  it('IHDEA ICRS → IVOA refframe: nothing by default; with include_proposed=true the proposed exactMatch, reviewed: false, its step proposed', async () => {
    const mapping = await proposedExact(`${IHDEA}ICRS`, `${REFFRAME}ICRS`);
    const plain = await translate({ iri: `${IHDEA}ICRS`, to: 'refframe' });
    expect(plain.status).toBe(200);
    expect(plain.body.include_proposed).toBe(false);
    expect(plain.body.translations.some((t: Result) => t.path.some((s) => s.status === 'proposed'))).toBe(false);
    expect(plain.body.translations.some((t: Result) => t.iri === `${REFFRAME}ICRS`)).toBe(false);
    const res = await translate({ iri: `${IHDEA}ICRS`, to: 'refframe', include_proposed: 'true' });
    expect(res.status).toBe(200);
    expect(res.body.include_proposed).toBe(true);
    expect(res.body.translations[0]).toMatchObject({ iri: `${REFFRAME}ICRS`, predicate: 'exactMatch', reviewed: false, confidence: 0.98 });
    expect(res.body.translations[0].path).toEqual([expect.objectContaining({ mappingId: mapping.id, set: mapping.set, status: 'proposed' })]);
    expect((await translate({ iri: `${IHDEA}ICRS`, to: 'refframe', include_proposed: 'false' })).body.translations).toEqual(plain.body.translations);
    expect(JSON.parse((await translate({ iri: `${IHDEA}ICRS`, to: 'refframe', include_proposed: 'yes' })).text)).toMatchObject({
      status: 400,
      parameter: 'include_proposed',
    });
  });

  it('EPN target-class comet → UAT: by label, an exactMatch only with include_proposed; accepted paths say reviewed: true', async () => {
    expect((await translate({ vocab: 'epn_target_class', value: 'comet', to: 'uat' })).body.translations).toEqual([]);
    const res = await translate({ vocab: 'epn_target_class', value: 'comet', to: 'uat', include_proposed: 'true' });
    expect(res.body.translations[0]).toMatchObject({ iri: 'http://www.ivoa.net/rdf/uat#comets', predicate: 'exactMatch', reviewed: false });
    expect(res.body.translations[0].path.some((s: Step) => s.status === 'proposed')).toBe(true);
    const star = await translate({ vocab: 'epn_target_class', value: 'star', to: 'object-type' });
    expect(star.body.translations[0]).toMatchObject({ iri: 'http://www.ivoa.net/rdf/object-type#star', reviewed: true });
    expect(star.body.translations[0].path.every((s: Step) => s.status === 'accepted')).toBe(true);
  });

  it('POST /translate takes include_proposed: true for a whole column', async () => {
    const body = { vocab: 'ihdea_refframe', to: 'refframe', values: ['ICRS', 'FK4'] };
    const plain = await request(app).post('/api/v1/translate').send(body);
    expect(plain.body.include_proposed).toBe(false);
    expect(plain.body.results.map((r: { translations: Result[] }) => r.translations.some((t) => !t.reviewed))).toEqual([false, false]);
    const res = await request(app)
      .post('/api/v1/translate')
      .send({ ...body, include_proposed: true });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { translations: Result[] }) => [r.translations[0]?.iri, r.translations[0]?.reviewed])).toEqual([
      [`${REFFRAME}ICRS`, false],
      [`${REFFRAME}FK4`, false],
    ]);
    expect(
      JSON.parse(
        (
          await request(app)
            .post('/api/v1/translate')
            .send({ ...body, include_proposed: 'true' })
        ).text,
      ),
    ).toMatchObject({ status: 400, parameter: 'include_proposed' });
  });

  it('a rejected mapping is never used, even with include_proposed (IHDEA FK5 exactMatch refframe FK5, rejected by review)', async () => {
    const mapping = await proposedExact(`${IHDEA}FK5`, `${REFFRAME}FK5`);
    const before = await translate({ iri: `${IHDEA}FK5`, to: 'refframe', include_proposed: 'true' });
    expect(before.body.translations[0]).toMatchObject({ iri: `${REFFRAME}FK5`, predicate: 'exactMatch' });
    const etag = (await request(app).get(`/api/v1/mappings/${mapping.id}`)).headers.etag as string;
    const review = await request(app)
      .post(`/api/v1/mappings/${mapping.id}/review`)
      .set('Authorization', `Bearer ${TOKEN}`)
      .set('If-Match', etag)
      .send({ decision: 'reject', comment: 'test: not the same frame' });
    expect(review.body.status).toBe('rejected');
    const after = await translate({ iri: `${IHDEA}FK5`, to: 'refframe', include_proposed: 'true' });
    expect(after.status).toBe(200);
    expect(after.body.translations.flatMap((t: Result) => t.path.map((s) => s.mappingId))).not.toContain(mapping.id);
    expect(after.body.translations.some((t: Result) => t.iri === `${REFFRAME}FK5` && t.predicate === 'exactMatch')).toBe(false);
  });

  it('a curated negative mapping written the other way round rules out the proposed one too (refframe GALACTIC_I Not exactMatch IHDEA GALACTIC_I)', async () => {
    const mapping = await proposedExact(`${IHDEA}GALACTIC_I`, `${REFFRAME}GALACTIC_I`);
    expect((await translate({ iri: `${IHDEA}GALACTIC_I`, to: 'refframe', include_proposed: 'true' })).body.translations[0]).toMatchObject({
      iri: `${REFFRAME}GALACTIC_I`,
      predicate: 'exactMatch',
    });
    const negative = await request(app)
      .post('/api/v1/mappings')
      .set('Authorization', `Bearer ${TOKEN}`)
      .send({ subject_id: `${REFFRAME}GALACTIC_I`, predicate_id: 'exactMatch', object_id: `${IHDEA}GALACTIC_I`, predicate_modifier: 'Not', comment: 'test' });
    expect(negative.body.status).toBe('rejected');
    const after = await translate({ iri: `${IHDEA}GALACTIC_I`, to: 'refframe', include_proposed: 'true' });
    expect(after.body.translations.flatMap((t: Result) => t.path.map((s) => s.mappingId))).not.toContain(mapping.id);
    expect(after.body.translations.some((t: Result) => t.iri === `${REFFRAME}GALACTIC_I` && t.predicate === 'exactMatch')).toBe(false);
  });
});
