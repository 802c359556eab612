import { TokenRegistry } from '../../src/access/index.js';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { exportSite } from '../../src/cli/commands/pages-command.js';
import { createApp } from '../../src/http/index.js';
import { MappingRepository, MappingService } from '../../src/mapping/index.js';
import { PageRenderer } from '../../src/render/index.js';
import { loadCatalogue } from '../../src/catalogue/index.js';
import { OxigraphStore } from '../../src/store/index.js';
import { createLookup, VocabularyService, type LiveLookup } from '../../src/vocab/index.js';
import { loadMirrorService } from '../support/loaded-service.js';
import { mirrorRoot, PROJECT_ROOT } from '../support/mirror.js';

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
  app = createApp({ vocabularies, mappings, tokens: TokenRegistry.fromEnvironment([TOKEN]), log: () => {} });
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

/** A page's <article> (the term itself; the layout around it differs by design between the live site and the static copy). */
const articleOf = (html: string) => html.slice(html.indexOf('<article'), html.indexOf('</article>') + '</article>'.length);

/**
 * The one difference a static copy needs on a term page: its machine-readable links point at the vocabulary's
 * files beside the page (`vocabulary.ttl`) instead of asking for `?format=`. The section is cut out of both sides
 * and checked on its own.
 */
const FORMATS = /<section aria-labelledby="formats-title">[\s\S]*?<\/section>/;
const withoutFormats = (article: string) => article.replace(FORMATS, '<section aria-labelledby="formats-title"></section>');

describe('one term-page builder (issue 12): the static export shows the mappings the live page shows', () => {
  // The two vocabularies the curated mappings of these pages link, so that the export stays small.
  const hosted = ['object-type', 'uat'];
  let out: string;
  let setsDir: string;
  let service: VocabularyService;
  let sets: MappingService;
  let lookup: LiveLookup;
  let live: Express;

  beforeAll(async () => {
    service = new VocabularyService(
      new OxigraphStore(),
      (await loadCatalogue(PROJECT_ROOT)).filter((e) => hosted.includes(e.id)),
    );
    await service.load(mirrorRoot());
    setsDir = mkdtempSync(join(tmpdir(), 'astrovoc-term-export-sets-'));
    cpSync(resolve(PROJECT_ROOT, 'mappings'), setsDir, { recursive: true });
    sets = new MappingService(service, new MappingRepository(setsDir));
    await sets.load();
    lookup = createLookup(service);
    live = createApp({ vocabularies: service, lookup, mappings: sets, log: () => {} });
    out = mkdtempSync(join(tmpdir(), 'astrovoc-term-export-'));
    await exportSite({
      service,
      lookup,
      mappings: sets,
      pages: new PageRenderer(resolve(PROJECT_ROOT, 'templates')),
      outDir: out,
      staticDir: resolve(PROJECT_ROOT, 'static'),
    });
  }, 300_000);

  afterAll(() => {
    sets.close();
    lookup.close();
    rmSync(out, { recursive: true, force: true });
    rmSync(setsDir, { recursive: true, force: true });
  });

  it.each(['/rdf/object-type/ae-star', '/rdf/uat/ae-stars'])('%s: the same mapping rows, labels and links, live and exported', async (path) => {
    const page = articleOf((await request(live).get(path).expect(200)).text);
    const exported = articleOf(readFileSync(join(out, ...path.split('/').filter(Boolean), 'index.html'), 'utf8'));
    const mappingsOf = (article: string) =>
      article.slice(article.indexOf('<section aria-labelledby="mappings-title">'), article.indexOf('<section aria-labelledby="formats-title">'));
    expect(mappingsOf(page)).toMatch(/<li class="mapping mapping-(proposed|accepted)">[\s\S]*Ae/);
    expect(mappingsOf(exported)).toBe(mappingsOf(page));
    expect(withoutFormats(exported)).toBe(withoutFormats(page));
    // Handlebars escapes `=` in attributes.
    expect(page.match(FORMATS)?.[0]).toContain('?format&#x3D;ttl');
    const files = [...(exported.match(FORMATS)?.[0] ?? '').matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    expect(files).toContain(`/rdf/${path.split('/')[2]}/vocabulary.ttl`);
    for (const file of files) expect(existsSync(join(out, ...file.split('/').filter(Boolean)))).toBe(true);
  });
});
