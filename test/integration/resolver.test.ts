/**
 * The IRI resolver and content negotiation on the whole mirror: page paths for every hosted
 * vocabulary and term, /resolve?iri= for every namespace, each format for vocabularies and single
 * terms (parsed back and compared with the store), 400 / 404 / 406 problem details.
 */

import type { Express } from 'express';
import jsonld from 'jsonld';
import N3 from 'n3';
import oxigraph from 'oxigraph';
import rdfIsomorphic from 'rdf-isomorphic';
import request from 'supertest';
import { createApp } from '../../src/http/index.js';
import type { Quad } from '../../src/model/index.js';
import { PagePaths, QuadsBySubject, termPath, toDesise, vocabularyPath } from '../../src/render/index.js';
import { createLookup, resolveIri, type LiveLookup, type VocabularyService } from '../../src/vocab/index.js';
import { loadMirrorService } from '../support/loaded-service.js';

const { isomorphic } = rdfIsomorphic;

let service: VocabularyService;
let lookup: LiveLookup;
let app: Express;

beforeAll(async () => {
  service = await loadMirrorService();
  lookup = createLookup(service);
  app = createApp({ vocabularies: service, lookup, log: (error) => console.error(error) });
}, 120_000);

afterAll(() => lookup.close());

const triples = (quads: readonly Quad[]): Quad[] =>
  quads.map((q) => N3.DataFactory.quad(q.subject as N3.Quad_Subject, q.predicate as N3.Quad_Predicate, q.object as N3.Quad_Object));
const graphOf = (id: string): Quad[] => triples(service.store.local.quadsOfGraph(lookup.index.vocabulary(id)!.graph));
const descriptionOf = (id: string, termId: string): Quad[] =>
  triples(new QuadsBySubject(service.store.local.quadsOfGraph(lookup.index.vocabulary(id)!.graph)).describe(lookup.index.term(id, termId)!.iri));

/** Parses an answer back into triples with a parser other than the writer's where one is at hand. */
async function parse(body: string, mediaType: string): Promise<Quad[]> {
  if (mediaType === 'application/ld+json') return triples((await jsonld.toRDF(JSON.parse(body) as jsonld.JsonLdDocument)) as unknown as Quad[]);
  if (mediaType === 'application/rdf+xml') {
    const nt = new oxigraph.Store(oxigraph.parse(body, { format: 'application/rdf+xml' })).dump({
      format: 'application/n-triples',
      from_graph_name: oxigraph.defaultGraph(),
    });
    return new N3.Parser({ format: 'N-Triples' }).parse(nt);
  }
  return new N3.Parser({ format: mediaType }).parse(body);
}

const RDF_TYPES = [
  ['ttl', 'text/turtle'],
  ['rdfxml', 'application/rdf+xml'],
  ['jsonld', 'application/ld+json'],
  ['nt', 'application/n-triples'],
] as const;

describe('page paths (one rule for pages, resolver and REST links)', () => {
  it('IVOA vocabularies keep their ivoa.net/rdf path, the others use their catalogue id', () => {
    const path = (id: string) => vocabularyPath(lookup.index.vocabulary(id)!);
    expect(path('refframe')).toBe('/rdf/refframe');
    expect(path('datalink')).toBe('/rdf/datalink/core');
    expect(path('date_role')).toBe('/rdf/voresource/date_role');
    expect(path('uat')).toBe('/rdf/uat');
    expect(path('epn_target_class')).toBe('/rdf/epn_target_class');
    expect(path('spase-MeasurementType')).toBe('/rdf/spase-MeasurementType');
    expect(termPath(lookup.index.vocabulary('datalink')!, 'progenitor')).toBe('/rdf/datalink/core/progenitor');
  });

  it('every hosted vocabulary has its own path, and every term path maps back to its term', () => {
    const paths = new PagePaths(lookup.index.vocabularies);
    let terms = 0;
    for (const vocabulary of lookup.index.vocabularies) {
      expect(paths.resolve(vocabularyPath(vocabulary))).toEqual({ vocabulary });
      for (const term of lookup.index.terms(vocabulary.id)) {
        const target = paths.resolve(termPath(vocabulary, term.id));
        expect(target?.vocabulary.id).toBe(vocabulary.id);
        expect(target?.termId).toBe(term.id);
        terms++;
      }
    }
    expect(terms).toBe(lookup.index.size);
  });

  it('a PDS4 id with colons and an apostrophe is one encoded path segment', () => {
    const facilities = lookup.index.vocabulary('pds4-facilities')!;
    expect(termPath(facilities, "observatory.valle_d'aosta")).toBe("/rdf/pds4-facilities/observatory.valle_d'aosta");
    expect(termPath(facilities, 'esa:psa:observatory.estrack')).toBe('/rdf/pds4-facilities/esa%3Apsa%3Aobservatory.estrack');
  });
});

