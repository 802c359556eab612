import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/http/index.js';
import { MappingRepository, MappingService } from '../../src/mapping/index.js';
import { loadMirrorService } from '../support/loaded-service.js';
import { PROJECT_ROOT } from '../support/mirror.js';

const TOKEN = 'carol:t0ken';
let app: Express;
let mappings: MappingService;
let dir: string;

beforeAll(async () => {
  const vocabularies = await loadMirrorService();
  dir = mkdtempSync(join(tmpdir(), 'astrovoc-term-mappings-'));
  cpSync(resolve(PROJECT_ROOT, 'mappings'), dir, { recursive: true });
  mappings = new MappingService(vocabularies, new MappingRepository(dir));
  await mappings.load();
  app = createApp({ vocabularies, mappings, writeTokens: [TOKEN], log: () => {} });
}, 120_000);

afterAll(() => {
  mappings.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('term pages show the mapping sets (issue 6: curation)', () => {
  it('a proposed mapping appears with predicate, justification, confidence, state and the target label', async () => {
    const html = (await request(app).get('/rdf/object-type/ae-star').expect(200)).text;
    const section = html.slice(html.indexOf('id="mappings-title"'));
    expect(section).toContain('Unified Astronomy Thesaurus');
    expect(section).toMatch(/closeMatch<\/span>[\s\S]*?Ae stars[\s\S]*?proposed · CompositeMatching · confidence 0\.80/);
    expect(section).not.toMatch(/>http:\/\/www\.ivoa\.net\/rdf\/uat#ae-stars</);
  });

  it('the target side shows the inverse link, and a review shows the reviewer', async () => {
    const listed = await request(app)
      .get('/api/v1/mappings')
      .query({ subject: 'http://www.ivoa.net/rdf/object-type#ae-star', object: 'http://www.ivoa.net/rdf/uat#ae-stars' })
      .expect(200);
    const id = listed.body.mappings[0].id as string;
    const one = await request(app).get(`/api/v1/mappings/${id}`).expect(200);
    await request(app)
      .post(`/api/v1/mappings/${id}/review`)
      .set('Authorization', `Bearer ${TOKEN}`)
      .set('If-Match', one.headers.etag as string)
      .send({ decision: 'accept', comment: 'checked' })
      .expect(200);
    const html = (await request(app).get('/rdf/uat/ae-stars').expect(200)).text;
    const section = html.slice(html.indexOf('id="mappings-title"'));
    expect(section).toMatch(/closeMatch<\/span>[\s\S]*?Ae\*[\s\S]*?accepted[^<]*reviewed by/);
  });
});
