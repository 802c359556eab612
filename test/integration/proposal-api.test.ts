import { TokenRegistry } from '../../src/access/index.js';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Express } from 'express';
import request from 'supertest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCatalogue } from '../../src/catalogue/index.js';
import { fileProposalLog, parseVep, ProposalService, type CarryOut } from '../../src/curation/index.js';
import { createApp } from '../../src/http/index.js';
import { AstrovocError, type TermChange } from '../../src/model/index.js';
import { OxigraphStore } from '../../src/store/index.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { mirrorRoot, PROJECT_ROOT } from '../support/mirror.js';

/**
 * The proposal side of /api/v1 over HTTP. The term edits that carry an accepted proposal out are another part of
 * the curation work: here `carryOut` is a stand-in that records what it is asked and can refuse, as a rule would.
 */
const TOKEN = 'dora:w';
const auth = { Authorization: `Bearer ${TOKEN}` };
const VEP = readFileSync(resolve(import.meta.dirname, '../fixtures/vep/addition.txt'), 'utf8');
const BASE = '/api/v1/vocabularies/refframe/proposals';

interface OpenApi {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
  components: object;
}

let vocabularies: VocabularyService;
let dir: string;
let app: Express;
let asked: TermChange[];
let refusal: AstrovocError | undefined;

const carryOut: CarryOut = async (actor, vocabulary, change) => {
  if (refusal) throw refusal;
  asked.push(change);
  return {
    id: `c${asked.length}`,
    vocabulary,
    who: actor.name,
    when: new Date().toISOString(),
    action: change.action,
    term: change.term,
    before: null,
    after: null,
  };
};

const appOn = (data: string) =>
  createApp({
    vocabularies,
    proposals: new ProposalService({ log: fileProposalLog(data), vocabularies, carryOut }),
    tokens: TokenRegistry.fromEnvironment([TOKEN]),
    log: () => {},
  });

beforeAll(async () => {
  vocabularies = new VocabularyService(
    new OxigraphStore(),
    (await loadCatalogue(PROJECT_ROOT)).filter((e) => ['refframe', 'timescale'].includes(e.id)),
  );
  await vocabularies.load(mirrorRoot());
}, 120_000);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'astrovoc-proposal-api-'));
  app = appOn(dir);
  asked = [];
  refusal = undefined;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const addition = {
  term: 'GSE',
  action: 'Addition',
  label: 'Geocentric Solar Ecliptic',
  description: 'Sun-pointing geocentric frame.',
  relationships: { parents: ['ECLIPTIC'] },
  usedIn: ['http://example.org/tap'],
};

const move = (id: string, to: string, comment?: string) =>
  request(app)
    .post(`${BASE}/${id}/transitions`)
    .set(auth)
    .send({ to, ...(comment ? { comment } : {}) });

