/**
 * Fuzzing search and lookups: /api/v1 (search, lookup by IRI and label, terms and hierarchy, mappings,
 * translation), the Skosmos-compatible /rest/v1, the resolver and the negotiated /rdf pages, the HTML
 * search page. Vocabulary and term names, IRIs, labels and paging parameters are generated: odd Unicode,
 * huge fields, prototype keys, odd schemes, repeated, bracketed and empty parameters, odd Accept.
 */
import fc from 'fast-check';
import { FuzzServer } from './support/fuzz-server.js';
import { fuzz, fuzzTimeout, request, serviceWorks } from './support/fuzz-property.js';
import { anyText, encodedValue, oddAccept, oddFormat, oddIri, oddNumber, oddParameter, oddText, prototypeKey, queryString } from './support/generators.js';

let server: FuzzServer;
beforeAll(async () => {
  server = await FuzzServer.start();
}, 240_000);
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  await server.restartIfBroken(() => serviceWorks(server));
}, 240_000);

const vocabulary = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('refframe', 'uat', 'facility', 'ucd', 'object-type', 'spase-CoordinateSystemName', 'epn_target_class', 'datalink/core', 'ihdea_refframe') },
  { weight: 1, arbitrary: prototypeKey },
  { weight: 1, arbitrary: oddText(20) },
);
const termId = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('ICRS', 'galactic', 'apparent-magnitude', 'phot.mag', 'GSE', 'comet', 'Star') },
  { weight: 1, arbitrary: prototypeKey },
  { weight: 2, arbitrary: anyText(3000) },
);
/** A path segment, percent-encoded; sometimes raw bytes that are not UTF-8, or dot segments. */
const segment = (text: fc.Arbitrary<string>) => fc.oneof({ weight: 8, arbitrary: encodedValue(text) }, { weight: 1, arbitrary: fc.constantFrom('..', '.', '%2e%2e', '%2F', '%5C', '') });
const text = encodedValue(anyText(3000));
/** Mostly IRIs of hosted terms, so that the other parameters reach the code behind the lookup. */
const iri = encodedValue(fc.oneof({ weight: 2, arbitrary: fc.constantFrom('http://www.ivoa.net/rdf/refframe#ICRS', 'http://www.ivoa.net/rdf/refframe#GALACTIC', 'http://www.ivoa.net/rdf/refframe', 'http://www.ivoa.net/rdf/timescale#TT') }, { weight: 1, arbitrary: oddIri }));
const format = encodedValue(fc.oneof(prototypeKey, oddFormat));
const number = encodedValue(oddNumber);
const lang = encodedValue(fc.oneof(fc.constantFrom('en', 'fr', 'EN', '*', 'en-GB', 'x-klingon'), oddText(8)));
const params = (...groups: fc.Arbitrary<[string, string][]>[]) => fc.tuple(...groups).map((g) => queryString(g.flat()));

/** Requests to every read endpoint of the lookup and page face, with generated names and parameters. */
const lookupRequests = fc.oneof(
  params(oddParameter('q', text), oddParameter('vocab', encodedValue(vocabulary)), oddParameter('community', encodedValue(fc.oneof(fc.constantFrom('IVOA', 'IPDA', 'IHDEA', 'UAT', 'UCD'), oddText(6)))), oddParameter('status', encodedValue(fc.oneof(fc.constantFrom('stable', 'all', 'deprecated'), prototypeKey))), oddParameter('limit', number), oddParameter('offset', number), oddParameter('suggest', encodedValue(fc.constantFrom('true', 'false', 'TRUE', '1', '')))).map((q) => `/api/v1/search${q}`),
  params(oddParameter('iri', iri)).chain((q) => fc.constantFrom(`/api/v1/lookup${q}`, `/api/v1/terms${q}`, `/resolve${q}`)),
  fc.tuple(segment(vocabulary), params(oddParameter('label', text))).map(([v, q]) => `/api/v1/vocabularies/${v}/lookup${q}`),
  fc.tuple(segment(vocabulary), segment(termId), fc.constantFrom('', '/broader', '/narrower', '/ancestors', '/descendants', '/paths', '/__proto__'), params(oddParameter('limit', number), oddParameter('offset', number))).map(([v, t, rel, q]) => `/api/v1/vocabularies/${v}/terms/${t}${rel}${q}`),
  fc.tuple(segment(vocabulary), params(oddParameter('limit', number), oddParameter('offset', number))).map(([v, q]) => `/api/v1/vocabularies/${v}/top-concepts${q}`),
  fc.tuple(segment(vocabulary), params(oddParameter('community', encodedValue(oddText(6))))).map(([v, q]) => (v ? `/api/v1/vocabularies/${v}${q}` : `/api/v1/vocabularies${q}`)),
  params(oddParameter('query', text), oddParameter('vocab', encodedValue(vocabulary)), oddParameter('lang', lang), oddParameter('maxhits', number), oddParameter('offset', number), oddParameter('type', text), oddParameter('parent', iri), oddParameter('unique', text)).map((q) => `/rest/v1/search${q}`),
  fc
    .tuple(segment(vocabulary), fc.constantFrom('', '/search', '/lookup', '/data', '/label', '/broader', '/narrower', '/broaderTransitive', '/narrowerTransitive', '/hierarchy', '/topConcepts', '/mappings', '/__proto__'), params(oddParameter('uri', iri), oddParameter('label', text), oddParameter('query', text), oddParameter('lang', lang), oddParameter('limit', number), oddParameter('format', format)))
    .map(([v, what, q]) => `/rest/v1/${v}${what}${q}`),
  params(oddParameter('uri', iri), oddParameter('format', format), oddParameter('lang', lang)).map((q) => `/rest/v1/data${q}`),
  params(oddParameter('lang', lang)).map((q) => `/rest/v1/vocabularies${q}`),
  fc.tuple(fc.array(segment(fc.oneof(vocabulary, termId)), { minLength: 1, maxLength: 4 }), params(oddParameter('format', format))).map(([segments, q]) => `/rdf/${segments.join('/')}${q}`),
  params(oddParameter('q', text), oddParameter('community', encodedValue(oddText(6))), oddParameter('vocab', encodedValue(vocabulary)), oddParameter('status', encodedValue(oddText(6)))).map((q) => `/search${q}`),
  params(oddParameter('iri', iri), oddParameter('vocab', encodedValue(vocabulary)), oddParameter('value', text), oddParameter('to', encodedValue(vocabulary)), oddParameter('predicates', encodedValue(fc.oneof(fc.constantFrom('skos:exactMatch', 'exactMatch,closeMatch', 'skos:__proto__'), oddText(10)))), oddParameter('min_confidence', number), oddParameter('include_proposed', encodedValue(oddText(5)))).map((q) => `/api/v1/translate${q}`),
  params(oddParameter('subject', iri), oddParameter('object', iri), oddParameter('vocab', encodedValue(vocabulary)), oddParameter('status', encodedValue(fc.oneof(fc.constantFrom('proposed', 'accepted'), prototypeKey))), oddParameter('predicate', encodedValue(oddText(10))), oddParameter('set', encodedValue(fc.oneof(prototypeKey, oddText(10)))), oddParameter('limit', number), oddParameter('offset', number)).map((q) => `/api/v1/mappings${q}`),
  fc.tuple(segment(fc.oneof(prototypeKey, oddText(20), fc.constantFrom('sets', 'compute'))), fc.constantFrom('', '/review')).map(([id, tail]) => `/api/v1/mappings/${id}${tail}`),
  segment(fc.oneof(prototypeKey, oddText(20), fc.constantFrom('object-type_uat', 'source-asserted'))).map((name) => `/api/v1/mappings/sets/${name}`),
);

