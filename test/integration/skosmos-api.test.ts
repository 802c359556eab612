/** The Skosmos-compatible /rest/v1 API on the whole mirror: Skosmos' response shapes (NatLibFi/Skosmos RestController). */
import express, { type Express } from 'express';
import request from 'supertest';
import { httpCaching } from '../../src/http/http-caching.js';
import { notFoundHandler, problemHandler } from '../../src/http/problem.js';
import { apiRouter } from '../../src/http/api/mount-routes.js';
import { skosmosRoutes } from '../../src/http/routes/skosmos-routes.js';
import type { VocabularyService } from '../../src/vocab/index.js';
import { createLookup, type LiveLookup } from '../../src/vocab/index.js';
import { loadMirrorService } from '../support/loaded-service.js';

let service: VocabularyService;
let lookup: LiveLookup;
let app: Express;
const REF = 'http://www.ivoa.net/rdf/refframe#';
const UAT = 'http://www.ivoa.net/rdf/uat#';

beforeAll(async () => {
  service = await loadMirrorService();
  lookup = createLookup(service);
  app = express();
  app.set('query parser', 'simple');
  app.use('/rest/v1', httpCaching({ generation: () => lookup.generation }));
  app.use(apiRouter([skosmosRoutes(service, lookup)]));
  app.use(notFoundHandler);
  app.use(problemHandler(() => {}));
}, 120_000);
afterAll(() => lookup.close());

