/**
 * Fuzzing the SPARQL guard and the SPARQL 1.1 Protocol (/sparql, /rdf-graphs reads): deeply nested
 * queries, huge literals, odd Unicode and IRIs, odd protocol parameters and media types. Each request must
 * be answered below 500, within the bound, without stalling /health, crashing or poisoning the server.
 */
import fc from 'fast-check';
import { FuzzServer, WRITER } from './support/fuzz-server.js';
import { fuzz, fuzzTimeout, request, serviceWorks, sweep, type FuzzRequest, fuzzServerPerFile } from './support/fuzz-property.js';
import {
  anyText,
  encodedValue,
  hugeText,
  nested,
  oddAccept,
  oddContentType,
  oddFormat,
  oddIri,
  oddParameter,
  oddText,
  queryString,
} from './support/generators.js';

let server!: FuzzServer;
fuzzServerPerFile((started) => (server = started));

/** SPARQL texts with deep nesting of every kind the grammar allows, up to `max` levels. */
const deepQuery = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    nested('{', '}', '?s ?p ?o', 1, max).map((g) => `SELECT * WHERE ${g} LIMIT 1`),
    nested('(', ')', '?o', 1, max).map((e) => `SELECT * WHERE { ?s ?p ?o FILTER ${e} } LIMIT 1`),
    fc.integer({ min: 1, max }).map((n) => `ASK { FILTER(${'!'.repeat(n)}true) }`),
    fc.integer({ min: 1, max }).map((n) => `ASK { FILTER(${'-'.repeat(n)}1 = 1) }`),
    fc.integer({ min: 1, max: Math.max(1, max >> 1) }).map((n) => `SELECT (${Array(n).fill('1').join('+')} AS ?x) {}`),
    fc.integer({ min: 1, max: Math.max(1, max >> 3) }).map((n) => `SELECT * WHERE { ${Array(n).fill('{ ?s ?p ?o }').join(' UNION ')} } LIMIT 1`),
    nested('OPTIONAL { ?s ?p ?o ', '}', '', 1, Math.max(1, max >> 3)).map((g) => `SELECT * WHERE { ?s ?p ?o ${g} } LIMIT 1`),
    nested('{ SELECT * WHERE { ', ' } LIMIT 1 }', '?s ?p ?o', 1, Math.max(1, max >> 3)).map((g) => `SELECT * WHERE ${g}`),
    nested('(', ')', '<urn:p>', 1, max).map((p) => `ASK { ?s ${p}+ ?o }`),
    fc.integer({ min: 1, max: Math.max(1, max >> 2) }).map((n) => `ASK { ?s ${Array(n).fill('<urn:p>').join('/')} ?o }`),
    nested('(', ')', '1', 1, max).map((c) => `ASK { ?s ?p ${c} }`),
    nested('[ <urn:p> ', ' ]', '1', 1, Math.max(1, max >> 1)).map((b) => `ASK { ?s ?p ${b} }`),
    nested('NOT EXISTS { ', ' }', '?s ?p ?o', 1, Math.max(1, max >> 2)).map((e) => `ASK { FILTER ${e} }`),
    nested('CONCAT(', ')', '"a"', 1, Math.max(1, max >> 1)).map((e) => `SELECT (${e} AS ?x) {}`),
  );

