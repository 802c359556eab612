/**
 * Fuzzing UCD validation, explanation, suggestion and the word list (GET and the batch POST), and the
 * VOTable checker: deeply nested elements, entity expansion and external entities, huge attributes,
 * many fields, odd encodings and odd Unicode in every attribute it reads.
 */
import fc from 'fast-check';
import { FuzzServer } from './support/fuzz-server.js';
import { fuzz, fuzzTimeout, request, serviceWorks, sweep, uncached, fuzzServerPerFile } from './support/fuzz-property.js';
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
  oddNumber,
  oddParameter,
  oddText,
  prototypeKey,
  queryString,
} from './support/generators.js';

let server!: FuzzServer;
fuzzServerPerFile((started) => (server = started));

const UCD_WORDS = [
  'phot.mag',
  'em.opt.V',
  'pos.eq.ra',
  'meta.main',
  'stat.error',
  'src.redshift',
  'arith.ratio',
  'meta.code',
  'obs.field',
  'instr.filter',
  'em.IR.J',
];

/** UCD-like text: real words in odd combinations, separators, case, spaces, odd characters, huge. */
const ucdText: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...UCD_WORDS),
        oddText(6),
        prototypeKey,
        fc.constantFrom('', '.', ';', ';;', ' ', 'PHOT.MAG', 'phot.', '.mag', 'phot..mag', 'phot.mag.', 'ivo://ivoa.net/std/ucd#phot.mag', 'custom:x.y'),
      ),
      { maxLength: 12 },
    )
    .chain((parts) => fc.constantFrom(';', '; ', ' ; ', '', ',', '\u037e').map((sep) => parts.join(sep))),
  fc.integer({ min: 1, max: 20_000 }).map((n) => Array(n).fill('phot.mag').join(';')),
  nested('(', ')', 'phot.mag', 1, 5000),
  anyText(20_000),
);

describe('fuzz harness', () => {
  it("the server answers the canary requests and /health before any input (so a failure below is the input's)", async () => {
    expect(await serviceWorks(server)).toBe(true);
  });
});

describe('fuzz: UCD validation', () => {
  it(
    'item: validate, explain, suggest and words with odd UCDs and parameters are answered below 500, within 15 s, /health under 200 ms, nothing crashed or poisoned',
    async () => {
      const ucd = encodedValue(ucdText);
      const paths = fc.oneof(
        fc.tuple(fc.constantFrom('validate', 'explain'), oddParameter('ucd', ucd)).map(([what, p]) => `/api/v1/ucd/${what}${queryString(p)}`),
        fc.tuple(oddParameter('text', ucd), oddParameter('limit', encodedValue(oddNumber))).map(([t, l]) => `/api/v1/ucd/suggest${queryString([...t, ...l])}`),
        fc
          .tuple(
            oddParameter('code', encodedValue(fc.oneof(fc.constantFrom('P', 'S', 'Q', 'E', 'C', 'V', 'p', 'PQ'), prototypeKey, oddText(3)))),
            oddParameter('q', ucd),
            oddParameter('deprecated', encodedValue(fc.constantFrom('true', 'false', 'yes', ''))),
          )
          .map((g) => `/api/v1/ucd/words${queryString(g.flat())}`),
        oddParameter('ucd', ucd).map((p) => `/ucd${queryString(p)}`),
      );
      await fuzz(
        server,
        paths.filter((p) => p.length < 14_000).map((path) => request({ method: 'GET', path })),
        { runs: 60, seed: 301 },
      );
    },
    fuzzTimeout(60),
  );

  it(
    'item: batch validation bodies (up to 10,001 UCDs, huge and odd ones, lone surrogates, deep JSON, non-arrays) are answered below 500 within the bounds',
    async () => {
      const bodies = fc.oneof(
        fc.array(jsonStringLiteral(ucdText), { maxLength: 200 }).map((items) => `[${items.join(',')}]`),
        fc
          .integer({ min: 1, max: 10_001 })
          .map((n) => JSON.stringify(Array.from({ length: n }, (_, i) => `${UCD_WORDS[i % UCD_WORDS.length]};${'meta.main;'.repeat(i % 5)}x${i}`))),
        hugeText(100_000, 6_000_000).map((t) => JSON.stringify([t])),
        deepJson(1, 200_000),
        fc.constantFrom('', 'null', '{}', '"phot.mag"', '[1,2,3]', '[null]', '{"__proto__":["phot.mag"]}', '[[["phot.mag"]]]', '["\\ud800"]', '["\\u0000"]'),
      );
      const requests = fc
        .tuple(bodies, oddContentType('application/json'))
        .map(([body, type]) => request({ method: 'POST', path: '/api/v1/ucd/validate', headers: { 'content-type': type }, body }));
      await fuzz(server, requests, { runs: 20, seed: 302 });
    },
    fuzzTimeout(20),
  );
});

/** A VOTable whose RESOURCE holds these elements. */
const votable = (inside: string, prolog = '<?xml version="1.0" encoding="UTF-8"?>\n') =>
  `${prolog}<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">\n<RESOURCE>\n<TABLE>\n${inside}\n</TABLE>\n</RESOURCE>\n</VOTABLE>\n`;

const attribute = fc.oneof(ucdText, anyText(2000), fc.constant('&quot;&lt;&amp;&#0;&#x10FFFF;&#xD800;&#99999999;'));
const field = fc
  .tuple(
    fc.constantFrom('FIELD', 'PARAM', 'INFO', 'COOSYS', 'TIMESYS', 'FIELDref'),
    attribute,
    fc.constantFrom('ucd', 'system', 'timescale', 'refposition', 'semantics', 'name', 'ID', 'datatype'),
  )
  .map(
    ([element, value, name]) =>
      `<${element} name="f" datatype="char" ${name}="${value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')}"/>`,
  );

