import { checkRequestBounds, nestingDepth, SparqlError } from '../../../src/sparql/index.js';
import { requestShape } from '../../../src/sparql/request-bounds.js';

describe('nestingDepth: the main thread’s one linear pass over a request text', () => {
  test('counts braces, parentheses and brackets together', () => {
    expect(nestingDepth('SELECT * WHERE { ?s ?p ?o }')).toBe(1);
    expect(nestingDepth('SELECT * WHERE { OPTIONAL { ?s ?p [ ?q (1 2) ] } FILTER((?x)) }')).toBe(4);
    expect(nestingDepth(`SELECT * WHERE ${'{ '.repeat(800)}?s ?p ?o${' }'.repeat(800)}`)).toBe(800);
  });

  test('skips strings (short, long, with escapes), IRIs and comments', () => {
    expect(nestingDepth('SELECT * WHERE { ?s ?p "{{{{\\"{{" }')).toBe(1);
    expect(nestingDepth("SELECT * WHERE { ?s ?p '''{{{\n{{{''' }")).toBe(1);
    expect(nestingDepth('SELECT * WHERE { ?s <urn:x((([[> ?o } # {{{{{{')).toBe(1);
    expect(nestingDepth('SELECT * WHERE { ?s <urn:x{{> ?o }')).toBe(3);
  });

  test('a < that opens no IRI is the less-than operator', () => {
    expect(nestingDepth('SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && (?o > 1)) }')).toBe(3);
  });

  test('an unclosed string, IRI or surplus closing bracket ends the pass without error', () => {
    expect(nestingDepth('{ "abc')).toBe(1);
    expect(nestingDepth('{ <abc')).toBe(1);
    expect(nestingDepth('}}} { ')).toBe(1);
  });

  test('stays linear: 1 MB of adversarial text takes well under half a second (a quadratic pass would take minutes)', () => {
    const text = `${'({['.repeat(100_000)}${'<a'.repeat(100_000)}${'"'.repeat(100_000)}`;
    const started = performance.now();
    expect(nestingDepth(text)).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('checkRequestBounds', () => {
  const bounds = { maxLength: 100, maxDepth: 3, maxGroups: 4 };

  test('a text within its bounds passes', () => {
    expect(() => checkRequestBounds('SELECT * WHERE { ?s ?p ?o }', bounds, 'query')).not.toThrow();
  });

  test('a text over the length or depth bound is a query-bound error naming the parameter, the bound and its value', () => {
    const long = (() => {
      try {
        checkRequestBounds(`SELECT * WHERE { ?s ?p ?o } ${'#'.repeat(100)}`, bounds, 'query');
      } catch (error) {
        return error as SparqlError;
      }
    })();
    expect(long).toBeInstanceOf(SparqlError);
    expect(long?.code).toBe('query-bound');
    expect(long?.details).toEqual({ parameter: 'query', bound: 'length', limit: 100 });
    expect(() => checkRequestBounds('INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> [ <urn:q> [ <urn:r> 1 ] ] } }', bounds, 'update')).toThrow(
      /update: nested 4 levels deep .* bound of 3/,
    );
  });
});

describe('requestShape: group patterns counted in the same pass', () => {
  test('counts every { outside strings, IRIs and comments, however flat', () => {
    const chain = `SELECT * WHERE { ${Array.from({ length: 3000 }, () => '{ ?s ?p ?o }').join(' UNION ')} }`;
    expect(requestShape(chain)).toEqual({ depth: 2, groups: 3001 });
    expect(requestShape('SELECT * WHERE { ?s ?p "{{{" } # {{')).toEqual({ depth: 1, groups: 1 });
  });

  test('a text over the groups bound is a query-bound error naming it', () => {
    expect(() =>
      checkRequestBounds(
        'SELECT * WHERE { { ?s ?p ?o } UNION { ?s ?p ?o } UNION { ?s ?p ?o } UNION { ?s ?p ?o } }',
        { maxLength: 1000, maxDepth: 10, maxGroups: 4 },
        'query',
      ),
    ).toThrow(/query: 5 group patterns .* bound of 4/);
  });
});