describe('GET /resolve?iri= (303 See Other to the representation)', () => {
  it('every hosted term IRI and vocabulary IRI resolves to its own page path', () => {
    for (const vocabulary of lookup.index.vocabularies) {
      expect(resolveIri(lookup.index, vocabulary.iri)).toEqual({ vocabulary });
      for (const term of lookup.index.terms(vocabulary.id)) {
        const target = resolveIri(lookup.index, term.iri);
        // A term IRI that two vocabularies share resolves to the first vocabulary that has it.
        expect(target?.term?.iri).toBe(term.iri);
      }
    }
  });

  it.each([
    ['http://www.ivoa.net/rdf/refframe#ICRS', '/rdf/refframe/ICRS'],
    ['http://www.ivoa.net/rdf/datalink/core#progenitor', '/rdf/datalink/core/progenitor'],
    ['http://voparis-ns.obspm.fr/rdf/epn/2.0/target-class#asteroid', '/rdf/epn_target_class/asteroid'],
    ['https://astrovoc.org/rdf/spase/CoordinateSystemName#GSE', '/rdf/spase-CoordinateSystemName/GSE'],
    ['https://astrovoc.org/rdf/pds4/facility#esa:psa:observatory.estrack', '/rdf/pds4-facilities/esa%3Apsa%3Aobservatory.estrack'],
    ['http://www.ivoa.net/rdf/refframe', '/rdf/refframe'],
    ['http://www.ivoa.net/rdf/refframe#', '/rdf/refframe'],
  ])('%s → %s', async (iri, path) => {
    const res = await request(app).get('/resolve').query({ iri }).expect(303);
    expect(res.headers.location).toBe(path);
    expect(res.headers.vary).toMatch(/Accept/);
    await request(app)
      .get(res.headers.location!)
      .expect(200)
      .expect('content-type', /text\/html/);
  });

  it('a UAT concept resolves too', async () => {
    const term = lookup.index.terms('uat')[0]!;
    const res = await request(app).get('/resolve').query({ iri: term.iri }).expect(303);
    expect(res.headers.location).toBe(`/rdf/uat/${encodeURIComponent(term.id)}`);
  });

  it('VocInVO2 §3.2: with Accept: text/turtle the redirect names the Turtle form; ?format= works too', async () => {
    const turtle = await request(app).get('/resolve').query({ iri: 'http://www.ivoa.net/rdf/refframe#ICRS' }).set('Accept', 'text/turtle').expect(303);
    expect(turtle.headers.location).toBe('/rdf/refframe/ICRS?format=ttl');
    const desise = await request(app).get('/resolve').query({ iri: 'http://www.ivoa.net/rdf/refframe', format: 'desise' }).expect(303);
    expect(desise.headers.location).toBe('/rdf/refframe?format=desise');
  });

  it('400 names the missing iri parameter; 404 for an IRI astrovoc does not host (RFC 9457)', async () => {
    const missing = await request(app)
      .get('/resolve')
      .expect(400)
      .expect('content-type', /application\/problem\+json/);
    expect(missing.body).toMatchObject({ status: 400, parameter: 'iri' });
    const unknown = await request(app)
      .get('/resolve')
      .query({ iri: 'http://example.org/nothing#here' })
      .expect(404)
      .expect('content-type', /application\/problem\+json/);
    expect(unknown.body.detail).toContain('http://example.org/nothing#here');
    const unknownTerm = await request(app).get('/resolve').query({ iri: 'http://www.ivoa.net/rdf/refframe#NOPE' }).expect(404);
    expect(unknownTerm.body.status).toBe(404);
  });
});