describe('proposals over HTTP', () => {
  it('a VEP in the text form is submitted (201, Location), its author is the token owner, and it reads back as JSON and as the same VEP', async () => {
    const posted = await request(app).post(BASE).set(auth).type('text/plain').send(VEP).expect(201);
    expect(posted.headers.location).toBe(`${BASE}/p1`);
    expect(posted.body).toMatchObject({ id: 'p1', author: 'dora', authorLine: 'Ada Example <ada@example.org>', term: 'GSE', state: 'submitted' });
    const json = await request(app).get(posted.headers.location!).expect(200);
    expect(json.body).toEqual(posted.body);
    const text = await request(app).get(posted.headers.location!).set('Accept', 'text/plain').expect(200);
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(parseVep(text.text, 'p1.txt')).toEqual(parseVep(VEP, 'addition.txt'));
  });

  it('JSON proposals: bounds and rules answer 400 naming the field; the author is never a body field', async () => {
    const field = async (body: object) => ((await request(app).post(BASE).set(auth).send(body).expect(400)).body as { parameter?: string }).parameter;
    expect(await field({ ...addition, label: 'L'.repeat(301) })).toBe('label');
    expect(await field({ ...addition, usedIn: Array.from({ length: 21 }, (_, i) => `http://x.org/${i}`) })).toBe('usedIn');
    expect(await field({ ...addition, usedIn: [] })).toBe('usedIn');
    expect(await field({ ...addition, action: 'Removal' })).toBe('action');
    expect(await field({ ...addition, author: 'someone else' })).toBe('body');
    expect(await field({ ...addition, vocabularyUri: 'http://www.ivoa.net/rdf/timescale' })).toBe('vocabularyUri');
    await request(app).get(BASE).expect(200, { proposals: [] });
  });

  it('a VEP text that breaks the form is a 400 naming its line', async () => {
    const res = await request(app).post(BASE).set(auth).type('text/plain').send(VEP.replace('Action: Addition', 'Action: Adition')).expect(400);
    expect(res.body).toMatchObject({ parameter: 'body', line: 6 });
    expect((res.body as { detail: string }).detail).toContain('line 6');
  });

  it('review: comment, under review, accepted (carried out as an add), and a move that does not exist is a 409 naming the states', async () => {
    await request(app).post(BASE).set(auth).send(addition).expect(201);
    const commented = await request(app).post(`${BASE}/p1/comments`).set(auth).send({ text: 'Fine by me.' }).expect(201);
    expect(commented.body).toMatchObject({ comments: [{ who: 'dora', text: 'Fine by me.' }] });
    await move('p1', 'under-review').expect(200);
    const accepted = await move('p1', 'accepted', 'TCG: no objection').expect(200);
    expect(accepted.body).toMatchObject({ state: 'accepted', change: 'c1' });
    expect(asked).toEqual([
      { action: 'add', term: 'GSE', fields: { label: 'Geocentric Solar Ecliptic', description: 'Sun-pointing geocentric frame.', parents: ['ECLIPTIC'] } },
    ]);
    const again = await move('p1', 'under-review').expect(409);
    expect(again.body).toMatchObject({ from: 'accepted', to: 'under-review', allowed: [] });
    await request(app).post(`${BASE}/p1/comments`).set(auth).send({ text: 'late' }).expect(409);
  });

  it('a refused change answers the refusal and leaves the proposal under review', async () => {
    await request(app)
      .post(BASE)
      .set(auth)
      .send({ term: 'ecl_FK4', action: 'Deprecation', relationships: { useInstead: 'NOPE' } })
      .expect(201);
    await move('p1', 'under-review').expect(200);
    refusal = new AstrovocError('unprocessable', 'useInstead: NOPE is not a term of refframe', { location: { parameter: 'useInstead' } });
    const res = await move('p1', 'accepted').expect(422);
    expect(res.body).toMatchObject({ parameter: 'useInstead' });
    expect((await request(app).get(`${BASE}/p1`).expect(200)).body).toMatchObject({ state: 'under-review', history: [{ to: 'under-review' }] });
  });

  it('lists: per vocabulary by state, and the open ones across vocabularies', async () => {
    await request(app).post(BASE).set(auth).send(addition).expect(201);
    await request(app)
      .post(BASE)
      .set(auth)
      .send({ ...addition, term: 'GSM' })
      .expect(201);
    await request(app).post('/api/v1/vocabularies/timescale/proposals').set(auth).send({ term: 'ET', action: 'Deprecation' }).expect(201);
    await move('p2', 'withdrawn').expect(200);
    const open = await request(app).get('/api/v1/proposals').expect(200);
    expect((open.body as { proposals: { vocabulary: string; id: string }[] }).proposals.map((p) => `${p.vocabulary}/${p.id}`)).toEqual([
      'timescale/p1',
      'refframe/p1',
    ]);
    const withdrawn = await request(app).get(BASE).query({ state: 'withdrawn' }).expect(200);
    expect((withdrawn.body as { proposals: { term: string }[] }).proposals.map((p) => p.term)).toEqual(['GSM']);
    expect((await request(app).get('/api/v1/proposals').query({ state: 'pending' }).expect(400)).body).toMatchObject({ parameter: 'state' });
  });

  it('writes need a token (401), JSON or text/plain (415); unknown vocabularies and proposals are 404', async () => {
    await request(app).post(BASE).send(addition).expect(401);
    await request(app).post(`${BASE}/p1/transitions`).send({ to: 'withdrawn' }).expect(401);
    await request(app).post(BASE).set(auth).type('application/xml').send('<vep/>').expect(415);
    await request(app).post('/api/v1/vocabularies/nope/proposals').set(auth).send(addition).expect(404);
    await request(app).get(`${BASE}/p9`).expect(404);
    await request(app).get(`${BASE}/p9`).set('Accept', 'image/png').expect(404);
  });

  it('a write changes the ETag of the lists (no stale 304), and proposals survive a restart', async () => {
    const before = await request(app).get(BASE).expect(200);
    await request(app).post(BASE).set(auth).send(addition).expect(201);
    const after = await request(app).get(BASE).set('If-None-Match', before.headers.etag!).expect(200);
    expect((after.body as { proposals: unknown[] }).proposals).toHaveLength(1);
    const restarted = appOn(dir);
    expect((await request(restarted).get(`${BASE}/p1`).expect(200)).body).toMatchObject({ term: 'GSE', author: 'dora' });
  });

  it('the OpenAPI document is valid with the proposal operations, and a live proposal and list match their schemas', async () => {
    const doc = (await request(app).get('/api/v1/openapi.json').expect(200)).body as OpenApi;
    const result = await new Validator().validate(structuredClone(doc) as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(operations.map((o) => o.operationId)).toEqual(
      expect.arrayContaining(['listOpenProposals', 'listProposals', 'submitProposal', 'getProposal', 'commentOnProposal', 'moveProposal']),
    );
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ $id: 'openapi', components: doc.components });
    const schemaOf = (path: string, method: string, status: string) =>
      JSON.parse(
        JSON.stringify(doc.paths[path]![method]!.responses[status]!.content!['application/json']!.schema).replaceAll('"#/components/', '"openapi#/components/'),
      ) as object;
    await request(app).post(BASE).set(auth).type('text/plain').send(VEP).expect(201);
    await request(app).post(`${BASE}/p1/comments`).set(auth).send({ text: 'ok' }).expect(201);
    await move('p1', 'under-review', 'looking').expect(200);
    const one = ajv.compile(schemaOf('/api/v1/vocabularies/{vocab}/proposals/{id}', 'get', '200'));
    expect(one({ id: 'p1' })).toBe(false);
    expect(one((await request(app).get(`${BASE}/p1`).expect(200)).body)).toBe(true);
    const list = ajv.compile(schemaOf('/api/v1/proposals', 'get', '200'));
    expect(list((await request(app).get('/api/v1/proposals').expect(200)).body)).toBe(true);
  });
});