/** Queries that are odd in their tokens rather than their depth. */
const oddQuery: fc.Arbitrary<string> = fc.oneof(
  anyText(3000).map((t) => `SELECT * WHERE { ?s ?p ${JSON.stringify(t)} } LIMIT 1`),
  anyText(3000).map((t) => `SELECT * WHERE { ?s ?p """${t}""" } LIMIT 1`),
  oddIri.map((iri) => `DESCRIBE <${iri}>`),
  oddIri.map((iri) => `SELECT * WHERE { <${iri}> ?p ?o } LIMIT 5`),
  oddIri.map((iri) => `SELECT * WHERE { SERVICE <${iri}> { ?s ?p ?o } }`),
  oddIri.map((iri) => `PREFIX x: <${iri}> BASE <${iri}> SELECT * WHERE { x:a ?p <b> } LIMIT 1`),
  oddIri.map((iri) => `SELECT * FROM <${iri}> FROM NAMED <${iri}> WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1`),
  oddText(60).map((t) => `# ${t}\nASK {}`),
  oddText(60).map((t) => `SELECT ?${t} WHERE { ?s ?p ?o } LIMIT 1`),
  // Over a few bound values, not the whole store: a full scan is slow by nature, not a fault.
  oddText(30).map((t) => `SELECT * WHERE { VALUES ?o { "a"@en "b" } FILTER(lang(?o) = "${t}") }`),
  oddText(30).map((t) => `SELECT * WHERE { VALUES ?o { "a" "\u00e9\u0301" } FILTER regex(str(?o), ${JSON.stringify(t)}) }`),
  oddText(30).map((t) => `SELECT * WHERE { VALUES ?o { "a" } FILTER regex(str(?o), "a", ${JSON.stringify(t)}) }`),
  fc.constantFrom(
    '',
    ' ',
    '\n\t',
    '\u0000',
    '\ufeffASK {}',
    'ASK {} ASK {}',
    'SELECT',
    '}',
    '{',
    'ASK { FILTER(1e999999 > 0) }',
    'SELECT (99999999999999999999999999999999999999999 * 99999999999999999999999999 AS ?x) {}',
    'SELECT * WHERE { ?s ?p ?o } LIMIT 99999999999999999999999999',
    'SELECT * WHERE { ?s ?p ?o } OFFSET -1',
    'SELECT * WHERE { BIND("a" AS ?x) BIND("b" AS ?x) }',
    'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3',
    'DESCRIBE ?s WHERE { ?s ?p ?o } LIMIT 2',
    'SELECT * WHERE { VALUES ?x { 1 2 3 } } LIMIT 0',
    'SELECT (STRLEN(REPLACE("aaaaaaaaaa", "a*", "b")) AS ?x) {}',
    'LOAD <http://127.0.0.1:1/>',
    'CLEAR ALL',
    'DROP GRAPH <urn:astrovoc:vocabulary:refframe@2022-02-22>',
    'INSERT DATA { <urn:s> <urn:p> <urn:o> }',
  ),
);

