/**
 * The UCD API on the real loaded service: the UCD list from the hosted `ucd` graph, refframe,
 * timescale, refposition and datalink from the hosted vocabularies (HostedUcd), through an express
 * app with the project's problem handler.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import express, { type Express } from 'express';
import request from 'supertest';
import { apiRouter } from '../../src/http/api/mount-routes.js';
import { openApiDocument } from '../../src/http/api/openapi-document.js';
import { notFoundHandler, problemHandler } from '../../src/http/problem.js';
import { ucdRoutes } from '../../src/http/routes/ucd-routes.js';
import { HostedUcd } from '../../src/ucd/index.js';
import type { VocabularyService } from '../../src/vocab/index.js';
import { loadMirrorService } from '../support/loaded-service.js';
import { PROJECT_ROOT } from '../support/mirror.js';

const fixture = (name: string): string => readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/ucd', name), 'utf8');

let vocabularies: VocabularyService;
let hosted: HostedUcd;
let app: Express;

beforeAll(async () => {
  vocabularies = await loadMirrorService();
  hosted = new HostedUcd(vocabularies);
  app = express();
  app.set('query parser', 'simple');
  app.use(
    apiRouter([
      ucdRoutes(
        () => hosted.service,
        () => hosted.votableVocabularies,
      ),
    ]),
  );
  app.use(notFoundHandler);
  app.use(problemHandler(() => undefined));
}, 60_000);

afterAll(() => hosted.close());

interface Finding {
  element: string;
  attribute: string;
  value: string;
  status: string;
  line: number;
  suggestion?: string;
}

describe('the UCD service built from the hosted ucd graph', () => {
  test('it holds the EN 1.6 list: 568 words less the listed-and-deprecated ones, and the deprecations', () => {
    const service = hosted.service!;
    expect(service.version).toBe('1.6');
    expect(service.list.words.length).toBeGreaterThan(550);
    expect(service.list.getDeprecated('pos.lambert')?.replacement).toBe('pos.projection');
    expect(service.list.get('stat.stdev')?.code).toBe('Q');
  });
});

describe('GET /api/v1/ucd/validate, explain, suggest, words', () => {
  test('UCD1+ EN 1.6 §2: phot.mag;em.opt.V is valid, each word with its IRI in the ucd vocabulary', async () => {
    const res = await request(app).get('/api/v1/ucd/validate').query({ ucd: 'phot.mag;em.opt.V' }).expect(200);
    expect(res.body).toMatchObject({ status: 'valid', canonical: 'phot.mag;em.opt.V', diagnostics: [] });
    expect(res.body.words.map((w: { iri: string }) => w.iri)).toEqual(['http://www.ivoa.net/rdf/ucd#phot.mag', 'http://www.ivoa.net/rdf/ucd#em.opt.V']);
  });

  test('UCD1+ EN 1.6 deprecation list: pos.lambert is deprecated with its replacement pos.projection', async () => {
    const res = await request(app).get('/api/v1/ucd/validate').query({ ucd: 'pos.lambert' }).expect(200);
    expect(res.body.status).toBe('deprecated');
    expect(res.body.diagnostics[0]).toMatchObject({ code: 'deprecated-word', replacement: 'pos.projection' });
    expect(res.body.suggestions[0].ucd).toBe('pos.projection');
  });

  test('POST /ucd/validate: a batch answers in order', async () => {
    const res = await request(app).post('/api/v1/ucd/validate').send(['pos.eq.ra;meta.main', 'meta.main;pos.eq.ra', 'phot.mgg']).expect(200);
    expect(res.body.map((r: { status: string }) => r.status)).toEqual(['valid', 'invalid', 'invalid']);
    expect(res.body[2].suggestions[0].ucd).toBe('phot.mag');
  });

  test('explain: a compound UCD in words from the list’s descriptions', async () => {
    const res = await request(app).get('/api/v1/ucd/explain').query({ ucd: 'stat.error;phot.mag;em.opt.V' }).expect(200);
    expect(res.body.text).toMatch(/^Statistical error, of the photometric magnitude, in the /i);
    expect(res.body.words.map((w: { role: string }) => w.role)).toEqual(['quantity', 'qualifier', 'qualifier']);
  });

  test('suggest: "heliocentric radial velocity" proposes a valid UCD with the frame word', async () => {
    const res = await request(app).get('/api/v1/ucd/suggest').query({ text: 'heliocentric radial velocity' }).expect(200);
    expect(res.body[0].ucd).toBe('spect.dopplerVeloc.opt;pos.heliocentric');
    expect(res.body.every((c: { status: string }) => c.status === 'valid' || c.status === 'valid-with-warnings')).toBe(true);
  });

  test('words: the six V words of EN 1.6, and a bad code is a 400 naming the parameter', async () => {
    const res = await request(app).get('/api/v1/ucd/words').query({ code: 'V' }).expect(200);
    expect(res.body).toHaveLength(6);
    const bad = await request(app).get('/api/v1/ucd/words').query({ code: 'Z' }).expect(400);
    expect(JSON.parse(bad.text)).toMatchObject({ status: 400, parameter: 'code' });
  });
});

describe('POST /api/v1/votable/check with the hosted vocabularies', () => {
  let findings: Finding[];
  let body: { status: string; version: string; findings: Finding[] };

  beforeAll(async () => {
    const res = await request(app)
      .post('/api/v1/votable/check')
      .set('content-type', 'application/x-votable+xml')
      .send(fixture('votable-1.4-vocabularies.xml'))
      .expect(200);
    body = res.body;
    findings = body.findings;
  });

  const find = (attribute: string, value: string): Finding | undefined => findings.find((f) => f.attribute === attribute && f.value === value);

  test('VOTable 1.4 §3.3 (COOSYS@system, refframe): ICRS is valid; the old "galactic" is deprecated, use GALACTIC', () => {
    expect(find('system', 'ICRS')).toMatchObject({ element: 'COOSYS', status: 'valid', line: 4 });
    expect(find('system', 'galactic')).toMatchObject({ status: 'deprecated', suggestion: 'GALACTIC', line: 5 });
  });

  test('VOTable 1.4 §3.4 (TIMESYS@timescale, timescale; @refposition, refposition): TCB and BARYCENTER are valid', () => {
    expect(find('timescale', 'TCB')).toMatchObject({ element: 'TIMESYS', status: 'valid', line: 6 });
    expect(findings.filter((f) => f.attribute === 'refposition').map((f) => f.status)).toEqual(['valid', 'valid']);
  });

  test('DataLink 1.1 §3.2 (semantics, datalink/core): #this and #progenitor are valid, #no-such-term is invalid', () => {
    expect(find('semantics', '#this')?.status).toBe('valid');
    expect(find('semantics', '#progenitor')).toMatchObject({ element: 'TD', status: 'valid', line: 15 });
    expect(find('semantics', '#no-such-term')).toMatchObject({ status: 'invalid', line: 16 });
  });

  test('every FIELD ucd is checked and the report is invalid overall', () => {
    expect(findings.filter((f) => f.attribute === 'ucd').map((f) => f.status)).toEqual(['valid', 'valid', 'valid', 'valid']);
    expect(body).toMatchObject({ status: 'invalid', version: '1.4' });
  });

  test('XXE: an external entity is never resolved (no file content in the answer), and the report says so', async () => {
    const res = await request(app).post('/api/v1/votable/check').set('content-type', 'text/xml').send(fixture('external-entity.xml')).expect(200);
    expect(res.text).not.toMatch(/root:.*:0:0:/);
    expect(res.body.problems.map((p: { message: string }) => p.message).join(' ')).toMatch(/not expanded/);
  });

  test('a vocabulary that is not loaded leaves its values not-checked instead of failing them', async () => {
    const partial = express();
    partial.use(
      apiRouter([
        ucdRoutes(
          () => hosted.service,
          () => ({ ...hosted.votableVocabularies, datalink: undefined }),
        ),
      ]),
    );
    const res = await request(partial).post('/api/v1/votable/check').set('content-type', 'text/xml').send(fixture('votable-1.4-vocabularies.xml')).expect(200);
    expect(res.body.findings.filter((f: Finding) => f.attribute === 'semantics').map((f: Finding) => f.status)).toEqual([
      'not-checked',
      'not-checked',
      'not-checked',
    ]);
  });
});

describe('HostedUcd follows reloads', () => {
  test('after a graph write the vocabularies are rebuilt from the new index', async () => {
    const before = hosted.votableVocabularies;
    expect(before.refframe?.terms.get('galactic')).toEqual({ deprecated: true, useInstead: 'GALACTIC' });
    const meta = vocabularies.index.vocabulary('timescale')!;
    await vocabularies.writeGraphs(new Map([[meta.graph, vocabularies.store.local.quadsOfGraph(meta.graph)]]));
    expect(hosted.votableVocabularies).not.toBe(before);
    expect(hosted.votableVocabularies.timescale?.terms.has('TCB')).toBe(true);
  });
});

describe('OpenAPI', () => {
  test('every UCD route is described, with its parameters and the schemas it refers to', () => {
    const group = ucdRoutes(() => hosted.service);
    const document = openApiDocument(group.routes, { version: 'test', tags: group.tags }) as unknown as {
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/v1/ucd/explain',
      '/api/v1/ucd/suggest',
      '/api/v1/ucd/validate',
      '/api/v1/ucd/words',
      '/api/v1/votable/check',
    ]);
    expect(Object.keys(document.paths['/api/v1/ucd/validate']!).sort()).toEqual(['get', 'post']);
    expect(document.paths['/api/v1/ucd/suggest']!.get!.parameters!.map((p) => p.name)).toEqual(['text', 'limit']);
    const refs = [...JSON.stringify(document).matchAll(/#\/components\/schemas\/(\w+)/g)].map((m) => m[1]!);
    for (const name of refs) expect(document.components.schemas[name]).toBeDefined();
  });
});