describe('fuzz harness', () => {
  it("the server answers the canary requests and /health before any input (so a failure below is the input's)", async () => {
    expect(await serviceWorks(server)).toBe(true);
  });
});

describe('fuzz: search and lookups', () => {
  it(
    'item: search, lookups, hierarchy, Skosmos, resolver, pages, translation and mapping reads with odd names and parameters are answered below 500, within 15 s, /health under 200 ms, nothing crashed or poisoned',
    async () => {
      const requests = fc.tuple(lookupRequests.filter((path) => path.length < 14_000), fc.option(oddAccept, { freq: 3 })).map(([path, accept]) => request({ method: 'GET', path, headers: accept === null ? {} : { accept } }));
      await fuzz(server, requests, { runs: 150, seed: 201 });
    },
    fuzzTimeout(150),
  );

  it(
    'item: search with long and fuzzy-matching queries (many words, long words, acronyms, Greek and folded letters) is answered within the bounds',
    async () => {
      const word = fc.oneof(fc.constantFrom('star', 'galactic', 'magnitude', 'β', 'beta', 'Cep', 'GSE', 'ICRS', 'x', 'ſ', 'ﬀ', 'İ'), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }), oddText(12));
      const queries = fc.array(word, { minLength: 1, maxLength: 400 }).map((words) => words.join(' ')).filter((q) => encodeURIComponent(q).length < 14_000);
      const requests = fc.tuple(queries, fc.constantFrom('/api/v1/search?q=', '/api/v1/search?suggest=true&q=', '/api/v1/search?status=all&limit=100&q=', '/rest/v1/search?query=', '/search?q=', '/api/v1/ucd/suggest?text=')).map(([q, prefix]) => request({ method: 'GET', path: prefix + encodeURIComponent(q) }));
      await fuzz(server, requests, { runs: 40, seed: 202 });
    },
    fuzzTimeout(40),
  );

  it(
    'item: batch translation bodies (many values, huge values, odd JSON) are answered below 500 within the bounds',
    async () => {
      const values = fc.oneof(fc.array(anyText(2000).filter((v) => v.length > 0), { minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 10_001 }).map((n) => Array.from({ length: n }, (_, i) => `value ${i} ${'\u{1d518}'.repeat(i % 7)}`)));
      const bodies = fc.oneof(
        fc.record({ to: fc.oneof(vocabulary, fc.constant('object-type')), vocab: fc.option(vocabulary, { nil: undefined }), values, include_proposed: fc.option(fc.boolean(), { nil: undefined }), min_confidence: fc.option(fc.oneof(fc.double(), fc.constant(2)), { nil: undefined }) }).map((b) => JSON.stringify(b)),
        fc.constantFrom('', '[]', 'null', '{"__proto__":{"to":"refframe"},"values":["ICRS"]}', '{"to":"refframe","values":"ICRS"}', '{"constructor":{"prototype":{"x":1}},"to":"refframe","values":["a"]}'),
      );
      const requests = fc.tuple(bodies, fc.constantFrom('application/json', 'application/json; charset=utf-16', 'text/plain')).map(([body, type]) => request({ method: 'POST', path: '/api/v1/translate', headers: { 'content-type': type }, body }));
      await fuzz(server, requests, { runs: 30, seed: 203 });
    },
    fuzzTimeout(30),
  );
});