describe('content negotiation on a vocabulary (VocInVO2 §3.2)', () => {
  it('HTML by default, with Vary: Accept and Link headers to the other forms', async () => {
    const res = await request(app)
      .get('/rdf/refframe')
      .expect(200)
      .expect('content-type', /text\/html/);
    expect(res.headers.vary).toMatch(/Accept/);
    expect(res.headers.link).toContain('</rdf/refframe?format=ttl>; rel="alternate"; type="text/turtle"');
    expect(res.text).toContain('<h1 id="vocab-title">Reference Frames</h1>');
    const browser = await request(app).get('/rdf/refframe').set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8').expect(200);
    expect(browser.headers['content-type']).toMatch(/text\/html/);
  });

  describe.each(RDF_TYPES)('%s (%s)', (format, mediaType) => {
    it('by Accept and by ?format=, the same triples as the store holds', async () => {
      const byAccept = await request(app).get('/rdf/refframe').set('Accept', mediaType).expect(200);
      expect(byAccept.headers['content-type']).toContain(mediaType);
      expect(byAccept.headers.vary).toMatch(/Accept/);
      const byFormat = await request(app).get(`/rdf/refframe?format=${format}`).expect(200);
      expect(byFormat.text).toBe(byAccept.text);
      const parsed = await parse(byAccept.text, mediaType);
      const stored = graphOf('refframe');
      expect(parsed.length).toBe(stored.length);
      expect(isomorphic(parsed, stored)).toBe(true);
    });
  });

  it('Turtle uses prefixes: skos, rdfs, ivoasem and one for the vocabulary itself', async () => {
    const res = await request(app).get('/rdf/product-type?format=ttl').expect(200);
    expect(res.text).toMatch(/@prefix skos: <http:\/\/www\.w3\.org\/2004\/02\/skos\/core#>/);
    expect(res.text).toMatch(/@prefix product-type: <http:\/\/www\.ivoa\.net\/rdf\/product-type#>/);
    expect(res.text).toContain('product-type:spectrum');
  });

  it('desise by Accept: application/x-desise+json, equal to the desise writer output', async () => {
    const res = await request(app).get('/rdf/refframe').set('Accept', 'application/x-desise+json').expect(200);
    expect(res.headers['content-type']).toContain('application/x-desise+json');
    const meta = lookup.index.vocabulary('refframe')!;
    expect(JSON.parse(res.text)).toEqual(toDesise(meta, lookup.index.terms('refframe')));
  });

  it('a larger vocabulary (facility, ~39,000 triples) round-trips in Turtle', async () => {
    const res = await request(app).get('/rdf/facility').set('Accept', 'text/turtle').expect(200);
    const parsed = await parse(res.text, 'text/turtle');
    expect(isomorphic(parsed, graphOf('facility'))).toBe(true);
  });

  it('a q-value order is respected: Turtle preferred over RDF/XML', async () => {
    const res = await request(app).get('/rdf/refframe').set('Accept', 'application/rdf+xml;q=0.5, text/turtle').expect(200);
    expect(res.headers['content-type']).toContain('text/turtle');
  });
});

describe('content negotiation on a single term', () => {
  describe.each(RDF_TYPES)('%s (%s)', (format, mediaType) => {
    it('ICRS: its concise bounded description, by Accept and by ?format=', async () => {
      const byAccept = await request(app).get('/rdf/refframe/ICRS').set('Accept', mediaType).expect(200);
      expect(byAccept.headers['content-type']).toContain(mediaType);
      const byFormat = await request(app).get(`/rdf/refframe/ICRS?format=${format}`).expect(200);
      expect(byFormat.text).toBe(byAccept.text);
      const parsed = await parse(byAccept.text, mediaType);
      const expected = descriptionOf('refframe', 'ICRS');
      expect(expected.length).toBeGreaterThan(3);
      expect(expected.every((q) => q.subject.value === 'http://www.ivoa.net/rdf/refframe#ICRS')).toBe(true);
      expect(isomorphic(parsed, expected)).toBe(true);
    });
  });

  it('a term of a nested IVOA path: /rdf/datalink/core/progenitor in Turtle', async () => {
    const res = await request(app).get('/rdf/datalink/core/progenitor').set('Accept', 'text/turtle').expect(200);
    const parsed = await parse(res.text, 'text/turtle');
    expect(parsed.some((q) => q.subject.value === 'http://www.ivoa.net/rdf/datalink/core#progenitor')).toBe(true);
    expect(isomorphic(parsed, descriptionOf('datalink', 'progenitor'))).toBe(true);
  });

  it('a term desise keeps the vocabulary envelope with the one term (VocInVO2 desise)', async () => {
    const res = await request(app).get('/rdf/refframe/galactic').set('Accept', 'application/x-desise+json').expect(200);
    expect(JSON.parse(res.text)).toEqual({
      uri: 'http://www.ivoa.net/rdf/refframe',
      flavour: 'RDF Class',
      terms: {
        galactic: {
          label: 'Galactic',
          description: 'Old VOTable COOSYS term for GALACTIC.',
          deprecated: '',
          useInstead: 'GALACTIC',
          wider: ['GENERIC_GALACTIC'],
          narrower: [],
        },
      },
    });
  });

  it('a PDS4 term whose id holds colons answers at its encoded path', async () => {
    const res = await request(app).get('/rdf/pds4-facilities/esa%3Apsa%3Aobservatory.estrack?format=nt').expect(200);
    expect(res.text).toContain('<https://astrovoc.org/rdf/pds4/facility#esa:psa:observatory.estrack>');
  });
});

describe('errors as problem details', () => {
  it('406 lists what is available when nothing matches Accept', async () => {
    const res = await request(app)
      .get('/rdf/refframe/ICRS')
      .set('Accept', 'application/pdf')
      .expect(406)
      .expect('content-type', /application\/problem\+json/);
    expect(res.body.available.map((a: { mediaType: string }) => a.mediaType)).toEqual([
      'text/html',
      'text/turtle',
      'application/rdf+xml',
      'application/ld+json',
      'application/n-triples',
      'application/x-desise+json',
    ]);
    expect(res.body.detail).toContain('application/pdf');
    expect(res.headers.vary).toMatch(/Accept/);
  });

  it('400 names the format parameter for an unknown format', async () => {
    const res = await request(app).get('/rdf/refframe?format=pdf').expect(400);
    expect(res.body).toMatchObject({ status: 400, parameter: 'format' });
  });

  it('404 for an unknown term of a hosted vocabulary, and for an unknown vocabulary path', async () => {
    const term = await request(app)
      .get('/rdf/refframe/NOPE')
      .expect(404)
      .expect('content-type', /application\/problem\+json/);
    expect(term.body.detail).toContain('NOPE');
    await request(app).get('/rdf/no-such-vocabulary').expect(404);
    await request(app).get('/rdf/refframe/ICRS/extra').expect(404);
  });
});