const votables: fc.Arbitrary<string> = fc.oneof(
  fc.array(field, { maxLength: 30 }).map((fields) => votable(fields.join('\n'))),
  fc
    .integer({ min: 1, max: 200_000 })
    .map((n) => votable(Array.from({ length: n }, (_, i) => `<FIELD name="c${i}" datatype="double" ucd="${UCD_WORDS[i % UCD_WORDS.length]}"/>`).join('\n'))),
  fc
    .tuple(fc.constantFrom('GROUP', 'RESOURCE', 'DESCRIPTION', 'x'), fc.integer({ min: 1, max: 200_000 }))
    .chain(([element, max]) => deepXml(element, '<FIELD name="f" datatype="char" ucd="phot.mag"/>', 1, max))
    .map((inside) => votable(inside)),
  fc
    .integer({ min: 1, max: 9 })
    .map((levels) => entityBomb(levels, 'VOTABLE', votable('<FIELD name="f" datatype="char" ucd="ENTITY"/><INFO name="x" value="XXE" ucd="XXE"/>', ''))),
  hugeText(100_000, 8_000_000).map((t) =>
    votable(`<FIELD name="f" datatype="char" ucd="${t.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')}"/>`),
  ),
  fc.integer({ min: 1, max: 100_000 }).map((n) => votable(`<FIELD name="f" ${Array.from({ length: n }, (_, i) => `a${i}="x"`).join(' ')} ucd="phot.mag"/>`)),
  fc.constantFrom(
    '',
    '<',
    '<?xml version="1.0"?>',
    '\ufeff' + votable('<FIELD name="f" datatype="char" ucd="phot.mag"/>'),
    votable('<FIELD name="f" datatype="char" ucd="phot.mag"/>', '<?xml version="1.0" encoding="UTF-16"?>\n'),
    votable('<FIELD name="f" datatype="char" ucd="phot.mag"/>', '<?xml version="1.1" encoding="EBCDIC"?>\n'),
    votable('<FIELD name="f" datatype="char" ucd="phot.mag"/>\u0000'),
    votable('<![CDATA[' + ']]'.repeat(1000) + ']]>'),
    votable('<!-- -- -->'),
    votable('<?php echo 1; ?>'),
    '<VOTABLE><RESOURCE><TABLE><FIELD ucd="phot.mag"></VOTABLE>',
    '<html><body>not a votable</body></html>',
    '{"not":"xml"}',
    '<!DOCTYPE VOTABLE SYSTEM "http://127.0.0.1:1/votable.dtd"><VOTABLE/>',
    '<!DOCTYPE VOTABLE [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><VOTABLE/>',
  ),
);

describe('fuzz: inputs the fuzzer found', () => {
  it('item: a batch of 10,000 UCDs, each with an unknown word (a suggestion each), keeps /health under 200 ms', async () => {
    const batch = (salt: string) =>
      JSON.stringify(Array.from({ length: 10_000 }, (_, i) => `${UCD_WORDS[i % UCD_WORDS.length]};${'meta.main;'.repeat(i % 5)}x${i}${salt}`));
    await sweep(server, [
      uncached((salt) => ({ method: 'POST', path: '/api/v1/ucd/validate', headers: { 'content-type': 'application/json' }, body: batch(salt) })),
    ]);
  }, 60_000);
});

describe('fuzz: VOTable checker', () => {
  it(
    'item: VOTables with deep nesting, entity expansion, external entities, huge attributes, many fields and odd encodings are answered below 500, within 15 s, /health under 200 ms, nothing crashed or poisoned',
    async () => {
      const requests = fc
        .tuple(
          votables,
          fc.oneof(
            oddContentType('application/x-votable+xml'),
            oddContentType('text/xml'),
            fc.constantFrom('application/xml', 'text/plain', 'application/json', ''),
          ),
        )
        .map(([body, type]) => request({ method: 'POST', path: '/api/v1/votable/check', headers: type ? { 'content-type': type } : {}, body }));
      await fuzz(server, requests, { runs: 25, seed: 303 });
    },
    fuzzTimeout(25),
  );

  it(
    'item: VOTables with odd bytes (invalid UTF-8, NUL, lone surrogate bytes, random binary) are answered below 500 within the bounds',
    async () => {
      const bytes = fc.oneof(
        fc.uint8Array({ maxLength: 20_000 }),
        fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.nat({ max: 300 })).map(([junk, at]) => {
          const text = Buffer.from(votable('<FIELD name="f" datatype="char" ucd="phot.mag"/>'));
          const cut = Math.min(at, text.length);
          return new Uint8Array(Buffer.concat([text.subarray(0, cut), Buffer.from(junk), text.subarray(cut)]));
        }),
        fc.constantFrom(
          new Uint8Array([0xff, 0xfe, 0x3c, 0x00]),
          new Uint8Array([0xed, 0xa0, 0x80]),
          new Uint8Array([0xc0, 0xaf]),
          new Uint8Array([0]),
          new Uint8Array([]),
        ),
      );
      const requests = bytes.map((body) =>
        request({ method: 'POST', path: '/api/v1/votable/check', headers: { 'content-type': 'application/x-votable+xml' }, body }),
      );
      await fuzz(server, requests, { runs: 15, seed: 304 });
    },
    fuzzTimeout(15),
  );
});