describe('Skosmos /rest/v1', () => {
  it('vocabularies: {@context, uri, vocabularies: [{uri, id, title}]} sorted by id', async () => {
    const res = await request(app).get('/rest/v1/vocabularies?lang=en').expect(200);
    expect(res.body['@context']).toMatchObject({ onki: 'http://schema.onki.fi/onki#', uri: '@id', vocabularies: 'onki:hasVocabulary' });
    expect(res.body.uri).toBe('');
    const ids = res.body.vocabularies.map((v: { id: string }) => v.id);
    expect(ids).toEqual([...ids].sort());
    expect(res.body.vocabularies.find((v: { id: string }) => v.id === 'refframe')).toEqual({ uri: 'refframe', id: 'refframe', title: expect.any(String) });
  });

  it('search: a query without * is a prefix search; results carry uri, type, prefLabel, lang, vocab', async () => {
    const res = await request(app).get('/rest/v1/search?query=galactic&lang=en&vocab=refframe').expect(200);
    expect(res.body['@context'].results).toEqual({ '@id': 'onki:results', '@container': '@list' });
    expect(res.body.uri).toBe('');
    const uris = res.body.results.map((r: { uri: string }) => r.uri);
    expect(uris).toEqual(expect.arrayContaining([`${REF}GALACTIC`, `${REF}GENERIC_GALACTIC`]));
    expect(uris).not.toContain(`${REF}galactic`);
    expect(res.body.results[0]).toMatchObject({ type: ['rdfs:Class'], prefLabel: 'Galactic', lang: 'en', vocab: 'refframe' });
  });

  it('search: * is a wildcard anywhere, vocab takes several ids, maxhits and offset page', async () => {
    const res = await request(app).get('/rest/v1/search').query({ query: '*solar ecliptic', vocab: 'ihdea_refframe spase-CoordinateSystemName' }).expect(200);
    expect(res.body.results.map((r: { uri: string }) => r.uri)).toContain('http://voparis-ns.obspm.fr/rdf/ihdea/refframe#GSE');
    const all = await request(app).get('/rest/v1/search').query({ query: 'gal*', maxhits: 1000 }).expect(200);
    const page = await request(app).get('/rest/v1/search').query({ query: 'gal*', maxhits: 3, offset: 2 }).expect(200);
    expect(page.body.results).toEqual(all.body.results.slice(2, 5));
  });

  it('search: a match on an alt label is reported as altLabel', async () => {
    const res = await request(app).get('/rest/v1/uat/search').query({ query: 'Beta Cephei stars' }).expect(200);
    expect(res.body.results[0]).toMatchObject({
      uri: `${UAT}beta-cephei-variable-stars`,
      prefLabel: 'Beta Cephei variable stars',
      altLabel: 'Beta Cephei stars',
      vocab: 'uat',
    });
  });

  it('search: parent restricts to concepts below it', async () => {
    const res = await request(app)
      .get('/rest/v1/refframe/search')
      .query({ query: '*', parent: `${REF}EQUATORIAL` })
      .expect(200);
    const uris = res.body.results.map((r: { uri: string }) => r.uri);
    expect(uris).toContain(`${REF}ICRS`);
    expect(uris).not.toContain(`${REF}ECLIPTIC`);
  });

  it('search: 400 without query or with a bad maxhits; 404 for an unknown vocabulary', async () => {
    expect((await request(app).get('/rest/v1/search').expect(400)).body.parameter).toBe('query');
    expect((await request(app).get('/rest/v1/search?query=x&maxhits=0').expect(400)).body.parameter).toBe('maxhits');
    await request(app).get('/rest/v1/nope/search?query=x').expect(404);
  });

  it('{vocid}: vocabulary information with its concept scheme', async () => {
    const res = await request(app).get('/rest/v1/uat?lang=en').expect(200);
    expect(res.body).toMatchObject({
      uri: '',
      id: 'uat',
      defaultLanguage: 'en',
      languages: ['en'],
      conceptschemes: [{ uri: 'http://www.ivoa.net/rdf/uat', type: 'skos:ConceptScheme' }],
    });
  });

  it('{vocid}/lookup: exact prefLabel, then case-insensitive, then altLabel; 404 when none', async () => {
    const exact = await request(app).get('/rest/v1/refframe/lookup?label=ICRS&lang=en').expect(200);
    expect(exact.body.result).toEqual([{ uri: `${REF}ICRS`, type: ['rdfs:Class'], localname: 'ICRS', prefLabel: 'ICRS', lang: 'en', vocab: 'refframe' }]);
    expect(exact.body['@context']).toMatchObject({ '@language': 'en', prefLabel: 'skos:prefLabel' });
    const insensitive = await request(app).get('/rest/v1/refframe/lookup?label=icrs').expect(200);
    expect(insensitive.body.result[0].uri).toBe(`${REF}ICRS`);
    const alt = await request(app).get('/rest/v1/uat/lookup').query({ label: 'Beta Cephei stars' }).expect(200);
    expect(alt.body.result[0]).toMatchObject({ uri: `${UAT}beta-cephei-variable-stars`, altLabel: 'Beta Cephei stars' });
    await request(app).get('/rest/v1/refframe/lookup?label=Nowhere').expect(404);
    expect((await request(app).get('/rest/v1/refframe/lookup').expect(400)).body.parameter).toBe('label');
  });

  it('{vocid}/broader and narrower: {uri, broader|narrower: [{uri, prefLabel}]}', async () => {
    const broader = await request(app)
      .get('/rest/v1/refframe/broader')
      .query({ uri: `${REF}ICRS` })
      .expect(200);
    expect(broader.body).toMatchObject({ uri: `${REF}ICRS`, broader: [{ uri: `${REF}EQUATORIAL`, prefLabel: 'Equatorial' }] });
    expect(broader.body['@context'].broader).toBe('skos:broader');
    const narrower = await request(app)
      .get('/rest/v1/refframe/narrower')
      .query({ uri: `${REF}EQUATORIAL` })
      .expect(200);
    expect(narrower.body.narrower).toEqual(expect.arrayContaining([{ uri: `${REF}ICRS`, prefLabel: 'ICRS' }]));
  });

  it('{vocid}/broaderTransitive: keyed by URI, the concept itself included, each with its direct broader', async () => {
    const res = await request(app)
      .get('/rest/v1/uat/broaderTransitive')
      .query({ uri: `${UAT}apparent-magnitude` })
      .expect(200);
    const map = res.body.broaderTransitive;
    expect(map[`${UAT}apparent-magnitude`]).toMatchObject({ uri: `${UAT}apparent-magnitude`, broader: [`${UAT}magnitude`] });
    expect(map[`${UAT}magnitude`]).toMatchObject({ prefLabel: 'Magnitude', broader: [`${UAT}astrometry`] });
    expect(res.body['@context'].broaderTransitive).toEqual({ '@id': 'skos:broaderTransitive', '@container': '@index' });
  });

  it('{vocid}/narrowerTransitive: every narrower concept keyed by URI', async () => {
    const res = await request(app)
      .get('/rest/v1/refframe/narrowerTransitive')
      .query({ uri: `${REF}EQUATORIAL` })
      .expect(200);
    expect(Object.keys(res.body.narrowerTransitive)).toEqual(expect.arrayContaining([`${REF}EQUATORIAL`, `${REF}ICRS`, `${REF}FK5`]));
  });

  it("{vocid}/hierarchy: the path to the top with each level's narrower concepts and the top marked", async () => {
    const res = await request(app)
      .get('/rest/v1/refframe/hierarchy')
      .query({ uri: `${REF}ICRS` })
      .expect(200);
    const map = res.body.broaderTransitive;
    expect(map[`${REF}EQUATORIAL`]).toMatchObject({ top: 'http://www.ivoa.net/rdf/refframe', tops: ['http://www.ivoa.net/rdf/refframe'], hasChildren: true });
    expect(map[`${REF}EQUATORIAL`].narrower).toEqual(expect.arrayContaining([{ uri: `${REF}ICRS`, label: 'ICRS', hasChildren: false }]));
    expect(map[`${REF}ICRS`]).toMatchObject({ broader: [`${REF}EQUATORIAL`] });
  });

  it('{vocid}/topConcepts: [{uri, label, hasChildren, topConceptOf}]', async () => {
    const res = await request(app).get('/rest/v1/uat/topConcepts?lang=en').expect(200);
    expect(res.body.uri).toBe('http://www.ivoa.net/rdf/uat');
    expect(res.body.topconcepts[0]).toEqual({
      uri: `${UAT}astronomical-methods`,
      label: expect.any(String),
      hasChildren: true,
      topConceptOf: 'http://www.ivoa.net/rdf/uat',
    });
  });

  it('{vocid}/mappings: JSKOS mappings with from/to member sets', async () => {
    const res = await request(app)
      .get('/rest/v1/uat/mappings')
      .query({ uri: `${UAT}magnitude` })
      .expect(200);
    expect(res.body.mappings).toEqual([
      expect.objectContaining({
        uri: `${UAT}magnitude`,
        type: ['skos:exactMatch'],
        from: { memberSet: [{ uri: `${UAT}magnitude` }] },
        to: { memberSet: [{ uri: 'http://astrothesaurus.org/uat/999' }] },
      }),
    ]);
    expect(res.body.graph.uri).toBe(`${UAT}magnitude`);
  });

  it('{vocid}/label: the labels of a concept', async () => {
    const res = await request(app).get('/rest/v1/facility/label').query({ uri: 'http://www.ivoa.net/rdf/facility#janus' }).expect(200);
    expect(res.body).toMatchObject({ uri: 'http://www.ivoa.net/rdf/facility#janus', prefLabel: 'Janus', altLabel: ['Janus mission'] });
  });

  it('{vocid}/data: a concept as compacted JSON-LD, Turtle, or by Accept; 406 for a format it cannot serve', async () => {
    const json = await request(app)
      .get('/rest/v1/refframe/data')
      .query({ uri: `${REF}ICRS`, format: 'application/ld+json' })
      .expect(200)
      .expect('content-type', /application\/ld\+json/);
    const doc = JSON.parse(json.text);
    expect(doc['@context'].prefLabel).toBe('skos:prefLabel');
    const nodes = doc['@graph'] ?? [doc];
    expect(nodes.find((n: { uri: string }) => n.uri === `${REF}ICRS`)).toBeDefined();
    const turtle = await request(app)
      .get('/rest/v1/refframe/data')
      .query({ uri: `${REF}ICRS` })
      .set('Accept', 'text/turtle')
      .expect(200)
      .expect('content-type', /text\/turtle/);
    expect(turtle.text).toContain(`<${REF}ICRS>`);
    await request(app)
      .get('/rest/v1/refframe/data')
      .query({ uri: `${REF}ICRS`, format: 'text/html' })
      .expect(406)
      .expect('content-type', /problem\+json/);
    await request(app)
      .get('/rest/v1/refframe/data')
      .query({ uri: `${REF}ICRS` })
      .set('Accept', 'image/png')
      .expect(406);
    await request(app)
      .get('/rest/v1/refframe/data')
      .query({ uri: `${REF}NOPE` })
      .expect(404);
  });

  it('{vocid}/data without uri: the whole vocabulary; /data without uri is a 400', async () => {
    const res = await request(app).get('/rest/v1/refframe/data?format=text/turtle').expect(200);
    expect(res.text).toContain('ICRS');
    expect((await request(app).get('/rest/v1/data').expect(400)).body.parameter).toBe('uri');
  });

  it('404 for a concept of another vocabulary, 400 without uri', async () => {
    await request(app)
      .get('/rest/v1/uat/broader')
      .query({ uri: `${REF}ICRS` })
      .expect(404);
    expect((await request(app).get('/rest/v1/refframe/broader').expect(400)).body.parameter).toBe('uri');
  });
});
