/**
 * Generators of hostile input shared by the fuzz files: deep nesting, huge fields, odd Unicode, odd IRI
 * schemes, odd parameter values, odd media types. Sizes stay inside what the protocol lets through (a URL
 * under Node's 16 KB header limit; bodies under the documented limits) unless a generator says otherwise,
 * so that the service's own bounds, not the HTTP parser's, are what is tested.
 */
import fc from 'fast-check';

/** Characters that break naive code: NUL and controls, bidi overrides, combining marks, astral, BOM, non-characters, line separators, case-folding oddities. */
const ODD_CHARACTERS = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u0301',
  '\u0308\u0308\u0308',
  '\u200b',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffd',
  '\uffff',
  '\ufdd0',
  '\u{1d518}',
  '\u{1f600}',
  '\u{1f469}\u200d\u{1f52c}',
  '\u{10ffff}',
  '\u{e0001}',
  'ß',
  'İ',
  'ı',
  'ﬁ',
  'ǅ',
  '\u00c5',
  'A\u030a',
  '\u212b',
  'β',
  'ς',
  'ΐ',
  '\u0627\u0644\u0639\u0631\u0628\u064a\u0629',
  '\u05e2\u05d1\u05e8\u05d9\u05ea',
  '中文',
  '\u0e01\u0e33',
  '"',
  "'",
  '<',
  '>',
  '&',
  '\\',
  '`',
  '{',
  '}',
  '|',
  '^',
  '%',
  '#',
  '?',
  '/',
  ';',
  '*',
  '~',
  '$',
  '(',
  ')',
  '[',
  ']',
  '@',
  '+',
  '=',
  ',',
  ':',
];

export const oddCharacter: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_CHARACTERS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom('a', 'e', 'x', ' ', '-', '.', '_', '0') },
);

/** Lone UTF-16 surrogates: representable in JSON (as \\uD800 escapes) and JavaScript strings, not in UTF-8. */
export const loneSurrogate: fc.Arbitrary<string> = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Text of odd characters (no lone surrogates: they cannot travel as UTF-8). */
export const oddText = (maxLength = 40): fc.Arbitrary<string> => fc.array(oddCharacter, { maxLength }).map((a) => a.join(''));

/** A field far longer than any real one: one character (possibly astral or combining) repeated. */
export const hugeText = (min: number, max: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min, max }), fc.constantFrom('a', 'é', '\u{1d518}', 'e\u0301', ' ', 'ab ', '\u202e', '<', '"', '\\', '%'))
    .map(([n, c]) => c.repeat(Math.ceil(n / c.length)));

/** Any of the above, weighted towards short odd text. */
export const anyText = (hugeMax = 4000): fc.Arbitrary<string> =>
  fc.oneof({ weight: 4, arbitrary: oddText() }, { weight: 1, arbitrary: hugeText(Math.min(500, hugeMax), hugeMax) }, { weight: 1, arbitrary: fc.constant('') });

/** `open` n times, then the inside, then `close` n times; sometimes unbalanced. */
export const nested = (open: string, close: string, inside: string, min: number, max: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min, max }), fc.constantFrom('balanced', 'balanced', 'balanced', 'unclosed', 'extra-close'))
    .map(([n, shape]) =>
      shape === 'unclosed'
        ? open.repeat(n) + inside
        : shape === 'extra-close'
          ? open.repeat(n) + inside + close.repeat(n + 1)
          : open.repeat(n) + inside + close.repeat(n),
    );

export const oddScheme = fc.constantFrom(
  'javascript',
  'data',
  'tag',
  'urn',
  'file',
  'mailto',
  'vbscript',
  'about',
  'blob',
  'ftp',
  'HTTP',
  'http',
  'https',
  'ivo',
  'x-y+z.1',
  'a',
  '',
);

/** IRIs (and things that only look like them) of odd schemes, with the characters SPARQL's IRIREF forbids. */
export const oddIri: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'javascript:alert(1)',
    'javascript:alert(document.cookie)//http://www.ivoa.net/rdf/refframe#ICRS',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'tag:astrovoc.org,2024:x',
    'urn:x',
    'urn:',
    ':',
    '#',
    '',
    ' ',
    '../../etc/passwd',
    '//evil.example/x',
    'file:///etc/passwd',
    'http://www.ivoa.net/rdf/refframe#ICRS',
    'http://www.ivoa.net/rdf/refframe#ICRS"><script>alert(1)</script>',
    'HTTP://WWW.IVOA.NET/rdf/refframe#ICRS',
    'http://www.ivoa.net/rdf/refframe',
    'http://www.ivoa.net/rdf/refframe#',
    'http://www.ivoa.net/rdf/uat#',
    'http://x/<>"{}|^`\\',
    'http://x/a b',
    'http://[::1',
    'http://127.0.0.1:1/',
    'urn:astrovoc:vocabulary:refframe@2022-02-22',
    'urn:astrovoc:mappings:object-type_uat',
    'urn:astrovoc:manifest',
    '__proto__',
    'constructor',
  ),
  fc.tuple(oddScheme, oddText(30)).map(([s, rest]) => `${s}:${rest}`),
  fc
    .tuple(
      fc.constantFrom('http://www.ivoa.net/rdf/refframe#', 'http://www.ivoa.net/rdf/', 'https://voparis-ns.obspm.fr/', 'http://astrothesaurus.org/uat/'),
      anyText(3000),
    )
    .map(([base, rest]) => base + rest),
);

/** Names of built-in object members: a lookup table indexed by user input must not find them. */
export const prototypeKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'isPrototypeOf',
);

