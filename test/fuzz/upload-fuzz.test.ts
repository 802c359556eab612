/**
 * Fuzzing what a writer sends: Graph Store bodies (PUT/POST /rdf-graphs) and vocabulary files for
 * matching (POST /api/v1/mappings/compute?target=) in terms.csv, Turtle, N-Triples, RDF/XML, JSON-LD and
 * plain lists, and SSSOM-shaped mapping writes and reviews. With a write token: the input reaches the
 * parsers. Scratch graphs only (urn:fuzz:…), so that the service's own data stays as the canary expects.
 */
import fc from 'fast-check';
import { FuzzServer, WRITER } from './support/fuzz-server.js';
import { fuzz, fuzzTimeout, noScriptInjection, request, serviceWorks, sweep, type AfterCheck, fuzzServerPerFile } from './support/fuzz-property.js';
import {
  anyText,
  deepJson,
  deepXml,
  encodedValue,
  entityBomb,
  hugeText,
  jsonStringLiteral,
  nested,
  oddContentType,
  oddIri,
  oddNumber,
  oddParameter,
  oddText,
  prototypeKey,
  queryString,
} from './support/generators.js';

let server!: FuzzServer;
fuzzServerPerFile((started) => (server = started));

const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const CANARY_TERM = 'http://www.ivoa.net/rdf/refframe#ICRS';
const CANARY_PAGE = '/rdf/refframe/ICRS';
/** IRIs as Turtle and N-Triples write them: odd ones are escaped as the grammar allows, or left raw (a syntax error to report). */
const iriRef = oddIri.map((iri) => `<${iri}>`);
const literal = fc.oneof(
  jsonStringLiteral(anyText(50_000)),
  anyText(3000).map((t) => `"""${t}"""`),
  fc.constantFrom('"a"@__proto__', '"a"@en-x-very-long-language-tag-indeed', '"1"^^<javascript:x>', '"\\u0000"', '"\\uD800"', '"\\U0010FFFF"', '"\\U00110000"'),
);

const turtle: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(fc.tuple(iriRef, fc.oneof(literal, iriRef)), { maxLength: 20 })
    .map((triples) => `@prefix skos: <${SKOS}> .\n${triples.map(([s, o]) => `${s} a skos:Concept ; skos:prefLabel ${o} .`).join('\n')}\n`),
  nested('[ <urn:p> ', ' ]', '1', 1, 200_000).map((b) => `<urn:fuzz:s> <urn:p> ${b} .`),
  nested('( ', ' )', '1', 1, 200_000).map((c) => `<urn:fuzz:s> <urn:p> ${c} .`),
  fc
    .integer({ min: 1, max: 60_000 })
    .map(
      (n) =>
        `@prefix skos: <${SKOS}> .\n${Array.from({ length: n }, (_, i) => `<urn:fuzz:t${i}> a skos:Concept ; skos:prefLabel "Frame ${i} ${'\u{1d518}'.repeat(i % 3)}"@en ; skos:broader <urn:fuzz:t${i + 1}> .`).join('\n')}\n`,
    ),
  fc.tuple(iriRef, oddText(20)).map(([base, prefix]) => `@base ${base} .\n@prefix ${prefix}: ${base} .\n<a> <b> <c> .\n${prefix}:x ${prefix}:y ${prefix}:z .`),
  hugeText(100_000, 6_000_000).map((t) => `<urn:fuzz:s> <${SKOS}prefLabel> "${t.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}" .`),
  fc.constantFrom(
    '',
    '.',
    '<urn:s> <urn:p> .',
    '@prefix : <urn:x#> . :a :b :c',
    '<urn:s> <urn:p> "unterminated .',
    '\ufeff<urn:s> <urn:p> <urn:o> .',
    '<urn:s> <urn:p> <urn:o> .\u0000',
    'PREFIX : <urn:x#> :a :b :c .',
  ),
);

const ntriples: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.tuple(iriRef, fc.oneof(literal, iriRef)), { maxLength: 30 }).map((lines) => lines.map(([s, o]) => `${s} <${SKOS}prefLabel> ${o} .`).join('\n')),
  fc.integer({ min: 1, max: 100_000 }).map((n) => Array.from({ length: n }, (_, i) => `<urn:fuzz:t${i}> <${SKOS}prefLabel> "t ${i}" .`).join('\n')),
  fc.constantFrom('_:a <urn:p> _:a .', '<urn:s> <urn:p> <urn:o> <urn:g> .', '<urn:s> <urn:p> "x"^^ .'),
);

