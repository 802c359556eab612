/**
 * The HTML pages on the whole mirror (home, vocabulary, term, search), served by the real routers,
 * and a fixture vocabulary whose labels try to inject markup; then the static export of the whole site.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Express } from 'express';
import jsonld from 'jsonld';
import N3 from 'n3';
import rdfIsomorphic from 'rdf-isomorphic';
import request from 'supertest';
import { exportSite, SEARCH_INDEX_FILE, type StaticSearchIndex } from '../../src/cli/commands/pages-command.js';
import { createApp } from '../../src/http/index.js';
import type { Quad } from '../../src/model/index.js';
import { PageRenderer, QuadsBySubject } from '../../src/render/index.js';
import { OxigraphStore } from '../../src/store/index.js';
import { createLookup, VocabularyService, type LiveLookup } from '../../src/vocab/index.js';
import { loadMirrorService } from '../support/loaded-service.js';
import { EVIL_ENTRY } from '../support/evil-vocabulary.js';
import { PROJECT_ROOT } from '../support/mirror.js';

const { isomorphic } = rdfIsomorphic;
const pages = new PageRenderer(resolve(PROJECT_ROOT, 'templates'));

/** The real app, as `astrovoc serve` builds it (without SPARQL and mappings, which these pages do not need). */
function appFor(service: VocabularyService, lookup: LiveLookup): Express {
  return createApp({ vocabularies: service, lookup, log: (error) => console.error(error) });
}

/** The text of the first element matching a simple `<tag attr="value">` opening, up to its closing tag. */
function element(html: string, opening: string, tag: string): string {
  const start = html.indexOf(opening);
  if (start < 0) throw new Error(`no ${opening} in the page`);
  return html.slice(start + opening.length, html.indexOf(`</${tag}>`, start));
}

let service: VocabularyService;
let lookup: LiveLookup;
let app: Express;

beforeAll(async () => {
  service = await loadMirrorService();
  lookup = createLookup(service);
  app = appFor(service, lookup);
}, 120_000);

afterAll(() => lookup.close());

