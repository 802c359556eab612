/** The /api/v1 lookup API on the whole mirror, in the app src/http/app.ts assembles. */
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/http/index.js';
import { factory, iri, literal, SKOS, type Quad } from '../../src/model/index.js';
import type { VocabularyService } from '../../src/vocab/index.js';
import { createLookup, type LiveLookup } from '../../src/vocab/index.js';
import { loadMirrorService } from '../support/loaded-service.js';

let service: VocabularyService;
let lookup: LiveLookup;
let app: Express;

function buildApp(): Express {
  return createApp({ vocabularies: service, lookup, log: () => {} });
}

beforeAll(async () => {
  service = await loadMirrorService();
  lookup = createLookup(service);
  app = buildApp();
}, 120_000);
afterAll(() => lookup.close());

describe('catalogue', () => {
  it('GET /api/v1/vocabularies lists every vocabulary with counts by status and its page links', async () => {
    const res = await request(app).get('/api/v1/vocabularies').expect(200);
    expect(res.body.total).toBe(service.catalogue.length);
    const refframe = res.body.vocabularies.find((v: { id: string }) => v.id === 'refframe');
    expect(refframe).toMatchObject({
      iri: 'http://www.ivoa.net/rdf/refframe',
      community: 'IVOA',
      flavour: 'RDF Class',
      version: '2022-02-22',
      counts: { terms: 21, deprecated: 7, preliminary: 0, stable: 14 },
      links: { page: '/rdf/refframe', formats: { ttl: '/rdf/refframe?format=ttl', desise: '/rdf/refframe?format=desise' } },
    });
    expect(refframe.licence.name).toBeTruthy();
    const datalink = res.body.vocabularies.find((v: { id: string }) => v.id === 'datalink');
    expect(datalink.links.page).toBe('/rdf/datalink/core');
    const ihdea = res.body.vocabularies.find((v: { id: string }) => v.id === 'ihdea_refframe');
    expect(ihdea.links.page).toBe('/rdf/ihdea_refframe');
  });

  it('filters by community and names a bad community (400, RFC 9457)', async () => {
    const res = await request(app).get('/api/v1/vocabularies?community=IHDEA').expect(200);
    expect(res.body.vocabularies.every((v: { community: string }) => v.community === 'IHDEA')).toBe(true);
    const bad = await request(app)
      .get('/api/v1/vocabularies?community=NASA')
      .expect(400)
      .expect('content-type', /problem\+json/);
    expect(bad.body).toMatchObject({ status: 400, parameter: 'community' });
  });

  it('GET /api/v1/vocabularies/{id} gives one; 404 for an unknown id', async () => {
    const res = await request(app).get('/api/v1/vocabularies/uat').expect(200);
    expect(res.body).toMatchObject({ id: 'uat', community: 'UAT', authors: ['The UAT Steering Committee'] });
    await request(app)
      .get('/api/v1/vocabularies/nope')
      .expect(404)
      .expect('content-type', /problem\+json/);
  });
});