/** `format=` values: real ones in odd spellings, prototype keys, media types, empties. */
export const oddFormat: fc.Arbitrary<string> = fc.oneof(
  prototypeKey,
  fc.constantFrom(
    '',
    ' ',
    'json',
    'JSON',
    'xml',
    'csv',
    'tsv',
    'ttl',
    'turtle',
    'nt',
    'jsonld',
    'rdfxml',
    'desise',
    'html',
    'ttl ',
    'text/turtle',
    'application/json',
    '*/*',
    'text/*',
    'application/ld+json;profile=x',
    'a/b/c',
    ';',
    'ttl;q=0',
  ),
  oddText(10),
);

/** Accept headers (visible ASCII only: header values cannot carry more). */
export const oddAccept: fc.Arbitrary<string> = fc.constantFrom(
  '',
  '*/*',
  '*',
  '/',
  'text/*;q=abc',
  'application/json;q=0, */*;q=0',
  'text/html;q=0.5, text/turtle;q=0.5',
  '__proto__',
  'constructor/prototype',
  'application/sparql-results+json;charset=utf-16',
  'text/turtle;q=1.0000001',
  'text/turtle;q=-1',
  ',,,,,,,',
  `${'a/b, '.repeat(2000)}*/*`,
  'application/n-quads',
  'application/x-desise+json',
  'image/png',
);

/** A query-string value, percent-encoded; sometimes with raw bytes that are not UTF-8 (an overlong, a lone surrogate's bytes, a stray %). */
export const encodedValue = (text: fc.Arbitrary<string> = anyText()): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: text.map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom('%FF', '%C0%AF', '%ED%A0%80', '%E2%82', '%', '%2', '%zz', '%00', '%F4%90%80%80', 'a%FFb', '%EF%BB%BF') },
  );

/** A whole query string from name/value pairs, keeping repeats and empties; a name may be `name[]` or `name[x]`. */
export function queryString(pairs: readonly (readonly [string, string])[]): string {
  return pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
}

/**
 * Odd forms of one parameter: absent, empty, repeated, bracketed (extended parsers turn these into
 * arrays and objects), valueless, or a generated value.
 */
export const oddParameter = (name: string, value: fc.Arbitrary<string>): fc.Arbitrary<[string, string][]> =>
  fc.oneof(
    { weight: 6, arbitrary: value.map((v): [string, string][] => [[name, v]]) },
    { weight: 1, arbitrary: fc.constant<[string, string][]>([]) },
    { weight: 1, arbitrary: fc.constant<[string, string][]>([[name, '']]) },
    {
      weight: 1,
      arbitrary: fc.tuple(value, value).map(([a, b]): [string, string][] => [
        [name, a],
        [name, b],
      ]),
    },
    { weight: 1, arbitrary: value.map((v): [string, string][] => [[`${name}[]`, v]]) },
    { weight: 1, arbitrary: value.map((v): [string, string][] => [[`${name}[__proto__]`, v]]) },
  );

/** Numbers as a query string carries them: out of range, fractional, huge, not numbers. */
export const oddNumber = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.constantFrom(
    '',
    '0',
    '-0',
    '-1',
    '1e400',
    '1e-400',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '1.5',
    '9007199254740993',
    '99999999999999999999999',
    ' 1',
    '1 ',
    '١٢',
    'null',
    'true',
    '[]',
    '{}',
  ),
);

/** A JSON text nested `depth` deep in arrays or objects (written, not built: JSON.stringify would overflow first). */
export const deepJson = (min: number, max: number): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min, max }), fc.constantFrom('array', 'object', 'mixed')).map(([n, kind]) => {
    if (kind === 'array') return `${'['.repeat(n)}1${']'.repeat(n)}`;
    if (kind === 'object') return `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    return `${'[{"a":'.repeat(n)}1${'}]'.repeat(n)}`;
  });

/** A JSON string literal holding text that may contain lone surrogates (as \\u escapes), NUL and other controls. */
export const jsonStringLiteral = (text: fc.Arbitrary<string> = anyText()): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: text.map((t) => JSON.stringify(t)) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.oneof(oddCharacter, loneSurrogate), { maxLength: 20 })
        .map(
          (a) =>
            `"${a.map((c) => (c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff && c.length === 1 ? `\\u${c.charCodeAt(0).toString(16)}` : JSON.stringify(c).slice(1, -1))).join('')}"`,
        ),
    },
  );

/** An XML document nested `n` elements deep. */
export const deepXml = (element: string, inside: string, min: number, max: number): fc.Arbitrary<string> =>
  nested(`<${element}>`, `</${element}>`, inside, min, max);

/** The "billion laughs" entity expansion, `levels` deep, and an external entity (XXE) that must never be read. */
export function entityBomb(levels: number, root: string, use: string): string {
  const entities = [`<!ENTITY l0 "lollollollollollollollollollol">`];
  for (let i = 1; i <= levels; i++) entities.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE ${root} [\n${entities.join('\n')}\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n${use.replaceAll('ENTITY', `&l${levels};`).replaceAll('XXE', '&xxe;')}`;
}

/** Content-Type values around a real one: parameters, case, charsets nobody supports, nonsense. */
export const oddContentType = (real: string): fc.Arbitrary<string> =>
  fc.constantFrom(
    real,
    real.toUpperCase(),
    `${real}; charset=utf-8`,
    `${real}; charset=latin1`,
    `${real}; charset=utf-16`,
    `${real}; charset=__proto__`,
    `${real};;;`,
    `${real}; a="b`,
    ` ${real} `,
    `${real}, text/plain`,
  );