describe('home page', () => {
  it('lists the catalogue grouped by community with counts, and a search box', async () => {
    const res = await request(app)
      .get('/')
      .expect(200)
      .expect('content-type', /text\/html/);
    for (const community of ['IVOA', 'IPDA', 'IHDEA', 'UAT', 'UCD']) expect(res.text).toContain(`id="community-${community}"`);
    expect(res.text).toContain('<form class="big-search" role="search" action="/search" method="get"');
    expect(res.text).toContain('<label for="home-q">');
    for (const vocabulary of lookup.index.vocabularies) expect(res.text).toContain(`href="${vocabularyPathOf(vocabulary.id)}"`);
    expect(res.text).toMatch(/IVOA <span class="count">\d+ vocabularies · [\d,]+ terms<\/span>/);
    expect(res.text).toContain('<span class="meta">21 terms · 7 deprecated</span>');
  });

  it('has the landmarks: banner, navigation, main, contentinfo, and a skip link', async () => {
    const res = await request(app).get('/').expect(200);
    expect(res.text).toContain('<header role="banner">');
    expect(res.text).toContain('<nav aria-label="Main">');
    expect(res.text).toContain('<main id="main" tabindex="-1">');
    expect(res.text).toContain('<footer role="contentinfo">');
    expect(res.text).toContain('<a class="skip" href="#main">');
    expect(res.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });
});

const vocabularyPathOf = (id: string) => {
  const v = lookup.index.vocabulary(id)!;
  return v.iri.startsWith('http://www.ivoa.net/rdf/') ? `/rdf/${v.iri.slice('http://www.ivoa.net/rdf/'.length)}` : `/rdf/${encodeURIComponent(id)}`;
};

describe('vocabulary page', () => {
  it('refframe: metadata, licence, version, downloads in every format, and every term in the tree', async () => {
    const res = await request(app).get('/rdf/refframe').expect(200);
    expect(res.text).toContain('<h1 id="vocab-title">Reference Frames</h1>');
    expect(res.text).toContain('<dt>Version</dt><dd>2022-02-22</dd>');
    expect(res.text).toContain('<a href="http://creativecommons.org/publicdomain/zero/1.0/" rel="license">CC0-1.0</a>');
    expect(res.text).toContain('Rots, A.; Cresitello-Dittmar, M.; Demleitner, M.');
    // Handlebars writes `=` in attribute values as &#x3D;, which HTML reads back as `=`.
    for (const format of ['ttl', 'rdfxml', 'jsonld', 'nt', 'desise']) expect(res.text).toContain(`href="/rdf/refframe?format&#x3D;${format}"`);
    for (const term of lookup.index.terms('refframe')) expect(res.text).toContain(`<a href="/rdf/refframe/${term.id}">`);
    expect(res.text).toContain('<details open><summary>6 narrower</summary>');
  });

  it('a SKOS term with two parents is spelt out once; its second place says so (product-type spectral-cube)', async () => {
    const res = await request(app).get('/rdf/product-type').expect(200);
    expect(res.text.split('<a href="/rdf/product-type/spectral-cube">').length - 1).toBe(3);
    expect(res.text).toContain('(narrower terms listed above)');
  });

  it('the UAT (2,400 concepts, polyhierarchy) and the facility list (7,895 terms) render', async () => {
    const uat = await request(app).get('/rdf/uat').expect(200);
    for (const term of lookup.index.terms('uat')) expect(uat.text).toContain(`href="/rdf/uat/${encodeURIComponent(term.id)}"`);
    const facility = await request(app).get('/rdf/facility').expect(200);
    expect(facility.text).toContain('<strong>Draft.</strong>');
    expect(facility.text.split('<li><a href="/rdf/facility/').length - 1).toBe(7895);
  });
});

describe('term page', () => {
  it('deprecated refframe#galactic: banner linking to GALACTIC, breadcrumbs to the top, IRI with a copy button', async () => {
    const res = await request(app).get('/rdf/refframe/galactic').expect(200);
    const banner = element(res.text, '<div class="banner deprecated" role="note" id="deprecation">', 'div');
    expect(banner).toContain('<a href="/rdf/refframe/GALACTIC">Galactic</a>');
    const crumbs = element(res.text, '<nav aria-label="Breadcrumbs" class="crumbs">', 'nav');
    expect(crumbs).toContain('<a href="/rdf/refframe">Reference Frames</a>');
    expect(crumbs).toContain('<a href="/rdf/refframe/GENERIC_GALACTIC">Galactic</a>');
    expect(crumbs).toContain('<li aria-current="page">Galactic</li>');
    expect(res.text).toContain(
      '<span class="iri" id="term-iri">http://www.ivoa.net/rdf/refframe#galactic</span> <button type="button" class="copy" data-copy="term-iri" hidden>Copy</button>',
    );
    expect(res.text).toContain('<p class="definition">Old VOTable COOSYS term for GALACTIC.</p>');
    for (const format of ['ttl', 'rdfxml', 'jsonld', 'nt', 'desise']) expect(res.text).toContain(`href="/rdf/refframe/galactic?format&#x3D;${format}"`);
  });

  it("embeds its JSON-LD, which holds exactly the term's concise bounded description", async () => {
    const res = await request(app).get('/rdf/refframe/ICRS').expect(200);
    const embedded = JSON.parse(element(res.text, '<script type="application/ld+json">', 'script')) as jsonld.JsonLdDocument;
    const quads = (await jsonld.toRDF(embedded)) as unknown as Quad[];
    const meta = lookup.index.vocabulary('refframe')!;
    const expected = new QuadsBySubject(service.store.local.quadsOfGraph(meta.graph)).describe('http://www.ivoa.net/rdf/refframe#ICRS');
    const triples = (qs: readonly Quad[]) =>
      qs.map((q) => N3.DataFactory.quad(q.subject as N3.Quad_Subject, q.predicate as N3.Quad_Predicate, q.object as N3.Quad_Object));
    expect(isomorphic(triples(quads), triples(expected))).toBe(true);
  });

  it("children of EQUATORIAL, and a preliminary badge on a draft vocabulary's term", async () => {
    const equatorial = await request(app).get('/rdf/refframe/EQUATORIAL').expect(200);
    const narrower = element(equatorial.text, '<h2 id="children-title">Narrower</h2>', 'section');
    for (const id of ['geo_app', 'ICRS', 'FK4', 'FK5', 'eq_FK4', 'eq_FK5']) expect(narrower).toContain(`<a href="/rdf/refframe/${id}">`);
    const star = await request(app).get('/rdf/object-type/star').expect(200);
    expect(star.text).toContain('<span class="badge preliminary">preliminary</span>');
    expect(star.text).toContain('<strong>Preliminary.</strong>');
  });

  it('related terms (skos:related) link to the hosted term: epn_target_class asteroid → comet', async () => {
    const res = await request(app).get('/rdf/epn_target_class/asteroid').expect(200);
    const related = element(res.text, '<h2 id="related-title">Related</h2>', 'section');
    expect(related).toContain('<a href="/rdf/epn_target_class/comet">');
  });

  it("mappings are grouped by target vocabulary with the target's label, never a bare IRI when hosted", async () => {
    const res = await request(app).get('/rdf/epn_product_type/cu').expect(200);
    const mappings = element(res.text, '<h2 id="mappings-title">Mappings</h2>', 'section');
    expect(mappings).toContain('<h3><a href="/rdf/product-type">Data Product Type</a></h3>');
    expect(mappings).toContain('<span class="predicate">exactMatch</span> <a href="/rdf/product-type/cube">Cube</a>');
    expect(mappings).not.toContain('>http://www.ivoa.net/rdf/product-type#cube<');
    const external = await request(app).get('/rdf/object-type/star').expect(200);
    const simbad = element(external.text, '<h2 id="mappings-title">Mappings</h2>', 'section');
    expect(simbad).toContain('<h3>simbad.cds.unistra.fr</h3>');
    expect(simbad).toContain('<a href="https://simbad.cds.unistra.fr/simbad/otypes#%2A" class="iri external">');
  });
});

describe('search page (works without JavaScript)', () => {
  it('lists hits for the submitted form with the matched text highlighted', async () => {
    const res = await request(app).get('/search').query({ q: 'galactic', vocab: 'refframe' }).expect(200);
    expect(res.text).toContain('3 results for “galactic”');
    expect(res.text).toContain('<a href="/rdf/refframe/GALACTIC" class="result-label"><mark>Galactic</mark></a>');
    expect(res.text).toContain('<option value="refframe" selected>');
    expect(res.text).not.toContain('href="/rdf/refframe/galactic"');
  });

  it('status=all shows the deprecated term, badged; status=deprecated only those', async () => {
    const all = await request(app).get('/search').query({ q: 'galactic', vocab: 'refframe', status: 'all' }).expect(200);
    expect(all.text).toContain('href="/rdf/refframe/galactic" class="result-label"');
    expect(all.text).toContain('<span class="badge deprecated">deprecated</span>');
    const deprecated = await request(app).get('/search').query({ q: 'galactic', status: 'deprecated' }).expect(200);
    expect(deprecated.text).toContain('href="/rdf/refframe/galactic" class="result-label"');
    expect(deprecated.text).not.toContain('href="/rdf/refframe/GALACTIC" class="result-label"');
  });

  it('pages through results with next/previous links', async () => {
    const first = await request(app).get('/search').query({ q: 'star', limit: '5' }).expect(200);
    expect(first.text).toContain('rel="next"');
    const second = await request(app).get('/search').query({ q: 'star', limit: '5', offset: '5' }).expect(200);
    expect(second.text).toContain('rel="prev"');
  });

  it('an empty query shows the form; bad parameters are 400 problems naming the parameter', async () => {
    const empty = await request(app).get('/search').expect(200);
    expect(empty.text).toContain('<label for="search-q">');
    expect(empty.text).not.toContain('results for');
    for (const [parameter, value] of [
      ['vocab', 'nope'],
      ['status', 'maybe'],
      ['community', 'NASA'],
      ['limit', '0'],
      ['offset', '-1'],
    ] as const) {
      const res = await request(app)
        .get('/search')
        .query({ q: 'x', [parameter]: value })
        .expect(400)
        .expect('content-type', /application\/problem\+json/);
      expect(res.body.parameter).toBe(parameter);
    }
  });
});

describe('escaping: a vocabulary whose labels carry markup (test/fixtures/pages)', () => {
  let evil: Express;
  let evilLookup: LiveLookup;
  beforeAll(async () => {
    const entry = EVIL_ENTRY;
    const evilService = new VocabularyService(new OxigraphStore(), [entry]);
    const report = await evilService.load(resolve(PROJECT_ROOT, 'test', 'fixtures', 'pages'));
    expect(report.failures).toEqual([]);
    evilLookup = createLookup(evilService);
    evil = appFor(evilService, evilLookup);
  });
  afterAll(() => evilLookup.close());

  const noLiveMarkup = (html: string) => {
    expect(html).not.toMatch(/<script>alert/);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<em>of</em>');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).not.toMatch(/<\/title>" text/);
  };

  it('the term page shows a <script> label as text, and its embedded JSON-LD cannot close the script element', async () => {
    const res = await request(evil).get('/rdf/evil/scripted').expect(200);
    noLiveMarkup(res.text);
    expect(res.text).toContain('<h1 id="term-title">&lt;script&gt;alert(&quot;label&quot;)&lt;/script&gt;</h1>');
    const json = element(res.text, '<script type="application/ld+json">', 'script');
    expect(json).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(3)');
    expect(JSON.stringify(JSON.parse(json))).toContain('</script><script>alert(3)</script>');
  });

  it('the deprecated child page, the vocabulary page, home and search escape every label and description', async () => {
    for (const path of ['/rdf/evil/child', '/rdf/evil', '/', '/search?q=script&status=all', '/search?q=child&status=all']) {
      const res = await request(evil).get(path).expect(200);
      noLiveMarkup(res.text);
    }
    const child = await request(evil).get('/rdf/evil/child').expect(200);
    expect(child.text).toContain('Child &lt;em&gt;of&lt;/em&gt; scripted');
    expect(child.text).toContain('<a href="/rdf/evil/scripted">&lt;script&gt;alert(&quot;label&quot;)&lt;/script&gt;</a>');
    const vocabulary = await request(evil).get('/rdf/evil').expect(200);
    expect(vocabulary.text).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;');
    const search = await request(evil).get('/search?q=script&status=all').expect(200);
    expect(search.text).toContain('&lt;<mark>script</mark>&gt;');
  });
});

describe('astrovoc pages: the static export of the whole site', () => {
  let out: string;
  afterAll(() => out && rmSync(out, { recursive: true, force: true }));

  it('writes home, search, every vocabulary with its downloads, every term, and the search index', async () => {
    out = mkdtempSync(join(tmpdir(), 'astrovoc-pages-'));
    let calls = 0;
    let lastTotal = 0;
    const report = await exportSite({
      service,
      lookup,
      pages,
      outDir: out,
      staticDir: resolve(PROJECT_ROOT, 'static'),
      onProgress: (done, total) => ((calls = done), (lastTotal = total)),
    });
    const loaded = service.list().filter((h) => h.meta).length;
    expect(report.pages).toBe(2 + loaded + lookup.index.size);
    expect(calls).toBe(lastTotal);
    expect(report.files).toBe(lastTotal);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'search', 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'static', 'search.js'))).toBe(true);
    const galactic = readFileSync(join(out, 'rdf', 'refframe', 'galactic', 'index.html'), 'utf8');
    expect(galactic).toContain('<a href="/rdf/refframe/GALACTIC">Galactic</a>');
    expect(galactic).toContain('href="/rdf/refframe/vocabulary.ttl"');
    expect(galactic).not.toContain('href="/sparql"');
    expect(existsSync(join(out, 'rdf', 'datalink', 'core', 'progenitor', 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'rdf', 'pds4-facilities', 'esa:psa:observatory.estrack', 'index.html'))).toBe(true);
    const turtle = readFileSync(join(out, 'rdf', 'refframe', 'vocabulary.ttl'), 'utf8');
    expect(new N3.Parser().parse(turtle).length).toBe(service.store.local.quadsOfGraph(lookup.index.vocabulary('refframe')!.graph).length);
    expect(JSON.parse(readFileSync(join(out, 'rdf', 'refframe', 'vocabulary.desise'), 'utf8')).flavour).toBe('RDF Class');
    const index = JSON.parse(readFileSync(join(out, SEARCH_INDEX_FILE), 'utf8')) as StaticSearchIndex;
    expect(index.terms).toHaveLength(lookup.index.size);
    expect(index.terms).toContainEqual({ id: 'galactic', label: 'Galactic', vocabulary: 'refframe', path: '/rdf/refframe/galactic', deprecated: true });
    const search = readFileSync(join(out, 'search', 'index.html'), 'utf8');
    expect(search).toContain(`data-index-url="/${SEARCH_INDEX_FILE}"`);
  }, 120_000);
});