describe('terms', () => {
  it('GET /vocabularies/{vocab}/terms/{id}: a deprecated term with its replacement resolved and its links', async () => {
    const res = await request(app).get('/api/v1/vocabularies/refframe/terms/galactic').expect(200);
    expect(res.body).toMatchObject({
      iri: 'http://www.ivoa.net/rdf/refframe#galactic',
      id: 'galactic',
      vocabulary: 'refframe',
      label: 'Galactic',
      status: { deprecated: true, preliminary: false },
      useInstead: [
        { iri: 'http://www.ivoa.net/rdf/refframe#GALACTIC', id: 'GALACTIC', label: 'Galactic', vocabulary: 'refframe', page: '/rdf/refframe/GALACTIC' },
      ],
      links: { page: '/rdf/refframe/galactic', formats: { ttl: '/rdf/refframe/galactic?format=ttl', jsonld: '/rdf/refframe/galactic?format=jsonld' } },
    });
  });

  it('a term carries alt labels, definition, parents, children and mapping links', async () => {
    const res = await request(app).get('/api/v1/vocabularies/uat/terms/magnitude').expect(200);
    expect(res.body.definition).toMatch(/brightness/);
    expect(res.body.parents).toEqual(['http://www.ivoa.net/rdf/uat#astrometry']);
    expect(res.body.children).toContain('http://www.ivoa.net/rdf/uat#apparent-magnitude');
    expect(res.body.mappings).toEqual([{ predicate: 'exactMatch', target: 'http://astrothesaurus.org/uat/999' }]);
    const facility = await request(app).get('/api/v1/vocabularies/facility/terms/janus').expect(200);
    expect(facility.body).toMatchObject({ altLabels: ['Janus mission'], status: { preliminary: true } });
  });

  it('a PDS4 id with colons is one path segment, and its page path is encoded', async () => {
    const res = await request(app)
      .get(`/api/v1/vocabularies/pds4-targets/terms/${encodeURIComponent('esa:psa:star.hd_172167')}`)
      .expect(200);
    expect(res.body.label).toBe('HD 172167');
    expect(res.body.links.page).toBe('/rdf/pds4-targets/esa%3Apsa%3Astar.hd_172167');
  });

  it('404 names an unknown vocabulary or term', async () => {
    const res = await request(app).get('/api/v1/vocabularies/refframe/terms/NOPE').expect(404);
    expect(res.body.detail).toMatch(/NOPE/);
    await request(app).get('/api/v1/vocabularies/nope/terms/ICRS').expect(404);
  });

  it('GET /api/v1/lookup?iri= finds any hosted IRI; 400 without iri, 404 for an unknown one', async () => {
    const res = await request(app).get('/api/v1/lookup').query({ iri: 'http://voparis-ns.obspm.fr/rdf/ihdea/refframe#GSE' }).expect(200);
    expect(res.body).toMatchObject({ id: 'GSE', vocabulary: 'ihdea_refframe', label: 'Geocentric Solar Ecliptic' });
    const bad = await request(app).get('/api/v1/lookup').expect(400);
    expect(bad.body.parameter).toBe('iri');
    await request(app).get('/api/v1/lookup').query({ iri: 'http://www.ivoa.net/rdf/refframe#NOPE' }).expect(404);
    const terms = await request(app).get('/api/v1/terms').query({ iri: 'http://www.ivoa.net/rdf/refframe#ICRS' }).expect(200);
    expect(terms.body.id).toBe('ICRS');
  });

  it("GET /vocabularies/{vocab}/lookup?label= follows Skosmos' precedence; 404 when none", async () => {
    const exact = await request(app).get('/api/v1/vocabularies/refframe/lookup').query({ label: 'ICRS' }).expect(200);
    expect(exact.body).toMatchObject({ match: 'exact-label', total: 1, terms: [{ id: 'ICRS' }] });
    const insensitive = await request(app).get('/api/v1/vocabularies/refframe/lookup').query({ label: 'icrs' }).expect(200);
    expect(insensitive.body.match).toBe('case-insensitive-label');
    const alt = await request(app).get('/api/v1/vocabularies/facility/lookup').query({ label: 'Janus mission' }).expect(200);
    expect(alt.body).toMatchObject({ match: 'exact-alt-label', terms: [{ id: 'janus' }] });
    await request(app).get('/api/v1/vocabularies/refframe/lookup').query({ label: 'Nowhere' }).expect(404);
    const bad = await request(app).get('/api/v1/vocabularies/refframe/lookup').expect(400);
    expect(bad.body.parameter).toBe('label');
  });
});