const rdfXml: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(fc.tuple(oddIri, anyText(2000)), { maxLength: 20 })
    .map(
      (terms) =>
        `<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:skos="${SKOS}">\n${terms
          .map(
            ([iri, label]) =>
              `<skos:Concept rdf:about="${iri.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')}"><skos:prefLabel>${label.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</skos:prefLabel></skos:Concept>`,
          )
          .join('\n')}\n</rdf:RDF>`,
    ),
  nested('<rdf:Description><ex:p>', '</ex:p></rdf:Description>', '1', 1, 100_000).map(
    (inside) => `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="urn:ex#">${inside}</rdf:RDF>`,
  ),
  deepXml('x', '', 1, 200_000).map((inside) => `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">${inside}</rdf:RDF>`),
  fc
    .integer({ min: 1, max: 9 })
    .map((levels) =>
      entityBomb(
        levels,
        'rdf:RDF',
        `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:skos="${SKOS}"><skos:Concept rdf:about="urn:fuzz:x"><skos:prefLabel>ENTITY XXE</skos:prefLabel></skos:Concept></rdf:RDF>`,
      ),
    ),
  hugeText(100_000, 6_000_000).map(
    (t) =>
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="urn:fuzz:s" rdf:value="${t.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')}"/></rdf:RDF>`,
  ),
  fc.constantFrom(
    '',
    '<rdf:RDF/>',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="javascript:alert(1)" rdf:parseType="Literal"><x/></rdf:Description></rdf:RDF>',
    '<?xml version="1.0" encoding="UTF-16"?><rdf:RDF/>',
    '<!DOCTYPE x SYSTEM "http://127.0.0.1:1/x.dtd"><rdf:RDF/>',
  ),
);

const jsonLd: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(fc.tuple(jsonStringLiteral(oddIri), jsonStringLiteral(anyText(3000))), { maxLength: 20 })
    .map(
      (nodes) =>
        `{"@context":{"skos":"${SKOS}"},"@graph":[${nodes.map(([id, label]) => `{"@id":${id},"@type":"skos:Concept","skos:prefLabel":${label}}`).join(',')}]}`,
    ),
  deepJson(1, 200_000).map((deep) => `{"@id":"urn:fuzz:s","urn:p":${deep}}`),
  nested('{"urn:p":', '}', '1', 1, 100_000).map((deep) => `{"@id":"urn:fuzz:s","urn:p":${deep}}`),
  nested('{"@list":[', ']}', '1', 1, 100_000).map((deep) => `{"@id":"urn:fuzz:s","urn:p":${deep}}`),
  nested('{"@context":', '}', '{}', 1, 10_000).map((deep) => `{"@context":${deep},"@id":"urn:fuzz:s","urn:p":1}`),
  prototypeKey.map((key) => `{"@context":{"${key}":"urn:x#"},"@id":"urn:fuzz:s","${key}":"v","__proto__":{"@id":"urn:y"}}`),
  fc.constantFrom(
    '',
    '[]',
    'null',
    '"a"',
    '{"@context":"http://127.0.0.1:1/context.jsonld","@id":"urn:fuzz:s","p":1}',
    '{"@context":"file:///etc/passwd","@id":"urn:fuzz:s","p":1}',
    '{"@context":["http://127.0.0.1:1/a","http://127.0.0.1:1/b"],"@id":"urn:fuzz:s"}',
    '{"@context":{"@import":"http://127.0.0.1:1/x"},"@id":"urn:fuzz:s"}',
    '{"@id":"urn:fuzz:s","urn:p":{"@value":"x","@language":"__proto__"}}',
    '{"@id":"urn:fuzz:s","urn:p":{"@value":"\\ud800"}}',
  ),
);

/** IVOA terms.csv: term;level;label;description;relations, with odd fields, deep levels, bad quoting. */
const termsCsv: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(
      fc.tuple(
        oddText(20),
        oddNumber,
        anyText(3000),
        anyText(200),
        fc.oneof(
          fc.constant(''),
          oddText(20),
          fc.constantFrom('ivoasem:useInstead(x)', 'ivoasem:deprecated', 'skos:broader(__proto__)', 'rdfs:subClassOf(constructor)', 'ivoasem:frobnicates(x)'),
        ),
      ),
      { maxLength: 30 },
    )
    .map((rows) => rows.map((r) => r.join(';')).join('\n')),
  fc.integer({ min: 1, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => `t${i};${i + 1};Term ${i};Level ${i + 1}`).join('\n')),
  fc
    .integer({ min: 1, max: 10_000 })
    .map((n) =>
      Array.from({ length: n }, (_, i) => `t${i};1;T;;${Array.from({ length: 20 }, (_, j) => `skos:broader(t${(i + j + 1) % n})`).join(' ')}`).join('\n'),
    ),
  hugeText(100_000, 6_000_000).map((t) => `a;1;${t.replaceAll(';', ',').replaceAll('"', "'")};x`),
  fc.constantFrom(
    '',
    ';;;;',
    'a;1;"unbalanced;x',
    '"a;1;A;x',
    'a;99999999999999999999;A;x',
    'a;-1;A;x',
    'a;1;A;x;' + ';'.repeat(100_000),
    '\ufeffa;1;A;x',
    'a;1;A;x\r\nb;2;B;y\rc;3;C;z',
  ),
);

const plainList: fc.Arbitrary<string> = fc.oneof(
  fc.array(anyText(3000), { maxLength: 200 }).map((lines) => lines.join('\n')),
  fc.integer({ min: 1, max: 10_001 }).map((n) => Array.from({ length: n }, (_, i) => `Label ${i} ${'β'.repeat(i % 4)}`).join('\n')),
  hugeText(100_000, 6_000_000),
  fc.constantFrom('', '\n\n\n', '# only a comment', '\u0000\u0000', '\r\r\r'),
);

/** A vocabulary body with its declared type; the type is sometimes odd or wrong for the body. */
const vocabularyFile = fc.oneof(
  fc.tuple(turtle, oddContentType('text/turtle')),
  fc.tuple(ntriples, oddContentType('application/n-triples')),
  fc.tuple(rdfXml, oddContentType('application/rdf+xml')),
  fc.tuple(jsonLd, oddContentType('application/ld+json')),
  fc.tuple(fc.oneof(turtle, rdfXml, jsonLd, termsCsv), fc.constantFrom('text/turtle', 'application/rdf+xml', 'application/ld+json', 'application/n-quads')),
);

/** A graph IRI a write may name: odd ones (which must be refused), never the service's own graphs. */
const scratchGraph = fc.oneof(
  { weight: 4, arbitrary: fc.constant('urn:fuzz:upload') },
  { weight: 1, arbitrary: oddIri.filter((iri) => !/^(urn:astrovoc:|https?:\/\/www\.ivoa\.net|https?:\/\/voparis|http:\/\/astrothesaurus)/i.test(iri)) },
);

/** An accepted write must read back. */
const graphReadsBack: AfterCheck = async (answer, srv) => {
  if (answer.status !== 201 && answer.status !== 204) return;
  const back = await srv.request('/rdf-graphs?graph=urn%3Afuzz%3Aupload', { method: 'GET', timeoutMs: 15_000, headers: { accept: 'application/n-triples' } });
  if (back.status >= 500) throw new Error(`the write was acknowledged (${answer.status}) but reading the graph back answered ${back.status}: ${back.text}`);
};

describe('fuzz harness', () => {
  it("the server answers the canary requests and /health before any input (so a failure below is the input's)", async () => {
    expect(await serviceWorks(server)).toBe(true);
  });
});

describe('fuzz: uploads', () => {
  it(
    'item: Graph Store PUT/POST bodies (Turtle, N-Triples, RDF/XML, JSON-LD: deep nesting, entity expansion, huge literals, odd IRIs and Unicode) are answered below 500, within 15 s, /health under 200 ms, nothing crashed or poisoned',
    async () => {
      const requests = fc
        .tuple(vocabularyFile, scratchGraph, fc.constantFrom('PUT' as const, 'POST' as const))
        .map(([[body, type], graph, method]) =>
          request({ method, path: `/rdf-graphs?graph=${encodeURIComponent(graph)}`, headers: { ...WRITER, 'content-type': type }, body }),
        );
      await fuzz(server, requests, { runs: 25, seed: 401, after: graphReadsBack });
    },
    fuzzTimeout(25),
  );

  it(
    'item: vocabulary files to match (terms.csv, Turtle, N-Triples, RDF/XML, JSON-LD, plain lists) with odd query parameters are answered below 500 within the bounds',
    async () => {
      const files = fc.oneof(vocabularyFile, fc.tuple(termsCsv, oddContentType('text/csv')), fc.tuple(plainList, oddContentType('text/plain')));
      const query = fc
        .tuple(
          oddParameter(
            'target',
            encodedValue(
              fc.oneof({ weight: 4, arbitrary: fc.constantFrom('refframe', 'timescale') }, { weight: 1, arbitrary: fc.oneof(prototypeKey, oddText(10)) }),
            ),
          ),
          oddParameter('name', encodedValue(fc.oneof(fc.constant('fuzz'), prototypeKey, oddText(10)))),
          oddParameter('min_confidence', encodedValue(oddNumber)),
        )
        .map((g) => queryString(g.flat()));
      const requests = fc
        .tuple(files, query, fc.constantFrom('application/json', 'text/tab-separated-values', '*/*'))
        .map(([[body, type], q, accept]) =>
          request({ method: 'POST', path: `/api/v1/mappings/compute${q}`, headers: { ...WRITER, 'content-type': type, accept }, body }),
        );
      await fuzz(server, requests, { runs: 25, seed: 402 });
    },
    fuzzTimeout(25),
  );

  it(
    'item: SSSOM-shaped mapping writes and reviews (odd IRIs and predicates, huge comments, odd confidences, deep JSON, prototype keys) are answered below 500 within the bounds; an accepted one reads back and its term page links to no script scheme',
    async () => {
      const field = (value: fc.Arbitrary<string>) => fc.option(jsonStringLiteral(value), { nil: undefined, freq: 6 });
      const mapping = fc
        .record({
          // Mostly a hosted term, whose page then shows the mapping: its target must not become a script link.
          subject_id: field(fc.oneof({ weight: 2, arbitrary: fc.constant(CANARY_TERM) }, { weight: 1, arbitrary: oddIri })),
          predicate_id: field(
            fc.oneof(
              fc.constantFrom('skos:exactMatch', 'skos:closeMatch', 'skos:broadMatch', `${SKOS}relatedMatch`, 'owl:sameAs', 'skos:__proto__', ''),
              oddText(10),
            ),
          ),
          object_id: field(oddIri),
          predicate_modifier: field(fc.constantFrom('Not', 'not', '')),
          confidence: fc.option(
            fc.oneof(
              fc.double().map(String),
              oddNumber.map((n) => JSON.stringify(n)),
            ),
            { nil: undefined },
          ),
          comment: field(anyText(5000)),
          set: field(fc.oneof(fc.constantFrom('fuzz', 'object-type_uat', 'source-asserted'), prototypeKey, oddText(10))),
        })
        .map(
          (r) =>
            `{${Object.entries(r)
              .filter(([, v]) => v !== undefined)
              .map(([k, v]) => `"${k}":${v}`)
              .join(',')}}`,
        );
      const bodies = fc.oneof(
        { weight: 6, arbitrary: mapping },
        { weight: 1, arbitrary: deepJson(1, 200_000) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '',
            'null',
            '[]',
            '{"__proto__":{"subject_id":"urn:a"}}',
            '{"subject_id":"urn:a","predicate_id":"skos:exactMatch","object_id":"urn:b","constructor":{"prototype":{"x":1}}}',
          ),
        },
      );
      const writes = fc
        .tuple(bodies, oddContentType('application/json'))
        .map(([body, type]) => request({ method: 'POST', path: '/api/v1/mappings', headers: { ...WRITER, 'content-type': type }, body }));
      const reviews = fc
        .tuple(
          fc.oneof(fc.constantFrom('fuzz-1', 'x'), prototypeKey, oddText(20)).map(encodeURIComponent),
          fc
            .record({
              decision: fc.constantFrom('accept', 'reject', '__proto__', ''),
              reviewer: fc.option(anyText(500), { nil: undefined }),
              comment: fc.option(anyText(5000), { nil: undefined }),
            })
            .map((b) => JSON.stringify(b)),
          fc.constantFrom('*', '"x"', 'W/"x"', '', '"' + 'a'.repeat(5000) + '"'),
        )
        .map(([id, body, ifMatch]) =>
          request({
            method: 'POST',
            path: `/api/v1/mappings/${id}/review`,
            headers: { ...WRITER, 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) },
            body,
          }),
        );
      const readsBack: AfterCheck = async (answer, srv) => {
        const location = answer.status === 201 ? answer.headers.get('location') : null;
        if (!location) return;
        const back = await srv.request(location, { method: 'GET', timeoutMs: 15_000 });
        if (back.status !== 200) throw new Error(`the mapping was acknowledged (201, ${location}) but reading it back answered ${back.status}: ${back.text}`);
        await noScriptInjection(await srv.request(CANARY_PAGE, { method: 'GET', timeoutMs: 15_000, headers: { accept: 'text/html' } }), srv);
      };
      await fuzz(server, fc.oneof({ weight: 3, arbitrary: writes }, { weight: 1, arbitrary: reviews }), { runs: 40, seed: 403, after: readsBack });
    },
    fuzzTimeout(40),
  );

  it('item: inputs the fuzzer found: one small write (a triple through the Graph Store, a SPARQL Update, a mapping) keeps /health under 200 ms', async () => {
    await sweep(server, [
      request({
        method: 'POST',
        path: '/rdf-graphs?graph=urn%3Afuzz%3Asmall',
        headers: { ...WRITER, 'content-type': 'application/n-triples' },
        body: '<urn:fuzz:s> <urn:fuzz:p> "x" .',
      }),
      request({
        method: 'POST',
        path: '/sparql',
        headers: { ...WRITER, 'content-type': 'application/sparql-update' },
        body: 'INSERT DATA { GRAPH <urn:fuzz:small> { <urn:fuzz:s> <urn:fuzz:p> 1 } }',
      }),
      request({
        method: 'POST',
        path: '/api/v1/mappings',
        headers: { ...WRITER, 'content-type': 'application/json' },
        body: JSON.stringify({ subject_id: 'urn:fuzz:a', predicate_id: 'skos:exactMatch', object_id: 'urn:fuzz:b', set: 'fuzz' }),
      }),
    ]);
  }, 90_000);

  it('item: a mapping to a javascript: or data: IRI is refused, or shown on the term page as no link that runs script', async () => {
    const pageIsSafe: AfterCheck = async (_answer, srv) =>
      noScriptInjection(await srv.request(CANARY_PAGE, { method: 'GET', timeoutMs: 15_000, headers: { accept: 'text/html' } }), srv);
    await sweep(
      server,
      ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)'].map((object) =>
        request({
          method: 'POST',
          path: '/api/v1/mappings',
          headers: { ...WRITER, 'content-type': 'application/json' },
          body: JSON.stringify({ subject_id: CANARY_TERM, predicate_id: 'skos:relatedMatch', object_id: object, set: 'fuzz' }),
        }),
      ),
      pageIsSafe,
    );
  }, 60_000);

  it(
    'item: writes without a valid token are refused (401/403) before their body is parsed, whatever the body',
    async () => {
      const requests = fc
        .tuple(
          vocabularyFile,
          fc.constantFrom('/rdf-graphs?graph=urn%3Afuzz%3Aupload', '/api/v1/mappings/compute?target=refframe', '/api/v1/mappings'),
          fc.constantFrom<Record<string, string>>(
            {},
            { authorization: 'Bearer wrong' },
            { authorization: 'Basic Zm9vOmJhcg==' },
            { authorization: `Bearer ${'x'.repeat(8000)}` },
          ),
        )
        .map(([[body, type], path, auth]) =>
          request({ method: path.startsWith('/rdf-graphs') ? 'PUT' : 'POST', path, headers: { ...auth, 'content-type': type }, body }),
        );
      const refused: AfterCheck = async (answer) => {
        if (answer.status !== 401 && answer.status !== 403)
          throw new Error(`a write without a valid token answered ${answer.status}, not 401/403: ${answer.text}`);
      };
      await fuzz(server, requests, { runs: 10, seed: 404, after: refused });
    },
    fuzzTimeout(10),
  );
});