/** A query through each way the protocol allows: GET, form POST, direct POST. */
function asProtocolRequest(query: string, via: 'get' | 'form' | 'direct', extra: string, accept?: string): FuzzRequest {
  const headers: Record<string, string> = accept === undefined ? {} : { accept };
  if (via === 'get') return request({ method: 'GET', path: `/sparql?query=${encodeURIComponent(query)}${extra}`, headers });
  if (via === 'form')
    return request({
      method: 'POST',
      path: '/sparql',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent(query)}${extra}`,
    });
  return request({
    method: 'POST',
    path: `/sparql${extra ? `?${extra.slice(1)}` : ''}`,
    headers: { ...headers, 'content-type': 'application/sparql-query' },
    body: query,
  });
}

describe('fuzz harness', () => {
  it("the server answers the canary requests and /health before any input (so a failure above is the input's)", async () => {
    expect(await serviceWorks(server)).toBe(true);
    expect((await server.request('/health', { method: 'GET', timeoutMs: 5_000 })).status).toBe(200);
  });
});

describe('fuzz: SPARQL guard and protocol', () => {
  it(
    'item: deeply nested queries in a URL (GET, up to 2,000 levels) are answered below 500, within 15 s, /health under 200 ms, nothing crashed or poisoned',
    async () => {
      const queries = deepQuery(2000).filter((q) => encodeURIComponent(q).length < 14_000);
      await fuzz(
        server,
        queries.map((q) => asProtocolRequest(q, 'get', '')),
        { runs: 20, seed: 101 },
      );
    },
    fuzzTimeout(20),
  );

  it(
    'item: deeply nested queries in a body (direct and form POST, up to 100,000 levels, under the 1 MB public limit) are answered below 500 within the bounds',
    async () => {
      const bodies = fc
        .tuple(deepQuery(100_000), fc.constantFrom('form' as const, 'direct' as const))
        .filter(([q]) => encodeURIComponent(q).length < 1_000_000);
      await fuzz(
        server,
        bodies.map(([q, via]) => asProtocolRequest(q, via, '')),
        { runs: 20, seed: 102 },
      );
    },
    fuzzTimeout(20),
  );

  it(
    'item: queries with huge literals, odd Unicode, odd IRIs (javascript:, data:, tag:, relative, <>"{}) and SERVICE to unknown peers are answered below 500 within the bounds',
    async () => {
      const requests = fc
        .tuple(oddQuery, fc.constantFrom('get' as const, 'form' as const, 'direct' as const))
        .map(([q, via]) => asProtocolRequest(q, via === 'get' && encodeURIComponent(q).length > 14_000 ? 'direct' : via, ''));
      await fuzz(server, requests, { runs: 30, seed: 103 });
    },
    fuzzTimeout(30),
  );

  it(
    'item: odd protocol parameters (format=__proto__, repeated and empty query, odd graph IRIs, odd Accept) are answered below 500 within the bounds',
    async () => {
      const someQuery = fc.constantFrom(
        'ASK {}',
        'SELECT * WHERE { ?s ?p ?o } LIMIT 2',
        'CONSTRUCT WHERE { ?s ?p ?o } LIMIT 2',
        'DESCRIBE <http://www.ivoa.net/rdf/refframe#ICRS>',
        '',
      );
      const params = fc
        .tuple(
          oddParameter('query', someQuery.map(encodeURIComponent)),
          oddParameter('format', encodedValue(oddFormat)),
          oddParameter('default-graph-uri', encodedValue(oddIri)),
          oddParameter('named-graph-uri', encodedValue(oddIri)),
          fc.option(oddParameter('update', encodedValue(fc.constantFrom('CLEAR ALL', ''))), { freq: 5 }),
          fc.option(oddParameter('using-graph-uri', encodedValue(oddIri)), { freq: 5 }),
        )
        .chain((groups) =>
          fc
            .shuffledSubarray(
              groups.flatMap((g) => g ?? []),
              { minLength: 0 },
            )
            .map((pairs) => pairs),
        );
      const requests = fc.tuple(params, fc.constantFrom('get' as const, 'form' as const), fc.option(oddAccept)).map(([pairs, via, accept]) => {
        const headers: Record<string, string> = accept === null ? {} : { accept };
        return via === 'get'
          ? request({ method: 'GET', path: `/sparql${queryString(pairs)}`, headers })
          : request({
              method: 'POST',
              path: '/sparql',
              headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
              body: queryString(pairs).slice(1),
            });
      });
      await fuzz(server, requests, { runs: 40, seed: 104 });
    },
    fuzzTimeout(40),
  );

  it(
    'item: odd media types on POST /sparql (charsets, parameters, other types, empty and huge bodies) are answered below 500 within the bounds',
    async () => {
      const requests = fc
        .tuple(
          fc.oneof(
            oddContentType('application/sparql-query'),
            oddContentType('application/x-www-form-urlencoded'),
            oddContentType('application/sparql-update'),
            fc.constantFrom('text/plain', 'application/json', 'multipart/form-data; boundary=x', '', '__proto__/__proto__'),
          ),
          fc.oneof(
            fc.constantFrom(
              '',
              'ASK {}',
              'query=',
              'query=ASK%20%7B%7D&query=ASK%20%7B%7D',
              '{"query":"ASK {}"}',
              'update=CLEAR%20GRAPH%20%3Curn%3Afuzz%3Ax%3E',
            ),
            hugeText(10_000, 1_200_000),
          ),
          fc.boolean(),
        )
        .map(([type, body, asWriter]) =>
          request({ method: 'POST', path: '/sparql', headers: { ...(type ? { 'content-type': type } : {}), ...(asWriter ? WRITER : {}) }, body }),
        );
      await fuzz(server, requests, { runs: 20, seed: 105 });
    },
    fuzzTimeout(20),
  );

  it(
    'item: SPARQL Updates with a write token (deep nesting, odd literals and IRIs) into scratch graphs are answered below 500 within the bounds',
    async () => {
      const updates = fc.oneof(
        nested('{', '}', '?s ?p ?o', 1, 20_000).map((g) => `INSERT { GRAPH <urn:fuzz:sparql> { <urn:s> <urn:p> 1 } } WHERE ${g}`),
        nested('(', ')', '1', 1, 20_000).map((e) => `INSERT DATA { GRAPH <urn:fuzz:sparql> { <urn:s> <urn:p> ${e} } }`),
        nested('[ <urn:p> ', ' ]', '1', 1, 10_000).map((b) => `INSERT DATA { GRAPH <urn:fuzz:sparql> { <urn:s> <urn:p> ${b} } }`),
        anyText(100_000).map((t) => `INSERT DATA { GRAPH <urn:fuzz:sparql> { <urn:s> <urn:p> ${JSON.stringify(t)} } }`),
        oddIri.map((iri) => `INSERT DATA { GRAPH <urn:fuzz:sparql> { <${iri}> <urn:p> <${iri}> } }`),
        oddIri.map((iri) => `INSERT DATA { GRAPH <${iri}> { <urn:s> <urn:p> <urn:o> } }`),
        oddIri.map((iri) => `WITH <${iri}> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }`),
        fc.constantFrom(
          '',
          ';',
          'CLEAR GRAPH <urn:fuzz:sparql>',
          'DROP SILENT GRAPH <urn:fuzz:none>',
          'LOAD <http://127.0.0.1:1/x> INTO GRAPH <urn:fuzz:sparql>',
          'CREATE GRAPH <urn:fuzz:sparql>; CREATE GRAPH <urn:fuzz:sparql>',
        ),
      );
      const requests = fc.tuple(updates, fc.boolean()).map(([u, direct]) =>
        direct
          ? request({ method: 'POST', path: '/sparql', headers: { ...WRITER, 'content-type': 'application/sparql-update' }, body: u })
          : request({
              method: 'POST',
              path: '/sparql',
              headers: { ...WRITER, 'content-type': 'application/x-www-form-urlencoded' },
              body: `update=${encodeURIComponent(u)}`,
            }),
      );
      await fuzz(server, requests, { runs: 20, seed: 106 });
    },
    fuzzTimeout(20),
  );

  it(
    'item: Graph Store reads with odd graph IRIs, odd default parameters and odd Accept are answered below 500 within the bounds',
    async () => {
      const requests = fc
        .tuple(
          // ?default alone (the whole dataset, seconds) has a test of its own below.
          fc.oneof(
            { weight: 12, arbitrary: oddParameter('graph', encodedValue(oddIri)) },
            {
              weight: 1,
              arbitrary: fc.tuple(oddParameter('default', encodedValue(oddText(5))), oddParameter('graph', encodedValue(oddIri))).map(([a, b]) => [...a, ...b]),
            },
          ),
          fc.option(oddAccept),
          fc.constantFrom('GET' as const, 'DELETE' as const),
        )
        .map(([pairs, accept, method]) => request({ method, path: `/rdf-graphs${queryString(pairs)}`, headers: accept === null ? {} : { accept } }));
      await fuzz(server, requests, { runs: 30, seed: 107 });
    },
    fuzzTimeout(30),
  );

  it('item: GET /rdf-graphs?default (the whole dataset, every format) is answered within the bounds, /health under 200 ms', async () => {
    await sweep(
      server,
      ['text/turtle', 'application/n-triples'].map((accept) => request({ method: 'GET', path: '/rdf-graphs?default', headers: { accept } })),
    );
  }, 120_000);
});