describe('search', () => {
  it('GET /api/v1/search ranks and says the match type and score of each hit', async () => {
    const res = await request(app).get('/api/v1/search').query({ q: 'GSE' }).expect(200);
    expect(res.body.total).toBeGreaterThanOrEqual(3);
    expect(res.body.hits[0]).toMatchObject({ label: 'GSE', match: 'exact-label', vocabulary: 'spase-CoordinateSystemName' });
    expect(typeof res.body.hits[0].score).toBe('number');
    expect(res.body.hits.map((h: { match: string }) => h.match)).toContain('acronym');
  });

  it('suggest=true autocompletes: gal → Galactic', async () => {
    const res = await request(app).get('/api/v1/search').query({ q: 'gal', suggest: 'true' }).expect(200);
    expect(res.body.limit).toBe(10);
    expect(res.body.hits.map((h: { label: string }) => h.label)).toContain('Galactic');
  });

  it('Greek letters and typos: β Cep, Galactci', async () => {
    const greek = await request(app).get('/api/v1/search').query({ q: 'β Cep' }).expect(200);
    expect(greek.body.hits[0].id).toBe('beta-cephei-variable-stars');
    const typo = await request(app).get('/api/v1/search').query({ q: 'Galactci', vocab: 'refframe' }).expect(200);
    expect(typo.body.hits[0]).toMatchObject({ label: 'Galactic', match: 'fuzzy' });
  });

  it('hides deprecated terms unless status=all or deprecated, and marks preliminary ones', async () => {
    const hidden = await request(app).get('/api/v1/search').query({ q: 'Galactic', vocab: 'refframe' }).expect(200);
    expect(hidden.body.hits.map((h: { id: string }) => h.id)).not.toContain('galactic');
    const all = await request(app).get('/api/v1/search').query({ q: 'Galactic', vocab: 'refframe', status: 'all' }).expect(200);
    expect(all.body.hits.find((h: { id: string }) => h.id === 'galactic')).toMatchObject({ deprecated: true });
    const preliminary = await request(app).get('/api/v1/search').query({ q: 'Janus', vocab: 'facility' }).expect(200);
    expect(preliminary.body.hits[0]).toMatchObject({ id: 'janus', preliminary: true });
  });

  it('filters by vocabularies and communities, and pages with totals', async () => {
    const res = await request(app).get('/api/v1/search').query({ q: 'star', community: 'IVOA,IPDA', limit: 5, offset: 5 }).expect(200);
    expect(res.body).toMatchObject({ limit: 5, offset: 5 });
    expect(res.body.hits).toHaveLength(5);
    expect(res.body.total).toBeGreaterThan(10);
    expect(res.body.hits.every((h: { community: string }) => ['IVOA', 'IPDA'].includes(h.community))).toBe(true);
  });

  it.each([
    [{}, 'q'],
    [{ q: '  ' }, 'q'],
    [{ q: 'x', limit: '0' }, 'limit'],
    [{ q: 'x', limit: '1000' }, 'limit'],
    [{ q: 'x', limit: 'ten' }, 'limit'],
    [{ q: 'x', offset: '-1' }, 'offset'],
    [{ q: 'x', status: 'old' }, 'status'],
    [{ q: 'x', suggest: 'yes' }, 'suggest'],
    [{ q: 'x', community: 'NASA' }, 'community'],
    [{ q: 'x', vocab: 'nope' }, 'vocab'],
  ])('a bad parameter %j is a 400 naming %s', async (query, parameter) => {
    const res = await request(app)
      .get('/api/v1/search')
      .query(query)
      .expect(400)
      .expect('content-type', /problem\+json/);
    expect(res.body.parameter).toBe(parameter);
  });
});

describe('hierarchy', () => {
  it('broader, narrower, ancestors, descendants with hasChildren and totals', async () => {
    const broader = await request(app).get('/api/v1/vocabularies/refframe/terms/ICRS/broader').expect(200);
    expect(broader.body).toMatchObject({ relation: 'broader', total: 1, terms: [{ id: 'EQUATORIAL', hasChildren: true }] });
    const narrower = await request(app).get('/api/v1/vocabularies/refframe/terms/EQUATORIAL/narrower').expect(200);
    expect(narrower.body.terms.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(['ICRS', 'FK4', 'FK5']));
    const descendants = await request(app).get('/api/v1/vocabularies/uat/terms/astronomical-methods/descendants?limit=10').expect(200);
    expect(descendants.body.total).toBeGreaterThan(10);
    expect(descendants.body.terms).toHaveLength(10);
    const ancestors = await request(app).get('/api/v1/vocabularies/uat/terms/apparent-magnitude/ancestors').expect(200);
    expect(ancestors.body.terms.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(['magnitude', 'astrometry']));
  });

  it('paths to the top carry each level with its siblings (tree view)', async () => {
    const res = await request(app).get('/api/v1/vocabularies/refframe/terms/ICRS/paths').expect(200);
    expect(res.body.total).toBe(1);
    const [path] = res.body.paths;
    expect(path.map((n: { id: string }) => n.id)).toEqual(['EQUATORIAL', 'ICRS']);
    expect(path[0].siblings.map((n: { id: string }) => n.id)).toContain('ECLIPTIC');
    expect(path[1].siblings.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining(['ICRS', 'FK4']));
  });

  it('top concepts of a vocabulary; 404 for an unknown one, 400 for a bad limit', async () => {
    const res = await request(app).get('/api/v1/vocabularies/uat/top-concepts').expect(200);
    expect(res.body.terms[0]).toMatchObject({ id: 'astronomical-methods', hasChildren: true });
    await request(app).get('/api/v1/vocabularies/nope/top-concepts').expect(404);
    const bad = await request(app).get('/api/v1/vocabularies/uat/top-concepts?limit=0').expect(400);
    expect(bad.body.parameter).toBe('limit');
  });
});

describe('HTTP manners', () => {
  it('an ETag (strong on a term: it comes from the data), Cache-Control and CORS; If-None-Match gives 304 (RFC 9110 §13.1.2)', async () => {
    const res = await request(app).get('/api/v1/vocabularies/refframe/terms/ICRS').expect(200);
    expect(res.headers.etag).toMatch(/^"t-/);
    expect(res.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    await request(app).get('/api/v1/vocabularies/refframe/terms/ICRS').set('If-None-Match', res.headers.etag!).expect(304);
    const other = await request(app).get('/api/v1/vocabularies/refframe/terms/FK4').expect(200);
    expect(other.headers.etag).not.toBe(res.headers.etag);
  });

  it('answers a CORS preflight', async () => {
    const res = await request(app).options('/api/v1/search').set('Origin', 'https://example.org').set('Access-Control-Request-Method', 'GET').expect(204);
    expect(res.headers['access-control-allow-methods']).toMatch(/GET/);
  });

  it('a problem answer is neither cached nor tagged', async () => {
    const res = await request(app).get('/api/v1/vocabularies/refframe/terms/NOPE').expect(404);
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('OpenAPI', () => {
  it('GET /api/v1/openapi.json describes every route by its site path: the API under /api/v1, Skosmos under /rest/v1, the pages', async () => {
    const res = await request(app).get('/api/v1/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.servers).toEqual([{ url: '/' }]);
    for (const path of [
      '/api/v1/vocabularies',
      '/api/v1/vocabularies/{vocab}/terms/{id}',
      '/api/v1/lookup',
      '/api/v1/search',
      '/api/v1/vocabularies/{vocab}/terms/{id}/paths',
      '/rest/v1/{vocid}/hierarchy',
      '/rest/v1/search',
      '/search',
    ]) {
      expect(res.body.paths[path]).toBeDefined();
    }
    expect(res.body.paths['/search'].get.responses['200'].content).toHaveProperty(['text/html']);
    expect(res.body.paths['/api/v1/search'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'q',
      'vocab',
      'community',
      'status',
      'limit',
      'offset',
      'suggest',
    ]);
    const refs = JSON.stringify(res.body).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const ref of new Set(refs)) expect(res.body.components.schemas[ref.split('/').pop()!]).toBeDefined();
  });

  it('GET /api/v1/docs is a page listing the operations, with no script and nothing from another origin', async () => {
    const res = await request(app).get('/api/v1/docs').expect(200).expect('content-type', /html/);
    expect(res.text).toContain('/api/v1/search');
    expect(res.text).toContain('/rest/v1/{vocid}/lookup');
    expect(res.text).not.toMatch(/<script|https?:\/\/cdn/i);
    expect([...res.text.matchAll(/<link [^>]*href="([^"]*)"/g)].map((m) => m[1])).toEqual(['/static/api-docs.css']);
  });
});

describe('after a change', () => {
  it('the lookup rebuilds from the service and the ETags change', async () => {
    const before = await request(app).get('/api/v1/search').query({ q: 'Qzwxvy' }).expect(200);
    expect(before.body.total).toBe(0);
    const graph = service.index.vocabulary('refframe')!.graph;
    const quads: Quad[] = [
      ...service.store.local.quadsOfGraph(graph),
      factory.quad(iri('http://www.ivoa.net/rdf/refframe#ICRS'), iri(`${SKOS}altLabel`), literal('Qzwxvy'), iri(graph)),
    ];
    await service.writeGraphs(new Map([[graph, quads]]));
    const after = await request(app).get('/api/v1/search').query({ q: 'Qzwxvy' }).set('If-None-Match', before.headers.etag!).expect(200);
    expect(after.body.hits[0]).toMatchObject({ id: 'ICRS', match: 'exact-alt-label' });
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });
});
